"""The template helpers: pager window, histogram, facet folding, French numbers, citation."""

from __future__ import annotations

import pytest

from search_ui.engine.results import FacetValue
from search_ui.rendering.citation import highwire, reference
from search_ui.web.presenters import duration, fold_facet, histogram, number, pager, plural


@pytest.mark.parametrize(
    ("page", "pages", "shown"),
    [
        (1, 1, [1]),
        (1, 4, [1, 2, 3, 4]),
        (1, 10, [1, 2, 3, None, 10]),
        (6, 10, [1, None, 4, 5, 6, 7, 8, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
    ],
)
def test_pager_shows_first_last_and_a_window(page, pages, shown):
    links = pager(page, pages)
    assert [link.number for link in links] == shown
    assert [link.number for link in links if link.current] == [page]


def test_histogram_puts_years_in_order_with_heights_by_count():
    years = [
        FacetValue("2018", 30, False),
        FacetValue("2016", 3, True),
        FacetValue("2017", 0, False),
    ]
    bars = histogram(years, width=300, height=60)
    assert [bar.year for bar in bars] == ["2016", "2017", "2018"]
    assert bars[2].height == 60 and bars[0].height == 6 and bars[1].height == 0
    assert bars[0].selected
    assert all(bar.y + bar.height == 60 for bar in bars)
    assert histogram([]) == []


def test_fold_keeps_the_top_values_and_any_selection_visible():
    values = [FacetValue(str(i), 10 - i, i == 7) for i in range(10)]
    head, tail = fold_facet(values, 3)
    assert [v.value for v in head] == ["0", "1", "2", "7"]
    assert [v.value for v in tail] == ["3", "4", "5", "6", "8", "9"]


def test_numbers_read_the_french_way():
    assert number(12345) == "12\u202f345"
    assert duration(3.25) == "3,2\u00a0ms"
    assert duration(123.4) == "123\u00a0ms"
    assert plural(0, "résultat") == "0 résultat"
    assert plural(1, "résultat") == "1 résultat"
    assert plural(2, "résultat approchant", "résultats approchants") == "2 résultats approchants"


RECORD = {
    "id": "x",
    "title": "Fostering Innovation in the Public Sector",
    "authors": [],
    "publishers": ["OCDE"],
    "source": "",
    "year": 2017,
    "date_text": "2017",
    "pages": 254,
    "doc_type": "rapport",
    "language": "en",
}


def test_reference_names_who_what_when_and_extent():
    assert reference(RECORD) == "OCDE. Fostering Innovation in the Public Sector. 2017. 254 p."
    article = {
        **RECORD,
        "authors": ["Akim Oural"],
        "source": "Revue X, n°3, 2017. 12 p",
        "pages": 12,
    }
    assert reference(article) == (
        "Akim Oural. Fostering Innovation in the Public Sector. Revue X, n°3, 2017. 12 p. OCDE."
    )


def test_highwire_tags_cover_what_zotero_reads():
    tags = highwire(RECORD, "http://h/entry/x")
    names = [name for name, _ in tags]
    assert ("citation_title", RECORD["title"]) in tags
    assert ("citation_publisher", "OCDE") in tags
    assert ("citation_publication_date", "2017") in tags
    assert ("citation_language", "en") in tags
    assert "citation_journal_title" not in names  # no source
    assert "citation_pdf_url" not in names
