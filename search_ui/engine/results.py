"""The result object: one value that the HTML pages, the JSON API and the CLI all render."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from search_ui.engine.criteria import SearchRequest

FACET_LABELS = {
    "section": "Section",
    "publisher": "Éditeur",
    "type": "Type de document",
    "year": "Année",
    "issue": "Numéro",
}
API_FACETS = ("section", "publisher", "type", "year", "issue")


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
    url: str
    snippet: str
    title_html: str = ""
    source: str = ""
    date_text: str = ""
    pages: int | None = None
    online: bool = False
    issue: str = ""
    language: str = "fr"
    also_in: list[dict[str, str]] = field(default_factory=list)  # copies in other issues


@dataclass
class FacetValue:
    """One value of a facet, its count in the current results and whether it is selected."""

    value: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    """Everything a results page shows, computed once."""

    request: SearchRequest
    total: int
    relaxed: bool
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None
    took_ms: float
    matched: int = 0  # what the hits shown are drawn from (the relaxed set when relaxed)
    generation: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """Return the number of result pages."""
        return max(1, -(-self.matched // self.request.per_page))

    def to_api(self) -> dict[str, Any]:
        """Return the JSON of /api/search, as DESIGN.md defines it."""
        return {
            "query": self.request.q,
            "total": self.total,
            "relaxed": self.relaxed,
            "page": self.request.page,
            "per_page": self.request.per_page,
            "pages": self.pages,
            "sort": self.request.effective_sort,
            "hits": [asdict(hit) for hit in self.hits],
            "facets": {
                # vars(): the values are flat, and asdict's deep copy was slow on thousands
                name: [dict(vars(value)) for value in self.facets.get(name, [])]
                for name in API_FACETS
            },
            "suggestion": self.suggestion,
            "took_ms": round(self.took_ms, 2),
        }
