"""The search service: request in, result object out. No Flask here.

One Whoosh searcher per thread and generation, reopened when a build publishes a new
generation; facet bitmaps built once per generation and shared by all threads.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query
from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher

from indexer.build import vocabulary
from indexer.build.derived import Derived
from indexer.build.derived import compute as compute_derived
from indexer.build.derived import load as load_derived
from indexer.build.generations import CURRENT, IndexUnavailable, current_generation
from indexer.schema import FACET_FIELDS, query_schema
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.duplicates import Duplicates
from search_ui.engine.facets import FacetIndex, bitmap_mask, disjunctive_counts, docnums
from search_ui.engine.matching import QueryBitmaps
from search_ui.engine.querying import ParsedQuery, bound_expansions, parse, plain_words, suggest
from search_ui.engine.ranking import Ranker, Unsupported
from search_ui.engine.results import API_FACETS, FacetValue, Hit, SearchResult
from search_ui.engine.snippets import fallback, mark
from search_ui.engine.spelling import VocabularyCorrector
from search_ui.engine.values import ValueSearch

SNIPPET_FIELDS = ("description", "title")


@dataclass
class _Generation:
    """An open index generation and what is derived from it once."""

    name: str
    index: Any
    facets: FacetIndex
    years: dict[str, int]
    duplicates: Duplicates
    bitmaps: QueryBitmaps
    ranker: Ranker
    path: Path
    values: ValueSearch
    query_schema: Any
    derived: Derived  # the arrays the above are built from; sort orders and ids read as is
    _corrector: VocabularyCorrector | None = None
    _corrector_lock: threading.Lock = field(default_factory=threading.Lock)

    def parse(self, text: str) -> ParsedQuery:
        """Parse a query; parts on issue:, section: or type: become the values they match."""
        parsed = parse(text, self.query_schema)
        rewrite = self.values.rewrite
        return ParsedQuery(rewrite(parsed.strict), rewrite(parsed.relaxed), parsed.words)

    def corrector(self, searcher: Searcher) -> VocabularyCorrector:
        """Return the spelling corrector, its word counts read on the first zero-hit query."""
        with self._corrector_lock:
            if self._corrector is None:
                counts = vocabulary.load(self.path)
                if counts is None:  # the file is gone: count the stored records' words
                    records = (fields["record"] for fields in searcher.all_stored_fields())
                    counts = vocabulary.count_words(records)
                self._corrector = VocabularyCorrector(counts)
            return self._corrector


class SearchService:
    """Search an index directory; safe to share between threads."""

    def __init__(
        self, index_root: Path, cache_size: int = 256, reference_ranking: bool = False
    ) -> None:
        """`reference_ranking` ranks with Whoosh's matchers scoring every hit (slow): the
        reference the vectorised ranking is checked against."""
        self.root = Path(index_root)
        self._lock = threading.Lock()
        self._cache_size = cache_size
        self._reference = reference_ranking
        self._cache: OrderedDict[tuple, SearchResult] = OrderedDict()
        self._open: set[Searcher] = set()
        self._generation: _Generation | None = None
        self._local = threading.local()
        self._pointer_seen: tuple[float, int] | None = None

    # -- opening -------------------------------------------------------------------------

    def _current(self) -> _Generation:
        """Return the live generation, opening it when a build has published a new one."""
        pointer = self.root / CURRENT
        try:
            stat = pointer.stat()
            seen = (stat.st_mtime, stat.st_ino)
        except OSError:
            seen = None
        with self._lock:
            if self._generation is None or seen != self._pointer_seen:
                path = current_generation(self.root)
                if self._generation is None or self._generation.name != path.name:
                    self._generation = _open_generation(path)
                self._pointer_seen = seen
            return self._generation

    def _searcher(self) -> tuple[_Generation, Searcher]:
        """Return this thread's searcher on the live generation."""
        generation = self._current()
        local = self._local
        if getattr(local, "name", None) != generation.name:
            if getattr(local, "searcher", None) is not None:
                self._release(local.searcher)
            local.searcher = generation.index.searcher()
            local.name = generation.name
            with self._lock:
                self._open.add(local.searcher)
        return generation, local.searcher

    def _release(self, searcher: Searcher) -> None:
        """Close a searcher and forget it."""
        with self._lock:
            self._open.discard(searcher)
        searcher.close()

    def generation(self) -> str:
        """Return the name of the live generation (raises IndexUnavailable)."""
        return self._current().name

    def close(self) -> None:
        """Close this thread's searcher."""
        if getattr(self._local, "searcher", None) is not None:
            self._release(self._local.searcher)
            self._local.searcher = None
            self._local.name = None

    def __del__(self) -> None:
        # Searchers hold open files: threads that never came back must not leak them.
        for searcher in list(getattr(self, "_open", ())):
            searcher.close()

    # -- searching -----------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        """Return the result of a request, from the cache when the same page was just asked.

        The cache is keyed by the index generation, so a rebuild never serves stale pages.
        """
        started = time.perf_counter()
        generation = self._current()
        key = (generation.name, tuple(request.params()), request.effective_sort)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
        if cached is not None:
            return replace(cached, took_ms=(time.perf_counter() - started) * 1000)
        result = self._search(request)
        if self._cache_size:
            with self._lock:
                self._cache[key] = result
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return result

    def _search(self, request: SearchRequest) -> SearchResult:
        """Run a search request: hits of one page, facet counts, snippets, suggestion."""
        started = time.perf_counter()
        generation, searcher = self._searcher()
        parsed = generation.parse(request.q)
        strict = bound_expansions(parsed.strict, searcher.reader())
        filters = _filters(generation, request)
        shown_query = strict
        hits = generation.bitmaps.matching(strict, searcher)
        shown = generation.duplicates.representatives(_filtered_bits(hits, filters))
        total = shown.bit_count()
        relaxed, suggestion = False, None
        if total == 0 and request.q.strip():
            suggestion = suggest(parsed.words, generation.corrector(searcher))
            for alternative in _alternatives(generation, parsed, suggestion, searcher):
                candidate = generation.bitmaps.matching(alternative, searcher)
                if _filtered_bits(candidate, filters):
                    relaxed, shown_query, hits = True, alternative, candidate
                    shown = generation.duplicates.representatives(_filtered_bits(hits, filters))
                    break
        counts = disjunctive_counts(generation.facets, hits, filters, API_FACETS)
        start = (request.page - 1) * request.per_page
        if request.effective_sort == "relevance" and not isinstance(shown_query, query.Every):
            if self._reference:
                page = exhaustive_top(searcher, shown_query, shown, start, request.per_page)
            else:
                page = _ranked(generation, searcher, shown_query, shown, start, request.per_page)
        else:
            order = generation.derived.orders[_browse_sort(request)]
            page = [
                (None, d)
                for d in _take(order, shown, generation.facets.size, start, request.per_page)
            ]
        terms = _terms_by_field(shown_query)
        result = SearchResult(
            request=request,
            total=total,
            relaxed=relaxed,
            hits=[self._hit(searcher, d, score, terms, generation) for score, d in page],
            facets={name: _facet_values(name, counts[name], request) for name in API_FACETS},
            suggestion=suggestion,
            took_ms=0.0,
            matched=shown.bit_count(),
            generation=generation.name,
        )
        result.took_ms = (time.perf_counter() - started) * 1000
        return result

    def _hit(
        self,
        searcher: Searcher,
        docnum: int,
        score: float | None,
        terms: dict[str, set[str]],
        generation: _Generation,
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
            url=f"/entry/{record['id']}",
            snippet=snippet,
            title_html=title_html or fallback(record["title"]),
            source=record["source"],
            date_text=record["date_text"],
            pages=record["pages"],
            online=record["online"],
            issue=record["issue"],
            language=record["language"],
            also_in=generation.duplicates.others(docnum, searcher),
        )

    # -- entries -------------------------------------------------------------------------

    def entry(self, entry_id: str) -> dict[str, Any] | None:
        """Return the full record of an entry, or None for an unknown id."""
        generation, searcher = self._searcher()
        docnum = generation.derived.document(entry_id)
        return searcher.stored_fields(docnum)["record"] if docnum is not None else None

    def similar(self, entry_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """Return the records of the entries most like one entry ("Documents proches")."""
        generation, searcher = self._searcher()
        docnum = generation.derived.document(entry_id)
        if docnum is None:
            return []
        text = searcher.stored_fields(docnum)["record"]["description"]
        if not text.strip():
            return []  # nothing to compare (Whoosh would look for the unstored field)
        results = searcher.more_like(docnum, "description", text=text, top=limit, numterms=12)
        return [hit["record"] for hit in results]

    def candidates(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Return the records sharing most words with `text`, typos corrected (for checks)."""
        generation, searcher = self._searcher()
        words = plain_words(text)
        if not words:
            return []
        parsed = generation.parse(words)
        queries = [parsed.relaxed]
        if correction := suggest(parsed.words, generation.corrector(searcher)):
            queries.append(generation.parse(correction).relaxed)
        found: dict[str, dict[str, Any]] = {}
        for q in queries:
            for hit in searcher.search(bound_expansions(q, searcher.reader()), limit=limit):
                found.setdefault(hit["id"], hit["record"])
        return list(found.values())

    def all_records(self) -> list[dict[str, Any]]:
        """Return every record of the live index (for coverage and exports)."""
        _, searcher = self._searcher()
        return [fields["record"] for fields in searcher.all_stored_fields()]


def _open_generation(path: Path) -> _Generation:
    """Open a generation's index and what searching derives from it."""
    try:
        # Without mmap, Whoosh reads the compound segment through one open file; with it,
        # every searcher copied each part of the segment into memory.
        index = FileStorage(str(path), supports_mmap=False).open_index()
        with index.reader() as reader:
            size = reader.doc_count_all()
            derived = load_derived(path, size) or compute_derived(reader)
    except Exception as error:  # any failure to open is a broken index
        raise IndexUnavailable(
            f"index illisible dans {path.parent} : relancez « veille index » "
            f"({type(error).__name__})"
        ) from error
    facets = FacetIndex(derived)
    duplicates = Duplicates(*derived.groups, facets.live, size)
    years = {value: int(value) for value in facets.values.get("year", {}) if value.isdigit()}
    bitmaps = QueryBitmaps(size, facets.live)
    return _Generation(
        name=path.name,
        index=index,
        facets=facets,
        years=years,
        duplicates=duplicates,
        bitmaps=bitmaps,
        ranker=Ranker(size, bitmaps, derived.lengths),
        path=path,
        values=ValueSearch({facet: values.keys() for facet, values in facets.values.items()}),
        query_schema=query_schema(index.schema),
        derived=derived,
    )


def _ranked(
    generation: _Generation,
    searcher: Searcher,
    q: query.Query,
    shown: int,
    start: int,
    count: int,
) -> list[tuple[float, int]]:
    """Rank the documents of `shown` by BM25F and return (score, docnum) for one page.

    Scores come from whole posting arrays (search_ui.engine.ranking); a query with a part it
    does not model (a numeric range) is ranked by Whoosh scoring every hit: slower, but
    its limited search can drop matches from the top of small indexes.
    """
    try:
        return generation.ranker.top(q, searcher, shown, start, count)
    except Unsupported:
        return exhaustive_top(searcher, q, shown, start, count)


def exhaustive_top(
    searcher: Searcher, q: query.Query, shown: int, start: int, count: int
) -> list[tuple[float, int]]:
    """Rank every document of `shown` with Whoosh's matchers, ties to the lower number.

    Whoosh's limited search is not used as the reference: on indexes under 5,000
    documents its pre-loaded unions drop some matches from the top.
    """
    if not shown:
        return []
    results = searcher.search(q, limit=None, filter=set(docnums(shown)))
    ranked = sorted(results.top_n, key=lambda pair: (-pair[0], pair[1]))
    return ranked[start : start + count]


def _browse_sort(request: SearchRequest) -> str:
    """Return the precomputed order of an unranked page (relevance without a query: newest)."""
    sort = request.effective_sort
    return "-date" if sort == "relevance" else sort


def _filters(generation: _Generation, request: SearchRequest) -> dict[str, int]:
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
        bits = facets.selection("year", in_range)
        filters["year"] = filters.get("year", facets.live) & bits
    return filters


def _take(order: np.ndarray, shown: int, size: int, start: int, count: int) -> list[int]:
    """Return the documents of `shown` at ranks start..start+count of a precomputed order."""
    return order[bitmap_mask(shown, size)[order]][start : start + count].tolist()


def _filtered_bits(hits: int, filters: dict[str, int]) -> int:
    """Return the hits that pass every facet filter."""
    for bits in filters.values():
        hits &= bits
    return hits


def _alternatives(
    generation: _Generation, parsed: ParsedQuery, suggestion: str | None, searcher: Searcher
):
    """Yield the fallbacks of a query that found nothing: the suggestion, then any word."""
    if suggestion:
        yield bound_expansions(generation.parse(suggestion).strict, searcher.reader())
    yield bound_expansions(parsed.relaxed, searcher.reader())


def _terms_by_field(q: query.Query) -> dict[str, set[str]]:
    """Group the query's positive terms by field, for highlighting."""
    terms: dict[str, set[str]] = {}
    for fieldname, text in q.iter_all_terms(phrases=True):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        terms.setdefault(fieldname, set()).add(text)
    return terms


def _facet_values(name: str, counts: dict[str, int], request: SearchRequest) -> list[FacetValue]:
    """Order a facet's values (years newest first, others by count) and mark selections."""
    selected = set(request.selected(name))
    for value in selected - counts.keys():
        counts[value] = 0  # a selected value stays visible even when nothing matches it
    if name == "year":
        ordered = sorted(counts.items(), key=lambda item: item[0], reverse=True)
    else:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    return [FacetValue(value, count, value in selected) for value, count in ordered]
