"""The values a hierarchical facet lists (territories): the top level, and under each value
selected (or holding a selected one) the values it directly contains.

Régions and the places abroad that nothing contains (Europe, the United States…) make the top
level. Under an open région come its départements (and the EPCI spanning several of them),
under a département its EPCI and communes, under an EPCI its communes: each level lists its
top `size` values by count, and every selected (or open) value. The
list is flat, depth first: a value follows the value containing it, which
`search_ui.web.presenters.facet_tree` nests again for the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from indexer.facet_specs import FacetSpec
from indexer.territories import Gazetteer, default_gazetteer
from search_ui.engine.results import FacetValue


def hierarchical_values(
    spec: FacetSpec,
    counts: Mapping[str, int],
    selected: Iterable[str],
    size: int,
    gazetteer: Gazetteer | None = None,
) -> list[FacetValue]:
    """Return the listed values of a hierarchical facet, depth first (see the module)."""
    gazetteer = gazetteer or default_gazetteer()
    selected = list(selected)
    chosen = {code for code in selected if code in gazetteer}
    known = [code for code in counts if code in gazetteer]
    opened = gazetteer.closure(chosen)  # the selected values and all that contain them
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for code in {*known, *opened}:
        parents = gazetteer[code].within
        if not parents:
            roots.append(code)
        open_parents = [parent for parent in parents if parent in opened]
        # Under the narrowest of them: a commune under its EPCI once that is open.
        for parent in open_parents:
            if not any(parent in gazetteer.ancestors(other) for other in open_parents):
                children.setdefault(parent, []).append(code)
                break
    listed: list[FacetValue] = []
    seen: set[str] = set()

    def add(codes: list[str], cut: int) -> None:
        values = {code: counts.get(code, 0) for code in codes}
        shown = [code for code, _ in spec.top(values, cut)]
        shown += [c for c, _ in spec.ordered(values) if c in chosen | opened and c not in shown]
        for code in shown:
            if code in seen:
                continue
            seen.add(code)
            listed.append(FacetValue(code, values[code], code in chosen))
            if code in opened:
                add(children.get(code, []), size)

    add(roots, size)
    # A selected code the gazetteer does not know (a URL's typo) stays listed, as elsewhere.
    listed += [FacetValue(code, counts.get(code, 0), True) for code in selected if code not in seen]
    return listed


def is_top(code: str, gazetteer: Gazetteer | None = None) -> bool:
    """Tell whether a value is of the top level: a région, or a place abroad nothing holds."""
    gazetteer = gazetteer or default_gazetteer()
    return code in gazetteer and not gazetteer[code].within
