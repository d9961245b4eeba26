"""Plan step of a build: which files are new, changed, removed or unchanged.

The plan compares the files' bytes with the manifest of the live generation, which the
build updates unless it is damaged (its checksums: integrity.py), unreadable, of an older
schema, written by another extraction or analysis (fingerprint.py), or a full rebuild is
asked for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.build import integrity
from indexer.build.fingerprint import analysis_fingerprint
from indexer.build.generations import IndexUnavailable, current_generation, read_manifest
from indexer.schema import build_schema

Progress = Callable[[str], None]
REBUILT = "reconstruction complète"


@dataclass
class BuildPlan:
    """What a build has to do, against the live generation it starts from (if any)."""

    files: list[tuple[Path, str]]
    base: Path | None  # the generation to update; None to write one from scratch
    history: dict  # the files as the live index holds them: their dates survive a full build
    entries: int  # how many entries the live generation holds
    digests: dict[str, str]
    states: dict[str, str]  # label -> new, changed or unchanged
    analysis: str  # the fingerprint of the extraction and analysis of this build

    @property
    def indexed(self) -> dict:
        """Return the files the base generation holds (none when starting afresh)."""
        return self.history if self.base else {}

    @property
    def changed(self) -> list[tuple[Path, str]]:
        """Return the new and changed files, in file order: the ones to (re)index."""
        return [(path, label) for path, label in self.files if self.states[label] != "unchanged"]

    @property
    def removed(self) -> list[str]:
        """Return the labels of the indexed files that are gone."""
        return [label for label in self.indexed if label not in self.digests]

    @property
    def replaced(self) -> list[str]:
        """Return the labels of the changed files: their old entries are deleted first."""
        return [label for _, label in self.changed if label in self.indexed]

    @property
    def up_to_date(self) -> bool:
        """Tell whether the base generation already holds every file as it is."""
        return self.base is not None and not self.changed and not self.removed

    def added_before(self, label: str) -> dict[str, int]:
        """Return when each entry of a file was first added, by id, for a file re-indexed."""
        return self.history.get(label, {}).get("added", {})


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, to skip files that did not change."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan_build(
    root: Path, files: list[tuple[Path, str]], full: bool, progress: Progress
) -> BuildPlan:
    """Plan step: compare the files' bytes with what the live generation indexed."""
    analysis = analysis_fingerprint()  # before any file is read: the code that reads them
    base, old = _starting_point(root, full, analysis, progress)
    history = old.get("files") if isinstance(old.get("files"), dict) else {}
    indexed = history if base else {}
    digests = {label: file_digest(path) for path, label in files}
    states = {label: _state(indexed.get(label), digest) for label, digest in digests.items()}
    return BuildPlan(files, base, history, old.get("entries", 0), digests, states, analysis)


def _state(indexed: dict | None, digest: str) -> str:
    """Say what a file is to this build: new, changed, or unchanged (same bytes as indexed)."""
    if indexed is None:
        return "new"
    return "unchanged" if indexed.get("sha256") == digest else "changed"


def _starting_point(
    root: Path, full: bool, analysis: str, progress: Progress
) -> tuple[Path | None, dict]:
    """Return the live generation to update (None to start afresh) and its manifest."""
    try:
        live = current_generation(root)
    except IndexUnavailable:
        return None, {}
    manifest = read_manifest(live)
    if full:
        return None, manifest
    damage = integrity.load(live).damage(live, every=True)  # every byte of every file
    if damage is not None:
        progress(f"index endommagé (fichier {damage.file}) : {REBUILT}")
        return None, manifest
    if not _intact(live, manifest):
        progress(f"live index {live.name} is unreadable: rebuilding it from scratch")
        return None, manifest
    if not _current_schema(live):
        progress(f"live index {live.name} has an older schema: rebuilding it from scratch")
        return None, manifest
    if manifest.get("analysis") != analysis:
        progress(f"index écrit par une autre version de l'analyse ({live.name}) : {REBUILT}")
        return None, manifest
    return live, manifest


def _current_schema(generation: Path) -> bool:
    """Tell whether a generation was written with this version's fields (names and kinds)."""
    try:
        schema = whoosh_index.open_dir(str(generation)).schema
    except Exception:  # a damaged index is not current either
        return False
    return _field_kinds(schema) == _field_kinds(build_schema())


def _field_kinds(schema) -> dict[str, type]:
    """Return each field's class: an ID field turned column needs a rebuild too."""
    return {name: type(schema[name]) for name in schema.names()}


def _intact(generation: Path, manifest: dict) -> bool:
    """Tell whether a generation opens and holds as many entries as its manifest records."""
    if not isinstance(manifest.get("files"), dict):
        return False
    try:
        with whoosh_index.open_dir(str(generation)).reader() as reader:
            return reader.doc_count() == manifest.get("entries")
    except Exception:  # whatever a damaged index raises (EOFError, UnpicklingError, …)
        return False
