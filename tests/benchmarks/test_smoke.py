"""Smoke test of the benchmark suite: generator deterministic and parseable, measures run.

No timing assertions: figures depend on the machine; only that every step runs is checked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from benchmarks import fts5, measure
from benchmarks.corpus import generate_corpus
from benchmarks.parity import compare_results
from benchmarks.queries import build_queries
from indexer.extraction.corpus import extract_paths
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.results import SearchResult
from search_ui.engine.search import SearchService


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Generate 200 entries, extract them, build both engines once for the module."""
    work = tmp_path_factory.mktemp("bench")
    corpus = generate_corpus(200, work / "corpus", seed=3)
    records = [entry.to_dict() for entry in extract_paths([corpus.folder]).entries]
    db = work / "fts5.db"
    fts5.build(records, db)
    return {"work": work, "corpus": corpus, "records": records, "db": db}


def test_generator_is_deterministic(tiny: dict, tmp_path: Path) -> None:
    again = generate_corpus(200, tmp_path / "again", seed=3)
    first = {f.name: f.read_bytes() for f in tiny["corpus"].files}
    assert first == {f.name: f.read_bytes() for f in again.files}


def test_generated_corpus_extracts_back(tiny: dict) -> None:
    assert tiny["corpus"].entries == 200
    assert 190 <= len(tiny["records"]) <= 200
    assert len({r["issue"] for r in tiny["records"]}) == len(tiny["corpus"].files)


def test_queries_are_deterministic(tiny: dict) -> None:
    first, again = build_queries(tiny["records"], 3), build_queries(tiny["records"], 3)
    assert first == again
    assert {"mot fréquent", "phrase", "parcours", "page 20"} <= {q.kind for q in first}


def test_measurements_run_on_a_tiny_corpus(tiny: dict) -> None:
    work, db = tiny["work"], tiny["db"]
    root = work / "index"
    build = measure.measure_build(tiny["corpus"].folder, root, runs=1)
    assert build["entries"] == len(tiny["records"]) and build["disk_bytes"] > 0
    queries = build_queries(tiny["records"], 3)[:4]
    timing = measure.veille_and_fts5_search(root, db, queries, runs=1)
    assert all(len(samples) == 1 for samples in timing["veille"].values())
    assert all(not math.isnan(s) for s in timing["fts5"][queries[0].label])
    page = fts5.Fts5Search(db).page(queries[0].request)
    assert set(page.facets) == set(fts5.FACETS) and len(page.ids) <= 20
    labelled = [(q.label, q.request) for q in queries]
    fresh, warm = SearchService(root), SearchService(root)
    assert compare_results(fresh, warm, labelled) == []  # the same index, the same pages
    totals = [(label, fresh.search(request).total) for label, request in labelled]
    assert any(total for _, total in totals)
    assert compare_results(fresh, OneMore(warm), labelled) == [
        f"{label}: total {total} != {total + 1}" for label, total in totals
    ]  # and a difference is reported, query by query
    fresh.close(), warm.close()


@dataclass
class OneMore:
    """A service whose totals are one too many: what parity must catch."""

    service: SearchService

    def search(self, request: SearchRequest) -> SearchResult:
        """Return the service's result with its total off by one."""
        result = self.service.search(request)
        return replace(result, total=result.total + 1)
