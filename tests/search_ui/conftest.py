"""Fixtures for the search tests: an index of the seed, built once, and the seed's records."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from indexer.builder import build_index
from search_ui.app import create_app
from search_ui.criteria import request_from_pairs
from search_ui.results import SearchResult
from search_ui.search import SearchService


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
    return json.loads(output)


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
def app(seed_index_dir: Path) -> Flask:
    """Return the web app on the seed index (read-only, so shared by the session)."""
    return create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir)})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client of the web app."""
    return app.test_client()
