"""Issue 16, row 9: what the Allow header advertises is answered.

Every route is read-only: GET, HEAD and OPTIONS. OPTIONS answers with the route's Allow and
no body; any other method is a 405 whose Allow names only methods that the same URL answers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from search_ui.web.app import create_app
from search_ui.web.security import HEADERS

READ_ONLY = {"GET", "HEAD", "OPTIONS"}


@pytest.fixture(scope="module")
def app(seed_index: Path) -> Flask:
    """Return the app on the seed's index."""
    return create_app({"INDEX_DIR": str(seed_index), "TESTING": True})


def concrete(app: Flask) -> list[str]:
    """Return a URL of every route, its arguments filled in (a 404 is fine for OPTIONS)."""
    values = {
        "entry_id": "x",
        "fmt": "csv",
        "facet": "publisher",
        "filename": "veille.css",
        "name": "duplicates",
    }
    urls = []
    for rule in app.url_map.iter_rules():
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<{name}>", values[name]).replace(f"<path:{name}>", values[name])
        urls.append(url)
    return sorted(urls)


def allowed(response) -> set[str]:
    """Return the methods of a response's Allow header."""
    return {method.strip() for method in response.headers["Allow"].split(",")}


def test_every_route_is_read_only(app: Flask) -> None:
    for rule in app.url_map.iter_rules():
        assert rule.methods == READ_ONLY, (rule.rule, rule.methods)


def test_options_is_answered_with_allow_on_every_route(app: Flask) -> None:
    client = app.test_client()
    for url in ["/", *concrete(app)]:
        response = client.options(url)
        assert response.status_code == 200, url
        assert allowed(response) == READ_ONLY, url
        assert response.data == b"", url
        for name, value in HEADERS.items():
            assert response.headers[name] == value, (url, name)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_every_method_a_405_allows_is_answered(app: Flask, method: str) -> None:
    client = app.test_client()
    for url in ["/", "/search", "/api/search", "/export/csv"]:
        refused = client.open(url, method=method)
        assert refused.status_code == 405, (method, url)
        assert allowed(refused) == READ_ONLY
        for other in allowed(refused):
            with client.open(url, method=other) as answered:  # closed: an export's slot freed
                assert answered.status_code == 200, (other, url)
