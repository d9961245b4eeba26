"""Issue 16, row 11: two newsletters pasted into one file are read as two issues.

Before the fix the first issue's footer cut the rest of the file: 77 entries, exit 0, no
warning, the second issue silently dropped. A second masthead now starts a second issue:
its entries carry its own label and the sections of its own Sommaire or headings, as if it
were alone in a file (its lines numbered where they are in the file), and a warning says
where it begins. The seed alone is read as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extraction.entry import Entry
from indexer.extraction.extractor import Extraction, extract_file
from tests.indexer.bulletin_fixtures import ANCT_SECTIONS, CGET_ISSUE, Expected, as_text

SEED_ISSUE = "En quelques clics — Hors-Série #2 — octobre 2018"
COPY_ISSUE = "En quelques clics — Hors-Série #3 — novembre 2018"


def another_number(seed_text: str) -> str:
    """Return the seed as the next issue: another number and date, the same entries."""
    assert seed_text.count("Hors-Série #2\noctobre 2018\n") == 1
    return seed_text.replace("Hors-Série #2\noctobre 2018\n", "Hors-Série #3\nnovembre 2018\n")


def pasted(folder: Path, name: str, *texts: str) -> tuple[Path, list[int]]:
    """Write texts one after the other in one file; return it and the line each starts on."""
    parts = [text.rstrip("\n") + "\n" for text in texts]
    starts = [1 + sum(part.count("\n") + 1 for part in parts[:n]) for n in range(len(parts))]
    path = folder / name
    path.write_text("\n".join(parts), encoding="utf-8")
    return path, starts


def first_printed(text: str) -> int:
    """Return how many lines a text has before its first printed one (its masthead's title)."""
    return next(n for n, line in enumerate(text.split("\n")) if line.strip())


def alone(folder: Path, name: str, text: str) -> Extraction:
    """Extract one text alone in a file."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path)


def moved(entry: Entry, file: str, offset: int) -> dict:
    """Return an entry's record as it reads in another file, `offset` lines further down."""
    return entry.to_dict() | {"file": file, "line": entry.line + offset}


def test_the_seed_alone_is_one_issue(seed_path: Path) -> None:
    result = extract_file(seed_path)
    assert len(result.entries) == 77
    assert [report.issue for report in result.files] == [SEED_ISSUE]
    assert result.warnings == []


def test_a_second_cget_issue_after_the_seed(tmp_path: Path, seed_text: str) -> None:
    copy = another_number(seed_text)
    path, starts = pasted(tmp_path, "two.txt", seed_text, copy)
    result = extract_file(path)
    first = alone(tmp_path, "first.txt", seed_text).entries
    second = alone(tmp_path, "second.txt", copy).entries
    assert [entry.to_dict() for entry in result.entries] == [
        *(moved(entry, "two.txt", 0) for entry in first),
        *(moved(entry, "two.txt", starts[1] - 1) for entry in second),
    ]
    assert len(result.entries) == 2 * 77
    assert {entry.issue for entry in result.entries[77:]} == {COPY_ISSUE}
    assert [(report.issue, report.entries) for report in result.files] == [
        (SEED_ISSUE, 77),
        (COPY_ISSUE, 77),
    ]
    begins = [warning for warning in result.warnings if "another issue" in warning]
    assert begins == [
        f"two.txt:{starts[1] + first_printed(copy)}: another issue begins here ({COPY_ISSUE}): "
        "read as an issue of its own"
    ]


@pytest.mark.parametrize("fixture", [ANCT_SECTIONS, CGET_ISSUE], ids=lambda f: f.name)
def test_a_bulletin_after_the_seed(tmp_path: Path, seed_text: str, fixture) -> None:
    path, starts = pasted(tmp_path, "two.txt", seed_text, as_text(fixture.blocks))
    result = extract_file(path)
    seed, rest = result.entries[:77], result.entries[77:]
    assert [entry.to_dict() for entry in seed] == [
        moved(entry, "two.txt", 0) for entry in alone(tmp_path, "seed.txt", seed_text).entries
    ]
    assert [Expected.of(entry) for entry in rest] == list(fixture.expected)
    assert {entry.issue for entry in rest} == {fixture.issue}
    assert [report.layout.key for report in result.files] == ["cget-issue", fixture.layout]
    assert result.warnings == [
        f"two.txt:{starts[1]}: another issue begins here ({fixture.issue}): "
        "read as an issue of its own"
    ]


def test_the_same_issue_pasted_twice_gives_its_entries_once(tmp_path: Path, seed_text: str) -> None:
    path, _ = pasted(tmp_path, "twice.txt", seed_text, seed_text)
    result = extract_file(path)
    assert [entry.id for entry in result.entries] == [
        entry.id for entry in alone(tmp_path, "seed.txt", seed_text).entries
    ]
    duplicates = [warning for warning in result.warnings if "duplicate of an earlier" in warning]
    assert len(duplicates) == 77
