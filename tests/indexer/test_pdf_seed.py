"""The seed printed as PDF reads as the seed: the same lines, the same 77 entries.

And a bad PDF gives one warning with its reason, never a traceback, and the other files of
a folder are read all the same.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4, A5
from reportlab.pdfgen.canvas import Canvas

from indexer.extraction.authority import default_authority
from indexer.extraction.corpus import extract_paths
from indexer.extraction.entry import Entry
from indexer.extraction.extractor import extract_file, extract_lines
from indexer.extraction.markup import clean_inline
from indexer.extraction.readers import Document, UnreadableFile, read_document
from tests.indexer.conftest import SECTIONS
from tests.indexer.fixture_blocks import Block
from tests.indexer.pdf_fixtures import (
    Page,
    across_pages,
    as_pdf,
    column_lines,
    draw_pdf,
    seed_blocks,
)

LAYOUTS = {
    "a4-two-columns": Page(A4, columns=2),
    "a5-one-column": Page(A5, columns=1, margin=40),
    "a5-ragged-right": Page(A5, columns=1, margin=40, justify=False),
    # Here a description goes on over a page break right after a sentence: « …de lecture ? »
    # flush at a column's foot, « Certains cadres… » overleaf. Justified text tells.
    "three-narrow-columns": Page((595, 700), columns=3, margin=30),
}
WARNING = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<message>.+)$")


@pytest.fixture(scope="module")
def seed_pdfs(seed_text: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Print the seed as PDF in each layout."""
    folder = tmp_path_factory.mktemp("seed-pdf")
    blocks = seed_blocks(seed_text, SECTIONS)
    return {key: as_pdf(blocks, folder / f"{key}.pdf", page=page) for key, page in LAYOUTS.items()}


@pytest.fixture(scope="module")
def seed_reads(seed_pdfs: dict[str, Path]) -> dict[str, tuple[list[Entry], Document]]:
    """Read each printed seed once (pdfminer takes a second a copy), and extract its lines.

    `extract_file` on a PDF is the folder test's (below): the same reading and extraction.
    """
    reads = {}
    for key, path in seed_pdfs.items():
        document = read_document(path)
        entries, warnings = extract_lines(document.lines, path.name, default_authority())
        assert document.warnings == warnings == []
        reads[key] = (entries, document)
    return reads


def visible(document: Document) -> list[str]:
    """Return a file's lines as the extractor sees them once inline Markdown is cleaned."""
    return [clean_inline(line.text) for line in document.lines]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_seed_as_pdf_gives_the_seed_entries(seed_reads, layout, seed_entries, records) -> None:
    entries, _ = seed_reads[layout]
    assert len(entries) == 77
    assert records(entries) == records(seed_entries)
    assert [entry.id for entry in entries] == [entry.id for entry in seed_entries]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_seed_as_pdf_gives_the_lines_of_its_text(seed_reads, layout, seed_path) -> None:
    assert visible(seed_reads[layout][1]) == visible(read_document(seed_path))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_page_breaks_fall_inside_paragraphs(seed_pdfs, seed_reads, layout) -> None:
    """The fixture is as hard as claimed: paragraphs begin on one page and end on the next."""
    crossing = across_pages(seed_pdfs[layout], seed_reads[layout][1].lines)
    assert len(crossing) >= 2, crossing


def test_a_folder_mixing_formats_reads_each(tmp_path, seed_path, seed_pdfs, records) -> None:
    shutil.copy(seed_path, tmp_path / "seed.txt")
    shutil.copy(seed_pdfs["a5-one-column"], tmp_path / "seed.pdf")
    (tmp_path / "broken.pdf").write_bytes(seed_pdfs["a5-one-column"].read_bytes()[:5000])
    result = extract_paths([tmp_path])
    assert result.warnings == [
        "broken.pdf:0: skipped: truncated PDF (no %%EOF marker at its end): copy it again"
    ]
    text, pdf = ([e for e in result.entries if e.file == name] for name in ("seed.txt", "seed.pdf"))
    assert len(pdf) == 77 and records(pdf) == records(text)
    assert result.files_without_entries == ["broken.pdf"]


def image_only(path: Path) -> Path:
    """Draw a page with shapes and no text, as a scanned page looks to a text reader."""
    canvas = Canvas(str(path), invariant=1)
    canvas.rect(100, 100, 300, 500, fill=1)
    canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def bad_pdfs(tmp_path: Path, seed_pdfs) -> dict[str, str]:
    """Write one PDF of each bad kind; return each file's name and the reason it should give."""
    good = seed_pdfs["a5-one-column"].read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(good[: len(good) // 2])
    (tmp_path / "random.pdf").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 16 + b"\n%%EOF\n")
    (tmp_path / "empty.pdf").write_bytes(b"")
    draw_pdf([column_lines(["Un texte sous clé."])], tmp_path / "encrypted.pdf", encrypt="secret")
    image_only(tmp_path / "scan.pdf")
    canvas = Canvas(str(tmp_path / "no-page.pdf"), invariant=1)
    canvas.save()
    return {
        "truncated.pdf": "truncated PDF (no %%EOF marker at its end)",
        "random.pdf": "not a PDF file (no %PDF header)",
        "garbage.pdf": "damaged PDF, cannot be parsed (PDFSyntaxError",
        "empty.pdf": "empty file",
        "encrypted.pdf": "encrypted PDF: it opens only with a password",
        "scan.pdf": "no text in the PDF (scanned or image-only pages?): it needs OCR first",
        "no-page.pdf": "PDF without any page",
    }


def test_each_bad_pdf_gets_one_warning_with_its_reason(tmp_path, bad_pdfs) -> None:
    for name, reason in bad_pdfs.items():
        result = extract_file(tmp_path / name)
        assert result.entries == []
        [warning] = result.warnings
        match = WARNING.match(warning)
        assert match and match["file"] == name and match["line"] == "0", warning
        assert match["message"].startswith(f"skipped: {reason}"), warning


def test_bad_pdfs_do_not_stop_the_others(tmp_path, bad_pdfs, seed_path) -> None:
    shutil.copy(seed_path, tmp_path / "seed.txt")
    result = extract_paths([tmp_path])
    assert {WARNING.match(warning)["file"] for warning in result.warnings} == set(bad_pdfs)
    assert len(result.entries) == 77
    assert sorted(result.files_without_entries) == sorted(bad_pdfs)


def test_a_pdf_larger_than_the_limit_is_not_parsed(tmp_path, monkeypatch) -> None:
    path = as_pdf([Block("body", "Un court paragraphe.")], tmp_path / "big.pdf")
    monkeypatch.setenv("VEILLE_MAX_FILE_MB", "0.001")
    with pytest.raises(UnreadableFile, match=r"larger than 0\.001 MB, not read"):
        read_document(path)


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Return the bytes of a small PDF with text, links, two pages and a header."""
    blocks = [Block("title", "Un titre sur\ndeux lignes", "https://veille.example.org/t")]
    blocks += [Block("body", "Une description de quelques mots, assez longue pour se replier.")]
    page = Page((300, 200), columns=1, margin=30)
    path = tmp_path_factory.mktemp("fuzz") / "small.pdf"
    return as_pdf(blocks * 2, path, page=page).read_bytes()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=8)), max_size=6))
def test_any_damage_to_a_pdf_is_refused_cleanly_or_read(tmp_path_factory, small_pdf, damage):
    data = bytearray(small_pdf)
    for position, junk in damage:
        at = position % len(data)
        data[at : at + len(junk)] = junk
    path = tmp_path_factory.mktemp("damaged") / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        document = read_document(path)
    except UnreadableFile:
        return
    assert all(line.text == line.text.strip() and line.text for line in document.lines)
