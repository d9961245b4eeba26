"""Turn a newsletter's lines into entries: find the items, then read each one's fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analyzers.folding import folded_words_of_lines
from indexer.extraction.authority import Authority, default_authority
from indexer.extraction.dates import find_date
from indexer.extraction.doctypes import doc_type
from indexer.extraction.entry import Entry, entry_id
from indexer.extraction.language import guess_language
from indexer.extraction.lines import (
    ends_sentence,
    is_discover_heading,
    is_footer_start,
    is_known_section,
    is_noise,
    is_prose,
    is_source_line,
    is_title_like,
    starts_lowercase,
    strip_bullet,
    word_count,
)
from indexer.extraction.markup import clean_inline, is_link_only
from indexer.extraction.masthead import Issue, read_masthead, section_key
from indexer.extraction.names import classify_names
from indexer.extraction.readers import Line, UnreadableFile, read_document
from indexer.extraction.sources import Imprint, read_header_line, read_source_line

_ORGANISED = re.compile(r"\borganis[ée]e?s?\s+par\b|\bse tiendra\b", re.IGNORECASE)
# Sentences that name who runs a resource ("initié par le CGET et la Fonda").
_CREDITED = re.compile(r"\b(?:initi|port|pilot)[ée]e?s?\s+par\b", re.IGNORECASE)
_HEADER_SCAN = 5  # a source line sits within the first lines after a title
_LONG_PROSE = 25
_MAX_HEADING_WORDS = 16


@dataclass
class Draft:
    """The lines of one item as found in the issue, before its fields are read."""

    title: str
    line: int
    section: str
    discover: bool
    lines: list[str] = field(default_factory=list)
    has_body: bool = False

    def add(self, text: str) -> None:
        """Append a line of the item, noting when its description has begun."""
        self.lines.append(text)
        self.has_body |= is_prose(text)


@dataclass
class Extraction:
    """The entries of one or more files and the warnings, as `file:line: message`."""

    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_without_entries: list[str] = field(default_factory=list)


def extract_file(
    path: Path, label: str | None = None, authority: Authority | None = None
) -> Extraction:
    """Extract the entries of one file; unreadable files give a warning, never an exception."""
    label = label or path.name
    result = Extraction()
    try:
        document = read_document(path)
    except UnreadableFile as error:
        result.warnings.append(f"{label}:0: skipped: {error}")
        result.files_without_entries.append(label)
        return result
    result.warnings += [f"{label}:0: {warning}" for warning in document.warnings]
    entries, warnings = extract_lines(document.lines, label, authority or default_authority())
    result.entries += entries
    result.warnings += warnings
    if not entries:
        result.files_without_entries.append(label)
    return result


def extract_lines(
    lines: list[Line], label: str, authority: Authority
) -> tuple[list[Entry], list[str]]:
    """Extract entries from the lines of one issue; return them with warnings."""
    warnings: list[str] = []
    lines = _visible_lines(lines)
    issue = read_masthead([line.text for line in lines])
    has_masthead = bool(issue.series or issue.number)
    if not has_masthead:
        issue.series = Path(label).stem
    body = lines[issue.body_start :]
    texts = [line.text for line in body]
    keys = _heading_keys(texts)
    drafts = _find_items(body, keys, issue)
    entries = [_read_entry(draft, issue, label, authority) for draft in drafts]
    if not entries:
        reason = "no entry found" if has_masthead else "no masthead and no entry found"
        return [], [f"{label}:1: skipped: {reason}: not a newsletter issue?"]
    if not has_masthead:
        warnings.append(f"{label}:1: no masthead (series, number, date) found: issue named {label}")
    if missing := _missing_sections(keys, texts, issue):
        last = lines[-1].number if lines else 1
        warnings.append(
            f"{label}:{last}: sections of the summary not found ({'; '.join(missing)}): "
            "the file looks truncated"
        )
    return _unique_ids(entries, label, warnings), warnings


def _heading_keys(texts: list[str]) -> list[str | None]:
    """Return the section_key of each line short enough to be a heading, else None.

    The long lines (descriptions) hold most of an issue's text and are never headings:
    folding them for nothing took a tenth of the extraction.
    """
    short = [index for index, text in enumerate(texts) if word_count(text) <= _MAX_HEADING_WORDS]
    keys: list[str | None] = [None] * len(texts)
    for index, key in zip(short, folded_words_of_lines([texts[i] for i in short]), strict=True):
        keys[index] = key
    return keys


def _missing_sections(keys: list[str | None], texts: list[str], issue: Issue) -> list[str]:
    """Return the sections the summary announces that never appear in the body.

    Any line counts, a long one too: the long lines are folded only if a section is
    missing from the short ones.
    """
    seen = {key for key in keys if key is not None}
    missing = [title for title in issue.sections if section_key(title) not in seen]
    long_lines = [text for text, key in zip(texts, keys, strict=True) if key is None]
    if missing and long_lines:
        seen.update(folded_words_of_lines(long_lines))
        missing = [title for title in missing if section_key(title) not in seen]
    return missing


def _visible_lines(lines: list[Line]) -> list[Line]:
    """Drop link-only navigation lines and the legal footer, clean inline Markdown."""
    visible = [
        Line(clean_inline(line.text), line.number, line.heading)
        for line in lines
        if not is_link_only(line.text)
    ]
    visible = [line for line in visible if line.text]
    for index, line in enumerate(visible):
        if is_footer_start(line.text):
            start = index
            while start > 0 and _is_signature(visible[start - 1].text):
                start -= 1  # the signing organisation just above the credits
            return visible[:start]
    return visible


def _is_signature(text: str) -> bool:
    """Tell a short unpunctuated line such as the publishing body's name."""
    return word_count(text) <= 8 and not ends_sentence(text) and not strip_bullet(text)[0]


def _find_items(lines: list[Line], keys: list[str | None], issue: Issue) -> list[Draft]:
    """Walk the body of an issue and cut it into item drafts under their sections.

    `keys` holds each line's section_key (None for lines too long to be headings).
    """
    section_keys = {section_key(title) for title in issue.sections}
    drafts: list[Draft] = []
    section, discover = "", False
    current: Draft | None = None
    texts = [line.text for line in lines]
    for index, line in enumerate(lines):
        text = line.text
        if is_noise(text):
            continue
        if is_discover_heading(text):
            current, discover = None, True
            continue
        if _is_section(line, keys[index], section_keys):
            current, section, discover = None, text.strip(" :"), False
            continue
        bulleted, body = strip_bullet(text)
        if bulleted and (is_noise(body) or not _tidy_title(body)):
            continue  # a bullet before nothing but a period ("•.") is no title either
        if bulleted and body and not _is_summary_like(body, section_keys):
            current = Draft(_tidy_title(body), line.number, section, discover)
            drafts.append(current)
            continue
        if _opens_item(index, texts, current, discover):
            current = Draft(_tidy_title(text), line.number, section, discover)
            drafts.append(current)
            continue
        if current is not None:
            current.add(text)
    return drafts


def _is_section(line: Line, key: str | None, section_keys: set[str]) -> bool:
    """Tell a section heading: listed in the summary, marked as a heading, or the Agenda."""
    if key is None:  # too long to be a heading (see _heading_keys)
        return False
    if key in section_keys or (line.heading and not is_discover_heading(line.text)):
        return True
    return not section_keys and is_known_section(line.text)


def _is_summary_like(body: str, section_keys: set[str]) -> bool:
    """Tell a bulleted repeat of a section title (a second summary) from an item."""
    return section_key(body) in section_keys


def _opens_item(index: int, texts: list[str], current: Draft | None, loose: bool) -> bool:
    """Tell an unbulleted item title: a short line followed by its source or description.

    In "A découvrir" blocks (`loose`) an item is a name line and its paragraph; elsewhere,
    the preamble included, only a title directly followed by a source line opens an item.
    """
    text = texts[index]
    if not is_title_like(text) or strip_bullet(text)[0]:
        return False
    if current is not None:
        if not current.has_body:
            return False
        last = current.lines[-1] if current.lines else current.title
        if not (ends_sentence(last) or is_source_line(last)):
            return False
    following = next((t for t in texts[index + 1 :] if not is_noise(t)), None)
    if following is None or strip_bullet(following)[0]:
        return False
    return is_source_line(following) or (loose and _is_description(following))


def _is_description(text: str) -> bool:
    """Tell a line that reads as an item's description (a paragraph or a full sentence)."""
    return is_prose(text) or (word_count(text) >= 8 and ends_sentence(text))


def _tidy_title(text: str) -> str:
    """Return a title as a reader would cite it: no bullet, no single trailing period."""
    text = strip_bullet(text)[1].strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text


def _read_entry(draft: Draft, issue: Issue, label: str, authority: Authority) -> Entry:
    """Read the fields of one item from its title and lines."""
    is_event = section_key(draft.section) == "agenda"
    header, source, rest = _split_lines(draft.lines, is_event)
    imprint = Imprint()
    issue_date = (issue.year, issue.month)
    event_date = None
    for text in header:
        date = find_date(text, issue_date) if is_event else None
        if date and date.day and event_date is None:
            event_date = date
        else:
            read_header_line(text, imprint, authority)
    if source:
        read_source_line(source, imprint, authority, issue_date)
    description = _join_paragraphs(rest)
    if not is_event and _ORGANISED.search(description):
        dated = find_date(description, issue_date)
        if dated and dated.day:
            is_event, event_date = True, dated
    kind = "event" if is_event else "publication" if imprint.date or imprint.pages else "resource"
    date = (
        event_date
        if is_event
        else _best_date(imprint, issue_date)
        if kind == "publication"
        else None
    )
    if not imprint.publishers and not (imprint.authors and kind == "publication"):
        mentioned = authority.mentioned_in(_credit_text(draft.title, rest, kind))
        imprint.add_names([], [publisher.label for publisher in mentioned])
    texts = {
        "title": draft.title,
        "notes": "\n".join(imprint.notes),
        "cues": " ".join(imprint.cues),
        "source": imprint.source,
        "lead": rest[0] if rest else "",
        "description": description,
        "publishers": " ".join(imprint.publishers),
    }
    return Entry(
        id=entry_id(issue.label, draft.section, draft.title),
        title=draft.title,
        kind=kind,
        section=draft.section,
        discover=draft.discover,
        authors=imprint.authors,
        publishers=imprint.publishers,
        source=imprint.source,
        year=date.year if date else None,
        month=date.month if date else None,
        date_text=date.text if date else "",
        pages=imprint.pages,
        doc_type=doc_type(kind, texts),
        language=imprint.language or guess_language(draft.title),
        online=imprint.online,
        description=description,
        note=" ".join(imprint.notes),
        issue=issue.label,
        file=label,
        line=draft.line,
    )


def _credit_text(title: str, rest: list[str], kind: str) -> str:
    """Return where an unsigned item names its makers: title, first sentence, "organisée par"."""
    lead = re.split(r"(?<=[.!?])\s", rest[0])[0] if rest else ""
    parts = [lead] if kind == "publication" else [title, lead]
    parts += [text for text in rest if _ORGANISED.search(text)]
    if kind == "resource":
        parts += [text for text in rest if _CREDITED.search(text)]
    return " ".join(parts)


def _split_lines(lines: list[str], is_event: bool) -> tuple[list[str], str, list[str]]:
    """Split an item's lines into header lines, the source line and the description."""
    source_index = None
    if not is_event:
        for index, text in enumerate(lines[:_HEADER_SCAN]):
            if is_source_line(text):
                source_index = index
            elif word_count(text) >= _LONG_PROSE:
                break
    if source_index is not None:
        return lines[:source_index], lines[source_index], lines[source_index + 1 :]
    count = 0
    while count < len(lines) and _is_header_line(lines[count], is_event):
        count += 1
    header, rest = lines[:count], lines[count:]
    if rest and not is_event and is_source_line(rest[-1]):
        return header, rest[-1], rest[:-1]  # "A découvrir" items give their source last
    return header, "", rest


def _is_header_line(text: str, is_event: bool) -> bool:
    """Tell a short line of names (or an event's date) that precedes a description.

    A long list of organisations ("DITP / SGPI / Caisse des dépôts…") counts as names
    as long as it does not end like a sentence.
    """
    if word_count(text) > 25 or (is_prose(text) and ends_sentence(text)):
        return False
    if is_event and (date := find_date(text)) and date.day:
        return True
    names = classify_names(text, default_authority())
    return bool(names.authors or names.organisations) and not names.unknown


def _best_date(imprint: Imprint, issue_date: tuple[int | None, int | None]):
    """Return the source date, or a more precise one of the same year from a note."""
    best = imprint.date
    for note in imprint.notes:
        date = find_date(note, issue_date)
        if date and (best is None or (date.year == best.year and date.precision > best.precision)):
            best = date
    return best


def _join_paragraphs(lines: list[str]) -> str:
    """Join description lines into paragraphs, mending sentences cut by a page break."""
    paragraphs: list[str] = []
    for text in lines:
        if (
            paragraphs
            and not ends_sentence(paragraphs[-1])
            and (starts_lowercase(text) or word_count(paragraphs[-1]) >= 20)
        ):
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        else:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _unique_ids(entries: list[Entry], label: str, warnings: list[str]) -> list[Entry]:
    """Drop an entry whose id repeats one already seen, with a warning."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        if entry.id in seen:
            warnings.append(f"{label}:{entry.line}: duplicate of an earlier entry: {entry.title!r}")
            continue
        seen.add(entry.id)
        unique.append(entry)
    return unique
