"""Query syntax: phrases, -word, field:value, year ranges, wildcards, and never an error."""

from __future__ import annotations

import pytest

from analyzers import fold

from ..ordering import catalogue_key


def titles(result) -> list[str]:
    return [hit.title for hit in result.hits]


def test_all_words_are_required(search):
    both = search("design évaluation")
    assert both.total == 1
    whole = [hit.title for hit in both.hits if not (hit.partial or hit.related)]
    assert whole == ["Pourquoi évaluer les démarches d'innovation publique par le design?"]
    assert both.hits[0].title == whole[0]  # the entries with one word come after


def test_quoted_phrase_needs_the_words_together(search):
    loose = search("politique ville")
    phrase = search('"politique de la ville"')
    assert 0 < phrase.total < loose.total
    assert any(t.startswith("Journées (R)évolutions") for t in titles(phrase))


def test_minus_excludes_a_word(search):
    everything = search("tiers lieux")
    without = search("tiers lieux -coworking", per_page=100)
    assert without.total < everything.total
    for hit in without.hits:
        assert "coworking" not in fold(hit.snippet + hit.title)


def test_minus_alone_means_everything_but(search, records):
    result = search("-innovation")
    assert 0 < result.total < len(records)


@pytest.mark.parametrize(
    ("q", "check"),
    [
        ("title:manifeste", lambda h: "manifeste" in fold(h.title)),
        ("author:besson", lambda h: any("besson" in fold(a) for a in h.authors)),
        ("publisher:APUR", lambda h: any("APUR" in p for p in h.publishers)),
        ("type:etude", lambda h: h.doc_type == "étude"),
        ("section:agenda", lambda h: h.section == "Agenda"),
        ("year:2015", lambda h: h.year == 2015),
    ],
)
def test_field_queries(search, q, check):
    result = search(q, per_page=100)
    assert result.total > 0
    assert all(check(hit) for hit in result.hits)


@pytest.mark.parametrize("q", ["2014..2015", "2015..2014"])
def test_year_range_in_the_query(search, records, q):
    result = search(q, per_page=100)
    expected = {r["id"] for r in records if r["year"] in (2014, 2015)}
    assert {hit.id for hit in result.hits} == expected


@pytest.mark.parametrize("ignored", ["i*", "*in", "?n", "title:*"])
def test_a_wildcard_too_short_to_bound_is_ignored(search, ignored):
    alone = search("innovation", per_page=100)
    both = search(f"innovation {ignored}", per_page=100)
    assert both.total == alone.total > 0 and not both.relaxed
    assert {hit.id for hit in both.hits} == {hit.id for hit in alone.hits}


def test_a_wildcard_that_expands_to_nothing_still_counts(search):
    assert search("innovation zzzq*").total == 0


def test_wildcard_expands_to_corpus_words(search):
    assert search("incub*").total == search("incubateurs").total > 0


@pytest.mark.parametrize(
    "q",
    [
        '(unbalanced "quote',
        ")))",
        "a AND",
        "title:",
        "foo:bar",
        "*",
        "?",
        "NOT",
        '""',
        "year:[2016 TO",
        "year:abc",
        "^~{}[]",
        "\x00\x07",
        "é" * 400,
        "OR OR AND",
        "-",
        "innovation^notanumber",
    ],
)
def test_unreadable_queries_are_searched_as_words(search, q):
    result = search(q)
    assert result.total >= 0
    assert isinstance(result.to_api()["hits"], list)


def test_bare_wildcard_does_not_expand_every_term(search, records):
    assert search("*").total == len(records)  # browse, not a scan of every term


def test_title_order_is_a_catalogues_accents_and_signs_aside(search, records):
    titles = [hit.title for hit in search("", sort="title", per_page=100).hits]
    assert len(titles) == len(records)
    assert titles == sorted(titles, key=catalogue_key)
    assert titles.index("École Boule, 12 projets pour Rennes Métropole") < titles.index(
        "Fostering Innovation in the Public Sector"
    )
