"""Chart layout: round gridlines, bars proportional to their counts and inside the drawing."""

from __future__ import annotations

import pytest

from search_ui.rendering.charts import column_chart, nice_ticks, row_chart


@pytest.mark.parametrize(
    ("top", "ticks"),
    [(0, [0]), (1, [0, 1]), (3, [0, 1, 2, 3]), (15, [0, 5, 10, 15]), (32, [0, 10, 20, 30, 40]),
     (77, [0, 20, 40, 60, 80]), (1234, [0, 500, 1000, 1500])],
)  # fmt: skip
def test_nice_ticks_are_round_and_reach_the_top(top, ticks):
    assert nice_ticks(top) == ticks


def test_columns_are_proportional_and_inside_the_chart():
    chart = column_chart([("2016", 3, None), ("2017", 20, "/search?year=2017"), ("2018", 0, None)])
    heights = [bar.height for bar in chart.bars]
    assert heights[2] == 0 and heights[1] == pytest.approx(heights[0] * 20 / 3, rel=0.01)
    for bar in chart.bars:
        assert bar.x >= chart.left and bar.x + bar.width <= chart.width
        assert bar.y + bar.height == pytest.approx(chart.bottom)
    assert chart.bars[1].href == "/search?year=2017"
    assert [t.value for t in chart.ticks] == [0, 5, 10, 15, 20]
    assert chart.ticks[0].position == chart.bottom


def test_rows_are_proportional_and_stacked():
    chart = row_chart([("rapport", 15, None), ("thèse", 1, None)])
    assert chart.bars[0].width == pytest.approx(chart.bars[1].width * 15)
    assert chart.bars[0].y < chart.bars[1].y
    assert max(bar.x + bar.width for bar in chart.bars) <= chart.width
    assert chart.height > chart.bottom  # room for the axis labels
