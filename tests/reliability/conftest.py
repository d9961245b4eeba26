"""Fixtures for the reliability tests: the seed's index, a second issue, a real server.

The second issue is written from parts of the seed under its own masthead (Hors-Série #3,
novembre 2018): two of the seed's sections, hence entries with other ids, that a build can
add to the index and take away again.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.child import child_server, free_port, veille_serve
from indexer.build.builder import build_index

SECOND_SECTIONS = ("Le design de services publics", "Les lieux de l'innovation")
SECOND_NAME = "2018-11_hors-serie-3.txt"
SERVER_START_TIMEOUT = 60.0


def section_spans(lines: list[str], headings: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Return where each section of the body starts and ends (heading line included)."""
    starts = {title: max(i for i, line in enumerate(lines) if line == title) for title in headings}
    ordered = sorted(starts.values())
    end_of_body = next(i for i, line in enumerate(lines) if line.startswith("Commissariat général"))
    spans = {}
    for title, start in starts.items():
        later = [i for i in ordered if i > start]
        spans[title] = (start, later[0] if later else end_of_body)
    return spans


def second_issue(seed_text: str) -> str:
    """Write another issue from parts of the seed: its masthead, summary and two sections."""
    assert seed_text.count("Hors-Série #2\noctobre 2018\n") == 1
    text = seed_text.replace("Hors-Série #2\noctobre 2018\n", "Hors-Série #3\nnovembre 2018\n")
    lines = text.split("\n")
    summary = lines.index("Sommaire :")
    after_summary = next(i for i in range(summary + 1, len(lines)) if lines[i].startswith("["))
    headings = tuple(
        line[2:] for line in lines[summary + 1 : after_summary] if line.startswith("- ")
    )
    spans = section_spans(lines, headings)
    footer = next(i for i, line in enumerate(lines) if line.startswith("Commissariat général"))
    first_section = min(start for start, _ in spans.values())
    body: list[str] = []
    for title in SECOND_SECTIONS:
        start, end = spans[title]
        body += lines[start:end]
    parts = [
        lines[: summary + 1],
        [f"- {title}" for title in SECOND_SECTIONS],
        lines[after_summary:first_section],
        body,
        lines[footer:],
    ]
    return "\n".join(line for part in parts for line in part)


@pytest.fixture(scope="session")
def second_issue_text(seed_text: str) -> str:
    """Return the text of the second issue, Hors-Série #3 of novembre 2018."""
    return second_issue(seed_text)


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """Build the seed's index once for the session; tests that change it work on copies."""
    root = tmp_path_factory.mktemp("reliability-seed") / "index"
    build_index([seeds_dir], root)
    return root


def veille(*args: str, timeout: float = 120, **options) -> subprocess.CompletedProcess[str]:
    """Run the `veille` command line in a child process."""
    command = [sys.executable, "-m", "search_ui", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, **options)


@dataclass
class Server:
    """A `veille serve` child process and the address it answers on."""

    process: subprocess.Popen[bytes]
    host: str
    port: int
    log: Path

    @property
    def base(self) -> str:
        """Return the server's base URL."""
        return f"http://{self.host}:{self.port}"

    def get_json(self, path: str, timeout: float = 30) -> tuple[int, dict]:
        """GET a JSON resource; return the status and the decoded body."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read())


@contextlib.contextmanager
def serving(
    index_dir: Path, tmp_path: Path, threads: int = 8, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Run `veille serve` on a free loopback port until the block ends."""
    port = free_port()
    log = tmp_path / f"serve-{port}.log"
    command = veille_serve(index_dir, port, threads)
    with child_server(command, port, log, env=env, timeout=SERVER_START_TIMEOUT) as child:
        yield Server(child.process, child.host, child.port, child.log)


@pytest.fixture
def server_factory(tmp_path: Path):
    """Return `serving`, bound to this test's temporary folder for the server's log."""

    def start(index_dir: Path, **options) -> contextlib.AbstractContextManager[Server]:
        return serving(index_dir, tmp_path, **options)

    return start


@pytest.fixture
def root(seed_index: Path, tmp_path: Path) -> Path:
    """Return a private copy of the seed's index directory, for a test to damage."""
    return Path(shutil.copytree(seed_index, tmp_path / "index"))
