"""Every facet spec reaches every surface: the API, its OpenAPI document, the pages, coverage.

A facet declared in indexer.facet_specs and missing from one of them fails here. Expected
counts come from the seed's records (`veille extract`), read through the spec's record key.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

import pytest

from indexer.facet_specs import FACETS, REPORTED, FacetSpec, Panel
from search_ui.engine.territory_facet import is_top
from search_ui.rendering.openapi import spec as openapi

from .html import soup

IDS = [spec.key for spec in FACETS]


def values_in(records: list[dict], spec: FacetSpec) -> Counter[str]:
    """Count the facet's non-empty values over the records, as the index holds them."""
    return Counter(
        str(value)
        for record in records
        for value in set(spec.record_values(record))
        if value not in (None, "")
    )


def rarest(records: list[dict], spec: FacetSpec) -> str:
    """Return the facet's least common value in the records (ties: the first alphabetically)."""
    counts = values_in(records, spec)
    return min(counts, key=lambda value: (counts[value], value))


def with_value(records: list[dict], spec: FacetSpec, value: str) -> set[str]:
    """Return the ids of the records having `value` in the facet."""
    return {r["id"] for r in records if value in {str(v) for v in spec.record_values(r)}}


def test_every_facet_parameter_is_in_the_openapi_document() -> None:
    parameters = {p["name"]: p for p in openapi()["paths"]["/api/search"]["get"]["parameters"]}
    for spec in FACETS:
        assert spec.param in parameters, spec.key
        described = parameters[spec.param]
        assert described["description"].startswith(spec.description)
        assert described["schema"]["type"] == "array" and described["explode"] is True


@pytest.mark.parametrize("spec", FACETS, ids=IDS)
def test_every_facet_parameter_filters_the_api(client, records, spec: FacetSpec) -> None:
    value = rarest(records, spec)
    expected = with_value(records, spec, value)
    assert expected  # the seed has one issue: a value no entry has shows that issue filters
    data = client.get(f"/api/search?{urlencode({spec.param: value, 'per_page': 100})}").json
    assert {hit["id"] for hit in data["hits"]} == expected
    assert data["total"] == len(expected)
    if spec.counted:
        listed = {v["value"]: v for v in data["facets"][spec.api]}
        assert listed[value]["selected"] and listed[value]["count"] == len(expected)
    else:
        assert spec.api not in data["facets"]


def test_the_api_lists_the_counted_facets_and_their_values_in_spec_order(client, records):
    data = client.get("/api/search?facet_size=1000").json
    facets = data["facets"]
    assert list(facets) == [spec.api for spec in FACETS if spec.counted]
    for spec in FACETS:
        if spec.counted:
            listed = [(v["value"], v["count"]) for v in facets[spec.api]]
            expected = spec.ordered(values_in(records, spec))
            assert data["facet_totals"][spec.api] == len(expected), spec.key
            if spec.hierarchical:  # the top level only: régions and places abroad
                expected = [(value, n) for value, n in expected if is_top(value)]
            assert listed == expected, spec.key


def test_a_value_no_entry_has_selects_nothing(client) -> None:
    for spec in FACETS:
        value = "1801" if spec.is_year else "Aucune entrée n'a cette valeur"
        data = client.get(f"/api/search?{urlencode({spec.param: value})}").json
        assert data["total"] == 0, spec.key


# -- the search page ---------------------------------------------------------------------------


def test_panels_follow_the_specs(client, records) -> None:
    page = soup(client.get("/search"))
    for spec in FACETS:
        panel = page.select_one(f"#facette-{spec.key}")
        several = len(values_in(records, spec)) > 1
        shown = spec.panel is Panel.ALWAYS or (spec.panel is Panel.USEFUL and several)
        assert (panel is not None) == shown, spec.key
        if panel:
            assert panel.legend.get_text(strip=True) == spec.label
            boxes = panel.select("input[type=checkbox]")
            assert {box["name"] for box in boxes} == {spec.param}
            assert len(panel.select(":scope > ul input")) == min(spec.visible, len(boxes))


def test_each_selected_facet_has_a_chip_with_its_label(client, records) -> None:
    chosen = {spec: rarest(records, spec) for spec in FACETS}
    query = urlencode([(spec.param, value) for spec, value in chosen.items()])
    page = soup(client.get(f"/search?{query}"))
    chips = [
        (chip.select_one(".chip-label").get_text(strip=True), chip.select_one(".chip-value").text)
        for chip in page.select(".breadbox .chip")
    ]
    assert chips == [(f"{spec.label} :", spec.value_label(v)) for spec, v in chosen.items()]
    # A facet without a panel keeps its selection when the search box is sent again.
    hidden = {(i["name"], i["value"]) for i in page.select("#recherche input[type=hidden]")}
    assert {(spec.param, v) for spec, v in chosen.items() if not spec.counted} <= hidden


# -- the coverage report -----------------------------------------------------------------------


def test_coverage_has_a_table_per_reported_facet(client, records) -> None:
    data = client.get("/api/coverage").json
    page = soup(client.get("/coverage"))
    for spec in REPORTED:
        assert data[spec.api] == dict(Counter(v for r in records for v in spec.record_values(r)))
        table = page.select_one(f'table[data-table="{spec.key}"]')
        assert table is not None, spec.key
        assert table.select_one("thead th").get_text(strip=True) == spec.short_label
        link = table.select_one("tbody a")
        assert link and link["href"].startswith(f"/search?{spec.param}=")
    api_keys = [key for key in data if key in {spec.api for spec in FACETS}]
    assert api_keys == [spec.api for spec in REPORTED]
