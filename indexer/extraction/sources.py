"""Parse the lines between a title and its description: names, source, date, pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.extraction.authority import Authority
from indexer.extraction.dates import DateInfo, find_date
from indexer.extraction.lines import has_issue_mark, split_series, strip_markers
from indexer.extraction.names import classify_names, is_organisation, is_person, strip_role

_PAGE_COUNT = re.compile(r"(?<![\w.])(\d[\d ]*?)\s*p\b(?!\.\s*\d)")
_PAGE_RANGE = re.compile(r"\b(?:pp\.?|p\.)\s*(\d+)\s*[-–]\s*(\d+)\b")
# Words that open a source part and say what the document is, not who made it.
_CUE = re.compile(r"^(?:\d+\s+)?(dossiers?|[ée]tudes?|rapports?|notes?)\s+(?:de\s+|du\s+)?", re.I)
_PARTNERS = re.compile(r"^(?:en partenariat avec|avec le soutien|avec l'appui)", re.IGNORECASE)
_LANGUAGES = {"anglais": "en", "allemand": "de", "espagnol": "es", "italien": "it"}
# A sentence ends at ". " before a capital, but not after an initial (« M. Dupont, A. Martin »).
_SENTENCE_BREAK = re.compile(r"(?<=[\w)])(?<!\b[A-ZÀ-Ý])\.\s+(?=[A-ZÀ-Ý])")
_MAX_PUBLISHER_WORDS = 12
_JOURNAL_WORD = re.compile(
    r"(?:revue|cahiers?|journal|bulletin|lettre|annales|collection|coll\.|s[ée]rie)(?!\w)", re.I
)


@dataclass
class Imprint:
    """What the header and source lines of an entry say about it."""

    authors: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    source: str = ""
    date: DateInfo | None = None
    pages: int | None = None
    online: bool = False
    language: str | None = None
    cues: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add_names(self, authors: list[str], publishers: list[str]) -> None:
        """Add people and organisations, keeping the first occurrence of each."""
        self.authors += [a for a in authors if a not in self.authors]
        self.publishers += [p for p in publishers if p not in self.publishers]


def page_count(text: str) -> int | None:
    """Sum the "N p." counts of a line: "116 p. + 48 p." is 164; page ranges are not counts."""
    counts = [int(m.group(1).replace(" ", "")) for m in _PAGE_COUNT.finditer(text)]
    return sum(counts) if counts else None


def page_range_count(text: str) -> int | None:
    """Count the pages of a range: « pp. 661-692 » is 32 pages; a reversed range is none."""
    match = _PAGE_RANGE.search(text)
    if not match:
        return None
    first, last = int(match.group(1)), int(match.group(2))
    return last - first + 1 if last >= first else None


def read_header_line(text: str, imprint: Imprint, authority: Authority) -> None:
    """Read a line between title and source: names when it is names, else a note."""
    names = classify_names(text, authority)
    if names.authors or names.organisations:
        imprint.add_names(names.authors, names.organisations)
    else:
        imprint.notes.append(text)
    imprint.online |= bool(re.search(r"\ben ligne\b", text, re.IGNORECASE))


def read_source_line(
    text: str,
    imprint: Imprint,
    authority: Authority,
    issue_date: tuple[int | None, int | None],
    count_ranges: bool = False,
) -> None:
    """Read a source line: who made it, the journal or series, the date, the pages.

    A page range gives the pages only when the layout says so (`count_ranges`): the ANCT
    bulletins count an article's pages, the CGET issues' entries never did.
    """
    core, online, language = strip_markers(text)
    core, series = split_series(core)
    imprint.online |= online
    imprint.language = _LANGUAGES.get(language or "", imprint.language)
    imprint.pages = page_count(core)
    if imprint.pages is None and count_ranges:
        imprint.pages = page_range_count(core)
    date = find_date(core, issue_date)
    imprint.date = date
    prefix = core[: core.find(date.text)] if date else core
    journal_from: int | None = None
    offset = 0
    for group in _SENTENCE_BREAK.split(prefix):
        start = core.find(group, offset)
        offset = start + len(group)
        if _PARTNERS.match(group.strip()):
            continue
        for part, part_start in _parts(group, start):
            kind = _read_part(part, imprint, authority, journal_from is not None)
            if kind == "journal" and journal_from is None:
                journal_from = part_start
    if journal_from is not None and (makers := _makers_alone(prefix, core, imprint)):
        named = [authority.canonical(name) for name in makers]  # in the line's order
        imprint.publishers = list(dict.fromkeys([*named, *imprint.publishers]))
    elif journal_from is not None:
        imprint.source = core[journal_from:].strip(" .,*")
    if series:  # « Coll. Comprendre »: where the document is found, as a journal is
        imprint.source = f"{imprint.source}. {series}" if imprint.source else series


def _makers_alone(prefix: str, core: str, imprint: Imprint) -> list[str]:
    """Return the organisations a line names alone before its date and page count, when it
    is no journal: « Haut Conseil pour le climat, juin 2025. 180 p. » or « France urbaine,
    Villes de France, mars 2025. 48 p. » are reports by organisations the authority does not
    know yet; a journal would give its number, or its pages as a range."""
    if not imprint.pages or imprint.authors or has_issue_mark(core):
        return []  # the authority's publishers may be among them (« Régions de France,
        # Intercommunalités de France »: the second is the AdCF's name now)
    names = [name.strip(" .*") for name in prefix.split(",")]
    names = [name for name in names if name]
    named = all(
        name[0].isupper()
        and len(name.split()) <= _MAX_PUBLISHER_WORDS
        and not _JOURNAL_WORD.match(name)
        for name in names
    )
    return names if names and named else []


def _parts(group: str, start: int) -> list[tuple[str, int]]:
    """Split a group on commas (outside parentheses), with each part's offset in the line."""
    parts, depth, begin = [], 0, 0
    for index, char in enumerate(group + ","):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth <= 0:
            part = group[begin:index]
            if part.strip(" .*"):
                parts.append((part.strip(" .*"), start + begin + len(part) - len(part.lstrip())))
            begin = index + 1
    return parts


def _read_part(part: str, imprint: Imprint, authority: Authority, in_journal: bool) -> str:
    """Classify one comma-separated part of a source line; return "names" or "journal".

    Once a journal title has begun, only known organisations and people end it
    ("Géographie, économie, société" is one title).
    """
    if cue := _CUE.match(part):
        imprint.cues.append(cue.group(1).lower())
        rest = part[cue.end() :]
        if rest and is_organisation(rest, authority):
            imprint.add_names([], [authority.canonical(rest)])
            return "names"
        return "journal" if rest else "cue"
    if authority.find(part) or is_person(part, authority):
        names = classify_names(part, authority)
        imprint.add_names(names.authors, names.organisations)
        return "names"
    names = classify_names(part, authority)
    if (names.organisations or names.authors) and not names.unknown and not in_journal:
        imprint.add_names(names.authors, names.organisations)
        return "names"
    if re.fullmatch(r"[#\d\s|à-]+", strip_role(part)):
        return "issue"
    return "journal"
