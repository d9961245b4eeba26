"""Subprocess entry points, so that builds and servers are timed and weighed on their own.

Peak RSS is a per-process figure: a build measured inside the benchmark process would carry
the benchmark's own memory. Each command prints one JSON object on stdout.

    python -m benchmarks.worker build CORPUS ROOT [--full]
    python -m benchmarks.worker fts5-build CORPUS DB
    python -m benchmarks.worker fts5-add DB FILE
    python -m benchmarks.worker fts5-search DB QUERY
    python -m benchmarks.worker fts5-serve DB PORT
"""

from __future__ import annotations

import json
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl


def peak_rss_kb() -> int:
    """Return this process' peak resident set size in KiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def build(corpus: Path, root: Path, full: bool) -> dict[str, Any]:
    """Run the product's build (what `veille index` does) and time it."""
    from indexer.build.builder import build_index

    started = time.perf_counter()
    report = build_index([corpus], root, full=full)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "entries": report.entries,
        "added": report.added,
        "warnings": len(report.warnings),
        "peak_rss_kb": peak_rss_kb(),
    }


def fts5_build(corpus: Path, db: Path) -> dict[str, Any]:
    """Extract the corpus with the product's extractor, then load the FTS5 baseline."""
    from benchmarks import fts5
    from indexer.extraction.corpus import extract_paths

    started = time.perf_counter()
    entries = extract_paths([corpus]).entries
    extracted = time.perf_counter()
    count = fts5.build((entry.to_dict() for entry in entries), db)
    loaded = time.perf_counter()
    return {
        "extract_seconds": extracted - started,
        "insert_seconds": loaded - extracted,
        "seconds": loaded - started,
        "entries": count,
        "peak_rss_kb": peak_rss_kb(),
    }


def fts5_add(db: Path, file: Path) -> dict[str, Any]:
    """Extract one new issue and append it to the FTS5 database."""
    from benchmarks import fts5
    from indexer.extraction.extractor import extract_file

    started = time.perf_counter()
    entries = extract_file(file, file.name).entries
    count = fts5.add((entry.to_dict() for entry in entries), db)
    return {"seconds": time.perf_counter() - started, "added": count}


def fts5_search(db: Path, q: str) -> dict[str, Any]:
    """Answer one search page from a cold process (the FTS5 twin of `veille search`)."""
    from benchmarks.fts5 import Fts5Search
    from search_ui.engine.criteria import request_from_pairs

    page = Fts5Search(db).page(request_from_pairs([("q", q)]))
    return {"total": page.total, "ids": page.ids, "facets": page.facets}


def fts5_serve(db: Path, port: int) -> None:
    """Serve /api/search from the FTS5 baseline with waitress (a minimal WSGI app)."""
    import waitress

    from benchmarks.fts5 import Fts5Search
    from search_ui.engine.criteria import BadRequest, request_from_pairs

    local = threading.local()

    def app(environ, start_response):
        if not hasattr(local, "search"):
            local.search = Fts5Search(db)
        try:
            request = request_from_pairs(parse_qsl(environ.get("QUERY_STRING", "")))
        except BadRequest as error:
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [str(error).encode()]
        page = local.search.page(request)
        body = json.dumps(page.__dict__, ensure_ascii=False).encode()
        start_response("200 OK", [("Content-Type", "application/json")])
        return [body]

    waitress.serve(app, host="127.0.0.1", port=port, threads=4, ident="fts5")


def main(argv: list[str]) -> int:
    """Dispatch one worker command and print its JSON result."""
    command, *args = argv
    if command == "build":
        result = build(Path(args[0]), Path(args[1]), full="--full" in args)
    elif command == "fts5-build":
        result = fts5_build(Path(args[0]), Path(args[1]))
    elif command == "fts5-add":
        result = fts5_add(Path(args[0]), Path(args[1]))
    elif command == "fts5-search":
        result = fts5_search(Path(args[0]), args[1])
    elif command == "fts5-serve":
        fts5_serve(Path(args[0]), int(args[1]))
        return 0
    else:
        print(f"unknown worker command {command!r}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
