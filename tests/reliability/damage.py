"""Helpers of the damaged-index tests (issue 16, rows 4, 5 and 12): what to damage, what to ask.

Every route that reads the index is asked, and the commands that read it are run: a damaged
live generation must give each the French 503 (or message), never a 500 nor a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from indexer.build.generations import current_generation
from search_ui import cli

LEAKS = ("Traceback", 'File "', ".py", "site-packages", "Errno")
REFERENCE = "Manifeste pour l'innovation publique"
COMMANDS = (
    ("search", ["innovation"]),
    ("search", ["--sort", "title", "--limit", "100"]),
    ("export", ["--format", "csv"]),
    ("stats", []),
    ("check", [REFERENCE]),
)

# Whoosh leaves a file unclosed when a damaged segment fails to open; pytest reports it.
WHOOSH_LEAK = "ignore:Exception ignored in. <_io.FileIO:pytest.PytestUnraisableExceptionWarning"


def largest_segment(root: Path) -> Path:
    """Return the largest segment of the live generation."""
    return max(current_generation(root).glob("*.seg"), key=lambda path: path.stat().st_size)


def routes(entry_id: str) -> list[str]:
    """Return a URL of every kind that reads the index: pages, API, exports, feed, tools."""
    ref = quote(REFERENCE)
    return [
        "/",
        "/search?q=innovation",
        "/search?sort=title&per_page=100",
        "/api/search?q=design&sort=-date",
        "/api/search?sort=title&per_page=100",
        "/facets/publisher",
        "/api/facets/publisher?q=innovation",
        f"/entry/{entry_id}",
        f"/api/entries/{entry_id}",
        f"/entry/{entry_id}/export/bibtex",
        "/export/csv",
        "/export/ris?q=innovation",
        "/search.atom",
        "/search.atom?q=design",
        "/coverage",
        "/api/coverage",
        f"/check?ref={ref}",
        f"/api/check?ref={ref}",
    ]


def first_entry(client: FlaskClient) -> str:
    """Return the id of an entry the index holds."""
    response = client.get("/api/search?sort=title")
    assert response.status_code == 200
    return response.json["hits"][0]["id"]


def answers(client: FlaskClient, urls: list[str]) -> dict[str, tuple[int, bytes]]:
    """Return each URL's status and body (streams read to their end)."""
    found = {}
    for url in urls:
        response = client.get(url)
        found[url] = (response.status_code, response.get_data())
        response.close()
    return found


def assert_french_503(client: FlaskClient, url: str) -> None:
    """Check that a URL answers the French 503: a page, or JSON under /api/."""
    response = client.get(url)
    text = response.get_data(as_text=True)
    assert response.status_code == 503, (url, response.status_code, text[:300])
    assert response.headers["Retry-After"]
    if url.startswith("/api/"):
        assert response.mimetype == "application/json", url
        assert response.json["error"].startswith("L'index de recherche n'est pas disponible")
    else:
        assert response.mimetype == "text/html", url
        assert "Service momentanément indisponible" in text
    assert "« veille index »" in text, url
    assert not any(leak in text for leak in LEAKS), url


def logged_about(caplog: pytest.LogCaptureFixture, damaged: Path) -> list[str]:
    """Return the log lines of the app that name the damaged file and the repair command."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("veille")
        and record.levelno >= logging.ERROR
        and str(damaged) in record.getMessage()
        and "« veille index »" in record.getMessage()
    ]


def assert_commands_say_run_veille_index(
    root: Path, damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Check that every command reading the index exits 1 naming the file, no traceback."""
    for command, args in COMMANDS:
        assert cli.main([command, *args, "--index-dir", str(root)]) == 1, command
        out, err = capsys.readouterr()
        assert out == "", command
        assert err.startswith(f"veille {command}: "), err
        assert str(damaged) in err and "« veille index »" in err, err
        assert "Traceback" not in err


def repair(root: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run `veille index` (no --full) on the damaged index; return what it said on stderr."""
    code = cli.main(["index", "--index-dir", str(root), str(seeds_dir)])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert "index up to date" not in err
    assert "Traceback" not in err
    return err
