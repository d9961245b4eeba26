"""Issue 16, row 1: control characters from a newsletter reach no output.

A newsletter holds control characters (C0 with NUL, ESC sequences and BEL, DEL, C1, a
noncharacter) beside script payloads, spreadsheet formulas and BibTeX/RIS control sequences.
The extractor removes the control characters, saying where; every writer removes them again,
for the records of an index built before the extractor did (one such entry, with control
characters in every field, is added to the index here as an older build would have stored
it). The Atom feed is well-formed (feedparser's bozo is 0), the exports parse back (csv,
json, bibtexparser, rispy) without a control character and with the formulas neutralised,
and `veille search`, `stats` and `check` print none but the line breaks and bold they put.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import bibtexparser
import feedparser
import pytest
import rispy
from flask.testing import FlaskClient

from indexer.build import builder
from indexer.build.builder import build_index
from indexer.extraction.entry import Entry, entry_id
from indexer.extraction.extractor import extract_file
from search_ui import cli
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.search import SearchService
from search_ui.rendering.exports import EXPORT_FORMATS
from search_ui.rendering.feeds import atom_feed
from search_ui.rendering.terminal import BOLD, RESET, render
from search_ui.web.app import create_app

# Any character that is no text: C0 but tab and line feed, DEL, C1, surrogates, noncharacters.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
FORMULA = re.compile(r"^[=+\-@\t\r]")
ISSUE = "En quelques clics — Hors-Série #9 — octobre 2018"
NEWSLETTER = """Veille & territoires

EN QUELQUES CLICS

Hors-Série #9
octobre 2018

Sommaire :

- Données\x07 piégées
- Agenda

Données\x07 piégées

► Rapport\x08 sur\x00 l'innovation\x1b[2J <script>alert('t')</script> =HYPERLINK("http://evil.example") \\input{/etc/passwd} @comment{x}.

Institut d'études\x1b[31m (IEV), 2017. 12 p.

Une description\x7f avec une fin de ligne\x85NEL, un CSI\x9b31m, un non-caractère\ufffe, une fausse fin ER  - de RIS et des accolades }{ seules.

► =2+3 Second document\x1b]0;titre\x07 sur l'innovation.

Revue rouge, 2016. 8 p.

Une autre description de l'innovation.
"""  # noqa: E501
# How the extractor should read the first title: every control character gone, the rest kept.
FIRST_TITLE = (
    "Rapport sur l'innovation[2J <script>alert('t')</script> "
    '=HYPERLINK("http://evil.example") \\input{/etc/passwd} @comment{x}'
)
NOISE = "\x1b[2J\x07\x00\x08\x1b]0;x\x07\x7f\x9b31m\x85\ufdd0\x0b\x0c\r"


def older_entry(issue: str) -> Entry:
    """Return an entry with control characters in every field, as an older build stored it."""
    section = f"Section{NOISE} ancienne"
    title = f"=Étude{NOISE} des tiers-lieux <script>alert(1)</script> }}{{ @string{{x}}"
    return Entry(
        id=entry_id(issue, section, title),
        title=title,
        section=section,
        authors=[f"Dupont{NOISE}, Jean", f"@Marie{NOISE} Curie"],
        publishers=[f"+Institut{NOISE} des tiers-lieux"],
        source=f"-Revue{NOISE} des lieux, n° 3, 2017. 12 p.",
        year=2017,
        date_text=f"2017{NOISE}",
        pages=12,
        doc_type="rapport",
        description=f"Une description{NOISE} des tiers-lieux.\nER  - \nTY  - JOUR{NOISE}",
        note=f"@note{NOISE}",
        issue=issue,
        file="hostile.txt",
        line=1,
    )


def strings(value: Any) -> list[str]:
    """Return every string inside parsed data (keys included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in strings(key) + strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings(item)]
    return []


def assert_no_control(texts: list[str], where: str) -> None:
    """Fail when a text holds a control character (a line feed or a tab is text)."""
    dirty = [text for text in texts if CONTROL.search(text)]
    assert not dirty, (where, dirty[:3])


@pytest.fixture(scope="module")
def newsletter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write the hostile newsletter in a folder of its own."""
    folder = tmp_path_factory.mktemp("control-seeds")
    (folder / "hostile.txt").write_text(NEWSLETTER, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def index_root(tmp_path_factory: pytest.TempPathFactory, newsletter: Path) -> Path:
    """Build the newsletter's index, with the older entry added as an older build stored it."""
    root = tmp_path_factory.mktemp("control-index") / "index"
    real = builder.extract_file

    def with_older_entry(path, label, authority):
        result = real(path, label, authority)
        result.entries.append(older_entry(ISSUE))
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builder, "extract_file", with_older_entry)
        build_index([newsletter], root, full=True)
    return root


@pytest.fixture(scope="module")
def client(index_root: Path) -> FlaskClient:
    """Return a test client of the index."""
    return create_app({"INDEX_DIR": str(index_root)}).test_client()


@pytest.fixture(scope="module")
def records(client: FlaskClient) -> list[dict]:
    """Return the index's records as /api/entries gives them."""
    hits = client.get("/api/search?per_page=100").json["hits"]
    return [client.get(f"/api/entries/{hit['id']}").json for hit in hits]


def test_the_extractor_removes_them_and_says_where(newsletter: Path) -> None:
    result = extract_file(newsletter / "hostile.txt")
    assert [entry.title for entry in result.entries] == [
        FIRST_TITLE,
        "=2+3 Second document]0;titre sur l'innovation",
    ]
    first = result.entries[0]
    assert (first.issue, first.section) == (ISSUE, "Données piégées")
    assert first.description.startswith("Une description avec une fin de ligne NEL, un CSI31m")
    assert_no_control(strings([entry.to_dict() for entry in result.entries]), "extract")
    dirty = [n for n, line in enumerate(NEWSLETTER.split("\n"), start=1) if CONTROL.search(line)]
    warning = f"control characters removed from {len(dirty)} lines (the first: line {dirty[0]})"
    assert f"hostile.txt:0: {warning}" in result.warnings


def test_the_older_entry_reached_the_index_with_its_control_characters(records) -> None:
    assert len(records) == 3
    titles = [record["title"] for record in records]
    assert FIRST_TITLE in titles
    assert any("\x1b[2J" in title for title in titles)  # the older build's record, as stored


def test_the_atom_feed_is_well_formed(client: FlaskClient, records: list[dict]) -> None:
    response = client.get("/search.atom")
    assert response.status_code == 200
    ElementTree.fromstring(response.get_data())  # XML 1.0: raises on a control character
    feed = feedparser.parse(response.get_data())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert len(feed.entries) == len(records)
    assert_no_control(strings([dict(entry) for entry in feed.entries]), "atom")
    assert any("des tiers-lieux <script>" in entry.title for entry in feed.entries)


def test_the_exports_parse_back_without_control_characters(
    client: FlaskClient, records: list[dict]
) -> None:
    for fmt in EXPORT_FORMATS:
        response = client.get(f"/export/{fmt}")
        assert response.status_code == 200, fmt
        data = response.get_data().decode("utf-8-sig")
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(data)))
            assert len(rows) == len(records) + 1
            assert not [cell for row in rows for cell in row if FORMULA.match(cell)]
            parsed: Any = rows
        elif fmt in ("json", "csljson"):
            parsed = json.loads(data)
            assert len(parsed) == len(records)
        elif fmt == "ris":
            parsed = rispy.loads(data)
            assert len(parsed) == len(records)  # « ER  - » in a description ends no record
        else:
            parsed = bibtexparser.loads(data).entries
            assert len(parsed) == len(records)  # « }{ @string{x} » in a title starts none
        assert_no_control(strings(parsed), fmt)
        assert_no_control([data.replace("\r\n", "\n")], fmt)


def test_writers_clean_any_record_even_with_surrogates() -> None:
    record = older_entry("Numéro ancien").to_dict() | {"added": 1_700_000_000}
    record["title"] += "\ud800\udfff\U0001fffe"  # unencodable in UTF-8: the writer must drop it
    for fmt, spec in EXPORT_FORMATS.items():
        text = spec.render([record]).decode("utf-8-sig")
        assert_no_control([text.replace("\r\n", "\n")], fmt)
        assert "des tiers-lieux" in text, fmt
    feed = atom_feed([record], "Veille\x1b[2J", "http://localhost/search.atom", "/search")
    assert feedparser.parse(feed.encode("utf-8")).bozo == 0
    assert_no_control([feed], "atom")


def test_the_terminal_prints_none_it_did_not_put_there(
    index_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(index_root)
    for argv in (
        ["search", "--index-dir", root, "tiers-lieux"],
        ["stats", "--index-dir", root],
        ["check", "--index-dir", root, f"Étude{NOISE} des tiers-lieux, 2017"],
    ):
        cli.main(argv)
        out, err = capsys.readouterr()
        assert "tiers" in out, argv
        assert_no_control(out.split("\n") + err.split("\n"), argv[0])
    result = SearchService(index_root).search(request_from_pairs([("q", "tiers-lieux")]))
    coloured = render(result, colour=True)
    assert BOLD in coloured
    assert_no_control([coloured.replace(BOLD, "").replace(RESET, "")], "colour")
