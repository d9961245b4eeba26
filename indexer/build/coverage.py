"""What the corpus covers: counts by section and year, and by each reported facet; data quality.

Computed by the build from the records of the generation it writes, so the numbers are
those a search shows, and stored beside the index (`coverage.json`): reading 100,000
records back took seconds, too long for the first visit of a page after each build.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzers import fold
from indexer.build.derived import Derived
from indexer.facet_specs import REPORTED

NO_SECTION = "(avant la première section)"
DATED_KINDS = {"publication", "event"}
COVERAGE = "coverage.json"
BRIEF = ("id", "title", "issue", "section", "year")  # what the report shows of an entry


@dataclass
class Coverage:
    """The coverage report: tables of counts and the data-quality lists."""

    total: int
    sections: list[str]
    years: list[int]
    section_year: dict[str, dict[int | None, int]]
    section_totals: dict[str, int]
    year_totals: dict[int | None, int]
    counts: dict[str, list[tuple[str, int]]]  # facet key -> (value, entries), the largest first
    without_year: list[dict] = field(default_factory=list)
    without_publisher: list[dict] = field(default_factory=list)
    without_type: list[dict] = field(default_factory=list)
    duplicates: list[list[dict]] = field(default_factory=list)
    folded_variants: list[tuple[str, list[str]]] = field(default_factory=list)

    def to_api(self) -> dict:
        """Return the report's JSON, as the build stores it: /api/coverage is this with each
        data-quality list cut to its first items (search_ui.engine.quality_pages)."""
        return {
            "total": self.total,
            "section_year": [
                {
                    "section": section,
                    "years": {_year_key(y): n for y, n in self.section_year[section].items()},
                    "total": self.section_totals[section],
                }
                for section in self.sections
            ],
            "years": {_year_key(y): n for y, n in self.year_totals.items()},
            **{spec.api: dict(self.counts[spec.key]) for spec in REPORTED},
            "quality": self.quality(),
        }

    def quality(self) -> dict[str, list]:
        """Return the data-quality lists by name, their items as the JSON writes them."""
        return {
            "without_year": self.without_year,
            "without_publisher": self.without_publisher,
            "without_type": self.without_type,
            "duplicates": self.duplicates,
            "folded_variants": [
                {"publisher": name, "spellings": spellings}
                for name, spellings in self.folded_variants
            ],
        }

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> Coverage:
        """Rebuild the report from its JSON (what the build stored)."""
        quality = data["quality"]
        section_year = {
            row["section"]: {_year_of(y): n for y, n in row["years"].items()}
            for row in data["section_year"]
        }
        year_totals = {_year_of(y): n for y, n in data["years"].items()}
        return cls(
            total=data["total"],
            sections=list(section_year),
            years=sorted(y for y in year_totals if y is not None),
            section_year=section_year,
            section_totals={row["section"]: row["total"] for row in data["section_year"]},
            year_totals=year_totals,
            counts={spec.key: list(data[spec.api].items()) for spec in REPORTED},
            without_year=quality["without_year"],
            without_publisher=quality["without_publisher"],
            without_type=quality["without_type"],
            duplicates=quality["duplicates"],
            folded_variants=[(v["publisher"], v["spellings"]) for v in quality["folded_variants"]],
        )


def brief(record: dict) -> dict:
    """Return what the report keeps of an entry: enough to name it and link to it."""
    return {key: record[key] for key in BRIEF}


def _year_of(key: str) -> int | None:
    """Read back a year JSON key ("null" for entries without a year)."""
    return None if key == "null" else int(key)


def _year_key(year: int | None) -> str:
    """Return a year as a JSON key; entries without a year count under "null"."""
    return "null" if year is None else str(year)


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    """Order counts from the largest, ties alphabetically."""
    return sorted(counter.items(), key=lambda item: (-item[1], fold(str(item[0]))))


def _counted(
    records: list[dict], copies: list[str], values: Callable[[dict], Iterable[object]]
) -> Counter:
    """Count the records under each of their values, a group of copies once per value."""
    return Counter(
        value
        for value, _ in {
            (value, group)
            for record, group in zip(records, copies, strict=True)
            for value in values(record)
        }
    )


def coverage(
    records: list[dict], duplicates: list[list[dict]], copies: list[str] | None = None
) -> Coverage:
    """Compute the coverage report of a set of records and their suspected duplicates.

    The duplicates are groups of records whose titles are the same or nearly so, found
    by the build (indexer.build.near_duplicates): comparing titles here was quadratic.
    `copies` names each record's group of copies (the same document listed by several
    issues): a group counts once in a total or a cell, as a search lists it, so that each
    number is the number of results of the search it leads to. The data-quality lists
    name every entry, copies included: each is to be mended.
    """
    copies = copies or [str(n) for n in range(len(records))]
    sections = list(dict.fromkeys(r["section"] or NO_SECTION for r in records))
    cells = _counted(records, copies, lambda r: [(r["section"] or NO_SECTION, r["year"])])
    section_year: dict[str, dict[int | None, int]] = {section: {} for section in sections}
    for (section, year), count in cells.items():
        section_year[section][year] = count
    section_totals = _counted(records, copies, lambda r: [r["section"] or NO_SECTION])
    year_totals = _counted(records, copies, lambda r: [r["year"]])
    years = sorted(y for y in year_totals if y is not None)
    spellings: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for canonical, written in zip(
            record["publishers"], record.get("publishers_as_written", []), strict=False
        ):
            spellings[canonical].add(written)
    return Coverage(
        total=len(set(copies)),
        sections=sections,
        years=years,
        section_year=section_year,
        section_totals={s: section_totals[s] for s in sections},
        year_totals=dict(year_totals),
        counts={
            spec.key: _ranked(_counted(records, copies, spec.record_values)) for spec in REPORTED
        },
        without_year=[brief(r) for r in records if r["year"] is None and r["kind"] in DATED_KINDS],
        without_publisher=[brief(r) for r in records if not r["publishers"]],
        without_type=[brief(r) for r in records if r["doc_type"] in ("", "autre")],
        duplicates=[[brief(r) for r in group] for group in duplicates],
        folded_variants=sorted(
            (name, sorted(forms)) for name, forms in spellings.items() if len(forms) > 1
        ),
    )


def report_of(records: Mapping[int, dict], derived: Derived) -> Coverage:
    """Compute the report of a generation: its records by document number, and what the
    build derived of them (live documents, groups of copies, near-duplicate titles)."""
    live = derived.live.tolist()
    group_of = {d: n for n, group in enumerate(derived.copy_groups()) for d in group.tolist()}
    copies = [f"g{group_of[d]}" if d in group_of else f"d{d}" for d in live]
    near = [[records[d] for d in group.tolist()] for group in derived.near_duplicates()]
    return coverage([records[d] for d in live], near, copies)


def save(report: Coverage, generation: Path) -> None:
    """Write the report into a generation that is not live yet."""
    temporary = generation / f".{COVERAGE}.tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(report.to_api(), out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    temporary.replace(generation / COVERAGE)


def load(generation: Path, total: int) -> Coverage | None:
    """Read a generation's report; None when absent, damaged or not for this index."""
    try:
        with open(generation / COVERAGE, encoding="utf-8") as file:
            report = Coverage.from_api(json.load(file))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return report if report.total == total else None
