"""Plain folding shared by exact fields, ids and spelling: case, accents, ligatures."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# NFKD leaves these letters whole: spell them out before stripping combining marks.
_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"}
)


def strip_accents(text: str) -> str:
    """Remove diacritics and spell out ligatures, keeping case."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lowercase and strip accents and ligatures: "Œuvre Étudiée" -> "oeuvre etudiee"."""
    return strip_accents(text).casefold()


@lru_cache(maxsize=100_000)
def fold_word(word: str) -> str:
    """Fold one word through a cache, because analyzers fold the same words over and over."""
    return word.lower() if word.isascii() else fold(word)
