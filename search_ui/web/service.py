"""Where the app keeps its one search service, shared by every request thread."""

from __future__ import annotations

from flask import current_app

from search_ui.engine.search import SearchService

EXTENSION = "veille"


def get_service() -> SearchService:
    """Return the search service of the current app."""
    return current_app.extensions[EXTENSION]
