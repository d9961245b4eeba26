"""A concurrency limit for heavy requests, so that exports and a cold coverage report cannot
take every server thread and starve the searches.

At most HEAVY_LIMIT heavy requests run at once (the app's config, `VEILLE_HEAVY_LIMIT` in
the environment); one more is answered at once with 503 and Retry-After, in French, by
views/errors.py. A streamed response keeps its slot until the stream ends or is closed:
its body runs after the view has returned.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from flask import current_app

DEFAULT_LIMIT = 2  # of waitress's 4 threads (`veille serve --threads`): 2 stay for searches
EXTENSION = "veille.heavy"
RETRY_AFTER = 10  # seconds


class Busy(Exception):
    """Every slot for heavy requests is taken: try again in a few seconds."""


class HeavySlots:
    """At most `limit` heavy requests at once; another is refused, never queued."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._slots = threading.BoundedSemaphore(limit) if limit > 0 else None

    def take(self) -> Slot:
        """Take a slot, or raise Busy when all are held."""
        if self._slots is not None and not self._slots.acquire(blocking=False):
            raise Busy
        return Slot(self._slots)


class Slot:
    """One slot held; released once, however often `release` is called."""

    def __init__(self, slots: threading.BoundedSemaphore | None) -> None:
        self._slots = slots
        self._lock = threading.Lock()

    def release(self) -> None:
        """Give the slot back (a second call does nothing)."""
        with self._lock:
            slots, self._slots = self._slots, None
        if slots is not None:
            slots.release()


class HeldStream:
    """A response body that holds a slot until it is read to its end or closed.

    A WSGI server calls `close` on every body, even one never read (a HEAD request, a
    client gone before the first chunk): the slot is released then at the latest.
    """

    def __init__(self, chunks: Iterable[bytes], slot: Slot) -> None:
        self._chunks = chunks
        self._slot = slot

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._chunks
        finally:
            self.close()

    def close(self) -> None:
        """Stop the writer (its searcher closes) and release the slot."""
        try:
            close = getattr(self._chunks, "close", None)
            if close is not None:
                close()
        finally:
            self._slot.release()


def register(app) -> None:
    """Give an app its heavy slots, sized by its HEAVY_LIMIT (0: no limit)."""
    app.extensions[EXTENSION] = HeavySlots(int(app.config["HEAVY_LIMIT"]))


def take_slot() -> Slot:
    """Take one of the current app's heavy slots, or raise Busy."""
    return current_app.extensions[EXTENSION].take()


@contextmanager
def heavy_work(needed: bool = True) -> Iterator[None]:
    """Hold a heavy slot for the block when `needed` (a cold coverage report), or raise Busy."""
    slot = take_slot() if needed else None
    try:
        yield
    finally:
        if slot is not None:
            slot.release()
