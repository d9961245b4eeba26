"""End-to-end scenarios through `veille serve` and Chromium: search, facets, pages, entries."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def _counts(page, facet: str) -> dict[str, int]:
    """Read a facet's values and counts from the page."""
    return page.eval_on_selector_all(
        f'input[data-facet="{facet}"]',
        """boxes => Object.fromEntries(boxes.map(b => [b.value,
            Number(b.closest('label').querySelector('[data-count]').dataset.count)]))""",
    )


def _total(page) -> int:
    """Read the number of results."""
    return int(page.locator(".stats").get_attribute("data-total"))


def test_typing_a_query_shows_marked_snippets(page):
    page.goto("/")
    page.get_by_label("Rechercher dans la veille").fill("innovation")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=innovation"))
    assert page.locator("h1").inner_text() == "Résultats pour « innovation »"
    assert page.locator(".snippet mark").count() > 5
    assert page.locator(".snippet mark").first.inner_text().lower().startswith("innov")
    assert "résultats" in page.locator(".stats").inner_text()


def test_ticking_a_facet_filters_and_keeps_its_other_values_selectable(page):
    page.goto("/search?q=innovation")
    before_total = _total(page)
    before_sections = _counts(page, "section")
    page.locator('input[data-facet="type"][value="rapport"]').check()  # JS submits the form
    page.wait_for_url(re.compile(r"type=rapport"))
    assert _total(page) < before_total
    assert _counts(page, "section") != before_sections
    assert page.locator('input[data-facet="type"][value="rapport"]').is_checked()
    article = page.locator('input[data-facet="type"][value="article"]')
    assert article.is_enabled() and not article.is_checked()
    assert _counts(page, "type")["article"] > 0
    article.check()
    page.wait_for_url(re.compile(r"type=article"))
    assert "type=rapport" in page.url
    assert _total(page) == _counts(page, "type")["rapport"] + _counts(page, "type")["article"]


def test_removing_a_chip_drops_its_constraint(page):
    page.goto("/search?q=innovation&type=rapport&year=2018")
    total = _total(page)
    page.get_by_role("link", name="Retirer le critère Type de document : rapport").click()
    page.wait_for_url(re.compile(r"/search\?q=innovation&year=2018$"))
    assert _total(page) > total
    assert page.locator(".chip").count() == 2
    page.get_by_role("link", name="Tout effacer").click()
    page.wait_for_url(re.compile(r"/search$"))
    assert _total(page) == 77


def test_paging_forward_and_back(page):
    page.goto("/search?q=innovation")
    first_ids = page.eval_on_selector_all("li.hit", "hits => hits.map(h => h.dataset.id)")
    page.get_by_role("link", name="Suivante").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator('.pager [aria-current="page"]').inner_text().endswith("2")
    second_ids = page.eval_on_selector_all("li.hit", "hits => hits.map(h => h.dataset.id)")
    assert not set(first_ids) & set(second_ids)
    assert page.locator("ol.hits").get_attribute("start") == "21"
    page.get_by_role("link", name="Précédente").click()
    page.wait_for_url(re.compile(r"/search\?q=innovation$"))
    assert page.eval_on_selector_all("li.hit", "hits => hits.map(h => h.dataset.id)") == first_ids
    page.go_back()
    assert page.locator('.pager [aria-current="page"]').inner_text().endswith("2")


def test_opening_an_entry_and_coming_back(page):
    page.goto("/search?q=design&type=rapport")
    results_url = page.url
    first = page.locator("li.hit .hit-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/entry/"))
    assert page.locator("h1").inner_text() == title
    assert page.locator(".similar li").count() >= 1
    assert page.locator('meta[name="citation_title"]').get_attribute("content") == title
    page.get_by_role("link", name="← Retour aux résultats").click()
    page.wait_for_url(results_url)
    assert page.locator("li.hit .hit-title a").first.inner_text() == title
    page.go_back()
    page.go_back()
    assert page.url == results_url


def test_a_misspelt_query_offers_relaxed_results_and_a_suggestion(page):
    page.goto("/")
    page.get_by_label("Rechercher dans la veille").fill("inovation")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"q=inovation"))
    notice = page.locator(".notice")
    assert "Aucun résultat pour tous les mots" in notice.inner_text()
    assert "Essayez" in notice.inner_text()
    assert page.locator("li.hit").count() > 0
    notice.get_by_role("link", name="innovation").click()
    page.wait_for_url(re.compile(r"q=innovation"))
    assert page.locator(".notice").count() == 0
    assert _total(page) > 0


def test_an_empty_query_browses_every_entry(page):
    page.goto("/search?q=innovation")
    page.get_by_label("Rechercher dans la veille").fill("")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\??$"))
    assert _total(page) == 77
    assert page.locator("h1").inner_text() == "Toutes les entrées"
    assert page.locator("#sort").input_value() == "-date"


def test_sort_and_year_range(page):
    page.goto("/search?q=innovation")
    page.locator("#sort").select_option("title")
    page.wait_for_url(re.compile(r"sort=title"))
    titles = page.locator("li.hit .hit-title").all_inner_texts()
    assert titles[0].casefold() <= titles[1].casefold()
    page.locator("#from").fill("2016")
    page.locator("#to").fill("2017")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"from=2016&to=2017"))
    years = {int(y) for y in page.locator(".hit-year").all_inner_texts()}
    assert years <= {2016, 2017}
    assert page.locator("#sort").input_value() == "title"


def test_voir_plus_opens_the_facet_page_and_a_value_applies_to_the_search(make_page):
    page = make_page(java_script_enabled=False)  # plain links: no script needed
    page.goto("/search?q=innovation")
    page.locator("#facette-publisher .facet-more a").click()
    page.wait_for_url(re.compile(r"/facets/publisher\?q=innovation$"))
    page.get_by_label("Filtrer les valeurs").fill("ÉCO")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"q_value="))
    value = page.locator(".facet-page-values a").first
    name = value.get_attribute("data-value")
    assert "eco" in name.casefold().replace("é", "e")
    value.click()
    page.wait_for_url(re.compile(r"/search\?q=innovation&publisher="))
    assert page.locator(f'input[data-facet="publisher"][value="{name}"]').is_checked()


def test_everything_works_without_javascript(make_page):
    page = make_page(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page.goto("/search?q=innovation")
    page.locator('input[data-facet="type"][value="rapport"]').check()
    assert "type=rapport" not in page.url  # nothing submits by itself
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url(re.compile(r"type=rapport"))
    assert page.locator('input[data-facet="type"][value="rapport"]').is_checked()
    page.locator("#sort").select_option("-date")
    page.get_by_role("button", name="Trier").click()
    page.wait_for_url(re.compile(r"sort=-date"))
    assert "type=rapport" in page.url


def test_keyboard_skip_link_and_visible_focus(page):
    page.goto("/search?q=innovation")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link").first
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    page.locator("#q").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_small_screens_fold_the_filters(make_page):
    page = make_page(viewport={"width": 390, "height": 844})
    page.goto("/search?q=innovation")
    panel = page.locator("details.refine-panel")
    assert panel.get_attribute("open") is None
    assert not page.locator('input[data-facet="type"]').first.is_visible()
    page.get_by_text("Afficher les filtres").click()
    assert page.locator(".refine-toggle").inner_text() == "Masquer les filtres"
    assert page.locator('input[data-facet="type"]').first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no horizontal scrolling


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["/coverage", "/territoires", "/search?q=innovation"])
def test_pages_never_scroll_sideways(make_page, path, width):
    page = make_page(viewport={"width": width, "height": 800})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_sort_menu_walked_with_the_keyboard_applies_on_enter(page):
    page.goto("/search?q=innovation")
    start = page.url
    menu = page.locator("#sort")
    menu.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert page.url == start  # walking the menu applies nothing yet
    chosen = menu.input_value()
    assert chosen != "relevance"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"sort={re.escape(chosen)}"))
    assert page.locator("#sort").input_value() == chosen


def test_a_place_ticked_inside_a_ticked_place_narrows_and_its_holder_widens(page):
    page.goto("/search?territory=reg-53")
    region = _total(page)
    page.locator('input[data-facet="territory"][value="dep-35"]').check()
    page.wait_for_url(re.compile(r"territory=dep-35"))
    assert page.locator('input[data-facet="territory"][value="dep-35"]').is_checked()
    assert not page.locator('input[data-facet="territory"][value="reg-53"]').is_checked()
    department = _total(page)
    assert department < region
    page.locator('input[data-facet="territory"][value="reg-53"]').check()
    page.wait_for_url(re.compile(r"territory=reg-53$"))
    assert _total(page) == region


def test_a_second_skip_link_goes_to_the_results(page):
    page.goto("/search?q=innovation")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    results = page.locator(".skip-link").nth(1)
    assert results.evaluate("el => el === document.activeElement")
    assert results.inner_text() == "Aller aux résultats" and results.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "resultats"
    page.keyboard.press("Tab")  # the next stop is the first result's link
    first = page.locator("li.hit a").first
    assert first.evaluate("el => el === document.activeElement")
