"""The same newsletter in other dresses gives the same entries (ids and fields).

The variants are built from the seed in conftest.py: CRLF line endings, Unicode NFD, "•" for
every other bullet, no bold, ’ for every apostrophe and one section moved; the seed rendered
to HTML by markdown-it-py (commonmark and default presets); a Windows-1252 copy.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from indexer.extractor import extract_file
from indexer.readers import html_lines, normalise_text, text_lines


def assert_same_entries(expected: dict, found: dict) -> None:
    """Compare two id → fields mappings entry by entry, field by field."""
    assert found.keys() == expected.keys()
    for entry_id, fields in expected.items():
        for name, value in fields.items():
            assert found[entry_id][name] == value, (fields["title"], name)


@pytest.mark.parametrize("variant", ["dressed", "html-commonmark", "html-default"])
def test_variant_gives_the_same_entries(seed_entries, variants, records, variant):
    result = extract_file(variants[variant])
    assert result.warnings == []
    assert len(result.entries) == 77
    assert_same_entries(records(seed_entries), records(result.entries))


def test_the_dressed_variant_really_is_dressed(variants, seed_text):
    raw = variants["dressed"].read_bytes().decode("utf-8")
    assert "\r\n" in raw and "**" not in raw and "'" not in raw and "’" in raw
    assert "•" in raw and "►" in raw and "▶" in raw
    assert "e\u0301" in raw and "é" not in raw  # NFD: é is e + combining acute
    assert raw.index("Les lieux de l’innovation\r\n\r\n") < raw.index(
        "Le design de services publics\r\n\r\n"
    )


def test_moved_section_keeps_its_entries_but_they_come_first(seed_entries, variants):
    moved = extract_file(variants["dressed"]).entries
    sections = [entry.section for entry in moved]
    first_places = sections.index("Les lieux de l'innovation")
    assert first_places < sections.index("Le design de services publics")
    assert sections.count("Les lieux de l'innovation") == 15


def test_html_entries_keep_their_source_lines_in_order(variants):
    entries = extract_file(variants["html-commonmark"]).entries
    assert all(entry.line > 0 for entry in entries)
    assert entries == sorted(entries, key=lambda entry: entry.line)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("e\u0301tude", "étude"),  # NFD → NFC
        ("l’innovation", "l'innovation"),
        ("l‘innovation ʼ", "l'innovation '"),
        ("39\u00a0p.\u202f!", "39 p. !"),
        ("a\r\nb\rc", "a\nb\nc"),
    ],
)
def test_text_is_normalised(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    "markdown, lines",
    [
        ("Bla.\n\n2018. 35 p.\n", ["Bla.", "2018. 35 p."]),  # an ordered list by accident
        ("- ▶ **110 bis**\n- ▶ **Le LAB**\n", ["- ▶ **110 bis**", "- ▶ **Le LAB**"]),
        ("► [Rapport](#) ► [Synthèse](#)\n", ["► [Rapport](#) ► [Synthèse](#)"]),
        ("► L'innovation publique en débat.\n", ["► L'innovation publique en débat."]),
        (
            "VEILLE_URBANISME\nClub des documentalistes\nde la FNAU\n",
            ["VEILLE_URBANISME", "Club des documentalistes", "de la FNAU"],
        ),  # soft breaks
        ("Une ligne  \ncoupée\n", ["Une ligne", "coupée"]),  # hard break
        ("39^e Rencontre\n", ["39^e Rencontre"]),
        ("***Urbanisme*, n° 410**\n", ["***Urbanisme*, n° 410**"]),
    ],
)
def test_markdown_rendered_to_html_reads_back_as_the_text(markdown, lines):
    html = MarkdownIt("commonmark").render(markdown)
    assert [line.text for line in html_lines(html)] == lines
    assert [line.text for line in text_lines(markdown)] == [" ".join(t.split()) for t in lines]


@pytest.mark.parametrize(
    "html, lines",
    [
        ("<ul><li><p>loose item</p></li></ul>", ["- loose item"]),
        ('<ol start="3"><li>c</li><li>d</li></ol>', ["3. c", "4. d"]),
        ("<p>a<br>b</p>", ["a", "b"]),
        ("<h2>Agenda</h2><p>x</p>", ["Agenda", "x"]),
        ("<script>var x = 1;</script><style>p {}</style><p>visible</p>", ["visible"]),
        ("<p><em>Note rapide</em>, <sup>e</sup></p>", ["*Note rapide*, ^e"]),
        ("seed.html", ["seed.html"]),  # looks like a file name: no bs4 warning
    ],
)
def test_html_reader(html, lines):
    assert [line.text for line in html_lines(html)] == lines


def test_html_headings_are_marked():
    lines = html_lines("<h2>Agenda</h2><p>x</p>")
    assert [line.heading for line in lines] == [True, False]


def test_text_reader_numbers_lines_and_marks_markdown_headings():
    lines = text_lines("\n\n## Agenda\n\n#Design #Innovation. De l'audace\n   \nfin")
    assert [(line.text, line.number, line.heading) for line in lines] == [
        ("Agenda", 3, True),
        ("#Design #Innovation. De l'audace", 5, False),
        ("fin", 7, False),
    ]
