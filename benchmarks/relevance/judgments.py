"""The information needs and their graded judgments, read from the two TSV files beside.

needs.tsv holds one need a line (need, kind, half, query, what the user wants);
judgments.tsv the grades 1 and 2 of each need, an entry a line (need, grade, entry id,
the title's start for the reader). Lines starting with "#" are comments.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEEDS = HERE / "needs.tsv"
JUDGMENTS = HERE / "judgments.tsv"
KINDS = (
    "topic",
    "morphology",
    "typo",
    "unaccented",
    "english",
    "acronym",
    "place",
    "unanswerable",
)
UNANSWERABLE = "unanswerable"  # needs the seed has nothing for: no grade above 0
HALVES = ("dev", "held-out")


@dataclass(frozen=True)
class Judged:
    """One entry graded for one need: its id, grade and the title's start as written."""

    entry: str
    grade: int
    title: str


@dataclass
class Need:
    """An information need: the query a user types and the grades of the entries."""

    need: str
    kind: str
    half: str
    query: str
    description: str
    judged: list[Judged] = field(default_factory=list)

    @property
    def grades(self) -> dict[str, int]:
        """Return entry id -> grade for the entries graded above 0."""
        return {judged.entry: judged.grade for judged in self.judged}

    @property
    def answerable(self) -> bool:
        """Say whether the seed holds anything for this need."""
        return self.kind != UNANSWERABLE


def _rows(path: Path) -> list[dict[str, str]]:
    """Return the rows of a TSV file with a header line, comments skipped."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def load(needs: Path = NEEDS, judgments: Path = JUDGMENTS) -> list[Need]:
    """Read the needs in file order, each with its judged entries; raise ValueError on a
    line that names an unknown need, kind or half, or a grade other than 1 or 2."""
    loaded: dict[str, Need] = {}
    for row in _rows(needs):
        if row["kind"] not in KINDS or row["half"] not in HALVES:
            raise ValueError(f"{needs.name}: {row['need']}: unknown kind or half")
        if row["need"] in loaded:
            raise ValueError(f"{needs.name}: {row['need']} is listed twice")
        loaded[row["need"]] = Need(
            row["need"], row["kind"], row["half"], row["query"], row["need_description"]
        )
    for row in _rows(judgments):
        need = loaded.get(row["need"])
        if need is None:
            raise ValueError(f"{judgments.name}: unknown need {row['need']!r}")
        if row["grade"] not in ("1", "2"):
            raise ValueError(f"{judgments.name}: {row['need']}: grade {row['grade']!r}")
        need.judged.append(Judged(row["entry"], int(row["grade"]), row["title"]))
    return list(loaded.values())
