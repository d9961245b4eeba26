"""Plain folding shared by exact fields, ids and spelling: case, accents, ligatures."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# NFKD leaves these letters whole: spell them out before stripping combining marks.
_LIGATURES = {
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
}  # fmt: skip


class _AccentTable(dict):
    """A str.translate table that learns each character's unaccented spelling once.

    Folding runs on every line of every newsletter: a per-character Python loop made it
    the extractor's hot spot, while translate() with this table runs in C after warm-up.
    """

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        if char in _LIGATURES:
            plain = _LIGATURES[char]
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[codepoint] = plain
        return plain


_ACCENTS = _AccentTable()


def strip_accents(text: str) -> str:
    """Remove diacritics and spell out ligatures, keeping case."""
    return text if text.isascii() else text.translate(_ACCENTS)


def fold(text: str) -> str:
    """Lowercase and strip accents and ligatures: "Œuvre Étudiée" -> "oeuvre etudiee"."""
    return strip_accents(text).casefold()


@lru_cache(maxsize=100_000)
def fold_word(word: str) -> str:
    """Fold one word through a cache, because analyzers fold the same words over and over."""
    return word.lower() if word.isascii() else fold(word)
