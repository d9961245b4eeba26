"""Near-duplicate titles, found by blocking at build time instead of comparing every pair.

Two title keys are near-duplicates when their lengths differ by at most a fifth and
difflib's ratio reaches 0.9 (a subtitle cut, a typo): the coverage report's rule. Comparing
every pair is quadratic (17 minutes at 10,000 titles), so only candidates are compared:
neighbours in the keys sorted forwards and backwards (a difference late or early in the
title) and keys sharing a two-word sequence that few titles share. Candidates are first
screened by rapidfuzz's Indel similarity, which is never below difflib's ratio (difflib
counts at most the longest common subsequence), so the screen drops no pair difflib keeps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import pairwise

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cpdist

NEAR_DUPLICATE_RATIO = 0.9
LENGTH_SPREAD = 0.2  # lengths within a fifth of the longer: the ratio cannot reach 0.9 beyond
NEIGHBOURS = 10  # keys compared on each side in each sorted order
BLOCK_LIMIT = 64  # a two-word sequence shared by more titles than this says nothing


def similar(a: str, b: str) -> bool:
    """Tell whether two title keys are near-duplicates (the coverage report's rule)."""
    return (
        abs(len(a) - len(b)) <= LENGTH_SPREAD * max(len(a), len(b))
        and SequenceMatcher(None, a, b).ratio() >= NEAR_DUPLICATE_RATIO
    )


def near_duplicate_groups(keys: Sequence[str]) -> list[list[int]]:
    """Return the groups of keys linked by near-duplicate pairs, each in key order.

    Candidates are compared from the most similar down, and a pair whose keys are already
    in one group is not compared: only the groups are wanted, and difflib is the cost.
    """
    parent = list(range(len(keys)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first, second, scores = _screened(keys)
    matcher = SequenceMatcher(None)
    for rank in np.argsort(-scores, kind="stable").tolist():
        i, j = int(first[rank]), int(second[rank])
        a, b = root(i), root(j)
        if a == b:
            continue
        matcher.set_seqs(keys[i], keys[j])
        if matcher.ratio() >= NEAR_DUPLICATE_RATIO:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(keys)):
        groups[root(index)].append(index)
    return [group for group in groups.values() if len(group) > 1]


def _screened(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the candidate pairs that pass the length rule and the Indel screen, and scores."""
    first, second = _candidates(keys)
    lengths = np.fromiter((len(key) for key in keys), dtype=np.int64, count=len(keys))
    longer = np.maximum(lengths[first], lengths[second])
    close = np.abs(lengths[first] - lengths[second]) <= LENGTH_SPREAD * longer
    first, second = first[close], second[close]
    scores = cpdist(
        [keys[i] for i in first.tolist()],
        [keys[j] for j in second.tolist()],
        scorer=Indel.normalized_similarity,
        dtype=np.float64,
    )
    kept = scores >= NEAR_DUPLICATE_RATIO - 1e-9
    return first[kept], second[kept], scores[kept]


def _candidates(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return the candidate pairs as two arrays (first < second), each pair once."""
    size = len(keys)
    parts = [_neighbours(sorted(range(size), key=keys.__getitem__))]
    parts.append(_neighbours(sorted(range(size), key=lambda i: keys[i][::-1])))
    parts.extend(_block_pairs(keys))
    pairs = np.concatenate(parts) if parts else np.empty((0, 2), dtype=np.int64)
    pairs.sort(axis=1)
    codes = np.unique(pairs[:, 0] * size + pairs[:, 1])
    return codes // size, codes % size


def _neighbours(order: list[int]) -> np.ndarray:
    """Return the pairs of keys at most NEIGHBOURS apart in one sorted order."""
    ranked = np.asarray(order, dtype=np.int64)
    pairs = [
        np.stack([ranked[:-step], ranked[step:]], axis=1)
        for step in range(1, min(NEIGHBOURS, len(ranked) - 1) + 1)
    ]
    return np.concatenate(pairs) if pairs else np.empty((0, 2), dtype=np.int64)


def _block_pairs(keys: Sequence[str]) -> list[np.ndarray]:
    """Return the pairs of keys that share a two-word sequence shared by few keys."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        words = key.split()
        for pair in set(pairwise(words)):
            blocks[pair].append(index)
    found = []
    for members in blocks.values():
        if 1 < len(members) <= BLOCK_LIMIT:
            block = np.asarray(members, dtype=np.int64)
            first, second = np.triu_indices(len(block), k=1)
            found.append(np.stack([block[first], block[second]], axis=1))
    return found
