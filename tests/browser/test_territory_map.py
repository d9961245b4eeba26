"""The map of /territoires in Chromium: drawn, accessible at 1280 and 390 px, tiles lead to
their search."""

from __future__ import annotations

import re

import pytest

from .conftest import SCREENSHOTS
from .test_accessibility import _violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_the_map_page_passes_axe_and_is_photographed(make_page, width):
    page = make_page(viewport={"width": width, "height": 900})
    page.goto("/territoires")
    assert page.locator("h1").inner_text() == "Couverture par territoire"
    svg = page.locator('[data-map="carte-regions"] svg.territory-map-svg')
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 250
    tiles = svg.locator("a.territory-tile")
    assert tiles.count() == 19  # 13 metropolitan régions, 5 overseas, « Hors de France »
    fill = tiles.first.locator("rect").evaluate("rect => getComputedStyle(rect).fill")
    assert fill not in ("none", "rgb(0, 0, 0)")
    assert _violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"territories-{width}.png", full_page=True)
    page.goto("/territoires?region=reg-53")
    assert page.locator('[data-map="carte-departements"] a.territory-tile').count() == 4
    assert _violations(page) == []
    page.screenshot(path=SCREENSHOTS / f"territories-departments-{width}.png", full_page=True)


def test_a_region_tile_leads_to_the_search_filtered_by_it(page):
    page.goto("/territoires")
    tile = page.locator('[data-map="carte-regions"] a.territory-tile[data-code="reg-53"]')
    count = int(tile.get_attribute("data-count"))
    assert count > 0
    tile.click()
    page.wait_for_url(re.compile(r"/search\?territory=reg-53$"))
    assert int(page.locator(".stats").get_attribute("data-total")) == count
    assert page.locator("li.hit").count() == count


def test_the_tiles_are_reached_by_keyboard(page):
    page.goto("/territoires?q=innovation")
    tile = page.locator('[data-map="carte-regions"] a.territory-tile').first
    tile.focus()
    assert page.evaluate("document.activeElement.getAttribute('data-code')")
    name = tile.evaluate("a => a.querySelector('title').textContent")
    assert re.fullmatch(r".+ : \d+ entrées?", name)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=innovation&territory="))
