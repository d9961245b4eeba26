"""Index many files with worker processes, each extracting its share and writing its own segment.

Whoosh's writer is pure Python: one process indexes a few hundred entries a second. Here
the files are cut into contiguous shares of about equal size, one per worker (WORKERS: one
per core the build process may run on, at most four); a worker process extracts and indexes
each share into a segment of its own (as Whoosh's MpWriter does with documents), and the
build's writer commits those segments after the existing ones, in file order, so document
numbers come out as a serial build gives them.

Workers are forked when the build runs in a process of one thread (the command line, the
server's start): they start at once, with every module imported. A forked worker first
closes its copy of the build lock, which would otherwise stay held after its parent was
killed. Beside other threads (a build inside a serving process), a forked child could
inherit a lock one of them holds: workers are spawned then.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Callable
from itertools import accumulate, pairwise
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from indexer.build import generations
from indexer.build.documents import FileResult, index_file
from indexer.extraction.extractor import extract_file
from indexer.territories import default_recogniser
from indexer.whoosh_internals.segment_writer import FastSegmentWriter

# One worker per core the process may use, at most four (each holds a writer's buffers).
WORKERS = min(4, len(os.sched_getaffinity(0)))
POLL_SECONDS = 0.5
WRITER_LIMIT_MB = 128
# A worker allocates a few hundred thousand posting tuples that live until its segment is
# written, and makes almost no reference cycles: collecting the young generation every
# 700 allocations (Python's default) spent about 3% of its time rescanning them.
WORKER_GC_THRESHOLD = (10_000, 10, 10)


class WorkerFailed(RuntimeError):
    """A worker process raised or died; its message or exit code says which."""


def shares(files: list[tuple[Path, str]], count: int) -> list[list[tuple[Path, str]]]:
    """Cut the files into `count` contiguous runs of about the same number of bytes."""
    if not files:
        return []
    ends = list(accumulate(max(path.stat().st_size, 1) for path, _ in files))
    cuts = set()
    for k in range(1, count):
        target = ends[-1] * k / count
        # The run ends after the file whose cumulative size is nearest the target.
        cuts.add(1 + min(range(len(ends)), key=lambda i: abs(ends[i] - target)))
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(files)), len(files)]
    return [files[a:b] for a, b in pairwise(bounds) if b > a]


def start_method() -> str:
    """Fork when this process runs a single thread, spawn otherwise (see the module's doc)."""
    return "fork" if threading.active_count() == 1 else "spawn"


def index_in_parallel(
    generation: Path,
    files: list[tuple[Path, str]],
    previous_added: dict[str, dict],
    now: int,
    on_file: Callable[[FileResult], None],
    processes: int | None = None,
) -> list:
    """Index `files` into new segments of `generation`; return the segments in file order.

    `on_file` is called in this process for each file as a worker finishes it.
    """
    context = multiprocessing.get_context(start_method())
    if context.get_start_method() == "fork":
        # The gazetteer and its names (about a second to load) are read once, here, and
        # shared by the forked workers; spawned workers each read their own.
        default_recogniser()
    results = context.Queue()
    workers = []
    for number, share in enumerate(shares(files, processes or WORKERS)):
        added = {label: previous_added.get(label, {}) for _, label in share}
        args = (str(generation), number, share, added, now, results, os.getpid())
        workers.append(context.Process(target=_work, args=args, daemon=True))
    try:
        for worker in workers:
            worker.start()
        return _collect(workers, results, on_file)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()


def _collect(workers: list, results, on_file: Callable[[FileResult], None]) -> list:
    """Relay the workers' file results until each has sent its segment."""
    segments: dict[int, object] = {}
    gone: set[int] = set()  # workers seen exited: their last message may still be in transit
    while len(segments) < len(workers):
        try:
            kind, number, payload = results.get(timeout=POLL_SECONDS)
        except queue.Empty:
            for number, worker in enumerate(workers):
                if number in segments or worker.exitcode is None:
                    continue
                if number in gone:
                    raise WorkerFailed(
                        f"index worker {number} stopped (exit code {worker.exitcode})"
                    ) from None
                gone.add(number)
            continue
        if kind == "file":
            on_file(payload)
        elif kind == "segment":
            segments[number] = payload
        else:
            raise WorkerFailed(f"index worker {number} failed:\n{payload}")
    return [segments[n] for n in range(len(workers)) if segments[n] is not None]


def _work(
    generation: str,
    number: int,
    share: list[tuple[Path, str]],
    previous_added: dict[str, dict],
    now: int,
    results,
    parent: int,
) -> None:
    """Worker process: index a share of the files into one new segment, report as it goes."""
    generations.close_inherited_locks()
    gc.freeze()  # what the worker inherited or imported lives as long as it: never rescanned
    gc.set_threshold(*WORKER_GC_THRESHOLD)
    try:
        index = FileStorage(generation).open_index()
        writer = FastSegmentWriter.unlocked(index, limitmb=WRITER_LIMIT_MB)
        for path, label in share:
            if os.getppid() != parent:  # the build died: its generation is discarded
                results.cancel_join_thread()  # and nobody reads: do not wait to flush
                writer.cancel()
                return
            result = index_file(writer, path, label, previous_added[label], now, extract_file)
            results.put(("file", number, result))
        if writer.docnum:
            segment = writer.finish_segment()
        else:
            writer.cancel()
            segment = None
        results.put(("segment", number, segment))
    except BaseException:  # reported to the build, which fails with this traceback
        results.put(("error", number, traceback.format_exc()))
