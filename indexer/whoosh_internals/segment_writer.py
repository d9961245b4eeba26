"""Whoosh 2.7.4's segment writer, with four of its hot spots made cheap; the same index.

- When a segment is written, Whoosh asks for the field length of the document of every
  single posting, and each answer goes through a column reader (and, for fields without
  lengths, a file-existence check). Reading each field's lengths once per segment and
  answering from a list gives the same numbers for a fraction of the cost.
- Each posting of a new document goes through the pool's `add`, a Python method that
  checks types and estimates the posting's size in bytes so as to spill to disk past
  `limitmb`. Here a document's postings are appended in C, and the pool spills once a
  document ends past the same number of postings (at Whoosh's own size estimate).
- The pool keeps postings grouped by term, and spills and merges runs a term at a time
  (`indexer.whoosh_internals.term_pool`); the segment's postings are written a term at a time too
  (`indexer.whoosh_internals.posting_blocks`).

The postings files are byte for byte Whoosh's when the pool never spills to disk; spilled
runs give the same postings read back (pickled blocks then share fewer objects, which
changes Whoosh's own bytes too). Whoosh is no longer maintained, so the fixes live here
rather than upstream.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3FieldWriter
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from indexer.whoosh_internals.columns import whole_column
from indexer.whoosh_internals.posting_blocks import add_postings
from indexer.whoosh_internals.term_pool import TermPool

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
            self._field, self._default = fieldname, default
            self._lengths = self._field_lengths(fieldname, default)
        return self._lengths[docnum] if docnum < self._doc_count else default

    def lengths_of(self, fieldname: str, docnums: Sequence[int]) -> list:
        """Return the length of a field in each of these documents, as above."""
        lengths = self._field_lengths(fieldname, 0)
        if max(docnums) < self._doc_count:
            return list(map(lengths.__getitem__, docnums))
        return [self.doc_field_length(docnum, fieldname) for docnum in docnums]

    def _field_lengths(self, fieldname: str, default: int) -> list:
        key = (fieldname, default)
        if key not in self._by_field:
            self._by_field[key] = self._read(fieldname, default)
        return self._by_field[key]

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
        self.pool = TermPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        self._max_postings = limitmb * 1024 * 1024 // POSTING_BYTES

    @classmethod
    def unlocked(cls, index: Any, limitmb: int) -> FastSegmentWriter:
        """Return a writer that takes no lock: a worker's, whose build holds the index lock."""
        return cls(index, _lk=False, limitmb=limitmb)

    def finish_segment(self) -> Any:
        """Write the segment's files and return it unpublished, as MpWriter's workers do."""
        return self._finalize_segment()

    def add_document(self, **fields: Any) -> None:
        """Add a document as Whoosh does, its postings appended to the pool's list directly."""
        pool = self.pool
        pool.add = pool.current.append  # shadows PostingPool.add for this document only
        try:
            super().add_document(**fields)
        finally:
            del pool.add
        if len(pool.current) >= self._max_postings:
            pool.save()  # a run on disk, where PostingPool.add would have written one

    def per_document_reader(self) -> SegmentLengths:
        """Wrap the new segment's per-document reader in the length cache."""
        return SegmentLengths(super().per_document_reader(), self.docnum)

    def _flush_segment(self) -> None:
        """Write the pool's postings a term at a time (SegmentWriter's, but for that call)."""
        if type(self.fieldwriter) is not W3FieldWriter:  # another codec: Whoosh's own loop
            super()._flush_segment()
            return
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        add_postings(self.fieldwriter, self.schema, lengths.lengths_of, self.pool.terms())
        self.fieldwriter.close()
        lengths.close()
