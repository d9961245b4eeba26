"""The HTML pages: search (with facets) and entry."""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from flask import Blueprint, current_app, render_template, request, url_for

from indexer.extraction.entry import Entry
from indexer.facet_specs import COUNTED, year_facet
from search_ui.engine.criteria import DEFAULT_FACET_SIZE, MAX_FACET_SIZE
from search_ui.rendering.citation import highwire, reference
from search_ui.web.paths import ENTRY_RULE
from search_ui.web.service import get_service
from search_ui.web.urls import absolute_url, public_url
from search_ui.web.views.common import entry_or_404, search_request

bp = Blueprint("pages", __name__)
# Fields the entry page lays out itself; any other key of a record is listed as extra.
SHOWN_FIELDS = frozenset(
    {field.name for field in dataclasses.fields(Entry)}
    | {"added", "territories", "territories_named"}
)


@bp.get("/")
@bp.get("/search")
def search() -> str:
    """Show one page of results with facets, breadbox, sort and pager."""
    criteria = dataclasses.replace(search_request(), facet_size=DEFAULT_FACET_SIZE)
    visible = current_app.config["FACET_VISIBLE"] or max(spec.visible for spec in COUNTED)
    listed = dataclasses.replace(criteria, facet_size=min(visible, MAX_FACET_SIZE))
    # The histogram draws every year; the other facets list their top values, and link to
    # their own page for the rest (thousands of publishers would weigh a megabyte).
    result = get_service().search(listed, whole=frozenset({year_facet().key}))
    return render_template(
        "search.html",
        result=result,
        criteria=criteria,
        facet_visible=current_app.config["FACET_VISIBLE"],
    )


@bp.get(ENTRY_RULE)
def entry(entry_id: str) -> str:
    """Show every field of one entry, its provenance, a citation and similar entries."""
    record = entry_or_404(entry_id)
    path = url_for("pages.entry", entry_id=entry_id)
    permalink = public_url(path)  # under BASE_URL, else root-relative: never the Host header
    return render_template(
        "entry.html",
        record=record,
        permalink=permalink,
        cited_url=absolute_url(path),  # a citation gives a full address, or none
        reference=reference(record),
        meta=highwire(record, permalink),
        extra={k: v for k, v in record.items() if k not in SHOWN_FIELDS},
        similar=get_service().similar(entry_id),
        back=_results_referrer(),
    )


def _results_referrer() -> str | None:
    """Return the results page the reader came from, when it is one of ours."""
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != request.host or parts.path not in ("/", "/search"):
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
