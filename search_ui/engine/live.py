"""The live generation of an index directory as the search service reads it, and its failures.

It is opened once per publish (a stat of CURRENT per request tells whether a build
published), with one Whoosh searcher per thread. Its files are compared with the build's
record on every request, a stat per file (indexer.build.integrity): a segment truncated or
written into under a running server answers 503, not an EOFError halfway through a page.
A read error is diagnosed: when the files differ from the record, it becomes IndexDamaged
naming the file; when they match, it is a bug, and stays one. A generation that failed to
open or was found damaged is not opened again on every request: the failure is remembered
and retried after a back-off (FIRST_RETRY seconds, doubling to LAST_RETRY); a newly
published generation is tried at once.
"""

from __future__ import annotations

import functools
import pickle
import struct
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.searching import Searcher

from indexer.build.generations import CURRENT, IndexDamaged, IndexUnavailable, current_generation
from search_ui.engine.criteria import BadRequest
from search_ui.engine.generation import Generation, open_generation
from search_ui.engine.stream import HitRecords

FIRST_RETRY = 1.0  # seconds before a failed generation is tried again, doubled at each failure
LAST_RETRY = 60.0
# What Whoosh raises reading a damaged file (a short read, a broken zlib stream, a bad
# pickle or number, a failed read): blamed on a generation that has no checksums to say
# (written before they were recorded).
READ_ERRORS = (EOFError, OSError, ValueError, struct.error, zlib.error, pickle.UnpicklingError)


@dataclass(frozen=True)
class Failure:
    """A generation that failed, and when it may be tried again."""

    name: str
    error: IndexUnavailable
    attempts: int
    retry_at: float
    checksums: bool  # found damaged by its checksums: tried again by them (its sizes are right)


class LiveIndex:
    """The live generation of an index directory; safe to share between threads."""

    def __init__(self, root: Path, clock: Callable[[], float] = time.monotonic) -> None:
        """`clock` counts the back-off of failed generations (tests pass a fake one)."""
        self.root = root
        self._clock = clock
        self._lock = threading.Lock()
        self._generation: Generation | None = None
        self._seen: tuple[float, int] | None = None
        self._failure: Failure | None = None
        self._local = threading.local()
        self._searchers: set[Searcher] = set()

    def current(self) -> Generation:
        """Return the live generation, opened when a build has published a new one.

        Raises IndexUnavailable (IndexDamaged when its files are damaged).
        """
        seen = _pointer(self.root)
        with self._lock:
            if self._generation is None or seen != self._seen:
                path = current_generation(self.root)
                if self._generation is None or self._generation.name != path.name:
                    self._generation = self._open(path)
                self._seen = seen
            generation = self._generation
        self._local.used = generation
        damaged = generation.quick_damage()
        if damaged is not None:
            raise self._failed(generation.name, damaged, checksums=False)
        return generation

    def searcher(self) -> tuple[Generation, Searcher]:
        """Return the live generation and this thread's searcher on it."""
        generation = self.current()
        local = self._local
        if getattr(local, "opened", None) is not generation:
            self.close()
            local.searcher = generation.index.searcher()
            local.opened = generation
            with self._lock:
                self._searchers.add(local.searcher)
        return generation, local.searcher

    def diagnose(self, error: Exception, generation: Generation | None = None) -> None:
        """Raise IndexDamaged when `generation` (by default the one this thread read last)
        is to blame for `error`.

        Its files are compared with the build's record (checksums read once per opening);
        without a record, an error of READ_ERRORS is blamed on it. Other errors are bugs (a
        generation as built does not fail to read), and a user's BadRequest is not the
        index's: the caller re-raises those.
        """
        if generation is None:
            generation = getattr(self._local, "used", None)
        if generation is None or isinstance(error, IndexUnavailable | BadRequest):
            return
        damaged = generation.damage()
        if damaged is not None:
            raise self._failed(generation.name, damaged, checksums=True) from error
        if not generation.record.files and isinstance(error, READ_ERRORS):
            unknown = IndexDamaged(
                f"index illisible ({generation.path} : {type(error).__name__} en lecture) : "
                "relancez « veille index » pour le reconstruire"
            )
            raise self._failed(generation.name, unknown, checksums=False) from error

    def verify(self, generation: Generation) -> None:
        """Read a generation's checksums (once per opening) before a whole list is streamed:
        a response already sent cannot become a 503 when it meets a damaged file."""
        damaged = generation.damage()
        if damaged is not None:
            raise self._failed(generation.name, damaged, checksums=True)

    def records(self, generation: Generation, relaxed: bool, docnums: np.ndarray) -> HitRecords:
        """Return hits as records read on iteration, their read errors diagnosed here too."""
        diagnose = functools.partial(self.diagnose, generation=generation)
        return HitRecords(relaxed, generation.index, docnums, diagnose)

    def close(self) -> None:
        """Close this thread's searcher."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            with self._lock:
                self._searchers.discard(searcher)
            searcher.close()
        self._local.searcher = self._local.opened = None

    def close_all(self) -> None:
        """Close every thread's searcher (threads that never came back must not leak files)."""
        with self._lock:
            searchers, self._searchers = list(self._searchers), set()
        for searcher in searchers:
            searcher.close()

    def _open(self, path: Path) -> Generation:
        """Open a generation, unless it failed and its back-off is not over (lock held)."""
        failure = self._failure if self._failure and self._failure.name == path.name else None
        if failure is not None and self._clock() < failure.retry_at:
            raise failure.error
        checksums = failure is not None and failure.checksums
        try:
            generation = open_generation(path, checksums=checksums)
        except IndexUnavailable as error:
            raise self._remember(path.name, error, checksums) from error
        if failure is None:  # another generation's failure is forgotten; this one's kept
            self._failure = None  # until another is published, so that its back-off grows
        return generation

    def _failed(self, name: str, error: IndexUnavailable, checksums: bool) -> IndexUnavailable:
        """Remember that a generation failed, and return the error to raise."""
        with self._lock:
            return self._remember(name, error, checksums)

    def _remember(self, name: str, error: IndexUnavailable, checksums: bool) -> IndexUnavailable:
        """Record a failure (lock held): one more back-off step, unless it is already known."""
        now = self._clock()
        previous = self._failure if self._failure and self._failure.name == name else None
        if previous is not None and now < previous.retry_at:
            error = previous.error  # another thread met it first: one step per attempt
        else:
            attempts = previous.attempts + 1 if previous else 1
            delay = min(FIRST_RETRY * 2 ** (attempts - 1), LAST_RETRY)
            self._failure = Failure(name, error, attempts, now + delay, checksums)
        if self._generation is not None and self._generation.name == name:
            self._generation = None
        return error


def reading(method: Callable) -> Callable:
    """Decorate a method of an object that reads through a LiveIndex held as `_live`: what
    the method raises is diagnosed, so that a damaged index's error becomes IndexDamaged
    (with the damaged file in its message); any other error goes on as it was."""

    @functools.wraps(method)
    def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as error:
            self._live.diagnose(error)
            raise

    return guarded


def _pointer(root: Path) -> tuple[float, int] | None:
    """Return what tells that CURRENT was replaced: its modification time and inode."""
    try:
        stat = (root / CURRENT).stat()
    except OSError:
        return None
    return stat.st_mtime, stat.st_ino
