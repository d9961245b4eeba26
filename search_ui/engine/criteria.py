"""The search state: one object parsed from a URL or CLI flags, rendered back into URLs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from indexer.facet_specs import BY_KEY, FACETS, Holds
from indexer.territories import default_gazetteer

SORTS = {
    "relevance": "pertinence",
    "-date": "plus récent",
    "date": "plus ancien",
    "title": "titre",
}
FACET_PARAMS = tuple(spec.param for spec in FACETS)
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_QUERY_LENGTH = 500
MAX_RESULT_DEPTH = 10_000  # page × per_page: deep paging costs without helping anyone
MAX_VALUES_PER_FACET = 50
MAX_VALUE_LENGTH = 300  # characters in one facet value
MAX_QUERY_STRING = 16_384  # bytes after the "?" of a URL
DEFAULT_FACET_SIZE = 10  # values a facet lists (its top ones; selected values come too)
MAX_FACET_SIZE = 1_000  # past it, the facet's own page (/facets/<facet>) pages through them
# Control characters (NUL included) and lone surrogates are read as spaces: they can only
# come from a bad link or a hostile client, and must reach neither Whoosh nor a terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Numbers in a URL are ASCII digits only: Python's int() would also read "1_0", " 5", "+5"
# and "١٠" (Arabic-Indic), which no page of ours writes and no reader means as a number.
_DIGITS = re.compile("[0-9]+")
_YEAR_VALUE = re.compile("[0-9]{4}")
YEAR_RANGE = (1800, 2200)


class BadRequest(ValueError):
    """A parameter users can fix; the message, in French, says how."""


@dataclass(frozen=True)
class SearchRequest:
    """What the user asked: query, facet selections, year range, sort and page."""

    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet key -> values
    year_from: int | None = None
    year_to: int | None = None
    sort: str = ""
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    facet_size: int = DEFAULT_FACET_SIZE  # top values listed per facet, selected ones besides

    @property
    def effective_sort(self) -> str:
        """Return the sort in force: relevance for a query, newest first when browsing."""
        return self.sort or ("relevance" if self.q.strip() else "-date")

    def selected(self, facet: str) -> tuple[str, ...]:
        """Return the values selected in one facet (named by its key)."""
        return self.filters.get(facet, ())

    def params(self) -> list[tuple[str, str]]:
        """Return the request as URL parameters, in a stable order (defaults left out)."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for spec in FACETS:
            pairs += [(spec.param, value) for value in self.selected(spec.key)]
        if self.year_from is not None:
            pairs.append(("from", str(self.year_from)))
        if self.year_to is not None:
            pairs.append(("to", str(self.year_to)))
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        if self.per_page != DEFAULT_PER_PAGE:
            pairs.append(("per_page", str(self.per_page)))
        if self.facet_size != DEFAULT_FACET_SIZE:
            pairs.append(("facet_size", str(self.facet_size)))
        return pairs

    def query_string(self, **changes: object) -> str:
        """Return the URL query string of this request with `changes` applied."""
        return urlencode(self.with_changes(**changes).params())

    def with_changes(self, **changes: object) -> SearchRequest:
        """Return a copy with some fields changed; a new filter or sort goes back to page 1."""
        if "page" not in changes:
            changes["page"] = 1
        return replace(self, **changes)

    def toggled(self, facet: str, value: str) -> SearchRequest:
        """Return the request with one facet value added or removed, back on page 1.

        In a hierarchical facet a value added replaces the selected values that contain it
        or that it contains: values of one facet combine with OR, so Ille-et-Vilaine beside
        Bretagne would narrow nothing.
        """
        values = self.selected(facet)
        if value in values:
            new = tuple(v for v in values if v != value)
        elif BY_KEY[facet].hierarchical:
            new = _most_specific((*_outside(values, value), value))
        else:
            new = (*values, value)
        filters = {**self.filters, facet: new} if new else _without(self.filters, facet)
        return self.with_changes(filters=filters)

    def cleared(self) -> SearchRequest:
        """Return the request with its query kept and every filter removed."""
        return SearchRequest(
            q=self.q, sort=self.sort, per_page=self.per_page, facet_size=self.facet_size
        )

    @property
    def has_filters(self) -> bool:
        """Tell whether any facet value or year bound is selected."""
        return bool(self.filters) or self.year_from is not None or self.year_to is not None


def _most_specific(values: tuple[str, ...]) -> tuple[str, ...]:
    """Drop the places that hold another selected one: Ille-et-Vilaine ticked under a
    ticked Bretagne narrows the search (values of a facet combine with OR)."""
    gazetteer = default_gazetteer()
    holding = {a for v in values if v in gazetteer for a in gazetteer.ancestors(v)}
    return tuple(v for v in values if v not in holding)


def _outside(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    """Return the selected places that do not lie in `value` (choosing it widens to it)."""
    gazetteer = default_gazetteer()
    return tuple(v for v in values if v not in gazetteer or value not in gazetteer.ancestors(v))


def _without(filters: dict[str, tuple[str, ...]], facet: str) -> dict[str, tuple[str, ...]]:
    """Return the filters without one facet."""
    return {name: values for name, values in filters.items() if name != facet}


def one_param(args: Mapping[str, list[str]], name: str) -> str | None:
    """Return the last non-empty value of a single-valued parameter."""
    values = [v for v in args.get(name, []) if v.strip()]
    return values[-1].strip() if values else None


def integer_param(
    args: Mapping[str, list[str]], name: str, low: int, high: int, label: str
) -> int | None:
    """Parse an integer parameter within bounds, or raise BadRequest in French.

    The last value that is not empty counts (a form's empty field means "not given"); it is
    ASCII digits and nothing else: no sign, space, underscore or other script's digits.
    """
    values = [v for v in args.get(name, []) if v]
    if not values:
        return None
    raw = values[-1]
    if not _DIGITS.fullmatch(raw):
        raise BadRequest(
            f"Le paramètre « {name} » doit être un nombre entier écrit avec les chiffres "
            f"0 à 9, sans espace ni signe ({label})."
        )
    value = int(raw) if len(raw) <= 18 else None  # past 18 digits: out of any range of ours
    if value is None or not low <= value <= high:
        raise BadRequest(f"Le paramètre « {name} » doit être compris entre {low} et {high}.")
    return value


def readable(args: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Return URL parameters with their control characters read as spaces."""
    return {name: [_UNPRINTABLE.sub(" ", v) for v in values] for name, values in args.items()}


def parse_request(args: Mapping[str, list[str]]) -> SearchRequest:
    """Build a SearchRequest from multi-valued parameters; raise BadRequest on a bad one."""
    args = readable(args)
    q = " ".join((one_param(args, "q") or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        raise BadRequest(f"La requête est trop longue (plus de {MAX_QUERY_LENGTH} caractères).")
    filters: dict[str, tuple[str, ...]] = {}
    for spec in FACETS:
        name = spec.param
        values = tuple(dict.fromkeys(v.strip() for v in args.get(name, []) if v.strip()))
        if len(values) > MAX_VALUES_PER_FACET:
            raise BadRequest(f"Trop de valeurs pour « {name} » (au plus {MAX_VALUES_PER_FACET}).")
        if any(len(v) > MAX_VALUE_LENGTH for v in values):
            raise BadRequest(f"Une valeur de « {name} » est trop longue.")
        years = (v for v in args.get(name, []) if v)  # as sent: " 2018" is no year either
        if spec.holds is Holds.YEAR and not all(_YEAR_VALUE.fullmatch(v) for v in years):
            raise BadRequest(
                f"Le paramètre « {name} » attend une année sur quatre chiffres (0 à 9)."
            )
        if values and spec.hierarchical:
            values = _most_specific(values)
        if values:
            filters[spec.key] = values
    year_from = integer_param(args, "from", *YEAR_RANGE, "une année")
    year_to = integer_param(args, "to", *YEAR_RANGE, "une année")
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from  # "de 2018 à 2016" means the years between
    sort = one_param(args, "sort") or ""
    if sort and sort not in SORTS:
        choices = ", ".join(SORTS)
        raise BadRequest(f"Le tri « {sort} » est inconnu : choisissez parmi {choices}.")
    per_page = integer_param(args, "per_page", 1, MAX_PER_PAGE, "résultats par page")
    per_page = per_page or DEFAULT_PER_PAGE
    page = integer_param(args, "page", 1, MAX_RESULT_DEPTH // per_page, "numéro de page") or 1
    facet_size = integer_param(args, "facet_size", 1, MAX_FACET_SIZE, "valeurs par facette")
    facet_size = facet_size or DEFAULT_FACET_SIZE
    return SearchRequest(q, filters, year_from, year_to, sort, page, per_page, facet_size)


def request_from_pairs(pairs: Iterable[tuple[str, str]]) -> SearchRequest:
    """Build a SearchRequest from (name, value) pairs, as CLI flags give them."""
    args: dict[str, list[str]] = {}
    for name, value in pairs:
        args.setdefault(name, []).append(value)
    return parse_request(args)
