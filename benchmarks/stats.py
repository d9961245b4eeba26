"""Summaries of timing samples: medians for the typical case, p95 for the targets."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from typing import Any


def percentile(samples: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile (p95 of 20 samples is the 19th), never interpolated."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summary(samples: list[float]) -> dict[str, float]:
    """Return n, median, p95, min and max of samples (empty samples give NaN figures)."""
    if not samples:
        nan = float("nan")
        return {"n": 0, "median": nan, "p95": nan, "min": nan, "max": nan}
    return {
        "n": len(samples),
        "median": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "min": min(samples),
        "max": max(samples),
    }


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    """Return (seconds, result) of one call, on the monotonic high-resolution clock."""
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def ratio(ours: float, theirs: float) -> float:
    """Return ours / theirs, NaN when the baseline figure is missing or zero."""
    if not theirs or math.isnan(theirs) or math.isnan(ours):
        return float("nan")
    return ours / theirs
