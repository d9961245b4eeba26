"""Build the Whoosh index from newsletter files: incremental, atomic, with progress."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import MERGE_SMALL

from indexer.build import derived

from indexer.build import parallel

from indexer.build import vocabulary
from indexer.extraction.corpus import newsletter_files
from indexer.build.documents import FileResult, index_file
from indexer.extraction.extractor import extract_file
from indexer.build.generations import (
    IndexUnavailable,
    build_lock,
    current_generation,
    discard,
    new_generation,
    publish,
    read_manifest,
    write_manifest,
)
from indexer.schema import build_schema
from indexer.whoosh_internals.segment_writer import FastSegmentWriter

Progress = Callable[[str], None]
PARALLEL_FILES = 8  # below this, starting worker processes costs more than they save


@dataclass
class BuildReport:
    """What a build did, for the summary line and for tests."""

    entries: int = 0
    added: int = 0
    removed: int = 0
    files: int = 0
    skipped_files: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    generation: str = ""

    def summary(self) -> str:
        """Return the one-line summary printed at the end of a build."""
        return (
            f"{self.entries} entries in the index ({self.added} added, {self.removed} removed) "
            f"from {self.files} files ({self.skipped_files} unchanged), "
            f"{len(self.warnings)} warnings, {self.seconds:.2f} s"
        )


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, to skip files that did not change."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_index(
    paths: Iterable[Path],
    root: Path,
    progress: Progress = lambda line: None,
    lock_timeout: float = 60.0,
    full: bool = False,
    workers: int | None = None,
) -> BuildReport:
    """Bring the index under `root` up to date with the newsletters under `paths`.

    `workers` processes (parallel.WORKERS by default) share the files from PARALLEL_FILES
    changed files on; with 1, the build runs in this process (profiling sees every call).

    Changed and new files are (re)indexed, removed files' entries deleted, unchanged
    files skipped by content hash. The new generation goes live only once complete.
    """
    started = time.perf_counter()
    report = BuildReport()
    files = _readable_files(paths, report)
    with build_lock(root, lock_timeout):
        base, old = _starting_point(root, full, progress)
        # Files as the live index holds them; timestamps survive a full rebuild too.
        history: dict = old.get("files") if isinstance(old.get("files"), dict) else {}
        old_files = history if base else {}
        digests = {label: file_digest(path) for path, label in files}
        states = {label: _state(old_files.get(label), digest) for label, digest in digests.items()}
        changed = [(path, label) for path, label in files if states[label] != "unchanged"]
        removed = [label for label in old_files if label not in digests]
        report.files = len(files)
        report.skipped_files = len(files) - len(changed)
        if base and not changed and not removed:
            for number, (_, label) in enumerate(files, start=1):
                progress(f"[{number}/{len(files)}] {label}: unchanged")
            report.entries = old.get("entries", 0)
            report.generation = base.name
            progress(f"index up to date ({report.entries} entries)")
            report.seconds = time.perf_counter() - started
            return report
        generation = new_generation(root, base)
        try:
            index = (
                whoosh_index.open_dir(str(generation))
                if base
                else whoosh_index.create_in(str(generation), build_schema())
            )
            manifest_files = {k: v for k, v in old_files.items() if k in digests}
            replaced = [label for _, label in changed if label in old_files]
            words = _words_kept(index, base, [*removed, *replaced])
            written: Counter = Counter()  # the added entries' words as written, folded once
            writer = FastSegmentWriter(index, timeout=lock_timeout, limitmb=256)
            try:
                for label in removed:
                    count = writer.delete_by_term("file", label)
                    report.removed += count
                    progress(f"{label}: {count} entries removed (file gone)")
                for label in replaced:
                    report.removed += writer.delete_by_term("file", label)
                now = int(time.time())
                done = 0
                warned: dict[str, list[str]] = {}  # reported in file order, whoever ends first

                def record(result: FileResult) -> None:
                    nonlocal done
                    done += 1
                    warned[result.label] = result.warnings
                    report.added += result.entries
                    written.update(result.words)
                    progress(
                        f"[{done}/{len(files)}] {result.label}: "
                        f"{result.entries} entries ({states[result.label]})"
                    )
                    manifest_files[result.label] = {
                        "sha256": digests[result.label],
                        "added": result.added,
                    }

                for _, label in files:
                    if states[label] == "unchanged":
                        done += 1
                        progress(f"[{done}/{len(files)}] {label}: unchanged")
                segments = []
                processes = parallel.WORKERS if workers is None else workers
                if len(changed) >= PARALLEL_FILES and processes > 1:
                    added = {label: history.get(label, {}).get("added", {}) for _, label in changed}
                    segments = parallel.index_in_parallel(
                        generation, changed, added, now, record, processes
                    )
                else:
                    for path, label in changed:
                        previous = history.get(label, {}).get("added", {})
                        record(index_file(writer, path, label, previous, now, extract_file))
                for _, label in changed:
                    report.warnings += warned.get(label, [])
                # New segments go after the old ones, merged as Whoosh merges small ones.
                writer.commit(mergetype=lambda w, old: MERGE_SMALL(w, old) + segments)
            except BaseException:
                writer.cancel()
                raise
            with index.reader() as reader:
                report.entries = reader.doc_count()
                derived.save(derived.compute(reader), generation)
            words.update(vocabulary.fold_counts(written))
            vocabulary.save(words, generation)
            write_manifest(generation, {"files": manifest_files, "entries": report.entries})
            publish(root, generation)
        except BaseException:
            if not _is_live(root, generation):
                discard(generation)
            raise
    report.generation = generation.name
    report.seconds = time.perf_counter() - started
    return report


def _words_kept(index, base: Path | None, deleted: list[str]) -> Counter:
    """Return the base generation's word counts less the words of the files to delete."""
    if base is None:
        return Counter()
    with index.searcher() as searcher:
        words = vocabulary.load(base)
        if words is None:  # an index from before the counts were kept: count them all
            words = vocabulary.count_words(f["record"] for f in searcher.all_stored_fields())
        gone: Counter = Counter()
        for label in deleted:
            for fields in searcher.documents(file=label):
                vocabulary.add_written_words(gone, fields["record"])
    words.subtract(vocabulary.fold_counts(gone))
    return words


def _state(indexed: dict | None, digest: str) -> str:
    """Say what a file is to this build: new, changed, or unchanged (same bytes as indexed)."""
    if indexed is None:
        return "new"
    return "unchanged" if indexed.get("sha256") == digest else "changed"


def _is_live(root: Path, generation: Path) -> bool:
    """Tell whether CURRENT names `generation`."""
    try:
        return current_generation(root).name == generation.name
    except IndexUnavailable:
        return False


def _readable_files(paths: Iterable[Path], report: BuildReport) -> list[tuple[Path, str]]:
    """List the newsletter files under `paths`, warning about missing ones and clashing labels."""
    files: dict[str, Path] = {}
    for path, label in newsletter_files(paths):
        if not path.is_file():
            report.warnings.append(f"{label}:0: skipped: no such file")
        elif label in files and files[label].resolve() != path.resolve():
            report.warnings.append(f"{label}:0: skipped: {files[label]} has the same name")
        else:
            files.setdefault(label, path)
    return [(path, label) for label, path in files.items()]


def _starting_point(root: Path, full: bool, progress: Progress) -> tuple[Path | None, dict]:
    """Return the live generation to update (None to start afresh) and its manifest."""
    try:
        live = current_generation(root)
    except IndexUnavailable:
        return None, {}
    manifest = read_manifest(live)
    if full:
        return None, manifest
    if not _intact(live, manifest):
        progress(f"live index {live.name} is unreadable: rebuilding it from scratch")
        return None, manifest
    if not _current_schema(live):
        progress(f"live index {live.name} has an older schema: rebuilding it from scratch")
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
