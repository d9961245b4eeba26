"""Read a Whoosh column whole, rather than one document at a time.

Whoosh 2.7.4's column readers fetch each value with a seek and a read; for 100,000
documents that was about a second per column. The two column kinds veille uses store
their values contiguously (fixed-size numbers; byte strings with an offsets and lengths
table), so one read per segment gives them all. Other readers are read value by value.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.reading import IndexReader


def column_values(reader: IndexReader, fieldname: str) -> list[Any]:
    """Return every document's value of a field's column, as Whoosh would translate it."""
    field = reader.schema[fieldname]
    values: list[Any] = []
    for segment, _ in reader.leaf_readers():
        if not segment.has_column(fieldname):  # an empty index: Whoosh's EmptyReader
            values += [None] * segment.doc_count_all()
            continue
        raw = whole_column(segment.column_reader(fieldname, translate=False))
        values += [field.from_column_value(v) for v in raw]
    return values


def length_codes(reader: IndexReader, fieldname: str) -> np.ndarray:
    """Return every document's one-byte length code in a field (0 when it has none)."""
    codes = np.zeros(reader.doc_count_all(), dtype=np.uint8)
    for segment, offset in reader.leaf_readers():
        perdoc = getattr(segment, "_perdoc", None)  # None in an empty index's EmptyReader
        column = f"_{fieldname}_len"  # where Whoosh 2.7.4 keeps them
        if perdoc is not None and perdoc.has_column(column):
            values = whole_column(perdoc.column_reader(column, LENGTHS_COLUMN))
            codes[offset : offset + len(values)] = values
    return codes


def whole_column(column) -> list[Any]:
    """Read all the values of one segment's raw (untranslated) column reader."""
    if isinstance(column, NumericColumn.Reader):
        stored = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        values = np.frombuffer(stored, dtype=np.dtype(column._typecode).newbyteorder(">"))
        missing = column._doccount - len(values)  # trailing defaults are not written
        return values.tolist() + [column._default] * missing
    if isinstance(column, VarBytesColumn.Reader):
        offsets, lengths = column._offsets, column._lengths
        end = max((o + n for o, n in zip(offsets, lengths, strict=True)), default=0)
        stored = column._dbfile.get(column._basepos, end) if end else b""
        return [stored[o : o + n] for o, n in zip(offsets, lengths, strict=True)]
    return list(column)
