"""Newsletters written as PDF by the tests, with reportlab: wrapped lines, page breaks inside
entries, running headers and footers, headings in a larger bold font.

`as_pdf` lays out a list of `Block`s (fixture_blocks.py) in narrow columns, so that titles
and descriptions wrap; `seed_blocks` turns a text issue (the seed) into blocks. `draw_pdf`
places lines exactly where a test wants them, for the reader's rules one at a time.
The fonts are DejaVu (Debian's fonts-dejavu-core): the standard PDF fonts have no « ► ».
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from io import BytesIO
from pathlib import Path

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from indexer.extraction.pdf.pages import read_pages
from indexer.extraction.readers import Line
from tests.indexer.fixture_blocks import Block

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONTS = {
    "Sans": "DejaVuSans.ttf",
    "Sans-Bold": "DejaVuSans-Bold.ttf",
    "Sans-Italic": "DejaVuSans-Oblique.ttf",
    "Sans-BoldItalic": "DejaVuSans-BoldOblique.ttf",
}
HEADER = "Veille & territoires — Bulletin de veille"
FOOTER = "Page {page} / {pages}"


@cache
def register_fonts() -> None:
    """Register DejaVu with reportlab once, or say which package to install."""
    folder = next((d for d in FONT_DIRS if (d / FONTS["Sans"]).exists()), None)
    if folder is None:
        raise RuntimeError(
            "the PDF fixtures need the DejaVu fonts: apt-get install fonts-dejavu-core"
        )
    for name, file in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        "Sans", normal="Sans", bold="Sans-Bold", italic="Sans-Italic", boldItalic="Sans-BoldItalic"
    )


def _style(name: str, font: str, size: float, **more: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.25, **more)


@cache
def styles(justify: bool = True) -> dict[str, ParagraphStyle]:
    """Return the paragraph style of each block role; body text justified or ragged."""
    register_fonts()
    return {
        "masthead": _style("masthead", "Sans-Bold", 15, spaceAfter=6),
        "heading": _style("heading", "Sans-Bold", 12.5, spaceBefore=8, spaceAfter=5),
        "title": _style("title", "Sans-Bold", 9.5, spaceBefore=4, spaceAfter=3),
        "source": _style("source", "Sans-Italic", 8.5, spaceAfter=3),
        "body": _style("body", "Sans", 8.5, spaceAfter=4, alignment=TA_JUSTIFY if justify else 0),
        "link": _style("link", "Sans", 8.5, spaceAfter=3),
    }


_MARKUP = [
    # reportlab reads « # » as a destination in the document: every link gets a scheme.
    (re.compile(r"\[([^\]]*)\]\((?:https?://)?([^)]*)\)"), r'<a href="https://\2">\1</a>'),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"<b>\1</b>"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"<i>\1</i>"),
    (re.compile(r"(\d)\^(e|er|re|ème)\b"), r"\1<super>\2</super>"),
]


def markup(text: str) -> str:
    """Render a block's light Markdown (bold, italics, links, « 39^e ») as reportlab markup."""
    text = escape(text, quote=False)
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return text


def block_markup(block: Block) -> str:
    """Return a block's text as the PDF prints it: titles and link labels behind « ► »."""
    text = " ".join(block.text.split("\n"))
    if block.role in ("title", "link"):
        linked = (
            f'<a href="{escape(block.href)}">{markup(text)}</a>' if block.href else markup(text)
        )
        return f"► {linked}"
    return markup(text)


@dataclass(frozen=True)
class Page:
    """The page: its size, margins and columns."""

    size: tuple[float, float] = A4
    margin: float = 60.0
    columns: int = 2
    gutter: float = 20.0
    justify: bool = True  # body text justified, else ragged right


def as_pdf(
    blocks: Iterable[Block],
    path: Path,
    *,
    header: str = HEADER,
    footer: str = FOOTER,
    page: Page | None = None,
    extra: Sequence[Flowable] = (),
) -> Path:
    """Write blocks as a PDF with a running header, a footer with page numbers on every page.

    `footer` may name {page} and {pages}; the page count needs a first pass to be known.
    `extra` flowables go after the blocks (a spacer that moves a page break, say).
    """
    register_fonts()
    page = page or Page()
    blocks = list(blocks)

    def flowables() -> list[Flowable]:  # afresh for each pass: a build consumes them
        style = styles(page.justify)
        made = [Paragraph(block_markup(block), style[block.role]) for block in blocks]
        return made + copy.deepcopy(list(extra))

    pages = 0
    if "{pages}" in footer:
        pages = _build(flowables(), BytesIO(), header, footer, page, 0)
    _build(flowables(), path, header, footer, page, pages)
    return path


def _build(
    flowables: list[Flowable],
    target: Path | BytesIO,
    header: str,
    footer: str,
    page: Page,
    pages: int,
) -> int:
    """Lay the flowables out on pages of `page`; return how many pages they took."""
    width, height = page.size
    inner = width - 2 * page.margin
    column = (inner - (page.columns - 1) * page.gutter) / page.columns
    frames = [
        Frame(
            page.margin + index * (column + page.gutter),
            page.margin,
            column,
            height - 2 * page.margin,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        for index in range(page.columns)
    ]
    seen = [0]

    def running(canvas: Canvas, document: BaseDocTemplate) -> None:
        seen[0] = document.page
        canvas.saveState()
        canvas.setFont("Sans", 7.5)
        canvas.drawString(page.margin, height - page.margin / 2, header)
        text = footer.format(page=document.page, pages=pages or "?")
        canvas.drawCentredString(width / 2, page.margin / 2, text)
        canvas.restoreState()

    document = BaseDocTemplate(
        str(target) if isinstance(target, Path) else target,
        pagesize=page.size,
        pageTemplates=[PageTemplate("page", frames=frames, onPage=running)],
        title="Veille & territoires",
        author="veille tests",
        invariant=1,
    )
    document.build(flowables)
    return seen[0]


def seed_blocks(text: str, sections: Iterable[str]) -> list[Block]:
    """Cut a text issue into blocks: its section lines are headings, every other line body.

    A section line is one of `sections` alone on its line after the summary (the summary's
    own « - Section » items stay body).
    """
    headings = set(sections)
    return [
        Block("heading" if line.strip() in headings else "body", line.strip())
        for line in text.split("\n")
        if line.strip()
    ]


@dataclass(frozen=True)
class Drawn:
    """One line drawn at an exact place: for the reader's rules one at a time."""

    text: str
    x: float
    y: float
    size: float = 10.0
    font: str = "Sans"


def draw_pdf(pages: Sequence[Sequence[Drawn]], path: Path, **options: object) -> Path:
    """Draw each page's lines where they are placed; `options` go to the canvas (encrypt…)."""
    register_fonts()
    canvas = Canvas(str(path), pagesize=A4, invariant=1, **options)
    for lines in pages:
        for line in lines:
            canvas.setFont(line.font, line.size)
            canvas.drawString(line.x, line.y, line.text)
        canvas.showPage()
    canvas.save()
    return path


def column_lines(texts: Sequence[str], *, top: float = 760, pitch: float = 12.5) -> list[Drawn]:
    """Place texts one under another at the left margin, `pitch` points apart."""
    return [Drawn(text, 60, top - index * pitch) for index, text in enumerate(texts)]


def across_pages(path: Path, lines: Iterable[Line]) -> list[str]:
    """Return the long lines read from a PDF that begin on one page and end on a later one.

    Each page's text is its visual lines as drawn, before any joining; a line's first and
    last 40 characters are looked for in it (where a hyphen breaks a word there: missed).
    """
    pages = [" ".join(line.text for line in page) for page in read_pages(path).pages]

    def page_of(snippet: str) -> int | None:
        return next((number for number, page in enumerate(pages) if snippet in page), None)

    return [
        line.text
        for line in lines
        if len(line.text) > 120
        and (first := page_of(line.text[:40])) is not None
        and (last := page_of(line.text[-40:])) is not None
        and last > first
    ]
