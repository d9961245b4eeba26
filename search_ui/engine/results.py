"""The result object: one value that the HTML pages, the JSON API and the CLI all render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from indexer.facet_specs import COUNTED, FacetSpec
from search_ui.engine.criteria import SearchRequest


@dataclass
class Hit:
    """One entry in a result list, with its highlighted snippet."""

    id: str
    title: str
    score: float | None
    year: int | None
    section: str
    publishers: list[str]
    authors: list[str]
    doc_type: str
    kind: str
    snippet: str
    title_html: str = ""
    source: str = ""
    date_text: str = ""
    pages: int | None = None
    online: bool = False
    issue: str = ""
    language: str = "fr"
    also_in: list[dict[str, str]] = field(default_factory=list)  # copies in other issues
    partial: bool = False  # holds part of the query's words only (ranked after the others)
    missing: list[str] = field(default_factory=list)  # the words it lacks, as typed
    related: bool = False  # on the subjects of the best hits, lacking the words (last tier)
    territories: list[str] = field(default_factory=list)  # codes, closed upward


@dataclass
class FacetValue:
    """One value of a facet, its count in the current results and whether it is selected."""

    value: str
    count: int
    selected: bool


_MORE_PRECISE = " ; ajoutez un mot plus précis."


@dataclass
class SearchResult:
    """Everything a results page shows, computed once."""

    request: SearchRequest
    total: int
    relaxed: bool
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]  # facet key -> its values, for each counted facet
    suggestion: str | None
    took_ms: float
    # What the hits shown are drawn from: the whole and the partial matches and the
    # related entries, or the relaxed set when relaxed.
    matched: int = 0
    partial_total: int = 0  # entries with part of the words, listed after the `total`
    related_total: int = 0  # entries on the same subjects, listed after the partial ones
    generation: str = ""
    notes: list[str] = field(default_factory=list)
    facet_totals: dict[str, int] = field(default_factory=dict)  # facet key -> values it has
    # Words of a query that found nothing which are French but in no entry: not corrected.
    absent_words: list[str] = field(default_factory=list)
    # The words of a query that are all too common to be searched (« le la les »).
    common_words: list[str] = field(default_factory=list)
    # Places the query names that no entry is about (« Normandie »), by their names.
    absent_places: list[str] = field(default_factory=list)

    @property
    def shown_total(self) -> int:
        """Return how many entries the search shows before its partial and related tiers:
        the whole matches, or those of the fallback when the words found nothing."""
        return self.matched - self.partial_total - self.related_total

    @property
    def common_note(self) -> str:
        """Say why a query of common words found nothing (the page's and the CLI's words)."""
        if not self.common_words:
            return ""
        quoted = ", ".join(f"« {word} »" for word in self.common_words)
        if len(self.common_words) == 1:
            return f"{quoted} : ce mot est trop courant pour être cherché seul{_MORE_PRECISE}"
        return f"{quoted} : ces mots sont trop courants pour être cherchés seuls{_MORE_PRECISE}"

    @property
    def pages(self) -> int:
        """Return the number of result pages."""
        return max(1, -(-self.matched // self.request.per_page))

    def to_api(self, entry_url: Callable[[str], str] | None = None) -> dict[str, Any]:
        """Return the JSON of /api/search, as docs/interfaces.md defines it.

        The engine knows no route: each hit's "url" is `entry_url(id)`, which the web layer
        gives (and the CLI, so that its JSON is the API's); without it hits have no "url".
        """
        return {
            "query": self.request.q,
            "total": self.total,
            "partial_total": self.partial_total,
            "related_total": self.related_total,
            "relaxed": self.relaxed,
            "matched": self.matched,
            "page": self.request.page,
            "per_page": self.request.per_page,
            "pages": self.pages,
            "sort": self.request.effective_sort,
            "hits": [_api_hit(hit, entry_url) for hit in self.hits],
            "facets": {
                spec.api: [value_json(spec, value) for value in self.facets.get(spec.key, [])]
                for spec in COUNTED
            },
            "facet_totals": {spec.api: self.facet_totals.get(spec.key, 0) for spec in COUNTED},
            "suggestion": self.suggestion,
            "absent_words": list(self.absent_words),
            "common_words": list(self.common_words),
            "absent_places": list(self.absent_places),
            "took_ms": round(self.took_ms, 2),
        }


def value_json(spec: FacetSpec, value: FacetValue) -> dict[str, Any]:
    """Return one facet value's JSON; a coded value (a territory) adds its `label`."""
    data = dict(vars(value))  # vars(): flat, and asdict's deep copy was slow on thousands
    if spec.value_labels:
        data["label"] = spec.value_label(value.value)
    return data


def _api_hit(hit: Hit, entry_url: Callable[[str], str] | None) -> dict[str, Any]:
    """Return one hit's JSON, its "url" (when given) after "kind", where it always stood."""
    data: dict[str, Any] = {}
    for key, value in asdict(hit).items():
        data[key] = value
        if key == "kind" and entry_url is not None:
            data["url"] = entry_url(hit.id)
    return data
