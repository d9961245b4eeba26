"""Put a page's lines in reading order: top to bottom, column after column.

A gutter is a vertical strip that the page's narrow lines leave empty, with enough lines on
each side of it and fewer lines crossing it (a title or a running line over both columns).
The lines that cross it cut the page into bands; each band is read column by column.
"""

from __future__ import annotations

from dataclasses import replace

from indexer.extraction.pdf.pages import VisualLine

MIN_GUTTER = 6.0  # points of empty strip between two columns
MIN_COLUMN_LINES = 3
SAME_ROW = 0.3  # of the font size: baselines closer than this are one row
NARROW = 0.6  # a line narrower than this share of the page's text width may sit in a column


def reading_order(lines: list[VisualLine]) -> list[VisualLine]:
    """Return a page's lines in reading order, each with the left edge of its column."""
    if not lines:
        return []
    gutters = _gutters(lines)
    if not gutters:
        left = min(line.x0 for line in lines)
        return _join_rows([replace(line, column=left) for line in _downwards(lines)])
    bounds = [min(line.x0 for line in lines), *(g for gap in gutters for g in gap)]
    edges = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]
    edges.append((bounds[-1], max(line.x1 for line in lines)))
    ordered: list[VisualLine] = []
    band: list[VisualLine] = []
    for line in _downwards(lines):
        if any(_crosses(line, gap) for gap in gutters):
            ordered += _columns(band, edges)
            ordered.append(replace(line, column=bounds[0]))
            band = []
        else:
            band.append(line)
    return _join_rows(ordered + _columns(band, edges))


def _downwards(lines: list[VisualLine]) -> list[VisualLine]:
    """Sort lines from the top of the page down, and left to right on one row."""
    rows: list[list[VisualLine]] = []
    for line in sorted(lines, key=lambda line: -line.bottom):
        if rows and rows[-1][0].bottom - line.bottom <= SAME_ROW * line.size:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda line: line.x0)]


def _join_rows(lines: list[VisualLine]) -> list[VisualLine]:
    """Join the pieces of one row of a column into one line.

    pdfminer cuts a row where its words stand far apart, as they do in a justified line of
    a narrow column; the reader wants the row whole.
    """
    joined: list[VisualLine] = []
    for line in lines:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.column == line.column
            and abs(last.bottom - line.bottom) <= SAME_ROW * line.size
            and line.x0 >= last.x1
        ):
            shift = len(last.text) + 1
            joined[-1] = replace(
                last,
                text=f"{last.text} {line.text}",
                links=last.links + tuple((s + shift, e + shift, a) for s, e, a in line.links),
                x1=line.x1,
                top=max(last.top, line.top),
                bottom=min(last.bottom, line.bottom),
                style=last.style if last.style == line.style else None,
                word_gap=max(last.word_gap, line.word_gap, line.x0 - last.x1),
            )
        else:
            joined.append(line)
    return joined


def _crosses(line: VisualLine, gap: tuple[float, float]) -> bool:
    return line.x0 < gap[0] and line.x1 > gap[1]


def _columns(band: list[VisualLine], edges: list[tuple[float, float]]) -> list[VisualLine]:
    """Read a band of lines column by column, each from the top down."""
    ordered = []
    for index in range(len(edges)):
        inside = [line for line in band if _nearest(line, edges) == index]
        if inside:
            left = min(line.x0 for line in inside)
            ordered += [replace(line, column=left) for line in inside]  # already top-down
    return ordered


def _nearest(line: VisualLine, edges: list[tuple[float, float]]) -> int:
    """Return the index of the column nearest to the line's middle."""
    middle = (line.x0 + line.x1) / 2
    return min(range(len(edges)), key=lambda i: max(edges[i][0] - middle, middle - edges[i][1]))


def _gutters(lines: list[VisualLine]) -> list[tuple[float, float]]:
    """Return the empty vertical strips (start, end) that separate columns, left to right."""
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    narrow = sorted(
        (line for line in lines if line.x1 - line.x0 < NARROW * (right - left)),
        key=lambda line: line.x0,
    )
    gaps = []
    reach = None
    for line in narrow:
        if reach is not None and line.x0 - reach >= MIN_GUTTER:
            gaps.append((reach, line.x0))
        reach = line.x1 if reach is None else max(reach, line.x1)
    return [gap for gap in gaps if _separates(lines, gap)]


def _separates(lines: list[VisualLine], gap: tuple[float, float]) -> bool:
    """Tell a true gutter: columns of lines on both sides, few lines across it."""
    before = sum(line.x1 <= gap[0] for line in lines)
    after = sum(line.x0 >= gap[1] for line in lines)
    across = sum(_crosses(line, gap) for line in lines)
    return min(before, after) >= MIN_COLUMN_LINES and across < min(before, after)
