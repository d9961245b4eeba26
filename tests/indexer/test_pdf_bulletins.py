"""The bulletins of every layout printed as PDF give the entries of their text copies.

The fixtures are tests/indexer/bulletin_fixtures.py's, hand-read; printed here by reportlab
on small pages (page breaks inside descriptions) and on A4 in two columns, with the e-mail's
footer lines as the last paragraphs, as the text copy has them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4

from indexer.extraction.corpus import extract_paths
from indexer.extraction.entry import Entry
from indexer.extraction.extractor import Extraction, extract_file
from indexer.extraction.readers import read_document
from tests.indexer.bulletin_fixtures import FIXTURES, FOOTER, Expected, Fixture, as_html, as_text
from tests.indexer.conftest import comparable
from tests.indexer.fixture_blocks import Block
from tests.indexer.pdf_fixtures import Page, across_pages, as_pdf

# A small page, one column: descriptions run over page breaks; A4, two columns, a gutter.
PAGES = {"small": Page((340, 480), columns=1, margin=36), "a4-two-columns": Page(A4, columns=2)}
CASES = [pytest.param(f, page, id=f"{f.name}-{page}") for f in FIXTURES for page in PAGES]


def as_pdf_blocks(fixture: Fixture) -> list[Block]:
    """Return a fixture's blocks followed by the footer lines its text copy ends with."""
    return [*fixture.blocks, *(Block("body", line) for line in FOOTER)]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Print every fixture on every page layout."""
    folder = tmp_path_factory.mktemp("bulletins-pdf")
    return {
        (fixture.name, key): as_pdf(as_pdf_blocks(fixture), folder / f"{fixture.name}-{key}.pdf",
                                    page=page)
        for fixture in FIXTURES
        for key, page in PAGES.items()
    }  # fmt: skip


@pytest.fixture(scope="module")
def extracted(printed: dict[tuple[str, str], Path]) -> dict[tuple[str, str], Extraction]:
    """Extract every printed fixture once."""
    return {key: extract_file(path) for key, path in printed.items()}


@pytest.fixture(scope="module")
def from_text(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Entry]]:
    """Extract every fixture's text copy."""
    folder = tmp_path_factory.mktemp("bulletins-text")
    results = {}
    for fixture in FIXTURES:
        path = folder / f"{fixture.name}.txt"
        path.write_text(as_text(fixture.blocks), encoding="utf-8")
        results[fixture.name] = extract_file(path).entries
    return results


@pytest.mark.parametrize(("fixture", "page"), CASES)
def test_entries_are_those_read_by_hand(extracted, fixture: Fixture, page: str) -> None:
    result = extracted[fixture.name, page]
    assert result.warnings == []
    assert [Expected.of(entry) for entry in result.entries] == list(fixture.expected)


@pytest.mark.parametrize(("fixture", "page"), CASES)
def test_pdf_and_text_give_identical_entries(extracted, from_text, fixture, page) -> None:
    pdf = [comparable(entry) for entry in extracted[fixture.name, page].entries]
    assert pdf == [comparable(entry) for entry in from_text[fixture.name]]


@pytest.mark.parametrize(("fixture", "page"), CASES)
def test_layout_and_issue_are_detected(extracted, fixture: Fixture, page: str) -> None:
    [report] = extracted[fixture.name, page].files
    assert (report.layout.key, report.issue, report.entries) == (
        fixture.layout,
        fixture.issue,
        len(fixture.expected),
    )


def test_page_breaks_fall_inside_entries(printed) -> None:
    crossing = {
        name: across_pages(path, read_document(path).lines)
        for (name, page), path in printed.items()
        if page == "small"
    }
    assert any(crossing.values()), crossing


def test_one_folder_of_text_html_and_pdf_gives_each_bulletin_thrice(tmp_path, printed) -> None:
    for fixture in FIXTURES:
        (tmp_path / f"{fixture.name}.txt").write_text(as_text(fixture.blocks), "utf-8")
        (tmp_path / f"{fixture.name}.html").write_text(as_html(fixture.blocks), "utf-8")
        (tmp_path / f"{fixture.name}.pdf").write_bytes(printed[fixture.name, "small"].read_bytes())
    result = extract_paths([tmp_path])
    assert result.warnings == []
    for fixture in FIXTURES:
        by_format = [
            [comparable(e) for e in result.entries if e.file == f"{fixture.name}.{suffix}"]
            for suffix in ("txt", "html", "pdf")
        ]
        assert by_format[0] == by_format[1] == by_format[2]
        assert len(by_format[0]) == len(fixture.expected)
