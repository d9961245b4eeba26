"""Partial matches: after the entries with every word, those with most of the weighted words."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from indexer.build.builder import build_index
from search_ui import cli
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.search import SearchService

from .html import soup

TOPIC = "design des politiques publiques"  # the seed's 3-word topic of issue 17


def split(result) -> tuple[list, list]:
    """Return a result's whole and partial hits (the related entries after them aside)."""
    whole = [h for h in result.hits if not h.partial and not h.related]
    return whole, [h for h in result.hits if h.partial]


def ids(hits) -> list[str]:
    return [hit.id for hit in hits]


def test_the_seed_topic_finds_the_studies_without_every_word(search):
    result = search(TOPIC, per_page=100)
    whole, partial = split(result)
    assert len(whole) == result.total > 0
    assert len(partial) == result.partial_total > 0
    titles = {hit.title: hit.missing for hit in partial}
    # Judged relevant (benchmarks/relevance): the strict AND left them out.
    design = "Le design est-il soluble dans l'administration ? Trois trajectoires"
    forms = "Les formes d'innovation publique par le design : un essai de cartographie"
    assert [m for t, m in titles.items() if t.startswith(design)] == [["politiques"]]
    assert [m for t, m in titles.items() if t.startswith(forms)] == [["politiques"]]


@pytest.mark.parametrize(
    "q", [TOPIC, "service design", "innovation sociale dans les territoires", "tiers lieux"]
)
@pytest.mark.parametrize("sort", ["relevance", "-date", "title"])
def test_whole_matches_all_come_before_the_partial_ones(search, q, sort):
    result = search(q, per_page=100, sort=sort)
    tiers = [2 if hit.related else int(hit.partial) for hit in result.hits]
    assert tiers == sorted(tiers)  # whole, …, partial, …, related (tests/…/test_related.py)
    assert tiers.count(0) == result.total
    assert tiers.count(1) == result.partial_total
    assert result.matched == result.total + result.partial_total + result.related_total
    assert all(hit.missing == [] for hit in result.hits if not hit.partial)


def test_a_rare_word_of_little_meaning_does_not_rank_the_partial_matches(search):
    partial = split(search("rôle des régions dans l'innovation", per_page=100))[1]
    # « rôle » is rarer than « régions » in the seed, but the entries about the regions'
    # innovation (the regional labs) say more of the subject than those about a « rôle ».
    assert partial[0].missing == ["rôle"]
    titles = {hit.id: hit.title.lower() for hit in partial}
    regional_labs = [h for h in partial if {"laboratoire", "région"} <= set(titles[h.id].split())]
    assert len(regional_labs) == 2
    ranks = {hit.id: rank for rank, hit in enumerate(partial)}
    lacking_regions = [ranks[hit.id] for hit in partial if "régions" in hit.missing]
    assert ranks[regional_labs[0].id] < min(lacking_regions)


@pytest.mark.parametrize("q", [TOPIC, "service design", "innovation sociale dans les territoires"])
def test_each_partial_hit_lacks_exactly_the_words_it_names(search, q):
    result = search(q, per_page=100)
    words = [w for w in q.split() if search(w).total]  # stop words find nothing alone
    holding = {word: set(ids(split(search(word, per_page=100))[0])) for word in words}
    for hit in split(result)[1]:
        assert hit.missing and set(hit.missing) < set(words)
        for word in words:
            assert (hit.id in holding[word]) == (word not in hit.missing), (hit.title, word)


def test_paging_runs_across_the_two_tiers(search):
    every = search(TOPIC, per_page=100)
    per_page = 4
    assert every.total % per_page  # a page holds the last whole and the first partial hits
    paged = []
    for page in range(1, -(-len(every.hits) // per_page) + 1):
        result = search(TOPIC, per_page=per_page, page=page)
        assert (result.total, result.partial_total) == (every.total, every.partial_total)
        assert result.pages == -(-every.matched // per_page)
        paged += result.hits
    assert ids(paged) == ids(every.hits)
    boundary = search(TOPIC, per_page=per_page, page=every.total // per_page + 1)
    assert {hit.partial for hit in boundary.hits} == {False, True}


def test_facets_count_the_whole_matches_only(search, records):
    result = search(TOPIC, per_page=100, facet_size=1000)
    whole = set(ids(split(result)[0]))
    expected = Counter(r["doc_type"] for r in records if r["id"] in whole)
    counted = {value.value: value.count for value in result.facets["type"]}
    assert counted == dict(expected)
    assert sum(counted.values()) == result.total


def test_a_query_without_any_whole_match_stays_relaxed(search):
    result = search("intelligence artificielle")
    assert result.relaxed and result.total == 0
    assert result.partial_total == 0 and not any(hit.partial for hit in result.hits)


@pytest.mark.parametrize(
    "q",
    [
        "innovation",  # one word
        "design OR politiques publiques",  # the user's own logic
        "(design politiques) publiques",
    ],
)
def test_no_partial_tier_for_one_word_or_written_logic(search, q):
    assert search(q, per_page=100).partial_total == 0


def test_exclusions_and_fields_always_apply(search):
    result = search(f"{TOPIC} -administration", per_page=100)
    assert result.partial_total
    excluded = set(ids(split(search("administration", per_page=100))[0]))
    assert not excluded & set(ids(result.hits))
    titled = search("title:design politiques publiques", per_page=100)
    titled_design = set(ids(search("title:design", per_page=100).hits))
    assert set(ids(titled.hits)) <= titled_design


def test_exports_and_feeds_list_the_whole_matches(service):
    request = request_from_pairs([("q", TOPIC)])
    result = service.search(request)
    assert result.partial_total
    assert len(service.hit_records(request)) == result.total


TINY_ISSUE = """Veille & territoires

EN QUELQUES CLICS

Hors-Série #9
décembre 2018

Tableaux & Territoires

Sommaire :

- Données

Données

► Premier tableau de bord des communes.

Conseil & Recherche, décembre 2018. 12 p.

Un tableau de bord et ses cartes.

► Deuxième tableau de bord des régions.

Conseil & Recherche, décembre 2018. 10 p.

Un tableau de bord sans rien d'autre.

► Troisième tableau de bord des départements.

Conseil & Recherche, décembre 2018. 8 p.

Un tableau de bord, encore.
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    """Return a search service on three entries that all hold « tableau de bord »."""
    folder = tmp_path_factory.mktemp("tiny")
    (folder / "issue.txt").write_text(TINY_ISSUE, encoding="utf-8")
    build_index([folder / "issue.txt"], folder / "index")
    return SearchService(folder / "index")


def test_words_found_everywhere_leave_no_partial_tier(tiny):
    result = tiny.search(request_from_pairs([("q", "tableau bord")]))
    assert (result.total, result.partial_total) == (3, 0)
    # Missing the one rare word is missing the point: the others are no partial matches.
    rare = tiny.search(request_from_pairs([("q", "tableau cartes")]))
    assert (rare.total, rare.partial_total) == (1, 0)


CYCLING_ISSUE = """Veille & territoires

EN QUELQUES CLICS

Hors-Série #9
décembre 2018

Cartes & Territoires

Sommaire :

- Cartes

Cartes

""" + "".join(
    f"► {title}.\n\nConseil & Recherche, décembre 2018. 12 p.\n\n{text}.\n\n"
    for title, text in [
        ("Cartes du vélo à Nantes", "Pistes cyclables et mobilité douce : itinéraires du vélo"),
        ("Cartes du vélo à Lyon", "Pistes cyclables et mobilité douce : réseau du vélo"),
        # The same words the query has, as often, in as long a text: ties but for the subject.
        ("Cartes des bureaux de vote", "Scrutin et listes électorales : adresses des bureaux"),
        ("Cartes des pistes cyclables", "Pistes cyclables et mobilité douce : itinéraires"),
        ("Atlas des paysages", "Bocages et forêts du département"),
        ("Guide du compostage", "Déchets verts et jardins partagés"),
        ("Observatoire des loyers", "Logement et habitat dans la métropole"),
        ("Annuaire des associations", "Vie associative et bénévolat"),
        ("Calendrier des marchés", "Commerce de proximité et producteurs"),
        ("Plan climat", "Énergie et sobriété des bâtiments"),
    ]
)


def test_partial_matches_on_the_subject_of_the_whole_ones_come_first(tmp_path):
    (tmp_path / "issue.txt").write_text(CYCLING_ISSUE, encoding="utf-8")
    build_index([tmp_path / "issue.txt"], tmp_path / "index")
    result = SearchService(tmp_path / "index").search(request_from_pairs([("q", "cartes vélo")]))
    whole, partial = split(result)
    assert sorted(hit.title for hit in whole) == [
        "Cartes du vélo à Lyon",
        "Cartes du vélo à Nantes",
    ]
    # Both lack « vélo » and score alike for « cartes »; the cycle paths are what the
    # whole matches are about, the polling stations (listed first in the issue) are not.
    assert [hit.title for hit in partial] == [
        "Cartes des pistes cyclables",
        "Cartes des bureaux de vote",
    ]


# -- the page, the API and the CLI ------------------------------------------------------------


def test_the_page_separates_the_partial_hits_and_says_what_they_lack(client):
    page = soup(client.get("/search", query_string={"q": TOPIC, "per_page": "100"}))
    lists = page.select("ol.hits")
    assert len(lists) >= 2 and "hits-partial" in lists[1]["class"]
    note = page.find(class_="partial-note").get_text(" ", strip=True)
    assert note.startswith("Ces notices ne contiennent qu'une partie des mots")
    whole, partial = lists[0].select("li.hit"), lists[1].select("li.hit")
    assert int(lists[1]["start"]) == len(whole) + 1
    assert all(not hit.select(".hit-missing") for hit in whole)
    missing = [hit.select_one(".hit-missing").get_text(" ", strip=True) for hit in partial]
    assert all(text.startswith("manque :") for text in missing)
    assert "« design »" in missing[-1]
    scope = page.find(class_="facet-scope").get_text(" ", strip=True)
    assert "qui contiennent tous les mots" in scope
    stats = page.find(class_="stats").get_text(" ", strip=True)
    assert f"{len(partial)} notices avec une partie des mots" in stats


def test_a_page_without_partial_hits_has_no_separator(client):
    page = soup(client.get("/search", query_string={"q": "innovation"}))
    assert not page.select(".partial-note, .hit-missing, .facet-scope, ol.hits-partial")


def test_the_api_carries_partial_missing_and_partial_total(client):
    data = client.get("/api/search", query_string={"q": TOPIC, "per_page": "100"}).get_json()
    assert data["partial_total"] == sum(hit["partial"] for hit in data["hits"]) > 0
    assert data["total"] == sum(not hit["partial"] and not hit["related"] for hit in data["hits"])
    assert all(hit["missing"] for hit in data["hits"] if hit["partial"])
    assert all(hit["missing"] == [] for hit in data["hits"] if not hit["partial"])
    plain = client.get("/api/search", query_string={"q": "innovation"}).get_json()
    assert plain["partial_total"] == 0  # always there: clients need not test for it


def test_veille_search_shows_the_separator_and_its_json_is_the_api(
    client, seed_index_dir: Path, capsys
):
    args = ["search", TOPIC, "--limit", "100", "--index-dir", str(seed_index_dir)]
    assert cli.main(args) == 0
    text = capsys.readouterr().out
    assert "— Ces notices ne contiennent qu'une partie des mots —" in text
    assert "manque : « politiques »" in text
    assert cli.main([*args, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    served = client.get("/api/search", query_string={"q": TOPIC, "per_page": "100"}).get_json()
    for data in (printed, served):
        data.pop("took_ms")
        for hit in data["hits"]:
            hit.pop("snippet")  # Whoosh picks its fragments anew on each call
    assert printed == served
