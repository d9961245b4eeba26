"""Issue 16, row 12: a generation that fails to open is not reopened on every request.

A segment made unreadable (`chmod 000`, the server running as another user) gave the right
503, but each request reopened the generation (~470 ms each). Now the failure is remembered
and the generation tried again after a back-off, 1 s doubling to 60 s; a newly published
generation is tried at once. Attempts are counted (the opener is wrapped) on a fake clock:
no test here waits for time to pass.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.build.builder import build_index
from indexer.build.generations import IndexUnavailable
from search_ui.engine import live
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.search import SearchService
from search_ui.web.app import create_app
from search_ui.web.service import EXTENSION
from tests.reliability.damage import WHOOSH_LEAK

from .damage import largest_segment

pytestmark = pytest.mark.filterwarnings(WHOOSH_LEAK)
DELAYS = [1, 2, 4, 8, 16, 32, 60, 60]  # seconds between two attempts, as they follow
TICK = 2**-10  # a moment, in seconds, that the clock's floats add up exactly


class Clock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the generations the service tries to open, by name."""
    tried: list[str] = []
    real = live.open_generation

    def counted(path: Path, **options):
        tried.append(path.name)
        return real(path, **options)

    monkeypatch.setattr(live, "open_generation", counted)
    return tried


@contextlib.contextmanager
def unreadable(path: Path) -> Iterator[None]:
    """Make one file fail to open with EACCES, as `chmod 000` does for another user (root,
    who runs these tests here, reads through chmod)."""
    real_open = builtins.open
    refused = os.path.abspath(path)

    def guarded(file, *args, **kwargs):
        if isinstance(file, str | os.PathLike) and os.path.abspath(file) == refused:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", guarded)
        patch.setattr(io, "open", guarded)
        yield


def unavailable(service: SearchService) -> bool:
    """Search once; tell whether the service answered that the index is unavailable."""
    try:
        service.search(SearchRequest(q="innovation"))
    except IndexUnavailable:
        return True
    return False


def test_an_unreadable_segment_is_retried_with_a_back_off(
    root: Path, seeds_dir: Path, attempts: list[str]
) -> None:
    clock = Clock()
    service = SearchService(root, clock=clock)
    with unreadable(largest_segment(root)):
        assert all(unavailable(service) for _ in range(20))
        assert len(attempts) == 1  # not once per request
        for number, delay in enumerate(DELAYS, start=2):
            clock.now += delay - TICK
            assert unavailable(service) and len(attempts) == number - 1
            clock.now += TICK
            assert all(unavailable(service) for _ in range(5))
            assert len(attempts) == number, f"attempt {number} due after {delay} s"
        failed = attempts[0]
        assert set(attempts) == {failed}
        report = build_index([seeds_dir], root, full=True)  # a build publishes a new generation
    assert not unavailable(service)  # tried at once, without waiting for the back-off
    assert attempts[-1] == report.generation != failed
    service.close()


def test_web_requests_answer_503_without_reopening(root: Path, attempts: list[str]) -> None:
    clock = Clock()
    app = create_app({"INDEX_DIR": str(root)})
    app.extensions[EXTENSION] = SearchService(root, clock=clock)
    client = app.test_client()
    with unreadable(largest_segment(root)):
        statuses = [client.get(url).status_code for url in ("/", "/api/search?q=x") * 10]
        assert statuses == [503] * 20
        assert len(attempts) == 1
        clock.now += DELAYS[0]
        assert client.get("/api/search").status_code == 503
        assert len(attempts) == 2
    clock.now += DELAYS[1]  # readable again: the next attempt after the back-off succeeds
    assert client.get("/api/search").status_code == 200
    assert len(attempts) == 3
    assert client.get("/api/search?q=innovation").status_code == 200
    assert len(attempts) == 3


def test_a_generation_found_damaged_while_serving_is_not_reopened_on_each_request(
    root: Path, attempts: list[str]
) -> None:
    clock = Clock()
    service = SearchService(root, clock=clock)
    assert not unavailable(service)
    assert len(attempts) == 1
    os.truncate(largest_segment(root), 1000)
    assert all(unavailable(service) for _ in range(20))
    assert len(attempts) == 1  # found by the check every request makes; no reopening
    clock.now += DELAYS[0]
    assert all(unavailable(service) for _ in range(5))
    assert len(attempts) == 2
    service.close()
