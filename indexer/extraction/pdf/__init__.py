"""Read a newsletter printed as PDF into the lines its text copy has: one paragraph a line.

The steps, one module each: the pages' visual lines with their font sizes and styles
(`pages.py`, through pdfminer.six), running headers, footers and page numbers dropped
(`running.py`), reading order over columns (`order.py`), visual lines joined into
paragraphs across wraps, columns and pages, with headings told by their larger font
(`paragraphs.py`), and words hyphenated at a line's end joined (`hyphens.py`).

A paragraph's line number is 1000 × its page + the rank of its first visual line on that
page in reading order, running lines left out: line 3012 is the 12th line of page 3.

The work on one file is bounded: its size (`indexer/extraction/files.py`), the first
`MAX_PAGES` pages and about `MAX_CHARS` characters of text (past those, a warning says what
was left unread).
"""

from __future__ import annotations

from pathlib import Path

from indexer.extraction.pdf.order import reading_order
from indexer.extraction.pdf.pages import MAX_CHARS, MAX_PAGES, read_pages
from indexer.extraction.pdf.paragraphs import paragraphs
from indexer.extraction.pdf.running import drop_running_lines
from indexer.extraction.readers import Document, Line, UnreadableFile, normalise_text

__all__ = ["MAX_CHARS", "MAX_PAGES", "read_pdf"]


def read_pdf(path: Path) -> Document:
    """Read a PDF newsletter into numbered lines; raise UnreadableFile with the reason."""
    read = read_pages(path)
    pages = [reading_order(lines) for lines in drop_running_lines(read.pages)]
    lines = [
        Line(text, number, heading)
        for raw, number, heading in paragraphs(pages)
        if (text := " ".join(normalise_text(raw).split()))
    ]
    if not lines:
        raise UnreadableFile("no text in the PDF but page numbers and running lines")
    return Document(lines, read.warnings)
