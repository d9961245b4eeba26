"""The index builder: a full build of the seed, then incremental builds of what changed.

Expected counts come from reading the seed (77 items) and from the second issue built here out
of the seed's own text: its masthead, the two first sections and the Agenda (1 + 9 + 8 + 5 items).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from whoosh import fields
from whoosh import index as whoosh_index

from indexer.build import builder, fingerprint, integrity
from indexer.build.builder import build_index
from indexer.build.documents import entry_document
from indexer.build.fingerprint import analysis_fingerprint
from indexer.build.generations import (
    CHECKSUMS,
    CURRENT,
    PREFIX,
    current_generation,
    read_manifest,
    write_manifest,
)
from indexer.extraction.extractor import extract_file
from indexer.schema import build_schema
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.search import SearchService

SEED_ISSUE = "En quelques clics — Hors-Série #2 — octobre 2018"
SECOND_ISSUE = "En quelques clics — Hors-Série #3 — novembre 2018"
SEED_ENTRIES = 77
SECOND_ENTRIES = 23  # the item before the first section, 9 + 8 in two sections, 5 in the Agenda
LAYOUT = " — CGET issue"  # the layout each progress line names
KEPT_SECTIONS = {
    "",
    "Concevoir autrement les politiques publiques",
    "Le design de services publics",
    "Agenda",
}
DROPPED_SECTIONS = (
    "L'innovation, un levier pour les territoires",
    "Co-construction et démarche participative, source d'innovation",
    "Les lieux de l'innovation",
    "Diffuser et partager une culture de l'innovation",
)
RENAMED = ("► L'innovation publique en débat.", "► L'innovation publique en question.")


def second_issue(seed_text: str) -> str:
    """Return Hors-Série #3 / novembre 2018: the seed's masthead, two sections and the Agenda."""
    lines = seed_text.split("\n")
    start = lines.index(DROPPED_SECTIONS[0], 40)  # the heading, not its line in the summary
    agenda = max(i for i, line in enumerate(lines) if line == "Agenda")
    head = [line for line in lines[:start] if line.removeprefix("- ") not in DROPPED_SECTIONS]
    head = [{"Hors-Série #2": "Hors-Série #3", "octobre 2018": "novembre 2018"}.get(line, line)
            for line in head]  # fmt: skip
    return "\n".join(head + lines[agenda:])


def live_records(root: Path) -> dict[str, dict]:
    """Return the records of the live generation, by id."""
    with whoosh_index.open_dir(str(current_generation(root))).searcher() as searcher:
        return {fields["id"]: fields["record"] for fields in searcher.all_stored_fields()}


def generations(root: Path) -> list[str]:
    """Return the names of the generation directories under `root`."""
    return sorted(path.name for path in root.glob(f"{PREFIX}*"))


def build(paths: list[Path], root: Path, **options) -> tuple[builder.BuildReport, list[str]]:
    """Run a build and return its report with the progress lines it printed."""
    lines: list[str] = []
    report = build_index(paths, root, progress=lines.append, **options)
    return report, lines


def freeze_clock(monkeypatch: pytest.MonkeyPatch, now: int) -> None:
    """Make the builder (only) believe the time is `now`, for the "added" timestamps."""
    clock = SimpleNamespace(time=lambda: float(now), perf_counter=time.perf_counter)
    monkeypatch.setattr(builder, "time", clock)


@pytest.fixture
def corpus(tmp_path: Path, seed_path: Path) -> Path:
    """Return a folder holding a copy of the seed issue."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    return folder


@pytest.fixture
def second(corpus: Path, seed_text: str) -> Path:
    """Return where the second issue goes in the corpus (not written yet)."""
    return corpus / "2018-11_hors-serie-3.txt"


def test_seed_builds_into_77_entries(tmp_path: Path, seeds_dir: Path, seed_path: Path) -> None:
    root = tmp_path / "index"
    report, lines = build([seeds_dir], root)
    records = live_records(root)
    assert report.entries == report.added == len(records) == SEED_ENTRIES
    assert set(records) == {entry.id for entry in extract_file(seed_path).entries}
    assert {record["issue"] for record in records.values()} == {SEED_ISSUE}
    assert lines == [f"[1/1] {seed_path.name}: {SEED_ENTRIES} entries (new){LAYOUT}"]
    assert (root / CURRENT).read_text().strip() == report.generation
    manifest = read_manifest(root / report.generation)
    assert manifest["entries"] == SEED_ENTRIES
    assert set(manifest["files"][seed_path.name]["added"]) == set(records)


def test_rebuild_without_change_creates_no_generation(tmp_path: Path, corpus: Path) -> None:
    root = tmp_path / "index"
    first, _ = build([corpus], root)
    before = generations(root)
    report, lines = build([corpus], root)
    assert generations(root) == before
    assert report.generation == first.generation
    assert (report.entries, report.added, report.removed) == (SEED_ENTRIES, 0, 0)
    assert report.skipped_files == report.files == 1
    assert lines[-1] == f"index up to date ({SEED_ENTRIES} entries)"
    assert lines[0].endswith(": unchanged")


def test_touched_file_with_same_bytes_is_skipped(tmp_path: Path, corpus: Path) -> None:
    root = tmp_path / "index"
    first, _ = build([corpus], root)
    for path in corpus.iterdir():
        later = time.time() + 3600
        os.utime(path, (later, later))
        path.write_bytes(path.read_bytes())  # rewritten, same content
    report, lines = build([corpus], root)
    assert report.generation == first.generation
    assert report.added == 0
    assert lines[-1].startswith("index up to date")


def test_changed_file_alone_is_reindexed_and_unchanged_entries_keep_added(
    tmp_path: Path, corpus: Path, second: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "index"
    second.write_text(second_issue(seed_text), encoding="utf-8")
    freeze_clock(monkeypatch, 1_600_000_000)
    build([corpus], root)
    before = live_records(root)
    assert len(before) == SEED_ENTRIES + SECOND_ENTRIES

    old_title, new_title = RENAMED
    text = second.read_text(encoding="utf-8")
    assert text.count(old_title) == 1
    second.write_text(text.replace(old_title, new_title), encoding="utf-8")
    freeze_clock(monkeypatch, 1_700_000_000)
    report, lines = build([corpus], root)

    seed_name = next(p.name for p in corpus.iterdir() if p != second)
    assert lines == [
        f"[1/2] {seed_name}: unchanged",  # files come in name order: 2018-10_… before 2018-11_…
        f"[2/2] {second.name}: {SECOND_ENTRIES} entries (changed){LAYOUT}",
    ]
    assert (report.added, report.removed, report.skipped_files) == (23, 23, 1)
    after = live_records(root)
    assert len(after) == SEED_ENTRIES + SECOND_ENTRIES
    gone, new = set(before) - set(after), set(after) - set(before)
    assert [before[i]["title"] for i in gone] == ["L'innovation publique en débat"]
    assert [after[i]["title"] for i in new] == ["L'innovation publique en question"]
    assert after[new.pop()]["added"] == 1_700_000_000
    assert {record["added"] for i, record in after.items() if i in before} == {1_600_000_000}
    manifest = read_manifest(current_generation(root))
    assert manifest["files"][second.name]["added"] == {i: r["added"] for i, r in after.items()
                                                      if r["file"] == second.name}  # fmt: skip


def test_second_issue_adds_its_entries(
    tmp_path: Path, corpus: Path, second: Path, seed_text: str, seed_path: Path
) -> None:
    root = tmp_path / "index"
    build([corpus], root)
    second.write_text(second_issue(seed_text), encoding="utf-8")
    report, lines = build([corpus], root)
    assert lines == [
        f"[1/2] {seed_path.name}: unchanged",
        f"[2/2] {second.name}: {SECOND_ENTRIES} entries (new){LAYOUT}",
    ]
    assert report.entries == SEED_ENTRIES + SECOND_ENTRIES
    added = [r for r in live_records(root).values() if r["file"] == second.name]
    assert {r["issue"] for r in added} == {SECOND_ISSUE}
    seed_titles = [e.title for e in extract_file(seed_path).entries if e.section in KEPT_SECTIONS]
    assert sorted(r["title"] for r in added) == sorted(seed_titles)


def test_removed_file_takes_its_entries_away(
    tmp_path: Path, corpus: Path, second: Path, seed_text: str
) -> None:
    root = tmp_path / "index"
    second.write_text(second_issue(seed_text), encoding="utf-8")
    build([corpus], root)
    second.unlink()
    report, lines = build([corpus], root)
    assert f"{second.name}: {SECOND_ENTRIES} entries removed (file gone)" in lines
    assert (report.entries, report.removed, report.added) == (SEED_ENTRIES, SECOND_ENTRIES, 0)
    records = live_records(root)
    assert len(records) == SEED_ENTRIES
    assert {record["issue"] for record in records.values()} == {SEED_ISSUE}
    assert second.name not in read_manifest(current_generation(root))["files"]


def test_full_rebuilds_from_scratch_and_keeps_added(
    tmp_path: Path, corpus: Path, second: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "index"
    second.write_text(second_issue(seed_text), encoding="utf-8")
    freeze_clock(monkeypatch, 1_600_000_000)
    build([corpus], root)
    second.write_text(second.read_text(encoding="utf-8").replace(*RENAMED), encoding="utf-8")
    incremental, _ = build([corpus], root)
    with whoosh_index.open_dir(str(root / incremental.generation)).reader() as reader:
        assert reader.has_deletions()  # the incremental build deleted the changed file's entries
    before = live_records(root)

    freeze_clock(monkeypatch, 1_700_000_000)
    report, lines = build([corpus], root, full=True)
    assert report.generation != incremental.generation
    assert (report.added, report.removed, report.skipped_files) == (100, 0, 0)
    assert len(lines) == 2 and all(line.endswith(f"(new){LAYOUT}") for line in lines)
    with whoosh_index.open_dir(str(root / report.generation)).reader() as reader:
        assert not reader.has_deletions()
        assert reader.doc_count_all() == SEED_ENTRIES + SECOND_ENTRIES
    after = live_records(root)
    assert {i: r["added"] for i, r in after.items()} == {i: r["added"] for i, r in before.items()}


def test_missing_named_file_is_a_warning(tmp_path: Path, seed_path: Path) -> None:
    report, lines = build([seed_path, tmp_path / "absent.txt"], tmp_path / "index")
    assert report.warnings == ["absent.txt:0: skipped: no such file"]
    assert report.entries == SEED_ENTRIES
    assert lines == [f"[1/1] {seed_path.name}: {SEED_ENTRIES} entries (new){LAYOUT}"]


def test_a_changed_file_that_yields_nothing_keeps_its_entries(
    tmp_path: Path, corpus: Path, seed_text: str
) -> None:
    root = tmp_path / "index"
    build([corpus], root)
    copy = next(corpus.iterdir())
    digest = read_manifest(current_generation(root))["files"][copy.name]["sha256"]
    for damaged in ("", seed_text[:200]):  # emptied; cut before its first entry
        copy.write_text(damaged, encoding="utf-8")
        report, _ = build([corpus], root)
        assert report.entries == len(live_records(root)) == SEED_ENTRIES
        assert report.removed == 0
        assert any("entries indexed before are kept" in w for w in report.warnings)
        assert read_manifest(current_generation(root))["files"][copy.name]["sha256"] == digest
    copy.write_text(seed_text, encoding="utf-8")  # copied again whole: nothing to do
    _, lines = build([corpus], root)
    assert lines == [f"[1/1] {copy.name}: unchanged", f"index up to date ({SEED_ENTRIES} entries)"]


def test_the_same_issue_in_two_files_is_counted_once(
    tmp_path: Path, corpus: Path, seed_text: str
) -> None:
    root = tmp_path / "index"
    first = next(corpus.iterdir())
    copy = corpus / "copie-du-numero.md"  # sorts after the seed's dated name
    copy.write_text(seed_text, encoding="utf-8")
    report, _ = build([corpus], root)
    assert report.entries == SEED_ENTRIES
    assert report.warnings == [
        f"{copy.name}:0: {SEED_ENTRIES} entries repeat those of {first.name} "
        "(same issue, section and title): each counted once"
    ]
    build([first], tmp_path / "alone")
    alone = SearchService(tmp_path / "alone").search(SearchRequest(facet_size=100))
    service = SearchService(root)
    everything = service.search(SearchRequest(facet_size=100))
    assert everything.total == SEED_ENTRIES
    assert everything.facets == alone.facets
    assert service.coverage_api()["total"] == SEED_ENTRIES
    assert not any(hit.also_in for hit in everything.hits)
    entry = everything.hits[0].id
    assert service.entry(entry)["file"] == first.name
    service.close()

    first.unlink()  # the copy's entries are the entries now
    report, _ = build([corpus], root)
    assert (report.entries, report.warnings) == (SEED_ENTRIES, [])
    service = SearchService(root)
    assert service.entry(entry)["file"] == copy.name
    service.close()


def test_copies_in_two_issues_group_unless_their_publishers_differ(
    tmp_path: Path, corpus: Path, seed_text: str
) -> None:
    rameau = "LE RAMEAU (laboratoire de recherche appliqué"
    assert seed_text.count(rameau) == 1
    other = seed_text.replace("Hors-Série #2", "Hors-Série #3").replace(
        rameau, "Institut Godin (laboratoire de recherche appliqué"
    )
    (corpus / "2018-11_hors-serie-3.txt").write_text(other, encoding="utf-8")
    build([corpus], tmp_path / "index")
    service = SearchService(tmp_path / "index")
    for title, listed in (("Co-construction territoriale", 2), ("Ensemble, accélérons !", 1)):
        hits = service.search(SearchRequest(q=f'title:"{title}"')).hits
        assert [hit.title for hit in hits] == [title] * listed
        assert [len(hit.also_in) for hit in hits] == [2 - listed] * listed
    service.close()


def test_a_first_build_without_any_entry_publishes_an_empty_index(
    tmp_path: Path, seed_path: Path
) -> None:
    folder = tmp_path / "unreadable"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4 not a PDF")
    root = tmp_path / "index"
    report, _ = build([folder], root)
    assert (report.entries, len(report.warnings)) == (0, 2)
    service = SearchService(root)
    assert service.search(SearchRequest()).total == 0
    assert service.coverage_api()["total"] == 0
    service.close()
    report, _ = build([folder, seed_path], root)  # the next build starts from the empty one
    assert report.added == report.entries == SEED_ENTRIES


# Whoosh leaves the damaged segment's file open when it fails to read it.
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <_io.FileIO:pytest.PytestUnraisableExceptionWarning"
)
def test_unreadable_live_index_is_rebuilt_not_trusted(tmp_path: Path, corpus: Path) -> None:
    root = tmp_path / "index"
    first, _ = build([corpus], root)
    (root / first.generation / CHECKSUMS).unlink()  # written before checksums: opened to check
    for segment in (root / first.generation).glob("*.seg"):
        os.truncate(segment, segment.stat().st_size // 2)
    report, lines = build([corpus], root)
    assert lines[0] == f"live index {first.generation} is unreadable: rebuilding it from scratch"
    assert report.generation != first.generation
    assert report.added == report.entries == len(live_records(root)) == SEED_ENTRIES


def test_failed_build_publishes_nothing_and_leaves_no_generation(
    tmp_path: Path, corpus: Path, second: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "index"
    first, _ = build([corpus], root)
    second.write_text(second_issue(seed_text), encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("extractor crashed")

    monkeypatch.setattr(builder, "extract_file", broken)
    with pytest.raises(RuntimeError, match="extractor crashed"):
        build([corpus], root)
    assert generations(root) == [first.generation]
    assert current_generation(root).name == first.generation
    assert len(live_records(root)) == SEED_ENTRIES


def test_an_index_whose_fields_changed_kind_is_rebuilt_from_scratch(tmp_path, seed_path):
    root = tmp_path / "index"
    build_index([seed_path], root)
    live = current_generation(root)
    older = build_schema()
    older.remove("id")
    older.add("id", fields.ID(stored=True, unique=True))  # how ids were indexed before
    old = whoosh_index.create_in(str(live), older)  # the same names, one kind changed
    (live / CHECKSUMS).unlink()  # as an older version wrote it: without checksums
    with old.writer() as writer:
        for entry in extract_file(seed_path, seed_path.name).entries:
            writer.add_document(**entry_document(entry, 0))
    lines: list[str] = []
    build_index([seed_path], root, progress=lines.append)
    assert any("older schema: rebuilding it from scratch" in line for line in lines)
    assert current_generation(root) != live


def test_an_index_written_by_another_analysis_is_rebuilt_and_keeps_its_dates(tmp_path, seed_path):
    root = tmp_path / "index"
    build_index([seed_path], root)
    live = current_generation(root)
    manifest = read_manifest(live)
    del manifest["analysis"]  # as a veille with other stems or word lists wrote it
    write_manifest(live, manifest)
    integrity.write(live)
    lines: list[str] = []
    report = build_index([seed_path], root, progress=lines.append)
    assert any("autre version de l'analyse" in line for line in lines)
    assert report.added == SEED_ENTRIES
    rebuilt = read_manifest(current_generation(root))
    assert rebuilt["analysis"] == analysis_fingerprint()
    assert rebuilt["files"][seed_path.name]["added"] == manifest["files"][seed_path.name]["added"]


def test_the_analysis_fingerprint_follows_the_word_lists(monkeypatch):
    before = fingerprint.analysis_fingerprint.__wrapped__()
    read_bytes = Path.read_bytes

    def edited(path: Path) -> bytes:
        extra = b"\nterritoire = territoire\n" if path.name == "stem_exclusions.txt" else b""
        return read_bytes(path) + extra

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert fingerprint.analysis_fingerprint.__wrapped__() != before


def test_the_analysis_fingerprint_follows_the_stemmers_version(monkeypatch):
    before = fingerprint.analysis_fingerprint.__wrapped__()
    version = fingerprint.metadata.version
    monkeypatch.setattr(
        fingerprint.metadata, "version", lambda name: "99" if name == "nltk" else version(name)
    )
    assert fingerprint.analysis_fingerprint.__wrapped__() != before


def test_the_analysis_fingerprint_leaves_the_builds_own_code_out(monkeypatch):
    before = fingerprint.analysis_fingerprint.__wrapped__()
    read_bytes = Path.read_bytes

    def edited(path: Path) -> bytes:
        return read_bytes(path) + (b"\n# a comment\n" if path.name == "coverage.py" else b"")

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert fingerprint.analysis_fingerprint.__wrapped__() == before
