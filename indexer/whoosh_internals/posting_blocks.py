"""Write a new segment's postings a term at a time; the same bytes as Whoosh 2.7.4 writes.

Whoosh's `FieldWriter.add_postings` walks the sorted postings one by one: a Python loop
that checks their order, asks each posting's field length, and hands it to the postings
writer's `add_posting`, which checks its types and updates the block's statistics. With
about seventy postings an entry, that was a quarter of a build's time. Here the postings
come grouped by term (from `term_pool`), each term's columns are sliced into
blocks of the codec's size, and each block's statistics are taken whole; the blocks
themselves are still encoded and written by Whoosh's own `W3PostingsWriter`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from whoosh.codec.whoosh3 import W3FieldWriter

# A pool posting is (field name, term bytes, document number, weight, encoded value).
_SPELLING_ONLY = -1  # the document number Whoosh's FieldWriter skips (spelling words)

LengthsOf = Callable[[str, Sequence[int]], list]
# ((field name, term bytes), that term's postings in document order), in term order
Terms = Iterable[tuple[tuple[str, bytes], list[tuple]]]


def add_postings(
    fieldwriter: W3FieldWriter, schema: Any, lengths_of: LengthsOf, terms: Terms
) -> None:
    """Write postings grouped by term through `fieldwriter`, as its `add_postings` would.

    `lengths_of(fieldname, docnums)` gives the field length of each document, as the
    segment's `doc_field_length` does.
    """
    fieldname = None
    for (name, btext), postings in terms:
        if name != fieldname:
            if fieldname is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(name, schema[name])
            fieldname = name
        if postings[0][2] == _SPELLING_ONLY:  # sorted by document: such postings come first
            postings = [posting for posting in postings if posting[2] != _SPELLING_ONLY]
            if not postings:
                continue
        _, _, docnums, weights, values = zip(*postings, strict=True)
        fieldwriter.start_term(btext)
        _write_blocks(fieldwriter._postwriter, docnums, weights, values, lengths_of(name, docnums))
        fieldwriter.finish_term()  # writes the last block, then the term's info
    if fieldname is not None:
        fieldwriter.finish_field()


def _write_blocks(
    postwriter: Any, docnums: tuple, weights: tuple, values: tuple, lengths: list
) -> None:
    """Fill the writer's block buffer a block at a time, leaving the last one buffered.

    The buffer and its statistics are set as `W3PostingsWriter.add_posting` leaves them
    after that block's postings: values that are empty are not kept, lengths of zero or
    None do not count, and the maximum weight starts from 0.
    """
    size = postwriter._blocklimit
    for start in range(0, len(docnums), size):
        end = start + size
        counted = [length for length in lengths[start:end] if length]
        postwriter._ids = array("I", docnums[start:end])
        postwriter._weights = array("f", weights[start:end])
        postwriter._values = [value for value in values[start:end] if value]
        postwriter._maxweight = max(0, max(weights[start:end]))
        postwriter._minlength = min(counted) if counted else None
        postwriter._maxlength = max(counted) if counted else 0
        if end < len(docnums):
            postwriter._write_block()
