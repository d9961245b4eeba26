"""Guess whether a title is English or French from its function words."""

from __future__ import annotations

import re

_ENGLISH = {
    "the", "of", "for", "and", "in", "on", "with", "to", "from", "new", "ways", "how", "what",
    "why", "is", "are", "its", "their", "an", "by", "into", "towards", "public", "sector",
}  # fmt: skip
_FRENCH = {
    "le", "la", "les", "de", "des", "du", "et", "en", "un", "une", "pour", "dans", "sur", "au",
    "aux", "par", "avec", "vers", "est", "quels", "quelles", "d", "l", "à", "ou", "ce", "cette",
}  # fmt: skip


def guess_language(title: str) -> str:
    """Return "en" when English function words outnumber French ones, else "fr"."""
    words = re.findall(r"[a-zà-ÿ]+", title.lower())
    english = sum(word in _ENGLISH for word in words)
    french = sum(word in _FRENCH for word in words)
    return "en" if english > french and english >= 2 else "fr"
