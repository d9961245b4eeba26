"""Compounds: hyphenated, joined and apart writings give the same query terms and positions."""

import pytest

from analyzers import folded_analyzer, french_analyzer, query_terms
from analyzers.compounds import COMPOUNDS, split_joined
from analyzers.resources import data_lines

ANALYZER = french_analyzer()


def index_tokens(text: str) -> list[tuple[str, int]]:
    return [(t.text, t.pos) for t in ANALYZER(text, positions=True, mode="index")]


@pytest.mark.parametrize(
    "writings",
    [
        ["tiers-lieux", "tiers lieux", "tierslieux", "Tiers-Lieux", "tiers‑lieux"],
        ["co-construction", "coconstruction", "co construction"],
        ["fab-lab", "fablab", "fab lab"],
        ["fab labs", "fablabs", "fab-labs"],
        ["co-working", "coworking", "co working"],
        ["co-design", "codesign", "co design"],
        ["start-up", "startup", "start up"],
        ["living labs", "living-labs", "livinglabs"],
        ["hacker spaces", "hackerspaces"],
        ["e-santé", "esante", "e santé"],
    ],
)
def test_every_writing_of_a_compound_queries_the_same_terms(writings):
    assert len({tuple(query_terms(w)) for w in writings}) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rôle et limites des tiers-lieux dans la fabrique",
            [("rol", 0), ("limit", 2), ("tierslieu", 4), ("tier", 4), ("lieu", 5), ("fabriqu", 8)],
        ),
        (
            "en quête des living labs, fablabs et hackerspaces",
            [
                ("quet", 1),
                ("living", 3),
                ("lab", 4),
                ("fablab", 5),
                ("fab", 5),
                ("lab", 6),
                ("hackerspac", 8),
                ("hack", 8),
                ("spac", 9),
            ],
        ),
        ("sur la période 2015-2018", [("period", 2), ("2015", 3), ("2018", 4)]),
    ],
)
def test_index_emits_parts_at_successive_positions_and_the_joined_form(text, expected):
    assert index_tokens(text) == expected


def test_words_after_a_compound_keep_the_positions_of_the_split_writing():
    joined = index_tokens("la coconstruction territoriale")
    apart = index_tokens("la co construction territoriale")
    assert joined[-1] == apart[-1] == ("territorial", 3)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tiers-lieux", ["tier", "lieu"]),
        ("co-construire", ["co", "construir"]),
        ("fablab", ["fab", "lab"]),
        ("Île-de-France", ["iledefr"]),
        ("Vitry-sur-Seine", ["vitrysursein"]),
        ("Saint-Étienne", ["saint", "etien"]),
    ],
)
def test_queries_get_parts_or_the_joined_form_when_a_part_is_a_stop_word(query, expected):
    assert query_terms(query) == expected


def test_compound_char_ranges_point_at_the_parts():
    text = "des tiers-lieux"
    spans = {
        t.text: text[t.startchar : t.endchar] for t in ANALYZER(text, chars=True, mode="index")
    }
    assert spans == {"tierslieu": "tiers-lieux", "tier": "tiers", "lieu": "lieux"}


def test_folded_analyzer_never_emits_the_joined_form():
    texts = [t.text for t in folded_analyzer()("des tiers-lieux et fablabs", mode="index")]
    assert texts == ["des", "tiers", "lieux", "et", "fab", "labs"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("fablab", ("fab", "lab")),
        ("fablabs", ("fab", "labs")),
        ("tierslieux", ("tiers", "lieux")),
        ("cocréation", ("co", "création")),
        ("cocreations", ("co", "créations")),
        ("laboratoire", None),
        ("labs", None),
    ],
)
def test_split_joined(word, parts):
    assert split_joined(word) == parts


def test_compounds_file_loads_and_has_no_duplicates():
    lines = data_lines("compounds.txt")
    assert len(COMPOUNDS) == len(lines) >= 10
    assert all(len(parts) >= 2 for parts in COMPOUNDS.values())
