"""Timing requests and commands under a deadline, for the route benchmark.

Some routes take minutes (the coverage report compares every pair of titles): every request
and command gets a total deadline, a timed-out one is recorded as such, and the server that
is still busy with it is restarted so that it does not slow down the cases after it.
"""

from __future__ import annotations

import contextlib
import http.client
import math
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks.child import ChildServer, child_server, free_port
from benchmarks.measure import REPO, peak_rss_of, status_mb
from benchmarks.route_cases import Case
from benchmarks.stats import summary


class RouteTimeout(Exception):
    """A request or a command did not finish within its deadline."""


@dataclass
class Answer:
    """One timed request or command: status (HTTP, or exit code), body size, duration."""

    status: int
    size: int
    seconds: float
    rss_growth_mb: float | None = None
    body: bytes = b""


@dataclass
class Outcome:
    """Every answer of one case: the unmeasured warm-up, the timed runs, a timeout."""

    first: Answer | None = None
    runs: list[Answer] = field(default_factory=list)
    timed_out: bool = False

    def to_json(self) -> dict[str, Any]:
        """Return the raw figures and their summary (ms) for routes.json."""
        answers = [a for a in (self.first, *self.runs) if a is not None]
        growth = [a.rss_growth_mb for a in answers if a.rss_growth_mb is not None]
        return {
            "ms": summary([a.seconds * 1000 for a in self.runs]),
            "samples_ms": [a.seconds * 1000 for a in self.runs],
            "first_ms": self.first.seconds * 1000 if self.first else None,
            "statuses": sorted({a.status for a in answers}),
            "bytes": answers[-1].size if answers else None,
            "timed_out": self.timed_out,
            "rss_growth_mb": growth,
        }


def fetch(base: str, path: str, timeout: float, keep: bool = False) -> Answer:
    """GET `path` on a fresh connection; raise RouteTimeout past `timeout` seconds in all.

    The body is only counted unless `keep` (a run keeps its answers: exports are large).
    """
    parts = urlsplit(base)
    deadline = time.monotonic() + timeout
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        sock = connection.sock  # the response reads it even once the connection let it go
        response = connection.getresponse()
        size, chunks = 0, []
        while chunk := response.read(1 << 16):
            size += len(chunk)
            if keep:
                chunks.append(chunk)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RouteTimeout(path)
            if sock is not None and sock.fileno() >= 0:  # closed: a chunked body has ended
                sock.settimeout(remaining)  # a slow body must not outlive the deadline
        seconds = time.perf_counter() - started
        return Answer(response.status, size, seconds, body=b"".join(chunks))
    except TimeoutError as error:
        raise RouteTimeout(path) from error
    finally:
        connection.close()


def run_command(argv: Sequence[str], timeout: float) -> Answer:
    """Run a command as a whole process (stdout kept to weigh it); raise RouteTimeout."""
    started = time.perf_counter()
    try:
        completed = subprocess.run(
            list(argv), cwd=REPO, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:  # run() has killed the child
        raise RouteTimeout(" ".join(argv)) from error
    return Answer(completed.returncode, len(completed.stdout), time.perf_counter() - started)


@contextlib.contextmanager
def rss_growth(pid: int, every: float = 0.01) -> Iterator[list[float]]:
    """Sample a process' VmRSS while the block runs; yield [growth in MiB] filled at the end.

    The growth is the highest RSS seen during the block minus the RSS just before it: what
    one request made the server hold, even when it gives the memory back afterwards.
    """
    before = status_mb(pid, "VmRSS")
    highest = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(every):
            with contextlib.suppress(OSError, ValueError):
                highest[0] = max(highest[0], status_mb(pid, "VmRSS"))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result: list[float] = []
    try:
        yield result
    finally:
        done.set()
        sampler.join()
        with contextlib.suppress(OSError, ValueError):
            highest[0] = max(highest[0], status_mb(pid, "VmRSS"))
        result.append(highest[0] - before)


class Server:
    """A served child (`veille serve`, or the FTS5 twin) that can be restarted.

    Its peak RSS is read before every stop, so that a restart does not lose it.
    """

    def __init__(self, command: Callable[[int], list[str]], log: Path) -> None:
        self.command, self.log = command, log
        self.child: ChildServer | None = None
        self.peaks: list[float] = []
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base(self) -> str:
        """Return the base URL of the running child."""
        assert self.child is not None, "the server is not running"
        return self.child.base

    @property
    def pid(self) -> int:
        """Return the running child's process id."""
        assert self.child is not None, "the server is not running"
        return self.child.process.pid

    def start(self) -> None:
        """Start the child on a free port and wait until it listens."""
        port = free_port()
        self.child = self._stack.enter_context(
            child_server(self.command(port), port, self.log, cwd=REPO)
        )

    def stop(self) -> None:
        """Record the child's peak RSS, then stop it."""
        if self.child is not None:
            with contextlib.suppress(OSError):
                self.peaks.append(peak_rss_of(self.pid))
            self._stack.close()
            self.child = None

    def restart(self) -> None:
        """Stop the child (busy with a timed-out request) and start a fresh one."""
        self.stop()
        self.start()

    def peak_mb(self) -> float:
        """Return the highest peak RSS of every child started so far, this one included."""
        current = [peak_rss_of(self.pid)] if self.child is not None else []
        return max([*self.peaks, *current], default=float("nan"))


@dataclass(frozen=True)
class Plan:
    """How many times to run each case: `runs`, or `slow_runs` once one answer took more than
    `slow_seconds` (a long run needs fewer samples); after a warm-up unless `warm_up` is off
    (whole processes, each run starting from scratch)."""

    runs: int
    warm_up: bool = True
    slow_seconds: float = math.inf
    slow_runs: int = 3


def run_cases(
    cases: Sequence[Case],
    attempt: Callable[[Case], Answer],
    plan: Plan,
    on_timeout: Callable[[], None] = lambda: None,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[Case, Outcome]:
    """Time every case as the plan says, round-robin, each after one unmeasured warm-up.

    A case that times out is recorded as such and dropped from the later rounds; then
    `on_timeout` restarts the server, and each remaining case is warmed up again.
    """
    outcomes = {case: Outcome() for case in cases}
    budget = dict.fromkeys(cases, plan.runs)
    warm: set[Case] = set() if plan.warm_up else set(cases)
    while budget:
        for case in list(budget):
            try:
                answer = attempt(case)
            except RouteTimeout:
                progress(f"timeout: {case.route} {case.case}")
                outcomes[case].timed_out = True
                del budget[case]
                on_timeout()
                if plan.warm_up:  # a fresh server: every case is cold again
                    warm.clear()
                continue
            if answer.seconds > plan.slow_seconds:
                budget[case] = min(budget[case], plan.slow_runs)
            if case in warm:
                outcomes[case].runs.append(answer)
            else:
                warm.add(case)
                outcomes[case].first = outcomes[case].first or answer
            if len(outcomes[case].runs) >= budget[case]:
                del budget[case]
    return outcomes
