"""axe-core finds no serious or critical violation; screenshots for a human to look at."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def _violations(page) -> list[str]:
    """Run axe on the page and describe its serious and critical violations."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=innovation",
        "/",
        "/search?q=innovation&type=rapport&year=2018&from=2010",
        "/search?q=inovation",
        "/search?q=zzzqqqxxx",
        "/api",
        "/nulle-part",
        "/facets/publisher?q=innovation&type=rapport",
        "/facets/publisher?q_value=zzzqqq",
    ],
)
def test_pages_have_no_serious_accessibility_violation(page, url):
    page.goto(url)
    assert _violations(page) == []


def test_entry_page_has_no_serious_accessibility_violation(page):
    page.goto("/search?q=design")
    page.locator("li.hit .hit-title a").first.click()
    page.wait_for_url("**/entry/*")
    assert _violations(page) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_narrow_and_wide_pages_pass_axe_and_are_photographed(make_page, width):
    page = make_page(viewport={"width": width, "height": 900})
    page.goto("/search?q=innovation")
    assert _violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"search-{width}.png", full_page=False)
    page.screenshot(path=SCREENSHOTS / f"search-{width}-full.png", full_page=True)
    page.goto("/search?q=inovation&type=rapport")
    page.screenshot(path=SCREENSHOTS / f"relaxed-{width}.png")
    page.locator("li.hit .hit-title a").first.click()
    page.wait_for_url("**/entry/*")
    assert _violations(page) == []
    page.screenshot(path=SCREENSHOTS / f"entry-{width}.png", full_page=True)
