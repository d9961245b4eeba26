"""/coverage and /api/coverage: the counts of `veille extract` output, every number linked."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator

from indexer.build.builder import build_index
from indexer.build.coverage import COVERAGE, NO_SECTION, coverage
from indexer.build.generations import current_generation
from search_ui import cli
from search_ui.engine import generation
from search_ui.engine.search import SearchService
from search_ui.rendering.openapi import spec
from search_ui.web.app import create_app
from search_ui.web.service import EXTENSION
from search_ui.web.views import documentalists
from search_ui.web.views.documentalists import PUBLISHERS_SHOWN, QUALITY_PREVIEW

from .html import soup
from .issues import SECOND_ISSUE


def year_key(year: int | None) -> str:
    """Write a year as the page and the JSON do."""
    return "null" if year is None else str(year)


def expected_tables(records: list[dict]) -> dict[str, Counter]:
    """Count the records by every dimension of the report, independently of the app."""
    return {
        "type": Counter(r["doc_type"] for r in records),
        "publisher": Counter(p for r in records for p in r["publishers"]),
        "issue": Counter(r["issue"] for r in records),
        "language": Counter(r["language"] for r in records),
        "kind": Counter(r["kind"] for r in records),
    }


def test_api_coverage_equals_counts_from_the_extracted_records(client, records):
    data = client.get("/api/coverage").json
    assert data["total"] == len(records) == 77
    assert data["years"] == {year_key(y): n for y, n in Counter(r["year"] for r in records).items()}
    for name, counts in expected_tables(records).items():
        assert data[name] == counts, name
    for row in data["section_year"]:
        mine = [r for r in records if (r["section"] or NO_SECTION) == row["section"]]
        assert row["total"] == len(mine)
        assert row["years"] == {year_key(y): n for y, n in Counter(r["year"] for r in mine).items()}
    quality = data["quality"]
    assert {r["id"] for r in quality["without_publisher"]} == {
        r["id"] for r in records if not r["publishers"]
    }
    assert {r["id"] for r in quality["without_year"]} == {
        r["id"] for r in records if r["year"] is None and r["kind"] in ("publication", "event")
    }
    assert ["Initiation à l'innovation publique"] * 2 in [
        [r["title"] for r in group] for group in quality["duplicates"]
    ]


def test_api_coverage_validates_against_the_openapi_schema(client):
    document = spec()
    schema = {"$ref": "#/components/schemas/Coverage", "components": document["components"]}
    Draft202012Validator(schema).validate(client.get("/api/coverage").json)


def test_section_year_matrix_has_the_counts_and_both_totals(client, records):
    table = soup(client.get("/coverage")).select_one('table[data-table="section-year"]')
    by_section = Counter((r["section"] or NO_SECTION, year_key(r["year"])) for r in records)
    sections = Counter(r["section"] or NO_SECTION for r in records)
    years = Counter(year_key(r["year"]) for r in records)
    rows = table.select("tr[data-section]")
    assert [row["data-section"] for row in rows] == [*sections, "total"]  # order of the issue
    for row in rows:
        section = row["data-section"]
        for cell in row.select("td[data-year]"):
            year, count = cell["data-year"], int(cell["data-count"])
            if section == "total" and year == "total":
                assert count == len(records)
            elif section == "total":
                assert count == years[year]
            elif year == "total":
                assert count == sections[section]
            else:
                assert count == by_section[section, year]
    header = [th.get_text() for th in table.select("thead th")]
    assert header == ["Section", "2014", "2015", "2016", "2017", "2018", "sans année", "Total"]


def test_every_number_links_to_a_search_that_finds_that_many(client):
    page = soup(client.get("/coverage"))
    links = page.select("table.counts a[href]")
    assert len(links) > 70
    for link in links:
        url = urlsplit(link["href"])
        assert url.path == "/search"
        found = client.get(f"/api/search?{url.query}").json
        shown = int(link.get_text().replace("\u202f", ""))
        assert found["total"] == shown, link["href"]


def test_counts_without_a_matching_search_are_not_links(client):
    table = soup(client.get("/coverage")).select_one('table[data-table="section-year"]')
    for cell in table.select('td[data-year="null"]'):
        assert cell.a is None
    no_section = table.select_one(f'tr[data-section="{NO_SECTION}"]')
    assert no_section is not None and no_section.select("td a") == []


def test_small_tables_match_the_extracted_records(client, records):
    page = soup(client.get("/coverage"))
    for name, counts in expected_tables(records).items():
        rows = page.select(f'table[data-table^="{name}"] tr[data-value]')
        shown = {row["data-value"]: int(row["data-count"]) for row in rows}
        if name != "publisher":
            assert shown == counts, name
            continue
        # the first publishers, the most present; the others on the facet's own page
        assert len(shown) == PUBLISHERS_SHOWN and shown.items() <= counts.items()
        assert min(shown.values()) >= max(n for p, n in counts.items() if p not in shown)
        more = page.select_one('[data-more-values="publisher"]')
        assert more["href"] == "/facets/publisher"
        assert f"Voir les {len(counts) - PUBLISHERS_SHOWN} autres éditeurs" in more.get_text()
    kinds = page.select_one('table[data-table="kind"]')
    assert [th.get_text() for th in kinds.select("tbody th")] == [
        "Publication",
        "Ressource",
        "Événement",
    ]


def test_charts_are_inline_svg_with_text_alternatives_and_their_data(client, records):
    response = client.get("/coverage")
    page = soup(response)
    charts = page.select("figure.chart svg")
    assert len(charts) == 2
    for svg in charts:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text()
        assert svg.find("desc", id=desc_id).get_text()
    years = page.select_one('[data-chart="graphique-annees"] svg')
    bars = {rect["data-label"]: int(rect["data-count"]) for rect in years.select("rect")}
    dated = Counter(r["year"] for r in records if r["year"])
    assert bars == {str(y): n for y, n in dated.items()}
    assert "2018 : 32 entrées" in years.desc.get_text()
    heights = {rect["data-label"]: float(rect["height"]) for rect in years.select("rect")}
    assert max(heights, key=heights.get) == "2018"
    types = page.select_one('[data-chart="graphique-types"] svg')
    type_bars = {rect["data-label"]: int(rect["data-count"]) for rect in types.select("rect")}
    assert type_bars == Counter(r["doc_type"] for r in records)
    # CSP-safe: no inline style, no script, no chart library
    html = response.get_data(as_text=True)
    assert "style=" not in html and "<script>" not in html
    assert html.count("<script") == 1  # veille.js only


def test_quality_section_lists_entries_and_hides_empty_variant_folds(client, records):
    page = soup(client.get("/coverage"))
    without = page.select_one('[data-quality="without_publisher"]')
    unsigned = [r["id"] for r in records if not r["publishers"]]
    shown = [li["data-id"] for li in without.select("li[data-id]")]
    assert len(shown) == min(len(unsigned), QUALITY_PREVIEW) and set(shown) <= set(unsigned)
    assert without.select_one(".quality-count").get_text() == str(
        sum(1 for r in records if not r["publishers"])
    )
    duplicates = page.select_one('[data-quality="duplicates"]')
    assert len(duplicates.select("li[data-id] a[href^='/entry/']")) >= 2
    assert page.select_one('[data-quality="folded_variants"]') is None  # no spellings recorded


def test_folded_publisher_variants_show_when_the_records_have_them(
    seed_index_dir, records, monkeypatch
):
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir)})
    service = app.extensions[EXTENSION]
    iau = "Institut d'aménagement et d'urbanisme de la région Île-de-France (IAU)"
    variants = [  # the first IAU entry wrote the acronym only, the others the full name
        r
        | {"publishers_as_written": ["IAU" if p == iau and n == 0 else p for p in r["publishers"]]}
        for n, r in enumerate(r for r in service.all_records() if iau in r["publishers"])
    ] + [r for r in service.all_records() if iau not in r["publishers"]]
    # this app's service computes the report from the variants
    monkeypatch.setattr(generation, "load_coverage", lambda path, total: None)
    monkeypatch.setattr(generation, "report_of", lambda records, derived: coverage(variants, []))
    page = soup(app.test_client().get("/coverage"))
    folded = page.select_one('[data-quality="folded_variants"]')
    assert folded is not None
    assert folded.select_one("dd").get_text() == f"IAU · {iau}"
    assert folded.select_one("dt a")["href"].startswith("/search?publisher=Institut")


def test_coverage_is_computed_once_per_index_generation(
    seed_index_dir, seeds_dir, tmp_path, monkeypatch, capsys
):
    root = shutil.copytree(seed_index_dir, tmp_path / "index")
    app = create_app({"TESTING": True, "INDEX_DIR": str(root)})
    calls = []
    real = generation.load_coverage  # the report the build stored, read once per generation
    monkeypatch.setattr(generation, "load_coverage", lambda *a: calls.append(1) or real(*a))
    client = app.test_client()
    for url in ("/coverage", "/api/coverage", "/coverage"):
        assert client.get(url).status_code == 200
    assert len(calls) == 1
    # `veille stats` takes the engine's cached report too (its own service: one more run)
    assert cli.main(["stats", "--json", "--index-dir", str(root)]) == 0
    assert len(calls) == 2
    assert json.loads(capsys.readouterr().out) == client.get("/api/coverage").json
    assert len(calls) == 2
    build_index([seeds_dir], root, full=True)  # a new generation, the same entries
    assert client.get("/api/coverage").status_code == 200
    assert len(calls) == 3


def test_the_build_stores_the_report_and_a_generation_without_it_computes_it(
    seed_index_dir, tmp_path
):
    root = shutil.copytree(seed_index_dir, tmp_path / "index")
    stored = SearchService(root).coverage_api()
    assert stored["total"] == 77
    (current_generation(root) / COVERAGE).write_text("{damaged", "utf-8")
    assert SearchService(root).coverage_api() == stored  # computed from the records instead


def test_coverage_of_two_issues_counts_each(two_issues_index_dir: Path, records):
    client = create_app({"TESTING": True, "INDEX_DIR": str(two_issues_index_dir)}).test_client()
    data = client.get("/api/coverage").json
    first = Counter(r["issue"] for r in records)
    assert len(data["issue"]) == 2
    assert {k: v for k, v in data["issue"].items() if k != SECOND_ISSUE} == first
    # every number is that of the search it leads to: copies of one entry count once
    assert data["total"] == client.get("/api/search").json["total"]
    for issue, count in data["issue"].items():
        assert count == client.get("/api/search", query_string={"issue": issue}).json["total"]
    assert sum(data["issue"].values()) > data["total"]  # the copies are in both issues
    for doc_type, count in data["type"].items():
        assert count == client.get("/api/search", query_string={"type": doc_type}).json["total"]
    for year, count in data["years"].items():
        if year != "null":
            assert count == client.get("/api/search", query_string={"year": year}).json["total"]
    page = soup(client.get("/coverage"))
    rows = page.select('table[data-table="issue"] tr[data-value]')
    assert {row["data-value"]: int(row["data-count"]) for row in rows} == data["issue"]
    assert rows[0]["data-value"] == SECOND_ISSUE  # issues newest first, as their facet lists them
    assert "2 numéros" in page.select_one(".lede").get_text()
    # copies of the seed's entries in the new issue are suspected duplicates
    groups = data["quality"]["duplicates"]
    assert any({r["issue"] for r in group} == {*first, SECOND_ISSUE} for group in groups)


@pytest.mark.parametrize("url", ["/coverage", "/api/coverage"])
def test_coverage_without_an_index_is_a_503(tmp_path, url):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_client()
    assert client.get(url).status_code == 503


def test_the_page_and_its_json_are_rendered_once_per_generation(seed_index_dir, monkeypatch):
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir)})
    calls = []
    real = documentalists._coverage_html
    monkeypatch.setattr(documentalists, "_coverage_html", lambda: calls.append(1) or real())
    client = app.test_client()
    pages = [client.get("/coverage").data for _ in range(3)]
    assert len(calls) == 1 and pages[0] == pages[1] == pages[2]
    assert client.get("/api/coverage").json == client.get("/api/coverage").json
