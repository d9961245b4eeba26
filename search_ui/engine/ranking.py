"""Rank a query's hits by BM25F over whole posting lists at once, with numpy.

Whoosh ranks by walking a tree of matchers, a few Python calls per posting: a common
word on a deep page cost a second at 100,000 entries. Here each term's postings are read
once per index generation into arrays and scored with Whoosh's own BM25F scorer's
numbers (idf, average field length, B, K1); a query's score is then the sum of its
parts' arrays, as Whoosh's matchers add up their children's scores. A query with a part
whose score is not modelled here raises Unsupported, and Whoosh ranks it as before.

Which documents hold a phrase is the one thing arrays cannot tell: Whoosh checks word
positions document by document, 1.7 s for « innovation nouvelle » at 100,000 entries
(14,642 hits). So the optional part of a query (the bonus of its words as a phrase) is
checked only among the PHRASE_WINDOW documents its required part ranks best (the first
ten pages), as search engines rescore a window of top hits: the order of those is exact,
the rest keep the score of their words. With no more hits than that, nothing changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from whoosh import query
from whoosh.query.spans import SpanNear
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from indexer.whoosh_internals.queries import is_null
from search_ui.engine.facets import bitmap_ids
from search_ui.engine.matching import QueryBitmaps, TermPostings
from search_ui.engine.phrases import Directories, phrase_among

PHRASE_WINDOW = 200  # documents, best first by their words, checked for a phrase bonus
_BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class Unsupported(Exception):
    """A query part whose score this module does not model: let Whoosh rank the query."""


class Ranker:
    """Score queries on one index generation; safe to share between threads."""

    def __init__(
        self,
        size: int,
        bitmaps: QueryBitmaps,
        lengths: dict[str, np.ndarray],
        directories: Directories | None = None,
    ) -> None:
        self.size = size
        self._bitmaps = bitmaps
        self._directories = directories or Directories()
        # Whoosh stores a field's length in one byte; decoded here as its reader does.
        self._lengths = {field: _BYTE_LENGTHS[codes] for field, codes in lengths.items()}

    def top(
        self, q: query.Query, searcher: Searcher, shown: int, start: int, count: int
    ) -> list[tuple[float, int]]:
        """Return (score, docnum) of ranks start..start+count among the documents of `shown`."""
        docnums, scores = self.order(q, searcher, shown, start + count)
        return list(zip(scores[start:].tolist(), docnums[start:].tolist(), strict=True))

    def order(
        self, q: query.Query, searcher: Searcher, shown: int, wanted: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return the documents of `shown` best first and their scores: the first `wanted`,
        or all of them (a whole result list is ranked as its pages are).

        Ties go to the lower document number, as in Whoosh's collector.
        """
        candidates = bitmap_ids(shown, self.size)
        if not len(candidates):
            return candidates, np.zeros(0)
        scores = self.scores(q, searcher, candidates)
        values = np.zeros(len(candidates)) if scores is None else scores[candidates]
        if wanted is not None and len(candidates) > wanted:
            # Keep every candidate scoring at least the wanted-th best: ties stay in.
            cutoff = np.partition(values, len(values) - wanted)[len(values) - wanted]
            keep = values >= cutoff
            candidates, values = candidates[keep], values[keep]
        order = np.lexsort((candidates, -values))[:wanted]
        return candidates[order], values[order]

    def scores(
        self, q: query.Query, searcher: Searcher, among: np.ndarray | None = None
    ) -> np.ndarray | None:
        """Return the scores for `q` of the documents it matches (None when none score).

        Documents it does not match may hold partial sums: callers rank only matches.
        `among` (sorted document numbers) are the documents to be ranked, when known:
        the phrase bonus's window is taken among them.
        """
        return self._sum([self._part(q, searcher, _Scope(among), matches_only=False)])

    def _part(self, q: query.Query, searcher: Searcher, scope: _Scope, matches_only: bool = True):
        """Return a query part's scores: dense, sparse (ids, scores), or None.

        With `matches_only`, documents the part does not match score 0, as they must
        inside an Or; an And's children may each match where the And does not.
        """
        if isinstance(q, query.Or):
            if q.scale:
                raise Unsupported("coordination bonus")
            parts = [self._part(sub, searcher, scope) for sub in q.subqueries]
            return _boosted(self._sum(parts), q.boost)
        if isinstance(q, query.And):
            parts = [self._part(sub, searcher, scope) for sub in q.subqueries]
            total = _boosted(self._sum(parts), q.boost)
        elif isinstance(q, query.AndNot):
            total = self._part(q.a, searcher, scope)
        elif isinstance(q, query.AndMaybe):
            required = self._part(q.a, searcher, scope)
            window = scope.best(self._sum([required]), PHRASE_WINDOW)
            total = self._sum([required, self._part(q.b, searcher, window)])
        elif isinstance(q, query.Not):
            total = np.ones(self.size)  # Whoosh's inverse matcher scores 1.0
        elif isinstance(q, query.Every):
            return np.full(self.size, float(q.boost))
        elif isinstance(q, query.ConstantScoreQuery):
            held = bitmap_ids(self._bitmaps.matching(q.child, searcher), self.size)
            return held, np.full(len(held), float(q.score))
        elif is_null(q):
            return None
        elif type(q) is query.Term:
            return self._term(q.fieldname, q.text, q.boost, searcher)
        elif type(q) is query.Phrase:
            parts = [self._term(q.fieldname, word, 1.0, searcher) for word in q.words]
            if any(part is None for part in parts):
                return None  # a word absent from the index: Whoosh matches nothing
            return _boosted(self._only_where(q, self._sum(parts), searcher, scope), q.boost)
        elif isinstance(q, SpanNear) and _plain_span(q):
            # Whoosh 2.7.4's SpanNear ignores its own boost; so does this.
            parts = [self._part(q.a, searcher, scope), self._part(q.b, searcher, scope)]
            return self._only_where(q, self._sum(parts), searcher, scope)
        else:
            raise Unsupported(type(q).__name__)
        return self._only_where(q, total, searcher, scope) if matches_only else total

    def _sum(self, parts: list) -> np.ndarray | None:
        """Add up dense score arrays and sparse (ids, scores) pairs; None if all are None."""
        total = None
        for part in parts:
            if part is None:
                continue
            if total is None:
                total = np.zeros(self.size)
            if isinstance(part, tuple):
                ids, values = part
                total[ids] += values
            else:
                total += part
        return total

    def _only_where(
        self, q: query.Query, total, searcher: Searcher, scope: _Scope
    ) -> np.ndarray | None:
        """Keep the scores of the documents that `q` matches (in the scope's window, if
        any), zero elsewhere."""
        total = self._sum([total])
        if total is None:
            return None
        if scope.window is not None and type(q) is query.Phrase:
            window = self._holding_every_word(q, searcher, scope.window)
            holds = phrase_among(q, searcher, window, self._directories)
        else:
            holds = bitmap_ids(self._bitmaps.matching(q, searcher), self.size)
        kept = np.zeros(self.size)
        kept[holds] = total[holds]
        return kept

    def _holding_every_word(
        self, q: query.Phrase, searcher: Searcher, documents: np.ndarray
    ) -> np.ndarray:
        """Keep the documents that hold every word of a phrase in its field: only they may
        hold the phrase, and the postings (cached) say so without reading positions."""
        for word in q.words:
            found = self._bitmaps.postings.get(q.fieldname, word, searcher)
            if found is None:
                return documents[:0]
            documents = np.intersect1d(documents, found.ids, assume_unique=True)
        return documents

    def _term(self, fieldname: str, text, boost: float, searcher: Searcher):
        """Return a term's (ids, scores), boosted, or None when the index lacks it."""
        found = self._bitmaps.postings.get(fieldname, text, searcher)
        if found is None:
            return None
        if found.scores is None:  # two threads may both compute it: the same numbers
            found.scores = self._score_term(fieldname, found, searcher)
        return _boosted((found.ids, found.scores), boost)

    def _score_term(self, fieldname: str, found: TermPostings, searcher: Searcher) -> np.ndarray:
        """Score a term's postings with the weighting's own numbers."""
        scorer = searcher.weighting.scorer(searcher, fieldname, found.text)
        if type(scorer) is BM25FScorer and fieldname in self._lengths:
            lengths = self._lengths[fieldname][found.ids]
            tf = found.weights
            # The formula of whoosh.scoring.bm25, operation for operation.
            norm = tf + scorer.K1 * ((1 - scorer.B) + scorer.B * lengths / scorer.avgfl)
            return scorer.idf * ((tf * (scorer.K1 + 1)) / norm)
        if type(scorer) is WeightScorer:
            return found.weights
        raise Unsupported(type(scorer).__name__)


@dataclass(frozen=True)
class _Scope:
    """Where a query part is scored: the documents to be ranked (None: all), and the
    window where phrases are looked for (None: everywhere)."""

    among: np.ndarray | None = None
    window: np.ndarray | None = None

    def best(self, scores: np.ndarray | None, count: int) -> _Scope:
        """Return this scope with a window: the `count` documents of `among` that score
        best (a score of 0 is no match), ties to the lower document number as in the
        ranking; no window when no more than `count` score."""
        if scores is None:
            return self
        scoring = np.flatnonzero(scores > 0)
        if self.among is not None:
            scoring = np.intersect1d(scoring, self.among, assume_unique=True)
        if len(scoring) <= count:
            return self
        values = scores[scoring]
        cutoff = np.partition(values, len(values) - count)[len(values) - count]
        above = scoring[values > cutoff]
        tied = scoring[values == cutoff][: count - len(above)]  # sorted: lowest first
        return _Scope(self.among, np.sort(np.concatenate([above, tied])))


def _plain_span(q: SpanNear) -> bool:
    """Tell whether a SpanNear nests only terms and SpanNears (what gap phrases build)."""
    return all(type(sub) is query.Term or isinstance(sub, SpanNear) for sub in (q.a, q.b))


def idf(matches: int, documents: int) -> float:
    """Return the inverse document frequency of what `matches` documents hold, as BM25
    weighs a term: a clause of a query, a section."""
    return math.log(1 + (documents - matches + 0.5) / (matches + 0.5))


def _boosted(scores, boost: float):
    """Multiply a part's scores by its query's boost, as Whoosh's wrapping matcher does."""
    if scores is None or boost == 1.0:
        return scores
    if isinstance(scores, tuple):
        return scores[0], scores[1] * boost
    return scores * boost
