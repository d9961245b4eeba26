"""Related entries: after the whole and partial matches, entries on the same subjects that
lack the words typed (pseudo-relevance feedback, search_ui/engine/related.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from search_ui import cli
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.related import LISTED_BELOW, MAX_RELATED

from .html import soup

# One whole match (beta.gouv.fr's network of incubators) in the seed, partial ones (the
# portrait of Paris&Co's incubator says « incubateurs » but not « réseau »), then entries on
# the same subjects with neither word.
NARROW = "reseau des incubateurs"
PARIS_AND_CO = "Les incubateurs dans la Métropole du Grand Paris : portrait de Paris&Co"


def tiers(result) -> list[int]:
    return [2 if hit.related else int(hit.partial) for hit in result.hits]


def test_a_short_list_is_followed_by_entries_on_its_subject(search):
    result = search(NARROW, per_page=100)
    related = [hit for hit in result.hits if hit.related]
    assert result.total == 1 and related
    assert [hit.missing for hit in result.hits if hit.title == PARIS_AND_CO] == [["réseau"]]
    assert tiers(result) == sorted(tiers(result))  # whole, partial, then related
    assert result.related_total == len(related) <= MAX_RELATED
    assert result.matched == result.total + result.partial_total + result.related_total
    assert all(not hit.partial and hit.missing == [] for hit in related)
    shown = [hit.id for hit in result.hits]
    assert len(shown) == len(set(shown))  # no entry in two tiers


def test_a_query_finding_nothing_gets_no_related_entries(search):
    result = search("intelligence artificielle", per_page=100)
    assert result.relaxed and result.total == 0
    assert result.related_total == 0 and not any(hit.related for hit in result.hits)


def test_a_long_list_has_no_related_tier(search):
    result = search("innovation", per_page=100)
    assert result.total + result.partial_total >= LISTED_BELOW
    assert result.related_total == 0


def test_written_logic_has_no_related_tier(search):
    for q in ("reseau OR incubateurs", "incubateurs -startups", "title:incubateurs"):
        assert search(q, per_page=100).related_total == 0, q


def test_facet_filters_apply_to_related_entries(search):
    result = search(NARROW, per_page=100)
    kind = next(hit.doc_type for hit in result.hits if hit.related)
    filtered = search(NARROW, per_page=100, type=kind)
    assert all(hit.doc_type == kind for hit in filtered.hits)


def test_facets_and_exports_count_the_whole_matches_only(service, search, records):
    result = search(NARROW, per_page=100, facet_size=1000)
    assert result.related_total
    counted = {value.value: value.count for value in result.facets["type"]}
    whole = {hit.id for hit in result.hits if not hit.partial and not hit.related}
    assert counted == dict(Counter(r["doc_type"] for r in records if r["id"] in whole))
    request = request_from_pairs([("q", NARROW)])
    assert len(service.hit_records(request)) == result.total


def test_a_corrected_query_has_the_tiers_of_its_correction(search):
    result = search("laboratoire d'inovation publique", per_page=100)
    assert result.relaxed and result.suggestion == "laboratoire d'innovation publique"
    corrected = search("laboratoire d'innovation publique", per_page=100)
    assert [hit.id for hit in result.hits] == [hit.id for hit in corrected.hits]
    assert (result.partial_total, result.related_total) == (
        corrected.partial_total,
        corrected.related_total,
    )


def test_paging_reaches_the_related_entries(search):
    every = search(NARROW, per_page=100)
    paged = []
    for page in range(1, -(-every.matched // 2) + 1):
        result = search(NARROW, per_page=2, page=page)
        if not result.hits:
            break
        paged += result.hits
    assert [hit.id for hit in paged] == [hit.id for hit in every.hits]
    assert [hit.related for hit in paged] == [hit.related for hit in every.hits]


def test_the_page_the_api_and_the_cli_show_the_related_tier(client, seed_index_dir: Path, capsys):
    page = soup(client.get("/search", query_string={"q": NARROW, "per_page": "100"}))
    (listed,) = page.select("ol.hits-related")
    before = len(page.select("ol.hits:not(.hits-related) li.hit"))
    assert int(listed["start"]) == before + 1
    note = page.find(class_="related-note").get_text(" ", strip=True)
    assert note.startswith("Notices sur des sujets proches")
    stats = page.find(class_="stats").get_text(" ", strip=True)
    assert "sur des sujets proches" in stats
    data = client.get("/api/search", query_string={"q": NARROW, "per_page": "100"}).get_json()
    assert data["related_total"] == sum(hit["related"] for hit in data["hits"]) > 0
    assert [hit["data-id"] for hit in listed.select("li.hit")] == [
        hit["id"] for hit in data["hits"] if hit["related"]
    ]
    assert (
        client.get("/api/search", query_string={"q": "innovation"}).get_json()["related_total"] == 0
    )
    args = ["search", NARROW, "--limit", "100", "--index-dir", str(seed_index_dir)]
    assert cli.main(args) == 0
    assert "— Notices sur des sujets proches —" in capsys.readouterr().out


def test_key_terms_are_words_weighed_from_one_and_kept(service):
    generation, searcher = service.live()
    docnum = generation.derived.document(
        next(h.id for h in service.search(request_from_pairs([("q", NARROW)])).hits)
    )
    terms = generation.key_terms.of(docnum, searcher)
    assert terms and terms[0][1] == 1.0
    assert all(term.isalpha() and 0 < weight <= 1.0 for term, weight in terms)
    assert "incub" in dict(terms)  # the stem the title and description repeat
    assert generation.key_terms.of(docnum, searcher) is terms  # computed once
