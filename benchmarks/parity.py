"""Relevance parity: two veille services must give the same pages for the same requests.

This is the hook for the result cache to come: pass a service with the cache and one
without (or a fresh one and a warm one, as today), and any difference in the top ids,
totals or facet counts is reported with the query that shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from benchmarks.fts5 import Page
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.results import SearchResult


class Searches(Protocol):
    """Anything that answers a search request with a result object (SearchService does)."""

    def search(self, request: SearchRequest) -> SearchResult: ...


def page_of(result: SearchResult) -> Page:
    """Reduce a veille result to what parity compares: total, ids, facet counts, snippets."""
    return Page(
        total=result.total,
        ids=[hit.id for hit in result.hits],
        facets={name: {v.value: v.count for v in values} for name, values in result.facets.items()},
        snippets=[hit.snippet for hit in result.hits],
    )


def compare_results(
    service_a: Searches, service_b: Searches, requests: Iterable[tuple[str, SearchRequest]]
) -> list[str]:
    """Return one line per (label, request) whose pages differ between the two services."""
    differences = []
    for label, request in requests:
        a, b = page_of(service_a.search(request)), page_of(service_b.search(request))
        if a.total != b.total:
            differences.append(f"{label}: total {a.total} != {b.total}")
        if a.ids != b.ids:
            differences.append(f"{label}: top ids differ ({a.ids[:3]}… vs {b.ids[:3]}…)")
        if a.facets != b.facets:
            names = [name for name in a.facets if a.facets[name] != b.facets.get(name)]
            differences.append(f"{label}: facet counts differ in {', '.join(names)}")
        if a.snippets != b.snippets:
            differences.append(f"{label}: snippets differ")
    return differences
