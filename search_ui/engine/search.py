"""The search service: request in, result object (a page, or every hit's record) out.

No Flask here and no route. The live generation and a Whoosh searcher per thread come from
live.py, reopened when a build publishes a new generation; what is derived from a generation
(generation.py) is built once and shared by all threads. Pages and whole result lists share
one choice of documents (selection.py) and one order (order.py). Every question is
`@reading`: an error of a damaged index becomes IndexDamaged (a 503), never a crash.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from indexer.build.coverage import Coverage
from indexer.build.derived import NEWEST_ADDED
from indexer.facet_specs import COUNTED, FacetSpec
from search_ui.engine.check import lookup_words, referenced_ids
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.facets import disjunctive_counts, listed_values
from search_ui.engine.generation import Generation, records
from search_ui.engine.live import LiveIndex, reading
from search_ui.engine.order import ordered, page_of, ranked, shown_in
from search_ui.engine.places import absent_places, not_naming
from search_ui.engine.querying import bound_expansions, plain_words
from search_ui.engine.results import FacetValue, Hit, SearchResult
from search_ui.engine.selection import select
from search_ui.engine.similar import similar_documents
from search_ui.engine.snippets import fallback, mark
from search_ui.engine.stream import HitRecords

SNIPPET_FIELDS = ("description", "title")


class SearchService:
    """Search an index directory; safe to share between threads."""

    def __init__(
        self,
        index_root: Path,
        cache_size: int = 256,
        reference_ranking: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`reference_ranking` ranks with Whoosh's matchers scoring every hit (slow): the
        reference the vectorised ranking is checked against. `clock` counts the back-off of
        a generation that failed to open (live.py)."""
        self.root = Path(index_root)
        self._lock = threading.Lock()
        self._cache_size = cache_size
        self._reference = reference_ranking
        self._cache: OrderedDict[tuple, SearchResult] = OrderedDict()
        self._live = LiveIndex(self.root, clock)

    # -- opening -------------------------------------------------------------------------

    def _current(self) -> Generation:
        """Return the live generation (raises IndexUnavailable)."""
        return self._live.current()

    def _searcher(self) -> tuple[Generation, Searcher]:
        """Return the live generation and this thread's searcher on it."""
        return self._live.searcher()

    def generation(self) -> str:
        """Return the name of the live generation (raises IndexUnavailable)."""
        return self._current().name

    def live(self) -> tuple[Generation, Searcher]:
        """Return the live generation and this thread's searcher on it, as a search uses them.

        The seam through which tests hold the engine's parts (bitmaps, ranker, groups of
        copies) against Whoosh's own answers, on the very index the service searches.
        """
        return self._searcher()

    def close(self) -> None:
        """Close this thread's searcher."""
        self._live.close()

    def __del__(self) -> None:
        # Searchers hold open files: threads that never came back must not leak them.
        live = getattr(self, "_live", None)
        if live is not None:
            live.close_all()

    # -- searching -----------------------------------------------------------------------

    @reading
    def search(self, request: SearchRequest, whole: frozenset[str] = frozenset()) -> SearchResult:
        """Return the result of a request, from the cache when the same page was just asked.

        Each facet lists its top `request.facet_size` values and the selected ones, but the
        facets named in `whole` list every value (the page's year histogram draws them all).
        The cache is keyed by the index generation, so a rebuild never serves stale pages.
        """
        started = time.perf_counter()
        generation = self._current()
        key = (generation.name, tuple(request.params()), request.effective_sort, whole)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
        if cached is not None:
            return replace(cached, took_ms=(time.perf_counter() - started) * 1000)
        result = self._search(request, whole)
        if self._cache_size:
            with self._lock:
                self._cache[key] = result
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return result

    def _search(self, request: SearchRequest, whole: frozenset[str]) -> SearchResult:
        """Run a search request: hits of one page, facet counts, snippets, suggestion.

        The whole matches come first, then the partial ones, then the related entries: a
        page may hold the end of one tier and the start of the next. Facets count the
        whole matches alone.
        """
        started = time.perf_counter()
        generation, searcher = self._searcher()
        chosen = select(generation, searcher, request, partial=True, related=True)
        counts = disjunctive_counts(
            generation.facets, chosen.hits, chosen.filters, [f.key for f in COUNTED]
        )
        start = (request.page - 1) * request.per_page
        tiers = page_of(
            generation,
            searcher,
            chosen,
            request.effective_sort,
            start,
            request.per_page,
            self._reference,
        )
        terms = _terms_by_field(chosen.query)
        hits = []
        for tier, (documents, scores) in enumerate(tiers):
            for docnum, score in zip(
                documents.tolist(), _shown_scores(documents, scores), strict=True
            ):
                hit = self._hit(searcher, docnum, score, terms, generation)
                if tier == 1:
                    hit.partial, hit.missing = True, chosen.partial.missing(docnum)
                hit.related = tier == 2
                hits.append(hit)
        partial_total = chosen.partial_shown.bit_count()
        related_total = chosen.related.bits.bit_count() if chosen.related else 0
        absent = absent_places(chosen.places, generation.facets)  # « Normandie »: said once
        result = SearchResult(
            request=request,
            total=chosen.total,
            relaxed=chosen.relaxed,
            hits=hits,
            facets={
                f.key: listed_values(
                    f, counts[f.key], request, None if f.key in whole else request.facet_size
                )
                for f in COUNTED
            },
            # _facet_values added the selected values: these are the values a facet lists
            facet_totals={f.key: len(counts[f.key]) for f in COUNTED},
            suggestion=chosen.suggestion,
            absent_words=not_naming(chosen.absent, absent),
            common_words=list(chosen.common),
            absent_places=absent,
            took_ms=0.0,
            matched=chosen.shown.bit_count() + partial_total + related_total,
            partial_total=partial_total,
            related_total=related_total,
            generation=generation.name,
        )
        result.took_ms = (time.perf_counter() - started) * 1000
        return result

    @reading
    def facet_values(self, request: SearchRequest, spec: FacetSpec) -> list[FacetValue]:
        """Return every value of one facet for a request, counted as its search counts it
        (for the facet's own page: the search lists only the top ones)."""
        generation, searcher = self._searcher()
        chosen = select(generation, searcher, request)
        counts = disjunctive_counts(generation.facets, chosen.hits, chosen.filters, [spec.key])
        return listed_values(spec, counts[spec.key], request, None)

    @reading
    def hit_records(self, request: SearchRequest) -> HitRecords:
        """Return every hit of a request, in its pages' order, as records read on iteration.

        The hits are the pages' own, chosen (fallback included) and ordered by the same
        code, once: exports and feeds get what a reader paging through would see, without
        a search per page nor a look-up per entry, but the partial matches: a list is the
        entries with every word. Page, page size and the paging depth do not apply; what
        is held is one array of document numbers, never the records.
        """
        generation, searcher = self._searcher()
        chosen = select(generation, searcher, request)
        sort = request.effective_sort
        documents, _ = ordered(
            generation, searcher, chosen.query, chosen.shown, sort, 0, None, self._reference
        )
        self._live.verify(generation)  # before the stream starts: a 503 can still be sent
        return self._live.records(generation, chosen.relaxed, documents)

    @reading
    def newest(self, request: SearchRequest, limit: int) -> HitRecords:
        """Return the `limit` hits of a request added to the index last, the latest first.

        The feed's order is stored with the generation: this is a mask over one array,
        never a read of every hit to find the newest few.
        """
        generation, searcher = self._searcher()
        chosen = select(generation, searcher, request)
        shown = shown_in(generation, chosen.shown, NEWEST_ADDED)[:limit]
        return self._live.records(generation, chosen.relaxed, shown)

    def _hit(
        self,
        searcher: Searcher,
        docnum: int,
        score: float | None,
        terms: dict[str, set[str]],
        generation: Generation,
    ) -> Hit:
        """Build one displayed hit from its stored record, with its snippet."""
        record = searcher.stored_fields(docnum)["record"]
        analyzer = searcher.schema["description"].analyzer
        snippet = mark(record["description"], terms.get("description", ()), analyzer)
        title_html = mark(record["title"], terms.get("title", ()), analyzer, whole=True)
        if not snippet:
            snippet = fallback(record["description"] or record.get("source", ""))
        return Hit(
            id=record["id"],
            title=record["title"],
            score=round(score, 4) if score is not None else None,
            year=record["year"],
            section=record["section"],
            publishers=record["publishers"],
            authors=record["authors"],
            doc_type=record["doc_type"],
            kind=record["kind"],
            snippet=snippet,
            title_html=title_html or fallback(record["title"]),
            source=record["source"],
            date_text=record["date_text"],
            pages=record["pages"],
            online=record["online"],
            issue=record["issue"],
            language=record["language"],
            also_in=generation.duplicates.others(docnum, searcher),
            territories=record.get("territories", []),
        )

    # -- entries -------------------------------------------------------------------------

    @reading
    def entry(self, entry_id: str) -> dict[str, Any] | None:
        """Return the full record of an entry, or None for an unknown id."""
        generation, searcher = self._searcher()
        docnum = generation.derived.document(entry_id)
        return searcher.stored_fields(docnum)["record"] if docnum is not None else None

    @reading
    def similar(self, entry_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """Return the records of the entries most like one entry ("Documents proches"):
        its key terms and its section (similar.py)."""
        generation, searcher = self._searcher()
        docnum = generation.derived.document(entry_id)
        if docnum is None:
            return []
        best = similar_documents(generation, searcher, docnum, limit, self._reference)
        return [searcher.stored_fields(other)["record"] for other in best.tolist()]

    @reading
    def candidates(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Return the records that best match a reference's rarest words (for checks).

        At most MAX_LOOKUP_WORDS of its words, and MAX_CORRECTED_WORDS of its unknown
        words corrected, make the query: the work is bounded whatever the reference.
        """
        generation, searcher = self._searcher()
        named = (generation.derived.document(entry_id) for entry_id in referenced_ids(text))
        found = [docnum for docnum in named if docnum is not None]  # an entry's address
        corrector = generation.corrector(searcher)
        known, unknown = lookup_words(plain_words(text), corrector.counts)
        corrected = [s for w in unknown for s in corrector.suggest(w, limit=1, maxdist=2, prefix=1)]
        words = " ".join(dict.fromkeys([*known, *corrected]))
        if words:
            q = bound_expansions(generation.parse(words, places=False).relaxed, searcher.reader())
            hits = generation.bitmaps.matching(q, searcher)
            best, _ = ranked(generation, searcher, q, hits, 0, limit, self._reference)
            found += [docnum for docnum in best.tolist() if docnum not in found]
        return [searcher.stored_fields(docnum)["record"] for docnum in found]

    @reading
    def all_records(self) -> list[dict[str, Any]]:
        """Return every record of the live index, in document order."""
        _, searcher = self._searcher()
        return records(searcher)

    @reading
    def coverage(self) -> Coverage:
        """Return what the live index covers: computed once per generation, for /coverage,
        /api/coverage and `veille stats` alike."""
        generation, searcher = self._searcher()
        return generation.coverage(searcher)[0]

    def coverage_ready(self) -> bool:
        """Tell whether the live generation's coverage report is made (asking it is cheap)."""
        return self._current().coverage_ready

    @reading
    def coverage_api(self) -> dict[str, Any]:
        """Return the JSON of the coverage report, made with it (shared: not to be changed)."""
        generation, searcher = self._searcher()
        return generation.coverage(searcher)[1]


def _shown_scores(documents: np.ndarray, scores: np.ndarray | None) -> list[float | None]:
    """Return the scores shown with documents: none when they are in a stored sort."""
    return [None] * len(documents) if scores is None else scores.tolist()


def _terms_by_field(q: query.Query) -> dict[str, set[str]]:
    """Group the query's positive terms by field, for highlighting."""
    terms: dict[str, set[str]] = {}
    for fieldname, text in q.iter_all_terms(phrases=True):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        terms.setdefault(fieldname, set()).add(text)
    return terms
