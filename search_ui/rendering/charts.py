"""Bar charts laid out in Python and drawn by the templates as inline SVG (no script, no style).

A chart is a list of bars in SVG user units plus a few gridlines; the template writes them as
`<rect>` and `<text>` with presentation attributes and CSS classes, which the
Content-Security-Policy allows (only inline `style` attributes would be refused).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    """One bar: its label, count, where it goes, and the search it stands for."""

    label: str
    count: int
    x: float
    y: float
    width: float
    height: float
    href: str | None = None


@dataclass(frozen=True)
class Tick:
    """One gridline of the value axis, with its value."""

    value: int
    position: float


@dataclass(frozen=True)
class Chart:
    """A laid-out bar chart: its size, bars, gridlines and the plotting area's origin."""

    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    left: float
    bottom: float


def nice_ticks(top: int, wanted: int = 4) -> list[int]:
    """Return round gridline values from 0 to at least `top`: 32 -> [0, 10, 20, 30, 40]."""
    if top <= 0:
        return [0]
    raw = top / wanted
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return list(range(0, top + step, step)) if top % step else list(range(0, top + 1, step))


def column_chart(
    items: list[tuple[str, int, str | None]],
    width: int = 640,
    height: int = 240,
    left: int = 36,
    bottom: int = 24,
    top_margin: int = 16,
) -> Chart:
    """Lay out vertical bars, one per (label, count, href), left to right."""
    ticks = nice_ticks(max((count for _, count, _ in items), default=0))
    scale_top = ticks[-1] or 1
    plot_height = height - bottom - top_margin
    base = height - bottom
    step = (width - left) / max(1, len(items))
    bars = []
    for i, (label, count, href) in enumerate(items):
        bar_height = plot_height * count / scale_top
        bars.append(
            Bar(
                label,
                count,
                round(left + i * step + step * 0.18, 2),
                round(base - bar_height, 2),
                round(step * 0.64, 2),
                round(bar_height, 2),
                href,
            )
        )
    grid = [Tick(value, round(base - plot_height * value / scale_top, 2)) for value in ticks]
    return Chart(width, height, bars, grid, left, base)


def row_chart(
    items: list[tuple[str, int, str | None]],
    width: int = 640,
    row: int = 24,
    left: int = 150,
    right: int = 40,
) -> Chart:
    """Lay out horizontal bars, one row per (label, count, href), top to bottom."""
    ticks = nice_ticks(max((count for _, count, _ in items), default=0))
    scale_top = ticks[-1] or 1
    plot_width = width - left - right
    bars = [
        Bar(
            label,
            count,
            left,
            round(i * row + row * 0.18, 2),
            round(plot_width * count / scale_top, 2),
            round(row * 0.64, 2),
            href,
        )
        for i, (label, count, href) in enumerate(items)
    ]
    height = row * len(items)
    grid = [Tick(value, round(left + plot_width * value / scale_top, 2)) for value in ticks]
    return Chart(width, height + 20, bars, grid, left, height)
