"""What both blueprints need: the search request parsed from the URL, the entry or a 404."""

from __future__ import annotations

from typing import Any

from flask import abort, request

from search_ui.engine.criteria import SearchRequest, parse_request
from search_ui.web.service import get_service


def search_request() -> SearchRequest:
    """Parse the URL's parameters (raises BadRequest with a French message)."""
    return parse_request(request.args.to_dict(flat=False))


def entry_or_404(entry_id: str) -> dict[str, Any]:
    """Return an entry's record, or abort with 404."""
    record = get_service().entry(entry_id)
    if record is None:
        abort(404, description=f"Aucune entrée n'a l'identifiant « {entry_id} ».")
    return record
