"""What searching needs from a whole generation, computed once when the generation is built.

The documents of every facet value, the groups of copies, the sort orders and the field
lengths took seconds to read back from Whoosh at 100,000 entries, on every start of
`veille search` and every server. Written beside the index as numpy arrays, they load
in milliseconds. A generation without them (built by an older version, or a damaged
file) gets them computed when opened, so nothing depends on the file being there.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh.reading import IndexReader

from indexer.build.generations import write_file_durably
from indexer.build.near_duplicates import near_duplicate_groups
from indexer.schema import COLUMN_FACETS, FACET_FIELDS, GROUP_FIELD, VALUE_SEPARATOR
from indexer.whoosh_internals.columns import column_values, length_codes
from indexer.whoosh_internals.postings import leaf_blocks

DERIVED = "derived.npz"
FORMAT = 6  # 6: one live document per entry id. Bumped whenever the arrays change meaning
SORTS = ("-date", "date", "title")
NEWEST_ADDED = "-added"  # the feed's order: the latest additions to the index first
ORDERS = (*SORTS, NEWEST_ADDED)


@dataclass
class Derived:
    """Per-generation arrays of document numbers (int32) and field lengths (uint8 codes)."""

    size: int
    live: np.ndarray
    facets: dict[str, dict[str, np.ndarray]]
    groups: tuple[np.ndarray, np.ndarray]  # document numbers, and where each group ends
    near: tuple[np.ndarray, np.ndarray]  # the same for titles the same or nearly so
    orders: dict[str, np.ndarray]
    lengths: dict[str, np.ndarray]
    ids: tuple[np.ndarray, np.ndarray]  # the live entries' ids, sorted, and their documents

    @property
    def results(self) -> int:
        """How many results the whole corpus lists: one for each group of copies."""
        ids, ends = self.groups
        return len(self.live) - (len(ids) - len(ends))

    def copy_groups(self) -> list[np.ndarray]:
        """Return the groups of copies: documents sharing a duplicate key, listed once."""
        return _unpacked(*self.groups)

    def near_duplicates(self) -> list[np.ndarray]:
        """Return the groups of documents whose titles are the same or nearly so."""
        return _unpacked(*self.near)

    def document(self, entry_id: str) -> int | None:
        """Return the live document of an entry id, or None."""
        keys, docnums = self.ids
        wanted = entry_id.encode("utf-8", "replace")
        at = int(np.searchsorted(keys, wanted))
        return int(docnums[at]) if at < len(keys) and keys[at] == wanted else None


def compute(reader: IndexReader, records: dict[int, dict] | None = None) -> Derived:
    """Read what searching needs from an open index.

    `records` are the stored records by document number (stored_records), when the caller
    has read them already (the build reads them once, for this and for coverage).
    """
    if records is None:
        records = stored_records(reader)
    size = reader.doc_count_all()
    live = first_copies(reader, records)
    alive = np.zeros(size, dtype=bool)
    alive[live] = True
    facets: dict[str, dict[str, np.ndarray]] = {}
    schema = reader.schema
    for facet, fieldname in FACET_FIELDS.items():
        if fieldname in COLUMN_FACETS and fieldname in schema and schema[fieldname].column_type:
            facets[facet] = _facet_from_column(reader, fieldname, live)
        else:
            facets[facet] = _facet_from_postings(reader, fieldname, alive)
    return Derived(
        size,
        live,
        facets,
        _groups(reader, live),
        _near_groups(reader, live),
        _orders(reader, live, [records[docnum] for docnum in live.tolist()]),
        _lengths(reader),
        _ids(reader, live),
    )


def stored_records(reader: IndexReader) -> dict[int, dict]:
    """Return the stored record of every document Whoosh holds, by document number."""
    return {docnum: fields["record"] for docnum, fields in reader.iter_docs()}


def first_copies(reader: IndexReader, records: dict[int, dict]) -> np.ndarray:
    """Return the live documents: those Whoosh holds, one per entry id.

    The same issue copied twice (its text and its PDF, or one file in two folders) gives
    the same entries, ids included, from two files: the copy of the file whose name sorts
    first is the entry, the others are left out of every count, list and look-up. They
    stay in the index, so that when that file goes, the next build makes another live.
    """
    first: dict[str, int] = {}
    for docnum in sorted(records, key=lambda d: (records[d].get("file", ""), d)):
        first.setdefault(records[docnum]["id"], docnum)
    return np.array(sorted(first.values()), dtype=np.int32)


def _facet_from_postings(
    reader: IndexReader, fieldname: str, alive: np.ndarray
) -> dict[str, np.ndarray]:
    """Read the live documents of each of a facet field's terms."""
    parts: dict[bytes, list[np.ndarray]] = defaultdict(list)
    if fieldname in reader.schema:
        # Segment by segment, each term the segment holds: no lookups of absent terms.
        for segment, offset in reader.leaf_readers():
            if fieldname in segment.indexed_field_names():
                for term in segment.lexicon(fieldname):
                    blocks = leaf_blocks(segment.postings(fieldname, term))
                    parts[term] += [np.asarray(ids, dtype=np.int64) + offset for ids in blocks]
    values = {}
    for term, arrays in sorted(parts.items()):
        value = reader.schema[fieldname].from_bytes(term)  # text, or a year's number
        ids = np.concatenate(arrays)
        ids = ids[alive[ids]]
        if value and len(ids):  # no section (the preamble), no year (0), all deleted: none
            values[str(value)] = np.sort(ids).astype(np.int32)
    return values


def _facet_from_column(
    reader: IndexReader, fieldname: str, live: np.ndarray
) -> dict[str, np.ndarray]:
    """Group the live documents by a facet field's column: what its terms would give.

    A many-valued field keeps its values joined by VALUE_SEPARATOR, which its analyzer
    splits into terms.
    """
    column = column_values(reader, fieldname)
    docs: dict[str, list[int]] = defaultdict(list)
    for docnum in live.tolist():
        value = column[docnum]
        if value:  # as above: no value, nothing to select
            for part in dict.fromkeys(str(value).split(VALUE_SEPARATOR)):
                if part:
                    docs[part].append(docnum)
    return {value: np.array(docs[value], dtype=np.int32) for value in sorted(docs)}


def _ids(reader: IndexReader, live: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sort the live documents by entry id, for lookups by id."""
    ids = column_values(reader, "id")
    keys = np.array([ids[d].encode("utf-8") for d in live.tolist()], dtype=bytes)
    order = np.argsort(keys, kind="stable")
    return keys[order], live[order].astype(np.int32)


def _groups(reader: IndexReader, live: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group the live documents sharing a duplicate key (read as one column)."""
    if GROUP_FIELD not in reader.schema:
        return _packed([])
    keys = column_values(reader, GROUP_FIELD)
    by_key: dict[str, list[int]] = defaultdict(list)
    for docnum in live.tolist():
        by_key[keys[docnum]].append(docnum)
    return _packed([np.array(ids, dtype=np.int32) for ids in by_key.values() if len(ids) > 1])


def _near_groups(reader: IndexReader, live: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group the live documents whose titles are the same or nearly so, whatever the year.

    The coverage report's suspected duplicates: groups ordered by their first title key,
    each listing its documents by title key, then document number.
    """
    if GROUP_FIELD not in reader.schema:
        return _packed([])
    column = column_values(reader, GROUP_FIELD)  # "title key|year[#section]"
    by_key: dict[str, list[int]] = defaultdict(list)
    for docnum in live.tolist():
        by_key[column[docnum].partition("|")[0]].append(docnum)
    keys = sorted(by_key)
    near = near_duplicate_groups(keys)
    linked = {i for group in near for i in group}
    groups = [[keys[i] for i in group] for group in near]
    groups += [[key] for n, key in enumerate(keys) if n not in linked and len(by_key[key]) > 1]
    groups.sort(key=lambda group: group[0])
    return _packed(
        [np.array([d for key in g for d in by_key[key]], dtype=np.int32) for g in groups]
    )


def _orders(reader: IndexReader, live: np.ndarray, records: list[dict]) -> dict[str, np.ndarray]:
    """Order the live documents by date and by title, for the sorted pages, and by the
    time they were added, for the feed.

    Newest first and oldest first both put entries without a year last; equal keys
    keep title, then document order. Titles are ranked by one sort of the strings (stable:
    equal titles stay in document order), the rest by numpy on numbers. The feed's order
    is the latest additions first, then file and line: an issue's entries in its order.
    """
    docs = live.tolist()
    year_column, title_column = column_values(reader, "year"), column_values(reader, "title_sort")
    years = np.array([year_column[d] or 0 for d in docs], dtype=np.int64)
    titles = [title_column[d] for d in docs]
    by_title = np.array(sorted(range(len(docs)), key=titles.__getitem__), dtype=np.int64)
    rank = np.empty(len(docs), dtype=np.int64)
    rank[by_title] = np.arange(len(docs))
    orders = {
        "title": by_title,
        "-date": np.lexsort((rank, -years)),
        "date": np.lexsort((rank, years, years == 0)),
        NEWEST_ADDED: _newest_added(records),
    }
    return {name: live[order].astype(np.int32) for name, order in orders.items()}


def _newest_added(records: list[dict]) -> np.ndarray:
    """Return the positions of records, the latest added first, then by file and line."""
    added = np.array([record.get("added") or 0 for record in records], dtype=np.int64)
    files = [record.get("file", "") for record in records]
    names = sorted(set(files))
    rank = dict(zip(names, range(len(names)), strict=True))
    file_rank = np.array([rank[name] for name in files], dtype=np.int64)
    lines = np.array([record.get("line", 0) for record in records], dtype=np.int64)
    return np.lexsort((lines, file_rank, -added))


def _lengths(reader: IndexReader) -> dict[str, np.ndarray]:
    """Return each scored field's one-byte length codes, as Whoosh stores them."""
    scored = (name for name, field in reader.schema.items() if field.scorable)
    return {fieldname: length_codes(reader, fieldname) for fieldname in scored}


# -- the file -------------------------------------------------------------------------------


def save(derived: Derived, generation: Path) -> None:
    """Write the arrays into a generation that is not live yet (then renamed into place)."""
    arrays: dict[str, np.ndarray] = {
        "format": np.array([FORMAT, derived.size], dtype=np.int64),
        "live": derived.live,
    }
    for facet, values in derived.facets.items():
        names = sorted(values)
        arrays[f"facet.{facet}.values"] = np.array(names, dtype=str)
        arrays[f"facet.{facet}.ids"], arrays[f"facet.{facet}.ends"] = _packed(
            [values[n] for n in names]
        )
    arrays["groups.ids"], arrays["groups.ends"] = derived.groups
    arrays["near.ids"], arrays["near.ends"] = derived.near
    for name, order in derived.orders.items():
        arrays[f"order.{name}"] = order
    for fieldname, codes in derived.lengths.items():
        arrays[f"lengths.{fieldname}"] = codes
    arrays["ids.keys"], arrays["ids.docs"] = derived.ids
    write_file_durably(generation / DERIVED, lambda out: np.savez(out, **arrays))


def load(generation: Path, size: int) -> Derived | None:
    """Read a generation's arrays; None when absent, damaged or not for this index."""
    try:
        with open(generation / DERIVED, "rb") as file, np.load(file, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except (OSError, ValueError, EOFError, TypeError, AttributeError, zipfile.BadZipFile):
        return None
    try:
        if arrays["format"].tolist() != [FORMAT, size]:
            return None
        facets = {
            facet: dict(
                zip(
                    arrays[f"facet.{facet}.values"].tolist(),
                    _unpacked(arrays[f"facet.{facet}.ids"], arrays[f"facet.{facet}.ends"]),
                    strict=True,
                )
            )
            for facet in FACET_FIELDS
        }
        return Derived(
            size=size,
            live=arrays["live"],
            facets=facets,
            groups=(arrays["groups.ids"], arrays["groups.ends"]),
            near=(arrays["near.ids"], arrays["near.ends"]),
            orders={name: arrays[f"order.{name}"] for name in ORDERS},
            lengths={
                name.removeprefix("lengths."): codes
                for name, codes in arrays.items()
                if name.startswith("lengths.")
            },
            ids=(arrays["ids.keys"], arrays["ids.docs"]),
        )
    except (KeyError, ValueError):
        return None


def _packed(parts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Concatenate id arrays and remember where each ends."""
    ends = np.cumsum([len(p) for p in parts], dtype=np.int64)
    ids = np.concatenate(parts).astype(np.int32) if parts else np.zeros(0, dtype=np.int32)
    return ids, ends


def _unpacked(ids: np.ndarray, ends: np.ndarray) -> list[np.ndarray]:
    """Split concatenated id arrays at their ends."""
    return np.split(ids, ends[:-1].tolist()) if len(ends) else []
