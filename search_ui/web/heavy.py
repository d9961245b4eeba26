"""A concurrency limit for heavy requests, so that exports and a cold coverage report cannot
take every server thread and starve the searches; and a pace that makes streams give way.

At most HEAVY_LIMIT heavy requests run at once (the app's config, `VEILLE_HEAVY_LIMIT` in
the environment); one more is answered at once with 503 and Retry-After, in French, by
views/errors.py. A streamed response keeps its slot until the stream ends or is closed:
its body runs after the view has returned.

A slot is not enough on its own: Python runs one thread at a time, and a streaming export
took its share of the interpreter from every search (searches' p95 went from 50 to 550 ms
with two exports streaming at 100,000 entries). So a stream reads its records in bursts
of BURST seconds and, after each, waits while requests are inside the app (at most
PATIENCE seconds): searches go first, and an export under constant load still gets a
fifth of its speed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from flask import current_app

DEFAULT_LIMIT = 2  # of waitress's 4 threads (`veille serve --threads`): 2 stay for searches
EXTENSION = "veille.heavy"
PACE = "veille.pace"
RETRY_AFTER = 10  # seconds
BURST = 0.005  # seconds of a stream's work between two looks at the requests in flight
PATIENCE = 0.02  # seconds a stream waits at most for them, before its next burst

T = TypeVar("T")


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


class Pace:
    """The requests inside the app now, for the streams to give way to.

    A request counts from the moment the app is called until its view has returned and
    its response is made: a page is rendered by then, while a streamed body is written
    later, outside the count, so streams never wait for each other.
    """

    def __init__(self, burst: float = BURST, patience: float = PATIENCE) -> None:
        self.burst = burst
        self.patience = patience
        self._inside = 0
        self._idle = threading.Condition()

    def around(self, wsgi_app: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a WSGI app so that every call counts as a request inside it."""

        def counted(environ: dict, start_response: Callable[..., Any]) -> Any:
            with self._idle:
                self._inside += 1
            try:
                return wsgi_app(environ, start_response)
            finally:
                with self._idle:
                    self._inside -= 1
                    if not self._inside:
                        self._idle.notify_all()

        return counted

    def give_way(self) -> None:
        """Wait while requests are inside the app, PATIENCE seconds at most."""
        if self._inside:  # read without the lock: a stale answer costs one burst at most
            with self._idle:
                self._idle.wait_for(lambda: not self._inside, timeout=self.patience)

    def paced(self, items: Iterable[T]) -> Paced[T]:
        """Return items to be read in bursts that give way to the requests in flight."""
        return Paced(items, self)


class Paced(Iterable[T]):
    """Items read in bursts of `pace.burst` seconds, giving way between two bursts.

    Iterable as often as the items are (BibTeX reads a result list twice).
    """

    def __init__(self, items: Iterable[T], pace: Pace) -> None:
        self._items = items
        self._pace = pace

    def __iter__(self) -> Iterator[T]:
        clock, pace = time.perf_counter, self._pace
        burst_ends = clock() + pace.burst
        for item in self._items:
            yield item
            if clock() >= burst_ends:
                pace.give_way()
                burst_ends = clock() + pace.burst


def register(app) -> None:
    """Give an app its heavy slots, sized by its HEAVY_LIMIT (0: no limit), and its pace."""
    app.extensions[EXTENSION] = HeavySlots(int(app.config["HEAVY_LIMIT"]))
    pace = app.extensions[PACE] = Pace()
    app.wsgi_app = pace.around(app.wsgi_app)


def paced(items: Iterable[T]) -> Paced[T]:
    """Return items for a stream of the current app, read at its pace."""
    return current_app.extensions[PACE].paced(items)


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
