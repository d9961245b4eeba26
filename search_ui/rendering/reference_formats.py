"""The formats reference managers import: BibTeX, RIS and CSL-JSON (Zotero, EndNote, Pandoc).

Each maps the entry record through the bibliographic reading of bibliographic.py (citation
type, people or organisations, journal and pages); BibTeX adds escaping that keeps brace
balance and citation keys unique within a file. Each writer yields a file's text entry by
entry (see exports.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from string import ascii_lowercase
from typing import Any

from analyzers.folding import fold
from indexer.extraction.printable import printable, printable_all
from search_ui.rendering.bibliographic import (
    citation_type,
    journal_title,
    notes,
    page_range,
    permalink,
    responsible,
    split_person,
    territory_names,
)
from search_ui.rendering.streaming import json_array

Record = dict[str, Any]

_BIBTEX_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        # \{ and \} would still count in BibTeX's brace balance: spell them out instead.
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "%": r"\%",
        "&": r"\&",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
_LANGIDS = {"fr": "french", "en": "english", "de": "german", "es": "spanish", "it": "italian"}
_KEY_SKIP = {"les", "des", "une", "aux", "pour", "dans", "sur", "par", "the", "and", "for"}


# -- BibTeX --------------------------------------------------------------------------------


def bibtex_escape(text: str) -> str:
    """Escape BibTeX's special characters, drop controls, fold line breaks; accents stay UTF-8."""
    return " ".join(printable(text).split()).translate(_BIBTEX_ESCAPES)


def _bibtex_person(name: str) -> str:
    """Write a person as "Family, Given", a multi-word family braced; else the name whole."""
    person = split_person(name)
    if person is None:
        return "{" + bibtex_escape(name) + "}"
    family = bibtex_escape(person.family)
    return f"{'{' + family + '}' if ' ' in family else family}, {bibtex_escape(person.given)}"


def _bibtex_organisations(names: Sequence[str]) -> str:
    """Join organisations with "and", each braced so that BibTeX never splits it."""
    return " and ".join("{" + bibtex_escape(name) + "}" for name in names)


def _key_name(record: Record) -> str:
    """Return the name part of a citation key: first author's family name or publisher."""
    names, people = responsible(record)
    if not names:
        return ""
    if people:
        person = split_person(names[0])
        return person.family.split()[0] if person else names[0].split()[0]
    acronym = re.search(r"\(([^()]+)\)\s*$", names[0])
    if acronym:
        return acronym.group(1)
    words = [w for w in re.split(r"[\s']+", names[0]) if fold(w) not in ("le", "la", "les", "l")]
    return words[0] if words else names[0]


def _key_base(record: Record) -> str:
    """Build a citation key from name, year and first significant title word."""
    words = [w for w in re.split(r"[^a-z0-9]+", fold(record["title"])) if len(w) > 2]
    words = [w for w in words if w not in _KEY_SKIP] or words
    name = re.sub(r"[^a-z0-9]+", "", fold(_key_name(record)))
    if not name and words:  # nobody named: the title's first word leads
        name = words.pop(0)
    word = words[0] if words else ""
    return f"{name}{record.get('year') or ''}{word}" or f"entry{record['id']}"


class _Keys:
    """Hand out a file's citation keys in order, given how many entries share each base.

    A base several entries share gets a letter in each ("…a", "…b"), and a key already
    given is skipped. It remembers every key given: about 100 bytes an entry.
    """

    def __init__(self, counts: Counter[str]) -> None:
        self._counts = counts
        self._seen = Counter[str]()
        self._used: set[str] = set()

    def next(self, base: str) -> str:
        """Return the key of the next entry, whose base is `base`."""
        key = base
        while key in self._used or (key == base and self._counts[base] > 1):
            rank = self._seen[base]
            self._seen[base] += 1
            key = base + (ascii_lowercase[rank] if rank < 26 else str(rank))
        self._used.add(key)
        return key


def citation_keys(records: Sequence[Record]) -> list[str]:
    """Return one BibTeX key per record, unique: "besson2018urban", "cget2018initiationa"…"""
    bases = [_key_base(record) for record in records]
    keys = _Keys(Counter(bases))
    return [keys.next(base) for base in bases]


def bibtex_fields(record: Record, base_url: str | None = None) -> list[tuple[str, str]]:
    """Return an entry's BibTeX fields (name, escaped value) in a readable order."""
    kind = citation_type(record.get("doc_type", "autre"))
    fields = [("title", bibtex_escape(record["title"]))]
    names, people = responsible(record)
    if names:
        author = " and ".join(map(_bibtex_person, names)) if people else None
        fields.append(("author", author or _bibtex_organisations(names)))
    organisations = {"techreport": "institution", "phdthesis": "school"}
    if record.get("publishers"):
        field = organisations.get(kind.bibtex, "publisher")
        fields.append((field, _bibtex_organisations(record["publishers"])))
    source = record.get("source") or ""
    if kind.bibtex == "article":
        fields.append(("journal", bibtex_escape(journal_title(source) or source)))
    elif kind.bibtex == "misc":
        published = source or kind.label
        if record.get("kind") == "event" and record.get("date_text"):
            published = f"{kind.label}, {record['date_text']}"
        fields.append(("howpublished", bibtex_escape(published)))
    elif source:
        fields.append(("series", bibtex_escape(journal_title(source) or source)))
    if record.get("year"):
        fields.append(("year", str(record["year"])))
    if pages := page_range(source):
        fields.append(("pages", "--".join(pages)))
    elif record.get("pages"):
        fields.append(("pagetotal", str(record["pages"])))
    if record.get("language") in _LANGIDS:
        fields.append(("langid", _LANGIDS[record["language"]]))
    if keywords := _keywords(record):
        fields.append(("keywords", ", ".join(map(bibtex_escape, keywords))))
    if record.get("description"):
        fields.append(("abstract", bibtex_escape(record["description"])))
    if entry_notes := notes(record):
        fields.append(("note", bibtex_escape(". ".join(entry_notes))))
    if url := permalink(record, base_url):
        fields.append(("url", url.translate(str.maketrans({"{": "%7B", "}": "%7D"}))))
    return fields


def _keywords(record: Record) -> list[str]:
    """Return an entry's keywords: its section, then the territories it names or is
    published in, by their names."""
    return [text for text in (record.get("section"), *territory_names(record)) if text]


def bibtex_entry(record: Record, key: str, base_url: str | None = None) -> str:
    """Write one BibTeX entry."""
    kind = citation_type(record.get("doc_type", "autre"))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in bibtex_fields(record, base_url))
    return f"@{kind.bibtex}{{{key},\n{body}}}\n"


def bibtex_text(records: Iterable[Record], base_url: str | None = None) -> Iterator[str]:
    """Write records as BibTeX (UTF-8, biblatex-friendly), keys unique within the file.

    An entry's key depends on the entries after it (a base two entries share takes a letter
    in both), so the records are read twice: once for the keys' bases, kept (about 100
    bytes an entry with the keys given), then to write the entries. A one-shot iterator is
    kept whole instead; `SearchService.hit_records` reads the index again.
    """
    if isinstance(records, Iterator):
        records = list(records)
    bases = [_key_base(record) for record in records]
    keys = _Keys(Counter(bases))
    separator = ""
    for record, base in zip(records, bases, strict=True):
        yield separator + bibtex_entry(record, keys.next(base), base_url)
        separator = "\n"


# -- RIS -----------------------------------------------------------------------------------


def ris_lines(record: Record, base_url: str | None = None) -> list[tuple[str, str]]:
    """Return an entry's RIS tags and values, TY first and ER last."""
    kind = citation_type(record.get("doc_type", "autre"))
    lines = [("TY", kind.ris), ("ID", record["id"]), ("TI", record["title"])]
    names, people = responsible(record)
    for name in names if people else ():
        person = split_person(name)
        lines.append(("AU", f"{person.family}, {person.given}" if person else name))
    if record.get("publishers"):
        lines.append(("PB", "; ".join(record["publishers"])))
    if record.get("year"):
        lines.append(("PY", str(record["year"])))
        if record.get("month"):
            lines.append(("DA", f"{record['year']}/{record['month']:02d}//"))
    source = record.get("source") or ""
    if source:
        journal = journal_title(source) or source
        lines.append(("T2", journal))
        if kind.ris == "JOUR":
            lines.append(("JO", journal))
    if pages := page_range(source):
        lines += [("SP", pages[0]), ("EP", pages[1])]
    lines.append(("M3", kind.label))
    lines += [("KW", keyword) for keyword in _keywords(record)]
    if record.get("description"):
        lines.append(("AB", record["description"]))
    if record.get("language"):
        lines.append(("LA", record["language"]))
    lines += [("N1", text) for text in notes(record)]
    if url := permalink(record, base_url):
        lines.append(("UR", url))
    lines.append(("ER", ""))
    return lines


def ris_text(records: Iterable[Record], base_url: str | None = None) -> Iterator[str]:
    """Write records as RIS: "TAG  - value" lines ending in CRLF, as the format wants.

    A value is one line, without control characters: a line break in it cannot start a tag.
    """
    for record in records:
        tags, values = zip(*ris_lines(record, base_url), strict=True)
        lines = zip(tags, printable_all(values), strict=True)
        yield "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines) + "\r\n"


# -- CSL-JSON ------------------------------------------------------------------------------


def csl_names(record: Record) -> list[dict[str, str]]:
    """Return the CSL authors: {"family", "given"} when a name splits, else {"literal"}."""
    names, people = responsible(record)
    result = []
    for name in names:
        person = split_person(name) if people else None
        result.append(
            {"family": person.family, "given": person.given} if person else {"literal": name}
        )
    return result


def csl_item(record: Record, base_url: str | None = None) -> dict[str, Any]:
    """Return one record as a CSL-JSON item."""
    kind = citation_type(record.get("doc_type", "autre"))
    item: dict[str, Any] = {"id": record["id"], "type": kind.csl, "title": record["title"]}
    if authors := csl_names(record):
        item["author"] = authors
    if record.get("publishers"):
        item["publisher"] = "; ".join(record["publishers"])
    if record.get("year"):
        parts = [record["year"], record["month"]] if record.get("month") else [record["year"]]
        item["issued"] = {"date-parts": [parts]}
    if source := record.get("source") or "":
        container = "container-title" if kind.openurl == "journal" else "collection-title"
        item[container] = journal_title(source) or source
    if pages := page_range(source):
        item["page"] = "-".join(pages)
    if record.get("pages"):
        item["number-of-pages"] = record["pages"]
    if kind.csl in ("report", "thesis", "document"):
        item["genre"] = kind.label
    for key, field in (("language", "language"), ("description", "abstract")):
        if record.get(key):
            item[field] = record[key]
    if keywords := _keywords(record):
        item["keyword"] = ", ".join(keywords)
    if entry_notes := notes(record):
        item["note"] = "\n".join(entry_notes)
    if url := permalink(record, base_url):
        item["URL"] = url
    return item


def csljson_text(records: Iterable[Record], base_url: str | None = None) -> Iterator[str]:
    """Write records as a CSL-JSON array, for Zotero, Pandoc and citeproc."""
    return json_array(csl_item(record, base_url) for record in records)
