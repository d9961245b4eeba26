"""Searches while whole-list exports stream: do exports starve the searches?

    python -m benchmarks.export_load --index-dir DIR [--exports 8] [--searchers 2]
                                     [--seconds 30] [--threads 8] [--runs 3]

On one `veille serve` (waitress), after a warm-up, a few users search without pause (HTML
result pages of words drawn from the corpus) for `--seconds`, first alone (the baseline), then while
`--exports` other users each download the whole index as a file, over and over, in every
export format in turn. An export refused with 503 (the limit on heavy requests) is tried
again a second later, as an impatient user would. Phases alternate `--runs` times; the
figures are medians over the runs, with the ratio to the baseline of the same run, and go
into RESULTS.md between `<!-- export-load:begin -->` and `<!-- export-load:end -->`.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.load import EXPORT_FORMATS, _connect, _get, discover, percentile, serve
from benchmarks.load import write_results as write_section
from benchmarks.report import EXPORT_LOAD_BEGIN as BEGIN
from benchmarks.report import EXPORT_LOAD_END as END

HERE = Path(__file__).resolve().parent
REFUSED_PAUSE = 1.0  # seconds before an impatient user asks again for a refused export


@dataclass
class Phase:
    """What one phase measured: search latencies, exports done and refused, errors."""

    searches: list[float] = field(default_factory=list)
    exports: list[float] = field(default_factory=list)
    exported_bytes: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)


def searcher(base: str, words: list[str], seed: int, stop: threading.Event, phase: Phase):
    """Search without pause until stopped, noting each page's latency."""
    rng = random.Random(seed)
    connection = _connect(base)
    try:
        while not stop.is_set():
            q = " ".join(rng.sample(words, rng.choice((1, 1, 2))))
            path = "/search?" + urlencode({"q": q})
            started = time.perf_counter()
            status, body = _get(connection, path)
            if status != 200 or not body.rstrip().endswith(b"</html>"):
                phase.errors.append(f"{path}: HTTP {status}")
            else:
                phase.searches.append(time.perf_counter() - started)
    except (OSError, http.client.HTTPException) as error:
        phase.errors.append(f"search: {error!r}")
    finally:
        connection.close()


def exporter(base: str, number: int, stop: threading.Event, phase: Phase) -> None:
    """Download the whole index again and again, one format after the other."""
    connection = _connect(base)
    turn = number
    try:
        while not stop.is_set():
            path = f"/export/{EXPORT_FORMATS[turn % len(EXPORT_FORMATS)]}"
            started = time.perf_counter()
            status, body = _get(connection, path)
            if status == 503:
                phase.refused += 1
                stop.wait(REFUSED_PAUSE)
                continue
            if status != 200:
                phase.errors.append(f"{path}: HTTP {status}")
            else:
                phase.exports.append(time.perf_counter() - started)
                phase.exported_bytes += len(body)
            turn += 1
    except (OSError, http.client.HTTPException) as error:
        if not stop.is_set():  # a download cut by the end of the phase is not an error
            phase.errors.append(f"export: {error!r}")
    finally:
        connection.close()


def run_phase(
    base: str, words: list[str], searchers: int, exports: int, seconds: float, seed: int
) -> Phase:
    """Run searchers (and exporters) together for some seconds.

    Each phase draws queries of its own (`seed`): a phase replaying another's queries would
    find their pages in the server's result cache.
    """
    phase, stop = Phase(), threading.Event()
    threads = [
        threading.Thread(target=exporter, args=(base, n, stop, phase)) for n in range(exports)
    ]
    threads += [
        threading.Thread(target=searcher, args=(base, words, seed * 100 + n, stop, phase))
        for n in range(searchers)
    ]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return phase


def markdown(phases: list[tuple[Phase, Phase]], args: argparse.Namespace, command: str) -> str:
    """Write the section: medians over the runs of each phase's p50/p95, and their ratios."""

    def median(values: list[float]) -> float:
        return statistics.median(values) if values else 0.0

    def figures(phase: Phase) -> tuple[float, float]:
        return percentile(phase.searches, 50) * 1000, percentile(phase.searches, 95) * 1000

    alone = [figures(a) for a, _ in phases]
    loaded = [figures(b) for _, b in phases]
    ratios = [b[1] / a[1] if a[1] else 0.0 for a, b in zip(alone, loaded, strict=True)]
    busy = [b for _, b in phases]
    errors = sum(len(a.errors) + len(b.errors) for a, b in phases)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE
    ).stdout.strip()
    return "\n".join(
        [
            BEGIN,
            "## Searches while whole-list exports stream (`python -m benchmarks.export_load`)",
            "",
            f"- Date: {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}; "
            f"commit `{commit}`; machine: {os.cpu_count()} cores, "
            f"load average at end {os.getloadavg()[0]:.2f}",
            f"- Command: `{command}`",
            f"- {args.searchers} users search without pause for {args.seconds:.0f} s alone, "
            f"then as long again while {args.exports} users download the whole index "
            f"({', '.join(EXPORT_FORMATS)} in turn; a 503 is asked again after "
            f"{REFUSED_PAUSE:.0f} s); {len(phases)} runs of both phases; waitress with "
            f"{args.threads} threads; errors: {errors}",
            "",
            "| searches | runs | p50 ms (median of runs) | p95 ms (median of runs) |",
            "|---|---|---|---|",
            f"| alone | {len(alone)} | {median([a[0] for a in alone]):.0f} "
            f"| {median([a[1] for a in alone]):.0f} |",
            f"| with {args.exports} exporters | {len(loaded)} "
            f"| {median([b[0] for b in loaded]):.0f} | {median([b[1] for b in loaded]):.0f} |",
            "",
            f"- p95 ratio, exporting / alone, median of runs: ×{median(ratios):.2f} "
            f"(runs: {', '.join(f'×{r:.2f}' for r in ratios)})",
            f"- Exports per run (median): {median([len(b.exports) for b in busy]):.0f} whole "
            f"files completed, {median([b.refused for b in busy]):.0f} refused with 503; "
            f"median download {median([median(b.exports) for b in busy if b.exports]):.1f} s, "
            f"{median([b.exported_bytes for b in busy]) / 1e6:.0f} MB sent per run",
            "",
            END,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Alternate the two phases, record the figures; exit 1 on any error."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.export_load", description=__doc__)
    parser.add_argument("--index-dir", required=True, help="the index to serve")
    parser.add_argument("--exports", type=int, default=8, help="exporting users (default 8)")
    parser.add_argument("--searchers", type=int, default=2, help="searching users (default 2)")
    parser.add_argument("--seconds", type=float, default=30, help="each phase (default 30)")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads (default 8)")
    parser.add_argument("--runs", type=int, default=3, help="runs of both phases (default 3)")
    parser.add_argument(
        "--warm-up", type=float, default=10, help="seconds of searches first, not counted"
    )
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"), help="file to update")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    command = "python -m benchmarks.export_load " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    phases = []
    with serve(Path(args.index_dir), args.threads) as base:
        words = discover(base).words
        run_phase(base, words, args.searchers, 0, args.warm_up, seed=0)  # not counted
        for run in range(1, args.runs + 1):
            alone = run_phase(base, words, args.searchers, 0, args.seconds, seed=2 * run)
            loaded = run_phase(
                base, words, args.searchers, args.exports, args.seconds, seed=2 * run + 1
            )
            phases.append((alone, loaded))
    section = markdown(phases, args, command.strip())
    print(section)
    for alone, loaded in phases:
        for error in (alone.errors + loaded.errors)[:10]:
            print(error, file=sys.stderr)
    if not args.no_write:
        write_section(Path(args.results), section, BEGIN, END)
    return 1 if any(a.errors or b.errors for a, b in phases) else 0


if __name__ == "__main__":
    sys.exit(main())
