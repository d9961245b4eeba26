"""Each index file's size and SHA-256, recorded by the build so that damage is found, not met.

The build writes the record (`checksums.json`) last, once every other file of the generation
is written, and never touches a published generation again. So the quick check, a stat per
file, finds a file missing or of another size, and reads only the files modified after the
record (bytes written inside a segment): opening a generation runs it, and a server runs it
on every request. The full check reads every byte (damage that kept the size and the time,
as a failing disk leaves it): `veille index` runs it, and a server before it streams a whole
result list or when a read fails. Serving checks Whoosh's files only: the others (RECOMPUTED)
are checked by their loaders, and what they hold computed again from the index when they
fail; `veille index` checks them all. The record is a file of its own because opening reads
it: the manifest weighs megabytes at 100,000 entries. A generation written before records
existed has none: it opens and updates unchecked.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from indexer.build.coverage import COVERAGE
from indexer.build.derived import DERIVED
from indexer.build.generations import CHECKSUMS, MANIFEST, write_durably
from indexer.build.vocabulary import VOCABULARY

# Whoosh's lock files may stay behind, empty, and mean nothing once the build is over.
LOCK_SUFFIXES = (".lock", "_WRITELOCK")
MODIFIED = "contenu modifié (somme de contrôle différente)"
# What serving can do without: read through loaders that check it, computed again from the
# index when it fails them (the manifest, serving does not read). Damage to it is repaired
# by the next `veille index`; damage to another file (Whoosh's) makes the generation unusable.
RECOMPUTED = frozenset({DERIVED, VOCABULARY, COVERAGE, MANIFEST})


@dataclass(frozen=True)
class Damage:
    """The first file of a generation found damaged or unreadable, and how (in French)."""

    file: str
    why: str
    unreadable: bool = False  # the file could not be read (its rights?), not found damaged

    def message(self, generation: Path) -> str:
        """Say what is wrong and how to repair it, as `veille` and the server log say it."""
        state = "illisible" if self.unreadable else "endommagé"
        return (
            f"index {state} ({generation / self.file} : {self.why}) : "
            "relancez « veille index » pour le reconstruire"
        )


@dataclass
class Record:
    """What the build wrote: each covered file's size and SHA-256, by name, and when."""

    files: dict[str, tuple[int, str]]
    written: int = 0  # the record's modification time (ns): files changed later are suspect
    problem: Damage | None = None  # the record exists but cannot be read
    # Files modified after the record whose bytes were found right, at their (size, time).
    _matched: dict[str, tuple[int, int]] = field(default_factory=dict)

    def quick_damage(self, generation: Path) -> Damage | None:
        """Return the first of Whoosh's files missing, of another size, or modified since the
        record and changed."""
        if self.problem is not None:
            return self.problem
        for name, (size, digest) in self._checked(every=False):
            try:
                stat = (generation / name).stat()
            except OSError as error:
                return _unreadable(name, error)
            if stat.st_size != size:
                return Damage(name, f"{stat.st_size} octets au lieu de {size}")
            seen = (stat.st_size, stat.st_mtime_ns)
            if stat.st_mtime_ns > self.written and self._matched.get(name) != seen:
                found = _compare(generation, name, digest, size)
                if found is not None:
                    return found
                self._matched[name] = seen
        return None

    def damage(self, generation: Path, every: bool = False) -> Damage | None:
        """Return the first damaged file of Whoosh's (of all with `every`), their bytes
        compared with their checksums."""
        found = self.quick_damage(generation)
        for name, (size, digest) in self._checked(every):
            if found is not None:
                break
            found = _compare(generation, name, digest, size)
        return found

    def _checked(self, every: bool) -> list[tuple[str, tuple[int, str]]]:
        """Return the files to check: Whoosh's, or `every` one."""
        return [item for item in self.files.items() if every or item[0] not in RECOMPUTED]


def _compare(generation: Path, name: str, digest: str, size: int) -> Damage | None:
    """Return how a file differs from its size and checksum, if it does."""
    try:
        actual = (generation / name).stat().st_size
        if actual != size:
            return Damage(name, f"{actual} octets au lieu de {size}")
        if file_sha256(generation / name) != digest:
            return Damage(name, MODIFIED)
    except OSError as error:
        return _unreadable(name, error)
    return None


def _unreadable(name: str, error: OSError) -> Damage:
    """Describe a file that could not be read or found."""
    if isinstance(error, FileNotFoundError):
        return Damage(name, "fichier absent")
    return Damage(name, error.strerror or type(error).__name__, unreadable=True)


def covered(generation: Path) -> list[Path]:
    """Return the files the record covers: every file but itself, hidden files and locks."""
    return sorted(
        path
        for path in generation.iterdir()
        if path.is_file()
        and path.name != CHECKSUMS
        and not path.name.startswith(".")
        and not path.name.endswith(LOCK_SUFFIXES)
    )


def write(generation: Path) -> None:
    """Record the size and checksum of every covered file of a generation, durably."""
    files = {
        path.name: {"size": path.stat().st_size, "sha256": file_sha256(path)}
        for path in covered(generation)
    }
    write_durably(generation / CHECKSUMS, json.dumps(files, ensure_ascii=False))


def load(generation: Path) -> Record:
    """Return a generation's record; an empty one for a generation written before records."""
    path = generation / CHECKSUMS
    try:
        with open(path, encoding="utf-8") as handle:
            written = os.fstat(handle.fileno()).st_mtime_ns
            data = json.load(handle)
        files = {name: (int(entry["size"]), str(entry["sha256"])) for name, entry in data.items()}
    except FileNotFoundError:
        return Record({})
    except OSError as error:
        return Record({}, problem=_unreadable(CHECKSUMS, error))
    except (ValueError, TypeError, KeyError, AttributeError):  # not the JSON the build wrote
        return Record({}, problem=Damage(CHECKSUMS, "contenu illisible"))
    return Record(files, written)


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, read in blocks (an index file can weigh 100 MB)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
