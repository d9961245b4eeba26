"""Fixtures for the search tests: an index of the seed, built once, and the seed's records."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from benchmarks.corpus import generate_corpus
from indexer.build.builder import build_index
from indexer.build.documents import territory_codes
from indexer.territories import EntryTerritories, default_gazetteer
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.results import SearchResult
from search_ui.engine.search import SearchService
from search_ui.web.app import create_app

from ..indexer.test_territories_seed import SEED
from .bibliography import HOSTILE_ISSUE
from .issues import NOVEMBER_INDEXED, OCTOBER_INDEXED, build_at, second_issue


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """Build the index of the seed issue once for the session."""
    root = tmp_path_factory.mktemp("seed-index")
    build_index([seeds_dir], root)
    return root


@pytest.fixture(scope="session")
def service(seed_index_dir: Path) -> SearchService:
    """Return a search service over the seed index."""
    return SearchService(seed_index_dir)


@pytest.fixture(scope="session")
def records(seeds_dir: Path) -> list[dict]:
    """Return the seed's entries as `veille extract --format json` prints them."""
    output = subprocess.run(
        [sys.executable, "-m", "search_ui", "extract", "--format", "json", str(seeds_dir)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [with_territories(record) for record in json.loads(output)]


def with_territories(record: dict) -> dict:
    """Add the territories the index stores with a seed entry, from the table read by hand
    (tests/indexer/test_territories_seed.py), closed upward."""
    _, named, published = SEED.get(record["id"], ("", set(), set()))
    explicit = frozenset(named | published)
    within = default_gazetteer().closure(explicit) - explicit
    return record | territory_codes(
        EntryTerritories(frozenset(named), frozenset(published), within)
    )


@pytest.fixture(scope="session")
def search(service: SearchService):
    """Return a function running a search from keyword parameters (lists repeat a facet)."""

    def run(q: str = "", **params: object) -> SearchResult:
        pairs = [("q", q)]
        for name, value in params.items():
            values = value if isinstance(value, list | tuple) else [value]
            pairs += [(name.rstrip("_"), str(v)) for v in values]
        return service.search(request_from_pairs(pairs))

    return run


@pytest.fixture(scope="session")
def synthetic_1200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of 1,200 synthetic entries over many issues (benchmarks/corpus.py): about 300
    publishers, 15 issues, some 330 entries without a publisher, some 150 groups of duplicates."""
    folder = tmp_path_factory.mktemp("synthetic-1200")
    corpus = generate_corpus(1_200, folder / "corpus", seed=5)
    build_index([corpus.folder], folder / "index", workers=1)
    return folder / "index"


@pytest.fixture(scope="session")
def hostile_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Index a tiny newsletter whose titles are spreadsheet formulas and markup."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "issue.txt").write_text(HOSTILE_ISSUE, encoding="utf-8")
    build_index([folder / "issue.txt"], folder / "index")
    return folder / "index"


@pytest.fixture(scope="session")
def two_issues_index_dir(
    tmp_path_factory: pytest.TempPathFactory, seed_path: Path, seed_text: str
) -> Path:
    """Index the seed (in October 2018), then a second issue made from it (in November)."""
    folder = tmp_path_factory.mktemp("two-issues")
    issues, root = folder / "issues", folder / "index"
    issues.mkdir()
    (issues / seed_path.name).write_text(seed_text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        build_at([issues], root, OCTOBER_INDEXED, monkeypatch)
        second = second_issue(seed_text, sections=2, retitled=1)
        (issues / "2018-11_hors-serie-3.txt").write_text(second, encoding="utf-8")
        build_at([issues], root, NOVEMBER_INDEXED, monkeypatch)
    return root


@pytest.fixture(scope="session")
def app(seed_index_dir: Path) -> Flask:
    """Return the web app on the seed index (read-only, so shared by the session), whose
    public address is the test client's."""
    config = {"TESTING": True, "INDEX_DIR": str(seed_index_dir), "BASE_URL": "http://localhost"}
    return create_app(config)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client of the web app."""
    return app.test_client()
