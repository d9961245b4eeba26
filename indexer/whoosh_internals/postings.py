"""Read a term's postings a block at a time, for the arrays and bitmaps built from them.

Walking Whoosh's matchers costs a Python call or three per posting; the whoosh3 codec
stores postings in blocks of ids and weights that can be taken whole.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import numpy as np


def posting_arrays(reader, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Return a term's document numbers and weights across segments, as numpy arrays."""
    id_parts, weight_parts = [np.zeros(0, dtype=np.int64)], [np.zeros(0)]
    for segment, offset in reader.leaf_readers():
        if (fieldname, text) not in segment:
            continue
        for ids, weights in leaf_blocks(segment.postings(fieldname, text), weights=True):
            id_parts.append(np.asarray(ids, dtype=np.int64) + offset)
            weight_parts.append(np.asarray(weights, dtype=np.float64))
    return np.concatenate(id_parts), np.concatenate(weight_parts)


def leaf_blocks(matcher, weights: bool = False) -> Iterator:
    """Yield the posting ids of a Whoosh 2.7.4 leaf matcher, one block array at a time.

    With `weights`, yield (ids, weights) pairs. Uses the block structure of the whoosh3
    codec (pinned in pyproject); any other matcher is read posting by posting.
    """
    if not hasattr(matcher, "_read_ids") or not hasattr(matcher, "_next_block"):
        ids, values = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            if weights:
                values.append(matcher.weight())
            matcher.next()
        yield (ids, values) if weights else ids
        return
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if weights:
            if matcher._weights is None:
                matcher._read_weights()
            yield matcher._ids[matcher._i :], matcher._weights[matcher._i :]
        else:
            yield matcher._ids[matcher._i :]
        matcher._next_block()


class BlockDirectory:
    """Where each posting block of one term starts in its segment, and its highest id.

    Whoosh finds a block by reading the header of every block before it; with the
    directory read once (or written by the build), a matcher goes straight to the block
    that may hold a document.
    """

    def __init__(self, offsets: list[int], max_ids: list[int]) -> None:
        self.offsets, self.max_ids = offsets, max_ids

    @classmethod
    def read(cls, matcher) -> BlockDirectory:
        """Read the directory of a whoosh3 leaf matcher's term, header after header."""
        offsets, max_ids = [], []
        offset = matcher._baseoffset
        matcher._goto(offset)
        while True:
            offsets.append(offset)
            max_ids.append(matcher._maxid)
            if matcher._lastblock:
                break
            offset = matcher._nextoffset
            matcher._goto(offset)
        return cls(offsets, max_ids)

    def seek(self, matcher, target: int) -> bool:
        """Move the matcher to document `target`; tell whether the term holds it."""
        block = bisect.bisect_left(self.max_ids, target)
        if block == len(self.max_ids):
            return False
        if matcher._atend or matcher._maxid != self.max_ids[block]:
            matcher._atend = False
            matcher._goto(self.offsets[block])
        if matcher._ids is None:
            matcher._read_ids()
        matcher._i = bisect.bisect_left(matcher._ids, target, 0, matcher._blocklength)
        return matcher._i < matcher._blocklength and matcher._ids[matcher._i] == target


def has_blocks(matcher) -> bool:
    """Tell whether a matcher is a whoosh3 leaf matcher, whose blocks can be found directly."""
    return all(hasattr(matcher, name) for name in ("_goto", "_baseoffset", "_read_ids"))
