"""Search by place (issue 18, item 3): a place in the query, the territory facet, the entry
page, the CLI and the exports, on the seed.

The expected entries come from the table read by hand (tests/indexer/test_territories_seed.py),
never from the index's own output.
"""

from __future__ import annotations

import csv
import io
import json

import bibtexparser
import pytest
import rispy

from indexer.build.builder import build_index
from indexer.territories import default_gazetteer
from search_ui import cli
from search_ui.engine.criteria import SearchRequest, request_from_pairs
from search_ui.engine.places import ABROAD, ABROAD_NAME, find_places
from search_ui.engine.search import SearchService

from ..indexer.test_territories_seed import BRETAGNE, HAUTS_DE_FRANCE, RENNES, SEED
from .html import soup
from .test_partial import TINY_ISSUE

NORMANDIE = "reg-28"


def about(code: str) -> set[str]:
    """Return the seed entries about a territory or a place inside it (the hand table)."""
    closure = default_gazetteer().closure
    return {
        key for key, (_, named, published) in SEED.items() if code in closure(named | published)
    }


def explicit(code: str) -> set[str]:
    """Return the seed entries naming the territory, or published there."""
    return {key for key, (_, named, published) in SEED.items() if code in named | published}


def ids(data: dict) -> list[str]:
    """Return the hits' ids, in order."""
    return [hit["id"] for hit in data["hits"]]


# -- a place in the query -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Bretagne", BRETAGNE),
        ("bretagne", BRETAGNE),
        ("Hauts-de-France", HAUTS_DE_FRANCE),
        ("hauts-de-france", HAUTS_DE_FRANCE),
        ("Rennes", RENNES),
        ("rennes", RENNES),
    ],
)
def test_a_place_finds_the_entries_about_it_or_inside_it_explicit_ones_first(
    client, query: str, code: str
) -> None:
    data = client.get("/api/search", query_string={"q": query, "per_page": 100}).json
    found = ids(data)
    assert about(code) <= set(found)
    assert data["total"] == len(found) and not data["relaxed"]
    named = explicit(code)
    assert named and set(found[: len(named)]) == named  # those naming it come first


def test_bretagne_reaches_the_entries_about_rennes(client) -> None:
    found = set(ids(client.get("/api/search?q=Bretagne&per_page=100").json))
    assert "0e360e6037bd" in found  # « Faire la ville autrement »: Rennes, never « Bretagne »


def test_a_place_no_entry_is_about_says_so(client) -> None:
    data = client.get("/api/search?q=Normandie").json
    assert data["total"] == 0 and data["hits"] == []
    assert data["absent_places"] == ["Normandie"]
    assert "Normandie" not in data["absent_words"]  # said once, as a place
    page = client.get("/search?q=Normandie").get_data(as_text=True)
    assert "Aucune notice ne porte sur Normandie." in page
    assert not about(NORMANDIE)


@pytest.mark.parametrize("word", ["tours", "nord", "orange", "vannes", "maçon", "sens"])
def test_a_lowercase_common_word_is_no_place(word: str) -> None:
    assert find_places([word]) == []


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("les tiers-lieux à tours", "Tours"),  # its context makes it the place
        ("Vannes", "Vannes"),  # written with its capital
        ("lille", "Lille"),
        ("rennais", "Rennes"),
        ("pays de la loire", "Pays de la Loire"),
        ("ille-et-vilaine", "Ille-et-Vilaine"),
    ],
)
def test_a_place_is_found_in_what_users_type(words: str, name: str) -> None:
    assert [place.name for place in find_places(words.split())] == [name]


def test_tours_in_lower_case_searches_the_word(client) -> None:
    data = client.get("/api/search?q=tours").json
    assert data["absent_places"] == []
    assert all("com-37261" not in hit["territories"] for hit in data["hits"])


def test_a_place_with_other_words_keeps_them_required(client) -> None:
    data = client.get("/api/search?q=Bretagne+ville&per_page=100").json
    whole = {hit["id"] for hit in data["hits"] if not hit["partial"]}
    assert whole and whole <= about(BRETAGNE)


@pytest.mark.parametrize(
    "words", ["à l'étranger", "l’étranger", "autres pays", "pays étrangers", "international"]
)
def test_words_meaning_outside_france_name_every_place_abroad(words: str) -> None:
    assert [(p.code, p.name) for p in find_places(words.split())] == [(ABROAD, ABROAD_NAME)]


def test_hors_de_france_is_abroad_not_france() -> None:
    places = find_places(["tiers-lieux", "hors", "de", "France"])
    assert [(p.start, p.end, p.code) for p in places] == [(1, 4, ABROAD)]


def abroad() -> set[str]:
    """Return the seed entries about a place abroad (the hand table)."""
    return {key for key in SEED if any(code.startswith("int-") for code in about_any(key))}


def about_any(key: str) -> frozenset[str]:
    _, named, published = SEED[key]
    return default_gazetteer().closure(named | published)


def test_abroad_finds_the_entries_about_any_place_abroad(client) -> None:
    data = client.get("/api/search", query_string={"q": "à l'étranger", "per_page": 100}).json
    whole = {hit["id"] for hit in data["hits"] if not hit["partial"] and not hit["related"]}
    assert len(abroad()) >= 5 and abroad() <= whole
    assert data["absent_places"] == []


def test_a_subject_abroad_keeps_its_words_required(client) -> None:
    q = "l'innovation publique dans les autres pays"
    data = client.get("/api/search", query_string={"q": q, "per_page": 100}).json
    whole = [hit for hit in data["hits"] if not hit["partial"] and not hit["related"]]
    # « Public policy labs in European Union members states »: Europe, never « pays ».
    assert "b7d332d85936" in {hit["id"] for hit in whole}
    assert {hit["id"] for hit in whole} <= abroad()
    # « autres pays » is one clause of the partial matches: the place, not two words.
    missing = {word for hit in data["hits"] if hit["partial"] for word in hit["missing"]}
    assert missing == {"l'innovation", "publique", "autres pays"}


def test_an_index_with_nothing_abroad_says_so(tmp_path) -> None:
    (tmp_path / "issue.txt").write_text(TINY_ISSUE, encoding="utf-8")
    build_index([tmp_path / "issue.txt"], tmp_path / "index")
    result = SearchService(tmp_path / "index").search(request_from_pairs([("q", "à l'étranger")]))
    assert result.total == 0 and result.absent_places == [ABROAD_NAME]


# -- the facet ----------------------------------------------------------------------------------


def test_the_facet_filters_with_the_closure_and_counts_the_hand_table(client) -> None:
    data = client.get("/api/search?territory=reg-53&per_page=100").json
    assert set(ids(data)) == about(BRETAGNE)
    values = {value["value"]: value for value in data["facets"]["territory"]}
    assert values["reg-53"]["selected"] and values["reg-53"]["count"] == len(about(BRETAGNE))
    assert values["reg-53"]["label"] == "Bretagne"
    assert values["dep-35"]["count"] == len(about("dep-35"))  # a selected région opens
    assert values["dep-35"]["label"] == "Ille-et-Vilaine"


def test_the_top_level_is_régions_and_places_abroad(client) -> None:
    listed = client.get("/api/search?facet_size=1000").json["facets"]["territory"]
    codes = [value["value"] for value in listed]
    assert all(code.startswith(("reg-", "int-")) for code in codes)
    assert {"reg-53", "reg-32", "reg-11", "int-EU"} <= set(codes)
    counts = [value["count"] for value in listed]
    assert counts == sorted(counts, reverse=True)


def test_the_page_nests_the_selected_territory_under_what_holds_it(client) -> None:
    page = soup(client.get("/search?territory=com-35238"))
    panel = page.select_one("#facette-territory")
    assert panel.legend.get_text(strip=True) == "Territoire"
    rennes = panel.select_one('input[value="com-35238"]')
    assert rennes.has_attr("checked")
    holders = [li.select_one(":scope > label input")["value"] for li in rennes.find_parents("li")]
    assert holders == ["com-35238", "epci-243500139", "dep-35", "reg-53"]
    names = [name.get_text(strip=True) for name in panel.select(".facet-name")]
    assert {"Bretagne", "Ille-et-Vilaine", "Rennes Métropole", "Rennes"} <= set(names)
    assert panel.select_one(".facet-group").get_text(strip=True) == "Hors de France"


def test_the_facet_page_lists_every_value_with_its_name_and_filters_by_name(client) -> None:
    data = client.get("/api/facets/territory?q_value=vilaine").json
    assert {"value": "dep-35", "label": "Ille-et-Vilaine"}.items() <= data["values"][0].items()
    every = client.get("/api/facets/territory").json
    assert every["total_values"] == len({code for key in SEED for code in about_codes(key)})
    page = client.get("/facets/territory?q_value=bretagne").get_data(as_text=True)
    assert "Bretagne" in page


def about_codes(key: str) -> frozenset[str]:
    """Return one seed entry's codes, closed upward (the hand table)."""
    _, named, published = SEED[key]
    return default_gazetteer().closure(named | published)


# -- the entry page and its JSON ----------------------------------------------------------------


def test_the_entry_page_links_its_territories(client) -> None:
    page = soup(client.get("/entry/193be894b21d"))  # TiLab, la région Bretagne
    links = {a.get_text(strip=True): a["href"] for a in page.select("ul.territories a")}
    assert links["Bretagne"] == "/search?territory=reg-53"
    data = client.get("/api/entries/0e360e6037bd").json  # Rennes
    assert set(data["territories"]) == about_codes("0e360e6037bd")
    assert data["territory_names"]["com-35238"] == "Rennes"
    assert data["territory_names"]["reg-53"] == "Bretagne"
    assert "com-35238" in data["territories_named"]


def test_hits_carry_their_territories(client) -> None:
    hit = client.get("/api/search?q=Rennes").json["hits"][0]
    assert set(hit["territories"]) == about_codes(hit["id"])


# -- the CLI and the exports --------------------------------------------------------------------


def test_the_cli_filters_by_territory(seed_index_dir, capsys) -> None:
    args = ["search", "--territory", "reg-32", "--json", "--limit", "100"]
    assert cli.main([*args, "--index-dir", str(seed_index_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(ids(data)) == about(HAUTS_DE_FRANCE)
    assert cli.main(["search", "--territory", "reg-32", "--index-dir", str(seed_index_dir)]) == 0
    assert "Hauts-de-France [reg-32]" in capsys.readouterr().out


def test_exports_carry_the_territories(client) -> None:
    query = "q=Rennes"
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/export/csv?{query}").get_data(as_text=True).lstrip("\ufeff"))
        )
    )
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == about(RENNES)
    assert "Rennes" in by_id["0e360e6037bd"]["territories"].split("; ")
    assert set(by_id["0e360e6037bd"]["territory_codes"].split("; ")) == about_codes("0e360e6037bd")

    ris = rispy.loads(client.get(f"/export/ris?{query}").get_data(as_text=True))
    assert all("Rennes" in entry["keywords"] for entry in ris)

    bib = bibtexparser.loads(client.get(f"/export/bibtex?{query}").get_data(as_text=True))
    assert all("Rennes" in entry["keywords"].split(", ") for entry in bib.entries)

    items = json.loads(client.get(f"/export/csljson?{query}").get_data(as_text=True))
    assert all("Rennes" in item["keyword"].split(", ") for item in items)


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        (["reg-53", "dep-35"], ["dep-35"]),  # a département ticked under its région narrows
        (["dep-35", "com-35238", "reg-53"], ["com-35238"]),
        (["reg-53", "dep-13"], ["reg-53", "dep-13"]),  # unrelated places: either
        (["int-EU", "int-ES"], ["int-ES"]),
    ],
)
def test_a_place_and_what_holds_it_select_the_place(client, sent, kept) -> None:
    data = client.get("/api/search", query_string={"territory": sent}).json
    assert {v["value"] for v in data["facets"]["territory"] if v["selected"]} == set(kept)
    alone = client.get("/api/search", query_string={"territory": kept}).json
    assert data["total"] == alone["total"]


def test_choosing_a_place_that_holds_a_chosen_one_widens_the_search() -> None:
    rennes = SearchRequest(filters={"territory": ("com-35238", "dep-13")})
    assert rennes.toggled("territory", "reg-53").filters == {"territory": ("dep-13", "reg-53")}
    region = SearchRequest(filters={"territory": ("reg-53",)})
    assert region.toggled("territory", "dep-35").filters == {"territory": ("dep-35",)}
    sections = SearchRequest(filters={"section": ("Agenda",)})
    assert sections.toggled("section", "Lab").filters == {"section": ("Agenda", "Lab")}


@pytest.mark.parametrize(("typed", "code"), [("Nord", "dep-59"), ("Hauts-de-France", "reg-32")])
def test_a_place_name_typed_alone_finds_the_entries_about_the_place(client, typed, code) -> None:
    """« Nord » needs a context in a text (« en Nord »); a query of the name alone asks for
    the place."""
    found = client.get("/api/search", query_string={"q": typed}).json
    about = client.get("/api/search", query_string={"territory": code}).json
    assert about["total"] > 0
    assert {h["id"] for h in about["hits"]} <= {h["id"] for h in found["hits"]}
    lower = client.get("/api/search", query_string={"q": typed.lower()}).json
    assert lower["total"] <= found["total"]


def test_a_place_of_several_words_is_not_its_words_apart(client) -> None:
    """« Grand Est »: no entry of the seed is about it, though some say « Grand Paris »."""
    assert client.get("/api/search", query_string={"q": "grand"}).json["total"] > 0
    data = client.get("/api/search", query_string={"q": "Grand Est"}).json
    assert (data["total"], data["absent_places"]) == (0, ["Grand Est"])
