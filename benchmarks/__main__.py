"""Run the benchmark suite: `python -m benchmarks [--sizes 1000,10000,100000] [--quick]`.

Each size is generated, extracted and built once for the search figures (more build runs at
small sizes, one at 100k, where a build is the dearest step); results are rewritten after
every size, so a long run that is stopped still leaves its figures.
"""

from __future__ import annotations

import argparse
import shlex
import sqlite3
import sys
from pathlib import Path
from typing import Any

from benchmarks import measure, profiling, report
from benchmarks.corpus import generate_corpus
from benchmarks.parity import compare_results
from benchmarks.queries import BenchQuery, build_queries
from benchmarks.report import log
from benchmarks.stats import summary, timed
from search_ui.engine.search import SearchService

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Read the options; --quick picks small sizes and few runs."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000", help="entries per corpus")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure at small sizes")
    parser.add_argument("--seed", type=int, default=7, help="corpus and query seed")
    parser.add_argument("--quick", action="store_true", help="1k and 5k, 3 runs (~ a few min)")
    parser.add_argument(
        "--incremental-size",
        type=int,
        default=10000,
        help="the index size the one-issue addition is measured on",
    )
    parser.add_argument(
        "--profile-size",
        type=int,
        default=10000,
        help="the size whose build and search are profiled",
    )
    parser.add_argument(
        "--profile-entries",
        type=int,
        default=2000,
        help="entries of the profiled build (a slice of that corpus)",
    )
    parser.add_argument("--work", type=Path, default=WORK, help="scratch folder")
    parser.add_argument("--out", type=Path, default=HERE, help="where RESULTS.md goes")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs = "1000,5000", min(args.runs, 3)
        args.incremental_size = args.profile_size = 5000
        args.profile_entries = 1000
    args.sizes = [int(size) for size in str(args.sizes).split(",")]
    return args


def runs_for(size: int, runs: int, step: str) -> int:
    """Return how many runs a step gets at a size: fewer where one run is long."""
    if step == "build":
        # Three at 10k at least: the build target is judged on that median.
        return runs if size <= 2000 else max(3, runs // 2) if size <= 20000 else 1
    if step == "http":
        return max(1, runs // 2) if size > 20000 else max(2, runs // 2 + 1)
    return runs if size <= 20000 else max(2, runs // 2)


def records_of(db: Path) -> list[dict[str, Any]]:
    """Read back the extracted records from the FTS5 database (the same entries veille got)."""
    import json

    with sqlite3.connect(db) as connection:
        return [json.loads(r) for (r,) in connection.execute("SELECT record FROM entries")]


def bench_size(size: int, args: argparse.Namespace, results: dict[str, Any]) -> None:
    """Measure everything at one corpus size, filling results["sizes"][size]."""
    work = args.work / str(size)
    work.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = results["sizes"].setdefault(str(size), {})
    seconds, corpus = timed(lambda: generate_corpus(size, work / "corpus", args.seed))
    log(
        f"{size}: corpus of {corpus.entries} entries in {len(corpus.files)} files ({seconds:.1f} s)"
    )
    root, db = work / "index", work / "fts5.db"
    builds = runs_for(size, args.runs, "build")
    fts = measure.measure_fts5_build(corpus.folder, db, builds)
    records = records_of(db)
    data["corpus"] = {
        "generated": corpus.entries,
        "files": len(corpus.files),
        "extracted": len(records),
        "seconds": seconds,
    }
    log(f"{size}: FTS5 built in {fts['seconds']['median']:.1f} s; building veille ×{builds}")
    veille = measure.measure_build(corpus.folder, root, builds)
    data["build"] = {"veille": veille, "fts5": fts}
    log(
        f"{size}: veille built in {veille['seconds']['median']:.1f} s "
        f"({veille['entries_per_s']:.0f} entries/s)"
    )
    report.write(results, args.out)

    queries = build_queries(records, args.seed)
    data["queries"] = {q.label: q.kind for q in queries}
    data["query_pairs"] = {q.label: q.pairs for q in queries}
    first = measure.first_search_ms(root, queries[0])
    runs = runs_for(size, args.runs, "search")
    timing = measure.veille_and_fts5_search(root, db, queries, runs)
    data["search"] = report.search_summaries(timing["veille"], timing["fts5"], data["queries"])
    data["search"] |= {
        "first_search_ms": first,
        "cached": summary([ms for samples in timing["cached"].values() for ms in samples]),
        "totals": timing["totals"],
        "samples": {"veille": timing["veille"], "fts5": timing["fts5"]},
    }
    data["parity"] = check_parity(root, queries)
    log(
        f"{size}: search p95 veille {data['search']['all']['veille']['p95']:.1f} ms, "
        f"FTS5 {data['search']['all']['fts5']['p95']:.1f} ms"
    )
    report.write(results, args.out)

    http = measure.measure_http(root, db, queries, runs_for(size, args.runs, "http"), work)
    data["http"] = {
        name: {
            "all": summary([s for v in http[name]["samples"].values() for s in v]),
            "peak_rss_mb": http[name]["peak_rss_mb"],
        }
        for name in ("veille", "fts5")
    }
    log(
        f"{size}: HTTP p95 veille {data['http']['veille']['all']['p95']:.1f} ms, "
        f"serving peak RSS {data['http']['veille']['peak_rss_mb']:.0f} MB"
    )
    common = next(q for q in queries if q.kind == "mot fréquent")
    data["cold_start"] = measure.measure_cold_start(
        root, db, dict(common.pairs)["q"], runs_for(size, args.runs, "cold")
    )
    log(f"{size}: cold veille search {data['cold_start']['veille']['median']:.2f} s")
    report.write(results, args.out)

    if size == args.incremental_size:
        data["incremental"] = measure.measure_incremental(
            corpus.folder, root, db, work, args.runs, args.seed
        )
        log(f"{size}: one issue added in {data['incremental']['veille_seconds']['median']:.2f} s")
    if size == args.profile_size:
        per_issue = max(1, corpus.entries // max(1, len(corpus.files)))
        files = corpus.files[: max(1, args.profile_entries // per_issue)]
        results["profile"] = {
            "size": size,
            "build": profiling.profile_build(files, work),
            "search": profiling.profile_search(root, common, work),
        }
        log(f"{size}: profiles written to {work}/*.pstats")
    report.write(results, args.out)


def check_parity(root: Path, queries: list[BenchQuery]) -> dict[str, Any]:
    """Compare, on every query, a fresh service without result cache with a warm, cached
    one, and the vectorised ranking with Whoosh's own matchers scoring every hit.

    The top 20, totals, facet counts and snippets must be identical: neither the cache,
    the bitmaps of a warm service nor the fast ranking may change what users see.
    """
    requests = [(q.label, q.request) for q in queries]
    warm = SearchService(root)
    for query in queries:
        warm.search(query.request)
    fresh = SearchService(root, cache_size=0)
    reference = SearchService(root, cache_size=0, reference_ranking=True)
    differences = compare_results(fresh, warm, requests)
    ranking = compare_results(reference, fresh, requests)
    for service in (warm, fresh, reference):
        service.close()
    return {"queries": len(queries), "differences": differences, "ranking": ranking}


def main(argv: list[str] | None = None) -> int:
    """Run the suite and write RESULTS.md and results.json."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    args.work.mkdir(parents=True, exist_ok=True)
    command = (
        shlex.join([Path(sys.executable).name, "-m", "benchmarks", *sys.argv[1:]])
        if argv is None
        else shlex.join(["python", "-m", "benchmarks", *argv])
    )
    options = {"sizes": args.sizes, "runs": args.runs, "seed": args.seed, "quick": args.quick}
    report.each_size(
        {**report.header(command), "sqlite": sqlite3.sqlite_version, "options": options},
        lambda size, results: bench_size(size, args, results),
        lambda results: report.write(results, args.out),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
