"""Issue 16, row 6: what a client writes in its URL cannot forge a line of the access log,
colour the terminal that tails it, or put a control character into an error page.

The URLs carry a line feed followed by a whole forged log line, ANSI escapes, NUL and the
Unicode line separator, percent-encoded as any client can send them.
"""

from __future__ import annotations

import http.client
import logging
import re
from pathlib import Path

import pytest
from flask import Flask

from search_ui.web.app import create_app

FORGED_LINE = '2026-01-01 00:00:00,000 INFO veille.http: 127.0.0.1 "GET admin" 200 0.1 ms'
FORGED = "/entry/x%0A" + FORGED_LINE.replace(" ", "%20").replace('"', "%22")
HOSTILE_URLS = (
    FORGED,
    "/entry/%1B[31mrouge%1B[0m",
    "/search?q=%1B[2J%00efface",
    "/entry/a%00b",
    "/entry/x%E2%80%A8y%0D%0Az",
    "/api/entries/%1B]0;titre%07",
)
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@pytest.fixture(scope="module")
def app(seed_index: Path) -> Flask:
    """Return the app on the seed's index, as in production (crashes answered, not raised)."""
    return create_app({"INDEX_DIR": str(seed_index)})


def test_access_log_lines_hold_no_control_character(app: Flask, caplog) -> None:
    client = app.test_client()
    with caplog.at_level(logging.INFO, logger="veille.http"):
        for url in HOSTILE_URLS:
            client.get(url)
    lines = [record.getMessage() for record in caplog.records if record.name == "veille.http"]
    assert len(lines) == len(HOSTILE_URLS)
    for line in lines:
        assert not CONTROL.search(line), line
    assert "/entry/x%0A2026-01-01%2000:00:00,000%20INFO" in lines[0]  # shown, percent-encoded
    assert '"GET /entry/%1B%5B31mrouge%1B%5B0m" 404' in lines[1]
    assert '"GET /search?q=%1B%5B2J%00efface" 200' in lines[2]


def test_error_pages_show_control_characters_escaped(app: Flask) -> None:
    client = app.test_client()
    for url in HOSTILE_URLS:
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code in (200, 404), url
        assert not CONTROL.search(body.replace("\n", "")), (url, body[:300])
    page = client.get("/entry/a%00b").get_data(as_text=True)
    assert "« a\\x00b »" in page  # the id as typed, its NUL visible and inert
    error = client.get("/api/entries/%1B]0;titre%07").json["error"]
    assert "\\x1b]0;titre\\x07" in error and not CONTROL.search(error)


def test_facet_filter_is_shown_back_without_control_characters(app: Flask) -> None:
    client = app.test_client()
    page = client.get("/facets/publisher?q_value=%00%1B[31m%07")
    assert page.status_code == 200
    assert not CONTROL.search(page.get_data(as_text=True).replace("\n", ""))
    answer = client.get("/api/facets/publisher?q_value=a%00b").json
    assert answer["q_value"] == "a b"


def test_the_log_line_of_a_crash_quotes_the_url_escaped(seed_index: Path, caplog) -> None:
    app = create_app({"INDEX_DIR": str(seed_index)})

    def crash(entry_id: str) -> None:
        raise RuntimeError("boom")

    app.extensions["veille"].entry = crash
    with caplog.at_level(logging.ERROR):
        response = app.test_client().get(FORGED)
    assert response.status_code == 500
    (record,) = [r for r in caplog.records if r.exc_info and r.name == app.logger.name]
    message = record.getMessage()
    assert not CONTROL.search(message), message
    assert message.startswith("Exception on /entry/x%0A2026-01-01%2000:00:00,000")


def test_the_served_log_has_one_line_per_request(seed_index: Path, server_factory) -> None:
    with server_factory(seed_index) as server:
        for url in HOSTILE_URLS:
            connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
            try:
                connection.request("GET", url)
                connection.getresponse().read()
            finally:
                connection.close()
        log = server.log.read_bytes().decode("utf-8")
    assert "\x1b" not in log and "\x00" not in log and "\u2028" not in log
    lines = log.splitlines()
    assert not [line for line in lines if line.startswith(FORGED_LINE[:24])]
    access = [line for line in lines if " veille.http: " in line]
    assert len(access) == len(HOSTILE_URLS)
