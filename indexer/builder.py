"""Build the Whoosh index from newsletter files: incremental, atomic, with progress."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from indexer import derived, vocabulary, whoosh_speedups
from indexer.authority import default_authority
from indexer.corpus import newsletter_files
from indexer.entry import Entry, title_key
from indexer.extractor import Extraction, extract_file
from indexer.generations import (
    IndexUnavailable,
    build_lock,
    current_generation,
    discard,
    new_generation,
    publish,
    read_manifest,
    write_manifest,
)
from indexer.schema import VALUE_SEPARATOR, build_schema

Progress = Callable[[str], None]
PARALLEL_EXTRACTION_FILES = 8  # below this, starting a worker costs more than it saves

whoosh_speedups.install()


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


def duplicate_keys(entries: list[Entry]) -> dict[str, str]:
    """Give each entry of one issue the key that groups it with its copies in other issues.

    The key is the folded title and the year (a title reused for a later edition is
    another document); a title listed twice in the same issue (a session in a section
    and again in the Agenda) adds the section, so those two stay apart.
    """
    keys = {entry.id: f"{title_key(entry.title)}|{entry.year or ''}" for entry in entries}
    counts = Counter(keys.values())
    return {
        entry.id: keys[entry.id]
        + (f"#{title_key(entry.section)}" if counts[keys[entry.id]] > 1 else "")
        for entry in entries
    }


def entry_document(entry: Entry, added: float, dup_key: str = "") -> dict:
    """Return the index document of an entry: search text, facet values, the record."""
    record = entry.to_dict() | {"added": int(added)}
    return {
        "id": entry.id,
        "file": entry.file,
        "record": record,
        "section": entry.section,
        "publisher": VALUE_SEPARATOR.join(entry.publishers),
        "doc_type": entry.doc_type,
        "kind": entry.kind,
        "issue": entry.issue,
        "language": entry.language,
        "year": entry.year or 0,
        "year_key": str(entry.year) if entry.year else "",
        "title_sort": entry.title.casefold(),
        "dup_key": dup_key or f"{title_key(entry.title)}|{entry.year or ''}",
        "type_key": entry.doc_type,
        "section_text": entry.section,
        "issue_key": entry.issue,
        "title": entry.title,
        "authors": "; ".join(entry.authors),
        "publishers": "; ".join(entry.publishers),
        "source": entry.source,
        "description": entry.description,
    }


def file_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, to skip files that did not change."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_index(
    paths: Iterable[Path],
    root: Path,
    progress: Progress = lambda line: None,
    lock_timeout: float = 60.0,
    full: bool = False,
) -> BuildReport:
    """Bring the index under `root` up to date with the newsletters under `paths`.

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
            writer = index.writer(timeout=lock_timeout, procs=1, limitmb=256)
            try:
                for label in removed:
                    count = writer.delete_by_term("file", label)
                    report.removed += count
                    progress(f"{label}: {count} entries removed (file gone)")
                for label in replaced:
                    report.removed += writer.delete_by_term("file", label)
                extracted = _extractions(changed)
                for number, label in enumerate((label for _, label in files), start=1):
                    line = f"[{number}/{len(files)}] {label}: "
                    if states[label] == "unchanged":
                        progress(line + "unchanged")
                        continue
                    previous_added: dict = history.get(label, {}).get("added", {})
                    result = next(extracted)
                    report.warnings += result.warnings
                    now = int(time.time())
                    added = {}
                    keys = duplicate_keys(result.entries)
                    for entry in result.entries:
                        added[entry.id] = previous_added.get(entry.id, now)
                        document = entry_document(entry, added[entry.id], keys[entry.id])
                        writer.add_document(**document)
                        words.update(vocabulary.record_words(document["record"]))
                    report.added += len(result.entries)
                    progress(line + f"{len(result.entries)} entries ({states[label]})")
                    manifest_files[label] = {"sha256": digests[label], "added": added}
                writer.commit(optimize=False)
            except BaseException:
                writer.cancel()
                raise
            with index.reader() as reader:
                report.entries = reader.doc_count()
                derived.save(derived.compute(reader), generation)
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
        for label in deleted:
            for fields in searcher.documents(file=label):
                words.subtract(vocabulary.record_words(fields["record"]))
    return words


def _extract(file: tuple[Path, str]) -> Extraction:
    """Extract one newsletter file (run in a worker process for large builds)."""
    path, label = file
    return extract_file(path, label, default_authority())


def _extractions(files: list[tuple[Path, str]]) -> Iterator[Extraction]:
    """Yield the extraction of each file in order; many files are read in a worker process.

    The worker extracts the next files while this process analyses and writes the
    current one, so the two halves of a build overlap on a machine with two cores.
    """
    if len(files) < PARALLEL_EXTRACTION_FILES:
        yield from map(_extract, files)
        return
    with ProcessPoolExecutor(max_workers=1) as pool:
        yield from pool.map(_extract, files, chunksize=2)


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
    """Tell whether a generation was written with this version's fields."""
    try:
        names = set(whoosh_index.open_dir(str(generation)).schema.names())
    except Exception:  # a damaged index is not current either
        return False
    return names == set(build_schema().names())


def _intact(generation: Path, manifest: dict) -> bool:
    """Tell whether a generation opens and holds as many entries as its manifest records."""
    if not isinstance(manifest.get("files"), dict):
        return False
    try:
        with whoosh_index.open_dir(str(generation)).reader() as reader:
            return reader.doc_count() == manifest.get("entries")
    except Exception:  # whatever a damaged index raises (EOFError, UnpicklingError, …)
        return False
