"""Exports and alerts: a result list or one entry as a file, a search as an Atom feed, COinS.

A whole result list is streamed, read from the index as it is sent, and holds a heavy slot
(heavy.py) until its last chunk is sent or the client goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from typing import Any

from flask import Blueprint, Response, abort, url_for
from markupsafe import Markup

from search_ui.engine.criteria import DEFAULT_PER_PAGE, SearchRequest
from search_ui.rendering.coins import coins_span
from search_ui.rendering.exports import EXPORT_FORMATS, ExportFormat, filename
from search_ui.rendering.feeds import ATOM_MIME, atom_feed
from search_ui.rendering.reference_formats import citation_keys
from search_ui.web.heavy import HeldStream, paced, take_slot
from search_ui.web.presenters import constraints
from search_ui.web.service import get_service
from search_ui.web.urls import absolute_url, public_base, public_url
from search_ui.web.views.common import entry_or_404, search_request

bp = Blueprint("exports", __name__)
FEED_LIMIT = 50


@bp.get("/export/<fmt>")
def results(fmt: str) -> Response:
    """Send every hit of a search (not one page) as a file in one format, streamed."""
    spec = _format_or_404(fmt)
    criteria = search_request()
    slot = take_slot()
    try:
        records = paced(get_service().hit_records(criteria))
    except BaseException:
        slot.release()
        raise
    stem = " ".join(["veille", criteria.q, *_filter_values(criteria)])
    body = HeldStream(spec.stream(records, base_url=public_base()), slot)
    return _attachment(spec, body, filename(stem, fmt))


@bp.get("/entry/<entry_id>/export/<fmt>")
def entry(entry_id: str, fmt: str) -> Response:
    """Send one entry as a file in one format."""
    spec = _format_or_404(fmt)
    record = entry_or_404(entry_id)
    data = spec.render([record], base_url=public_base())
    return _attachment(spec, data, filename(f"veille {citation_keys([record])[0]}", fmt))


@bp.get("/search.atom")
def feed() -> Response:
    """Send the hits of a search as an Atom feed, the latest additions to the index first.

    A query that finds nothing with all its words gives an empty feed: an alert on the
    approaching results of the page would only be noise.
    """
    criteria = search_request().with_changes(per_page=DEFAULT_PER_PAGE)
    hits = get_service().newest(criteria, FEED_LIMIT)
    records = [] if hits.relaxed else hits
    query = criteria.query_string()
    alternate = public_url(url_for("pages.search") + (f"?{query}" if query else ""))
    own = public_url(url_for("exports.feed") + (f"?{query}" if query else ""))
    body = atom_feed(
        records,
        feed_title(criteria),
        own,
        alternate,
        entry_url=lambda entry_id: public_url(url_for("pages.entry", entry_id=entry_id)),
        limit=FEED_LIMIT,
    )
    return Response(body, content_type=ATOM_MIME)


def feed_title(criteria: SearchRequest) -> str:
    """Name a feed after its search: "Veille & territoires — innovation, Type : rapport"."""
    parts = [
        f"« {chip.value} »" if chip.label == "Recherche" else f"{chip.label} : {chip.value}"
        for chip in constraints(criteria)
    ]
    return "Veille & territoires — " + (", ".join(parts) if parts else "toutes les entrées")


@bp.app_template_global()
def coins(item: Any) -> Markup:
    """Return the COinS span of an entry or a hit, so that Zotero offers to save it."""
    # Its fields as they are: asdict() would deep-copy every list of every hit of the page.
    record = {f.name: getattr(item, f.name) for f in fields(item)} if is_dataclass(item) else item
    permalink = absolute_url(url_for("pages.entry", entry_id=record["id"])) or ""
    return Markup(coins_span(record, permalink))


@bp.app_template_global()
def export_links(criteria: SearchRequest | None = None, entry_id: str | None = None):
    """List (format, label, URL) for a whole search or for one entry."""
    if entry_id is not None:
        return [
            (name, spec.label, url_for("exports.entry", entry_id=entry_id, fmt=name))
            for name, spec in EXPORT_FORMATS.items()
        ]
    query = criteria.query_string(per_page=DEFAULT_PER_PAGE) if criteria else ""
    return [
        (name, spec.label, url_for("exports.results", fmt=name) + (f"?{query}" if query else ""))
        for name, spec in EXPORT_FORMATS.items()
    ]


@bp.app_template_global()
def feed_url(criteria: SearchRequest) -> str:
    """Return the Atom feed of a search (page and page size left out)."""
    query = criteria.query_string(per_page=DEFAULT_PER_PAGE)
    return url_for("exports.feed") + (f"?{query}" if query else "")


def _format_or_404(fmt: str) -> ExportFormat:
    """Return an export format's spec, or abort with 404 naming the known ones."""
    spec = EXPORT_FORMATS.get(fmt)
    if spec is None:
        known = ", ".join(EXPORT_FORMATS)
        abort(404, description=f"Le format d'export « {fmt} » est inconnu : choisissez {known}.")
    return spec


def _filter_values(criteria: SearchRequest) -> list[str]:
    """Return the facet values and year bounds of a search, to name its export file."""
    values = [value for selected in criteria.filters.values() for value in selected]
    bounds = [criteria.year_from, criteria.year_to]
    if any(bound is not None for bound in bounds):
        values.append("-".join(str(bound) if bound is not None else "" for bound in bounds))
    return values


def _attachment(spec: ExportFormat, data: bytes | Iterable[bytes], name: str) -> Response:
    """Send bytes, or a stream of them, as a download with the format's MIME type."""
    response = Response(data, content_type=spec.mime)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
