"""Security: headers on every response, and hostile newsletter text rendered inert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.build.builder import build_index
from search_ui.web.app import create_app
from search_ui.web.security import HEADERS

from .html import soup

HOSTILE = """Veille & territoires

EN QUELQUES CLICS

Numéro 99
octobre 2018

Sommaire :

- Une section <b>piégée</b>

Une section <b>piégée</b>

► Le rapport <script>alert(1)</script> sur l'innovation.

Institut <img src=x onerror=alert(2)>, 2017. 12 p.

Une description sur l'innovation avec <script>alert("x")</script> et <iframe src="//evil"></iframe>.

► Un second document "quoté" & <em>balisé</em>.

Revue <a href="javascript:alert(3)">Test</a>, 2016. 8 p.

Innovation et territoires <style>body{display:none}</style> ensemble.
"""
ONLY_MARK = re.compile(r"<(?!/?mark>)")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search?q=innovation",
        "/api/search?q=innovation",
        "/api/openapi.json",
        "/api",
        "/static/veille.css",
        "/static/veille.js",
        "/search?page=abc",
        "/api/search?sort=foo",
        "/entry/nope",
        "/api/entries/nope",
        "/nulle-part",
    ],
)
def test_security_headers_on_every_response(client, url):
    with client.get(url) as response:  # closes the static file
        headers = response.headers
    for name, value in HEADERS.items():
        assert headers[name] == value, (url, name)
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_security_headers_on_405(client):
    assert client.post("/search").headers["X-Frame-Options"] == "DENY"


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    """Return a client on an index built from a newsletter full of markup."""
    seeds = tmp_path_factory.mktemp("hostile-seeds")
    (seeds / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    root = tmp_path_factory.mktemp("hostile-index")
    report = build_index([Path(seeds)], root)
    assert report.entries == 2
    return create_app({"TESTING": True, "INDEX_DIR": str(root)}).test_client()


def _assert_inert(page) -> None:
    """Fail if the page holds any element or attribute that did not come from our templates."""
    assert [s.get("src") for s in page.find_all("script")] == ["/static/veille.js"]
    for name in ("img", "iframe", "style", "b", "em", "object", "embed"):
        assert not page.find_all(name), name
    for tag in page.find_all(True):
        assert not any(attr.startswith("on") for attr in tag.attrs), tag
        assert not str(tag.get("href", "")).startswith("javascript:")


@pytest.mark.parametrize("query", ["innovation", "", "script", "alert"])
def test_hostile_text_is_escaped_on_the_search_page(hostile_client, query):
    response = hostile_client.get("/search", query_string={"q": query})
    page = soup(response)
    _assert_inert(page)
    for node in page.select(".snippet, .hit-title a"):
        assert {child.name for child in node.find_all(True)} <= {"mark"}
    assert "<script>alert(1)</script>" in page.get_text()  # shown as text, not run


def test_hostile_text_is_escaped_on_the_entry_page(hostile_client):
    for hit in hostile_client.get("/api/search").json["hits"]:
        response = hostile_client.get(hit["url"])
        page = soup(response)
        _assert_inert(page)
        meta = page.find("meta", attrs={"name": "citation_title"})
        assert meta["content"] == hit["title"]


def test_hostile_text_in_api_snippets_carries_only_mark(hostile_client):
    for query in ("innovation", "script", ""):
        for hit in hostile_client.get("/api/search", query_string={"q": query}).json["hits"]:
            assert not ONLY_MARK.search(hit["snippet"]), hit["snippet"]
            assert not ONLY_MARK.search(hit["title_html"]), hit["title_html"]


def test_hostile_query_is_escaped(client):
    response = client.get("/search", query_string={"q": '"><script>alert(1)</script>'})
    _assert_inert(soup(response))
