"""Documentalists' pages in Chromium: coverage charts, « Déjà dans le corpus ? », exports."""

from __future__ import annotations

import re

import pytest

from .conftest import SCREENSHOTS
from .test_accessibility import _violations

pytestmark = pytest.mark.browser

REFERENCE = (
    "Besson R. (2017). Rôle et limites des tiers-lieux dans la fabrique des villes "
    "contemporaines. Territoire en mouvement, 34."
)


def test_coverage_charts_render_as_accessible_svg(page):
    page.goto("/coverage")
    charts = page.locator("figure.chart svg")
    assert charts.count() == 2
    for i in range(2):
        svg = charts.nth(i)
        assert svg.is_visible()
        box = svg.bounding_box()
        assert box["width"] > 300 and box["height"] > 150
        assert svg.get_attribute("role") == "img"
        assert svg.locator("title").text_content()
        assert svg.locator("desc").text_content()
        label = svg.evaluate(
            "svg => svg.getAttribute('aria-labelledby').split(' ')"
            ".map(id => document.getElementById(id).textContent).join(' ')"
        )
        assert "Nombre d'entrées" in label
        bars = svg.locator("rect.chart-bar")
        assert bars.count() >= 5
        assert bars.first.is_visible()
        fill = bars.first.evaluate("rect => getComputedStyle(rect).fill")
        assert fill not in ("none", "rgb(0, 0, 0)")  # the stylesheet reached the SVG
    years = page.locator('[data-chart="graphique-annees"] rect.chart-bar')
    heights = years.evaluate_all("rects => rects.map(r => r.getBBox().height)")
    assert heights.index(max(heights)) == years.count() - 1  # 2018, the tallest
    assert _violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "coverage-1280.png", full_page=True)


def test_a_coverage_count_leads_to_its_search(page):
    page.goto("/coverage")
    cell = page.locator('tr[data-section="Le design de services publics"] td[data-year="2017"] a')
    count = int(cell.inner_text())
    cell.click()
    page.wait_for_url(re.compile(r"/search\?section=.*&year=2017"))
    assert int(page.locator(".stats").get_attribute("data-total")) == count
    assert page.locator("li.hit").count() == count


def test_coverage_on_a_phone_passes_axe(make_page):
    page = make_page(viewport={"width": 390, "height": 900})
    page.goto("/coverage")
    assert page.locator("figure.chart svg").first.is_visible()
    assert _violations(page) == []


@pytest.mark.parametrize("name", ["duplicates", "without_publisher", "without_type"])
def test_a_quality_list_page_passes_axe_and_leads_to_its_entries(make_page, name):
    page = make_page(viewport={"width": 390, "height": 900})
    page.goto(f"/coverage/{name}")
    assert page.locator("h1").inner_text()
    assert _violations(page) == []
    links = page.locator("li[data-id] a")
    if links.count():
        title = links.first.inner_text()
        links.first.click()
        page.wait_for_url(re.compile(r"/entry/"))
        assert page.locator("h1").inner_text() == title
        page.go_back()
    page.get_by_role("link", name="Retour à la couverture du corpus").click()
    page.wait_for_url(re.compile(r"/coverage#qualite$"))


def test_check_page_finds_a_reference_pasted_in_another_style(page):
    page.goto("/check")
    assert _violations(page) == []
    page.get_by_label("Référence à vérifier").fill(REFERENCE)
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_url(re.compile(r"/check\?ref="))
    assert page.locator("[data-verdict]").inner_text() == "Déjà dans le corpus"
    first = page.locator("li.candidate").first
    assert first.locator(".candidate-title").inner_text().startswith("Rôle et limites")
    assert first.locator(".candidate-title mark").count() >= 5
    assert first.locator(".score-bar").is_visible()
    assert _violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "check-1280.png", full_page=True)
    first.locator(".candidate-title a").click()
    page.wait_for_url("**/entry/*")
    assert page.locator("h1").inner_text().startswith("Rôle et limites des tiers-lieux")


def test_check_page_with_nothing_pasted_says_what_to_do(page):
    page.goto("/check")
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_url(re.compile(r"/check\?ref="))
    assert "Collez d'abord une référence" in page.locator("#ref-empty").inner_text()
    assert page.locator("[data-verdict]").count() == 0


def test_export_menu_downloads_the_current_search(page):
    page.goto("/search?q=design&type=article")
    page.locator(".export-menu summary").click()
    link = page.locator('.export-menu a[data-format="bibtex"]')
    assert link.is_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "veille-design-article.bib"
    text = download.value.path().read_text("utf-8")
    assert text.count("@") == int(page.locator(".stats").get_attribute("data-total"))
    assert _violations(page) == []
    assert page.locator(".export-menu").get_attribute("open") is not None
    link.focus()
    page.keyboard.press("Escape")  # closes the menu, the focus back on its button
    assert page.locator(".export-menu").get_attribute("open") is None
    assert page.locator(".export-menu summary").evaluate("el => el === document.activeElement")


def test_entry_page_offers_exports_and_coins(page):
    page.goto("/search?q=design")
    page.locator("li.hit .hit-title a").first.click()
    page.wait_for_url("**/entry/*")
    assert page.locator("span.Z3988").count() == 1
    with page.expect_download() as download:
        page.locator('.export-list a[data-format="ris"]').click()
    assert download.value.suggested_filename.endswith(".ris")
    assert download.value.path().read_text("utf-8").startswith("TY  - ")


def test_feed_link_is_offered_and_served(page):
    page.goto("/search?q=innovation")
    href = page.locator("a.feed-link").get_attribute("href")
    assert href == page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute(
        "href"
    )
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert "<feed" in response.text()
