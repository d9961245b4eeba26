"""Load test: many users on keep-alive connections against `veille serve` (waitress).

    python -m benchmarks.load [--users 50] [--seconds 60] [--threads 8] [--index-dir DIR]
                              [--url http://127.0.0.1:5000] [--results benchmarks/RESULTS.md]

Each user loops without pause over a mix of requests drawn from the corpus itself: searches
(words and pairs of words from the titles), facet clicks (a search narrowed by a section,
publisher, type or year it offers), entry pages, the JSON API and exports (when the app has
export routes). Every answer must be a complete 200, but for an export refused with 503 and
Retry-After by the server's limit on heavy requests (counted apart); anything else is an error.
Throughput and p50/p95/p99 latencies per kind of request go into RESULTS.md, between the
markers `<!-- load:begin -->` and `<!-- load:end -->` (the rest of the file is left alone).

Without --url, the driver builds an index of seeds/ in a temporary folder (or uses
--index-dir) and starts `python -m search_ui serve` on a free loopback port.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from benchmarks.child import child_server, free_port, veille_serve

HERE = Path(__file__).resolve().parent
BEGIN, END = "<!-- load:begin -->", "<!-- load:end -->"
WEIGHTS = {
    "search": 30,
    "facet": 15,
    "entry": 15,
    "api": 12,
    "export": 8,
    "check": 6,
    "documentalist": 6,
    "map": 4,
    "feed": 4,
}
HEAVY_KINDS = ("export", "documentalist")  # may be refused (503) while others are running
HTML_KINDS = ("search", "facet", "entry", "check", "documentalist", "map")
# The documentalists' pages: coverage, a data-quality list, a facet's every value.
DOCUMENTALIST_PATHS = (
    "/coverage",
    "/api/coverage",
    "/coverage/duplicates",
    "/api/coverage/without_publisher",
    "/facets/publisher",
    "/api/facets/publisher",
)
EXPORT_FORMATS = ("csv", "json", "bibtex", "ris", "csljson")
TIMEOUT = 60.0


@dataclass
class Corpus:
    """What users click on: words, facet values and entry ids of the served index."""

    words: list[str]
    facets: dict[str, list[str]]
    ids: list[str]
    exports: bool
    titles: list[str]  # references to check
    regions: list[str]  # territory codes, for the map's départements


@dataclass
class Tally:
    """Latencies and errors of one kind of request, from every user."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refused: int = 0  # exports answered 503 + Retry-After: every heavy slot was held


@dataclass
class Report:
    """The outcome of a run: per-kind tallies, duration, users."""

    users: int
    seconds: float
    tallies: dict[str, Tally]

    @property
    def requests(self) -> int:
        """Count the requests answered, errors included."""
        return sum(len(t.latencies) + len(t.errors) for t in self.tallies.values())

    @property
    def errors(self) -> list[str]:
        """Return every error, prefixed by its kind."""
        return [f"{kind}: {e}" for kind, t in self.tallies.items() for e in t.errors]

    def rows(self) -> list[tuple[str, int, int, float, float, float, float]]:
        """Return (kind, requests, errors, req/s, p50, p95, p99 in ms), all kinds last."""
        everything = Tally(
            [x for t in self.tallies.values() for x in t.latencies],
            [e for t in self.tallies.values() for e in t.errors],
        )
        out = []
        for kind, tally in [*sorted(self.tallies.items()), ("all", everything)]:
            done = len(tally.latencies) + len(tally.errors)
            out.append(
                (
                    kind,
                    done,
                    len(tally.errors),
                    done / self.seconds,
                    *(percentile(tally.latencies, p) * 1000 for p in (50, 95, 99)),
                )
            )
        return out


def percentile(values: list[float], p: float) -> float:
    """Return the p-th percentile (nearest rank) of some values, 0 when there are none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


# -- the server ------------------------------------------------------------------------------


@contextlib.contextmanager
def serve(index_dir: Path, threads: int = 8, log: Path | None = None) -> Iterator[str]:
    """Run `veille serve` on a free loopback port; yield its base URL."""
    port = free_port()
    with child_server(veille_serve(index_dir, port, threads), port, log) as server:
        yield server.base


# -- the users -------------------------------------------------------------------------------


def discover(base: str) -> Corpus:
    """Read from the served index what users will search, click and open."""
    connection = _connect(base)
    try:
        answer = json.loads(_get(connection, "/api/search?per_page=100")[1])
        titles = " ".join(hit["title"] for hit in answer["hits"])
        words = sorted({w.lower() for w in re.findall(r"\w{5,}", titles) if not w.isdigit()})
        facets = {
            name: [value["value"] for value in values][:20]
            for name, values in answer["facets"].items()
            if name in ("section", "publisher", "type", "year") and values
        }
        ids = [hit["id"] for hit in answer["hits"]]
        exports = _get(connection, "/export/csv?q=innovation")[0] == 200
    finally:
        connection.close()
    if not ids or not words:
        raise RuntimeError(f"{base} serves an empty index")
    titles = [hit["title"] for hit in answer["hits"]]
    regions = [v["value"] for v in answer["facets"].get("territory", [])]
    return Corpus(words, facets, ids, exports, titles, [r for r in regions if r.startswith("reg-")])


def _connect(base: str) -> http.client.HTTPConnection:
    """Open a keep-alive connection to the server."""
    parts = urlsplit(base)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)


def _get(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    """GET a path on a kept-alive connection; return the status and the whole body."""
    connection.request("GET", path, headers={"Connection": "keep-alive"})
    response = connection.getresponse()
    return response.status, response.read()


def next_request(rng: random.Random, corpus: Corpus) -> tuple[str, str]:
    """Draw one request of the mix: its kind and its path."""
    kinds = [k for k in WEIGHTS if k != "export" or corpus.exports]
    kind = rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]
    q = " ".join(rng.sample(corpus.words, rng.choice((1, 1, 2))))
    if kind == "search":
        params = {"q": q, **({"page": "2"} if rng.random() < 0.1 else {})}
        return kind, "/search?" + urlencode(params)
    if kind == "facet":
        name = rng.choice(sorted(corpus.facets))
        params = {"q": q if rng.random() < 0.5 else "", name: rng.choice(corpus.facets[name])}
        return kind, "/search?" + urlencode(params)
    if kind == "entry":
        return kind, f"/entry/{rng.choice(corpus.ids)}"
    if kind == "api":
        if rng.random() < 0.3:
            return kind, f"/api/entries/{rng.choice(corpus.ids)}"
        return kind, "/api/search?" + urlencode({"q": q})
    if kind == "check":
        route = rng.choice(("/check", "/api/check"))
        return kind, f"{route}?" + urlencode({"ref": rng.choice(corpus.titles)})
    if kind == "documentalist":
        return kind, rng.choice(DOCUMENTALIST_PATHS)
    if kind == "map":
        route = rng.choice(("/territoires", "/api/territories"))
        region = rng.choice(corpus.regions) if corpus.regions and rng.random() < 0.5 else None
        return kind, route + (f"?{urlencode({'region': region})}" if region else "")
    if kind == "feed":
        return kind, "/search.atom?" + urlencode({"q": q})
    return kind, f"/export/{rng.choice(EXPORT_FORMATS)}?" + urlencode({"q": q})


def complete(kind: str, path: str, body: bytes) -> str | None:
    """Say what is wrong with a 200 answer's body, or None when it is whole."""
    if path.startswith("/api"):
        kind = "api"  # the JSON twins of the documentalists' pages and of the map
    if kind in HTML_KINDS and not body.rstrip().endswith(b"</html>"):
        return f"{path}: truncated page"
    if kind == "feed" and not body.rstrip().endswith(b"</feed>"):
        return f"{path}: truncated feed"
    if kind == "api":
        try:
            json.loads(body)
        except ValueError:
            return f"{path}: not JSON"
    return None  # an export of a search without hits may be empty (RIS, BibTeX)


def user(base: str, corpus: Corpus, seed: int, deadline: float, tallies: dict[str, Tally]):
    """Play one user until the deadline: request after request on one kept-alive connection."""
    rng = random.Random(seed)
    connection = _connect(base)
    try:
        while time.monotonic() < deadline:
            kind, path = next_request(rng, corpus)
            started = time.perf_counter()
            try:
                status, body = _get(connection, path)
            except (OSError, http.client.HTTPException) as error:
                tallies[kind].errors.append(f"{path}: {error!r}")
                connection.close()
                connection = _connect(base)
                continue
            elapsed = time.perf_counter() - started
            if kind in HEAVY_KINDS and status == 503:  # the heavy limit: by design, no error
                tallies[kind].refused += 1
                continue
            problem = f"{path}: HTTP {status}" if status != 200 else complete(kind, path, body)
            if problem:
                tallies[kind].errors.append(problem)
            else:
                tallies[kind].latencies.append(elapsed)
    finally:
        connection.close()


def run(base: str, users: int, seconds: float, seed: int = 1) -> Report:
    """Run `users` concurrent users for `seconds` against a server; return the tallies."""
    corpus = discover(base)
    tallies = {kind: Tally() for kind in WEIGHTS if kind != "export" or corpus.exports}
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(target=user, args=(base, corpus, seed * 1000 + n, deadline, tallies))
        for n in range(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Report(users, time.monotonic() - started, tallies)


# -- the results -----------------------------------------------------------------------------


def markdown(report: Report, command: str, threads: int | None) -> str:
    """Write the results section, markers included."""
    load = os.getloadavg()
    lines = [
        BEGIN,
        "## Load: concurrent users against `veille serve` (waitress)",
        "",
        f"- Date: {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}",
        f"- Command: `{command}`",
        f"- {report.users} users, each on one keep-alive connection, no think time, "
        f"{report.seconds:.1f} s; waitress with {threads or '?'} threads; "
        f"machine: {os.cpu_count()} cores, load average at end {load[0]:.2f}",
        f"- Mix: {', '.join(f'{k} {w} %' for k, w in WEIGHTS.items() if k in report.tallies)} "
        "(search = HTML results page; facet = results narrowed by a facet value; entry = entry "
        "page; api = /api/search or /api/entries; export = a whole result list as a file; "
        "check = a title checked, page or JSON; documentalist = coverage, a data-quality list or "
        "a facet's every value, page or JSON; map = the territories, régions or a région's "
        "départements, page or JSON; feed = the Atom feed of a search)",
        f"- Errors: {len(report.errors)} of {report.requests} requests; heavy requests refused "
        f"(503, heavy limit): {sum(t.refused for t in report.tallies.values())}",
        "",
        "| kind | requests | errors | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, done, errors, rate, p50, p95, p99 in report.rows():
        name = f"**{kind}**" if kind == "all" else kind
        lines.append(
            f"| {name} | {done:,} | {errors} | {rate:.1f} | {p50:.0f} | {p95:.0f} | {p99:.0f} |"
        )
    lines += ["", END]
    return "\n".join(lines)


def write_results(path: Path, section: str, begin: str = BEGIN, end: str = END) -> None:
    """Replace the section between `begin` and `end` of RESULTS.md (or append it), leaving
    the rest as it is; the load section by default, the route benchmark's with its markers."""
    text = path.read_text("utf-8") if path.exists() else "# veille benchmarks\n"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the load test and record its figures; exit 1 when any request failed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--users", type=int, default=50, help="concurrent users (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="duration (default 60)")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads (default 8)")
    parser.add_argument("--index-dir", help="index to serve (default: seeds/ built afresh)")
    parser.add_argument("--url", help="an already running server to load instead")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the users")
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"), help="file to update")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    command = "python -m benchmarks.load " + " ".join(argv if argv is not None else sys.argv[1:])
    with contextlib.ExitStack() as stack:
        base = args.url
        if base is None:
            index_dir = args.index_dir
            if index_dir is None:
                from indexer.build.builder import build_index

                index_dir = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "index"
                build_index([HERE.parent / "seeds"], index_dir)
            base = stack.enter_context(serve(Path(index_dir), args.threads))
        report = run(base, args.users, args.seconds, args.seed)
    section = markdown(report, command.strip(), args.threads if args.url is None else None)
    print(section)
    for error in report.errors[:20]:
        print(error, file=sys.stderr)
    if not args.no_write:
        write_results(Path(args.results), section)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
