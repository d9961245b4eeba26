"""The facets, each declared once (as Kerko's `specs.py`): everything else reads these.

The schema takes its facet fields from here, the search request its parameters, the result
object and the API their facet names, the pages their panels and labels, the CLI its options,
the OpenAPI document its parameters and the coverage report its tables. Adding a facet is one
`FacetSpec` below, plus its value in the entry record.

It lives in `indexer` because the schema needs it, and `search_ui` may import `indexer`,
never the reverse. Pure data and small functions: no Whoosh, no Flask.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from indexer.extraction.dates import find_date

VALUE_SEPARATOR = "\x1f"  # joins the values of a many-valued facet field (labels hold commas)


class Holds(Enum):
    """What an entry record holds for a facet, and so how its index field stores it."""

    TEXT = "text"  # one text, possibly empty: one exact term
    TEXTS = "texts"  # a list of texts: joined by VALUE_SEPARATOR, the facet read from a column
    YEAR = "year"  # a year, or None: a number


class Order(Enum):
    """How a facet's values are listed on the page, in the API and on a terminal."""

    BY_COUNT = "count"  # most frequent first, ties alphabetically
    BY_VALUE = "value"  # alphabetically
    BY_VALUE_DESC = "value-desc"  # last value first: years, newest first
    NEWEST = "newest"  # by the date a value names, newest first, then its numbers: issues


class Panel(Enum):
    """When the search page gives a facet a panel of checkboxes."""

    ALWAYS = "always"  # whenever it has values
    USEFUL = "useful"  # once it discriminates: several values, or one selected
    NEVER = "never"  # a filter only, reached by URL (links from the coverage page): not counted


@dataclass(frozen=True, eq=False)
class FacetSpec:
    """One facet: how it is stored, asked for, counted, ordered, labelled and documented."""

    key: str  # the facet's name inside veille: filters, counts, the build's facet arrays
    field: str  # the index field whose terms are the exact values
    record: str  # the entry record's key holding its value(s)
    label: str  # French: the panel's legend, the chip, the terminal and the coverage tables
    description: str  # French: the OpenAPI document's description of the parameter
    cli_help: str  # English: what `--param VALUE` keeps, for `veille search --help`
    holds: Holds = Holds.TEXT
    order: Order = Order.BY_COUNT
    panel: Panel = Panel.ALWAYS
    visible: int = 8  # values shown before « voir plus » (and on a terminal)
    report: int = 0  # place of its table of counts in the coverage report; 0: none
    value_labels: Mapping[str, str] = field(default_factory=dict)  # French, for coded values
    param: str = ""  # URL parameter and CLI option (--param); default: the key
    api: str = ""  # name in the JSON of /api/search and /api/coverage; default: the key
    short_label: str = ""  # a table's column head; default: the label
    long_label: str = ""  # a caption, where there is room; default: the label
    # Values nest (région > département > EPCI, commune): the search page lists the top
    # level and opens the selected values (search_ui.engine.territory_facet).
    hierarchical: bool = False

    def __post_init__(self) -> None:
        """Default the parameter and API name to the key, the other labels to the label."""
        for name, default in (("param", self.key), ("api", self.key)):
            if not getattr(self, name):
                object.__setattr__(self, name, default)
        for name in ("short_label", "long_label"):
            if not getattr(self, name):
                object.__setattr__(self, name, self.label)

    @property
    def counted(self) -> bool:
        """Tell whether searches count this facet's values (for a panel and the API)."""
        return self.panel is not Panel.NEVER

    @property
    def is_year(self) -> bool:
        """Tell whether the values are years (a histogram and a range go with them)."""
        return self.holds is Holds.YEAR

    def value_label(self, value: str) -> str:
        """Return how a value reads in French (coded values have a label)."""
        return self.value_labels.get(value, value)

    def record_values(self, record: Mapping[str, Any]) -> list[Any]:
        """Return a record's values for this facet as the record holds them, empty ones kept."""
        value = record.get(self.record, []) if self.holds is Holds.TEXTS else record[self.record]
        return list(value) if self.holds is Holds.TEXTS else [value]

    def index_value(self, record: Mapping[str, Any]) -> Any:
        """Return what the index document stores in this facet's field."""
        if self.holds is Holds.TEXTS:
            return VALUE_SEPARATOR.join(record.get(self.record, ()))
        value = record[self.record]
        if self.holds is Holds.YEAR:
            return value or 0  # no year: no term (0 is never a facet value)
        return value

    def ordered(self, counts: Mapping[str, int]) -> list[tuple[str, int]]:
        """Return (value, count) pairs in this facet's order."""
        return sorted(counts.items(), key=self._sort_key, reverse=self._reverse)

    def top(self, counts: Mapping[str, int], size: int) -> list[tuple[str, int]]:
        """Return the first `size` pairs of `ordered(counts)`, without sorting them all.

        A facet can have thousands of values; a page lists a few (heapq's n-best are
        documented equal to the sorted list's first n, ties included).
        """
        pick = heapq.nlargest if self._reverse else heapq.nsmallest
        return pick(size, counts.items(), key=self._sort_key)

    @property
    def _reverse(self) -> bool:
        return self.order in (Order.BY_VALUE_DESC, Order.NEWEST)

    def _sort_key(self, item: tuple[str, int]) -> tuple[Any, ...]:
        """Order by count then value for BY_COUNT, by date named then numbers for NEWEST
        (« #101 » after « #12 »), else by value (case-folded first)."""
        if self.order is Order.BY_COUNT:
            return (-item[1], item[0].casefold())
        if self.order is Order.NEWEST:
            date = find_date(item[0])
            named = (date.year or 0, date.month or 0, date.day or 0) if date else (0, 0, 0)
            numbers = tuple(int(n) for n in re.findall(r"\d+", item[0]))
            return (*named, numbers, item[0].casefold(), item[0])
        return (item[0].casefold(), item[0])


class TerritoryNames(Mapping[str, str]):
    """The names of the territory codes (`reg-53` is « Bretagne »), read from the gazetteer
    on first use: a process that never shows a territory never loads it."""

    def _names(self) -> Any:
        from indexer.territories.gazetteer import default_gazetteer  # no cycle, loaded late

        return default_gazetteer()

    def __getitem__(self, code: str) -> str:
        gazetteer = self._names()
        if code not in gazetteer:
            raise KeyError(code)
        return gazetteer.name(code)

    def __iter__(self) -> Iterator[str]:
        return (territory.code for territory in self._names())

    def __len__(self) -> int:
        return len(self._names())


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec(
        key="section",
        field="section",
        record="section",
        label="Section",
        description="Section du numéro.",
        cli_help="section",
    ),
    FacetSpec(
        key="publisher",
        field="publisher",
        record="publishers",
        label="Éditeur",
        description="Éditeur (nom canonique).",
        cli_help="publisher",
        holds=Holds.TEXTS,
        report=2,
    ),
    FacetSpec(
        key="type",
        field="doc_type",
        record="doc_type",
        label="Type de document",
        short_label="Type",
        description="Type de document (rapport, article…).",
        cli_help="document type",
        report=1,
    ),
    FacetSpec(
        key="territory",
        field="territory",
        record="territories",
        label="Territoire",
        description=(
            "Territoire, par son code officiel : reg-53 (région), dep-35 (département), "
            "epci-243500139 (EPCI), com-35238 (commune), int-ES (étranger). Une notice porte "
            "sur les territoires qu'elle nomme et sur ceux qui les contiennent."
        ),
        cli_help="territory code (reg-53, dep-35…)",
        holds=Holds.TEXTS,
        hierarchical=True,
        value_labels=TerritoryNames(),
    ),
    FacetSpec(
        key="year",
        field="year",
        record="year",
        label="Année",
        description="Année sur quatre chiffres.",
        cli_help="year",
        holds=Holds.YEAR,
        order=Order.BY_VALUE_DESC,
    ),
    FacetSpec(
        key="issue",
        field="issue",
        record="issue",
        label="Numéro",
        long_label="Numéro de la lettre",
        description="Numéro de la lettre.",
        cli_help="issue of the newsletter",
        order=Order.NEWEST,
        panel=Panel.USEFUL,
        report=3,
    ),
    FacetSpec(
        key="kind",
        field="kind",
        record="kind",
        label="Nature",
        description="Nature : publication, resource (ressource) ou event (événement).",
        cli_help="kind of entry",
        panel=Panel.NEVER,
        report=5,
        value_labels={"publication": "Publication", "resource": "Ressource", "event": "Événement"},
    ),
    FacetSpec(
        key="language",
        field="language",
        record="language",
        label="Langue",
        description="Langue : fr ou en.",
        cli_help="language",
        panel=Panel.NEVER,
        report=4,
        value_labels={"fr": "français", "en": "anglais"},
    ),
)
BY_KEY: dict[str, FacetSpec] = {spec.key: spec for spec in FACETS}
# The facets a search counts, in the order of the page's panels and of the API's facets.
COUNTED: tuple[FacetSpec, ...] = tuple(spec for spec in FACETS if spec.counted)
# The facets the coverage report counts, in the order of its tables.
REPORTED: tuple[FacetSpec, ...] = tuple(
    sorted((spec for spec in FACETS if spec.report), key=lambda spec: spec.report)
)


def facet(key: str) -> FacetSpec:
    """Return the spec of a facet by its key (KeyError for an unknown one)."""
    return BY_KEY[key]


def year_facet() -> FacetSpec:
    """Return the facet of years, the one the `from`/`to` range narrows."""
    return next(spec for spec in FACETS if spec.is_year)
