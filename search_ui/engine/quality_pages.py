"""The data-quality lists of the coverage report, a page at a time: /coverage/<list> and its
JSON twin, and the first items of each that /coverage, /api/coverage and `veille stats` show.

At 100,000 entries the lists hold tens of thousands of items (9,000 groups of suspected
duplicates): whole, they made /api/coverage 27 MB. The generation holds the report's JSON
in memory (Generation.coverage, from the build's coverage.json); a page is a slice of it,
nothing is computed again. No Flask here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from search_ui.engine.criteria import integer_param

QUALITY_PAGE_SIZE = 50  # items a page lists; a group of suspected duplicates is one item
QUALITY_SHOWN = QUALITY_PAGE_SIZE  # the first items of each list in /api/coverage and stats
MAX_QUALITY_PAGE = 10_000  # 500,000 items, beyond any list: a bound on what a URL may ask


@dataclass(frozen=True)
class QualityList:
    """One data-quality list of the report, as its pages name it."""

    name: str  # its key under `quality` in /api/coverage, and its URL's <list>
    label: str  # the title of its page, in French
    noun: str  # what it counts, singular (the page says « 330 entrées »)
    empty: str  # what its page says when it has no item


QUALITY_LISTS = (
    QualityList(
        "without_year",
        "Publications et événements sans année",
        "entrée",
        "Toutes les publications et tous les événements ont une année.",
    ),
    QualityList(
        "without_publisher", "Entrées sans éditeur", "entrée", "Toutes les entrées ont un éditeur."
    ),
    QualityList(
        "without_type",
        "Entrées sans type de document",
        "entrée",
        "Toutes les entrées ont un type de document.",
    ),
    QualityList("duplicates", "Doublons probables", "groupe", "Aucun titre n'apparaît deux fois."),
    QualityList(
        "folded_variants",
        "Éditeurs écrits de plusieurs façons",
        "éditeur",
        "Chaque éditeur est écrit d'une seule façon.",
    ),
)
BY_NAME = {spec.name: spec for spec in QUALITY_LISTS}


def quality_list(name: str) -> QualityList | None:
    """Return the data-quality list called `name`, None for any other name."""
    return BY_NAME.get(name)


def page_number(args: Mapping[str, list[str]]) -> int:
    """Read the `page` of a list's URL, 1 when absent (raises BadRequest in French)."""
    return integer_param(args, "page", 1, MAX_QUALITY_PAGE, "numéro de page") or 1


@dataclass
class QualityPage:
    """One page of a data-quality list: its items as /api/coverage writes them."""

    spec: QualityList
    items: list[Any]  # this page's: entries, groups of entries, or publishers' spellings
    total: int  # items of the whole list
    page: int
    per_page: int = QUALITY_PAGE_SIZE

    @property
    def pages(self) -> int:
        """Return the number of pages of the list (one, even empty)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def start(self) -> int:
        """Return the rank of this page's first item in the list, from 1."""
        return (self.page - 1) * self.per_page + 1

    def to_api(self) -> dict[str, Any]:
        """Return the JSON of /api/coverage/<list>, as docs/interfaces.md defines it."""
        return {
            "list": self.spec.name,
            "label": self.spec.label,
            "items": self.items,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
        }


def quality_page(report: Mapping[str, Any], spec: QualityList, page: int) -> QualityPage:
    """Slice a page of a list out of the report's JSON (a page past the last is empty)."""
    items = report["quality"][spec.name]
    start = (page - 1) * QUALITY_PAGE_SIZE
    return QualityPage(spec, items[start : start + QUALITY_PAGE_SIZE], len(items), page)


def first_items(report: Mapping[str, Any], count: int = QUALITY_SHOWN) -> dict[str, list[Any]]:
    """Return the first `count` items of each list of the report's JSON."""
    return {name: items[:count] for name, items in report["quality"].items()}


def coverage_summary(report: Mapping[str, Any], list_url: Callable[[str], str]) -> dict[str, Any]:
    """Return the JSON of /api/coverage: the report's, each list cut to its first items,
    with the size of each list and the address of its pages (`list_url(name)`)."""
    quality = report["quality"]
    return {
        **report,
        "quality": first_items(report),
        "quality_totals": {name: len(items) for name, items in quality.items()},
        "quality_pages": {name: list_url(name) for name in quality},
    }
