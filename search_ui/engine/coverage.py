"""What the corpus covers: counts by section and year, and by each reported facet; data quality.

Computed from the records of the live index, so the numbers are those a search shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from analyzers import fold
from indexer.facet_specs import REPORTED

NO_SECTION = "(avant la première section)"
DATED_KINDS = {"publication", "event"}


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
        """Return the JSON of /api/coverage."""

        def brief(record: dict) -> dict:
            return {k: record[k] for k in ("id", "title", "issue", "section", "year")}

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
            "quality": {
                "without_year": [brief(r) for r in self.without_year],
                "without_publisher": [brief(r) for r in self.without_publisher],
                "without_type": [brief(r) for r in self.without_type],
                "duplicates": [[brief(r) for r in group] for group in self.duplicates],
                "folded_variants": [
                    {"publisher": name, "spellings": spellings}
                    for name, spellings in self.folded_variants
                ],
            },
        }


def _year_key(year: int | None) -> str:
    """Return a year as a JSON key; entries without a year count under "null"."""
    return "null" if year is None else str(year)


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    """Order counts from the largest, ties alphabetically."""
    return sorted(counter.items(), key=lambda item: (-item[1], fold(str(item[0]))))


def coverage(records: list[dict], duplicates: list[list[dict]]) -> Coverage:
    """Compute the coverage report of a set of records and their suspected duplicates.

    The duplicates are groups of records whose titles are the same or nearly so, found
    by the build (indexer.build.near_duplicates): comparing titles here was quadratic.
    """
    section_year: dict[str, Counter] = defaultdict(Counter)
    sections: list[str] = []
    for record in records:
        section = record["section"] or NO_SECTION
        if section not in section_year:
            sections.append(section)
        section_year[section][record["year"]] += 1
    year_totals: Counter = Counter(record["year"] for record in records)
    years = sorted(y for y in year_totals if y is not None)
    spellings: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for canonical, written in zip(
            record["publishers"], record.get("publishers_as_written", []), strict=False
        ):
            spellings[canonical].add(written)
    return Coverage(
        total=len(records),
        sections=sections,
        years=years,
        section_year={s: dict(c) for s, c in section_year.items()},
        section_totals={s: sum(c.values()) for s, c in section_year.items()},
        year_totals=dict(year_totals),
        counts={
            spec.key: _ranked(Counter(v for r in records for v in spec.record_values(r)))
            for spec in REPORTED
        },
        without_year=[r for r in records if r["year"] is None and r["kind"] in DATED_KINDS],
        without_publisher=[r for r in records if not r["publishers"]],
        without_type=[r for r in records if r["doc_type"] in ("", "autre")],
        duplicates=duplicates,
        folded_variants=sorted(
            (name, sorted(forms)) for name, forms in spellings.items() if len(forms) > 1
        ),
    )
