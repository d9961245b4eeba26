"""/territoires and /api/territories: the tile map of the régions (and of one région's
départements), its table, its JSON twin; and the layout of search_ui.rendering.territory_map."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from jsonschema import Draft202012Validator

from indexer.facet_specs import facet
from indexer.territories import default_gazetteer
from search_ui.engine.criteria import request_from_pairs
from search_ui.rendering.openapi import spec
from search_ui.rendering.territory_map import (
    PALETTE,
    abroad_codes,
    parse_cells,
    region_cells,
    scale,
    step_of,
    wrap,
)

from .html import soup

SVG = "{http://www.w3.org/2000/svg}"
TERRITORY = facet("territory")
MAP_REGIONS = {
    "reg-11", "reg-24", "reg-27", "reg-28", "reg-32", "reg-44", "reg-52", "reg-53", "reg-75",
    "reg-76", "reg-84", "reg-93", "reg-94", "reg-01", "reg-02", "reg-03", "reg-04", "reg-06",
}  # fmt: skip


def facet_counts(service, *pairs: tuple[str, str]) -> dict[str, int]:
    """Count the territory facet for a search, as the engine does for every page."""
    values = service.facet_values(request_from_pairs(pairs), TERRITORY)
    return {value.value: value.count for value in values}


def svg_maps(response) -> dict[str, ET.Element]:
    """Parse each map of a page as XML (it must be well-formed), by its data-map name."""
    html = response.get_data(as_text=True)
    maps = {}
    for match in re.finditer(r'data-map="([^"]+)">\s*<div[^>]*>\s*(<svg.*?</svg>)', html, re.S):
        maps[match.group(1)] = ET.fromstring(match.group(2))
    return maps


def tiles(svg: ET.Element) -> dict[str, ET.Element]:
    """Return a map's tiles (SVG links) by territory code."""
    return {a.get("data-code"): a for a in svg.iter(f"{SVG}a")}


def table_rows(page, table: str) -> dict[str, tuple[int, str]]:
    """Return a table's rows: code -> (count, link of the name)."""
    rows = page.select(f'table[data-table="{table}"] tbody tr')
    return {row["data-code"]: (int(row["data-count"]), row.th.a["href"]) for row in rows}


def test_the_map_is_well_formed_svg_with_a_tile_per_region(client):
    response = client.get("/territoires")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "Couverture par territoire"
    assert page.title.get_text().startswith("Couverture par territoire")
    svg = svg_maps(response)["carte-regions"]
    assert svg.get("role") == "group"
    labelled = svg.get("aria-labelledby").split()
    assert [element.get("id") for element in svg if element.get("id")] == labelled
    assert set(tiles(svg)) == MAP_REGIONS | {"abroad"}
    for tile in tiles(svg).values():
        first_line = next(tile.find(f"{SVG}text").itertext())
        assert tile.find(f"{SVG}title").text.startswith(first_line)  # « Bretagne : 5 entrées »
        assert tile.find(f"{SVG}rect").get("fill") in {fill for fill, _ in PALETTE}


def test_every_region_tile_links_to_its_search_and_shows_the_facet_count(client, service):
    counts = facet_counts(service)
    assert counts["reg-53"] > 0 and counts["reg-11"] > 0  # the seed names Rennes, Paris…
    for code, tile in tiles(svg_maps(client.get("/territoires"))["carte-regions"]).items():
        if code == "abroad":
            continue
        assert tile.get("href") == f"/search?territory={code}"
        assert int(tile.get("data-count")) == counts.get(code, 0)
        shown = [text for text in tile.itertext() if text.strip()]
        assert shown[-1] == str(counts.get(code, 0))  # the count written in the tile
        assert default_gazetteer().name(code).startswith(shown[1].rstrip("-"))  # after <title>


def test_the_table_lists_what_the_tiles_show(client):
    response = client.get("/territoires")
    svg_tiles = tiles(svg_maps(response)["carte-regions"])
    rows = table_rows(soup(response), "regions")
    assert set(rows) == MAP_REGIONS
    for code, (count, href) in rows.items():
        assert (count, href) == (
            int(svg_tiles[code].get("data-count")),
            svg_tiles[code].get("href"),
        )


def test_the_json_twin_has_the_same_places(client, service):
    data = client.get("/api/territories").json
    counts = facet_counts(service)
    assert {r["code"] for r in data["regions"]} == MAP_REGIONS
    for region in data["regions"]:
        assert region["count"] == counts.get(region["code"], 0)
        assert region["url"] == f"/search?territory={region['code']}"
        assert region["name"] == default_gazetteer().name(region["code"])
    assert "departments" not in data
    assert {a["code"]: a["count"] for a in data["abroad"]} == {
        code: n for code, n in counts.items() if code.startswith("int-")
    }


def test_abroad_counts_each_entry_once_and_links_to_every_place_abroad(client, service):
    data = client.get("/api/territories").json
    total = data["abroad_total"]
    assert total["url"] == "/search?" + "&".join(f"territory={c}" for c in abroad_codes())
    searched = client.get("/api/search?" + total["url"].split("?")[1]).json
    assert total["count"] == searched["total"] > 0
    assert total["count"] <= sum(a["count"] for a in data["abroad"])
    tile = tiles(svg_maps(client.get("/territoires"))["carte-regions"])["abroad"]
    assert int(tile.get("data-count")) == total["count"]


def test_a_search_narrows_the_map_and_its_links_keep_it(client, service):
    counts = facet_counts(service, ("q", "innovation"))
    data = client.get("/api/territories?q=innovation").json
    assert {r["code"]: r["count"] for r in data["regions"]} == {
        code: counts.get(code, 0) for code in MAP_REGIONS
    }
    assert all(r["url"] == f"/search?q=innovation&territory={r['code']}" for r in data["regions"])
    page = soup(client.get("/territoires?q=innovation"))
    assert page.select_one(".lede a")["href"] == "/search?q=innovation"


def test_a_regions_departements_on_demand(client, service):
    counts = facet_counts(service)
    response = client.get("/territoires?region=reg-53")
    svg = svg_maps(response)["carte-departements"]
    assert list(tiles(svg)) == ["dep-22", "dep-29", "dep-35", "dep-56"]
    for code, tile in tiles(svg).items():
        assert int(tile.get("data-count")) == counts.get(code, 0)
        assert tile.get("href") == f"/search?territory={code}"
    assert table_rows(soup(response), "departments")["dep-35"] == (
        counts["dep-35"],
        "/search?territory=dep-35",
    )
    selected = tiles(svg_maps(response)["carte-regions"])["reg-53"]
    assert selected.get("aria-current") == "true"
    data = client.get("/api/territories?region=reg-53").json
    assert data["region"]["code"] == "reg-53"
    assert [d["code"] for d in data["departments"]] == ["dep-22", "dep-29", "dep-35", "dep-56"]


def test_the_table_opens_each_regions_departements(client):
    page = soup(client.get("/territoires?q=innovation"))
    link = page.select_one('table[data-table="regions"] tr[data-code="reg-53"] td a')
    assert link["href"] == "/territoires?q=innovation&region=reg-53#departements"


def test_the_coverage_page_links_to_the_map(client):
    assert soup(client.get("/coverage")).select_one('a[href="/territoires"]')


def test_the_territory_facet_links_to_the_map_of_its_search(client):
    page = soup(client.get("/search?q=innovation&type=rapport"))
    link = page.select_one("#facette-territory .facet-map a")
    assert link["href"] == "/territoires?q=innovation&type=rapport"
    assert "voir la carte" in link.get_text()


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("region=reg-99", "région « reg-99 » est inconnue"),
        ("region=dep-35", "région « dep-35 » est inconnue"),
        ("year=20x8", "année sur quatre chiffres"),
        ("per_page=-1", "« per_page »"),
        ("sort=hasard", "tri « hasard » est inconnu"),
    ],
)
def test_bad_parameters_are_400_in_french(client, query, words):
    api = client.get(f"/api/territories?{query}")
    assert api.status_code == 400 and words in api.json["error"]
    page = client.get(f"/territoires?{query}")
    assert page.status_code == 400 and words in page.get_data(as_text=True)


@pytest.mark.parametrize("query", ["", "region=reg-53&q=innovation", "type=rapport"])
def test_api_territories_validates_against_the_openapi_schema(client, query):
    document = spec()
    schema = {"$ref": "#/components/schemas/Territories", "components": document["components"]}
    Draft202012Validator(schema).validate(client.get(f"/api/territories?{query}").json)


# The layout, pure.


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("Bretagne", ("Bretagne",)),
        ("Provence-Alpes-Côte d'Azur", ("Provence-", "Alpes-Côte", "d'Azur")),
        ("Bourgogne-Franche-Comté", ("Bourgogne-", "Franche-Comté")),
        ("Territoire de Belfort", ("Territoire de", "Belfort")),
        ("Hors de France", ("Hors de", "France")),
    ],
)
def test_names_wrap_after_a_space_or_a_hyphen(name, lines):
    assert wrap(name) == lines


@pytest.mark.parametrize(
    ("count", "top", "step"),
    [(0, 10, 0), (1, 10, 1), (3, 10, 2), (5, 10, 2), (6, 10, 3), (10, 10, 4), (1, 1, 4), (0, 0, 0)],
)
def test_a_count_falls_in_one_step_of_the_scale(count, top, step):
    assert step_of(count, top) == step
    legend = scale(top)
    assert any(s.low <= count <= s.high and s.fill == PALETTE[step][0] for s in legend)


def _luminance(colour: str) -> float:
    """Return a colour's relative luminance (WCAG 2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(("fill", "ink"), PALETTE)
def test_the_text_of_every_tile_has_enough_contrast(fill, ink):
    light, dark = sorted((_luminance(fill), _luminance(ink)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_the_grid_places_every_region_once():
    cells = region_cells()
    assert {cell.code for cell in cells} == MAP_REGIONS | {"abroad"}
    assert all(code in default_gazetteer() for code in MAP_REGIONS)


@pytest.mark.parametrize(
    "text",
    [
        "reg-53\tmetropole\t0\t2\n",  # a column missing
        "reg-53\tailleurs\t0\t2\t1\n",  # an unknown group
        "reg-53\tmetropole\t0\t2\t1\nreg-52\tmetropole\t0\t2\t1\n",  # one cell twice
        "reg-53\tmetropole\t0\t2\t1\nreg-53\tmetropole\t1\t2\t1\n",  # one région twice
    ],
)
def test_a_bad_grid_is_refused(text):
    with pytest.raises(ValueError, match=re.escape("region_tiles.tsv")):
        parse_cells(text)


@pytest.mark.parametrize(("region", "rows"), [("reg-76", 3), ("reg-53", 1), ("reg-04", 1)])
def test_departements_are_drawn_at_the_scale_of_the_regions(client, region, rows):
    response = client.get(f"/territoires?region={region}")
    maps = svg_maps(response)
    width = maps["carte-regions"].get("viewBox").split()[2]
    assert maps["carte-departements"].get("viewBox").split()[2] == width
    ys = {rect.get("y") for rect in maps["carte-departements"].iter(f"{SVG}rect")}
    assert len(ys) == rows


def test_abroad_counts_the_results_a_misspelt_search_shows(client):
    misspelt = client.get("/api/territories?q=inovation").json
    spelt = client.get("/api/territories?q=innovation").json
    assert misspelt["abroad"] == [
        {**a, "url": a["url"].replace("q=innovation", "q=inovation")} for a in spelt["abroad"]
    ]
    assert misspelt["abroad_total"]["count"] == spelt["abroad_total"]["count"] > 0
