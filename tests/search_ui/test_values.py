"""issue:, section: and type: search the few values those fields take, not per-entry postings."""

from __future__ import annotations

import pytest
from whoosh import query

from analyzers import fold
from indexer.schema import VALUE_FIELDS, build_schema
from search_ui.engine.values import NO_VALUE, ValueSearch


def ids_where(records: list[dict], keep) -> set[str]:
    """The ids of the seed records a predicate keeps: what a query should find."""
    return {record["id"] for record in records if keep(record)}


def found(search, q: str) -> set[str]:
    result = search(q, per_page=100)
    assert result.total <= 100
    return {hit.id for hit in result.hits} | {o["id"] for h in result.hits for o in h.also_in}


def agenda_or_design(record: dict) -> bool:
    return record["section"] == "Agenda" or "design" in record["section"]


@pytest.mark.parametrize(
    ("q", "keep"),
    [
        ("section:design", lambda r: "design" in fold(r["section"]).split()),
        ('section:"lieux de l\'innovation"', lambda r: "lieux de l'innovation" in r["section"]),
        (
            "section:(design OR agenda)",
            lambda r: r["section"] == "Agenda" or "design" in r["section"],
        ),
        ("section:agend*", lambda r: r["section"] == "Agenda"),
        ("type:etude", lambda r: r["doc_type"] == "étude"),
        ('type:"appel à projets"', lambda r: r["doc_type"] == "appel à projets"),
        ('issue:"octobre 2018"', lambda r: "octobre 2018" in r["issue"]),
        ("issue:hors*", lambda r: "Hors-Série" in r["issue"]),
        ("issue:2019", lambda r: False),  # the seed is the October 2018 issue
        ("-section:agenda", lambda r: r["section"] != "Agenda"),
    ],
)
def test_value_fields_find_the_entries_of_the_matching_values(search, records, q, keep):
    assert found(search, q) == ids_where(records, keep)


def test_a_value_field_combines_with_words(search, records):
    words = found(search, "innovation")
    assert found(search, "innovation -type:rapport") == words - ids_where(
        records, lambda r: r["doc_type"] == "rapport"
    )
    agenda = ids_where(records, lambda r: r["section"] == "Agenda")
    assert found(search, "innovation section:agenda") == words & agenda


def test_the_index_holds_no_postings_for_value_fields():
    assert not set(VALUE_FIELDS) & set(build_schema().names())


def test_parts_become_facet_terms_and_unknown_values_match_nothing():
    values = ValueSearch({"section": ["Agenda", "Le design de services publics"], "type": []})
    q = values.rewrite(query.And([query.Term("title", "x"), query.Term("section_text", "design")]))
    assert q == query.And(
        [query.Term("title", "x"), query.Term("section", "Le design de services publics")]
    )
    assert values.rewrite(query.Term("type_key", "etude")) == query.Term("doc_type", NO_VALUE)
    negated = values.rewrite(query.Not(query.Term("section_text", "agend")))  # as analysed
    assert negated == query.Not(query.Term("section", "Agenda"))


def test_the_value_index_is_built_only_when_a_query_needs_it():
    values = ValueSearch({"section": ["Agenda"]})
    plain = query.Or([query.Term("title", "agenda"), query.Term("description", "agenda")])
    assert values.rewrite(plain) == plain
    assert not values.built  # a cold `veille search` for words pays nothing
    values.rewrite(query.Term("section_text", "agend"))
    assert values.built
