"""One facet's values, every one, a page at a time: the facet page and its JSON twin.

The search page and /api/search list each facet's top values only; a facet with thousands
of them (publishers, issues at 100,000 entries) is browsed here, filtered by typed text,
a page of values at a time, as VuFind's facet lightbox does. No Flask here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from analyzers.folding import fold
from indexer.facet_specs import COUNTED, FacetSpec
from search_ui.engine.criteria import (
    MAX_VALUE_LENGTH,
    BadRequest,
    SearchRequest,
    integer_param,
    one_param,
    parse_request,
    readable,
)
from search_ui.engine.results import FacetValue, value_json

FACET_PAGE_SIZE = 50  # values a facet page lists
MAX_FACET_PAGE = 10_000  # beyond any facet's values: a bound on what a URL may ask
PAGE_PARAMS = ("q_value", "page")  # the facet page's own parameters; the others: the search


def counted_facet(param: str) -> FacetSpec | None:
    """Return the counted facet whose URL parameter is `param`, None for any other name."""
    return next((spec for spec in COUNTED if spec.param == param), None)


@dataclass(frozen=True)
class FacetQuery:
    """What a facet page asks: the search it belongs to, the typed filter and the page."""

    search: SearchRequest  # the search whose values are counted (its own page left out)
    q_value: str = ""  # keep the values containing this, accents and case aside
    page: int = 1

    def params(self, page: int | None = None) -> list[tuple[str, str]]:
        """Return the URL parameters of this facet page, or of another of its pages."""
        pairs = self.search.with_changes().params()
        if self.q_value:
            pairs.append(("q_value", self.q_value))
        page = self.page if page is None else page
        return pairs + ([("page", str(page))] if page != 1 else [])


def parse_facet_query(args: Mapping[str, list[str]]) -> FacetQuery:
    """Read a facet page's URL: its filter and page, then the search (raises BadRequest)."""
    args = readable(args)  # the filter is shown back in the page: no control character
    q_value = " ".join((one_param(args, "q_value") or "").split())
    if len(q_value) > MAX_VALUE_LENGTH:
        raise BadRequest(f"Le filtre « q_value » dépasse {MAX_VALUE_LENGTH} caractères.")
    page = integer_param(args, "page", 1, MAX_FACET_PAGE, "numéro de page") or 1
    search = parse_request({k: v for k, v in args.items() if k not in PAGE_PARAMS})
    return FacetQuery(search, q_value, page)


@dataclass
class FacetPage:
    """One page of a facet's values for a search, after the typed filter."""

    spec: FacetSpec
    query: FacetQuery
    values: list[FacetValue]  # this page's, in the facet's order
    total_values: int  # values passing the filter, on every page
    per_page: int = FACET_PAGE_SIZE

    @property
    def pages(self) -> int:
        """Return the number of pages of values (one, even empty)."""
        return max(1, -(-self.total_values // self.per_page))

    def to_api(self) -> dict[str, Any]:
        """Return the JSON of /api/facets/<facet>, as docs/interfaces.md defines it."""
        return {
            "facet": self.spec.api,
            "label": self.spec.label,
            "q_value": self.query.q_value,
            "values": [value_json(self.spec, value) for value in self.values],
            "total_values": self.total_values,
            "page": self.query.page,
            "per_page": self.per_page,
            "pages": self.pages,
        }


def facet_page(spec: FacetSpec, values: list[FacetValue], query: FacetQuery) -> FacetPage:
    """Keep the values containing the filter (folded: « eleve » finds « Élève »), then the
    query's page of them."""
    wanted = fold(query.q_value)
    kept = [value for value in values if wanted in _searched(spec, value)] if wanted else values
    start = (query.page - 1) * FACET_PAGE_SIZE
    return FacetPage(spec, query, kept[start : start + FACET_PAGE_SIZE], len(kept))


def _searched(spec: FacetSpec, value: FacetValue) -> str:
    """Return what the filter is looked for in: the value, and its label when it is coded
    (« bretagne » finds `reg-53`), folded."""
    label = spec.value_label(value.value)
    return fold(value.value if label == value.value else f"{label} {value.value}")
