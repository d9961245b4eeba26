"""The groups of entries that several issues list: shown once, with « Aussi dans »."""

from __future__ import annotations

import numpy as np
from whoosh.searching import Searcher

from search_ui.engine.facets import array_bitmap, bitmap_ids, bitmap_mask


class Duplicates:
    """Each group's earliest indexed entry stands for it; a copy is shown instead only when
    the query or the facets leave its group's first entry out.

    Groups come as one array of document numbers and the index where each group ends;
    the lookups are arrays over all documents, so a page's work is done in C.
    """

    def __init__(self, ids: np.ndarray, ends: np.ndarray, live: int, size: int) -> None:
        self._ids, self._size, self._live = ids, size, live
        sizes = np.diff(ends, prepend=0)
        starts = ends - sizes
        self._starts, self._ends = starts, ends
        self.group = np.full(size, -1, dtype=np.int64)  # each document's group, -1 for none
        self.group[ids] = np.repeat(np.arange(len(ends)), sizes)
        first = ids[np.repeat(starts, sizes)]
        is_copy = ids != first
        self._first = np.full(size, -1, dtype=np.int64)
        self._first[ids[is_copy]] = first[is_copy]
        self.copies = array_bitmap(ids[is_copy], np.zeros(size + 1, dtype=bool))

    def representatives(self, bits: int) -> int:
        """Keep one entry of each group in `bits` (its first when present), drop the others."""
        hidden = bits & self.copies
        if not hidden:
            return bits
        shown = bits & ~self.copies
        if bits == self._live:
            return shown  # every group's first entry is there
        copies = bitmap_ids(hidden, self._size)
        firsts = self._first[copies]
        absent = ~bitmap_mask(bits, self._size)[firsts]
        # The lowest-numbered copy present stands in for each group whose first is absent.
        _, lowest = np.unique(firsts[absent], return_index=True)
        standing_in = copies[absent][lowest]
        return shown | array_bitmap(standing_in, np.zeros(self._size + 1, dtype=bool))

    def members(self, bits: int) -> int:
        """Return `bits` and every other entry of their groups (each copy of what they hold)."""
        grouped = self.group[bitmap_ids(bits, self._size)]
        grouped = grouped[grouped >= 0]
        if not len(grouped):
            return bits
        touched = np.zeros(len(self._ends), dtype=bool)
        touched[grouped] = True
        copies = self._ids[touched[self.group[self._ids]]]
        return bits | array_bitmap(copies, np.zeros(self._size + 1, dtype=bool))

    def others(self, docnum: int, searcher: Searcher) -> list[dict[str, str]]:
        """Return the other issues' copies of a document (read when a hit is shown)."""
        group = self.group[docnum]
        if group < 0:
            return []
        members = self._ids[self._starts[group] : self._ends[group]].tolist()
        others = (searcher.stored_fields(other) for other in members if other != docnum)
        return [{key: fields[key] for key in ("id", "issue")} for fields in others]
