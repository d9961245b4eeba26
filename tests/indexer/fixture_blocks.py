"""The shape of a hand-written newsletter fixture, shared by its text, HTML and PDF renderings.

A fixture is a list of blocks in reading order. Each rendering (plain text, HTML e-mail,
PDF written by reportlab) lays the same blocks out in its own way, so a test can ask the
extractor for identical entries from every format of the same bulletin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["masthead", "heading", "title", "source", "body", "link"]


@dataclass(frozen=True)
class Block:
    """One block of a newsletter: its role and its text.

    A "\\n" inside a title or source is a hard wrap as the text version shows it (a title
    wrapped over two lines); the HTML and PDF renderings join it with a space. A link's
    ``href`` is the address its label (« ► L'étude ») or linked title points to.
    """

    role: Role
    text: str
    href: str = ""
