"""Read a PDF's pages into visual lines with pdfminer.six: text, box, font size and style.

Every failure of the PDF library on a bad file becomes `UnreadableFile` with a reason a
user can act on; the work done on one file is bounded by the limits below.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTComponent, LTContainer, LTTextLineHorizontal
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from indexer.extraction.files import read_limited
from indexer.extraction.pdf.links import Link, Span, link_at, page_links, spans_of
from indexer.extraction.readers import UnreadableFile

MAX_PAGES = 300  # a bulletin has 10 to 30 pages; an annual compilation a few hundred
MAX_CHARS = 2_000_000  # about 600 dense pages of text: a bound on the layout work and memory

BULLETS = "►▶▸•‣◦▪"  # not dashes: prose wraps before « – » as often as a list uses it
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)
_UNMAPPED = re.compile(r"\(cid:\d+\)")  # a glyph the font maps to no character
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SOFT_HYPHEN = "\u00ad"  # kept at a line's end only, where it marks a word broken in two
# pdfminer reports a damaged file on its logger; unless the application configures logging,
# Python's last-resort handler would print that noise on stderr for every bad PDF.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class VisualLine:
    """One line of text as drawn on a page; y grows upwards, as in PDF coordinates."""

    text: str
    page: int  # 1-based
    x0: float
    x1: float
    bottom: float  # the lowest point of its characters' boxes (baseline plus descent)
    top: float
    size: float  # the median font size of its letters and digits
    style: str | None  # "regular", "bold", "italic", "bold italic"; None when mixed
    first_word: float  # the width of its first word, to tell whether it would have fitted above
    word_gap: float  # the median space between its words: wider in a justified line
    text_start: float  # where its text begins after a leading bullet (hanging indents)
    links: tuple[Span, ...] = ()  # the parts of its text under a web link
    column: float = 0.0  # the left edge of its column on its page, once in reading order

    @property
    def bulleted(self) -> bool:
        """Tell a line that opens with a bullet (« ► », « • »…) and a space."""
        return self.text[:1] in BULLETS and self.text[1:2] == " "


@dataclass
class PdfPages:
    """The visual lines of each page read, and what was left unread."""

    pages: list[list[VisualLine]]
    warnings: list[str]


def read_pages(path: Path) -> PdfPages:
    """Read the visual lines of every page, within the limits; raise UnreadableFile why not."""
    data = _pdf_bytes(path)
    manager = PDFResourceManager()
    # No grouping into boxes: the reading order is ours (order.py).
    device = PDFPageAggregator(manager, laparams=LAParams(boxes_flow=None, all_texts=True))
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[list[VisualLine]] = []
    warnings: list[str] = []
    chars = unmapped = 0
    try:
        for number, page in enumerate(
            PDFPage.get_pages(io.BytesIO(data), maxpages=MAX_PAGES + 1), start=1
        ):
            if number > MAX_PAGES:
                warnings.append(f"PDF longer than {MAX_PAGES} pages: only the first were read")
                break
            interpreter.process_page(page)
            links = page_links(page)
            lines = []
            for line in _text_lines(device.get_result()):
                unmapped += len(_UNMAPPED.findall(line.get_text()))
                visual = _visual_line(line, number, links)
                if visual is not None:
                    lines.append(visual)
                    chars += len(visual.text)
            pages.append(lines)
            if chars > MAX_CHARS:
                warnings.append(f"PDF text longer than {MAX_CHARS:,} characters: read to page "
                                f"{number}")  # fmt: skip
                break
    except PDFPasswordIncorrect as error:
        raise UnreadableFile("encrypted PDF: it opens only with a password") from error
    except PDFEncryptionError as error:
        raise UnreadableFile(f"encrypted PDF that cannot be read ({error})") from error
    except Exception as error:  # a damaged file breaks the parser in many ways
        reason = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
        detail = f"{type(error).__name__}: {reason}" if reason else type(error).__name__
        raise UnreadableFile(f"damaged PDF, cannot be parsed ({detail})") from error
    if not pages:
        raise UnreadableFile("PDF without any page")
    if chars == 0:
        why = "its fonts map no glyph to text" if unmapped else "scanned or image-only pages?"
        raise UnreadableFile(f"no text in the PDF ({why}): it needs OCR first")
    return PdfPages(pages, warnings)


def _pdf_bytes(path: Path) -> bytes:
    """Read the file's bytes (at most the limit of files.py), then check its header and end."""
    data = read_limited(path)
    if not data.strip():
        raise UnreadableFile("empty file")
    if b"%PDF-" not in data[:1024]:
        raise UnreadableFile("not a PDF file (no %PDF header)")
    # The marker may be followed by a little padding, never by most of the file.
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableFile("truncated PDF (no %%EOF marker at its end): copy it again")
    return data


def _text_lines(container: LTContainer) -> Iterator[LTTextLineHorizontal]:
    """Yield the horizontal text lines anywhere in a page's layout tree (figures included)."""
    stack: list[LTComponent] = [container]
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextLineHorizontal):
            yield item
        elif isinstance(item, LTContainer):
            stack.extend(reversed(list(item)))


def _clean(text: str) -> str:
    """Drop unmapped glyphs and control characters, spell ligatures out."""
    if "(cid:" in text:
        text = _UNMAPPED.sub("", text)
    for ligature, letters in _LIGATURES.items():
        if ligature in text:
            text = text.replace(ligature, letters)
    return _CONTROL.sub("", text)


def _characters(line: LTTextLineHorizontal, links: list[Link]) -> tuple[str, list[Span]]:
    """Return a line's text, ligatures spelled out and spaces collapsed, and its links."""
    if not links:  # most lines: the same text, a string at a time
        text = " ".join(_clean(line.get_text()).split())
        if SOFT_HYPHEN in text[:-1]:
            text = text[:-1].replace(SOFT_HYPHEN, "") + text[-1]
        return text, []
    pairs: list[tuple[str, str | None]] = []  # each character and the link over it
    address: str | None = None
    for item in line:
        text = item.get_text()
        if isinstance(item, LTChar):
            address = link_at(links, (item.x0 + item.x1) / 2, (item.y0 + item.y1) / 2)
        text = _clean(text)
        pairs += [(" " if char.isspace() else char, address) for char in text]
    kept: list[tuple[str, str | None]] = []
    for char, link in pairs:
        if char != " " or (kept and kept[-1][0] != " "):
            kept.append((char, link))
    while kept and kept[-1][0] == " ":
        kept.pop()
    kept = [pair for i, pair in enumerate(kept) if pair[0] != SOFT_HYPHEN or i == len(kept) - 1]
    return "".join(char for char, _ in kept), spans_of([link for _, link in kept])


def _visual_line(line: LTTextLineHorizontal, page: int, links: list[Link]) -> VisualLine | None:
    """Measure one pdfminer line: its letters' size and style, its first word's width."""
    text, spans = _characters(line, links)
    chars = [item for item in line if isinstance(item, LTChar) and item.get_text().strip()]
    if not text or not chars:
        return None
    letters = [char for char in chars if char.get_text().isalnum()] or chars
    styles = {_style(char.fontname) for char in letters}
    words = _words(line)
    gaps = [after[0] - before[1] for before, after in itertools.pairwise(words)]
    return VisualLine(
        text=text,
        page=page,
        x0=chars[0].x0,
        x1=max(char.x1 for char in chars),
        bottom=line.y0,
        top=line.y1,
        size=round(statistics.median(char.size for char in letters), 1),
        style=styles.pop() if len(styles) == 1 else None,
        first_word=words[0][1] - words[0][0] if words else 0.0,
        word_gap=statistics.median(gaps) if gaps else 0.0,
        text_start=_text_start(chars),
        links=tuple(spans),
    )


@cache
def _style(fontname: str) -> str:
    """Read bold and italic from a font's name ("ABCDEF+DejaVuSans-BoldOblique")."""
    bold, italic = bool(_BOLD.search(fontname)), bool(_ITALIC.search(fontname))
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get(
        (bold, italic), "bold italic"
    )


def _words(line: LTTextLineHorizontal) -> list[tuple[float, float]]:
    """Return where each word of the line starts and ends."""
    words: list[tuple[float, float]] = []
    start = end = None
    for item in line:
        if isinstance(item, LTChar) and item.get_text().strip():
            start = item.x0 if start is None else start
            end = item.x1
        elif start is not None and end is not None:
            words.append((start, end))
            start = end = None
    if start is not None and end is not None:
        words.append((start, end))
    return words


def _text_start(chars: list[LTChar]) -> float:
    """Return where the text begins after a leading bullet, else where the line begins."""
    if len(chars) > 1 and chars[0].get_text() in BULLETS:
        return chars[1].x0
    return chars[0].x0
