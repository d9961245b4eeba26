"""Facet counts equal counts computed independently from `veille extract` output."""

from __future__ import annotations

from collections import Counter

import pytest

from search_ui.engine.criteria import MAX_FACET_SIZE

FACET_KEYS = {"section": "section", "type": "doc_type", "year": "year", "publisher": "publishers"}


def values_of(record: dict, facet: str) -> list[str]:
    """Return the facet values of one extracted record, as strings."""
    value = record[FACET_KEYS[facet]]
    if facet == "publisher":
        return list(value)
    if value is None or value == "":
        return []
    return [str(value)]


def keep(record: dict, selections: dict[str, list[str]], skip: str | None = None) -> bool:
    """Tell whether a record passes every selection except the `skip` facet's."""
    return all(
        set(values_of(record, facet)) & set(chosen)
        for facet, chosen in selections.items()
        if facet != skip
    )


def expected_counts(records: list[dict], selections: dict[str, list[str]], facet: str) -> dict:
    """Count a facet the disjunctive way: over records passing the other facets' filters."""
    counts: Counter[str] = Counter()
    for record in records:
        if keep(record, selections, skip=facet):
            counts.update(values_of(record, facet))
    return dict(counts)


def shown_counts(result, facet: str) -> dict:
    """Return the facet counts of a result, without zero counts kept for selected values."""
    return {v.value: v.count for v in result.facets[facet] if v.count}


SELECTIONS = [
    {},
    {"type": ["article"]},
    {"type": ["article", "note"]},
    {"year": ["2017"], "type": ["rapport", "étude"]},
    {"section": ["Les lieux de l'innovation", "Agenda"]},
    {"publisher": ["Atelier parisien d'urbanisme (APUR)"]},
    {"publisher": ["Commissariat général à l'égalité des territoires (CGET)"], "year": ["2017"]},
]


@pytest.mark.parametrize("selections", SELECTIONS, ids=[str(s) for s in SELECTIONS])
@pytest.mark.parametrize("facet", list(FACET_KEYS))
def test_browse_counts_match_extracted_records(search, records, selections, facet):
    result = search("", facet_size=MAX_FACET_SIZE, **selections)
    assert shown_counts(result, facet) == expected_counts(records, selections, facet)
    assert result.total == sum(keep(r, selections) for r in records)


@pytest.mark.parametrize("q", ["innovation", "design", "tiers lieux", "territoires numérique"])
@pytest.mark.parametrize(
    "selections", [{}, {"type": ["article", "rapport"]}, {"year": ["2018"], "type": ["note"]}]
)
def test_query_counts_match_the_records_of_the_hits(search, records, q, selections):
    every_hit = search(q, per_page=100)  # the query's hit set, no filter
    matching = {
        hit.id for hit in every_hit.hits if not (hit.partial or hit.related)
    }  # facets count these
    assert len(matching) == every_hit.total
    hit_records = [r for r in records if r["id"] in matching]
    result = search(q, per_page=100, facet_size=MAX_FACET_SIZE, **selections)
    for facet in FACET_KEYS:
        assert shown_counts(result, facet) == expected_counts(hit_records, selections, facet)
    whole = {hit.id for hit in result.hits if not (hit.partial or hit.related)}
    assert whole == {r["id"] for r in hit_records if keep(r, selections)}


def test_selected_values_stay_selectable_and_are_flagged(search):
    result = search("", type=["article"])
    types = {v.value: v for v in result.facets["type"]}
    assert types["article"].selected
    assert not types["rapport"].selected and types["rapport"].count > 0


def test_a_selected_value_without_hits_stays_visible(search):
    result = search("", type=["thèse"], year=["2015"])
    years = {v.value: v for v in result.facets["year"]}
    assert years["2015"].selected and years["2015"].count == 0


def test_year_range_filters_like_the_year_facet(search, records):
    result = search("", **{"from": 2016, "to": 2017})
    expected = sum(1 for r in records if r["year"] and 2016 <= r["year"] <= 2017)
    assert result.total == expected
    # the year facet keeps to the range: each year it counts is one that choosing would list
    assert {v.value for v in result.facets["year"] if v.count} == {"2016", "2017"}
    for value in result.facets["year"]:
        chosen = search("", **{"from": 2016, "to": 2017, "year": [value.value]})
        assert chosen.total == value.count


def test_browse_is_newest_first(search):
    years = [hit.year for hit in search("", per_page=100).hits]
    dated = [y for y in years if y is not None]
    assert dated == sorted(dated, reverse=True)
    assert years[: len(dated)] == dated  # entries without a year come last
