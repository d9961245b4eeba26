"""Build the Whoosh index from newsletter files: incremental, atomic, with progress.

A build has three steps under the build lock: plan (which files are new, changed, removed
or unchanged against the live generation, and whether it is damaged: planning.py), write (a
new generation directory: segments, derived arrays, vocabulary, manifest, checksums; in this
process or in workers) and publish (one atomic rename of CURRENT). First, it removes what
earlier builds left: their unpublished directories, the generations retired long enough ago.
docs/index-layout.md describes what a generation holds.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.writing import MERGE_SMALL

from indexer.build import coverage, derived, frequent_postings, integrity, parallel, vocabulary
from indexer.build.documents import FileResult, index_file
from indexer.build.generations import (
    IndexUnavailable,
    Removed,
    build_lock,
    current_generation,
    discard,
    new_generation,
    publish,
    remove_old_generations,
    write_manifest,
)
from indexer.build.planning import BuildPlan, Progress, plan_build
from indexer.extraction.corpus import newsletter_files
from indexer.extraction.extractor import extract_file
from indexer.extraction.files import skip_warning
from indexer.schema import TEXT_FIELDS, build_schema
from indexer.whoosh_internals.segment_writer import FastSegmentWriter

PARALLEL_FILES = 8  # below this, starting worker processes costs more than they save
# Test hook: a build run with this variable set to one of PAUSE_STEPS stops for good at that
# step (after saying so on stderr), so that tests kill it at a known point instead of after
# a guessed delay. Unset, as everywhere but in those tests, it changes nothing.
PAUSE_VARIABLE = "VEILLE_BUILD_PAUSE_AT"
PAUSE_STEPS = ("generation", "file", "written", "publish", "published")


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
    old_generations: Removed = field(default_factory=Removed)  # what earlier builds left

    def summary(self) -> str:
        """Return the one-line summary printed at the end of a build."""
        return (
            f"{self.entries} entries in the index ({self.added} added, {self.removed} removed) "
            f"from {self.files} files ({self.skipped_files} unchanged), "
            f"{len(self.warnings)} warnings, {self.seconds:.2f} s"
        )


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
        report.old_generations = _remove_old(root, progress)
        plan = plan_build(root, files, full, progress)
        report.files = len(files)
        report.skipped_files = len(files) - len(plan.changed)
        if plan.up_to_date:
            _report_up_to_date(plan, report, progress)
        else:
            report.generation = _write_and_publish(
                root, plan, report, progress, lock_timeout, workers
            )
    report.seconds = time.perf_counter() - started
    return report


def _remove_old(root: Path, progress: Progress) -> Removed:
    """Remove what earlier builds left (a killed one's directory, retired generations)."""
    removed = remove_old_generations(root)
    if removed.generations:
        progress(removed_line(removed))
    return removed


def removed_line(removed: Removed) -> str:
    """Say in French how many old generations a build removed, and how much room it freed.

    >>> removed_line(Removed(2, 81_240_000))
    '2 anciennes générations supprimées (81,2 Mo)'
    """
    s = "s" if removed.generations > 1 else ""
    megabytes = f"{removed.bytes / 1e6:.1f}".replace(".", ",")
    return f"{removed.generations} ancienne{s} génération{s} supprimée{s} ({megabytes} Mo)"


def _report_up_to_date(plan: BuildPlan, report: BuildReport, progress: Progress) -> None:
    """Say that every file is unchanged: the live generation stays, no new one is written."""
    for number, (_, label) in enumerate(plan.files, start=1):
        progress(f"[{number}/{len(plan.files)}] {label}: unchanged")
    report.entries = plan.entries
    report.generation = plan.base.name if plan.base else ""
    progress(f"index up to date ({report.entries} entries)")


def _write_and_publish(
    root: Path,
    plan: BuildPlan,
    report: BuildReport,
    progress: Progress,
    lock_timeout: float,
    workers: int | None,
) -> str:
    """Write the new generation, then publish it; a failed build leaves no generation behind."""
    generation = new_generation(root, plan.base)
    try:
        pause_point("generation")
        GenerationWriter(plan, generation, report, progress).write(lock_timeout, workers)
        pause_point("publish")
        publish(root, generation)
        pause_point("published")
    except BaseException:
        if not _is_live(root, generation):
            discard(generation)
        raise
    return generation.name


class GenerationWriter:
    """Write step: a new generation's segments, derived arrays, vocabulary and manifest.

    File results arrive in this process, from the build itself or from the workers, in
    whatever order they finish; warnings are reported in file order all the same.
    """

    def __init__(
        self, plan: BuildPlan, generation: Path, report: BuildReport, progress: Progress
    ) -> None:
        self.plan = plan
        self.generation = generation
        self.report = report
        self.progress = progress
        self.done = 0  # files reported so far, unchanged ones included
        self.warned: dict[str, list[str]] = {}
        self.results: dict[str, int] = {}  # entries each indexed file yielded
        self.written: Counter = Counter()  # the added entries' words as written, folded once
        self.manifest_files = {k: v for k, v in plan.indexed.items() if k in plan.digests}
        self.kept: list[str] = []  # changed files that now yield nothing: old entries kept

    def write(self, lock_timeout: float, workers: int | None) -> None:
        """Write the whole generation: once this returns, it is ready to publish."""
        plan = self.plan
        index = (
            whoosh_index.open_dir(str(self.generation))
            if plan.base
            else whoosh_index.create_in(str(self.generation), build_schema())
        )
        words, replaced_words = _words_kept(index, plan.base, plan.removed, plan.replaced)
        self._write_segments(index, lock_timeout, workers)
        for label in self.kept:
            words.update(replaced_words[label])
        pause_point("written")
        with index.reader() as reader:
            documents = reader.doc_count()
            records = derived.stored_records(reader)
            arrays = derived.compute(reader, records)
            self.report.entries = len(arrays.live)
            self.report.warnings += repeated_entries(records, arrays.live)
            derived.save(arrays, self.generation)
            frequent_postings.save(reader, self.generation, TEXT_FIELDS)
            report = coverage.report_of(records, arrays)
            coverage.save(report, self.generation)
        words.update(vocabulary.fold_counts(self.written))
        vocabulary.save(words, self.generation)
        manifest = {
            "files": self.manifest_files,
            "entries": documents,  # as Whoosh counts them: planning.py checks it
            "analysis": self.plan.analysis,
        }
        write_manifest(self.generation, manifest)
        integrity.write(self.generation)  # last: it covers every file written before it

    def record(self, result: FileResult) -> None:
        """Take one file's result: progress line, counts, words and manifest entry."""
        self.done += 1
        self.warned[result.label] = result.warnings
        self.results[result.label] = result.entries
        self.report.added += result.entries
        self.written.update(result.words)
        layout = f" — {result.layout}" if result.layout else ""
        self.progress(
            f"[{self.done}/{len(self.plan.files)}] {result.label}: "
            f"{result.entries} entries ({self.plan.states[result.label]}){layout}"
        )
        self.manifest_files[result.label] = {
            "sha256": self.plan.digests[result.label],
            "added": result.added,
        }
        pause_point("file")

    def _write_segments(self, index, lock_timeout: float, workers: int | None) -> None:
        """Delete the entries of removed and changed files, index the changed ones, commit."""
        writer = FastSegmentWriter(index, timeout=lock_timeout, limitmb=256)
        try:
            self._delete_removed(writer)
            self._skip_unchanged()
            segments = self._index_changed(writer, int(time.time()), workers)
            # After indexing, which adds to new segments only: deleting a changed file's old
            # entries waits until its new text is known to hold some.
            self._delete_replaced(writer)
            for _, label in self.plan.changed:
                self.report.warnings += self.warned.get(label, [])
            # New segments go after the old ones, merged as Whoosh merges small ones.
            writer.commit(mergetype=lambda w, old: MERGE_SMALL(w, old) + segments)
        except BaseException:
            writer.cancel()
            raise

    def _delete_removed(self, writer: FastSegmentWriter) -> None:
        """Delete the entries of the files that are gone."""
        for label in self.plan.removed:
            count = writer.delete_by_term("file", label)
            self.report.removed += count
            self.progress(f"{label}: {count} entries removed (file gone)")

    def _delete_replaced(self, writer: FastSegmentWriter) -> None:
        """Delete the old entries of the changed files, unless the new text yields none.

        A newsletter copied again truncated, emptied or damaged is a failed copy, not a
        newsletter without entries: its old entries stay, and so does its old digest in
        the manifest, so that the next build reads the file again.
        """
        for label in self.plan.replaced:
            before = len(self.plan.added_before(label))
            if before and self.results[label] == 0:
                self.kept.append(label)
                self.manifest_files[label] = self.plan.indexed[label]
                self.report.warnings.append(
                    f"{label}:0: no entry in the new text: its {before} entries indexed "
                    "before are kept until it reads again"
                )
                continue
            self.report.removed += writer.delete_by_term("file", label)

    def _skip_unchanged(self) -> None:
        """Report the unchanged files first: their entries stay as the base holds them."""
        for _, label in self.plan.files:
            if self.plan.states[label] == "unchanged":
                self.done += 1
                self.progress(f"[{self.done}/{len(self.plan.files)}] {label}: unchanged")

    def _index_changed(self, writer: FastSegmentWriter, now: int, workers: int | None) -> list:
        """Index the changed files, in workers from PARALLEL_FILES on; return their segments."""
        changed = self.plan.changed
        processes = parallel.WORKERS if workers is None else workers
        if len(changed) >= PARALLEL_FILES and processes > 1:
            added = {label: self.plan.added_before(label) for _, label in changed}
            return parallel.index_in_parallel(
                self.generation, changed, added, now, self.record, processes
            )
        for path, label in changed:
            previous = self.plan.added_before(label)
            self.record(index_file(writer, path, label, previous, now, extract_file))
        return []


def repeated_entries(records: dict[int, dict], live: np.ndarray) -> list[str]:
    """Warn about the files whose entries another file already gives (derived.first_copies):
    the same issue twice, each entry counted once."""
    kept = {records[docnum]["id"]: records[docnum]["file"] for docnum in live.tolist()}
    alive = set(live.tolist())
    repeated: Counter = Counter()
    for docnum, record in records.items():
        if docnum not in alive:
            repeated[record["file"], kept[record["id"]]] += 1
    return [
        f"{label}:0: {count} entries repeat those of {first} (same issue, section and "
        "title): each counted once"
        for (label, first), count in sorted(repeated.items())
    ]


def pause_point(step: str) -> None:
    """Test hook: stop here until killed when $VEILLE_BUILD_PAUSE_AT names this step.

    The build says so on stderr first (`VEILLE_BUILD_PAUSE_AT: paused at <step>`), so that a
    test kills it there, at a known point, on a fast machine as on a slow one.
    """
    if os.environ.get(PAUSE_VARIABLE) != step:
        return
    print(f"{PAUSE_VARIABLE}: paused at {step}", file=sys.stderr, flush=True)
    threading.Event().wait()  # never set: only a signal ends the process here


def _words_kept(
    index, base: Path | None, removed: list[str], replaced: list[str]
) -> tuple[Counter, dict[str, Counter]]:
    """Return the base generation's word counts less the words of the removed and the
    replaced files, and the words of each replaced file (added back if it is kept)."""
    if base is None:
        return Counter(), {}
    with index.searcher() as searcher:
        words = vocabulary.load(base)
        if words is None:  # an index from before the counts were kept: count them all
            words = vocabulary.count_words(f["record"] for f in searcher.all_stored_fields())
        gone: dict[str, Counter] = {}
        for label in [*removed, *replaced]:
            gone[label] = Counter()
            for fields in searcher.documents(file=label):
                vocabulary.add_written_words(gone[label], fields["record"])
            gone[label] = vocabulary.fold_counts(gone[label])
            words.subtract(gone[label])
    return words, {label: gone[label] for label in replaced}


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
        if warning := skip_warning(path, label):  # not UTF-8, not a regular file, too large
            report.warnings.append(warning)
        elif label in files and files[label].resolve() != path.resolve():
            report.warnings.append(f"{label}:0: skipped: {files[label]} has the same name")
        else:
            files.setdefault(label, path)
    return [(path, label) for label, path in files.items()]
