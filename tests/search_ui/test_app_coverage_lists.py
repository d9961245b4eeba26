"""The data-quality lists of the coverage report, every item a page at a time (issue 14):
/coverage/<list>, /api/coverage/<list> and `veille stats --list`; /coverage, /api/coverage
and `veille stats` show the first items of each and lead there.

On a synthetic corpus whose lists are longer than a page: entries without a publisher, and
titles repeated across its issues.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from indexer.build.coverage import COVERAGE
from indexer.build.generations import current_generation
from search_ui.cli import main
from search_ui.engine import generation
from search_ui.engine.quality_pages import QUALITY_LISTS, QUALITY_PAGE_SIZE
from search_ui.rendering.openapi import spec
from search_ui.web.app import create_app
from search_ui.web.views import documentalists
from search_ui.web.views.documentalists import QUALITY_PREVIEW

from .html import soup

NAMES = [quality.name for quality in QUALITY_LISTS]
LONG = ("without_publisher", "duplicates")
LABELS = {quality.name: quality.label for quality in QUALITY_LISTS}


@pytest.fixture(scope="module")
def root(synthetic_1200: Path) -> Path:
    return synthetic_1200


@pytest.fixture(scope="module")
def client(root: Path) -> FlaskClient:
    return create_app({"TESTING": True, "INDEX_DIR": str(root)}).test_client()


@pytest.fixture(scope="module")
def stored(root: Path) -> dict:
    """Return the lists of the report the build stored, read apart from the app."""
    with open(current_generation(root) / COVERAGE, encoding="utf-8") as file:
        return json.load(file)["quality"]


def entry_ids(name: str, items: list) -> list[str]:
    """Return the ids of the entries a list's items name (a publisher names none)."""
    if name == "duplicates":
        return [record["id"] for group in items for record in group]
    if name == "folded_variants":
        return []
    return [record["id"] for record in items]


def every_item(client: FlaskClient, name: str) -> list:
    """Page through a list with /api/coverage/<list>, checking the paging."""
    items, page = [], 1
    while True:
        data = client.get(f"/api/coverage/{name}?page={page}").json
        assert (data["list"], data["page"], data["per_page"]) == (name, page, QUALITY_PAGE_SIZE)
        assert len(data["items"]) <= QUALITY_PAGE_SIZE
        items += data["items"]
        if page == data["pages"]:
            assert len(items) == data["total"]
            return items
        assert len(data["items"]) == QUALITY_PAGE_SIZE
        page += 1


def test_the_corpus_has_lists_longer_than_a_page(stored):
    assert all(len(stored[name]) > 2 * QUALITY_PAGE_SIZE for name in LONG)
    assert set(stored) == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_paging_walks_every_item_once_in_the_reports_order(client, stored, name):
    items = every_item(client, name)
    assert items == stored[name]
    ids = entry_ids(name, items)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", LONG)
def test_each_page_is_the_stored_list_sliced(client, stored, name):
    total = len(stored[name])
    pages = -(-total // QUALITY_PAGE_SIZE)
    for page in range(1, pages + 2):  # and one past the last: no items
        start = (page - 1) * QUALITY_PAGE_SIZE
        assert client.get(f"/api/coverage/{name}?page={page}").json == {
            "list": name,
            "label": LABELS[name],
            "items": stored[name][start : start + QUALITY_PAGE_SIZE],
            "total": total,
            "page": page,
            "per_page": QUALITY_PAGE_SIZE,
            "pages": pages,
        }
    assert client.get(f"/api/coverage/{name}?page=").json["page"] == 1  # empty: not given


@pytest.mark.parametrize("name", NAMES)
def test_pages_validate_against_the_openapi_schema(client, name):
    document = spec()
    schema = {"$ref": "#/components/schemas/QualityPage", "components": document["components"]}
    for page in (1, 2, 99):
        Draft202012Validator(schema).validate(client.get(f"/api/coverage/{name}?page={page}").json)


@pytest.mark.parametrize("page", ["0", "x", "+1", " 1", "1_0", "١", "10001", "-1"])
@pytest.mark.parametrize("prefix", ["/api/coverage", "/coverage"])
def test_a_bad_page_is_a_400_in_french(client, prefix, page):
    response = client.get(f"{prefix}/duplicates", query_string={"page": page})
    assert response.status_code == 400
    text = response.json["error"] if prefix.startswith("/api") else response.get_data(True)
    assert "Le paramètre « page » doit" in text


@pytest.mark.parametrize("name", ["quality", "Duplicates", "duplicates%00", "without_year."])
def test_an_unknown_list_is_a_404_in_french(client, name):
    response = client.get(f"/api/coverage/{name}")
    assert response.status_code == 404
    assert response.json["error"].startswith("Aucune liste de la qualité des données")
    page = client.get(f"/coverage/{name}?page=x")  # unknown first, before the bad page
    assert page.status_code == 404 and "Aucune liste" in page.get_data(as_text=True)


def test_api_coverage_holds_the_first_items_their_totals_and_pages(client, stored, root):
    data = client.get("/api/coverage").json
    assert data["quality"] == {name: items[:QUALITY_PAGE_SIZE] for name, items in stored.items()}
    assert data["quality_totals"] == {name: len(items) for name, items in stored.items()}
    assert data["quality_pages"] == {name: f"/api/coverage/{name}" for name in NAMES}
    for name, path in data["quality_pages"].items():
        assert client.get(path).json["total"] == data["quality_totals"][name]
    # root-relative, with a public base URL too: `veille stats --json` prints the same
    based = create_app({"TESTING": True, "INDEX_DIR": str(root), "BASE_URL": "https://v.org"})
    assert based.test_client().get("/api/coverage").json == data
    document = spec()
    schema = {"$ref": "#/components/schemas/Coverage", "components": document["components"]}
    Draft202012Validator(schema).validate(data)


def test_the_coverage_page_lists_the_first_and_links_to_every_page(client, stored):
    page = soup(client.get("/coverage"))
    groups = page.select('[data-quality="duplicates"] ol.duplicates > li')
    assert [li.select_one("li[data-id]")["data-id"] for li in groups] == [
        group[0]["id"] for group in stored["duplicates"][:QUALITY_PREVIEW]
    ]
    for name in LONG:
        more = page.select_one(f'[data-quality="{name}"] [data-more]')
        assert int(more["data-more"]) == len(stored[name]) - QUALITY_PREVIEW
        assert more.a["href"] == f"/coverage/{name}"
        assert "/api/coverage" not in str(more)
    assert page.select_one('[data-quality="without_type"] [data-more]') is None


@pytest.mark.parametrize("name", LONG)
def test_the_html_pages_show_every_entry_linked_in_order(client, stored, name):
    url, shown = f"/coverage/{name}", []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = soup(response)
        assert page.h1.get_text() == LABELS[name]
        assert page.select_one(".lede")["data-total"] == str(len(stored[name]))
        assert page.select_one('a[href="/coverage#qualite"]') is not None
        for item in page.select("li[data-id]"):
            assert item.a["href"] == f"/entry/{item['data-id']}"
            shown.append(item["data-id"])
        after = page.select_one('.pager a[rel="next"]')
        url = after["href"] if after else None
        if url:
            assert urlsplit(url).path == f"/coverage/{name}"
    assert shown == entry_ids(name, stored[name])


def test_a_page_of_duplicates_numbers_its_groups_from_where_it_starts(client, stored):
    page = soup(client.get("/coverage/duplicates?page=2"))
    assert page.select_one("ol.duplicates")["start"] == str(QUALITY_PAGE_SIZE + 1)
    assert len(page.select("ol.duplicates > li")) == QUALITY_PAGE_SIZE
    pages = -(-len(stored["duplicates"]) // QUALITY_PAGE_SIZE)
    assert pages > 2
    lede = page.select_one(".lede").get_text(" ", strip=True)
    assert f"{QUALITY_PAGE_SIZE + 1} à {2 * QUALITY_PAGE_SIZE}, page 2 sur {pages}" in lede


def duplicate_pages(stored: dict) -> int:
    """Return how many pages the list of duplicate groups takes."""
    return -(-len(stored["duplicates"]) // QUALITY_PAGE_SIZE)


def test_an_empty_list_and_a_page_past_the_last_say_so(client, stored):
    empty = soup(client.get("/coverage/without_type"))
    assert "Toutes les entrées ont un type de document." in empty.get_text()
    assert empty.select_one(".pager") is None
    past = soup(client.get("/coverage/duplicates?page=9"))
    assert f"au-delà de la dernière ({duplicate_pages(stored)})" in past.get_text()


def test_pages_slice_the_report_held_in_memory(root, monkeypatch):
    app = create_app({"TESTING": True, "INDEX_DIR": str(root)})
    loads, renders = [], []
    real_load, real_html = generation.load_coverage, documentalists._coverage_html
    monkeypatch.setattr(generation, "load_coverage", lambda *a: loads.append(1) or real_load(*a))
    monkeypatch.setattr(documentalists, "_coverage_html", lambda: renders.append(1) or real_html())
    client = app.test_client()
    for url in ("/coverage", "/coverage/duplicates?page=2", "/api/coverage/without_publisher",
                "/coverage", "/api/coverage/duplicates?page=3", "/api/coverage"):  # fmt: skip
        assert client.get(url).status_code == 200
    assert (len(loads), len(renders)) == (1, 1)


def test_stats_lists_the_first_items_and_says_how_to_see_the_rest(root, stored, capsys):
    assert main(["stats", "--index-dir", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    total = len(stored["without_publisher"])
    start = lines.index(f"  {total} sans éditeur")
    end = start + 1 + QUALITY_PAGE_SIZE
    first = [f"    - {r['title']} [{r['id']}]" for r in stored["without_publisher"]]
    assert lines[start + 1 : end] == first[:QUALITY_PAGE_SIZE]
    hidden = total - QUALITY_PAGE_SIZE
    assert lines[end] == f"    … et {hidden} autres : veille stats --list {LONG[0]} --page 2"


def test_stats_json_is_the_api_and_stats_list_its_pages(root, client, stored, capsys):
    assert main(["stats", "--json", "--index-dir", str(root)]) == 0
    assert json.loads(capsys.readouterr().out) == client.get("/api/coverage").json
    total, last = len(stored["duplicates"]), duplicate_pages(stored)
    assert last >= 3
    for page in ("1", str(last - 1), str(last)):
        args = ["stats", "--list", "duplicates", "--page", page, "--json", "--index-dir", str(root)]
        assert main(args) == 0
        expected = client.get(f"/api/coverage/duplicates?page={page}").json
        assert json.loads(capsys.readouterr().out) == expected
    args = ["stats", "--list", "duplicates", "--page", str(last - 1), "--index-dir", str(root)]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    first, end = (last - 2) * QUALITY_PAGE_SIZE + 1, (last - 1) * QUALITY_PAGE_SIZE
    assert lines[0] == (
        f"Doublons probables : {total} en tout, page {last - 1} sur {last} ({first} à {end})"
    )
    assert lines[-1] == f"Suite : veille stats --list duplicates --page {last}"
    assert main(["stats", "--list", "duplicates", "--page", "9", "--index-dir", str(root)]) == 1
    capsys.readouterr()
    assert main(["stats", "--list", "duplicates", "--page", "+2", "--index-dir", str(root)]) == 2
    assert "« page »" in capsys.readouterr().err
