"""Folding: the whole-string fast path spells every character as the per-character rule does."""

import unicodedata

import pytest

from analyzers.folding import fold, folded_words, folded_words_of_lines, plain_char, strip_accents


def per_character(text: str) -> str:
    """The definition: each character decomposed alone, combining marks dropped."""
    return "".join(plain_char(char) for char in text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Œuvre Étudiée", "oeuvre etudiee"),
        ("tiers-lieux à Besançon", "tiers-lieux a besancon"),
        ("« Straße », Łódź — ﬁnancement", "« strasse », lodz — financement"),
        ("ascii stays", "ascii stays"),
    ],
)
def test_fold_spells_out_accents_ligatures_and_case(text, expected):
    assert fold(text) == expected


def test_every_latin_greek_and_cyrillic_character_folds_as_defined():
    chars = [chr(c) for c in range(0x80, 0x2000)] + ["\u1e9e", "\ufb01", "\u2460", "\u3000"]
    for char in chars:
        text = f"e{char}\u0301é"  # marks around it: canonical reordering must not matter
        assert strip_accents(text) == per_character(text), hex(ord(char))


def test_text_beyond_the_basic_plane_folds_as_defined():
    text = "Mathématiques 𝐀𝐁 😀 é\U0001d167"  # bold letters, emoji, a combining musical mark
    assert strip_accents(text) == per_character(text)
    assert "\U0001d167" not in strip_accents(text)
    assert unicodedata.combining("\U0001d167")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L'État, demain !", "l etat demain"),
        (" Co-construction : source d'innovation ", "co construction source d innovation"),
        ("« Agenda »", "agenda"),
        ("Hors-Série #2 — 2018", "hors serie 2 2018"),
        ("", ""),
    ],
)
def test_folded_words_keep_only_the_words(text, expected):
    assert folded_words(text) == expected


def test_lines_folded_together_give_each_line_its_words(seed_text):
    lines = [*seed_text.splitlines(), "Œuvres 𝐀 é\U0001d167", "", "L'État\u2028demain"]
    assert folded_words_of_lines(lines) == [folded_words(line) for line in lines]
    assert folded_words_of_lines(["a\nb", "c"]) == ["a b", "c"]  # a newline inside a line
