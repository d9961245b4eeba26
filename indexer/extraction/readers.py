"""Read newsletter files (text, light Markdown, HTML or PDF) into numbered lines.

Every reader (the PDF reader is `indexer/extraction/pdf/`) gives the same `Line` sequence for
the same content, so the extractor never needs to know which format it came from.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    MarkupResemblesLocatorWarning,
    NavigableString,
    PageElement,
    Tag,
    XMLParsedAsHTMLWarning,
)

from indexer.extraction.files import UnreadableFile, read_limited
from indexer.extraction.printable import NOT_TEXT, printable

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
NEWSLETTER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES

# str.translate looks every character up in Python: replace() runs in C, a few times faster.
_PLAIN_SPELLINGS = {
    "’": "'", "ʼ": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    # Zero-width characters: e-mail tools scatter them (« &zwnj; » in preheaders).
    "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
    "section", "article", "header", "footer", "table", "ul", "ol", "dd", "dt", "figcaption",
    "td", "th", "center",  # an e-mail's layout: each cell of its tables is a block
}  # fmt: skip
# Hidden text (an e-mail's preheader) is not what a reader sees.
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SKIPPED_TAGS = {"script", "style", "head", "template", "noscript", "svg", "iframe", "object"}
_MAX_INLINE_DEPTH = 100
# Telling text from binary: the first characters decoded, and the share of them that no text
# holds (controls but the line and page breaks, undecodable bytes) past which it is binary.
_SAMPLE = 8192
_BINARY_SHARE = 1 / 20
_BINARY_SIGNS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass
class Line:
    """One non-blank line of a newsletter, with its 1-based line number in the file."""

    text: str
    number: int
    heading: bool = False


@dataclass
class Document:
    """The lines of one file and the warnings met while reading it."""

    lines: list[Line]
    warnings: list[str] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """Normalise Unicode form, apostrophes, no-break spaces and line endings."""
    text = unicodedata.normalize("NFC", text)
    for odd, plain in _PLAIN_SPELLINGS.items():
        text = text.replace(odd, plain)
    return text.replace("\r\n", "\n").replace("\r", "\n")


_UTF8_MAJORITY = 4  # valid non-ASCII characters for each invalid byte, at least


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 with its BOM, else Windows-1252 with a warning.

    What is no text is refused: an empty file, or one whose first characters hold more than
    one in twenty that no text holds (control characters, bytes Windows-1252 leaves
    undecoded). A binary file has about one in eight, NUL bytes or not; a newsletter with a
    stray control character has a few in its thousands, and is read without them.
    """
    text, warnings = _decoded(data)
    if not text.strip():
        raise UnreadableFile("empty file")
    sample = text[:_SAMPLE]
    signs = len(_BINARY_SIGNS.findall(sample))
    if signs > len(sample) * _BINARY_SHARE:
        raise UnreadableFile(
            f"binary file, not text ({signs} of its first {len(sample)} characters are "
            "control characters or undecodable bytes)"
        )
    return text, warnings


def _decoded(data: bytes) -> tuple[str, list[str]]:
    """Decode as UTF-16 after its BOM, else UTF-8, else Windows-1252 with a warning.

    A file whose accented letters are valid UTF-8 but for a few bytes (a stray byte pasted
    in) is UTF-8, those bytes replaced: read as Windows-1252, every accent would be garbled.

    A UTF-16 BOM counts when NUL bytes follow it (the high byte of every character of Latin
    text): a UTF-8 file behind two stray bytes FF FE is not read as Chinese.
    """
    head = data[2:4098]
    if data[:2] in _UTF16_BOMS and head.count(0) * 8 > len(head):
        return data.decode("utf-16", errors="replace"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        first = error.start
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for char in text if char > "\x7f") - bad
    if good >= _UTF8_MAJORITY * bad:  # a UTF-8 file with a few stray bytes, not cp1252
        bytes_ = "1 byte" if bad == 1 else f"{bad} bytes"
        return text, [f"{bytes_} not valid UTF-8 (first at byte {first}), replaced by �"]
    warning = f"not valid UTF-8 (byte {first}); read as Windows-1252"
    return data.decode("cp1252", errors="replace"), [warning]


def read_document(path: Path) -> Document:
    """Read one newsletter file into lines; raise UnreadableFile with the reason."""
    suffix = path.suffix.lower()
    if suffix not in NEWSLETTER_SUFFIXES:
        expected = "expected .txt, .md, .html or .pdf"
        raise UnreadableFile(f"unknown extension {suffix or '(none)'}: {expected}")
    if suffix in PDF_SUFFIXES:
        # Imported here: pdfminer loads only when a PDF is read, not in every text worker.
        from indexer.extraction.pdf import read_pdf

        return _without_controls(read_pdf(path))
    text, warnings = decode(read_limited(path))
    text = normalise_text(text)
    if suffix in HTML_SUFFIXES:
        lines = html_lines(text)
        for line in lines:  # again: character references (« &rsquo; ») are decoded now
            line.text = normalise_text(line.text)
    else:
        lines = text_lines(text)
    if not lines:
        raise UnreadableFile("no text in the file")
    return _without_controls(Document(lines, warnings))


def _without_controls(document: Document) -> Document:
    """Remove from every format's lines the characters that are no text, saying where.

    Done on the lines rather than the text, so that an HTML character reference (« &#27; »)
    is caught too.
    """
    dirty = [line for line in document.lines if NOT_TEXT.search(line.text)]
    if not dirty:
        return document
    for line in dirty:
        line.text = " ".join(printable(line.text).split())
    count = f"{len(dirty)} line{'s' if len(dirty) > 1 else ''}"
    document.warnings.append(
        f"control characters removed from {count} (the first: line {dirty[0].number})"
    )
    document.lines = [line for line in document.lines if line.text]
    if not document.lines:
        raise UnreadableFile("no text in the file")
    return document


def text_lines(text: str) -> list[Line]:
    """Split plain text or Markdown into its non-blank lines, keeping line numbers."""
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        heading = stripped.startswith("#") and stripped.lstrip("#").startswith(" ")
        if heading:
            stripped = stripped.lstrip("#").strip()
        lines.append(Line(stripped, number, heading))
    return lines


def html_lines(text: str) -> list[Line]:
    """Flatten HTML into the lines a reader sees, rendering inline markup as Markdown."""
    with warnings.catch_warnings():
        # The text is always a file's content: bs4's "looks like a filename/URL/XML" hints
        # are spurious here, and must not turn into errors under `-W error`.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_SKIPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(style=_HIDDEN):
        tag.decompose()
    root = soup.body or soup
    out: list[Line] = []
    _walk(root, out)
    return out


def _walk(root: Tag, out: list[Line]) -> None:
    """Emit a line per block element whose children are inline, descending into the others.

    The descent keeps its own stack: a page of 10,000 nested <div>s must not exhaust
    Python's recursion limit.
    """
    stack = [_Block(root, iter(root.children), [], 0)]
    while stack:
        block = stack[-1]
        child = next(block.children, None)
        if child is None:
            _flush(block.inline, block.node, out)
            stack.pop()
            if stack and block.node.name == "li" and len(out) > block.first:
                out[block.first].text = _list_marker(block.node) + out[block.first].text
        elif isinstance(child, Tag) and child.name in _BLOCK_TAGS:
            _flush(block.inline, block.node, out)
            block.inline = []
            stack.append(_Block(child, iter(child.children), [], len(out)))
        else:
            block.inline.append(_inline_text(child))


@dataclass
class _Block:
    """A block element being walked: its remaining children and the inline text gathered."""

    node: Tag
    children: Iterator[PageElement]
    inline: list[str]
    first: int  # where its lines start in the output, for a list item's marker


def _list_marker(item: Tag) -> str:
    """Write a list item's marker back as text: "- " in a list, "2018. " in a numbered one.

    Markdown renderers turn a line such as "2018. 35 p." into a numbered list starting at
    2018; writing the number back keeps the line as the newsletter printed it.
    """
    parent = item.parent
    if not isinstance(parent, Tag) or parent.name != "ol":
        return "- "
    start = parent.get("start", "1")
    position = sum(1 for sibling in item.find_previous_siblings("li"))
    number = int(start) + position if str(start).isdigit() else position + 1
    return f"{number}. "


def _flush(parts: list[str], node: Tag, out: list[Line]) -> None:
    """Turn the inline text gathered in one block into lines."""
    text = "".join(parts)
    heading = node.name in {"h1", "h2", "h3", "h4", "h5", "h6"}
    line_number = getattr(node, "sourceline", None) or 1
    for offset, piece in enumerate(text.split("\n")):
        piece = " ".join(piece.split())
        if piece:
            out.append(Line(piece, line_number + offset, heading))


def _inline_text(node: PageElement, depth: int = 0) -> str:
    """Render inline HTML as the light Markdown the text reader understands."""
    if isinstance(node, NavigableString):
        return "" if isinstance(node, Comment | Declaration | Doctype) else str(node)
    if not isinstance(node, Tag):
        return ""
    if node.name == "br":
        return "\n"
    if depth >= _MAX_INLINE_DEPTH:  # absurdly nested markup: its text, without recursing
        return node.get_text()
    inner = "".join(_inline_text(child, depth + 1) for child in node.children)
    if node.name in {"strong", "b"} and inner.strip():
        return f"**{inner}**"
    if node.name in {"em", "i"} and inner.strip():
        return f"*{inner}*"
    if node.name == "a" and inner.strip():
        return f"[{inner}]({node.get('href', '#')})"
    if node.name == "sup" and inner.strip():
        return f"^{inner}"
    return inner
