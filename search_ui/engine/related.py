"""Pseudo-relevance feedback: what the best whole matches of a query are about, to rank its
partial matches and to list, after them, the entries on the same subjects that lack its words.

A documentalist looking for every study on a subject lists entries that never use the
words typed (« Le LAB Pôle Emploi » for « policy labs »). The best FEEDBACK_DOCUMENTS whole
matches say what the query is about: the key terms of their titles and descriptions
(Bo1-weighted, as Whoosh's key_terms and « Documents proches » weigh them) summed into a
weighted OR of the FEEDBACK_TERMS heaviest. That query ranks the partial matches together
with their own words (order.py), and brings the related tier: the entries holding at least
MIN_TERMS of those terms that the tiers before do not show, ranked by their score for it,
MAX_RELATED at most. Tuned on the development half of the relevance evaluation
(benchmarks/relevance): terms of any one of five documents rather than of two, twenty
rather than ten, and the partial matches ranked with them, nDCG@10 0.782 -> 0.809 and
recall@10 0.747 -> 0.781.

The work is bounded: a fixed number of feedback documents and terms, each document's key
terms computed once per generation (KeyTerms), and the related tier is only offered after
a short list (fewer than LISTED_BELOW whole and partial matches), where reading on is
likely and its ranking is over few candidates. No whole match, no feedback: an
unanswerable query stays unanswered. A query written with operators, field names,
exclusions or year ranges has no feedback: its logic is the user's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from search_ui.engine.facets import array_bitmap, bitmap_mask
from search_ui.engine.generation import Generation
from search_ui.engine.key_terms import FIELDS, Terms

FEEDBACK_DOCUMENTS = 5  # best whole matches read for their key terms
FEEDBACK_TERMS = 20  # terms of the feedback query
MIN_TERMS = 2  # feedback terms a related entry holds (all of them when fewer)
MAX_RELATED = 20  # related entries listed
LISTED_BELOW = 50  # the tier follows result lists (whole and partial) shorter than this
_WRITTEN_LOGIC = re.compile(r"[()]|(?:^|\s)[-+]\S|\S:|\d\.\.\d|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b")


@dataclass(frozen=True)
class Related:
    """The feedback terms of a query and the entries they bring."""

    terms: Terms
    bits: int  # the MAX_RELATED best entries for the feedback query

    @property
    def query(self) -> query.Query:
        """Return the weighted OR that ranks related entries."""
        return feedback_query(self.terms)


def feedback_query(terms: Terms) -> query.Query:
    """Return an OR of the terms over the title and description, each at its weight."""
    return query.Or(
        [query.Term(name, term, boost=weight) for term, weight in terms for name in FIELDS]
    )


def feedback_terms(generation: Generation, searcher: Searcher, best: list[int]) -> Terms:
    """Sum the key terms of the best whole matches; keep the FEEDBACK_TERMS heaviest."""
    weights: dict[str, float] = {}
    for docnum in best:
        for term, weight in generation.key_terms.of(docnum, searcher):
            weights[term] = weights.get(term, 0.0) + weight
    kept = sorted(((w, t) for t, w in weights.items()), key=lambda p: (-p[0], p[1]))
    kept = kept[:FEEDBACK_TERMS]
    top = kept[0][0] if kept else 1.0
    return tuple((term, weight / top) for weight, term in kept)


def offers_feedback(text: str) -> bool:
    """Tell whether a query may have feedback: plain words, no logic of its own."""
    return bool(text.strip()) and not _WRITTEN_LOGIC.search(text)


def holding(generation: Generation, searcher: Searcher, terms: Terms) -> int:
    """Return the live entries holding at least MIN_TERMS of the feedback terms (all of
    them when there are fewer), counted on the terms' cached bitmaps in numpy."""
    bitmaps = generation.bitmaps
    size = bitmaps.size
    count = np.zeros(size, dtype=np.int32)
    for term, _ in terms:
        bits = bitmaps.matching(query.Or([query.Term(name, term) for name in FIELDS]), searcher)
        count += bitmap_mask(bits, size)
    enough = np.flatnonzero(count >= min(MIN_TERMS, len(terms)))
    return array_bitmap(enough, np.zeros(size + 1, dtype=bool)) & bitmaps.live


def ranked_related(
    generation: Generation, searcher: Searcher, terms: Terms, candidates: int
) -> Related | None:
    """Rank the candidates by the feedback query; keep the MAX_RELATED best."""
    if not candidates:
        return None
    best, _ = generation.ranker.order(feedback_query(terms), searcher, candidates, MAX_RELATED)
    size = generation.bitmaps.size
    return Related(terms, array_bitmap(best[:MAX_RELATED], np.zeros(size + 1, dtype=bool)))
