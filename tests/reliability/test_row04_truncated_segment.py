"""Issue 16, row 4: a segment of the live index truncated under a running server.

`truncate -s 1000` on the largest segment of the live generation used to make every search,
page, export, coverage, check and feed answer 500 (EOFError), and `/api/entries/<id>` 404.
Now each answers the French 503, the log names the file and `veille index`, the commands
say the same without a traceback, and `veille index` (without --full) rebuilds, saying why.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from indexer.build.generations import current_generation
from search_ui.web.app import create_app
from tests.reliability.damage import WHOOSH_LEAK

from .damage import (
    answers,
    assert_commands_say_run_veille_index,
    assert_french_503,
    first_entry,
    largest_segment,
    logged_about,
    repair,
    routes,
)

TRUNCATED_SIZE = 1000  # bytes left, as `truncate -s 1000` leaves them
pytestmark = pytest.mark.filterwarnings(WHOOSH_LEAK)


def test_truncated_segment_is_a_french_503_everywhere_until_veille_index_repairs_it(
    root: Path,
    seeds_dir: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client = create_app({"INDEX_DIR": str(root)}).test_client()  # not TESTING: as in production
    urls = routes(first_entry(client))
    before = answers(client, urls)  # the server has the generation open, its searchers too
    assert {status for status, _ in before.values()} == {200}
    segment = largest_segment(root)
    assert segment.stat().st_size > TRUNCATED_SIZE
    os.truncate(segment, TRUNCATED_SIZE)

    with caplog.at_level(logging.ERROR):
        for url in urls:
            assert_french_503(client, url)
    assert logged_about(caplog, segment)
    assert_commands_say_run_veille_index(root, segment, capsys)

    said = repair(root, seeds_dir, capsys)
    assert f"index endommagé (fichier {segment.name}) : reconstruction complète" in said
    assert current_generation(root) != segment.parent
    after = answers(client, urls)  # the same server follows the new generation at once
    assert {url: status for url, (status, _) in after.items()} == dict.fromkeys(urls, 200)
    for url in urls:
        if url.startswith("/api/") and "coverage" not in url:
            assert _without_timing(after[url][1]) == _without_timing(before[url][1]), url


def test_veille_serve_answers_503_not_500_and_logs_the_file(
    root: Path, server_factory, seeds_dir: Path
) -> None:
    with server_factory(root, threads=4) as server:
        status, found = server.get_json("/api/search?sort=title")
        assert status == 200
        urls = routes(found["hits"][0]["id"])
        for url in urls:  # every thread opens its searcher on the generation
            assert _status(server.base + url) == 200, url
        segment = largest_segment(root)
        os.truncate(segment, TRUNCATED_SIZE)
        statuses = {url: _status(server.base + url) for url in urls}
    assert statuses == dict.fromkeys(urls, 503)
    log = server.log.read_text("utf-8")
    assert "Traceback" not in log
    assert any(str(segment) in line and "« veille index »" in line for line in log.splitlines())


def _status(url: str) -> int:
    """GET a URL, read its whole body, and return the status."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        with error:
            return error.code


def _without_timing(body: bytes) -> dict:
    """Return a JSON answer without what differs from one run to the next (its duration)."""
    data = json.loads(body)
    data.pop("took_ms", None)
    return data
