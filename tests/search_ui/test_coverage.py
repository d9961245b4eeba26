"""Coverage numbers equal counts computed independently from `veille extract` output."""

from __future__ import annotations

from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from benchmarks.corpus import generate_corpus
from indexer.build.builder import build_index
from indexer.build.coverage import NO_SECTION
from indexer.extraction.entry import title_key
from search_ui.engine.search import SearchService


def test_counts_by_facet_match_the_extracted_records(service, records):
    report = service.coverage()
    assert report.total == len(records) == 77
    assert dict(report.counts["type"]) == Counter(r["doc_type"] for r in records)
    assert dict(report.counts["kind"]) == {"publication": 54, "resource": 17, "event": 6}
    assert dict(report.counts["issue"]) == Counter(r["issue"] for r in records)
    assert dict(report.counts["language"]) == Counter(r["language"] for r in records)
    assert dict(report.counts["publisher"]) == Counter(p for r in records for p in r["publishers"])


def test_section_by_year_table_and_totals(service, records):
    report = service.coverage()
    for section in report.sections:
        in_section = [r for r in records if (r["section"] or NO_SECTION) == section]
        assert report.section_totals[section] == len(in_section)
        assert report.section_year[section] == Counter(r["year"] for r in in_section)
    assert sum(report.section_totals.values()) == len(records)
    assert report.sections[-1] == "Agenda"  # in the order of the issue
    assert report.year_totals == Counter(r["year"] for r in records)


def test_quality_lists(service, records):
    report = service.coverage()
    assert {r["id"] for r in report.without_publisher} == {
        r["id"] for r in records if not r["publishers"]
    }
    kinds = {r["id"]: r["kind"] for r in records}
    assert {r["id"] for r in report.without_year} == {
        r["id"] for r in records if r["year"] is None and kinds[r["id"]] != "resource"
    }
    titles = [[r["title"] for r in group] for group in report.duplicates]
    assert ["Initiation à l'innovation publique"] * 2 in titles


def every_pair_duplicates(records: list[dict]) -> list[list[dict]]:
    """The report's duplicates as they were computed before the build grouped them.

    Every pair of distinct title keys is compared with difflib (lengths within a fifth,
    ratio 0.9); rapidfuzz's Indel similarity, never below difflib's ratio, only skips the
    pairs difflib would refuse, so that the reference stays quick on thousands of titles.
    """
    by_key: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_key[title_key(record["title"])].append(record)
    keys = sorted(by_key)
    screen = cdist(keys, keys, scorer=Indel.normalized_similarity, dtype=np.float64)
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for (i, a), (j, b) in combinations(enumerate(keys), 2):
        if (
            screen[i, j] >= 0.9 - 1e-9
            and abs(len(a) - len(b)) <= 0.2 * max(len(a), len(b))
            and SequenceMatcher(None, a, b).ratio() >= 0.9
        ):
            parent[root(b)] = root(a)
    groups: dict[str, list[dict]] = defaultdict(list)
    for key in keys:
        groups[root(key)].extend(by_key[key])
    return [group for group in groups.values() if len(group) > 1]


def ids(groups: list[list[dict]]) -> list[list[str]]:
    return [[record["id"] for record in group] for group in groups]


def test_duplicates_are_those_of_comparing_every_pair(service):
    report = service.coverage()
    assert report.duplicates
    assert ids(report.duplicates) == ids(every_pair_duplicates(service.all_records()))


@pytest.fixture(scope="module")
def synthetic_service(tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    folder = tmp_path_factory.mktemp("synthetic")
    generate_corpus(2000, folder / "corpus", seed=13)
    build_index([folder / "corpus"], folder / "index")
    return SearchService(folder / "index")


def test_a_2000_entry_corpus_has_the_duplicates_of_every_pair(synthetic_service):
    report = synthetic_service.coverage()
    expected = every_pair_duplicates(synthetic_service.all_records())
    assert len(expected) > 10  # near-duplicate titles, not only copies
    assert ids(report.duplicates) == ids(expected)


def test_near_duplicates_are_grouped(tmp_path: Path, seeds_dir: Path):
    seed = next(seeds_dir.iterdir()).read_text("utf-8")
    title = "Initiation à l'innovation publique"
    variant = seed.replace(title, "Initiation à l'inovation publique", 1)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "variant.txt").write_text(variant, "utf-8")
    build_index([tmp_path / "corpus"], tmp_path / "index")
    report = SearchService(tmp_path / "index").coverage()
    titles = [sorted(r["title"] for r in group) for group in report.duplicates]
    assert sorted(["Initiation à l'inovation publique", title]) in titles


def test_api_shape(service):
    data = service.coverage().to_api()
    assert data["total"] == 77
    assert set(data["quality"]) == {
        "without_year",
        "without_publisher",
        "without_type",
        "duplicates",
        "folded_variants",
    }
    assert sum(row["total"] for row in data["section_year"]) == 77
