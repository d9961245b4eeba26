"""The fingerprint of the code that turns newsletters into index terms.

A generation records the fingerprint of the extraction and analysis it was written with
(its manifest's "analysis"). A file whose bytes did not change is skipped by the next
build, so without it a new stem exclusion, word list or extraction rule would reach only
the files that changed: an upgraded veille would search « collectivités » by a stem the
older index never wrote. A build that finds another fingerprint rebuilds from scratch.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import analyzers
import indexer

# The files that decide what a newsletter becomes in the index: code and reference data.
_SUFFIXES = frozenset({".py", ".txt", ".tsv", ".gz", ".json", ".csv"})


@cache
def analysis_fingerprint() -> str:
    """Return the SHA-256 of every source and data file of `analyzers` and `indexer`."""
    digest = hashlib.sha256()
    for package in (analyzers, indexer):
        root = Path(package.__file__).resolve().parent
        for path in sorted(_sources(root)):
            digest.update(f"{package.__name__}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _sources(root: Path) -> list[Path]:
    """Return a package's source and data files, compiled caches left out."""
    return [
        path
        for path in root.rglob("*")
        if path.suffix in _SUFFIXES and path.is_file() and "__pycache__" not in path.parts
    ]
