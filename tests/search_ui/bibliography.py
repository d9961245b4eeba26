"""Read exports back as their users' tools would: shared by the export tests."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import bibtexparser
from bibtexparser.bparser import BibTexParser

from search_ui.rendering.exports import CSV_COLUMNS

CSL_SCHEMA = Path(__file__).parent / "data" / "csl-data.json"
BASE = "https://veille.example.org/"
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?x=1","Cliquez"), "guillemets", virgules; <script>'
HOSTILE_ISSUE = f"""Veille & territoires

EN QUELQUES CLICS

Hors-Série #9
décembre 2018

Tableurs & Territoires

Sommaire :

- Données

Données

► {HOSTILE_TITLE}.

Conseil & Recherche, décembre 2018. 12 p.

Une description avec "guillemets", des virgules; et <script>alert('x')</script>.

Un second paragraphe, 100 % utile_à lire {{sic}} pour $5 #1.

► @SUM(1+1) des territoires.

Weller Jean-Marc, Pallez Frédérique

Sciences du Design, 2017/1 (n° 5), p. 32-51

Cet article étudie les tableaux de bord.
"""


def by_id(records: list[dict]) -> dict[str, dict]:
    """Index records by id."""
    return {record["id"]: record for record in records}


def words(name: str) -> list[str]:
    """Return a name's words in a fixed order, to compare names written in either order."""
    return sorted(name.replace(",", " ").split())


def read_csv(data: bytes) -> list[dict[str, str]]:
    """Decode a CSV export as a spreadsheet would and read its rows by column name."""
    assert data.startswith(b"\xef\xbb\xbf"), "the BOM tells spreadsheets it is UTF-8"
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return list(reader)


_UNESCAPE = re.compile(r"\\text(backslash|braceleft|braceright|asciitilde|asciicircum)\{\}|\\(.)")
_SPELLED = {"backslash": "\\", "braceleft": "{", "braceright": "}", "asciitilde": "~"}


def unescape(value: str) -> str:
    """Undo the BibTeX escapes of the export (what a LaTeX run would print)."""
    return _UNESCAPE.sub(
        lambda m: _SPELLED.get(m.group(1), "^") if m.group(1) else m.group(2), value
    )


def names_of(field: str) -> list[str]:
    """Split a BibTeX name list on "and" and unbrace each name."""
    return [unescape(re.sub(r"^\{(.*)\}$", r"\1", name)) for name in field.split(" and ")]


def parse_bibtex(data: bytes) -> list[dict]:
    """Parse with bibtexparser 1.x, keeping values as written."""
    parser = BibTexParser(common_strings=False, interpolate_strings=False)
    parser.ignore_nonstandard_types = False
    return bibtexparser.loads(data.decode("utf-8"), parser=parser).entries
