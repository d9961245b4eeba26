"""The entry record: one item of a newsletter issue, as docs/data-model.md defines it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

from analyzers.folding import fold, folded_words

KINDS = ("publication", "resource", "event")


@dataclass
class Entry:
    """One citable document, resource or event, with provenance."""

    title: str
    kind: str = "publication"
    section: str = ""
    discover: bool = False
    authors: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    source: str = ""
    year: int | None = None
    month: int | None = None
    date_text: str = ""
    pages: int | None = None
    doc_type: str = "autre"
    language: str = "fr"
    online: bool = False
    description: str = ""
    note: str = ""
    issue: str = ""
    file: str = ""
    line: int = 0
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the record as plain JSON-ready data, id first.

        The fields are flat (strings, numbers, lists of strings): copying the lists is
        all asdict's deep copy did, at many times the cost for every indexed entry.
        """
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        data["authors"], data["publishers"] = list(self.authors), list(self.publishers)
        return {"id": data.pop("id"), **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        """Build an entry back from `to_dict` output, ignoring unknown keys."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


_FIELD_NAMES = tuple(f.name for f in fields(Entry))


def entry_id(issue: str, section: str, title: str, distinction: str = "") -> str:
    """Derive a stable id from the issue, section and folded title, never from order.

    The section is part of the key because one issue may list the same title twice
    (a training session announced in a section and again in the Agenda). Two documents
    of one title in one section (a report and a note, by two publishers) are told apart
    by the `distinction` the second gets (its imprint: see `imprint_key`).
    """
    key = f"{fold(issue)}\x1f{fold(section)}\x1f{fold(title)}"
    if distinction:
        key = f"{key}\x1f{fold(distinction)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def imprint_key(entry: Entry) -> str:
    """Return what tells two entries of one title apart: who made them, where, when, and
    what they say."""
    fields = (*entry.authors, *entry.publishers, entry.source, entry.date_text, entry.description)
    return "\x1f".join((*fields, str(entry.pages or "")))


def title_key(title: str) -> str:
    """Reduce a title to what identifies a document: folded words, no punctuation."""
    return folded_words(title)
