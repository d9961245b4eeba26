"""Suggestions from the kept word counts: the nearest corpus word (a swap is one edit),
then the most frequent, checked against a plain reference over every word."""

from __future__ import annotations

import random

import pytest

from indexer.build import vocabulary
from search_ui.engine.spelling import VocabularyCorrector, check_spelling


@pytest.fixture(scope="module")
def corrector(records) -> VocabularyCorrector:
    """The corrector of the seed's word counts."""
    return VocabularyCorrector(vocabulary.count_words(records))


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance, written out: insert, delete, replace, swap."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def _reference(corrector: VocabularyCorrector, typo: str) -> list[str]:
    """The nearest word two edits away at most, sharing the first letter, then the most
    frequent, then the first in order: every word of the corpus compared."""
    scored = [
        (_osa(typo, word), -count, word)
        for word, count in corrector.counts.items()
        if word != typo and word[:1] == typo[:1]
    ]
    return [min(scored)[2]] if scored and min(scored)[0] <= 2 else []


def _typos(words: list[str], count: int) -> list[str]:
    rng = random.Random(5)
    typos = []
    for word in rng.sample(words, count):
        i = rng.randrange(1, len(word))
        edit = rng.choice(["drop", "double", "swap", "replace"])
        if edit == "drop":
            typos.append(word[:i] + word[i + 1 :])
        elif edit == "double":
            typos.append(word[:i] + word[i] * 2 + word[i + 1 :] if i < len(word) else word + "e")
        elif edit == "swap" and i + 1 < len(word):
            typos.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        else:
            typos.append(word[:i] + "x" + word[i + 1 :])
    return typos


def test_suggestions_are_the_nearest_then_most_frequent_word(corrector):
    long_words = [w for w in corrector.words if len(w) >= 6 and w.isalpha()]
    for typo in [*_typos(long_words, 60), "inovation", "terriotire", "pubics", "zzzzzz"]:
        expected = _reference(corrector, typo)
        assert corrector.suggest(typo, limit=1, maxdist=2, prefix=1) == expected, typo
        assert corrector.known(typo) == (corrector.counts.get(typo, 0) > 0), typo


def test_an_empty_corpus_suggests_nothing():
    assert VocabularyCorrector(vocabulary.count_words([])).suggest("innovation") == []


def test_two_letters_swapped_are_nearer_than_two_letters_replaced():
    corrector = VocabularyCorrector({"années": 50, "agents": 5})
    spelling = check_spelling(("agnets",), corrector, lambda word: False)
    assert spelling.suggestion == "agents"  # one swap, where « années » is two replacements


def test_of_two_words_as_near_the_more_frequent_is_suggested():
    corrector = VocabularyCorrector({"agents": 5, "argent": 9, "agence": 50})
    spelling = check_spelling(("agenst",), corrector, lambda word: False)
    assert spelling.suggestion == "agents"  # « agence » is two replacements away
    corrector = VocabularyCorrector({"agents": 5, "agnes": 9})
    assert check_spelling(("agnet",), corrector, lambda word: False).suggestion == "agnes"


def test_an_english_word_is_corrected_to_its_french_cognate():
    corrector = VocabularyCorrector({"stratégie": 3, "attractivité": 2, "acteurs": 4})
    for typed, french in [
        ("strategy", "stratégie"),  # in the French word list, but an English ending
        ("attractiveness", "attractivité"),  # no corpus word within two edits
        ("actors", "acteurs"),
    ]:
        assert check_spelling((typed,), corrector, lambda word: False).suggestion == french


def test_a_typo_correction_as_near_as_the_cognate_wins():
    corrector = VocabularyCorrector({"auteurs": 9, "autres": 2})
    assert check_spelling(("auters",), corrector, lambda word: False).suggestion == "auteurs"


def test_false_friends_are_not_translated():
    corrector = VocabularyCorrector({"libraire": 5, "émergence": 5})
    for typed in ("library", "emergency"):
        assert check_spelling((typed,), corrector, lambda word: False).suggestion is None
