"""From a newsletter file to the index's documents: what a build does with each file.

Shared by the serial build and by the worker processes of a parallel one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.build import vocabulary
from indexer.extraction.authority import default_authority
from indexer.extraction.doctypes import UNKNOWN
from indexer.extraction.entry import Entry, title_key
from indexer.extraction.extractor import Extraction
from indexer.facet_specs import FACETS
from indexer.schema import EXPLICIT_TERRITORY_FIELD, TYPE_WORDS_FIELD, VALUE_SEPARATOR
from indexer.territories import EntryTerritories, tag_entry
from indexer.territories.gazetteer import KINDS


@dataclass
class FileResult:
    """What indexing one file did: for the progress line, the manifest and the word counts.

    `words` counts the words as written; the build folds them once, for all its files.
    """

    label: str
    entries: int
    added: dict[str, int]
    warnings: list[str]
    words: Counter = field(default_factory=Counter)
    layout: str = ""  # the layout the extractor recognised, for the progress line


def index_file(
    writer,
    path: Path,
    label: str,
    previous_added: dict,
    now: int,
    extract: Callable[..., Extraction],
) -> FileResult:
    """Extract one file and add its entries to `writer`; entries keep their first date added."""
    extraction = extract(path, label, default_authority())
    keys = duplicate_keys(extraction.entries)
    result = FileResult(label, len(extraction.entries), {}, extraction.warnings)
    if layout := extraction.layout_of(label):
        result.layout = layout.description
    for entry in extraction.entries:
        result.added[entry.id] = previous_added.get(entry.id, now)
        document = entry_document(entry, result.added[entry.id], keys[entry.id])
        writer.add_document(**document)
        vocabulary.add_written_words(result.words, document["record"])
    return result


def duplicate_keys(entries: list[Entry]) -> dict[str, str]:
    """Give each entry of one issue the key that groups it with its copies in other issues.

    The key is the folded title, the year (a title reused for a later edition is another
    document) and the publisher, the first of them by its folded name (« Rapport
    d'activité 2023 » of two agencies are two documents); a title listed twice in the same
    issue (a session in a section and again in the Agenda) adds the section, so those two
    stay apart.
    """
    keys = {entry.id: dup_key(entry) for entry in entries}
    counts = Counter(keys.values())
    return {
        entry.id: keys[entry.id]
        + (f"#{title_key(entry.section)}" if counts[keys[entry.id]] > 1 else "")
        for entry in entries
    }


def dup_key(entry: Entry) -> str:
    """Return what an entry's copies share: title, year and publisher, each folded."""
    publisher = min((title_key(name) for name in entry.publishers), default="")
    return f"{title_key(entry.title)}|{entry.year or ''}|{publisher}"


def territory_codes(tags: EntryTerritories) -> dict[str, list[str]]:
    """Return the record's territory keys: every code, closed upward (`territories`), and
    those the entry names or is published in (`territories_named`), broadest first."""
    return {
        "territories": sorted(tags.codes, key=_broadest_first),
        "territories_named": sorted(tags.explicit, key=_broadest_first),
    }


def _broadest_first(code: str) -> tuple[int, str]:
    """Order codes région, département, EPCI, commune, abroad; then by code."""
    kind = code.partition("-")[0]
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), code)


def entry_document(entry: Entry, added: float, group_key: str = "") -> dict:
    """Return the index document of an entry: search text, facet values, the record.

    The entry is tagged with its territories here, once, in the process that writes it.
    """
    territories = territory_codes(tag_entry(entry))
    record = entry.to_dict() | territories | {"added": int(added)}
    return {
        "id": entry.id,
        "file": entry.file,
        "record": record,
        **{spec.field: spec.index_value(record) for spec in FACETS},
        "title_sort": title_key(entry.title) or entry.title.casefold(),  # « École » among the e
        "dup_key": group_key or dup_key(entry),
        EXPLICIT_TERRITORY_FIELD: VALUE_SEPARATOR.join(territories["territories_named"]),
        "title": entry.title,
        "authors": "; ".join(entry.authors),
        "publishers": "; ".join(entry.publishers),
        "source": entry.source,
        "description": entry.description,
        TYPE_WORDS_FIELD: type_words(entry.doc_type),
    }


def type_words(doc_type: str) -> str:
    """Return the searched word of a document type: its name, a name of several words
    glued into one; nothing for an entry of no known type."""
    return "" if doc_type == UNKNOWN else doc_type.replace(" ", "")
