"""Ranking metrics over one ranked list of entry ids and the graded judgments of one need.

Pure functions, each small enough to check by hand. Grades are 0 (not relevant), 1
(partly) and 2 (squarely); an entry is relevant from grade 1 on. A need without any
relevant entry has no nDCG, recall or rank: callers leave it out of those means.
tests/benchmarks/test_relevance.py checks each against figures worked out by hand.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

RELEVANT = 1  # the least grade that makes an entry relevant


def dcg(gains: Iterable[float]) -> float:
    """Return the discounted cumulative gain of gains in rank order (rank 1 first): each
    gain divided by log2(rank + 1), so [2, 0, 1] gives 2 + 0 + 1/2."""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg(ranking: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Return nDCG@k: the DCG of the first k ids over that of the best possible k.

    The ideal ranking is built from every judged entry, not from the ids returned, so
    that a relevant entry the engine never found lowers the figure.
    """
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    if ideal == 0:
        raise ValueError("nDCG is undefined for a need without a relevant entry")
    return dcg(grades.get(entry, 0) for entry in ranking[:k]) / ideal


def relevant(grades: Mapping[str, int]) -> set[str]:
    """Return the entries graded relevant."""
    return {entry for entry, grade in grades.items() if grade >= RELEVANT}


def recall(ranking: Sequence[str], grades: Mapping[str, int], k: int | None) -> float:
    """Return the share of relevant entries found in the first k ids (every id when k is
    None), out of as many as the first k can hold: a perfect ranking scores 1 even when a
    need has more than k relevant entries.
    """
    wanted = relevant(grades)
    if not wanted:
        raise ValueError("recall is undefined for a need without a relevant entry")
    shown = ranking if k is None else ranking[:k]
    room = len(wanted) if k is None else min(len(wanted), k)
    return len(wanted.intersection(shown)) / room


def reciprocal_rank(ranking: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Return 1 / the rank of the first relevant id among the first k, 0 when none is."""
    for rank, entry in enumerate(ranking[:k], start=1):
        if grades.get(entry, 0) >= RELEVANT:
            return 1 / rank
    return 0.0


def mean(values: Iterable[float]) -> float:
    """Return the arithmetic mean, NaN for no value (a kind a half does not hold)."""
    values = list(values)
    return sum(values) / len(values) if values else math.nan
