"""Read a term's postings a block at a time, for the arrays and bitmaps built from them.

Walking Whoosh's matchers costs a Python call or three per posting; the whoosh3 codec
stores postings in blocks of ids and weights that can be taken whole.
"""

from __future__ import annotations

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
