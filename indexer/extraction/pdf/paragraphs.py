"""Join a PDF's visual lines into paragraphs: the lines a text copy of the newsletter has.

Within a column, a line opens a new paragraph when its font size differs, when it opens
with a bullet, sits further below than the lines of a paragraph do, is indented otherwise,
or when the line above ended short: the line's first word would have fitted there, so the
line above was not wrapped. A change of style (bold, italics) throughout both lines opens
one too, unless the line above is full and ends mid-sentence: bold words may fill a line.

At the foot of a column or a page, a paragraph goes on at the head of the next one when it
looks the same, is not indented, and the line above was wrapped: ended by a hyphen, flush
with the column's edge in justified text; in ragged text, full and not ending a sentence
before a capital (there, where a sentence ends at a page's foot, both readings are possible).

A paragraph in a font clearly larger than the body text is a heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.extraction.pdf.hyphens import join_lines, vocabulary
from indexer.extraction.pdf.links import render_links
from indexer.extraction.pdf.measures import Measures, measure
from indexer.extraction.pdf.pages import VisualLine

HEADING_SIZE = 1.15  # a heading's font is at least this many times the body text's
SAME_SIZE = 0.3  # points
INDENT = 0.3  # of the font size: a smaller shift of a line's start is no indentation
EXTRA_GAP = 0.25  # of the font size: more space than a paragraph's own line pitch
FILL_SLACK = 1.0  # points: a word this much wider than the room left still did not fit
FOOT = 2.5  # line pitches: how close to its column's lowest line a page's last line must be
HYPHENS = ("-", "\u2010", "\u00ad")
_CLAUSE_END = (".", "!", "?", "…", "»", ":", ";")
_SENTENCE_END = (".", "!", "?", "…", "»")


@dataclass
class Paragraph:
    """The visual lines of one paragraph, and where its first line is."""

    lines: list[VisualLine]
    number: int  # 1000 × page + rank of its first line on that page, in reading order


def paragraphs(pages: list[list[VisualLine]]) -> list[tuple[str, int, bool]]:
    """Return (text, number, heading) for each paragraph of pages already in reading order."""
    measures = measure(pages)
    words = vocabulary([line.text for lines in pages for line in lines])
    found: list[Paragraph] = []
    for page in pages:
        for rank, line in enumerate(page, start=1):
            if not found or not _continues(found[-1], line, measures):
                found.append(Paragraph([], 1000 * line.page + min(rank, 999)))
            found[-1].lines.append(line)
    out = []
    for paragraph in found:
        heading = paragraph.lines[0].size >= HEADING_SIZE * measures.body_size
        out.append((_text(paragraph.lines, words), paragraph.number, heading))
    return out


def _text(lines: list[VisualLine], words: set[str]) -> str:
    """Join a paragraph's lines, de-hyphenated, with their links written as Markdown."""
    text, spans = lines[0].text, list(lines[0].links)
    for line in lines[1:]:
        joined = join_lines(text, line.text, words)
        start = len(joined) - len(line.text)  # the next line is appended as it is
        kept = start - 1 if joined[start - 1 : start] == " " else start
        spans = [(s, min(e, kept), a) for s, e, a in spans if s < kept]
        spans += [(s + start, e + start, a) for s, e, a in line.links]
        text = joined
    return render_links(text, spans) if spans else text


def _continues(paragraph: Paragraph, line: VisualLine, measures: Measures) -> bool:
    """Tell whether `line` goes on with the paragraph that its previous line belongs to."""
    above = paragraph.lines[-1]
    if abs(above.size - line.size) > SAME_SIZE or line.bulleted:
        return False
    hyphenated = above.text.endswith(HYPHENS)
    full = hyphenated or not _ended_short(above, line, measures)
    if _restyled(above, line) and not (full and not above.text.endswith(_CLAUSE_END)):
        return False
    same_column = line.page == above.page and line.column == above.column
    if not (same_column and line.bottom < above.bottom - 0.5 * line.size):
        return full and _goes_on_overleaf(above, line, measures, hyphenated)
    if above.bottom - line.bottom > measures.pitch(line.size) + EXTRA_GAP * line.size:
        return False
    return full and _aligned(paragraph, line)


def _goes_on_overleaf(
    above: VisualLine, line: VisualLine, measures: Measures, hyphenated: bool
) -> bool:
    """Tell a paragraph going on from the foot of a column or page to the head of the next."""
    if line.x0 > line.column + INDENT * line.size:
        return False  # an indented first line
    if above.bottom - measures.foot(above) > FOOT * measures.pitch(above.size):
        return False  # the column ended early: its paragraph ended with it
    if hyphenated:
        return True
    if above.size in measures.justified:  # wrapped lines are flush with the edge, last ones not
        return measures.flush(above)
    starts_anew = line.text[:1].isupper() or line.text[:1].isdigit()
    return not (above.text.endswith(_SENTENCE_END) and starts_anew)


def _restyled(above: VisualLine, line: VisualLine) -> bool:
    """Tell two lines each in one style, not the same (a bold title, a regular description)."""
    return above.style is not None and line.style is not None and above.style != line.style


def _ended_short(above: VisualLine, line: VisualLine, measures: Measures) -> bool:
    """Tell a line that ended before its column's edge with room for the next line's word."""
    space = 0.25 * line.size
    return above.x1 + space + line.first_word < measures.right(above) - FILL_SLACK


def _aligned(paragraph: Paragraph, line: VisualLine) -> bool:
    """Tell a line that starts where the paragraph's wrapped lines start.

    The second line may start left of the first (a first-line indent) or at the text after
    the first line's bullet (a hanging indent); later lines start where the second did.
    """
    above, tolerance = paragraph.lines[-1], INDENT * line.size
    if abs(line.x0 - above.x0) <= tolerance:
        return True
    if len(paragraph.lines) > 1:
        return False
    return line.x0 < above.x0 or abs(line.x0 - above.text_start) <= tolerance
