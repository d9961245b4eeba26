"""The title order a catalogue reader expects, written apart from the indexer's own."""

from __future__ import annotations

import re
import unicodedata


def catalogue_key(title: str) -> list[str]:
    """Return a title's words without case or accents: « École » files among the e, and
    signs (« # », « « ») file nowhere."""
    plain = "".join(
        c for c in unicodedata.normalize("NFD", title.casefold()) if not unicodedata.combining(c)
    )
    return re.findall(r"[^\W_]+", plain)
