"""The gazetteer: every territory with its code, name and containers, and the closure upward.

Codes: `reg-53` (région), `dep-35` (département), `epci-243500139` (EPCI, by SIREN, the
métropoles among them), `com-35238` (commune, by INSEE code), `int-ES` (abroad: ISO 3166-1
country, `int-EU` for Europe). A commune lies within its EPCI and its département; an EPCI
within its département when all its communes are in one, else within their région when they
share one; a département within its région; a country of Europe within `int-EU`.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from indexer.territories.datafiles import abroad

KINDS = ("reg", "dep", "epci", "com", "int")


@dataclass(frozen=True, slots=True)
class Territory:
    """One territory: its code, the name shown, its kind, what contains it directly."""

    code: str
    name: str
    kind: str
    within: tuple[str, ...] = ()
    population: int = 0
    department: str = ""  # a commune's or a département's code, « 35 »; "" otherwise
    epci_type: str = ""  # METRO, MET69, CU, CA, CC


class Gazetteer:
    """Territories by code, with the closure upward of any set of codes."""

    def __init__(self, territories: Iterable[Territory]) -> None:
        self._by_code = {territory.code: territory for territory in territories}
        self._ancestors: dict[str, frozenset[str]] = {}

    def __getitem__(self, code: str) -> Territory:
        return self._by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Territory]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def name(self, code: str) -> str:
        """Return the name shown for a code (« Bretagne » for `reg-53`)."""
        return self._by_code[code].name

    def ancestors(self, code: str) -> frozenset[str]:
        """Return every territory that contains this one, directly or not."""
        known = self._ancestors.get(code)
        if known is None:
            found: set[str] = set()
            for parent in self._by_code[code].within:
                found.add(parent)
                found |= self.ancestors(parent)
            known = self._ancestors[code] = frozenset(found)
        return known

    @cached_property
    def abroad_roots(self) -> tuple[str, ...]:
        """The places abroad that nothing contains: with codes closed upward, an entry is
        about a place abroad when it has one of these. Found once: a query saying « à
        l'étranger » asks for them, and the gazetteer holds every commune."""
        return tuple(t.code for t in self if t.kind == "int" and not t.within)

    def closure(self, codes: Iterable[str]) -> frozenset[str]:
        """Return the codes with every territory containing them: Rennes gives its EPCI,
        Ille-et-Vilaine and Bretagne."""
        closed: set[str] = set()
        for code in codes:
            closed.add(code)
            closed |= self.ancestors(code)
        return frozenset(closed)

    @classmethod
    def from_rows(cls, rows: Iterable[list[str]]) -> Gazetteer:
        """Build the French territories from the compact rows, and the places abroad."""
        rows = list(rows)
        regions = {row[1]: row[2] for row in rows if row[0] == "reg"}
        departments = {row[1]: row for row in rows if row[0] == "dep"}
        communes = [row for row in rows if row[0] == "com"]
        members: dict[str, list[str]] = {}
        for row in communes:
            if row[5]:
                members.setdefault(row[5], []).append(row[3])
        territories = [Territory(f"reg-{code}", name, "reg") for code, name in regions.items()]
        for code, (_, _, name, region) in departments.items():
            territories.append(Territory(f"dep-{code}", name, "dep", (f"reg-{region}",), 0, code))
        for row in rows:
            if row[0] == "epci":
                deps = set(members.get(row[1], ()))
                within = _epci_within(deps, {departments[d][3] for d in deps})
                territories.append(
                    Territory(f"epci-{row[1]}", row[2], "epci", within, 0, "", row[3])
                )
        for _, code, name, dep, population, epci in communes:
            within = (f"epci-{epci}", f"dep-{dep}") if epci else (f"dep-{dep}",)
            territories.append(Territory(f"com-{code}", name, "com", within, int(population), dep))
        for place in abroad():
            within = (place.within,) if place.within else ()
            territories.append(Territory(place.code, place.name, "int", within))
        return cls(territories)


def _epci_within(departments: set[str], regions: set[str]) -> tuple[str, ...]:
    """Return the smallest territory holding all of an EPCI's communes, if any."""
    if len(departments) == 1:
        return (f"dep-{next(iter(departments))}",)
    if len(regions) == 1:
        return (f"reg-{next(iter(regions))}",)
    return ()


def gazetteer_rows(data: bytes) -> list[list[str]]:
    """Read the rows of the compact gazetteer file (gzipped TSV)."""
    text = gzip.decompress(data).decode("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def default_gazetteer() -> Gazetteer:
    """Load the gazetteer shipped with the package (read once per process)."""
    data = resources.files("indexer").joinpath("data/territories/gazetteer.tsv.gz").read_bytes()
    return Gazetteer.from_rows(gazetteer_rows(data))
