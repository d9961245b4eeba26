"""Plain folding shared by exact fields, ids and spelling: case, accents, ligatures."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# NFKD leaves these letters whole: spell them out before stripping combining marks.
_LIGATURES = {
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
}  # fmt: skip
_SPELL_OUT = re.compile(f"[{''.join(_LIGATURES)}]")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
_UNUSUAL = re.compile(f"[{''.join(_LIGATURES)}\U00010000-\U0010ffff]")


def plain_char(char: str) -> str:
    """Spell one character without its accents: the definition the fast paths must match.

    >>> plain_char("É"), plain_char("œ"), plain_char("ﬁ")
    ('E', 'oe', 'fi')
    """
    if char in _LIGATURES:
        return _LIGATURES[char]
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


class _AccentTable(dict):
    """A str.translate table that learns each character's unaccented spelling once."""

    def __missing__(self, codepoint: int) -> str:
        plain = self[codepoint] = plain_char(chr(codepoint))
        return plain


_ACCENTS = _AccentTable()


@cache
def _combining_marks() -> re.Pattern[str]:
    """Match every Basic Multilingual Plane character with a combining class (built once)."""
    marks = "".join(chr(c) for c in range(0x10000) if unicodedata.combining(chr(c)))
    return re.compile(f"[{re.escape(marks)}]+")


def strip_accents(text: str) -> str:
    """Remove diacritics and spell out ligatures, keeping case.

    Folding runs on many lines of every newsletter. Decomposing the whole string and
    deleting its combining marks in C is several times faster than translating it character
    by character; the result is the same, because canonical reordering only moves the marks
    that are deleted. Text beyond the Basic Multilingual Plane (rare) takes the table.
    """
    if text.isascii():
        return text
    if _UNUSUAL.search(text):  # one scan for the two rare cases
        if _BEYOND_BMP.search(text):
            return text.translate(_ACCENTS)
        text = _SPELL_OUT.sub(lambda match: _LIGATURES[match.group()], text)
    return _combining_marks().sub("", unicodedata.normalize("NFKD", text))


def fold(text: str) -> str:
    """Lowercase and strip accents and ligatures: "Œuvre Étudiée" -> "oeuvre etudiee"."""
    return strip_accents(text).casefold()


_WORD = re.compile(r"\w+")


def folded_words(text: str) -> str:
    """Fold a text and keep its words, one space apart: "L'État, demain !" -> "l etat demain".

    Two spellings of one title or section heading share this key.
    """
    return " ".join(_WORD.findall(fold(text)))


def folded_words_of_lines(lines: list[str]) -> list[str]:
    """Return `folded_words` of each line, folding all the lines in one call.

    Folding works character by character and leaves a newline as it is, so the lines can
    be folded joined: one pass in C instead of a call per line of a newsletter.
    """
    folded = fold("\n".join(lines)).split("\n")
    if len(folded) != len(lines):  # a line holding a newline of its own
        return [folded_words(line) for line in lines]
    return [" ".join(_WORD.findall(line)) for line in folded]


@lru_cache(maxsize=100_000)
def fold_word(word: str) -> str:
    """Fold one word through a cache, because analyzers fold the same words over and over."""
    return word.lower() if word.isascii() else fold(word)
