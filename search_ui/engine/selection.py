"""Which documents a request shows: its words' hits through the facet filters, one entry
of each group of copies, then the entries holding most of its words (partial.py); when the
words find nothing, the hits of the suggested spelling, then of any word. The result pages
and the stream of every hit share this one choice (the stream takes the whole matches).
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query
from whoosh.searching import Searcher

from analyzers import stem
from indexer.facet_specs import year_facet
from indexer.schema import FACET_FIELDS, TEXT_FIELDS
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.generation import Generation
from search_ui.engine.partial import Partial, partial_matches
from search_ui.engine.places import QueryPlace
from search_ui.engine.querying import ParsedQuery, bound_expansions
from search_ui.engine.spelling import check_spelling


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
    partial: Partial | None = None  # the query's clauses, when it may match in part
    partial_shown: int = 0  # entries with part of the words, shown after `shown`
    places: tuple[QueryPlace, ...] = ()  # the places the query names (places.py)


def select(
    generation: Generation, searcher: Searcher, request: SearchRequest, partial: bool = False
) -> Selection:
    """Return the documents a request shows, falling back when its words find nothing;
    with `partial`, the entries holding part of its words too, when some hold them all."""
    parsed = generation.parse(request.q)
    strict = bound_expansions(parsed.strict, searcher.reader())
    filters = _filters(generation, request)
    hits = generation.bitmaps.matching(strict, searcher)
    shown = generation.duplicates.representatives(_filtered_bits(hits, filters))
    chosen = Selection(strict, hits, filters, shown, shown.bit_count(), False, None)
    chosen.places = parsed.places
    if chosen.total and partial:
        _add_partial(generation, searcher, request, chosen)
    elif chosen.total == 0 and request.q.strip():
        spelling = check_spelling(
            parsed.words, generation.corrector(searcher), _indexed(generation, searcher)
        )
        chosen.suggestion, chosen.absent = spelling.suggestion, spelling.absent
        for alternative in _alternatives(generation, parsed, chosen.suggestion, searcher):
            candidate = generation.bitmaps.matching(alternative, searcher)
            if _filtered_bits(candidate, filters):
                shown = generation.duplicates.representatives(_filtered_bits(candidate, filters))
                chosen.query, chosen.hits, chosen.shown = alternative, candidate, shown
                chosen.relaxed = True
                break
    return chosen


def _add_partial(
    generation: Generation, searcher: Searcher, request: SearchRequest, chosen: Selection
) -> None:
    """Add the entries that hold part of the words, through the same filters, leaving out
    every copy of an entry the whole query shows."""
    partial = partial_matches(generation, searcher, request.q)
    if partial is None:
        return
    whole = _filtered_bits(chosen.hits, chosen.filters)
    bits = _filtered_bits(partial.bits & ~chosen.hits, chosen.filters)
    bits &= ~generation.duplicates.members(whole)
    chosen.partial = partial
    chosen.partial_shown = generation.duplicates.representatives(bits)


def _indexed(generation: Generation, searcher: Searcher):
    """Return a test of whether the index holds a word's stem, or its family, in free text."""
    reader = searcher.reader()

    def indexed(word: str) -> bool:
        term = stem(word)
        if term in generation.families:
            return True
        return any((field, term.encode("utf-8")) in reader for field in TEXT_FIELDS)

    return indexed


def _filters(generation: Generation, request: SearchRequest) -> dict[str, int]:
    """Return one bitmap per facet with a selection (the year range joins the year facet)."""
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
        key = year_facet().key
        filters[key] = filters.get(key, facets.live) & facets.selection(key, in_range)
    return filters


def _filtered_bits(hits: int, filters: dict[str, int]) -> int:
    """Return the hits that pass every facet filter."""
    for bits in filters.values():
        hits &= bits
    return hits


def _alternatives(
    generation: Generation, parsed: ParsedQuery, suggestion: str | None, searcher: Searcher
):
    """Yield the fallbacks of a query that found nothing: the suggestion, then any word."""
    if suggestion:
        yield bound_expansions(generation.parse(suggestion).strict, searcher.reader())
    yield bound_expansions(parsed.relaxed, searcher.reader())
