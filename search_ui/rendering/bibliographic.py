"""What citation formats share: the type table, person names, journal titles, page ranges.

The exports (BibTeX, RIS, CSL-JSON), the COinS spans and the feeds read an entry record
through these helpers, so that a document type or a name is read the same way everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from indexer.extraction.doctypes import VOCABULARY
from indexer.extraction.names import first_names
from indexer.facet_specs import facet

OPENURL_FORMATS = ("book", "journal", "dissertation")
_COLUMNS = ("doc_type", "label", "bibtex", "ris", "csl", "openurl", "genre")
_INITIAL = re.compile(r"^[A-ZÀ-Ý]\.(?:-[A-ZÀ-Ý]\.)?$")
# Where a source line stops naming its journal: the number, the date or the pages begin.
_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre|printemps|été|ete|automne|hiver"
)
_JOURNAL_END = re.compile(
    rf",\s*(?=\d|#|n\s*°|no\b|vol|suppl|hors|p\.|pp\.|(?:{_MONTHS})\b)"
    r"|\s+\(?(?:n\s*°\s*|#)\d"
    r"|\.\s+\d+\s*p\b",
    re.IGNORECASE,
)
_PAGE_RANGE = re.compile(r"\bpp?\.\s*(\d+)\s*[-–]\s*(\d+)")


@dataclass(frozen=True)
class CitationType:
    """How one document type is called in each citation format."""

    doc_type: str
    label: str
    bibtex: str
    ris: str
    csl: str
    openurl: str
    genre: str


class Person(NamedTuple):
    """A person's name split into family and given names."""

    family: str
    given: str


def parse_citation_types(text: str) -> dict[str, CitationType]:
    """Parse the TSV type table; every vocabulary type must have exactly one row."""
    table: dict[str, CitationType] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if len(cells) != len(_COLUMNS):
            raise ValueError(f"citation_types.tsv:{number}: expected {len(_COLUMNS)} columns")
        row = CitationType(*cells[:-1], genre="" if cells[-1] == "-" else cells[-1])
        if row.doc_type not in VOCABULARY or row.doc_type in table:
            raise ValueError(f"citation_types.tsv:{number}: unknown or repeated {row.doc_type!r}")
        if row.openurl not in OPENURL_FORMATS:
            raise ValueError(f"citation_types.tsv:{number}: unknown OpenURL format")
        table[row.doc_type] = row
    missing = set(VOCABULARY) - table.keys()
    if missing:
        raise ValueError(f"citation_types.tsv: no row for {', '.join(sorted(missing))}")
    return table


@cache
def citation_types() -> dict[str, CitationType]:
    """Load the type table shipped with the package."""
    text = (
        resources.files("search_ui.rendering")
        .joinpath("data/citation_types.tsv")
        .read_text("utf-8")
    )
    return parse_citation_types(text)


def citation_type(doc_type: str) -> CitationType:
    """Return the citation types of a document type ("autre" for an unknown one)."""
    table = citation_types()
    return table.get(doc_type, table["autre"])


def _is_given(word: str) -> bool:
    """Tell a given name or an initial (Jean-Marc, Clémence, E.)."""
    if _INITIAL.match(word):
        return True
    names = first_names()
    return all(part.casefold() in names for part in word.split("-") if part)


def _is_shouted(word: str) -> bool:
    """Tell a family name written in capitals (DUPONT), as French lists often do."""
    return len(word) > 1 and word.isupper() and not _INITIAL.match(word)


def _run(words: list[str], test) -> int:
    """Count the leading words that pass `test`, leaving at least one word over."""
    count = 0
    while count < len(words) - 1 and test(words[count]):
        count += 1
    return count


def split_person(name: str) -> Person | None:
    """Split "Weller Jean-Marc", "Jesper Christiansen", "DUPONT Emmanuel", "Ghorra-Gobin, Cynthia".

    Return None when the order cannot be told: the name is then cited as written.
    """
    name = " ".join(name.split())
    if "," in name:
        family, _, given = (part.strip() for part in name.partition(","))
        return Person(family, given) if family and given else None
    words = name.split()
    if len(words) < 2:
        return None
    if count := _run(words, _is_shouted):
        return Person(" ".join(words[:count]), " ".join(words[count:]))
    if count := _run(words[::-1], _is_shouted):
        return Person(" ".join(words[-count:]), " ".join(words[:-count]))
    if count := _run(words, _is_given):
        return Person(" ".join(words[count:]), " ".join(words[:count]))
    if count := _run(words[::-1], _is_given):
        return Person(" ".join(words[:-count]), " ".join(words[-count:]))
    return None


def responsible(record: dict[str, Any]) -> tuple[list[str], bool]:
    """Return who is responsible for an entry and whether they are people.

    The authors when there are any, else the publishers as corporate authors.
    """
    if record.get("authors"):
        return list(record["authors"]), True
    return list(record.get("publishers") or []), False


def journal_title(source: str) -> str:
    """Return the journal or series name that opens a source line.

    "Sciences du Design, 2017/1 (n° 5), p. 32-51" -> "Sciences du Design";
    "Géographie, économie, société, 2018/1 (vol.20)" keeps its commas.
    """
    match = _JOURNAL_END.search(source)
    title = source[: match.start()] if match else source
    return title.strip(" .,;")


def page_range(source: str) -> tuple[str, str] | None:
    """Return the first and last page of "p. 32-51" or "pp.4-7" in a source line."""
    match = _PAGE_RANGE.search(source)
    return (match.group(1), match.group(2)) if match else None


def mention(record: dict[str, Any]) -> str:
    """Say where the newsletter listed the entry: its issue and section."""
    where = f"Signalé dans {record['issue']}" if record.get("issue") else ""
    if record.get("section"):
        where += f"{', rubrique' if where else 'Rubrique'} « {record['section']} »"
    return where


def notes(record: dict[str, Any]) -> list[str]:
    """Return the entry's own note, then where the newsletter listed it."""
    return [text for text in (record.get("note") or "", mention(record)) if text]


def permalink(record: dict[str, Any], base_url: str | None) -> str:
    """Return the entry's page URL under `base_url`, or "" without a base."""
    return f"{base_url.rstrip('/')}/entry/{record['id']}" if base_url else ""


def territory_names(record: dict[str, Any], key: str = "territories_named") -> list[str]:
    """Return the names of an entry's territories: those it names or is published in
    (`territories_named`), or with `key="territories"` every one, closed upward."""
    spec = facet("territory")
    return [spec.value_label(code) for code in record.get(key) or ()]
