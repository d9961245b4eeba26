"""The route benchmark's section of RESULTS.md, and its raw figures in routes.json.

The section sits between its own markers, so that `python -m benchmarks` and the load test,
which own the rest of RESULTS.md, keep it, and a new run replaces only it.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from benchmarks.load import write_results
from benchmarks.report import ROUTES_BEGIN, ROUTES_END, _f
from benchmarks.stats import ratio

AFTER_TIMEOUT = {
    "http": "the server was restarted",
    "cold": "the server was stopped",
    "cli": "the process was killed",
}
HEADER = (
    "| route | case | runs | p50 ms | p95 ms | bytes | FTS5 p50 ms (veille / FTS5) | notes |",
    "|---|---|---|---|---|---|---|---|",
)


def _ms(value: float | None) -> str:
    """Format milliseconds: one decimal below 100 ms, none above."""
    if value is None or math.isnan(value):
        return "—"
    return _f(value, 1 if value < 100 else 0)


def _timing(row: dict[str, Any], timeout: float) -> tuple[str, str]:
    """Return the p50 and p95 cells: figures, a timeout, or why there are none."""
    if row.get("skipped"):
        return "not measured", "—"
    if row["timed_out"] and not row["samples_ms"]:
        return f"timeout (> {timeout:.0f} s)", "—"
    return _ms(row["ms"]["median"]), _ms(row["ms"]["p95"])


def _fts5(row: dict[str, Any]) -> str:
    """Return the FTS5 cell: its p50 and the ratio veille / FTS5, or "—" without a twin."""
    twin = row.get("fts5")
    if not twin or not twin["samples_ms"]:
        return "—" if not twin else "FTS5 timed out"
    value = ratio(row["ms"]["median"], twin["ms"]["median"])
    shown = "—" if math.isnan(value) else f"×{value:.2f}"
    return f"{_ms(twin['ms']['median'])} ({shown})"


def _notes(row: dict[str, Any], timeout: float) -> str:
    """Say what a figure is: hits, RSS growth, errors, timeouts."""
    notes = [row["note"]] if row.get("note") else []
    if row.get("skipped"):
        notes.append(row["skipped"])
    bad = [s for s in row["statuses"] if s != (0 if row["kind"] == "cli" else 200)]
    if bad:
        notes.append(f"**status {', '.join(map(str, bad))}**")
    if row["rss_growth_mb"]:
        first, *later = row["rss_growth_mb"]
        runs = f", +{max(later):.0f} MB (runs)" if later else ""
        notes.append(f"server RSS +{first:.0f} MB (first request){runs}")
    if row["kind"] == "cold":
        notes.append("the first request after a fresh start")
    if row["timed_out"]:
        runs = len(row["samples_ms"])
        when = f"after {runs} runs" if runs else "on its first request"
        notes.append(f"timed out (> {timeout:.0f} s) {when}: {AFTER_TIMEOUT[row['kind']]}")
    return "; ".join(notes)


def _size_facts(data: dict[str, Any]) -> list[str]:
    """Say how much memory the servers took, and how loaded the machine was, at one size."""
    servers = data.get("servers", {})
    coverage = ", ".join(_f(mb, 0) + " MB" for mb in servers.get("coverage_mb", []))
    facts = [
        f"- Server peak RSS (VmHWM): {_f(servers.get('pages_mb'), 0)} MB after the searches, "
        f"entries, checks and feed; {_f(servers.get('exports_mb'), 0)} MB after the exports; "
        f"coverage servers {coverage}; FTS5 twin {_f(servers.get('fts5_mb'), 0)} MB"
    ]
    if "load_end" in data:
        facts.append(
            f"- Load average at start / end of this size: {data['load_start']} / "
            f"{data['load_end']} (other jobs' load shows in the figures)"
        )
    return facts


def size_lines(size: str, data: dict[str, Any], timeout: float) -> list[str]:
    """Render one corpus size: what was built and served, then the table of every case."""
    lines = [
        "",
        f"### {int(size):,} entries ({data['indexed']:,} in the index, built by `veille index` "
        f"in {data['build']['seconds']:.1f} s)",
        "",
        *_size_facts(data),
        "",
        *HEADER,
    ]
    for row in data.get("cases", []):
        p50, p95 = _timing(row, timeout)
        size_cell = "—" if row["bytes"] is None else _f(row["bytes"], 0)
        lines.append(
            f"| `{row['route']}` | {row['case']} | {len(row['samples_ms'])} | {p50} | {p95} "
            f"| {size_cell} | {_fts5(row)} | {_notes(row, timeout)} |"
        )
    return lines


def section(results: dict[str, Any]) -> str:
    """Render the whole section, markers included."""
    m, options = results["machine"], results["options"]
    timeout = options["timeout"]
    lines = [
        ROUTES_BEGIN,
        "## Every route and command, over HTTP with rendering (`python -m benchmarks.routes`)",
        "",
        f"- Date: {results['date']}",
        f"- Commit: `{results['commit']}`",
        f"- Machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gb']} GB RAM, Python {m['python']}; "
        f"load average at start / end {results['load_start']} / {m['load_average']} "
        "(a shared machine)",
        f"- Command: `{results['command']}`",
        f"- Total wall time: {_f(results.get('wall_seconds', math.nan), 0)} s",
        f"- Method: `veille serve` (waitress, 4 threads) in a child process; each request on a "
        f"fresh loopback connection, timed until its last byte. Each case gets one unmeasured "
        f"warm-up request, then {options['runs']} run(s) (no further run past "
        f"{options['slow_runs']} once a request took over {options['slow']:g} s), round-robin "
        "over the cases; p50 is "
        "the median and p95 the nearest rank (below 20 runs, the slowest). A case asked again "
        "is answered from the server's result cache (256 pages); the « distinct searches, "
        "uncached » cases ask a new query every run (title words, then pairs of them), so "
        "that every run computes its page. Every request and "
        f"command has a {timeout:.0f} s deadline: past it the case reads `timeout`, is not run "
        "again, and the server is restarted (the remaining cases are warmed up again). Cold "
        "coverage: "
        "the first request of a server started on the index just built (1 run per route, one "
        "server each). Commands are whole `veille` processes (interpreter start included, no "
        "warm-up run). Exports: the server's RSS growth is its highest VmRSS during a request, "
        "sampled every 10 ms, minus its VmRSS before. "
        "FTS5: the same searches on the FTS5 twin of /api/search (`benchmarks/fts5.py` on "
        "waitress, JSON only); `—` where FTS5 has no equivalent.",
    ]
    for size, data in results["sizes"].items():
        if "build" in data:
            lines += size_lines(size, data, timeout)
    lines += ["", ROUTES_END]
    return "\n".join(lines)


def write(results: dict[str, Any], folder: Path) -> None:
    """Write routes.json and replace the route section of RESULTS.md (the rest is kept)."""
    (folder / "routes.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    write_results(folder / "RESULTS.md", section(results), ROUTES_BEGIN, ROUTES_END)
