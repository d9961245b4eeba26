"""Issue 16, row 14 (its UTF-16 half): a UTF-16 file with a BOM is read as text.

Windows editors save « Unicode » text as UTF-16 with a byte-order mark; it used to be
refused as "binary file (null bytes)". Little- and big-endian are read, text and HTML,
with the seed's entries and no warning. Two stray bytes FF FE before a UTF-8 text do not
make it UTF-16: no NUL byte follows them, as one would after a real BOM.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from indexer.extraction.extractor import extract_file
from tests.indexer.bulletin_fixtures import ANCT_SECTIONS, Expected, as_html

ENCODINGS = {"le": (codecs.BOM_UTF16_LE, "utf-16-le"), "be": (codecs.BOM_UTF16_BE, "utf-16-be")}


def records(path: Path) -> list[dict]:
    """Return a file's entries as records, the file's name aside."""
    return [entry.to_dict() | {"file": ""} for entry in extract_file(path).entries]


@pytest.mark.parametrize("order", ENCODINGS)
def test_the_seed_in_utf16_gives_the_seed_entries(
    tmp_path: Path, seed_path: Path, seed_text: str, order: str
) -> None:
    bom, codec = ENCODINGS[order]
    path = tmp_path / f"seed-{order}.txt"
    path.write_bytes(bom + seed_text.replace("\n", "\r\n").encode(codec))  # as Notepad saves it
    result = extract_file(path)
    assert result.warnings == []
    assert len(result.entries) == 77
    assert records(path) == records(seed_path)


@pytest.mark.parametrize("order", ENCODINGS)
def test_an_html_bulletin_in_utf16(tmp_path: Path, order: str) -> None:
    bom, codec = ENCODINGS[order]
    path = tmp_path / f"bulletin-{order}.html"
    path.write_bytes(bom + as_html(ANCT_SECTIONS.blocks).encode(codec))
    result = extract_file(path)
    assert result.warnings == []
    assert [Expected.of(entry) for entry in result.entries] == list(ANCT_SECTIONS.expected)


def test_stray_ff_fe_before_utf8_text_is_not_utf16(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + seed_text.encode("utf-8"))
    result = extract_file(path)
    # read as UTF-8 with the two stray bytes replaced: not as Chinese, nor garbled as cp1252
    assert [entry.title for entry in result.entries] == [
        entry.title for entry in extract_file(_written(tmp_path, seed_text)).entries
    ]
    assert result.warnings[0] == (
        "stray.txt:0: 2 bytes not valid UTF-8 (first at byte 0), replaced by �"
    )


def _written(folder: Path, text: str) -> Path:
    """Write the text as plain UTF-8 and return its path."""
    path = folder / "plain.txt"
    path.write_text(text, encoding="utf-8")
    return path
