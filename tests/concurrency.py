"""Helpers of the tests that run builds beside searches, without guessing at timings.

A build is killed at a known step (the builder's test hook, $VEILLE_BUILD_PAUSE_AT, makes it
stop there and say so), and a test waits for a condition rather than for a while: the
outcome is the same on a fast machine and on a slow one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from indexer.build.builder import PAUSE_VARIABLE
from indexer.build.generations import PREFIX

WAIT_LIMIT = 120.0  # seconds: only a hung test waits that long, and it then fails


def kill_build_at(step: str, root: Path, *paths: Path) -> set[str]:
    """Run `veille index --full` until it stops at `step`, SIGKILL it there.

    Return the names of the generation directories that the build created and that were
    there when it died. Fails if the build ends without reaching the step.
    """
    existing = _generations(root)
    command = [sys.executable, "-m", "search_ui", "index", "--full", "--index-dir", str(root)]
    process = subprocess.Popen(
        [*command, *map(str, paths)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, PAUSE_VARIABLE: step},
    )
    assert process.stderr is not None
    paused = f"{PAUSE_VARIABLE}: paused at {step}\n"
    try:
        said = list(_lines_until(process.stderr, paused))
        assert said[-1:] == [paused], f"the build never reached {step}: {said[-5:]}"
        created = _generations(root) - existing
        process.send_signal(signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL, process.returncode
    return created


def _generations(root: Path) -> set[str]:
    """Return the names of the generation directories under `root`."""
    return {path.name for path in root.glob(f"{PREFIX}*")}


def _lines_until(stream, last: str):
    """Yield the lines of `stream` up to `last` included, or up to its end."""
    for line in stream:
        yield line
        if line == last:
            return


def wait_until(condition: Callable[[], bool], what: str, limit: float = WAIT_LIMIT) -> None:
    """Wait until `condition()` holds; fail, saying `what` was awaited, after `limit` seconds."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what} after {limit:.0f} s"
        time.sleep(0.01)
