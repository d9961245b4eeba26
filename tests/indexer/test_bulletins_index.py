"""A folder mixing layouts and formats, indexed end to end: layouts reported, issues listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.build.builder import build_index
from search_ui.cli import main
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.search import SearchService
from search_ui.web.app import create_app
from tests.indexer.bulletin_fixtures import (
    ANCT_ONE_LINE,
    ANCT_SECTIONS,
    CGET_ISSUE,
    as_html,
    as_text,
)

SEED_ISSUE = "En quelques clics — Hors-Série #2 — octobre 2018"
# One rendering of each fixture: the same issue twice would be the same entries twice.
FILES = {
    "bulletin-327.html": (ANCT_SECTIONS, as_html),
    "bulletin-371.txt": (ANCT_ONE_LINE, as_text),
    "en-quelques-clics-86.html": (CGET_ISSUE, as_html),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """Write a folder of bulletins in several layouts and formats, and the seed."""
    folder = tmp_path_factory.mktemp("mixed")
    for name, (fixture, render) in FILES.items():
        (folder / name).write_text(render(fixture.blocks), encoding="utf-8")
    shutil.copy(seed_path, folder / "seed.txt")
    return folder


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Index the folder once; return the index root and the progress lines."""
    root = tmp_path_factory.mktemp("mixed-index") / "index"
    lines: list[str] = []
    report = build_index([corpus], root, progress=lines.append, workers=1)
    assert report.warnings == []
    return root, lines


def test_each_file_reports_its_layout(built) -> None:
    _, lines = built
    assert lines == [
        "[1/4] bulletin-327.html: 11 entries (new) — ANCT bulletin, two-line masthead",
        "[2/4] bulletin-371.txt: 11 entries (new) — ANCT bulletin, one-line masthead",
        "[3/4] en-quelques-clics-86.html: 11 entries (new) — CGET issue",
        "[4/4] seed.txt: 77 entries (new) — CGET issue",
    ]


def test_the_issue_facet_lists_every_bulletin_by_number_and_date(built) -> None:
    root, _ = built
    result = SearchService(root).search(SearchRequest(facet_size=50))
    assert result.total == 110
    counts = {value.value: value.count for value in result.facets["issue"]}
    assert counts == {
        "Bulletin #327 — 6 février 2023": 11,
        "Bulletin #371 — 10 février 2025": 11,
        "En quelques clics — n° 86 — avril 2019": 11,
        SEED_ISSUE: 77,
    }


def test_the_search_page_shows_the_bulletins_in_its_issue_facet(built) -> None:
    root, _ = built
    client = create_app({"TESTING": True, "INDEX_DIR": str(root)}).test_client()
    page = client.get("/search").get_data(as_text=True)
    assert "Bulletin #327 — 6 février 2023" in page
    assert "Bulletin #371 — 10 février 2025" in page


def test_veille_extract_reports_each_file_layout(corpus: Path, capsys) -> None:
    assert main(["extract", str(corpus)]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 110
    assert err.splitlines() == [
        "bulletin-327.html: 11 entries; layout: ANCT bulletin, two-line masthead; "
        "issue: Bulletin #327 — 6 février 2023",
        "bulletin-371.txt: 11 entries; layout: ANCT bulletin, one-line masthead; "
        "issue: Bulletin #371 — 10 février 2025",
        "en-quelques-clics-86.html: 11 entries; layout: CGET issue; "
        "issue: En quelques clics — n° 86 — avril 2019",
        f"seed.txt: 77 entries; layout: CGET issue; issue: {SEED_ISSUE}",
    ]
