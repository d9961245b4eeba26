"""Index generations: each build writes a new directory, then one rename makes it live.

A reader resolves CURRENT once and keeps its generation open, so it never sees a
half-built index; a build that dies leaves CURRENT pointing at the previous generation,
and its unfinished directory to the next build, which removes it with the generations
retired more than a grace period ago.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
CHECKSUMS = "checksums.json"  # each index file's size and SHA-256 (integrity.py)
LOCK = "build.lock"
# In a generation until it is published: a directory holding it was never live, so no reader
# can have it open, and a build finding it (its builder killed) removes it at once.
UNPUBLISHED = ".unpublished"
GRACE_SECONDS = 60.0  # how long a retired generation stays for readers that just resolved it
_HELD_LOCKS: set[int] = set()  # descriptors of the build locks this process holds
PREFIX = "gen-"


class IndexUnavailable(Exception):
    """The index directory holds no usable index; the message says how to repair it."""


class IndexDamaged(IndexUnavailable):
    """The live generation's files are damaged: `file` names the one found (None: unknown)."""

    def __init__(self, message: str, file: Path | None = None) -> None:
        super().__init__(message)
        self.file = file


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
    write_durably(generation / MANIFEST, json.dumps(manifest, ensure_ascii=False))


def new_generation(root: Path, base: Path | None) -> Path:
    """Create the directory of the next generation, a copy of `base` when given.

    It is marked unpublished before anything is copied into it, so that whatever a killed
    build leaves is known for debris.
    """
    name = f"{PREFIX}{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    target = root / name
    target.mkdir(parents=True)
    (target / UNPUBLISHED).touch()
    if base is not None:
        ignored = shutil.ignore_patterns("*.lock", "*_WRITELOCK", MANIFEST, CHECKSUMS, UNPUBLISHED)
        shutil.copytree(base, target, ignore=ignored, dirs_exist_ok=True)
    return target


def discard(generation: Path) -> None:
    """Delete a generation that a failed build will never publish."""
    shutil.rmtree(generation, ignore_errors=True)


def publish(root: Path, generation: Path) -> None:
    """Make `generation` live with one atomic rename; the one it retires gets its grace."""
    try:
        previous: Path | None = current_generation(root)
    except IndexUnavailable:
        previous = None
    (generation / UNPUBLISHED).unlink(missing_ok=True)
    _sync_directory(generation)
    write_durably(root / CURRENT, generation.name + "\n")
    if previous is not None and previous.name != generation.name:
        # The grace period of the generation just retired starts now, not when it was built:
        # a reader may have resolved CURRENT a moment ago and not yet opened its files.
        with contextlib.suppress(OSError):
            os.utime(previous)


def write_durably(path: Path, text: str) -> None:
    """Write a text file through a temporary name, fsync it, and rename it into place."""
    write_file_durably(path, lambda handle: handle.write(text.encode("utf-8")))


def write_file_durably(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Have `write` fill a temporary file, fsync it, and rename it into place as `path`."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:  # a full disk must not leave the half-written file behind
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    """Make the names just created or removed in a directory durable (best effort)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@dataclass(frozen=True)
class Removed:
    """What `remove_old_generations` deleted: how many generations, how many bytes."""

    generations: int = 0
    bytes: int = 0


def remove_old_generations(root: Path, grace_seconds: float = GRACE_SECONDS) -> Removed:
    """Delete the generations no reader needs: unpublished ones, and those retired long ago.

    Call it under the build lock. CURRENT's generation always stays. A retired one stays for
    a grace period counted from its retirement (`publish` touches it): a reader that has just
    resolved CURRENT may not have opened its files yet; readers that have keep them (POSIX).
    An unpublished one (a killed build's) was never live: no reader has it, it goes at once.
    While CURRENT names no generation, only unpublished ones go: which one was live is unknown.
    """
    try:
        live: str | None = current_generation(root).name
    except IndexUnavailable:
        live = None
    now = time.time()
    count = size = 0
    for child in root.glob(f"{PREFIX}*"):
        if child.name == live or child.is_symlink() or not child.is_dir():
            continue
        try:
            retired = live is not None and now - child.stat().st_mtime > grace_seconds
            if not retired and not (child / UNPUBLISHED).exists():
                continue
            weight = _bytes_under(child)
        except OSError:
            continue
        shutil.rmtree(child, ignore_errors=True)
        if not child.exists():
            count, size = count + 1, size + weight
    return Removed(count, size)


def _bytes_under(directory: Path) -> int:
    """Return the size of the files under a directory."""
    return sum(path.lstat().st_size for path in directory.rglob("*") if not path.is_dir())


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
