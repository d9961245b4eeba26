"""A build of many files runs in two worker processes and gives the index a serial build gives."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index

from benchmarks.corpus import generate_corpus
from indexer.build import builder, derived, vocabulary
from indexer.build import parallel as parallel_module
from indexer.build.builder import build_index
from indexer.build.generations import current_generation
from indexer.build.parallel import WorkerFailed, index_in_parallel, shares, start_method
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.search import SearchService

FILES = builder.PARALLEL_FILES + 1


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Newsletters enough to take the parallel path (about 80 entries each)."""
    folder = tmp_path_factory.mktemp("parallel") / "corpus"
    generated = generate_corpus(80 * FILES, folder, seed=5)
    assert len(list(generated.folder.glob("*.txt"))) >= builder.PARALLEL_FILES
    # Bad files among good ones: warned about, in either worker's share, nothing else lost.
    (folder / "2015-06_binaire.txt").write_bytes(b"\x00\x01 not a newsletter")
    (folder / "2020-01_vide.txt").write_text("", encoding="utf-8")
    return generated.folder


@pytest.fixture(scope="module")
def serial_and_parallel(corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("builds")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel_module, "index_in_parallel", None)  # one worker: never called
        serial = build_index([corpus], folder / "serial", workers=1)
    lines: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel_module, "WORKERS", 2)  # whatever the machine's cores
        parallel = build_index([corpus], folder / "parallel", progress=lines.append)
    return (folder / "serial", serial), (folder / "parallel", parallel), lines


def _records(root: Path) -> list[dict]:
    """Every stored record in document order, without the build's own timestamp."""
    with whoosh_index.open_dir(str(current_generation(root))).searcher() as searcher:
        records = [searcher.stored_fields(d)["record"] for d in range(searcher.doc_count_all())]
    return [{k: v for k, v in r.items() if k != "added"} for r in records]


def test_parallel_build_writes_the_serial_documents_in_the_same_order(serial_and_parallel):
    (serial_root, serial), (parallel_root, parallel), _ = serial_and_parallel
    assert parallel.entries == serial.entries > 80 * builder.PARALLEL_FILES * 0.9
    assert parallel.warnings == serial.warnings  # in file order, as a serial build gives them
    assert any(w.startswith("2015-06_binaire.txt:0: skipped") for w in parallel.warnings)
    assert any(w.startswith("2020-01_vide.txt:0: skipped") for w in parallel.warnings)
    with whoosh_index.open_dir(str(current_generation(parallel_root))).reader() as reader:
        assert len(list(reader.leaf_readers())) > 1  # the workers' segments
    assert _records(parallel_root) == _records(serial_root)


def test_parallel_build_searches_as_the_serial_one(serial_and_parallel):
    (serial_root, _), (parallel_root, _), _ = serial_and_parallel
    one, other = (
        SearchService(serial_root, cache_size=0),
        SearchService(parallel_root, cache_size=0),
    )
    for pairs in (
        [("q", "innovation")],
        [("q", "innovation publique"), ("page", "2")],
        [("q", '"politique de la ville"')],
        [("q", "inovation")],
        [],
        [("sort", "title"), ("type", "article")],
    ):
        a, b = one.search(request_from_pairs(pairs)), other.search(request_from_pairs(pairs))
        assert [h.id for h in a.hits] == [h.id for h in b.hits], pairs
        assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits]), pairs
        assert (a.total, a.facets, a.suggestion) == (b.total, b.facets, b.suggestion), pairs


def test_parallel_build_keeps_the_same_word_counts_and_arrays(serial_and_parallel):
    (serial_root, _), (parallel_root, _), _ = serial_and_parallel
    one, other = current_generation(serial_root), current_generation(parallel_root)
    assert vocabulary.load(one) == vocabulary.load(other)
    with whoosh_index.open_dir(str(other)).reader() as reader:
        size = reader.doc_count_all()
    a, b = derived.load(one, size), derived.load(other, size)
    assert a is not None and b is not None
    for name in derived.ORDERS:
        np.testing.assert_array_equal(a.orders[name], b.orders[name])
    assert a.facets["publisher"].keys() == b.facets["publisher"].keys()


def test_progress_numbers_every_file_once(serial_and_parallel, corpus):
    _, _, lines = serial_and_parallel
    count = len(list(corpus.glob("*.txt")))  # bad files too: each is reported
    numbered = [line for line in lines if line.startswith("[")]
    assert [line.split("]")[0] for line in numbered] == [
        f"[{n}/{count}" for n in range(1, count + 1)
    ]
    assert {line.split("] ")[1].split(":")[0] for line in numbered} == {
        p.name for p in corpus.glob("*.txt")
    }


def test_shares_are_contiguous_runs_of_about_equal_size(corpus):
    files = [(path, path.name) for path in sorted(corpus.glob("*.txt"))]
    for count in (2, 3):
        runs = shares(files, count)
        assert [item for run in runs for item in run] == files
        sizes = [sum(path.stat().st_size for path, _ in run) for run in runs]
        assert len(runs) == count and max(sizes) < 1.5 * min(sizes)
    assert shares(files[:1], 2) == [files[:1]]
    assert shares([], 2) == []


def test_a_failing_worker_fails_the_build_with_its_error(corpus, tmp_path):
    files = [(path, path.name) for path in sorted(corpus.glob("*.txt"))]
    with pytest.raises(WorkerFailed, match=r"index worker \d failed:(.|\n)*EmptyIndexError"):
        index_in_parallel(tmp_path / "no-index-here", files, {}, 0, lambda result: None)


def test_a_killed_parallel_build_leaves_the_index_and_frees_the_lock(corpus, tmp_path, seed_path):
    root = tmp_path / "index"
    build_index([seed_path], root)
    live = current_generation(root)
    process = subprocess.Popen(
        [sys.executable, "-m", "search_ui", "index", "--index-dir", str(root), str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    with process.stderr:
        for line in process.stderr:
            if line.startswith("[2/"):  # the workers are indexing
                break
        process.send_signal(signal.SIGKILL)
        assert process.wait() == -signal.SIGKILL
    assert current_generation(root) == live
    report = build_index([seed_path], root, lock_timeout=0.1)  # no worker holds the lock
    assert report.generation == live.name  # nothing changed for the seed: up to date


def test_workers_are_spawned_beside_other_threads():
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        assert start_method() == "spawn"  # a forked child could inherit a lock it holds
    finally:
        done.set()
        other.join()
