"""Fixtures for the indexer tests: the seed's entries, and copies of the seed in other dresses.

Each variant is built here from the seed text, so that a test compares the extractor's
output on the same newsletter written differently (line endings, Unicode form, bullets,
Markdown, apostrophes, section order, HTML, legacy encoding).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from indexer.extraction.entry import Entry
from indexer.extraction.extractor import extract_file

ISSUE = "En quelques clics — Hors-Série #2 — octobre 2018"
SECTIONS = (
    "Concevoir autrement les politiques publiques",
    "Le design de services publics",
    "L'innovation, un levier pour les territoires",
    "Co-construction et démarche participative, source d'innovation",
    "Les lieux de l'innovation",
    "Diffuser et partager une culture de l'innovation",
    "Agenda",
)


def comparable(entry: Entry) -> dict[str, Any]:
    """Return an entry's fields without its provenance (file and line)."""
    data = entry.to_dict()
    del data["file"], data["line"]
    return data


def by_id(entries: list[Entry]) -> dict[str, dict[str, Any]]:
    """Index comparable entries by id."""
    return {entry.id: comparable(entry) for entry in entries}


def move_section(text: str, heading: str, before: str) -> str:
    """Move one section (its heading line and everything up to the next heading) before another.

    Headings are found as whole lines after the summary, where they open the sections.
    """
    lines = text.split("\n")
    starts = {title: max(i for i, line in enumerate(lines) if line == title) for title in SECTIONS}
    start = starts[heading]
    end = min((i for i in starts.values() if i > start), default=len(lines))
    block, rest = lines[start:end], lines[:start] + lines[end:]
    at = max(i for i, line in enumerate(rest) if line == before)
    return "\n".join(rest[:at] + block + rest[at:])


def alternate_bullets(text: str) -> str:
    """Write "•" for every other "►" / "▶" bullet."""
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "•" if count % 2 == 0 else match.group(0)

    return re.sub("[►▶]", swap, text)


def dressed_variant(text: str) -> bytes:
    """Return the seed moved, re-bulleted, unbolded, with ’, in NFD and with CRLF, as UTF-8."""
    text = move_section(text, "Les lieux de l'innovation", before="Le design de services publics")
    text = alternate_bullets(text).replace("**", "").replace("'", "’")
    text = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    return text.encode("utf-8")


def html_document(text: str, preset: str) -> str:
    """Render the seed's Markdown with markdown-it-py into a full HTML document."""
    body = MarkdownIt(preset).render(text)
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8">'
        f"<title>En quelques clics</title></head>\n<body>\n{body}</body>\n</html>\n"
    )


def entities_html(text: str) -> bytes:
    """Return the seed as an e-mail tool writes it: ’ and é as character references, a
    zero-width space or non-joiner opening each block."""
    page = html_document(text.replace("'", "’"), "commonmark")
    page = page.replace("’", "&rsquo;").replace("é", "&eacute;")
    page = page.replace("<p>", "<p>&zwnj;").replace("<li>", "<li>&#8203;")
    return page.encode("ascii", "xmlcharrefreplace")


def cp1252_copy(text: str) -> bytes:
    """Encode the seed as a Windows editor would: ► and ▶ (not in cp1252) become •."""
    return re.sub("[►▶]", "•", text).encode("cp1252")


@pytest.fixture(scope="session")
def seed_entries(seed_path: Path) -> list[Entry]:
    """Return the entries extracted from the seed issue."""
    return extract_file(seed_path).entries


@pytest.fixture(scope="session")
def find(seed_entries: list[Entry]) -> Callable[..., Entry]:
    """Return a finder: the one seed entry with this title (and section, when titles repeat)."""

    def finder(title: str, section: str | None = None) -> Entry:
        found = [
            entry
            for entry in seed_entries
            if entry.title == title and (section is None or entry.section == section)
        ]
        assert len(found) == 1, f"{len(found)} entries titled {title!r} in {section!r}"
        return found[0]

    return finder


@pytest.fixture(scope="session")
def variants(seed_text: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Write the seed's variants to files: dressed text, three HTML renderings, cp1252."""
    folder = tmp_path_factory.mktemp("variants")
    files = {
        "dressed": ("dressed.txt", dressed_variant(seed_text)),
        "html-commonmark": ("commonmark.html", html_document(seed_text, "commonmark").encode()),
        "html-default": ("default.html", html_document(seed_text, "default").encode()),
        "html-entities": ("entities.html", entities_html(seed_text)),
        "cp1252": ("cp1252.txt", cp1252_copy(seed_text)),
    }
    paths = {}
    for key, (name, data) in files.items():
        paths[key] = folder / name
        paths[key].write_bytes(data)
    return paths


@pytest.fixture(scope="session")
def records() -> Callable[[list[Entry]], dict[str, dict[str, Any]]]:
    """Return the helper that indexes entries by id, provenance left out."""
    return by_id


@pytest.fixture(scope="session")
def mover() -> Callable[..., str]:
    """Return the helper that moves one section of the seed before another."""
    return move_section
