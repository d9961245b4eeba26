"""Facet counts from per-value document bitmaps built once per index generation.

Whoosh's `groupedby` visits every hit in Python for every facet; here each facet value
is a Python int used as a bitmap, so a count is one AND and one popcount in C.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from whoosh.reading import IndexReader

from indexer.schema import FACET_FIELDS
from search_ui.matching import posting_ids


def bitmap(docnums: Iterable[int], size: int) -> int:
    """Pack document numbers into an int whose bit n is set when document n is in."""
    bits = bytearray((size + 8) // 8)
    for docnum in docnums:
        bits[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(bits, "little")


def docnums(bits: int) -> list[int]:
    """Unpack a bitmap into sorted document numbers."""
    raw = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    out = []
    for index, byte in enumerate(raw):
        while byte:
            low = byte & -byte
            out.append(index * 8 + low.bit_length() - 1)
            byte ^= low
    return out


class FacetIndex:
    """The documents of every facet value, and of the whole live index."""

    def __init__(self, reader: IndexReader) -> None:
        self.size = reader.doc_count_all()
        self.live = bitmap(reader.all_doc_ids(), self.size)
        self.values: dict[str, dict[str, int]] = {}
        for facet, fieldname in FACET_FIELDS.items():
            per_value: dict[str, int] = {}
            if fieldname in reader.schema:
                for term in list(reader.lexicon(fieldname)):
                    value = term.decode("utf-8")
                    if not value:
                        continue  # no section (the preamble), no year: nothing to select
                    ids = posting_ids(reader, fieldname, term)
                    per_value[value] = bitmap(ids, self.size) & self.live
            self.values[facet] = per_value

    def selection(self, facet: str, values: Iterable[str]) -> int:
        """Return the documents having any of `values` in `facet` (OR within a facet)."""
        bits = 0
        for value in values:
            bits |= self.values.get(facet, {}).get(value, 0)
        return bits

    def counts(self, facet: str, within: int) -> dict[str, int]:
        """Count, for each value of a facet, the documents of `within` that have it."""
        counts = {}
        for value, bits in self.values.get(facet, {}).items():
            count = (bits & within).bit_count()
            if count:
                counts[value] = count
        return counts


def disjunctive_counts(
    facets: FacetIndex, hits: int, filters: Mapping[str, int], names: Iterable[str]
) -> dict[str, dict[str, int]]:
    """Count each facet over the hits filtered by every *other* facet's selection.

    So that, within a facet that has a selection, the other values stay choosable.
    """
    result = {}
    for name in names:
        within = hits
        for other, bits in filters.items():
            if other != name:
                within &= bits
        result[name] = facets.counts(name, within)
    return result
