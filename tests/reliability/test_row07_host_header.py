"""Issue 16, row 7: absolute URLs come from the configured public base URL, never from the
Host header.

A client that sends `Host: evil.example` must find that name in no page, feed, export, JSON
answer or header; with `BASE_URL` the absolute links name the configured site, without it
they are root-relative (and the formats that need a full address leave it out), and
`veille serve` gives the app the address it listens on.
"""

from __future__ import annotations

import csv
import http.client
import io
from pathlib import Path
from urllib.parse import parse_qs, quote

import pytest
from bs4 import BeautifulSoup
from flask import Flask

from search_ui.rendering.exports import EXPORT_FORMATS
from search_ui.web.app import create_app
from search_ui.web.serving import serve_config

EVIL = "evil.example"
SITE = "https://veille.example.org/catalogue"


def make_app(index: Path, base: str | None) -> Flask:
    """Return the app on an index, with a public base URL or none."""
    return create_app({"INDEX_DIR": str(index), "TESTING": True, "BASE_URL": base})


def first_entry(app: Flask) -> str:
    """Return the id of the first entry of the whole list."""
    return app.test_client().get("/api/search").json["hits"][0]["id"]


def every_url(entry_id: str) -> list[str]:
    """Return a URL of every kind of answer: pages, feed, exports, JSON, errors, a redirect."""
    ref = quote("L'innovation publique en débat")
    return [
        "/",
        "/search?q=innovation",
        f"/entry/{entry_id}",
        "/search.atom",
        "/search.atom?q=innovation&type=rapport",
        "/api/search?q=innovation",
        f"/api/entries/{entry_id}",
        "/api/openapi.json",
        "/api",
        "/coverage",
        "/api/coverage",
        f"/check?ref={ref}",
        f"/api/check?ref={ref}",
        "/facets/publisher",
        "/api/facets/publisher",
        *(f"/export/{fmt}?q=innovation" for fmt in EXPORT_FORMATS),
        *(f"/entry/{entry_id}/export/{fmt}" for fmt in EXPORT_FORMATS),
        f"/entry//{entry_id}",  # merged slashes: Werkzeug redirects
        "/nulle-part",
    ]


@pytest.mark.parametrize("base", [None, SITE], ids=["no-base", "base"])
def test_the_host_header_reaches_no_answer(seed_index: Path, base: str | None) -> None:
    app = make_app(seed_index, base)
    client = app.test_client()
    entry_id = first_entry(app)
    statuses = set()
    for url in every_url(entry_id):
        response = client.get(url, headers={"Host": EVIL})
        statuses.add(response.status_code)
        assert response.status_code in (200, 308, 404), url
        assert EVIL not in response.get_data(as_text=True), url
        assert not [value for _, value in response.headers if EVIL in value], url
        if response.status_code == 308:
            assert response.headers["Location"] == f"{base or ''}/entry/{entry_id}"
    assert statuses == {200, 308, 404}


def test_absolute_links_name_the_configured_site(seed_index: Path) -> None:
    app = make_app(seed_index, SITE)
    client = app.test_client()
    entry_id = first_entry(app)
    page = BeautifulSoup(
        client.get(f"/entry/{entry_id}", headers={"Host": EVIL}).data, "html.parser"
    )
    permalink = f"{SITE}/entry/{entry_id}"
    assert page.find("link", rel="canonical")["href"] == permalink
    assert page.find("meta", attrs={"name": "citation_abstract_html_url"})["content"] == permalink
    assert permalink in page.find(id="citation").get_text()
    coins = parse_qs(page.find("span", class_="Z3988")["title"])
    assert coins["rft_id"] == [permalink]
    feed = client.get("/search.atom?q=innovation", headers={"Host": EVIL}).get_data(as_text=True)
    assert f'href="{SITE}/search.atom?q=innovation"' in feed
    assert f'href="{SITE}/entry/' in feed
    rows = csv.DictReader(io.StringIO(client.get("/export/csv").get_data(as_text=True)))
    assert {row["url"] for row in rows} >= {permalink}
    assert f"{SITE}/entry/{entry_id}" in client.get(f"/entry/{entry_id}/export/bibtex").text


def test_without_a_base_links_are_relative_and_full_addresses_left_out(seed_index: Path) -> None:
    app = make_app(seed_index, None)
    client = app.test_client()
    entry_id = first_entry(app)
    page = BeautifulSoup(client.get(f"/entry/{entry_id}").data, "html.parser")
    assert page.find("link", rel="canonical")["href"] == f"/entry/{entry_id}"
    assert "Disponible sur" not in page.find(id="citation").get_text()
    assert "rft_id" not in parse_qs(page.find("span", class_="Z3988")["title"])
    feed = client.get("/search.atom").get_data(as_text=True)
    assert 'href="/search.atom"' in feed and 'href="/entry/' in feed
    rows = csv.DictReader(io.StringIO(client.get(f"/entry/{entry_id}/export/csv").text))
    assert [row["url"] for row in rows] == [f"/entry/{entry_id}"]
    assert "url = {" not in client.get(f"/entry/{entry_id}/export/bibtex").text


@pytest.mark.parametrize(
    ("host", "env", "expected"),
    [
        ("127.0.0.1", None, "http://127.0.0.1:5000"),
        ("::1", None, "http://[::1]:5000"),
        ("veille.local", None, "http://veille.local:5000"),
        ("0.0.0.0", None, None),
        ("::", None, None),
        ("127.0.0.1", SITE, None),  # the app reads VEILLE_BASE_URL itself
    ],
)
def test_veille_serve_gives_the_app_the_address_it_serves(
    host: str, env: str | None, expected: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if env:
        monkeypatch.setenv("VEILLE_BASE_URL", env)
    else:
        monkeypatch.delenv("VEILLE_BASE_URL", raising=False)
    assert serve_config(Path("index"), host, 5000).get("BASE_URL") == expected


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "veille.example.org", "http://", "https://x.org/?a=1", "ftp://x"]
)
def test_a_base_url_that_is_no_site_address_is_refused_in_french(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match=r"VEILLE_BASE_URL .* doit être l.adresse publique"):
        create_app({"INDEX_DIR": str(tmp_path), "BASE_URL": bad})


def test_the_base_url_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VEILLE_BASE_URL", SITE + "/")
    assert create_app({"INDEX_DIR": str(tmp_path)}).config["BASE_URL"] == SITE


def test_veille_serve_links_to_its_own_address(seed_index: Path, server_factory) -> None:
    with server_factory(seed_index) as server:
        connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
        try:
            connection.request("GET", "/search.atom", headers={"Host": EVIL})
            feed = connection.getresponse().read().decode("utf-8")
        finally:
            connection.close()
    assert EVIL not in feed
    assert f'href="{server.base}/search.atom"' in feed
