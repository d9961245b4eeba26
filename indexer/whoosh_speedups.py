"""Whoosh 2.7.4's segment writer, with two of its hot spots made cheap; same index bytes.

- When a segment is written, Whoosh asks for the field length of the document of every
  single posting, and each answer goes through a column reader (and, for fields without
  lengths, a file-existence check). Reading each field's lengths once per segment and
  answering from a list gives the same numbers for a fraction of the cost.
- Each posting of a new document goes through the pool's `add`, a Python method that
  checks types and estimates the posting's size in bytes so as to spill to disk past
  `limitmb`. Here a document's postings are appended in C, and the pool spills once a
  document ends past the same number of postings (at Whoosh's own size estimate).

Whoosh is no longer maintained, so the fixes live here rather than upstream.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from indexer.columns import whole_column

# About what PostingPool.add estimates a posting weighs: 150 bytes, the field name, twice the
# term, the encoded positions.
POSTING_BYTES = 190


class SegmentLengths:
    """Answer doc_field_length from per-field lists read once, delegate everything else."""

    def __init__(self, reader: Any, doc_count: int) -> None:
        self._reader = reader
        self._doc_count = doc_count
        self._by_field: dict[tuple[str, int], list[int]] = {}
        # Postings come field by field: the last field's list answers most calls.
        self._field: str | None = None
        self._default = 0
        self._lengths: list[int] = []

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        """Return the length of a field in a document, as the wrapped reader would."""
        if fieldname != self._field or default != self._default:
            key = (fieldname, default)
            if key not in self._by_field:
                self._by_field[key] = self._read(fieldname, default)
            self._field, self._default, self._lengths = fieldname, default, self._by_field[key]
        return self._lengths[docnum] if docnum < self._doc_count else default

    def _read(self, fieldname: str, default: int) -> list:
        """Read a field's lengths whole, decoded as W3PerDocReader.doc_field_length does."""
        column = f"_{fieldname}_len"
        if not self._reader.has_column(column):
            return [default] * self._doc_count
        codes = whole_column(self._reader.column_reader(column, LENGTHS_COLUMN))
        return [byte_to_length(code) if code else None for code in codes]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


class FastSegmentWriter(SegmentWriter):
    """A SegmentWriter that appends postings in C and reads field lengths whole."""

    def __init__(self, index: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(index, limitmb=limitmb, **kwargs)
        self._max_postings = limitmb * 1024 * 1024 // POSTING_BYTES

    def add_document(self, **fields: Any) -> None:
        """Add a document as Whoosh does, its postings appended to the pool's list directly."""
        pool = self.pool
        pool.add = pool.current.append  # shadows PostingPool.add for this document only
        try:
            super().add_document(**fields)
        finally:
            del pool.add
        if len(pool.current) >= self._max_postings:
            pool.save()  # a sorted run on disk, as PostingPool.add would have written

    def per_document_reader(self) -> SegmentLengths:
        """Wrap the new segment's per-document reader in the length cache."""
        return SegmentLengths(super().per_document_reader(), self.docnum)
