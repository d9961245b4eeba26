"""The thesaurus file loads, is consistent, and widens queries with the field's own terms."""

import pytest

from analyzers import THESAURUS, Thesaurus, expand, expand_query, query_terms, synonyms
from analyzers.resources import data_lines


def test_the_file_loads_with_rings_of_two_or_more():
    assert len(THESAURUS.rings) >= 40
    assert all(len(ring) >= 2 for ring in THESAURUS.rings)


def test_no_member_belongs_to_two_rings_or_twice_to_one():
    keys = [tuple(query_terms(m)) for ring in THESAURUS.rings for m in ring]
    assert len(keys) == len(set(keys))
    assert len(THESAURUS.rings) == len(data_lines("thesaurus.txt"))


@pytest.mark.parametrize(
    "lines",
    [
        ["OCDE | OECD", "OECD | Organisation de coopération"],
        ["tiers-lieux | tiers lieux"],
        ["smart city"],
        ["ESS | les"],
    ],
)
def test_unsound_rings_are_refused(lines):
    with pytest.raises(ValueError):
        Thesaurus.from_lines(lines)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("OCDE", {"OECD", "Organisation de coopération et de développement économiques"}),
        ("ESS", {"économie sociale et solidaire"}),
        ("QPV", {"quartiers prioritaires de la politique de la ville"}),
        ("CGET", {"Commissariat général à l'égalité des territoires"}),
        ("smart cities", {"ville intelligente"}),
        ("villes intelligentes", {"smart city"}),
        ("villes en décroissance", {"shrinking cities", "décroissance urbaine"}),
        ("tiers lieux", {"third places"}),
        ("Policy Labs", {"laboratoire d'innovation publique"}),
        ("laboratoires d'innovation publique", {"policy lab", "public policy lab"}),
        ("design de services", {"service design"}),
        ("économie collaborative", {"sharing economy"}),
        ("incubateurs", {"incubator", "pépinière d'entreprises"}),
        ("labs", {"laboratoire"}),
        ("essaimer", {"changement d'échelle", "passage à l'échelle", "scaling up"}),
        ("service design", {"design des services publics"}),
        ("politiques publiques", {"public policy"}),
        ("participation citoyenne", {"citizen participation"}),
        ("innovation publique", {"public innovation", "public sector innovation"}),
    ],
)
def test_synonyms_find_the_ring_in_any_inflection(phrase, expected):
    found = synonyms(phrase)
    assert found[0] == phrase
    assert expected <= set(found)


def test_a_word_outside_the_thesaurus_is_its_own_only_synonym():
    assert synonyms("percolent") == ["percolent"]


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        (
            "innovation publique et ESS",
            [
                ["innovation publique", "public innovation"],
                ["et"],
                ["ESS", "économie sociale et solidaire"],
            ],
        ),
        (
            "les laboratoires d'innovation publique en région",
            [["les"], ["laboratoires d'innovation publique", "policy lab"], ["en"], ["région"]],
        ),
        ("rôle des tiers-lieux", [["rôle"], ["des"], ["tiers-lieux", "third places"]]),
    ],
)
def test_expand_query_cuts_the_text_into_or_groups(text, groups):
    found = expand_query(text)
    assert [group[0] for group in found] == [group[0] for group in groups]
    for got, wanted in zip(found, groups, strict=True):
        assert set(wanted) <= set(got)


def test_expand_gives_whole_phrasings_text_first():
    phrasings = expand("smart city en France")
    assert phrasings[0] == "smart city en France"
    assert "ville intelligente en France" in phrasings
    assert len(expand("innovation publique et ESS", limit=4)) == 4
