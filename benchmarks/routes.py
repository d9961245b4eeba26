"""Every route and command of veille, timed over HTTP with rendering included.

    python -m benchmarks.routes [--sizes 10000,100000] [--runs 5] [--timeout 60] [--quick]

For each size: a seeded synthetic corpus, its index built by `veille index`, then
`veille serve` on it: the coverage report cold (first request of a fresh server) and warm,
the search page and /api/search, the entry page and its JSON, the reference checks, the
feed, every export format, the same searches on the FTS5 twin, and the `veille` commands.
Figures go to RESULTS.md (their own section) and routes.json, rewritten after each size.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import measure, report, route_report
from benchmarks.child import fts5_serve, veille_serve
from benchmarks.corpus import generate_corpus
from benchmarks.report import log
from benchmarks.route_cases import (
    Case,
    Targets,
    check_cases,
    cli_cases,
    coverage_cases,
    discover,
    entry_cases,
    export_cases,
    facet_cases,
    feed_cases,
    page_cases,
    search_cases,
)
from benchmarks.route_timing import (
    Answer,
    Outcome,
    Plan,
    RouteTimeout,
    Server,
    fetch,
    rss_growth,
    run_cases,
    run_command,
)
from benchmarks.stats import timed

HERE = Path(__file__).resolve().parent


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Read the options; --quick is one small corpus and 3 runs, for a run of a few minutes."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.routes", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000", help="entries per corpus")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per request/command")
    parser.add_argument(
        "--slow", type=float, default=10, help="seconds past which a case gets --slow-runs"
    )
    parser.add_argument("--slow-runs", type=int, default=3, help="runs of a slow case")
    parser.add_argument("--build-timeout", type=float, default=900, help="seconds per build")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed")
    parser.add_argument("--quick", action="store_true", help="1,000 entries, 3 runs")
    parser.add_argument("--work", type=Path, default=HERE / "_work" / "routes", help="scratch")
    parser.add_argument("--out", type=Path, default=HERE, help="where RESULTS.md goes")
    args = parser.parse_args(list(argv))
    if args.quick:
        args.sizes, args.runs = "1000", min(args.runs, 3)
    args.sizes = [int(size) for size in str(args.sizes).split(",")]
    return args


def veille_command() -> list[str]:
    """Return how to run `veille`: the virtualenv's script, else the module."""
    script = Path(sys.executable).with_name("veille")
    return [str(script)] if script.exists() else [sys.executable, "-m", "search_ui"]


def build(corpus: Path, root: Path, timeout: float) -> dict[str, Any]:
    """Build a fresh index of the corpus with `veille index`, timed as a whole process."""
    shutil.rmtree(root, ignore_errors=True)
    command = [*veille_command(), "index", "--index-dir", str(root), str(corpus)]
    seconds, done = timed(
        lambda: subprocess.run(
            command, cwd=measure.REPO, capture_output=True, text=True, timeout=timeout
        )
    )
    if done.returncode != 0:
        raise RuntimeError(f"veille index failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return {"seconds": seconds, "summary": done.stdout.strip().splitlines()[-1]}


def http_attempt(server: Server, timeout: float, twin: bool = False) -> Callable[[Case], Answer]:
    """Return how to request a case on a server: its path (or its FTS5 twin's), under a
    deadline, the server's RSS sampled during exports."""

    runs: Counter[Case] = Counter()

    def attempt(case: Case) -> Answer:
        path = case.next_path(runs[case], twin)
        runs[case] += 1
        if not case.export:
            return fetch(server.base, path, timeout)
        with rss_growth(server.pid) as growth:
            answer = fetch(server.base, path, timeout)
        answer.rss_growth_mb = growth[0]
        return answer

    return attempt


def measure_coverage(
    root: Path, plan: Plan, timeout: float, work: Path
) -> tuple[dict[Case, Outcome], list[float]]:
    """Time each coverage route cold, on its own fresh server, then both warm after the first.

    Warm figures need a cold request that finished: after a timeout they are not measured.
    """
    cases = coverage_cases()
    outcomes: dict[Case, Outcome] = {}
    peaks = []
    for cold in cases["cold"]:
        with Server(lambda port: veille_serve(root, port), work / "serve-cold.log") as server:
            outcome = outcomes[cold] = Outcome()
            try:
                outcome.runs.append(fetch(server.base, cold.path, timeout))
            except RouteTimeout:
                outcome.timed_out = True
                log(f"  cold {cold.route}: timeout (> {timeout:.0f} s)")
            if cold is cases["cold"][0] and not outcome.timed_out:
                attempt = http_attempt(server, timeout)
                outcomes |= run_cases(cases["warm"], attempt, plan, server.restart, log)
            peaks.append(server.peak_mb())
    return outcomes, peaks


def measure_served(
    root: Path, plan: Plan, timeout: float, work: Path
) -> tuple[Targets, dict[str, dict[Case, Outcome]], dict[str, float]]:
    """Time the searches, entries, checks, feed and other pages, then the exports, on one
    server. Returns the outcomes by group (search, entry, check, feed, facet, page, export)
    and the server's peak RSS before and after the exports.
    """
    with Server(lambda port: veille_serve(root, port), work / "serve.log") as server:
        targets = discover(lambda path: fetch(server.base, path, timeout, keep=True).body)
        attempt = http_attempt(server, timeout)
        groups = {
            "search": search_cases(targets),
            "entry": entry_cases(targets),
            "check": check_cases(targets),
            "feed": feed_cases(targets),
            "facet": facet_cases(targets),
            "page": page_cases(targets),
        }
        pages = [case for cases in groups.values() for case in cases]
        outcomes = run_cases(pages, attempt, plan, server.restart, log)
        peaks = {"pages_mb": server.peak_mb()}
        groups["export"] = export_cases(targets)
        outcomes |= run_cases(groups["export"], attempt, plan, server.restart, log)
        peaks["exports_mb"] = server.peak_mb()
    by_group = {name: {case: outcomes[case] for case in cases} for name, cases in groups.items()}
    return targets, by_group, peaks


def measure_fts5(
    db: Path, cases: list[Case], plan: Plan, timeout: float, work: Path
) -> tuple[dict[Case, Outcome], float]:
    """Time the cases that have an FTS5 twin on the twin server."""
    twins = [case for case in cases if case.twin]
    with Server(lambda port: fts5_serve(db, port), work / "serve-fts5.log") as server:
        outcomes = run_cases(twins, http_attempt(server, timeout, twin=True), plan, server.restart)
        return outcomes, server.peak_mb()


def rows(
    kind: str, outcomes: dict[Case, Outcome], twins: dict[Case, Outcome] | None = None
) -> list[dict[str, Any]]:
    """Turn outcomes into the JSON rows of routes.json, in the cases' order."""
    out = []
    for case, outcome in outcomes.items():
        row = {"route": case.route, "case": case.case, "kind": kind, "note": case.note}
        row |= {"path": case.path} if case.path else {"argv": shlex.join(case.argv)}
        row |= outcome.to_json()
        if twins and case in twins:
            row["fts5"] = twins[case].to_json()
        out.append(row)
    return out


def coverage_rows(outcomes: dict[Case, Outcome]) -> list[dict[str, Any]]:
    """Rows of the coverage routes, cold then warm for each; warm ones marked when skipped."""
    found = {(case.route, case.case): (case, outcome) for case, outcome in outcomes.items()}
    out = []
    for route, state in ((r, s) for r in ("/coverage", "/api/coverage") for s in ("cold", "warm")):
        case, outcome = found.get((route, state), (Case(route, state, route), Outcome()))
        row = rows("cold" if state == "cold" else "http", {case: outcome})[0]
        if (route, state) not in found:
            row["skipped"] = "the cold request timed out, so the report was never cached"
        out.append(row)
    return out


def bench_size(size: int, args: argparse.Namespace, results: dict[str, Any]) -> None:
    """Measure every route and command at one corpus size, filling results["sizes"][size]."""
    work = args.work / str(size)
    work.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = results["sizes"].setdefault(str(size), {})
    data["load_start"] = [round(x, 2) for x in os.getloadavg()]
    corpus = generate_corpus(size, work / "corpus", args.seed)
    root, db = work / "index", work / "fts5.db"
    data["corpus"] = {"entries": corpus.entries, "files": len(corpus.files)}
    data["build"] = build(corpus.folder, root, args.build_timeout)
    log(f"{size}: {data['build']['summary']}")
    fts = measure.run_worker("fts5-build", str(corpus.folder), str(db))
    indexed = re.match(r"(\d+) entries", data["build"]["summary"])
    data["indexed"] = int(indexed.group(1)) if indexed else fts["entries"]
    log(f"{size}: FTS5 twin built ({fts['entries']} entries); coverage cold, then warm")
    plan = Plan(args.runs, slow_seconds=args.slow, slow_runs=args.slow_runs)
    coverage, coverage_peaks = measure_coverage(root, plan, args.timeout, work)
    log(f"{size}: searches, entries, checks, feed, exports")
    targets, served, peaks = measure_served(root, plan, args.timeout, work)
    twins, fts_peak = measure_fts5(db, list(served["search"]), plan, args.timeout, work)
    log(f"{size}: commands")
    commands = run_cases(
        cli_cases(targets, veille_command(), root),
        lambda case: run_command(case.argv, args.timeout),
        dataclasses.replace(plan, warm_up=False),
        progress=log,
    )
    data["targets"] = {k: v for k, v in vars(targets).items() if k != "long_reference"}
    data["servers"] = peaks | {"coverage_mb": coverage_peaks, "fts5_mb": fts_peak}
    data["cases"] = [
        *rows("http", served["search"], twins),
        *rows("http", served["entry"]),
        *coverage_rows(coverage),
        *rows("http", served["check"]),
        *rows("http", served["export"]),
        *rows("http", served["feed"]),
        *rows("http", served["facet"]),
        *rows("http", served["page"]),
        *rows("cli", commands),
    ]
    data["load_end"] = [round(x, 2) for x in os.getloadavg()]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the route benchmark and write its section of RESULTS.md and routes.json."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    kept = ("sizes", "runs", "timeout", "slow", "slow_runs", "seed", "quick")
    command = shlex.join(["python", "-m", "benchmarks.routes", *argv])
    report.each_size(
        {**report.header(command), "options": {k: vars(args)[k] for k in kept}},
        lambda size, results: bench_size(size, args, results),
        lambda results: route_report.write(results, args.out),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
