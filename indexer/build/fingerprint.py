"""The fingerprint of what turns newsletters into index documents.

A generation records the fingerprint of the extraction and analysis it was written with
(its manifest's "analysis"). A file whose bytes did not change is skipped by the next
build, so without it a new stem exclusion, word list or extraction rule would reach only
the files that changed: an upgraded veille would search « collectivités » by a stem the
older index never wrote. A build that finds another fingerprint rebuilds from scratch.

What counts: the source and data files of the packages that make an entry's document
(SOURCES: the analysis, the extraction, the territories, the schema and facet fields, the
document writer), the versions of the libraries they call (Snowball's stemmer, the PDF and
HTML readers, Whoosh) and of Unicode, whose tables fold the accents. Not the rest of the
build (progress messages, coverage, the derived arrays recomputed by every build): editing
those does not cost a full rebuild.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib import metadata, resources
from importlib.resources.abc import Traversable

# Package, then the paths inside it (folders or files) whose bytes shape a document.
SOURCES = {
    "analyzers": ("",),
    "indexer": (
        "extraction",
        "territories",
        "data",
        "whoosh_internals",
        "schema.py",
        "facet_specs.py",
        "repeated.py",
        "formats.py",
        "build/documents.py",
    ),
}
LIBRARIES = ("nltk", "pdfminer.six", "beautifulsoup4", "Whoosh")
_SUFFIXES = (".py", ".txt", ".tsv", ".gz", ".json")


@cache
def analysis_fingerprint() -> str:
    """Return the SHA-256 of SOURCES' files, LIBRARIES' versions and Unicode's."""
    digest = hashlib.sha256()
    for package, paths in SOURCES.items():
        root = resources.files(package)
        for name, item in sorted(_files(root, paths)):
            digest.update(f"{package}/{name}\0".encode())
            digest.update(hashlib.sha256(item.read_bytes()).digest())
    for library in LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}\0".encode())
    digest.update(f"unicode {unicodedata.unidata_version}".encode())
    return digest.hexdigest()


def _files(root: Traversable, paths: tuple[str, ...]) -> Iterator[tuple[str, Traversable]]:
    """Yield (path inside the package, file) for the source and data files under `paths`."""
    for path in paths:
        item = root.joinpath(*path.split("/")) if path else root
        if not (item.is_file() or item.is_dir()):
            raise FileNotFoundError(f"fingerprint: no {path} in {root}")  # moved: say where
        yield from _walk(item, path)


def _walk(item: Traversable, name: str) -> Iterator[tuple[str, Traversable]]:
    """Yield the files under `item`, compiled caches left out."""
    if item.is_file():
        if item.name.endswith(_SUFFIXES):
            yield name, item
    elif item.is_dir() and item.name != "__pycache__":
        for child in item.iterdir():
            yield from _walk(child, f"{name}/{child.name}" if name else child.name)
