"""Characters that are no text, removed where a newsletter is read and again by every writer.

C0 controls but tab and line feed, DEL, C1 controls, lone surrogates and the noncharacters
of the BMP: no newsletter prints them, yet one such character makes a whole Atom feed
ill-formed XML (XML 1.0 forbids them), a terminal runs it (ESC[2J clears the screen) and
a reference manager chokes on it. The readers remove them (`readers.py`); the writers remove
them again, for the records of indexes built before the readers did.

>>> printable("Titre\\x1b[2J\\x07 du\\x0brapport")
'Titre[2J du rapport'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# U+FFFE and U+FFFF (XML 1.0 forbids both) and U+FDD0 to U+FDEF: the noncharacters of the
# BMP. Those of the other planes are left: XML allows them, and a class reaching past the
# BMP makes every search ten times slower.
NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def _replacement(match: re.Match[str]) -> str:
    """Keep words apart where a separator stood (VT, FF, the information separators, NEL)."""
    return " " if match[0].isspace() else ""


def printable(text: str) -> str:
    """Return the text without the characters that are no text; separators become spaces."""
    return NOT_TEXT.sub(_replacement, text)


def printable_all(texts: Sequence[str]) -> Sequence[str]:
    """Return `printable` of each text, or the texts themselves when all are clean.

    One search over them all: a clean record, the rule, costs a single scan.
    """
    if not NOT_TEXT.search("".join(texts)):
        return texts
    return [printable(text) for text in texts]


def printable_data(value: Any) -> Any:
    """Return JSON-ready data with `printable` applied to every string in it, keys too."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(key): printable_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable_data(item) for item in value]
    return value
