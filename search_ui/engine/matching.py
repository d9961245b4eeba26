"""The set of documents a query matches, as an int bitmap, with per-term bitmaps cached.

Facet counts need every hit of a query, not just the page shown. Walking Whoosh's
matchers costs a Python method call or three per posting; here a term's postings are read
block by block once into arrays (which the ranking scores too), kept as a bitmap, and a
query's set is computed by AND, OR and NOT on those bitmaps — in C. Queries that need
positions (phrases) or ranges fall back to Whoosh, cached likewise.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from indexer.build.frequent_postings import FrequentPostings
from indexer.whoosh_internals.postings import posting_arrays
from indexer.whoosh_internals.queries import is_null
from search_ui.engine.facets import array_bitmap, bitmap

MAX_CACHED_SETS = 4096
# Postings kept as arrays over all cached terms: 20 bytes each (id, weight, score), ~80 MB.
MAX_CACHED_POSTINGS = 4_000_000


@dataclass
class TermPostings:
    """A term's document numbers and weights, and their scores once the ranking computed them."""

    text: bytes
    ids: np.ndarray
    weights: np.ndarray
    scores: np.ndarray | None = None


class PostingLists:
    """Read each term's postings once per generation, within a bound on postings kept.

    A frequent term's postings come from the arrays its build wrote, when it wrote them;
    the others from Whoosh's blocks.
    """

    def __init__(self, frequent: FrequentPostings | None = None) -> None:
        self._terms: OrderedDict[tuple[str, bytes], TermPostings] = OrderedDict()
        self.kept = 0
        self._frequent = frequent
        self._lock = threading.Lock()

    def get(self, fieldname: str, text, searcher: Searcher) -> TermPostings | None:
        """Return a term's postings, or None when the index has no such term."""
        schema = searcher.schema
        if fieldname not in schema:
            return None
        try:
            btext = schema[fieldname].to_bytes(text) if isinstance(text, str) else text
        except ValueError:
            return None
        key = (fieldname, btext)
        with self._lock:
            found = self._terms.get(key)
            if found is not None:
                self._terms.move_to_end(key)
                return found
        written = self._frequent.get(fieldname, btext) if self._frequent else None
        if written is not None:
            found = TermPostings(btext, *written)
        elif key in searcher.reader():
            ids, weights = posting_arrays(searcher.reader(), fieldname, btext)
            found = TermPostings(btext, ids.astype(np.int32), weights)
        else:
            return None
        with self._lock:
            if key not in self._terms:
                self._terms[key] = found
                self.kept += len(found.ids)
            while self.kept > MAX_CACHED_POSTINGS and len(self._terms) > 1:
                _, evicted = self._terms.popitem(last=False)
                self.kept -= len(evicted.ids)
        return found

    def __iter__(self):
        """Iterate over the postings kept (for tests of the bound)."""
        with self._lock:
            return iter(list(self._terms.values()))


class QueryBitmaps:
    """Compute and cache the documents of queries on one index generation."""

    def __init__(self, size: int, live: int, frequent: FrequentPostings | None = None) -> None:
        self.size = size
        self.live = live
        self.postings = PostingLists(frequent)
        self._cache: OrderedDict[object, int] = OrderedDict()
        self._lock = threading.Lock()

    def matching(self, q: query.Query, searcher: Searcher) -> int:
        """Return the bitmap of the live documents matching `q`."""
        return self._evaluate(q, searcher) & self.live

    def _evaluate(self, q: query.Query, searcher: Searcher) -> int:
        """Evaluate a query tree on bitmaps, leaves through the cache."""
        if isinstance(q, query.Every):
            return self.live
        if is_null(q):
            return 0
        if isinstance(q, query.Or | query.DisjunctionMax):
            bits = 0
            for sub in q.subqueries:
                bits |= self._evaluate(sub, searcher)
            return bits
        if isinstance(q, query.And):
            bits = self.live
            for sub in q.subqueries:
                bits &= self._evaluate(sub, searcher)
                if not bits:
                    break
            return bits
        if isinstance(q, query.AndNot):
            return self._evaluate(q.a, searcher) & ~self._evaluate(q.b, searcher)
        if isinstance(q, query.AndMaybe):
            return self._evaluate(q.a, searcher)
        if isinstance(q, query.ConstantScoreQuery):
            return self._evaluate(q.child, searcher)
        if isinstance(q, query.Not):
            return self.live & ~self._evaluate(q.query, searcher)
        return self._cached(q, searcher)

    def _cached(self, q: query.Query, searcher: Searcher) -> int:
        """Return a leaf's bitmap from the cache, computing it on a miss."""
        key = (type(q).__name__, repr(q))
        with self._lock:
            bits = self._cache.get(key)
            if bits is not None:
                self._cache.move_to_end(key)
                return bits
        if isinstance(q, query.Term):
            bits = self._term(q, searcher)
        else:
            bits = bitmap(searcher.docs_for_query(q), self.size)
        with self._lock:
            self._cache[key] = bits
            while len(self._cache) > MAX_CACHED_SETS:
                self._cache.popitem(last=False)
        return bits

    def _term(self, q: query.Term, searcher: Searcher) -> int:
        """Pack a term's postings (read once, shared with the ranking) into a bitmap."""
        found = self.postings.get(q.fieldname, q.text, searcher)
        if found is None:
            return 0
        return array_bitmap(found.ids, np.zeros(self.size + 1, dtype=bool))
