"""Read one item's fields from its lines: names, source, date, pages, kind, description.

The items are found by `items.py`; here each one becomes a normalised `Entry`.
"""

from __future__ import annotations

import re

from indexer.extraction.authority import Authority, default_authority
from indexer.extraction.dates import DateInfo, find_date
from indexer.extraction.doctypes import doc_type
from indexer.extraction.entry import Entry, entry_id
from indexer.extraction.items import Draft
from indexer.extraction.language import guess_language
from indexer.extraction.layouts import Layout
from indexer.extraction.lines import (
    ends_sentence,
    is_prose,
    is_source_line,
    starts_lowercase,
    word_count,
)
from indexer.extraction.masthead import Issue, section_key
from indexer.extraction.names import classify_names
from indexer.extraction.sources import Imprint, read_header_line, read_source_line

_ORGANISED = re.compile(r"\borganis[ée]e?s?\s+par\b|\bse tiendra\b", re.IGNORECASE)
# Sentences that name who runs a resource ("initié par le CGET et la Fonda").
_CREDITED = re.compile(r"\b(?:initi|port|pilot)[ée]e?s?\s+par\b", re.IGNORECASE)
_HEADER_SCAN = 5  # a source line sits within the first lines after a title
# What an event's title opens with, in whatever section it is announced.
_EVENT_TITLE = re.compile(
    r"^(?:webinaires?|web-conf[ée]rences?|colloques?|s[ée]minaires?|conf[ée]rences?"
    r"|journ[ée]es?(?: d['’][ée]tudes?| nationales?| techniques?)?|rencontres?|forums?|salons?"
    r"|assises|universit[ée]s? d['’][ée]t[ée]|ateliers?|festivals?|congr[èe]s|sommets?"
    r"|table[s]?[- ]ronde[s]?|hackathons?)\b",
    re.IGNORECASE,
)
# A line that only gives the document's address: « En ligne : https://… ».
_ONLINE_AT = re.compile(r"^en ligne\s*:?\s*(?:<?https?://|www\.)\S*>?\s*$", re.IGNORECASE)
_LONG_PROSE = 25


def read_entry(
    draft: Draft, issue: Issue, layout: Layout, label: str, authority: Authority
) -> Entry:
    """Read the fields of one item from its title and lines, as its layout prints them."""
    is_event = section_key(draft.section) == "agenda" or _announces_event(draft, issue)
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
        read_source_line(source, imprint, authority, issue_date, layout.counts_page_ranges)
    addresses = [text for text in rest if _ONLINE_AT.match(text)]
    if addresses:  # the document is online; its address is no description
        rest = [text for text in rest if text not in addresses]
    imprint.online |= bool(addresses)
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


def _announces_event(draft: Draft, issue: Issue) -> bool:
    """Tell an event outside the Agenda: a title naming one (« Webinaire : … », « Journée
    d'étude : … ») over its day (« 12 octobre 2023, de 10h à 12h, en ligne »)."""
    if not _EVENT_TITLE.match(draft.title) or not draft.lines or is_prose(draft.lines[0]):
        return False
    date = find_date(draft.lines[0], (issue.year, issue.month))
    return bool(date and date.day)


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


def _best_date(imprint: Imprint, issue_date: tuple[int | None, int | None]) -> DateInfo | None:
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
