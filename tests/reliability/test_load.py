"""Load: many users against the real server without a single error, and one search service
shared by many threads giving each request exactly what it gives alone.

The full load run is a benchmark command (`python -m benchmarks.load --users 50 --seconds
60`); here it runs briefly, asserting no error and no timing.
"""

from __future__ import annotations

import inspect
import random
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from benchmarks import load
from search_ui.engine.criteria import SearchRequest, request_from_pairs
from search_ui.engine.search import SearchService

THREADS = 8
ROUNDS = 1


def test_short_load_has_no_errors(seed_index: Path) -> None:
    with load.serve(seed_index, threads=8) as base:
        report = load.run(base, users=20, seconds=5)
    assert report.errors == [], report.errors[:10]
    assert report.requests >= 50
    assert all(tally.latencies for tally in report.tallies.values()), report.rows()


def test_results_section_is_replaced_in_place(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmarks\n\nBuild figures.\n", "utf-8")
    tally = load.Tally([0.010, 0.020, 0.030], [])
    first = load.markdown(load.Report(3, 1.0, {"search": tally}), "first", 8)
    load.write_results(results, first)
    load.write_results(results, first.replace("first", "second"))
    text = results.read_text("utf-8")
    assert text.startswith("# Benchmarks\n\nBuild figures.\n")
    assert text.count(load.BEGIN) == text.count(load.END) == 1
    assert "`second`" in text and "`first`" not in text
    assert "| search | 3 | 0 | 3.0 | 20 | 30 | 30 |" in text


# -- one service, many threads -----------------------------------------------------------------


def requests() -> list[SearchRequest]:
    """Return a varied set of distinct search requests over the seed."""
    queries = ["innovation publique", "design", "tiers-lieux", "laboratoire", "évaluation",
               "\"service public\"", "-innovation", "incub*", "inovation", ""]  # fmt: skip
    out = []
    for number, q in enumerate(queries):
        out.append(request_from_pairs([("q", q), ("sort", ["-date", "title", ""][number % 3])]))
        out.append(request_from_pairs([("q", q), ("per_page", "5"), ("page", "2")]))
        out.append(request_from_pairs([("q", q), ("type", "rapport"), ("type", "article")]))
        out.append(request_from_pairs([("q", q), ("from", "2016"), ("to", "2018")]))
    return out


def comparable(result) -> dict:
    """Return a result as the API gives it, without its timing."""
    answer = result.to_api()
    answer.pop("took_ms", None)
    return answer


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Make the interpreter switch threads very often, so that races have room to happen."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def service_factory(root: Path, cache: bool) -> Callable[[], SearchService]:
    """Return a maker of search services, with the result cache off when asked and possible."""
    if not cache and "cache_size" in inspect.signature(SearchService).parameters:
        return lambda: SearchService(root, cache_size=0)
    return lambda: SearchService(root)


@pytest.mark.parametrize("cache", [False, True], ids=["searchers", "result-cache"])
def test_shared_service_answers_each_thread_as_if_alone(
    seed_index: Path, fast_switching: None, cache: bool
) -> None:
    make = service_factory(seed_index, cache)
    asked = requests()
    alone = make()
    baseline = [comparable(alone.search(request)) for request in asked]
    ids = [hit["id"] for answer in baseline for hit in answer["hits"]][:20]
    entries = {entry_id: alone.entry(entry_id) for entry_id in ids}
    similar = {entry_id: [r["id"] for r in alone.similar(entry_id)] for entry_id in ids[:8]}
    alone.close()
    assert len({str(answer) for answer in baseline}) > len(asked) // 2  # the answers differ

    shared = make()  # opened by the threads themselves, all at once
    start = threading.Barrier(THREADS)
    mismatches: list[str] = []
    failures: list[BaseException] = []

    def work(number: int) -> None:
        rng = random.Random(number)
        order = list(range(len(asked))) * ROUNDS
        rng.shuffle(order)
        try:
            start.wait()
            for step, index in enumerate(order):
                if comparable(shared.search(asked[index])) != baseline[index]:
                    mismatches.append(f"thread {number}: {asked[index]}")
                if step % 7 == 0:
                    entry_id = rng.choice(ids)
                    if shared.entry(entry_id) != entries[entry_id]:
                        mismatches.append(f"thread {number}: entry {entry_id}")
                    if (
                        entry_id in similar
                        and [r["id"] for r in shared.similar(entry_id)] != similar[entry_id]
                    ):
                        mismatches.append(f"thread {number}: similar to {entry_id}")
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)
        finally:
            shared.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not failures, failures[:3]
    assert not mismatches, mismatches[:10]
