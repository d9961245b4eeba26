"""Stems: accent-blind, cached, with the over- and under-stemming of Snowball corrected."""

import pytest

from analyzers import french_analyzer, query_terms, stem
from analyzers.stemming import EXCLUSIONS, stem_variants

ANALYZER = french_analyzer()


def index_terms(text: str) -> set[str]:
    return {t.text for t in ANALYZER(text, mode="index")}


@pytest.mark.parametrize(
    "family",
    [
        ["études", "etudes", "Étude", "ETUDES", "étude"],
        ["innovation", "innovations", "Innovation"],
        ["collectivité", "collectivités"],
        ["politique", "politiques"],
        ["mise en œuvre", "mise en oeuvre"],
        ["lieu", "lieux"],
        ["milieu", "milieux"],
        ["enjeu", "enjeux"],
        ["communication", "communications"],
        ["donnée", "données", "donnees"],
        ["publication", "publications"],
        ["publique", "publiques"],
        ["commune", "communes"],
    ],
)
def test_a_family_gives_one_query_term(family):
    assert len({tuple(query_terms(word)) for word in family}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("communication", "commune"),
        ("communications", "communes"),
        ("données", "donner"),
        ("donnée", "don"),
        ("publication", "publique"),
        ("publications", "publiques"),
        ("collectivité", "collectif"),
        ("collectivités", "collectives"),
    ],
)
def test_snowball_collisions_are_kept_apart(one, other):
    assert stem(one) != stem(other)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Les collectivités territoriales", "collectivites"),
        ("les activités culturelles", "activites"),
        ("les dernières années", "dernieres"),
        ("la journée d'initiation", "journee"),
        ("une étude socio-économique", "etude"),
        ("la créativité de tous", "creativite"),
        ("une Île-de-France qui se métamorphose", "metamorphose"),
    ],
)
def test_a_query_typed_without_accents_meets_the_accented_text(text, query):
    assert set(query_terms(query)) <= index_terms(text)


def test_query_mode_gives_a_single_stem_per_word():
    assert query_terms("activités") == ["activ"]
    assert index_terms("activités") == {"activ", "activit"}


def test_stems_are_cached():
    stem_variants.cache_clear()
    stem("évaluation")
    stem("évaluation")
    info = stem_variants.cache_info()
    assert (info.hits, info.misses) == (1, 1)


def test_exclusions_file_loads_folded():
    assert EXCLUSIONS["donnees"] == "donnee"
    assert all(key == key.lower() and key.isascii() for key in EXCLUSIONS)
