"""The search page: search box, counts, hits, facets, breadbox, histogram, sort, pager."""

from __future__ import annotations

import re

from search_ui.engine.criteria import DEFAULT_PER_PAGE, SORTS

from .html import facet_count, soup


def test_search_box_is_a_labelled_field_inside_a_search_landmark(client):
    page = soup(client.get("/"))
    form = page.find(attrs={"role": "search"})
    field = form.find("input", attrs={"name": "q"})
    assert page.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert page.html["lang"] == "fr"
    assert page.find("a", class_="skip-link")["href"] == "#contenu"
    assert page.find("main", id="contenu")


def test_root_and_search_show_the_same_page(client, records):
    pages = [soup(client.get(url)) for url in ("/", "/search")]
    shown = [[hit["data-id"] for hit in page.select("li.hit")] for page in pages]
    assert shown[0] == shown[1]
    assert len(shown[0]) == min(DEFAULT_PER_PAGE, len(records)) == 20  # the seed's first page
    assert [page.find(class_="stats")["data-total"] for page in pages] == [str(len(records))] * 2


def test_a_query_shows_count_time_and_marked_snippets(client):
    page = soup(client.get("/search?q=innovation"))
    stats = page.find(class_="stats")
    assert "résultats" in stats.get_text()
    assert stats.find(class_="took").get_text().endswith("ms")
    hits = page.select("li.hit")
    assert len(hits) == 20
    assert all(hit.select(".snippet mark") or hit.select(".hit-title mark") for hit in hits)
    first = hits[0]
    link = first.select_one(".hit-title a")
    assert link["href"] == f"/entry/{first['data-id']}"


def test_hits_show_their_metadata(client):
    page = soup(client.get("/search?q=Horizons+publics"))
    hit = page.select_one("li.hit")
    text = hit.get_text(" ", strip=True)
    assert "Horizons publics, septembre 2018" in text
    assert "2018" in text and "article" in text
    assert "Concevoir autrement les politiques publiques" in text


def test_empty_query_browses_every_entry_newest_first(client):
    page = soup(client.get("/"))
    assert page.find(class_="stats")["data-total"] == "77"
    years = [
        int(hit.select_one(".hit-year").get_text())
        for hit in page.select("li.hit")
        if hit.select_one(".hit-year")
    ]
    assert years == sorted(years, reverse=True)
    assert page.h1.get_text() == "Toutes les entrées"


def test_facets_offer_checkboxes_with_counts_for_the_four_facets(client):
    page = soup(client.get("/search?q=innovation"))
    for facet in ("section", "publisher", "type", "year"):
        boxes = page.select(f'input[type=checkbox][name="{facet}"]')
        assert boxes, facet
        assert all(box.get("form") == "recherche" for box in boxes)
        counts = [facet_count(box) for box in boxes]
        assert all(count >= 0 for count in counts)


def test_ticking_a_facet_keeps_its_other_values_choosable(client):
    page = soup(client.get("/search?q=innovation&type=rapport"))
    ticked = page.select_one('input[data-facet="type"][value="rapport"]')
    assert ticked.has_attr("checked")
    others = [box for box in page.select('input[data-facet="type"]') if not box.has_attr("checked")]
    assert others
    counts = [facet_count(b) for b in others]
    assert any(counts)


def test_many_values_link_to_the_facet_page_under_voir_plus(client):
    page = soup(client.get("/search?q=innovation&page=2"))
    more = page.select_one("#facette-publisher .facet-more a")
    assert "voir plus" in more.get_text()
    assert more["href"] == "/facets/publisher?q=innovation"  # the search, back on its page 1
    total = client.get("/api/facets/publisher?q=innovation").json["total_values"]
    assert f"les {total} valeurs" in more.get_text()
    assert len(page.select("#facette-publisher > ul input")) == 8
    assert not page.select("#facette-publisher details")  # the rest is not in the page


def test_selected_values_stay_visible_even_beyond_the_top(client):
    last = client.get("/api/facets/publisher").json["values"][-1]["value"]
    page = soup(client.get("/", query_string={"publisher": last}))
    visible = page.select("#facette-publisher > ul input[checked]")
    assert [box["value"] for box in visible] == [last]


def test_breadbox_shows_removable_chips_and_clear_all(client):
    page = soup(client.get("/search?q=innovation&type=rapport&year=2018"))
    chips = page.select(".chips .chip")
    assert [chip.select_one(".chip-value").get_text() for chip in chips] == [
        "innovation",
        "rapport",
        "2018",
    ]
    type_chip = chips[1].select_one("a.chip-remove")
    assert type_chip["href"] == "/search?q=innovation&year=2018"
    assert "rapport" in type_chip["aria-label"]
    clear = page.find("a", string="Tout effacer")
    assert clear["href"] == "/search"


def test_year_range_has_inputs_and_a_chip(client):
    page = soup(client.get("/search?from=2016&to=2017"))
    assert page.select_one("input#from")["value"] == "2016"
    assert page.select_one("input#to")["value"] == "2017"
    assert any(".chip-value" and "2016–2017" in c.get_text() for c in page.select(".chip"))
    years = {int(hit.get_text()) for hit in page.select(".hit-year")}
    assert years <= {2016, 2017}


def test_year_histogram_is_server_rendered_with_a_text_alternative(client):
    page = soup(client.get("/"))
    svg = page.select_one(".histogram svg")
    assert svg["role"] == "img"
    title = svg.find("title").get_text()
    assert "2018 : " in title
    assert len(svg.select("rect.bar")) == len(page.select('input[name="year"]'))


def test_sort_select_offers_the_four_sorts(client):
    page = soup(client.get("/search?q=innovation&sort=title"))
    select = page.select_one("select#sort")
    assert [o["value"] for o in select.find_all("option")] == list(SORTS)
    assert select.find("option", selected=True)["value"] == "title"
    assert page.find("label", attrs={"for": "sort"})
    titles = [hit.select_one(".hit-title").get_text() for hit in page.select("li.hit")]
    assert titles[0].casefold() <= titles[-1].casefold()


def test_pager_never_links_the_current_page(client):
    page = soup(client.get("/search?q=innovation&page=2"))
    pager = page.select_one("nav.pager")
    current = pager.select_one('[aria-current="page"]')
    assert current.name != "a" and "2" in current.get_text()
    hrefs = [a["href"] for a in pager.find_all("a")]
    assert "/search?q=innovation&page=2" not in hrefs
    assert "/search?q=innovation" in hrefs  # page 1 is the default
    assert page.find("a", rel="next")["href"] == "/search?q=innovation&page=3"


def test_no_result_for_every_word_offers_relaxed_results_and_a_suggestion(client):
    page = soup(client.get("/search?q=inovation"))
    notice = page.select_one(".notice")
    assert "Aucun résultat pour tous les mots" in notice.get_text()
    suggestion = notice.select_one(".suggestion a")
    assert suggestion.get_text() == "innovation"
    assert suggestion["href"] == "/search?q=innovation"
    assert page.select("li.hit")


def test_nothing_at_all_says_so_and_how_to_widen(client):
    page = soup(client.get("/search?q=innovation&year=1999"))
    assert "Aucun résultat" in page.select_one(".notice").get_text()
    assert page.find("a", string="effacez tous les filtres")


def test_the_form_works_without_javascript(client):
    page = soup(client.get("/search?q=innovation"))
    assert page.select_one(".apply button[type=submit][form=recherche]")
    assert page.select_one("form.sort button[type=submit]")
    scripts = page.find_all("script")
    assert [s.get("src") for s in scripts] == ["/static/veille.js"]
    assert not any(s.string for s in scripts)
    assert not page.select("[style]")
    assert not any(attr.startswith("on") for tag in page.find_all(True) for attr in tag.attrs)


def test_the_stats_line_and_facet_counts_read_as_french(client):
    page = soup(client.get("/search?q=innovation&per_page=10"))
    stats = " ".join(page.select_one("p.stats").get_text().split())
    assert re.search(r"\S · page 1 sur \d+ ·", stats), stats
    counts = {
        count["data-count"]: count.get_text() for count in page.select(".facet-count[data-count]")
    }
    assert counts["1"] == "(1 résultat)" and any(t.endswith(" résultats)") for t in counts.values())


def test_a_page_past_the_last_names_the_last_and_links_to_it(client, records):
    last = -(-len(records) // DEFAULT_PER_PAGE)
    page = soup(client.get("/search?page=99"))
    assert page.select("li.hit") == []
    stats = page.find(class_="stats").get_text(" ", strip=True)
    assert f"page 99, au-delà de la dernière ({last})" in " ".join(stats.split())
    assert f"sur {last}" not in stats
    notice = page.select_one(".results .notice")
    assert f"au-delà de la dernière ({last})" in notice.get_text()
    hrefs = [a["href"] for a in notice.find_all("a")]
    assert f"/search?page={last}" in hrefs and "/search" in hrefs
    assert soup(client.get(hrefs[0])).select("li.hit")


def test_a_misspelt_query_counts_what_it_lists_and_exports_alike(client):
    q = "inovation publique"
    data = client.get("/api/search", query_string={"q": q}).json
    assert data["relaxed"] and data["total"] == 0
    listed = data["matched"] - data.get("partial_total", 0) - data.get("related_total", 0)
    stats = " ".join(
        soup(client.get("/search", query_string={"q": q})).select_one(".stats").get_text().split()
    )
    assert f"{listed} résultats approchants" in stats
    exported = client.get("/export/json", query_string={"q": q}).get_json()
    assert len(exported) == listed
