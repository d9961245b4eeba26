"""Rebuilding the index while searches run: no search fails, each sees the old or the new index.

The index alternates between the seed alone and the seed with a second issue (the seed under
another masthead number), through incremental and full builds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from indexer.build.builder import build_index
from indexer.build.generations import current_generation
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.results import SearchResult
from search_ui.engine.search import SearchService

from ..concurrency import wait_until

QUERY = "innovation publique"
Signature = tuple[int, tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]


def signature(total: int, facets: dict[str, list]) -> Signature:
    """Return what identifies an index state in a result: total, issue and type counts."""

    def counts(name: str) -> tuple[tuple[str, int], ...]:
        return tuple(sorted((value["value"], value["count"]) for value in facets[name]))

    return total, counts("issue"), counts("type")


def of_result(result: SearchResult) -> Signature:
    """Return the signature of a search service result."""
    return signature(result.total, result.to_api()["facets"])


class Corpus:
    """A folder with the seed, and a second issue that comes and goes."""

    def __init__(self, folder: Path, seed_path: Path, seed_text: str) -> None:
        folder.mkdir()
        shutil.copy(seed_path, folder / seed_path.name)
        self.folder = folder
        self.second = folder / "2018-11_hors-serie-3.txt"
        assert seed_text.count("Hors-Série #2\n") == 1
        self.second_text = seed_text.replace("Hors-Série #2\n", "Hors-Série #3\n")

    def add(self) -> None:
        """Put the second issue in the folder."""
        self.second.write_text(self.second_text, encoding="utf-8")

    def remove(self) -> None:
        """Take the second issue out of the folder."""
        self.second.unlink()


def doubled(one: Signature) -> Signature:
    """Return the signature once the second issue, a copy of the seed, joins the index.

    Each entry then has a copy in the other issue: copies are grouped, so the total and
    each type count an entry once, and each issue counts the entries it lists.
    """
    total, issues, types = one
    [(seed_issue, count)] = issues
    second_issue = seed_issue.replace("Hors-Série #2", "Hors-Série #3")
    return (total, tuple(sorted([(seed_issue, count), (second_issue, count)])), types)


@pytest.fixture
def setup(
    tmp_path: Path, seed_path: Path, seed_text: str
) -> tuple[Corpus, Path, dict[str, Signature]]:
    """Build the seed's index and say what a search finds with one issue and with two."""
    corpus = Corpus(tmp_path / "corpus", seed_path, seed_text)
    root = tmp_path / "index"
    build_index([corpus.folder], root)
    service = SearchService(root)
    one = of_result(service.search(SearchRequest(q=QUERY)))
    service.close()
    assert one[0] > 0
    return corpus, root, {"one": one, "two": doubled(one)}


def rebuilds(corpus: Corpus, root: Path, plan: str) -> list[Callable[[], object]]:
    """Return the builds of a plan: + adds the second issue, - removes it, F means --full."""

    def step(change: Callable[[], None], full: bool) -> Callable[[], object]:
        return lambda: (change(), build_index([corpus.folder], root, full=full))

    changes = {"+": corpus.add, "-": corpus.remove}
    return [step(changes[move[0]], move.endswith("F")) for move in plan.split()]


def test_service_searches_in_threads_never_fail_during_rebuilds(setup) -> None:
    corpus, root, expected = setup
    service = SearchService(root)
    stop = threading.Event()
    failures: list[BaseException] = []
    seen: list[tuple[str, Signature]] = []

    def search_loop() -> None:
        try:
            while not stop.is_set():
                result = service.search(SearchRequest(q=QUERY))
                seen.append((result.generation, of_result(result)))
                time.sleep(0.02)  # leave the builder some of the interpreter
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)
        finally:
            service.close()

    def searched(generation: str) -> bool:
        return bool(failures) or generation in {g for g, _ in seen}

    published = [current_generation(root).name]
    threads = [threading.Thread(target=search_loop) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        # Each generation is searched before the next build retires it, however fast it is.
        wait_until(partial(searched, published[-1]), "a search of the first generation")
        for build in rebuilds(corpus, root, "+ - +F"):
            build()
            published.append(current_generation(root).name)
            wait_until(partial(searched, published[-1]), "a search of the new generation")
        wait_until(lambda: bool(failures) or len(seen) >= 30, "30 searches")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not failures, failures
    assert len(seen) >= 30
    assert {sig for _, sig in seen} <= set(expected.values())
    assert {generation for generation, _ in seen} == set(published)  # every state was searched
    final = service.search(SearchRequest(q=QUERY))
    service.close()
    assert of_result(final) == expected["two"]


def test_cli_searches_never_fail_during_rebuilds(setup) -> None:
    corpus, root, expected = setup
    failures: list[BaseException] = []

    def build_all() -> None:
        try:
            for build in rebuilds(corpus, root, "+ -F +"):
                build()
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)

    def search() -> Signature:
        command = [sys.executable, "-m", "search_ui", "search", QUERY, "--json"]
        done = subprocess.run(
            [*command, "--index-dir", str(root)], capture_output=True, text=True, timeout=60
        )
        assert (done.returncode, done.stderr) == (0, "")
        printed = json.loads(done.stdout)
        return signature(printed["total"], printed["facets"])

    builder = threading.Thread(target=build_all)
    builder.start()
    outcomes = []
    while builder.is_alive() or len(outcomes) < 3:
        outcomes.append(search())
    builder.join()
    assert not failures, failures
    assert set(outcomes) <= set(expected.values())
    assert search() == expected["two"]  # once the builds are over, the last one is live
