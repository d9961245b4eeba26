"""Tokenizing, elisions, ordinals, stop words and folding, on the newsletter's own phrases."""

import pytest

from analyzers import folded_analyzer, french_analyzer, query_terms
from analyzers.filters import STOP_WORDS
from analyzers.resources import data_lines

FOLDED = folded_analyzer()


def folded(text: str) -> list[str]:
    return [t.text for t in FOLDED(text, mode="query")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'innovation publique", ["innovation", "publique"]),
        ("L’innovation publique", ["innovation", "publique"]),
        ("d'aménagement et d'urbanisme", ["amenagement", "et", "urbanisme"]),
        ("jusqu'alors déployées", ["alors", "deployees"]),
        ("jusqu’au 7 décembre", ["au", "7", "decembre"]),
        ("qu'elles n'ont pas en interne", ["elles", "ont", "pas", "en", "interne"]),
        ("lorsqu'il s'agit", ["il", "agit"]),
        ("puisqu'on", ["on"]),
        ("quoiqu'un", ["un"]),
        ("c'est-à-dire", ["est", "a", "dire"]),
        ("s'approprient", ["approprient"]),
        ("m'inscrire, t'inscrire, j'innove", ["inscrire", "inscrire", "innove"]),
        ("L' OPSI offre un lieu", ["l", "opsi", "offre", "un", "lieu"]),
        ("aujourd'hui", ["aujourdhui"]),
        ("Le Lab' de France Stratégie", ["le", "lab", "de", "france", "strategie"]),
    ],
)
def test_elisions_are_dropped_with_either_apostrophe(text, expected):
    assert folded(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("39^e Rencontre des agences", "39e"),
        ("39e Rencontre nationale", "39e"),
        ("39° Rencontre de la FNAU", "39e"),
        ("39ᵉ rencontre", "39e"),
        ("Semaine de l'innovation publique : 5° édition", "5e"),
        ("Sylvine Bois-Choussy, 27ième Région", "27e"),
        ("la 27e Région", "27e"),
        ("Nadège Guiraud, 27° Région", "27e"),
        ("5eme POLE", "5e"),
        ("Paris 7ème", "7e"),
        ("le 1er juin dernier", "1e"),
        ("la 1ère édition", "1e"),
        ("la 1re édition", "1e"),
        ("la 1000e startup accompagnée", "1000e"),
    ],
)
def test_ordinals_take_one_form(text, expected):
    assert expected in folded(text)
    assert expected in query_terms(text)


@pytest.mark.parametrize(
    "text",
    ["les 7, 8 et 9 novembre 2018", "n°755, septembre 2017", "5 et 6 novembre", "2018/2"],
)
def test_plain_numbers_are_not_ordinals(text):
    assert not any(term.endswith("e") and term[:-1].isdigit() for term in folded(text))


@pytest.mark.parametrize(
    ("variants", "term"),
    [
        (["27e Région", "27ième Région", "27° Région", "27^e région"], ["27e", "region"]),
        (["39e rencontre", "39° Rencontre", "39^e Rencontre"], ["39e", "rencontr"]),
    ],
)
def test_ordinal_spellings_meet_in_full_text(variants, term):
    assert {tuple(query_terms(v)) for v in variants} == {tuple(term)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les tiers lieux : de nouveaux espaces", ["tier", "lieu", "nouveau", "espac"]),
        ("L'innovation dans les territoires", ["innov", "territoir"]),
        ("Quel est le rôle d'un laboratoire ?", ["rol", "laboratoir"]),
        ("où et ou, à et a", []),
        ("Fostering Innovation in the Public Sector", ["fostering", "innov", "public", "sector"]),
        ("un an, pas à pas, été 2018", ["an", "pas", "pas", "ete", "2018"]),
    ],
)
def test_stop_words_go_and_meaningful_words_stay(text, expected):
    assert query_terms(text) == expected


def test_stop_list_file_is_reviewed():
    words = data_lines("stopwords_fr.txt")
    assert len(words) == len(set(words)), "duplicate stop words"
    for word in ["les", "le", "la", "des", "du", "l", "d", "qu", "jusqu", "à", "et", "dans"]:
        assert word in STOP_WORDS
    for word in ["été", "pas", "ville", "public", "innovation", "territoire", "an", "nouveau"]:
        assert word not in STOP_WORDS
    assert all(word == word.lower() and " " not in word for word in words)


def test_stopped_words_keep_their_positions():
    tokens = french_analyzer()("tiers des lieux", positions=True, mode="index")
    assert [(t.text, t.pos) for t in tokens] == [("tier", 0), ("lieu", 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mise en œuvre", ["mise", "en", "oeuvre"]),
        ("au cœur des réflexions", ["au", "coeur", "des", "reflexions"]),
        ("Cæsar", ["caesar"]),
        ("ÉTUDE", ["etude"]),
        ("Île-de-France", ["ile", "de", "france"]),
    ],
)
def test_folded_analyzer_folds_and_keeps_stop_words(text, expected):
    assert folded(text) == expected
