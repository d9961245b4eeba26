"""Partial matches: the entries that hold most of a query's words, but not every one.

After the entries that match the whole query come those that lack a word, as
Elasticsearch's `minimum_should_match` and Meilisearch's matching strategy offer. Each
word or quoted phrase of the query is a clause, weighed by its idf in the corpus. An entry
is a partial match when it holds at least MIN_WORDS of the clauses (six tenths, rounded
down: one of two or three words, two of four, three of five) and the clauses it holds
carry at least MIN_WEIGHT of their weight: an entry holding only the most common words of
a query is not a match. Both were tuned on the development half of the relevance
evaluation (benchmarks/relevance): from three quarters and half of the weight, nDCG@10
0.731 -> 0.746 and recall@10 0.698 -> 0.722, the rarest word no longer outweighing the
others (« rôle des régions dans l'innovation » missed the régions' labs).

Field restrictions (`title:…`, `section:…`), year ranges and exclusions (`-mot`) always
apply; a query written with operators or parentheses has no partial matches: its logic is
the user's. A place the query names is one clause (« autres pays », every place abroad).

Partial matches are ranked by their score for the words they hold, HELD_WEIGHT times the
idf of each clause held (a place scores little by BM25F, yet says much), and their score
for what the whole matches are about (order.with_feedback). Measured on the development
half: from levels by the weight of the words held, nDCG@10 0.782 -> 0.809 with the
feedback's other changes, the rarest word no longer ranking first the entries about
something else (« rôle » in « rôle des régions dans l'innovation »); the idf of the clauses
held, 0.810 -> 0.818 (flat from 3 to 8 times). A clause's bitmap comes from QueryBitmaps
(cached there), the counting is done on boolean arrays in numpy: no loop over documents.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from indexer.schema import TYPE_WORDS_FIELD
from indexer.whoosh_internals.queries import is_null
from search_ui.engine.facets import array_bitmap, bitmap_mask
from search_ui.engine.generation import Generation
from search_ui.engine.places import find_places
from search_ui.engine.querying import bound_expansions
from search_ui.engine.ranking import idf

MIN_WORDS = 0.6  # share of the clauses an entry holds, rounded down (at least one)
MIN_WEIGHT = 0.25  # share of the clauses' idf weight the clauses it holds carry
HELD_WEIGHT = 5.0  # score of a clause held, times its idf, on top of its BM25F score
# One clause: a quoted phrase (after a field name or not), or a run of non-spaces.
_CLAUSE = re.compile(r'(?:[^\s"]+:)?"[^"]*"?|\S+')
_LOGIC = re.compile(r"[()]|^(?:AND|OR|NOT|ANDNOT|ANDMAYBE)$")
# Parts that restrict rather than describe: a field name, an exclusion, a year range.
_RESTRICTION = re.compile(r'^-.|^[^"]*:|\d\.\.\d')


@dataclass(frozen=True)
class Clause:
    """A word or phrase of the query, as typed, and the documents it matches."""

    word: str
    query: query.Query
    bits: int


@dataclass(frozen=True)
class Partial:
    """The clauses of a query and the entries that hold enough of them, but not all."""

    clauses: tuple[Clause, ...]
    weights: tuple[float, ...]  # each clause's idf
    bits: int  # live entries holding enough clauses and every restriction

    @property
    def query(self) -> query.Query:
        """Return the query that ranks partial matches: any clause, each scored as in the
        whole query, and each clause held worth HELD_WEIGHT times its idf more."""
        held = [
            query.ConstantScoreQuery(_own_words(clause.query), HELD_WEIGHT * weight)
            for clause, weight in zip(self.clauses, self.weights, strict=True)
        ]
        return query.Or([*(clause.query for clause in self.clauses), *held])

    def missing(self, docnum: int) -> list[str]:
        """Return the words of the query, as typed, that a document lacks."""
        return [clause.word for clause in self.clauses if not clause.bits >> docnum & 1]


def partial_matches(generation: Generation, searcher: Searcher, text: str) -> Partial | None:
    """Return the partial matches of a query, or None when it has fewer than two words
    (or phrases) or is written with operators."""
    tokens = _CLAUSE.findall(text)
    if any(_LOGIC.search(token) for token in tokens):
        return None
    tokens = _places_joined(tokens)
    bitmaps = generation.bitmaps
    reader = searcher.reader()
    required = bitmaps.live
    clauses: list[Clause] = []
    for token in tokens:
        word = token[1:] if token.startswith("+") and len(token) > 1 else token
        q = bound_expansions(generation.parse(word).strict, reader)
        if is_null(q) or isinstance(q, query.Every):
            continue  # a stop word or a bare wildcard: no word of the query
        bits = bitmaps.matching(_own_words(q), searcher)
        if _RESTRICTION.search(word):
            required &= bits
        elif all(clause.word != word for clause in clauses):
            clauses.append(Clause(word, q, bits))
    if len(clauses) < 2:
        return None
    documents = bitmaps.live.bit_count()
    weights = [idf(clause.bits.bit_count(), documents) for clause in clauses]
    enough = _enough(clauses, weights, bitmaps.size)
    return Partial(tuple(clauses), tuple(weights), enough & required)


def _places_joined(tokens: list[str]) -> list[str]:
    """Return the tokens with the words of each place they name joined into one clause:
    « autres pays » is one place (every place abroad), not « autres » and « pays »."""
    joined = list(tokens)
    for place in reversed(find_places(tokens)):
        joined[place.start : place.end] = [" ".join(tokens[place.start : place.end])]
    return joined


def _own_words(q: query.Query) -> query.Query:
    """Return a clause's query without the document type (`type_words`): « rapport » in
    « rapport innovation publique » ranks the reports first, but an entry is no partial
    match for being a report about something else."""
    stripped = q.accept(
        lambda part: (
            query.NullQuery if getattr(part, "fieldname", None) == TYPE_WORDS_FIELD else part
        )
    )
    return stripped.normalize()


def _enough(clauses: list[Clause], weights: list[float], size: int) -> int:
    """Return the documents holding enough of the clauses, but not all of them."""
    held = np.zeros(size)
    count = np.zeros(size, dtype=np.int32)
    for clause, weight in zip(clauses, weights, strict=True):
        mask = bitmap_mask(clause.bits, size)
        np.add(held, weight, out=held, where=mask)
        count += mask
    fewest = max(1, math.floor(len(clauses) * MIN_WORDS))
    # The tolerance keeps two words of equal weight each enough alone, despite rounding.
    enough = (count >= fewest) & (count < len(clauses))
    enough &= held >= MIN_WEIGHT * sum(weights) - 1e-9
    return array_bitmap(np.flatnonzero(enough), np.zeros(size + 1, dtype=bool))
