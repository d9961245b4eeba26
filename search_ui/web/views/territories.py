"""Coverage by territory (/territoires): a tile map of France's régions, the départements of
one région on demand, and the places abroad, for a search (an empty one: the whole corpus);
a table beside each map, and the JSON twin /api/territories.

Every count is the territory facet's for the search, from one call to the facet machinery;
« Hors de France » is the total of one more search, that of every place abroad (an entry
about Spain and the United States counts once there), made only when some place abroad counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request, url_for

from indexer.facet_specs import facet
from search_ui.engine.criteria import BadRequest, SearchRequest, one_param, parse_request, readable
from search_ui.rendering.territory_map import (
    TerritoryCoverage,
    abroad_codes,
    department_map,
    levels,
    region_map,
    scale,
    territory_coverage,
)
from search_ui.web.presenters import search_url
from search_ui.web.service import get_service

bp = Blueprint("territories", __name__)
REGION = "region"  # the page's own parameter: the région whose départements are shown
TERRITORY = facet("territory")


def _region(args: dict[str, list[str]]) -> str | None:
    """Return the asked région's code, or raise BadRequest in French for an unknown one."""
    region = one_param(readable(args), REGION)
    if region is not None and region not in levels().regions:
        raise BadRequest(
            f"La région « {region} » est inconnue : donnez son code officiel, par exemple "
            "region=reg-53 pour la Bretagne."
        )
    return region


def _coverage() -> tuple[SearchRequest, TerritoryCoverage]:
    """Count the territories of the URL's search, and gather the page's places (400)."""
    args = request.args.to_dict(flat=False)
    region = _region(args)
    criteria = parse_request({name: v for name, v in args.items() if name != REGION})
    criteria = criteria.with_changes()  # a map has no page: its links go to page 1
    service = get_service()
    counts = {value.value: value.count for value in service.facet_values(criteria, TERRITORY)}

    def href(codes: Sequence[str]) -> str:
        """Return the search with its territory filter replaced by `codes`."""
        return search_url(
            criteria.with_changes(filters={**criteria.filters, TERRITORY.key: tuple(codes)})
        )

    abroad = abroad_codes()
    abroad_count = 0
    if any(counts.get(code) for code in abroad):
        only_abroad = {**criteria.filters, TERRITORY.key: abroad}
        found = service.search(criteria.with_changes(filters=only_abroad, per_page=1))
        abroad_count = found.shown_total  # a misspelt search's places count its fallback
    return criteria, territory_coverage(counts, href, abroad_count, region)


@bp.app_template_global()
def map_url(criteria: SearchRequest, region: str | None = None, api: bool = False) -> str:
    """Return the URL of /territoires (or its JSON) for a search, and a région's départements."""
    pairs = criteria.with_changes().params() + ([(REGION, region)] if region else [])
    base = url_for("territories.api" if api else "territories.page")
    return f"{base}?{urlencode(pairs)}" if pairs else base


@bp.get("/territoires")
def page() -> str:
    """Show the map of régions (and a région's départements), each tile a link to its search."""
    criteria, coverage = _coverage()
    selected = set(criteria.selected(TERRITORY.key))
    if coverage.region is not None:
        selected.add(coverage.region.code)
    regions = region_map(coverage.regions, coverage.abroad_total, selected)
    departments = department_map(coverage.departments) if coverage.departments else None
    return render_template(
        "territories.html",
        criteria=criteria,
        coverage=coverage,
        regions_map=regions,
        departments_map=departments,
        regions_scale=scale(max((t.place.count for t in regions.tiles), default=0)),
        departments_scale=scale(max((p.count for p in coverage.departments or []), default=0)),
    )


@bp.get("/api/territories")
def api() -> dict[str, Any]:
    """Return the counts of the régions (a région's départements) and places abroad as JSON."""
    return _coverage()[1].to_api()
