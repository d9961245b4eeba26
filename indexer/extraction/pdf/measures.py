"""What a whole PDF tells about its own typesetting, measured once before lines are joined.

The body text's size, the distance between the lines of one paragraph in each size, how far
right each column's lines reach and how low they go, the natural space between words, and
which sizes are set justified (the spaces of their wrapped lines stretched to the edge).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from indexer.extraction.pdf.pages import VisualLine

SAME_COLUMN = 3.0  # points: columns whose left edges are this close are one column
STRETCHED = 1.2  # a justified line's spaces are wider than the natural ones by this much
FULL = 1.0  # points: a line ending this close to its column's right edge reaches it
FLUSH = 0.5  # points: a justified line ends this close to its column's right edge


@dataclass
class Measures:
    """The typesetting of one document."""

    body_size: float
    pitches: dict[float, float]  # font size -> the usual distance between a paragraph's lines
    gaps: dict[float, float]  # font size -> the natural space between two words
    rights: list[tuple[float, float]]  # (column left, the furthest right a line reaches)
    feet: list[tuple[float, float]]  # (column left, the lowest line bottom in that column)
    justified: frozenset[float] = frozenset()  # the font sizes set justified (body text, say)

    def right(self, line: VisualLine) -> float:
        """Return how far right the lines of this line's column reach."""
        return max((r for left, r in self.rights if abs(left - line.column) <= SAME_COLUMN),
                   default=line.x1)  # fmt: skip

    def foot(self, line: VisualLine) -> float:
        """Return how low the lines of this line's column go."""
        return min((b for left, b in self.feet if abs(left - line.column) <= SAME_COLUMN),
                   default=line.bottom)  # fmt: skip

    def pitch(self, size: float) -> float:
        """Return the distance between two lines of one paragraph in this size."""
        return self.pitches.get(size, 1.2 * size)

    def reaches_edge(self, line: VisualLine) -> bool:
        """Tell a line that ends at its column's right edge."""
        return line.x1 >= self.right(line) - FULL

    def flush(self, line: VisualLine) -> bool:
        """Tell a line that ends exactly at its column's right edge, as justified lines do."""
        return line.x1 >= self.right(line) - FLUSH

    def stretched(self, line: VisualLine) -> bool:
        """Tell a line whose spaces were widened to justify it."""
        natural = self.gaps.get(line.size)
        return natural is not None and line.word_gap > STRETCHED * natural + 0.1


def measure(pages: list[list[VisualLine]]) -> Measures:
    """Measure a document whose pages are in reading order."""
    sizes: Counter[float] = Counter()
    pitches: dict[float, list[float]] = {}
    gaps: dict[float, list[float]] = {}
    rights: list[tuple[float, float]] = []
    feet: list[tuple[float, float]] = []
    for page in pages:
        for above, line in zip([None, *page], page, strict=False):
            sizes[line.size] += len(line.text)
            _widen(rights, line.column, line.x1, max)
            _widen(feet, line.column, line.bottom, min)
            if line.word_gap > 0:
                gaps.setdefault(line.size, []).append(line.word_gap)
            if above is not None and above.column == line.column and above.size == line.size:
                pitch = above.bottom - line.bottom
                if 0 < pitch < 3 * line.size:
                    pitches.setdefault(line.size, []).append(pitch)
    measures = Measures(
        body_size=sizes.most_common(1)[0][0] if sizes else 0.0,
        pitches={size: _low(found) for size, found in pitches.items()},
        gaps={size: _low(found, 10) for size, found in gaps.items()},
        rights=rights,
        feet=feet,
    )
    full: dict[float, list[bool]] = {}
    for line in (line for page in pages for line in page if measures.reaches_edge(line)):
        full.setdefault(line.size, []).append(measures.stretched(line))
    measures.justified = frozenset(
        size for size, stretched in full.items() if sum(stretched) > len(stretched) / 2
    )
    return measures


def _low(values: list[float], parts: int = 4) -> float:
    """Return a low quantile of the values: the usual one when the larger ones are exceptions."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=parts, method="inclusive")[0]


def _widen(
    edges: list[tuple[float, float]],
    column: float,
    value: float,
    pick: Callable[[float, float], float],
) -> None:
    """Keep, per column, the extreme value met."""
    for index, (left, known) in enumerate(edges):
        if abs(left - column) <= SAME_COLUMN:
            edges[index] = (left, pick(known, value))
            return
    edges.append((column, value))
