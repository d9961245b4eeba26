"""Which documents a request shows: its words' hits through the facet filters, one entry
of each group of copies, then the entries holding most of its words (partial.py); when the
words find nothing, the hits of the suggested spelling, then of any word. The result pages
and the stream of every hit share this one choice (the stream takes the whole matches).
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query
from whoosh.searching import Searcher

from analyzers import STOP_WORDS, stem
from indexer.facet_specs import year_facet
from indexer.schema import FACET_FIELDS, TEXT_FIELDS
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.generation import Generation
from search_ui.engine.key_terms import Terms
from search_ui.engine.partial import Partial, partial_matches
from search_ui.engine.places import QueryPlace
from search_ui.engine.querying import ParsedQuery, bound_expansions
from search_ui.engine.ranking import Unsupported
from search_ui.engine.related import (
    FEEDBACK_DOCUMENTS,
    LISTED_BELOW,
    Related,
    feedback_terms,
    holding,
    offers_feedback,
    ranked_related,
)
from search_ui.engine.spelling import check_spelling, with_accents


@dataclass
class Selection:
    """The documents a request shows and the query that chose them."""

    query: query.Query  # the request's words, or the fallback that found something
    hits: int  # what the query matches, before the facet filters (for the counts)
    filters: dict[str, int]
    shown: int  # the hits left by the filters, one entry of each group of copies
    total: int  # shown by the request's own words (0 when relaxed)
    relaxed: bool
    suggestion: str | None
    absent: tuple[str, ...] = ()  # French words of the query that no entry holds
    common: tuple[str, ...] = ()  # its words, when all are too common to be searched (« le »)
    partial: Partial | None = None  # the query's clauses, when it may match in part
    partial_shown: int = 0  # entries with part of the words, shown after `shown`
    related: Related | None = None  # entries on the same subjects, shown after those
    places: tuple[QueryPlace, ...] = ()  # the places the query names (places.py)
    words: str = ""  # the text whose whole matches are `shown`, once they are known
    feedback: Terms | None = None  # what those are about (related.py), once asked


def select(
    generation: Generation,
    searcher: Searcher,
    request: SearchRequest,
    partial: bool = False,
    related: bool = False,
) -> Selection:
    """Return the documents a request shows, falling back when its words find nothing;
    with `partial`, the entries holding part of its words too, when some hold them all;
    with `related`, then the entries on the same subjects (related.py)."""
    text = with_accents(request.q, generation.corrector(searcher).spelled)
    parsed = generation.parse(text)
    strict = bound_expansions(parsed.strict, searcher.reader())
    filters = _filters(generation, request)
    hits = generation.bitmaps.matching(strict, searcher)
    shown = generation.duplicates.representatives(_filtered_bits(hits, filters))
    chosen = Selection(strict, hits, filters, shown, shown.bit_count(), False, None)
    chosen.places = parsed.places
    if strict is query.NullQuery:
        chosen.common = _too_common(parsed.words)
    if chosen.total:
        _add_tiers(generation, searcher, text, chosen, partial, related)
    elif text.strip():
        spelling = check_spelling(
            parsed.words, generation.corrector(searcher), _indexed(generation, searcher)
        )
        chosen.suggestion, chosen.absent = spelling.suggestion, spelling.absent
        for text, alternative in _alternatives(generation, parsed, chosen.suggestion, searcher):
            candidate = generation.bitmaps.matching(alternative, searcher)
            if _filtered_bits(candidate, filters):
                shown = generation.duplicates.representatives(_filtered_bits(candidate, filters))
                chosen.query, chosen.hits, chosen.shown = alternative, candidate, shown
                chosen.relaxed = True
                if text is not None:  # the suggestion stands for the query: its tiers too
                    _add_tiers(generation, searcher, text, chosen, partial, related)
                break
    return chosen


def _too_common(words: tuple[str, ...]) -> tuple[str, ...]:
    """Return the words of a query that searched nothing, when each is a stop word."""
    if words and all(word.casefold() in STOP_WORDS for word in words):
        return words
    return ()


def _add_tiers(
    generation: Generation,
    searcher: Searcher,
    text: str,
    chosen: Selection,
    partial: bool,
    related: bool,
) -> None:
    """Add, after the entries with every word of `text`, the tiers asked for."""
    chosen.words = text
    if partial:
        _add_partial(generation, searcher, text, chosen)
    if related:
        _add_related(generation, searcher, chosen)


def _add_partial(generation: Generation, searcher: Searcher, text: str, chosen: Selection) -> None:
    """Add the entries that hold part of the words, through the same filters, leaving out
    every copy of an entry the whole query shows."""
    partial = partial_matches(generation, searcher, text)
    if partial is None:
        return
    whole = _filtered_bits(chosen.hits, chosen.filters)
    bits = _filtered_bits(partial.bits & ~chosen.hits, chosen.filters)
    bits &= ~generation.duplicates.members(whole)
    chosen.partial = partial
    chosen.partial_shown = generation.duplicates.representatives(bits)


def _add_related(generation: Generation, searcher: Searcher, chosen: Selection) -> None:
    """Add the entries on the subjects of the best whole matches, after a short list, through
    the same filters, leaving out every copy of an entry the tiers before show. Not for a
    query naming a place: entries on its subjects elsewhere are not about the place."""
    listed = chosen.shown.bit_count() + chosen.partial_shown.bit_count()
    if listed >= LISTED_BELOW or chosen.places:
        return
    terms = feedback(generation, searcher, chosen)
    if not terms:
        return
    before = chosen.hits | (chosen.partial.bits if chosen.partial else 0)
    candidates = _filtered_bits(holding(generation, searcher, terms) & ~before, chosen.filters)
    candidates = generation.duplicates.representatives(candidates)
    candidates &= ~generation.duplicates.members(chosen.shown | chosen.partial_shown)
    chosen.related = ranked_related(generation, searcher, terms, candidates)


def feedback(generation: Generation, searcher: Searcher, chosen: Selection) -> Terms:
    """Return the key terms of the best whole matches of a selection's words (related.py),
    computed on first ask: only the pages that show a partial or related tier need them.
    Nothing for words written with logic of their own, or without whole matches."""
    if chosen.feedback is None:
        chosen.feedback = ()
        if chosen.shown and offers_feedback(chosen.words):
            try:
                best, _ = generation.ranker.order(
                    chosen.query, searcher, chosen.shown, FEEDBACK_DOCUMENTS
                )
            except Unsupported:
                return ()  # a query part the vectorised ranking does not model: no feedback
            chosen.feedback = feedback_terms(generation, searcher, best.tolist())
    return chosen.feedback


def _indexed(generation: Generation, searcher: Searcher):
    """Return a test of whether the index holds a word's stem, or its family, in free text."""
    reader = searcher.reader()

    def indexed(word: str) -> bool:
        term = stem(word)
        if term in generation.families:
            return True
        return any((field, term.encode("utf-8")) in reader for field in TEXT_FIELDS)

    return indexed


# The year range's filter: a key of its own, so that the year facet's counts keep to the
# range (counting is disjunctive on the year facet's own values only).
YEAR_RANGE = "year_range"


def _filters(generation: Generation, request: SearchRequest) -> dict[str, int]:
    """Return one bitmap per facet with a selection, and one for the year range."""
    facets = generation.facets
    filters = {}
    for name in FACET_FIELDS:
        values = request.selected(name)
        if values:
            filters[name] = facets.selection(name, values)
    if request.year_from is not None or request.year_to is not None:
        low = request.year_from if request.year_from is not None else -1
        high = request.year_to if request.year_to is not None else 10_000
        in_range = [v for v, year in generation.years.items() if low <= year <= high]
        filters[YEAR_RANGE] = facets.selection(year_facet().key, in_range)
    return filters


def _filtered_bits(hits: int, filters: dict[str, int]) -> int:
    """Return the hits that pass every facet filter."""
    for bits in filters.values():
        hits &= bits
    return hits


def _alternatives(
    generation: Generation, parsed: ParsedQuery, suggestion: str | None, searcher: Searcher
):
    """Yield the fallbacks of a query that found nothing, each with the text it stands for:
    the suggestion, then any word (None: no text has those hits as its whole matches)."""
    if suggestion:
        yield suggestion, bound_expansions(generation.parse(suggestion).strict, searcher.reader())
    yield None, bound_expansions(parsed.relaxed, searcher.reader())
