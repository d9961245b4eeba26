"""Derivational families: one base, suffixes of a known pair, both words attested."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest

from analyzers.derivation import (
    EXCLUDED_PAIRS,
    derivational_families,
    derivational_links,
    load_excluded_pairs,
)
from analyzers.lexicon import LEXICON_FILE, french_words, is_french
from analyzers.refresh_lexicon import render
from analyzers.stemming import stem

LEXICON = french_words()

# (a word of the corpus, a word typed, which must reach the corpus word's stem)
FAMILIES = [
    ("essaimage", "essaimer"),
    ("numérique", "numériser"),
    ("numérisation", "numérique"),
    ("cartographie", "cartographier"),
    ("aménageur", "aménager"),
    ("développeur", "développer"),
    ("pilotage", "piloter"),
    ("urbanisme", "urbaniser"),
    ("central", "centraliser"),
    ("territorial", "territoire"),
    ("institutionnel", "institution"),
    ("régional", "région"),
    ("régionaux", "régions"),
    ("entrepreneurs", "entreprendre"),
    ("entrepreneuriat", "entrepreneur"),
    ("entrepreneuriales", "entrepreneur"),
    ("départemental", "département"),
    ("structurel", "structure"),
    ("solidaire", "solidarité"),
    ("construction", "construire"),
    ("production", "produire"),
    ("réduction", "réduire"),
    ("citoyenneté", "citoyen"),
    ("créativité", "créatif"),
    ("conception", "concevoir"),
    ("décision", "décider"),
    ("intervention", "intervenir"),
    ("prévention", "prévenir"),
    ("ouverture", "ouvrir"),
    ("introduction", "introduire"),
    ("inscription", "inscrire"),
    ("définition", "définir"),
    ("accessibilité", "accessible"),
]


@pytest.mark.parametrize(("corpus", "typed"), FAMILIES)
def test_a_typed_word_reaches_its_family_in_the_corpus(corpus, typed):
    families = derivational_families([corpus], LEXICON)
    assert stem(corpus) in families[stem(typed)]


# Words Snowball or a suffix would merge though their meanings differ.
APART = [
    ("commune", "communication"),
    ("communes", "communication"),
    ("données", "donner"),
    ("donnée", "donne"),
    ("publication", "publique"),
    ("service", "servir"),
    ("gestion", "geste"),
    ("quartier", "quart"),
    ("général", "génération"),
    ("climatique", "climatisation"),
    ("économique", "économiser"),
    ("mobilité", "mobilisation"),
]


@pytest.mark.parametrize(("one", "other"), APART)
def test_unrelated_words_stay_apart(one, other):
    families = derivational_families([one, other], LEXICON)
    assert stem(other) not in families.get(stem(one), ())
    assert stem(one) not in families.get(stem(other), ())


def test_the_words_typed_need_not_be_in_the_corpus_but_in_the_word_list():
    assert derivational_families(["essaimage"], {}) == {}  # « essaimer » unattested
    assert derivational_links(["essaimage", "essaimer"], {})  # attested by the corpus


def test_family_values_are_indexed_stems_only():
    families = derivational_families(["essaimage"], LEXICON, indexed={"autre"})
    assert families == {}


def test_excluded_pairs_load_and_are_pairs_of_stems():
    assert load_excluded_pairs() == EXCLUDED_PAIRS
    assert frozenset((stem("climatique"), stem("climatisation"))) in EXCLUDED_PAIRS
    assert all(len(pair) == 2 for pair in EXCLUDED_PAIRS)


def test_the_word_list_is_french_and_leaves_typos_out():
    for word in ("commande", "données", "numériser", "essaimer", "Cartographier"):
        assert is_french(word), word
    for typo in ("inovation", "decroisance", "incubatuers", "colaboratif", "constrution"):
        assert not is_french(typo), typo


def test_the_word_list_records_its_source_and_is_regenerated_byte_for_byte():
    raw = resources.files("analyzers").joinpath("data", LEXICON_FILE).read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    words = [line for line in lines if not line.startswith("#")]
    assert "wordfreq 3.1.1" in header[0] and "CC-BY-SA 4.0" in header[1]
    assert words == sorted(set(words))
    assert render(words, "3.1.1", 2.0) == raw
