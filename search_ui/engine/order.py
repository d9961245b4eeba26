"""The order of a request's documents: ranked by BM25F for its query, or in a sort the build
stored; the partial matches by their own words and the feedback query together; then the
related entries, ranked by the feedback query.

Pages and the stream of every hit share these functions, so that an export lists what a
reader paging through sees. Whoosh's limited search is never used: it can drop matches
from the top of small indexes (see `ranked` and `exhaustive_top`).
"""

from __future__ import annotations

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from search_ui.engine.facets import bitmap_mask, docnums
from search_ui.engine.generation import Generation
from search_ui.engine.key_terms import Terms
from search_ui.engine.ranking import Unsupported
from search_ui.engine.related import Related, feedback_query
from search_ui.engine.selection import Selection, feedback

Ordered = tuple[np.ndarray, np.ndarray | None]  # documents, and their scores when ranked
_EMPTY = np.zeros(0, dtype=np.int64)


def page_of(
    generation: Generation,
    searcher: Searcher,
    chosen: Selection,
    sort: str,
    start: int,
    count: int,
    reference: bool = False,
) -> tuple[Ordered, Ordered, Ordered]:
    """Return the whole matches at ranks start..start+count, then the partial matches and
    the related entries that fill the rest of the page: a page may hold the end of one tier
    and the start of the next, each tier counted from the end of the one before."""
    whole = ordered(generation, searcher, chosen.query, chosen.shown, sort, start, count, reference)
    wanted = count - len(whole[0])
    partial: Ordered = (_EMPTY, None)
    after = max(0, start - chosen.shown.bit_count())
    if chosen.partial is not None and chosen.partial_shown and wanted > 0:
        q = chosen.partial.query
        if sort == "relevance":
            q = with_feedback(q, feedback(generation, searcher, chosen))
        partial = ordered(
            generation, searcher, q, chosen.partial_shown, sort, after, wanted, reference
        )
        wanted -= len(partial[0])
    related: Ordered = (_EMPTY, None)
    if chosen.related is not None and wanted > 0:
        after = max(0, after - chosen.partial_shown.bit_count())
        related = related_ordered(generation, searcher, chosen.related, sort, after, wanted)
    return whole, partial, related


def related_ordered(
    generation: Generation, searcher: Searcher, related: Related, sort: str, start: int, count: int
) -> Ordered:
    """Return the related entries at ranks start..start+count: by relevance, by their
    score for the feedback query; else in the sort."""
    if sort != "relevance":
        return ordered(generation, searcher, related.query, related.bits, sort, start, count)
    return ranked(generation, searcher, related.query, related.bits, start, count)


def ordered(
    generation: Generation,
    searcher: Searcher,
    q: query.Query,
    shown: int,
    sort: str,
    start: int,
    count: int | None,
    reference: bool = False,
) -> Ordered:
    """Return the documents of `shown` at ranks start..start+count (to the end without a
    count) and their scores for `q`, None when the order is a stored sort.

    `sort` is the request's effective sort; relevance without a query is the newest first.
    """
    if sort == "relevance" and not isinstance(q, query.Every):
        return ranked(generation, searcher, q, shown, start, count, reference)
    end = None if count is None else start + count
    return shown_in(generation, shown, "-date" if sort == "relevance" else sort)[start:end], None


def with_feedback(q: query.Query, terms: Terms) -> query.Query:
    """Return a partial matches' query that also weighs what the whole matches are about.

    The words an entry holds rank it, but « rôle » held in « rôle des régions dans
    l'innovation » says less of its subject than the regions' labs do: the feedback query
    (related.py), its heaviest term weighing as a word of the query, brings forward the
    partial matches on the whole matches' subjects. Without feedback, the words alone rank
    them.
    """
    return query.Or([q, feedback_query(terms)]) if terms else q


def ranked(
    generation: Generation,
    searcher: Searcher,
    q: query.Query,
    shown: int,
    start: int,
    count: int | None,
    whoosh_only: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Rank the documents of `shown` for `q`: ranks start..start+count, and their scores.

    Vectorised BM25F (search_ui.engine.ranking) unless `q` has a part it does not model
    (a numeric range) or `whoosh_only` asks for the reference: then Whoosh scores every hit.
    """
    if not whoosh_only:
        try:
            end = None if count is None else start + count
            docs, scores = generation.ranker.order(q, searcher, shown, end)
            return docs[start:], scores[start:]
        except Unsupported:
            pass  # Whoosh ranks it, below
    pairs = exhaustive_top(searcher, q, shown, start, count)
    docs = np.array([docnum for _, docnum in pairs], dtype=np.int64)
    return docs, np.array([score for score, _ in pairs], dtype=np.float64)


def exhaustive_top(
    searcher: Searcher, q: query.Query, shown: int, start: int, count: int | None
) -> list[tuple[float, int]]:
    """Rank every document of `shown` with Whoosh's matchers, ties to the lower number.

    Whoosh's limited search is not used as the reference: on indexes under 5,000
    documents its pre-loaded unions drop some matches from the top.
    """
    if not shown:
        return []
    results = searcher.search(q, limit=None, filter=set(docnums(shown)))
    ranked = sorted(results.top_n, key=lambda pair: (-pair[0], pair[1]))
    return ranked[start:] if count is None else ranked[start : start + count]


def shown_in(generation: Generation, shown: int, order_name: str) -> np.ndarray:
    """Return the documents of a bitmap, in one of the generation's stored orders."""
    order = generation.derived.orders[order_name]
    return order[bitmap_mask(shown, generation.facets.size)[order]]
