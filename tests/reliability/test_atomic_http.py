"""Atomic updates under load, over HTTP: `veille serve` answers every request while
`veille index` rebuilds, adds and removes an issue, and dies under SIGKILL.

Each answer must be the old index or the new one, never a mix, never an error: the totals
and facet counts of every response are compared with those of the two states, computed
beforehand on reference indexes. The builds are killed at known steps (the builder's test
hook stops them there), never after a guessed delay: every run proves every step.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from indexer.build.builder import build_index
from indexer.build.generations import CURRENT, build_lock
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.search import SearchService

from ..concurrency import kill_build_at, wait_until
from .conftest import SECOND_NAME, veille

LOAD_THREADS = 8
THINK_TIME = 0.02  # seconds between two requests of one thread: busy, not saturated
QUERIES = ("innovation publique", "", "design", "tiers-lieux", "laboratoire")
PROBES = QUERIES[:2]  # asked between builds: the load already asks every query
# Where the builds die: the new generation just created, one file written, every segment
# written, everything written but CURRENT; and once CURRENT names the new generation.
KILLED_BEFORE_PUBLISHING = ("generation", "file", "written", "publish")
KILLED_AFTER_PUBLISHING = "published"
MIN_REQUESTS = 100


def signature(answer: dict) -> str:
    """Return what identifies an index state in an /api/search answer: total and facets."""
    return json.dumps([answer["total"], answer["facets"]], sort_keys=True, ensure_ascii=False)


def reference(folder: Path, root: Path) -> dict[str, str]:
    """Build an index of `folder` and return the signature of each query's answer."""
    build_index([folder], root)
    service = SearchService(root)
    try:
        return {
            q: signature(service.search(request_from_pairs([("q", q)])).to_api()) for q in QUERIES
        }
    finally:
        service.close()


@dataclass
class Load:
    """Searches, pages and entries requested in threads until stopped, every answer kept."""

    base: str
    entry_id: str
    stop: threading.Event = field(default_factory=threading.Event)
    answers: list[tuple[str, str]] = field(default_factory=list)  # (query, signature)
    failures: list[str] = field(default_factory=list)
    requests: int = 0

    def run(self, number: int) -> None:
        """Request in turn the API, the HTML page and the entry, until told to stop."""
        turn = number
        while not self.stop.is_set():
            q = QUERIES[turn % len(QUERIES)]
            kind = turn % 4
            turn += 1
            time.sleep(THINK_TIME)
            path = {
                0: f"/api/search?{urllib.parse.urlencode({'q': q})}",
                1: f"/search?{urllib.parse.urlencode({'q': q})}",
                2: f"/api/entries/{self.entry_id}",
                3: f"/entry/{self.entry_id}",
            }[kind]
            try:
                with urllib.request.urlopen(self.base + path, timeout=30) as response:
                    body = response.read()
                    status = response.status
            except Exception as error:  # any failure is a finding, reported with its path
                self.failures.append(f"{path}: {error!r}")
                continue
            self.requests += 1
            if status != 200:
                self.failures.append(f"{path}: {status}")
            elif kind == 0:
                self.answers.append((q, signature(json.loads(body))))
            elif kind == 2 and json.loads(body)["id"] != self.entry_id:
                self.failures.append(f"{path}: another entry")
            elif kind in (1, 3) and not body.rstrip().endswith(b"</html>"):
                self.failures.append(f"{path}: a truncated page")

    def has_answered(self, q: str, seen: str) -> bool:
        """Tell whether the load has received the answer `seen` to the query `q`."""
        return (q, seen) in self.answers

    def served(self, q: str) -> str:
        """Return the signature the server gives now for one query."""
        with urllib.request.urlopen(
            f"{self.base}/api/search?{urllib.parse.urlencode({'q': q})}", timeout=30
        ) as response:
            return signature(json.loads(response.read()))


def test_served_index_is_old_or_new_during_rebuilds_and_killed_builds(
    tmp_path: Path, seed_path: Path, second_issue_text: str, server_factory
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_path, corpus / seed_path.name)
    both = tmp_path / "both"
    both.mkdir()
    shutil.copy(seed_path, both / seed_path.name)
    (both / SECOND_NAME).write_text(second_issue_text, "utf-8")
    one, two = reference(corpus, tmp_path / "ref-one"), reference(both, tmp_path / "ref-two")
    assert all(one[q] != two[q] for q in QUERIES if q != "tiers-lieux"), "the states must differ"
    expected = {q: {one[q], two[q]} for q in QUERIES}

    root = tmp_path / "index"
    build_index([corpus], root)
    service = SearchService(root)
    entry_id = service.search(request_from_pairs([("q", "innovation")])).hits[0].id
    service.close()

    second = corpus / SECOND_NAME
    main = QUERIES[0]
    with server_factory(root) as server:
        load = Load(server.base, entry_id)
        threads = [threading.Thread(target=load.run, args=(n,)) for n in range(LOAD_THREADS)]
        for thread in threads:
            thread.start()
        try:
            wait_until(partial(load.has_answered, main, one[main]), "the load to meet the index")
            for change, options, state in (
                (lambda: second.write_text(second_issue_text, "utf-8"), [], two),
                (second.unlink, ["--full"], one),
            ):
                change()
                done = veille("index", *options, "--index-dir", str(root), str(corpus))
                assert done.returncode == 0, done.stderr
                assert all(load.served(q) == state[q] for q in PROBES)
                wait_until(partial(load.has_answered, main, state[main]), "the load to meet it")

            # Killed builds: builds that would bring the second issue back die on the way.
            second.write_text(second_issue_text, "utf-8")
            live = (root / CURRENT).read_text("utf-8").strip()
            served_before = {q: load.served(q) for q in PROBES}
            for step in KILLED_BEFORE_PUBLISHING:
                assert len(kill_build_at(step, root, corpus)) == 1, f"{step}: no new generation"
                assert (root / CURRENT).read_text("utf-8").strip() == live, step
                assert {q: load.served(q) for q in PROBES} == served_before, step
            published = kill_build_at(KILLED_AFTER_PUBLISHING, root, corpus)
            assert {(root / CURRENT).read_text("utf-8").strip()} == published
            assert {q: load.served(q) for q in PROBES} == {q: two[q] for q in PROBES}

            # The kernel released the dead builds' lock: the next build neither waits nor fails.
            with build_lock(root, timeout=0):
                pass
            done = veille("index", "--index-dir", str(root), str(corpus), timeout=60)
            assert done.returncode == 0, done.stderr
            assert "une autre construction" not in done.stderr
            assert {q: load.served(q) for q in PROBES} == {q: two[q] for q in PROBES}
            wait_until(lambda: load.requests >= MIN_REQUESTS, f"{MIN_REQUESTS} requests")
        finally:
            load.stop.set()
            for thread in threads:
                thread.join(timeout=60)
    assert not load.failures, load.failures[:10]
    for q, seen in load.answers:
        assert seen in expected[q], q
    assert {seen for q, seen in load.answers if q == main} == expected[main]
