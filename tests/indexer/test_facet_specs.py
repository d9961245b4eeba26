"""The facet specifications: consistent with each other, the schema and the entry record."""

from __future__ import annotations

import dataclasses

import pytest

from indexer.build.documents import entry_document
from indexer.extraction.entry import Entry
from indexer.facet_specs import (
    BY_KEY,
    COUNTED,
    FACETS,
    REPORTED,
    VALUE_SEPARATOR,
    FacetSpec,
    Holds,
    Order,
    Panel,
    facet,
    year_facet,
)
from indexer.schema import COLUMN_FACETS, FACET_FIELDS, build_schema

IDS = [spec.key for spec in FACETS]


@pytest.mark.parametrize("attribute", ["key", "param", "field", "api", "label"])
def test_what_names_a_facet_is_unique(attribute: str) -> None:
    names = [getattr(spec, attribute) for spec in FACETS]
    assert len(set(names)) == len(names), names


def test_lookups_and_derived_tuples_follow_the_declarations() -> None:
    assert list(BY_KEY) == IDS
    assert all(facet(spec.key) is spec for spec in FACETS)
    assert [spec.key for spec in COUNTED] == [s.key for s in FACETS if s.panel is not Panel.NEVER]
    assert sorted(spec.report for spec in REPORTED) == [spec.report for spec in REPORTED]
    assert len({spec.report for spec in REPORTED}) == len(REPORTED)
    assert year_facet().holds is Holds.YEAR
    with pytest.raises(KeyError):
        facet("territoire")


@pytest.mark.parametrize("spec", FACETS, ids=IDS)
def test_each_spec_is_complete(spec: FacetSpec) -> None:
    assert spec.label and spec.label[0].isupper()  # a French label, as a legend shows it
    assert spec.description.endswith(".") and spec.cli_help
    assert spec.visible > 0
    assert spec.param.isidentifier() and spec.api  # a URL parameter, a CLI option, a JSON key
    assert spec.short_label and spec.long_label


def test_defaults_come_from_the_key_and_the_label() -> None:
    spec = FacetSpec(
        key="territory", field="territory", record="territory", label="Territoire",
        description="Territoire.", cli_help="territory",
    )  # fmt: skip
    assert (spec.param, spec.api) == ("territory", "territory")
    assert (spec.short_label, spec.long_label) == ("Territoire", "Territoire")
    assert spec.counted and not spec.is_year


# -- the schema and the record ----------------------------------------------------------------


def test_the_schema_has_a_field_per_facet() -> None:
    schema = build_schema()
    assert {spec.key: spec.field for spec in FACETS} == FACET_FIELDS
    assert all(spec.field in schema.names() for spec in FACETS)
    assert {spec.field for spec in FACETS if spec.holds is Holds.TEXTS} == COLUMN_FACETS
    for spec in FACETS:
        assert bool(schema[spec.field].column_type) == (
            spec.holds is not Holds.TEXT or spec.field in {"section", "doc_type"}
        )


@pytest.mark.parametrize("spec", FACETS, ids=IDS)
def test_the_entry_record_holds_each_facet(spec: FacetSpec) -> None:
    # An Entry's field, or what the build adds to the record it stores (its territories).
    record = entry_document(ENTRY, added=0)["record"]
    assert spec.record in record
    if spec.key != "territory":
        assert spec.record in {field.name for field in dataclasses.fields(Entry)}


ENTRY = Entry(
    id="e1", title="Tiers-lieux", kind="event", section="Agenda", publishers=["CGET", "ANCT"],
    doc_type="événement", year=None, language="en", issue="Hors-Série #2", file="a.txt", line=3,
)  # fmt: skip


def test_the_index_document_stores_each_facet_as_its_field_expects() -> None:
    document = entry_document(ENTRY, added=0)
    assert {spec.field: document[spec.field] for spec in FACETS} == {
        "section": "Agenda",
        "publisher": f"CGET{VALUE_SEPARATOR}ANCT",
        "doc_type": "événement",
        "territory": "",
        "year": 0,
        "issue": "Hors-Série #2",
        "kind": "event",
        "language": "en",
    }


@pytest.mark.parametrize(
    ("key", "values"),
    [
        ("publisher", ["CGET", "ANCT"]),
        ("year", [None]),
        ("section", ["Agenda"]),
        ("kind", ["event"]),
    ],
)
def test_record_values_keep_what_the_record_holds(key: str, values: list) -> None:
    assert facet(key).record_values(ENTRY.to_dict()) == values


# -- orders and labels ------------------------------------------------------------------------

COUNTS = {"rapport": 3, "Article": 5, "étude": 3, "note": 1}


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (Order.BY_COUNT, ["Article", "rapport", "étude", "note"]),  # ties alphabetically
        (Order.BY_VALUE, ["Article", "note", "rapport", "étude"]),
        (Order.BY_VALUE_DESC, ["étude", "rapport", "note", "Article"]),
    ],
)
def test_values_are_listed_in_the_facets_order(order: Order, expected: list[str]) -> None:
    spec = dataclasses.replace(facet("type"), order=order)
    assert [value for value, _ in spec.ordered(COUNTS)] == expected


def test_years_are_listed_newest_first() -> None:
    assert year_facet().ordered({"2016": 4, "2018": 1, "2017": 9}) == [
        ("2018", 1),
        ("2017", 9),
        ("2016", 4),
    ]


def test_coded_values_read_in_french() -> None:
    assert facet("kind").value_label("event") == "Événement"
    assert facet("language").value_label("en") == "anglais"
    assert facet("language").value_label("de") == "de"  # an unknown code is shown as is
    assert facet("section").value_label("Agenda") == "Agenda"


def test_issues_are_listed_newest_first_and_by_number() -> None:
    counts = {
        "En quelques clics n° 101 — mars 2019": 80,
        "Bulletin de veille #346 — 27 novembre 2023": 12,
        "En quelques clics n° 12 — mars 2019": 81,
        "En quelques clics — Hors-Série #2 — octobre 2018": 77,
    }
    assert [value for value, _ in facet("issue").ordered(counts)] == [
        "Bulletin de veille #346 — 27 novembre 2023",
        "En quelques clics n° 101 — mars 2019",
        "En quelques clics n° 12 — mars 2019",
        "En quelques clics — Hors-Série #2 — octobre 2018",
    ]
    assert facet("issue").top(counts, 2) == facet("issue").ordered(counts)[:2]
