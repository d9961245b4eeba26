"""Inline light-Markdown cleanup: what a reader sees once emphasis and links are gone."""

from __future__ import annotations

import re

_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_STRAY_STARS = re.compile(r"\*+")
_SUPERSCRIPT = re.compile(r"(\d)\^(e|er|re|ème|eme)\b")
_ONLY_LINKS = re.compile(r"^(?:[\s►▶•\-–|]*\[[^\]]*\]\([^)]*\))+[\s►▶•\-–|]*$")


def is_link_only(text: str) -> bool:
    """Tell a navigation line made only of links ("► [Rapport](#) ► [Synthèse](#)")."""
    return bool(_ONLY_LINKS.match(text))


def link_texts(text: str) -> list[str]:
    """Return the words of each link of a line: "► [L'étude](u) ► [Le site](v)" gives two."""
    return [match.group(1).strip() for match in _LINK.finditer(text)]


def clean_inline(text: str) -> str:
    """Drop Markdown emphasis and link targets, keep the words; "39^e" becomes "39e"."""
    # Most lines have no markup: each pattern runs only when its sign is there.
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        for _ in range(3):  # nested emphasis: ***x*** , **x *y***
            text = _EMPHASIS.sub(r"\2", text)
        text = _STRAY_STARS.sub("", text)
    if "^" in text:
        text = _SUPERSCRIPT.sub(r"\1\2", text)
    return " ".join(text.split())  # split() and \s see the same whitespace; faster than sub
