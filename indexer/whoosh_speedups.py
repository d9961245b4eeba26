"""A speed-up for Whoosh 2.7.4's segment writer, installed once by the index builder.

When a segment is written, Whoosh asks for the field length of the document of every
single posting, and each answer goes through a column reader (and, for fields without
lengths, a file-existence check). Reading each field's lengths once per segment and
answering from a list gives the same numbers for a fraction of the cost. Whoosh is no
longer maintained, so the fix lives here rather than upstream.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from indexer.columns import whole_column

_original_per_document_reader = SegmentWriter.per_document_reader


class SegmentLengths:
    """Answer doc_field_length from per-field lists read once, delegate everything else."""

    def __init__(self, reader: Any, doc_count: int) -> None:
        self._reader = reader
        self._doc_count = doc_count
        self._by_field: dict[tuple[str, int], list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        """Return the length of a field in a document, as the wrapped reader would."""
        key = (fieldname, default)
        lengths = self._by_field.get(key)
        if lengths is None:
            lengths = self._read(fieldname, default)
            self._by_field[key] = lengths
        return lengths[docnum] if docnum < self._doc_count else default

    def _read(self, fieldname: str, default: int) -> list:
        """Read a field's lengths whole, decoded as W3PerDocReader.doc_field_length does."""
        column = f"_{fieldname}_len"
        if not self._reader.has_column(column):
            return [default] * self._doc_count
        codes = whole_column(self._reader.column_reader(column, LENGTHS_COLUMN))
        return [byte_to_length(code) if code else None for code in codes]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def _per_document_reader(self: SegmentWriter) -> SegmentLengths:
    """Wrap the new segment's per-document reader in the length cache."""
    return SegmentLengths(_original_per_document_reader(self), self.docnum)


def install() -> None:
    """Patch Whoosh's segment writer (idempotent)."""
    SegmentWriter.per_document_reader = _per_document_reader
