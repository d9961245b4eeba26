"""Small pure helpers the templates use: labels, numbers, facet folding, pager, histogram."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from flask import Flask, url_for

from indexer.facet_specs import BY_KEY, COUNTED, FACETS, REPORTED, FacetSpec, Panel, facet
from indexer.territories import default_gazetteer
from search_ui.engine.criteria import DEFAULT_PER_PAGE, SORTS, SearchRequest
from search_ui.engine.facet_pages import FacetQuery
from search_ui.engine.results import FacetValue

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def register(app: Flask) -> None:
    """Make the helpers available to every template."""
    app.add_template_filter(number)
    app.add_template_filter(duration)
    app.add_template_global(plural)
    app.add_template_filter(added_date)
    app.add_template_global(fold_facet)
    app.add_template_global(facet_tree)
    app.add_template_global(pager)
    app.add_template_global(histogram)
    app.add_template_global(shown_facets)
    app.add_template_global(constraints)
    app.add_template_global(search_url)
    app.add_template_global(facet_url)
    app.add_template_global(facet_page_url)
    app.jinja_env.globals.update(
        FACETS=FACETS,  # every facet, in the order of the URL's parameters
        FACET=BY_KEY,  # one facet by key: FACET.kind.label
        REPORTED=REPORTED,
        SORTS=SORTS,
        MONTHS=MONTHS,
        DEFAULT_PER_PAGE=DEFAULT_PER_PAGE,
    )


def number(value: int) -> str:
    """Format an integer the French way (narrow no-break space between thousands)."""
    return f"{value:,}".replace(",", "\u202f")


def duration(ms: float) -> str:
    """Format a duration in milliseconds with a French decimal comma."""
    text = f"{ms:.1f}" if ms < 10 else f"{ms:.0f}"
    return text.replace(".", ",") + "\u00a0ms"


def plural(count: int, singular: str, many: str | None = None) -> str:
    """Return `count word` with the word agreed (French: 0 and 1 are singular)."""
    word = singular if count <= 1 else (many or singular + "s")
    return f"{number(count)} {word}"


def added_date(timestamp: int | None) -> str:
    """Format the time an entry entered the index as a date."""
    if not timestamp:
        return ""
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%d/%m/%Y")


def shown_facets(facets: dict[str, list[FacetValue]]) -> list[FacetSpec]:
    """Return the facets worth a panel: those always shown, others once they discriminate."""
    return [
        spec
        for spec in COUNTED
        if facets.get(spec.key)
        and (
            spec.panel is Panel.ALWAYS
            or len(facets[spec.key]) > 1
            or any(value.selected for value in facets[spec.key])
        )
    ]


def fold_facet(values: list[FacetValue], visible: int) -> tuple[list[FacetValue], list[FacetValue]]:
    """Split a facet into the values shown at once (top ones and selections) and the rest."""
    head = [v for i, v in enumerate(values) if i < visible or v.selected]
    tail = [v for i, v in enumerate(values) if i >= visible and not v.selected]
    return head, tail


@dataclass
class FacetNode:
    """A value of a hierarchical facet and the listed values it contains."""

    value: FacetValue
    children: list[FacetNode] = field(default_factory=list)


def facet_tree(values: list[FacetValue]) -> tuple[list[FacetNode], list[FacetNode]]:
    """Nest the territories a search lists (depth first: a value follows the one containing
    it, search_ui.engine.territory_facet) and part them: in France, and abroad."""
    gazetteer = default_gazetteer()
    roots: list[FacetNode] = []
    path: list[FacetNode] = []
    for value in values:
        node = FacetNode(value)
        parents = gazetteer[value.value].within if value.value in gazetteer else ()
        while path and path[-1].value.value not in parents:
            path.pop()
        (path[-1].children if path else roots).append(node)
        path.append(node)
    abroad = [node for node in roots if node.value.value.startswith("int-")]
    return [node for node in roots if node not in abroad], abroad


@dataclass(frozen=True)
class PageLink:
    """One item of the pager: a page number, or a gap (number None)."""

    number: int | None
    current: bool = False


def pager(page: int, pages: int, around: int = 2) -> list[PageLink]:
    """Return the pages to offer: first, last, and a window around the current one."""
    wanted = {1, pages, *range(page - around, page + around + 1)}
    links: list[PageLink] = []
    previous = 0
    for number_ in sorted(n for n in wanted if 1 <= n <= pages):
        if number_ - previous > 1:
            links.append(PageLink(None))
        links.append(PageLink(number_, number_ == page))
        previous = number_
    return links


@dataclass(frozen=True)
class Bar:
    """One bar of the year histogram, in SVG units."""

    year: str
    count: int
    x: float
    y: float
    width: float
    height: float
    selected: bool


def histogram(years: list[FacetValue], width: int = 240, height: int = 56) -> list[Bar]:
    """Lay out the year counts as bars, oldest on the left."""
    ordered = sorted((v for v in years if v.value.isdigit()), key=lambda v: v.value)
    if not ordered:
        return []
    top = max(v.count for v in ordered) or 1
    step = width / len(ordered)
    bars = []
    for i, value in enumerate(ordered):
        bar_height = max(2.0, height * value.count / top) if value.count else 0.0
        bars.append(
            Bar(
                value.value,
                value.count,
                round(i * step + step * 0.15, 2),
                round(height - bar_height, 2),
                round(step * 0.7, 2),
                round(bar_height, 2),
                value.selected,
            )
        )
    return bars


@dataclass(frozen=True)
class Constraint:
    """One removable chip of the breadbox: what is constrained and the request without it."""

    label: str
    value: str
    without: SearchRequest


def constraints(request: SearchRequest) -> list[Constraint]:
    """List the active constraints (query, facet values, year range) and how to drop each."""
    chips = []
    if request.q:
        chips.append(Constraint("Recherche", request.q, request.with_changes(q="")))
    for spec in FACETS:
        for value in request.selected(spec.key):
            without = request.toggled(spec.key, value)
            chips.append(Constraint(spec.label, spec.value_label(value), without))
    if request.year_from is not None or request.year_to is not None:
        low = request.year_from if request.year_from is not None else "…"
        high = request.year_to if request.year_to is not None else "…"
        without = request.with_changes(year_from=None, year_to=None)
        chips.append(Constraint("Années", f"{low}–{high}", without))
    return chips


def search_url(request: SearchRequest, **changes: object) -> str:
    """Return the URL of the search page for a request (page 1 unless `page` is given)."""
    query = request.query_string(**changes)
    return f"{url_for('pages.search')}?{query}" if query else url_for("pages.search")


def facet_url(**values: object) -> str:
    """Return the URL of the search page filtered on facet values, given by facet key."""
    return url_for("pages.search", **{facet(key).param: value for key, value in values.items()})


def facet_page_url(
    query: FacetQuery | SearchRequest, spec: FacetSpec, page: int | None = None
) -> str:
    """Return the URL of a facet's own page for a search (or another page of a facet page)."""
    if isinstance(query, SearchRequest):
        query = FacetQuery(query)
    pairs = query.params(page)
    base = url_for("facets.page", facet=spec.param)
    return f"{base}?{urlencode(pairs)}" if pairs else base
