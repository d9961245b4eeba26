"""The JSON API: /api/search and /api/entries/<id>, described by /api/openapi.json."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template

from search_ui.rendering.bibliographic import territory_names
from search_ui.rendering.openapi import SEARCH_PARAMETERS, spec
from search_ui.web.paths import entry_path
from search_ui.web.service import get_service
from search_ui.web.views.common import entry_or_404, search_request

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search() -> dict[str, Any]:
    """Return the result of a search, exactly as the result object serialises itself."""
    return get_service().search(search_request()).to_api(entry_url=entry_path)


@bp.get("/entries/<entry_id>")
def entry(entry_id: str) -> dict[str, Any]:
    """Return one entry's full record, and the names of its territories."""
    record = entry_or_404(entry_id)
    codes = record.get("territories") or []
    names = territory_names(record, "territories")
    return record | {"territory_names": dict(zip(codes, names, strict=True))}


@bp.get("/openapi.json")
def openapi() -> dict[str, Any]:
    """Return the OpenAPI description of this API."""
    return spec()


@bp.get("")
def about() -> str:
    """Explain the API in French, for people."""
    return render_template("api.html", parameters=SEARCH_PARAMETERS)
