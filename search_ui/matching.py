"""The set of documents a query matches, as an int bitmap, with per-term bitmaps cached.

Facet counts need every hit of a query, not just the page shown. Walking Whoosh's
matchers costs a Python method call or three per posting; here a term's posting ids are
read block by block once, kept as a bitmap, and a query's set is computed by AND, OR and
NOT on those bitmaps — in C. Queries that need positions (phrases) or ranges fall back
to Whoosh, cached likewise.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from indexer.postings import posting_arrays
from search_ui.facets import array_bitmap, bitmap

MAX_CACHED_SETS = 4096


class QueryBitmaps:
    """Compute and cache the documents of queries on one index generation."""

    def __init__(self, size: int, live: int) -> None:
        self.size = size
        self.live = live
        self._cache: OrderedDict[object, int] = OrderedDict()
        self._lock = threading.Lock()

    def matching(self, q: query.Query, searcher: Searcher) -> int:
        """Return the bitmap of the live documents matching `q`."""
        return self._evaluate(q, searcher) & self.live

    def _evaluate(self, q: query.Query, searcher: Searcher) -> int:
        """Evaluate a query tree on bitmaps, leaves through the cache."""
        if isinstance(q, query.Every):
            return self.live
        if q is query.NullQuery or isinstance(q, query.qcore._NullQuery):
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
        """Read a term's postings segment by segment, a block of ids at a time."""
        schema = searcher.schema
        if q.fieldname not in schema:
            return 0
        text = schema[q.fieldname].to_bytes(q.text) if isinstance(q.text, str) else q.text
        ids, _ = posting_arrays(searcher.reader(), q.fieldname, text)
        return array_bitmap(ids, np.zeros(self.size + 1, dtype=bool))
