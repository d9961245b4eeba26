"""Run a server as a child process on a free loopback port, until a block ends.

The browser tests, the reliability tests, the load driver and the benchmarks all need a
real `veille serve` (not the test client) that they start, wait for and stop.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


class ServerDidNotStart(RuntimeError):
    """The child exited or did not listen in time; the message ends with its log."""


@dataclass
class ChildServer:
    """A server child process and where it listens."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path | None
    host: str = HOST

    @property
    def base(self) -> str:
        """Return the server's base URL."""
        return f"http://{self.host}:{self.port}"


def free_port() -> int:
    """Return a loopback port nobody listens on at the moment."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def veille_serve(index_dir: Path, port: int, threads: int | None = None) -> list[str]:
    """Return the command line of `veille serve` on `port` over `index_dir`."""
    command = [sys.executable, "-m", "search_ui", "serve", "--host", HOST, "--port", str(port)]
    command += ["--index-dir", str(index_dir)]
    return command + (["--threads", str(threads)] if threads else [])


def fts5_serve(db: Path, port: int) -> list[str]:
    """Return the command line of the FTS5 twin of /api/search (benchmarks.worker) on `port`."""
    return [sys.executable, "-m", "benchmarks.worker", "fts5-serve", str(db), str(port)]


@contextlib.contextmanager
def child_server(
    command: Sequence[str],
    port: int,
    log: Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> Iterator[ChildServer]:
    """Start `command`, wait until `port` accepts connections, stop the child at the end."""
    with open(log or os.devnull, "wb") as output:
        process = subprocess.Popen(
            list(command),
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            cwd=cwd,
        )
    server = ChildServer(process, port, log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise ServerDidNotStart(f"exited with {process.returncode}{_tail(log)}")
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), 1):
                break
            if time.monotonic() > deadline:
                raise ServerDidNotStart(f"not listening after {timeout:.0f} s{_tail(log)}")
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tail(log: Path | None, lines: int = 20) -> str:
    """Return the end of a child's log, to explain why it did not start."""
    if log is None or not log.exists():
        return ""
    return "\n" + "\n".join(log.read_text("utf-8", "replace").splitlines()[-lines:])
