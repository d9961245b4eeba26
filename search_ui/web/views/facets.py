"""A facet's own page: every value of one facet for a search, filtered and paged, and its
JSON twin. The search page lists the top values and links here (« voir plus »)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request

from search_ui.engine.facet_pages import FacetPage, counted_facet, facet_page
from search_ui.engine.facet_pages import parse_facet_query as parse
from search_ui.web.service import get_service

bp = Blueprint("facets", __name__)


def _page(facet: str) -> FacetPage:
    """Count the facet's values for the URL's search and keep the asked page (404, 400)."""
    spec = counted_facet(facet)
    if spec is None:
        abort(404, description=f"Aucune facette ne s'appelle « {facet} ».")
    query = parse(request.args.to_dict(flat=False))
    return facet_page(spec, get_service().facet_values(query.search, spec), query)


@bp.get("/facets/<facet>")
def page(facet: str) -> str:
    """Show one page of a facet's values, each a link that toggles it in the search."""
    return render_template("facet.html", facet_page=_page(facet))


@bp.get("/api/facets/<facet>")
def api(facet: str) -> dict[str, Any]:
    """Return one page of a facet's values as JSON."""
    return _page(facet).to_api()
