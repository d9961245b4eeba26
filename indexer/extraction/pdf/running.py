"""Drop a PDF's running headers and footers: what is printed around the text on every page.

A running line is one of the few outermost lines of a page that recurs, digits aside, at the
same height on most pages (« Veille & territoires — Bulletin #314 », « Page 3 / 12 »), or a
bare page number at the top or bottom of a page (« 3 », « 3/12 », « - 3 - »).

>>> is_page_number("Page 3 / 12"), is_page_number("3/12"), is_page_number("2018. 35 p.")
(True, True, False)
"""

from __future__ import annotations

import math
import re

from indexer.extraction.pdf.pages import VisualLine

OUTER_LINES = 3  # how many lines at the top and at the bottom of a page may be running lines
PAGE_NUMBER_LINES = 2  # a bare page number is one of the two outermost lines
SAME_HEIGHT = 3.0  # points: the same running line drifts less than this from page to page

_PAGE_NUMBER = re.compile(
    r"[-–—\s]*(?:page|p\.)?\s*\d{1,4}\s*(?:(?:/|sur|of)\s*\d{1,4})?[-–—\s]*", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")


def is_page_number(text: str) -> bool:
    """Tell a line that is nothing but a page number."""
    return bool(_PAGE_NUMBER.fullmatch(text))


def drop_running_lines(pages: list[list[VisualLine]]) -> list[list[VisualLine]]:
    """Return each page's lines without its running headers, footers and page numbers."""
    # Bulleted lines are items: a link label (« ► L'étude ») may open two pages by chance.
    outer = [[line for line in _outer(lines, OUTER_LINES) if not line.bulleted] for lines in pages]
    # A running line is printed on most pages; the first page often has a masthead instead.
    needed = max(2, math.ceil(len(pages) / 2))
    seen: dict[str, list[tuple[int, float]]] = {}
    for page, lines in enumerate(outer):
        for line in lines:
            seen.setdefault(_key(line.text), []).append((page, line.bottom))
    kept = []
    for page, lines in enumerate(pages):
        numbers = _outer(lines, PAGE_NUMBER_LINES)
        running = {
            id(line)
            for line in outer[page]
            if _pages_at_height(seen[_key(line.text)], line.bottom) >= needed
            or (line in numbers and is_page_number(line.text))
        }
        kept.append([line for line in lines if id(line) not in running])
    return kept


def _key(text: str) -> str:
    """Return a line's text with its numbers blanked: « Page 3 / 12 » and « Page 4 / 12 » meet."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _outer(lines: list[VisualLine], count: int) -> list[VisualLine]:
    """Return the lines on the `count` highest and `count` lowest rows of a page."""
    rows = sorted({round(line.bottom, 1) for line in lines})
    edge = set(rows) if len(rows) <= 2 * count else set(rows[:count] + rows[-count:])
    return [line for line in lines if round(line.bottom, 1) in edge]


def _pages_at_height(places: list[tuple[int, float]], bottom: float) -> int:
    """Count the pages that print the same line within SAME_HEIGHT of this height."""
    return len({page for page, height in places if abs(height - bottom) <= SAME_HEIGHT})
