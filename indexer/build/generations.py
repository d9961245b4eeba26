"""Index generations: each build writes a new directory, then one rename makes it live.

A reader resolves CURRENT once and keeps its generation open, so it never sees a
half-built index; a build that dies leaves CURRENT pointing at the previous generation.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
LOCK = "build.lock"
_HELD_LOCKS: set[int] = set()  # descriptors of the build locks this process holds
PREFIX = "gen-"


class IndexUnavailable(Exception):
    """The index directory holds no usable index; the message says how to repair it."""


class BuildLocked(Exception):
    """Another build holds the lock for longer than we are willing to wait."""


def current_generation(root: Path) -> Path:
    """Return the live generation's directory, or raise IndexUnavailable."""
    pointer = root / CURRENT
    try:
        name = pointer.read_text("utf-8").strip()
    except FileNotFoundError:
        raise IndexUnavailable(f"aucun index dans {root} : lancez « veille index »") from None
    except OSError as error:
        raise IndexUnavailable(
            f"index illisible dans {root} ({error.strerror}) : relancez « veille index »"
        ) from error
    except UnicodeDecodeError:  # a pointer holding garbage bytes is a broken index too
        name = ""
    generation = root / name
    if not name.startswith(PREFIX) or "/" in name or not generation.is_dir():
        raise IndexUnavailable(f"index corrompu dans {root} : relancez « veille index »")
    return generation


def read_manifest(generation: Path) -> dict:
    """Return what a generation records about its source files (empty when unreadable)."""
    try:
        return json.loads((generation / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(generation: Path, manifest: dict) -> None:
    """Write a generation's manifest durably (one line: indenting takes json's slow encoder)."""
    _write_durably(generation / MANIFEST, json.dumps(manifest, ensure_ascii=False))


def new_generation(root: Path, base: Path | None) -> Path:
    """Create the directory of the next generation, a copy of `base` when given."""
    name = f"{PREFIX}{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    target = root / name
    if base is not None:
        shutil.copytree(
            base, target, ignore=shutil.ignore_patterns("*.lock", "*_WRITELOCK", MANIFEST)
        )
    else:
        target.mkdir(parents=True)
    return target


def discard(generation: Path) -> None:
    """Delete a generation that a failed build will never publish."""
    shutil.rmtree(generation, ignore_errors=True)


def publish(root: Path, generation: Path) -> None:
    """Make `generation` live with one atomic rename, then drop generations no one needs."""
    try:
        previous: Path | None = current_generation(root)
    except IndexUnavailable:
        previous = None
    _write_durably(root / CURRENT, generation.name + "\n")
    if previous is not None and previous.name != generation.name:
        # The grace period of the generation just retired starts now, not when it was built:
        # a reader may have resolved CURRENT a moment ago and not yet opened its files.
        with contextlib.suppress(OSError):
            os.utime(previous)
    _remove_old_generations(root, keep={generation.name})


def _write_durably(path: Path, text: str) -> None:
    """Write a file through a temporary name, fsync it, and rename it into place."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:  # a full disk must not leave the half-written file behind
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    with contextlib.suppress(OSError):
        directory = os.open(path.parent, os.O_RDONLY)
        os.fsync(directory)
        os.close(directory)


def _remove_old_generations(root: Path, keep: set[str], grace_seconds: float = 60.0) -> None:
    """Delete generations other than `keep` once they are older than a grace period.

    Readers that opened an older generation keep their open files (POSIX), and the grace
    period (counted from when `publish` retired a generation) lets a reader that has just
    resolved CURRENT finish opening it.
    """
    now = time.time()
    for child in root.glob(f"{PREFIX}*"):
        if child.name in keep or not child.is_dir():
            continue
        with contextlib.suppress(OSError):
            if now - child.stat().st_mtime > grace_seconds:
                shutil.rmtree(child, ignore_errors=True)


@contextlib.contextmanager
def build_lock(root: Path, timeout: float) -> Iterator[None]:
    """Hold the build lock; the kernel releases it if the process dies, so it never goes stale."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(
                        f"une autre construction de l'index est en cours (verrou {root / LOCK}) : "
                        "relancez « veille index » quand elle sera terminée"
                    ) from None
                time.sleep(0.1)
        _HELD_LOCKS.add(handle.fileno())
        try:
            yield
        finally:
            _HELD_LOCKS.discard(handle.fileno())
            fcntl.flock(handle, fcntl.LOCK_UN)


def close_inherited_locks() -> None:
    """In a forked child, close its copies of the build lock's file.

    The kernel frees a lock when the last descriptor of its open file is closed: a child
    that kept a copy would keep the lock held after its parent was killed.
    """
    for descriptor in _HELD_LOCKS:
        os.close(descriptor)
    _HELD_LOCKS.clear()
