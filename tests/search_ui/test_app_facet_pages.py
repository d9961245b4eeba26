"""Facets at scale: the page and the API list the top values, a facet's own page all of them.

On a synthetic corpus of many issues (hundreds of publishers, dozens of issues), so that
every facet has more values than the search page shows.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from flask.testing import FlaskClient
from whoosh.index import open_dir

from indexer.build.generations import current_generation
from indexer.facet_specs import BY_KEY, COUNTED
from indexer.schema import GROUP_FIELD
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.facet_pages import FACET_PAGE_SIZE
from search_ui.engine.search import SearchService
from search_ui.engine.territory_facet import is_top
from search_ui.rendering.terminal import render
from search_ui.web.app import create_app

from .html import facet_count, soup

RECORD_KEYS = {"section": "section", "publisher": "publishers", "type": "doc_type",
               "year": "year", "issue": "issue"}  # fmt: skip


@pytest.fixture(scope="module")
def root(synthetic_1200: Path) -> Path:
    return synthetic_1200


@pytest.fixture(scope="module")
def client(root: Path) -> FlaskClient:
    return create_app({"TESTING": True, "INDEX_DIR": str(root)}).test_client()


@pytest.fixture(scope="module")
def records(root: Path) -> list[dict]:
    return SearchService(root).all_records()


@pytest.fixture(scope="module")
def copies_of(root: Path) -> dict[str, str]:
    """Return each entry's group of copies (the `dup_key` column the build wrote), by id."""
    with open_dir(str(current_generation(root))).searcher() as searcher:
        column = searcher.reader().column_reader(GROUP_FIELD)
        return {fields["id"]: column[docnum] for docnum, fields in searcher.reader().iter_docs()}


def values_of(record: dict, facet: str) -> list[str]:
    """Return a record's values for a facet, as strings (no value: none)."""
    value = record[RECORD_KEYS[facet]]
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values if v not in (None, "")]


def every_value(client: FlaskClient, facet: str, **params: object) -> list[dict]:
    """Page through a facet's values with /api/facets/<facet>, checking the paging."""
    values, page = [], 1
    while True:
        data = client.get(f"/api/facets/{facet}?{urlencode({**params, 'page': page})}").json
        assert data["facet"] == facet and data["page"] == page
        assert data["per_page"] == FACET_PAGE_SIZE
        assert len(data["values"]) <= FACET_PAGE_SIZE
        values += data["values"]
        if page == data["pages"]:
            assert len(values) == data["total_values"]
            return values
        assert len(data["values"]) == FACET_PAGE_SIZE
        page += 1


def fold(text: str) -> str:
    """Strip accents and case, independently of the engine's folding."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# -- the search page -------------------------------------------------------------------------


def test_the_page_lists_the_top_values_and_links_to_each_facet_page(client):
    totals = client.get("/api/search?q=territoires").json["facet_totals"]
    page = soup(client.get("/search?q=territoires&sort=title&page=2"))
    for spec in COUNTED:
        panel = page.select_one(f"#facette-{spec.key}")
        if panel is None:
            continue
        boxes = panel.select("input[data-facet]")
        assert len(boxes) == min(spec.visible, totals[spec.key]), spec.key
        more = panel.select_one(".facet-more a")
        if totals[spec.key] > spec.visible:
            href = urlsplit(more["href"])
            assert href.path == f"/facets/{spec.param}"
            assert parse_qsl(href.query) == [("q", "territoires"), ("sort", "title")]
            assert f"les {totals[spec.key]} valeurs" in more.get_text()
        else:
            assert more is None, spec.key
    assert totals["publisher"] > 100  # the corpus has what the page must not list


def test_the_page_weighs_little_whatever_the_number_of_values(client):
    assert len(client.get("/").data) < 100_000


def test_a_selected_value_beyond_the_top_is_listed_checked(client):
    values = every_value(client, "publisher")
    far = values[150]["value"]
    page = soup(client.get("/", query_string={"publisher": far}))
    boxes = page.select("#facette-publisher input[data-facet]")
    assert len(boxes) == BY_KEY["publisher"].visible + 1
    checked = [box for box in boxes if box.has_attr("checked")]
    assert [box["value"] for box in checked] == [far]
    assert facet_count(checked[0]) == values[150]["count"]
    api = client.get("/api/search", query_string={"publisher": far, "facet_size": 3}).json
    listed = api["facets"]["publisher"]
    assert [v["value"] for v in listed[:3]] == [v["value"] for v in values[:3]]
    assert listed[3:] == [{"value": far, "count": values[150]["count"], "selected": True}]


def test_a_selected_value_without_hits_is_still_listed(client):
    data = client.get("/api/search?issue=Aucun+numéro&facet_size=1").json
    assert {"value": "Aucun numéro", "count": 0, "selected": True} in data["facets"]["issue"]


# -- the facet page and its JSON ---------------------------------------------------------------


@pytest.mark.parametrize(
    "selections", [{}, {"type": "rapport"}, {"type": "rapport", "publisher": "beta.gouv.fr"}]
)
@pytest.mark.parametrize("facet", ["publisher", "issue", "section", "year"])
def test_the_facet_page_pages_through_every_value_counted(
    client, records, copies_of, facet, selections
):
    values = every_value(client, facet, **selections)
    others = {k: v for k, v in selections.items() if k != facet}
    kept = [r for r in records if all(v in values_of(r, k) for k, v in others.items())]
    # the copies of one entry (issues listing it again) are one result, so count once
    pairs = {(value, copies_of[r["id"]]) for r in kept for value in values_of(r, facet)}
    expected = Counter(value for value, _ in pairs)
    for value in (v for k, v in selections.items() if k == facet):
        expected.setdefault(value, 0)
    spec = BY_KEY[facet]
    assert [(v["value"], v["count"]) for v in values] == spec.ordered(expected)
    assert {v["value"] for v in values if v["selected"]} == {selections.get(facet)} - {None}
    search = client.get(f"/api/search?{urlencode(selections)}").json
    assert search["facet_totals"][facet] == len(values)


@pytest.mark.parametrize("facet", ["publisher", "issue"])
def test_facet_page_counts_are_those_of_the_search_with_the_value_selected(client, facet):
    search = {"q": "territoires", "type": "rapport"}
    for value in every_value(client, facet, **search)[::7]:
        selected = client.get("/api/search", query_string={**search, facet: value["value"]})
        listed = {v["value"]: v for v in selected.json["facets"][facet]}
        assert listed[value["value"]] == {**value, "selected": True}


def test_the_filter_keeps_the_values_containing_the_text_accents_and_case_aside(client):
    everything = every_value(client, "publisher")
    wanted = [v for v in everything if "economi" in fold(v["value"])]
    assert any("é" in v["value"] for v in wanted)  # « économie », « économique »…
    for typed in ("economi", "ÉCONOMI", "Économi"):
        assert every_value(client, "publisher", q_value=typed) == wanted
    html = soup(client.get("/facets/publisher?q_value=economi"))
    shown = [a["data-value"] for a in html.select(".facet-page-values a")]
    assert shown == [v["value"] for v in wanted][:FACET_PAGE_SIZE]
    assert html.select_one("#q_value")["value"] == "economi"
    empty = client.get("/api/facets/publisher?q_value=zzzqqq").json
    assert (empty["values"], empty["total_values"], empty["pages"]) == ([], 0, 1)


def test_each_value_of_the_facet_page_toggles_it_in_the_search(client):
    html = soup(client.get("/facets/publisher?q=territoires&publisher=beta.gouv.fr&page=2"))
    links = {a["data-value"]: a["href"] for a in html.select(".facet-page-values a")}
    value, href = next(iter(links.items()))
    assert value != "beta.gouv.fr"
    assert parse_qsl(urlsplit(href).query) == [
        ("q", "territoires"),
        ("publisher", "beta.gouv.fr"),
        ("publisher", value),
    ]
    url = "/facets/publisher?q=territoires&publisher=beta.gouv.fr&q_value=BETA"
    selected = soup(client.get(url)).select_one('.facet-page-values a[aria-current="true"]')
    assert selected["data-value"] == "beta.gouv.fr"
    assert selected["href"] == "/search?q=territoires"
    hidden = [(i["name"], i["value"]) for i in html.select(".facet-filter input[type=hidden]")]
    assert hidden == [("q", "territoires"), ("publisher", "beta.gouv.fr")]
    back = html.find("a", string=lambda text: text and "Retour à la recherche" in text)
    assert back["href"] == "/search?q=territoires&publisher=beta.gouv.fr"
    pager = html.select_one('nav.pager a[rel="next"]')
    assert parse_qsl(urlsplit(pager["href"]).query)[-1] == ("page", "3")


# -- /api/search's facet_size ------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 3, 10, 1000])
def test_the_api_lists_facet_size_values_per_facet(client, size):
    data = client.get(f"/api/search?q=territoires&facet_size={size}").json
    for spec in COUNTED:
        listed = data["facets"][spec.api]
        values = every_value(client, spec.param, q="territoires")
        if spec.hierarchical:  # the top level, régions and places abroad (territory_facet.py)
            values = [value for value in values if is_top(value["value"])]
        assert len(listed) == min(size, len(values)), spec.key
        assert listed == values[:size]


def test_the_api_lists_ten_values_by_default(client):
    data = client.get("/api/search").json
    assert len(data["facets"]["publisher"]) == 10 < data["facet_totals"]["publisher"]


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/search?facet_size=0",
        "/api/search?facet_size=1001",
        "/api/search?facet_size=beaucoup",
        "/api/facets/publisher?page=0",
        "/api/facets/publisher?page=deux",
        "/api/facets/publisher?page=10001",
        f"/api/facets/publisher?q_value={'x' * 301}",
        "/api/facets/publisher?year=20",
    ],
)
def test_bad_parameters_are_answered_400_in_french(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "error" in response.json and "«" in response.json["error"]


def test_the_facet_page_answers_errors_as_pages(client):
    response = client.get("/facets/publisher?page=0")
    assert response.status_code == 400
    assert "compris entre 1 et" in soup(response).select_one(".error-message").get_text()


@pytest.mark.parametrize("facet", ["nope", "kind", "language", "doc_type"])
def test_an_unknown_or_uncounted_facet_is_404(client, facet):
    assert client.get(f"/api/facets/{facet}").status_code == 404
    assert client.get(f"/facets/{facet}").status_code == 404
    assert "error" in client.get(f"/api/facets/{facet}").json


def test_the_terminal_still_counts_the_values_it_does_not_show(root):
    result = SearchService(root).search(SearchRequest())
    publishers = next(
        line for line in render(result, colour=False).splitlines() if line.startswith("Éditeur")
    )
    hidden = result.facet_totals["publisher"] - BY_KEY["publisher"].visible
    assert publishers.endswith(f", … (+{hidden})") and hidden > 100


def test_a_page_of_values_past_the_last_says_so_and_links_to_the_last(client):
    lede = soup(client.get("/facets/publisher")).select_one(".lede").get_text()
    values = int("".join(lede.split(" valeurs")[0].split()))
    last = -(-values // FACET_PAGE_SIZE)
    assert last > 1
    page = soup(client.get("/facets/publisher?page=99"))
    notice = page.select_one(".notice")
    assert f"au-delà de la dernière ({last})" in notice.get_text()
    assert "Aucune valeur" not in page.get_text()
    assert soup(client.get(notice.a["href"])).select(".facet-page-values li")
