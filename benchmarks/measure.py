"""The measurements: builds, incremental addition, search pages in process and over HTTP,
cold start and peak memory, each for veille and for the FTS5 baseline.

Builds, servers and cold starts run in subprocesses (timed and weighed on their own); the
in-process search pages run here, on one warm service, as a request thread would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from benchmarks.child import child_server, free_port, fts5_serve, veille_serve
from benchmarks.corpus import write_issue
from benchmarks.fts5 import Fts5Search
from benchmarks.queries import BenchQuery
from benchmarks.stats import summary, timed
from search_ui.engine.search import SearchService

REPO = Path(__file__).resolve().parents[1]


def run_worker(*args: str) -> dict[str, Any]:
    """Run one worker command in a fresh interpreter and return its JSON result."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.worker", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"worker {args[0]} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def disk_size(path: Path) -> int:
    """Return the bytes of a file, or of every file under a folder."""
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def live_generation(root: Path) -> Path:
    """Return the live generation folder of an index root (what a server reads)."""
    return root / (root / "CURRENT").read_text("utf-8").strip()


# -- building -------------------------------------------------------------------------------


def measure_build(corpus: Path, root: Path, runs: int) -> dict[str, Any]:
    """Build the index from scratch `runs` times (a fresh root each time); keep the last."""
    samples, rss, entries = [], [], 0
    for _ in range(runs):
        shutil.rmtree(root, ignore_errors=True)
        result = run_worker("build", str(corpus), str(root), "--full")
        samples.append(result["seconds"])
        rss.append(result["peak_rss_kb"])
        entries = result["entries"]
    seconds = summary(samples)
    return {
        "seconds": seconds,
        "entries": entries,
        "entries_per_s": entries / seconds["median"],
        "peak_rss_mb": max(rss) / 1024,
        "disk_bytes": disk_size(live_generation(root)),
    }


def measure_fts5_build(corpus: Path, db: Path, runs: int) -> dict[str, Any]:
    """Extract and load the FTS5 database `runs` times; keep the last."""
    samples, extract, insert, rss, entries = [], [], [], [], 0
    for _ in range(runs):
        result = run_worker("fts5-build", str(corpus), str(db))
        samples.append(result["seconds"])
        extract.append(result["extract_seconds"])
        insert.append(result["insert_seconds"])
        rss.append(result["peak_rss_kb"])
        entries = result["entries"]
    seconds = summary(samples)
    return {
        "seconds": seconds,
        "extract_seconds": summary(extract),
        "insert_seconds": summary(insert),
        "entries": entries,
        "entries_per_s": entries / seconds["median"],
        "peak_rss_mb": max(rss) / 1024,
        "disk_bytes": disk_size(db),
    }


def measure_incremental(
    corpus: Path, root: Path, db: Path, work: Path, runs: int, seed: int
) -> dict[str, Any]:
    """Add one new issue (~80 entries) to copies of the index and of the FTS5 database.

    Each run adds a different issue, so that every build has one new file to index.
    """
    corpus_copy, root_copy, db_copy = work / "incr-corpus", work / "incr-index", work / "incr.db"
    for path in (corpus_copy, root_copy):
        shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(corpus, corpus_copy)
    shutil.copytree(root, root_copy)
    shutil.copy(db, db_copy)
    base = 1 + len(list(corpus.glob("*.txt")))
    veille, fts, added = [], [], 0
    for run in range(runs):
        issue = write_issue(corpus_copy, base + run, seed=seed)
        result = run_worker("build", str(corpus_copy), str(root_copy))
        veille.append(result["seconds"])
        added = result["added"]
        fts.append(run_worker("fts5-add", str(db_copy), str(issue))["seconds"])
    return {"veille_seconds": summary(veille), "fts5_seconds": summary(fts), "added": added}


# -- searching in process -------------------------------------------------------------------


def measure_search(search: Any, queries: list[BenchQuery], runs: int) -> dict[str, list[float]]:
    """Time `search(request)` for every query, `runs` rounds; return ms samples per label."""
    samples: dict[str, list[float]] = {query.label: [] for query in queries}
    requests = [(query.label, query.request) for query in queries]
    for _ in range(runs):
        for label, request in requests:
            seconds, _ = timed(lambda request=request: search(request))
            samples[label].append(seconds * 1000)
    return samples


def first_search_ms(root: Path, query: BenchQuery) -> float:
    """Time the first search of a fresh service: opening the generation and its facets."""
    service = SearchService(root)
    seconds, _ = timed(lambda: service.search(query.request))
    service.close()
    return seconds * 1000


def veille_and_fts5_search(
    root: Path, db: Path, queries: list[BenchQuery], runs: int
) -> dict[str, Any]:
    """Time the in-process search page of both engines on warm handles.

    veille's headline figure is without its result cache (every page computed); the
    same pages served by a service with the cache, once warm, are timed apart.
    """
    service = SearchService(root, cache_size=0)
    cached = SearchService(root)
    fts = Fts5Search(db)
    for query in queries:  # warm: open the generation, build the bitmaps, fill OS caches
        service.search(query.request)
        cached.search(query.request)
        fts.page(query.request)
    veille = measure_search(service.search, queries, runs)
    with_cache = measure_search(cached.search, queries, runs)
    cached.close()
    baseline = measure_search(fts.page, queries, runs)
    totals = {
        q.label: [service.search(q.request).total, fts.page(q.request).total] for q in queries
    }
    service.close()
    fts.close()
    return {"veille": veille, "fts5": baseline, "cached": with_cache, "totals": totals}


# -- HTTP, memory, cold start ---------------------------------------------------------------


def status_mb(pid: int, field: str) -> float:
    """Return one memory field of a live process' /proc status (VmRSS, VmHWM) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_of(pid: int) -> float:
    """Return a live process' peak resident set size (VmHWM) in MiB."""
    return status_mb(pid, "VmHWM")


def get(port: int, pairs: tuple[tuple[str, str], ...]) -> bytes:
    """GET /api/search with the pairs as query string over loopback; return the body."""
    url = f"http://127.0.0.1:{port}/api/search?{urlencode(pairs)}"
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def measure_http(
    root: Path, db: Path, queries: list[BenchQuery], runs: int, work: Path
) -> dict[str, Any]:
    """Time GET /api/search on `veille serve` and on the FTS5 WSGI twin; weigh both servers."""
    results: dict[str, Any] = {}
    engines = {
        "veille": lambda port: veille_serve(root, port),
        "fts5": lambda port: fts5_serve(db, port),
    }
    for name, command in engines.items():
        port = free_port()
        with child_server(command(port), port, work / f"serve-{name}.log", cwd=REPO) as child:
            process = child.process
            for query in queries:  # warm, as for the in-process figures
                get(port, query.pairs)
            samples: dict[str, list[float]] = {query.label: [] for query in queries}
            for _ in range(runs):
                for query in queries:
                    seconds, _ = timed(lambda query=query, port=port: get(port, query.pairs))
                    samples[query.label].append(seconds * 1000)
            results[name] = {"samples": samples, "peak_rss_mb": peak_rss_of(process.pid)}
    return results


def measure_cold_start(root: Path, db: Path, q: str, runs: int) -> dict[str, Any]:
    """Time `veille search Q --json` and its FTS5 twin as fresh processes (wall time)."""
    veille_bin = Path(sys.executable).with_name("veille")
    veille = [str(veille_bin)] if veille_bin.exists() else [sys.executable, "-m", "search_ui"]
    commands = {
        "veille": [*veille, "search", q, "--index-dir", str(root), "--json"],
        "fts5": [sys.executable, "-m", "benchmarks.worker", "fts5-search", str(db), q],
        "python": [sys.executable, "-c", "pass"],
    }
    out: dict[str, Any] = {}
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    for name, command in commands.items():
        samples = []
        for _ in range(runs):
            seconds, completed = timed(
                lambda command=command: subprocess.run(
                    command, cwd=REPO, capture_output=True, env=env, check=False
                )
            )
            if completed.returncode != 0:
                raise RuntimeError(f"{name} cold search failed: {completed.stderr[-2000:]!r}")
            samples.append(seconds)
        out[name] = summary(samples)
    return out
