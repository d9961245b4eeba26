"""Where the time goes: cProfile of a build and of one search page, top functions kept.

The build is profiled on a slice of the corpus (per-entry costs have the same shape at any
size, and profiling doubles a build's time), in one process so that the profile sees the
work the build's worker processes share; the search on the full index.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import shutil
from pathlib import Path
from typing import Any

from benchmarks.queries import BenchQuery
from indexer.build.builder import build_index
from search_ui.engine.search import SearchService

REPO = Path(__file__).resolve().parents[1]


def _top(profile: cProfile.Profile, sort: str, limit: int) -> list[dict[str, Any]]:
    """Return the `limit` heaviest functions by `sort` as rows for the report."""
    stats = pstats.Stats(profile, stream=io.StringIO())
    stats.sort_stats(sort)
    rows = []
    for func in stats.fcn_list[:limit]:  # type: ignore[attr-defined]
        calls, _, tottime, cumtime, _ = stats.stats[func]  # type: ignore[attr-defined]
        filename, line, name = func
        where = filename.replace(str(REPO) + "/", "").split("site-packages/")[-1]
        rows.append(
            {
                "function": f"{where}:{line}({name})",
                "calls": calls,
                "tottime": tottime,
                "cumtime": cumtime,
            }
        )
    return rows


def profile_build(files: list[Path], work: Path, limit: int = 15) -> dict[str, Any]:
    """Profile a full build of `files` (copied into a scratch corpus) and return hot spots."""
    corpus, root = work / "profile-corpus", work / "profile-index"
    for path in (corpus, root):
        shutil.rmtree(path, ignore_errors=True)
    corpus.mkdir(parents=True)
    for file in files:
        shutil.copy(file, corpus / file.name)
    profile = cProfile.Profile()
    profile.enable()
    report = build_index([corpus], root, full=True, workers=1)
    profile.disable()
    profile.dump_stats(work / "build.pstats")
    return {
        "entries": report.entries,
        "tottime": _top(profile, "tottime", limit),
        "cumtime": _top(profile, "cumulative", limit),
    }


def profile_search(root: Path, query: BenchQuery, work: Path, limit: int = 15) -> dict[str, Any]:
    """Profile one warm search page (ten times, to lift it over the profiler's noise)."""
    service = SearchService(root)
    service.search(query.request)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(10):
        service.search(query.request)
    profile.disable()
    service.close()
    profile.dump_stats(work / "search.pstats")
    return {
        "query": query.label,
        "tottime": _top(profile, "tottime", limit),
        "cumtime": _top(profile, "cumulative", limit),
    }
