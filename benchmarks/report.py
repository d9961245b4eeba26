"""RESULTS.md and results.json: the figures, where they were taken, and the targets.

Every veille figure sits beside the FTS5 figure for the same entries and queries, with the
ratio veille / FTS5 (below 1 means veille is faster or smaller).
"""

from __future__ import annotations

import datetime
import json
import math
import os
import platform
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.stats import ratio, summary

REPO = Path(__file__).resolve().parents[1]


def git_commit() -> str:
    """Return the short HEAD commit, with "+dirty" when the working tree has changes."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout

    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    return commit + ("+dirty" if git("status", "--porcelain").strip() else "")


def log(message: str) -> None:
    """Print a progress line with the time, flushed (a full run logs to a file)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def each_size(
    results: dict[str, Any],
    measure: Callable[[int, dict[str, Any]], None],
    write: Callable[[dict[str, Any]], None],
) -> dict[str, Any]:
    """Measure every size of results["options"]["sizes"], rewriting the results after each:
    a stopped run keeps its figures, with the wall time and the machine's load so far."""
    started = time.perf_counter()
    results.setdefault("sizes", {})
    for size in results["options"]["sizes"]:
        measure(size, results)
        results["wall_seconds"] = time.perf_counter() - started
        results["machine"] = machine()
        write(results)
        log(f"{size}: done ({results['wall_seconds']:.0f} s so far)")
    log(f"done in {time.perf_counter() - started:.0f} s")
    return results


def header(command: str) -> dict[str, Any]:
    """Return where and when figures are taken: date, commit, machine, load, command."""
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "load_start": [round(x, 2) for x in os.getloadavg()],
        "command": command,
    }


def machine() -> dict[str, Any]:
    """Describe the machine: cores, CPU model, memory, Python, current load."""
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kb = 0
    with open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(memory_kb / 1024**2, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _f(value: float, digits: int = 1) -> str:
    """Format a figure, a dash when it is missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}".replace(",", " ")


def _r(ours: float, theirs: float) -> str:
    """Format the ratio veille / FTS5 as "×1.23"."""
    value = ratio(ours, theirs)
    return "–" if math.isnan(value) else f"×{value:.2f}"


def _all(samples: dict[str, list[float]]) -> list[float]:
    """Flatten per-query samples."""
    return [s for values in samples.values() for s in values]


def search_summaries(
    veille: dict[str, list[float]], fts5: dict[str, list[float]], kinds: dict[str, str]
) -> dict[str, Any]:
    """Summarise per-query ms samples overall and per query class, for both engines."""
    by_kind: dict[str, Any] = {}
    for kind in dict.fromkeys(kinds.values()):
        labels = [label for label, k in kinds.items() if k == kind]
        by_kind[kind] = {
            "veille": summary([s for label in labels for s in veille[label]]),
            "fts5": summary([s for label in labels for s in fts5[label]]),
        }
    return {
        "all": {"veille": summary(_all(veille)), "fts5": summary(_all(fts5))},
        "by_kind": by_kind,
    }


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Check the figures against issue #7's targets (None when not measured at that size)."""
    sizes = results["sizes"]

    def at(size: int, *keys: str) -> Any:
        value: Any = sizes.get(str(size))
        for key in keys:
            if value is None:
                return None
            value = value.get(key)
        return value

    largest = max(sizes, key=int) if sizes else None
    rows = [
        (
            "search page p95 in process ≤ 50 ms at 10k",
            at(10000, "search", "all", "veille", "p95"),
            "ms",
            lambda v: v <= 50,
        ),
        (
            "search page p95 in process ≤ 300 ms at 100k",
            at(100000, "search", "all", "veille", "p95"),
            "ms",
            lambda v: v <= 300,
        ),
        (
            "search p95 ≤ 1.5 × FTS5 p95 at 100k",
            ratio(
                at(100000, "search", "all", "veille", "p95") or math.nan,
                at(100000, "search", "all", "fts5", "p95") or math.nan,
            ),
            "×",
            lambda v: v <= 1.5,
        ),
        (
            "build ≥ 1 000 entries/s at 10k",
            at(10000, "build", "veille", "entries_per_s"),
            "entries/s",
            lambda v: v >= 1000,
        ),
        (
            "adding one issue to a 10k index < 2 s",
            at(10000, "incremental", "veille_seconds", "median"),
            "s",
            lambda v: v < 2,
        ),
        (
            f"cold `veille search` < 1.5 s (at {largest})",
            at(int(largest), "cold_start", "veille", "median") if largest else None,
            "s",
            lambda v: v < 1.5,
        ),
        (
            "serving 100k < 600 MB peak RSS",
            at(100000, "http", "veille", "peak_rss_mb"),
            "MB",
            lambda v: v < 600,
        ),
    ]
    out = []
    for name, value, unit, check in rows:
        measured = value is not None and not (isinstance(value, float) and math.isnan(value))
        out.append(
            {
                "target": name,
                "value": value if measured else None,
                "unit": unit,
                "met": bool(check(value)) if measured else None,
            }
        )
    return out


def markdown(results: dict[str, Any]) -> str:
    """Render the results as RESULTS.md."""
    m = results["machine"]
    lines = [
        "# veille benchmarks (issue #7)",
        "",
        f"- Date: {results['date']}",
        f"- Commit: `{results['commit']}`",
        f"- Machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gb']} GB RAM, Python {m['python']}"
        f" ({m['platform']})",
        f"- Load average at start / end: {results['load_start']} / {m['load_average']}"
        " (a shared machine: other jobs' load shows in the figures)",
        f"- Command: `{results['command']}`",
        f"- Total wall time: {_f(results.get('wall_seconds', math.nan), 0)} s",
        "",
        "Ratios are veille / FTS5: below ×1 veille is faster or smaller. FTS5 is Python's "
        "sqlite3 (SQLite " + results["sqlite"] + ") with `unicode61 remove_diacritics 2`, "
        "bm25() with veille's field weights, disjunctive GROUP BY facet counts over one "
        "materialised MATCH, snippet() for the shown hits. It does no stemming, no thesaurus "
        "and no spelling suggestion, so its hit counts differ; the work per page is the same.",
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    for row in results["targets"]:
        value = "not measured" if row["value"] is None else f"{_f(row['value'], 2)} {row['unit']}"
        met = {True: "yes", False: "**no**", None: "–"}[row["met"]]
        lines.append(f"| {row['target']} | {value} | {met} |")
    sizes = results["sizes"]
    lines += [
        "",
        "## Build: extraction + index, files on disk to a fresh index (subprocess)",
        "",
        "| entries | runs | veille median s | p95 s | veille entries/s | FTS5 median s "
        "(extract + insert) | FTS5 entries/s | ratio time | index size veille | FTS5 | ratio "
        "| build peak RSS veille | FTS5 | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, data in sizes.items():
        if "build" not in data:
            continue
        v, f = data["build"]["veille"], data["build"]["fts5"]
        lines.append(
            f"| {int(size):,} ({v['entries']:,} indexed) | {v['seconds']['n']} "
            f"| {_f(v['seconds']['median'], 2)} | {_f(v['seconds']['p95'], 2)} "
            f"| {_f(v['entries_per_s'], 0)} "
            f"| {_f(f['seconds']['median'], 2)} ({_f(f['extract_seconds']['median'], 2)} + "
            f"{_f(f['insert_seconds']['median'], 2)}) | {_f(f['entries_per_s'], 0)} "
            f"| {_r(v['seconds']['median'], f['seconds']['median'])} "
            f"| {_f(v['disk_bytes'] / 2**20)} MB | {_f(f['disk_bytes'] / 2**20)} MB "
            f"| {_r(v['disk_bytes'], f['disk_bytes'])} | {_f(v['peak_rss_mb'], 0)} MB "
            f"| {_f(f['peak_rss_mb'], 0)} MB | {_r(v['peak_rss_mb'], f['peak_rss_mb'])} |"
        )
    lines += ["", "## Incremental: one new issue (~80 entries) added to an index", ""]
    lines += [
        "| index | runs | veille median s | p95 s | FTS5 median s | p95 s | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for size, data in sizes.items():
        if "incremental" in data:
            i = data["incremental"]
            lines.append(
                f"| {int(size):,} | {i['veille_seconds']['n']} "
                f"| {_f(i['veille_seconds']['median'], 2)} | {_f(i['veille_seconds']['p95'], 2)} "
                f"| {_f(i['fts5_seconds']['median'], 3)} | {_f(i['fts5_seconds']['p95'], 3)} "
                f"| {_r(i['veille_seconds']['median'], i['fts5_seconds']['median'])} |"
            )
    lines += [
        "",
        "## Search page in process (query + 5 disjunctive facets + snippets of 20 hits), ms",
        "",
        "| entries | samples | veille median | p95 | FTS5 median | p95 | ratio median "
        "| ratio p95 | first search of a fresh service | veille with its result cache, p95 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, data in sizes.items():
        if "search" not in data:
            continue
        v, f = data["search"]["all"]["veille"], data["search"]["all"]["fts5"]
        lines.append(
            f"| {int(size):,} | {v['n']} | {_f(v['median'])} | {_f(v['p95'])} "
            f"| {_f(f['median'])} | {_f(f['p95'])} | {_r(v['median'], f['median'])} "
            f"| {_r(v['p95'], f['p95'])} | {_f(data['search']['first_search_ms'])} "
            f"| {_f(data['search'].get('cached', {}).get('p95'))} |"
        )
    for size, data in sizes.items():
        if "search" not in data:
            continue
        lines += [
            "",
            f"### By query class at {int(size):,} entries (ms; hits veille / FTS5)",
            "",
            "| class | veille median | p95 | FTS5 median | p95 | ratio p95 | hits |",
            "|---|---|---|---|---|---|---|",
        ]
        for kind, both in data["search"]["by_kind"].items():
            v, f = both["veille"], both["fts5"]
            hits = "; ".join(
                f"{a}/{b}"
                for label, (a, b) in data["search"]["totals"].items()
                if data["queries"][label] == kind
            )
            lines.append(
                f"| {kind} | {_f(v['median'])} | {_f(v['p95'])} | {_f(f['median'])} "
                f"| {_f(f['p95'])} | {_r(v['p95'], f['p95'])} | {hits} |"
            )
    lines += [
        "",
        "## Search page over HTTP (GET /api/search on loopback), ms, and the server's peak RSS",
        "",
        "veille: `veille serve --index-dir` (Flask app on waitress, 4 threads) in a subprocess. "
        "FTS5: a minimal WSGI wrapper of the same page on waitress (4 threads), labelled as such.",
        "",
        "| entries | samples | veille median | p95 | FTS5 median | p95 | ratio p95 "
        "| serving peak RSS veille | FTS5 | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, data in sizes.items():
        if "http" not in data:
            continue
        v, f = data["http"]["veille"], data["http"]["fts5"]
        lines.append(
            f"| {int(size):,} | {v['all']['n']} | {_f(v['all']['median'])} | {_f(v['all']['p95'])} "
            f"| {_f(f['all']['median'])} | {_f(f['all']['p95'])} "
            f"| {_r(v['all']['p95'], f['all']['p95'])} | {_f(v['peak_rss_mb'], 0)} MB "
            f"| {_f(f['peak_rss_mb'], 0)} MB | {_r(v['peak_rss_mb'], f['peak_rss_mb'])} |"
        )
    lines += [
        "",
        "## Cold start: one search page from a fresh process (wall time, s)",
        "",
        "`veille search Q --index-dir D --json` against `python -m benchmarks.worker fts5-search`;"
        " `python -c pass` is the interpreter's own start.",
        "",
        "| entries | runs | veille median | p95 | FTS5 median | p95 | ratio | python -c pass |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, data in sizes.items():
        if "cold_start" not in data:
            continue
        c = data["cold_start"]
        lines.append(
            f"| {int(size):,} | {c['veille']['n']} | {_f(c['veille']['median'], 2)} "
            f"| {_f(c['veille']['p95'], 2)} | {_f(c['fts5']['median'], 2)} "
            f"| {_f(c['fts5']['p95'], 2)} | {_r(c['veille']['median'], c['fts5']['median'])} "
            f"| {_f(c['python']['median'], 2)} |"
        )
    lines += [
        "",
        "## Relevance parity (top 20 ids, totals, facet counts, snippets)",
        "",
        "Fresh service without result cache vs warm service with it; and the vectorised "
        "ranking vs Whoosh's matchers scoring every hit (`reference_ranking=True`).",
        "",
    ]
    for size, data in sizes.items():
        if "parity" in data:
            p = data["parity"]
            for name, key in (("cache", "differences"), ("ranking", "ranking")):
                if key in p:
                    verdict = "identical" if not p[key] else "; ".join(p[key])
                    lines.append(
                        f"- {int(size):,} entries, {p['queries']} queries, {name}: {verdict}"
                    )
    lines += [
        "",
        "## Corpora",
        "",
        "| entries asked | files | entries extracted | generation s |",
        "|---|---|---|---|",
    ]
    for size, data in sizes.items():
        c = data["corpus"]
        lines.append(
            f"| {int(size):,} | {c['files']} | {c['extracted']:,} | {_f(c['seconds'], 1)} |"
        )
    if profile := results.get("profile"):
        lines += _profile_lines(profile)
    return "\n".join(lines) + "\n"


def _profile_lines(profile: dict[str, Any]) -> list[str]:
    """Render the cProfile hot spots."""
    lines = ["", "## Where the time goes (cProfile)"]
    for name in ("build", "search"):
        if name not in profile:
            continue
        data = profile[name]
        title = (
            f"build of {data['entries']:,} entries"
            if name == "build"
            else f"search {data['query']} ×10 at {profile.get('size', '')}"
        )
        lines += [
            "",
            f"### {title}: top by own time",
            "",
            "| function | calls | own s | cumulative s |",
            "|---|---|---|---|",
        ]
        for row in data["tottime"]:
            lines.append(
                f"| `{row['function']}` | {row['calls']} | {_f(row['tottime'], 3)} "
                f"| {_f(row['cumtime'], 3)} |"
            )
        lines += [
            "",
            "Top by cumulative time:",
            "",
            "| function | calls | cumulative s |",
            "|---|---|---|",
        ]
        for row in data["cumtime"]:
            lines.append(f"| `{row['function']}` | {row['calls']} | {_f(row['cumtime'], 3)} |")
    return lines


LOAD_BEGIN, LOAD_END = "<!-- load:begin -->", "<!-- load:end -->"
ROUTES_BEGIN, ROUTES_END = "<!-- routes:begin -->", "<!-- routes:end -->"
PDF_BEGIN, PDF_END = "<!-- pdf:begin -->", "<!-- pdf:end -->"
EXPORT_LOAD_BEGIN, EXPORT_LOAD_END = "<!-- export-load:begin -->", "<!-- export-load:end -->"
RELEVANCE_BEGIN, RELEVANCE_END = "<!-- relevance:begin -->", "<!-- relevance:end -->"
# Sections other commands own (load.py, export_load.py, routes.py, pdf_throughput.py,
# relevance/): kept on rewrite.
KEPT_SECTIONS = (
    (LOAD_BEGIN, LOAD_END),
    (EXPORT_LOAD_BEGIN, EXPORT_LOAD_END),
    (ROUTES_BEGIN, ROUTES_END),
    (PDF_BEGIN, PDF_END),
    (RELEVANCE_BEGIN, RELEVANCE_END),
)


def write(results: dict[str, Any], folder: Path) -> None:
    """Write RESULTS.md and results.json (overwriting), the targets checked first."""
    results["targets"] = targets(results)
    (folder / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    path = folder / "RESULTS.md"
    path.write_text(markdown(results) + _kept_sections(path), encoding="utf-8")


def _kept_sections(path: Path) -> str:
    """Return the blocks of an existing RESULTS.md that other commands own, in order."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    kept = ""
    for marker_begin, marker_end in KEPT_SECTIONS:
        begin, end = text.find(marker_begin), text.find(marker_end)
        if 0 <= begin < end:
            kept += "\n" + text[begin : end + len(marker_end)] + "\n"
    return kept
