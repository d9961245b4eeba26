"""« Documents proches »: the entries most like one entry, listed on its page.

An entry's key terms (title and description, Bo1, computed once per generation: those a
search's feedback reads, related.py) make a weighted OR; the entries holding any of them
(one of each group of copies, none of the entry's own) are ranked by the vectorised BM25F
for it, plus SECTION_WEIGHT times the idf of the entry's section for those filed in the
same one: a newsletter's sections are its themes, and two entries of « Tiers-lieux » are
alike even when their descriptions share few words.

Measured on the relevance evaluation's needs (benchmarks/relevance), as the share of the
five listed for an entry that answers a need best (grade 2) that are relevant to the need
too: Whoosh's more_like on the description, 0.27 (development half) / 0.26 (held out); the
key terms, 0.37 / 0.41; with the section, 0.42 / 0.46.
"""

from __future__ import annotations

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from indexer.facet_specs import facet
from search_ui.engine.generation import Generation
from search_ui.engine.order import ranked
from search_ui.engine.ranking import idf
from search_ui.engine.related import feedback_query

SECTION = facet("section")
SECTION_WEIGHT = 2.0  # score of sharing the entry's section, times the section's idf


def similar_documents(
    generation: Generation, searcher: Searcher, docnum: int, limit: int, whoosh_only: bool
) -> np.ndarray:
    """Return the documents most like one document, best first, `limit` at most."""
    q, others = similarity(generation, searcher, docnum)
    if not others:
        return np.zeros(0, dtype=np.int64)  # no word that another entry holds
    best, _ = ranked(generation, searcher, q, others, 0, limit, whoosh_only)
    return best


def similarity(generation: Generation, searcher: Searcher, docnum: int) -> tuple[query.Query, int]:
    """Return the query that ranks the entries like a document, and those it may list: the
    others holding any of its key terms, one of each group of copies, none of its own (the
    same document listed by another issue would come first)."""
    words = feedback_query(generation.key_terms.of(docnum, searcher))
    copies = generation.duplicates
    others = generation.bitmaps.matching(words, searcher) & ~copies.members(1 << docnum)
    others = copies.representatives(others)
    if not others:
        return words, 0
    record = searcher.stored_fields(docnum)["record"]
    return query.Or([words, *_same_section(generation, record)]), others


def _same_section(generation: Generation, record: dict) -> list[query.Query]:
    """Return the constant-score bonus of each section the entry is filed in."""
    facets = generation.facets
    documents = facets.live.bit_count()
    bonus = []
    for value in SECTION.record_values(record):
        members = facets.selection(SECTION.key, [value]).bit_count()
        if members:
            term = query.Term(SECTION.field, value)
            bonus.append(query.ConstantScoreQuery(term, SECTION_WEIGHT * idf(members, documents)))
    return bonus
