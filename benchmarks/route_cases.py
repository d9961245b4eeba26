"""What the route benchmark requests, drawn from the served index itself.

The words, facet values, entry, titles and references come from the server's own answers
(the empty search, the entries), so that every case asks for something the corpus has.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from benchmarks.queries import _stop_words, _words, vocabulary
from search_ui.engine.check import MAX_REFERENCE_LENGTH
from search_ui.engine.criteria import MAX_QUERY_STRING
from search_ui.rendering.exports import EXPORT_FORMATS

Pairs = tuple[tuple[str, str], ...]
PROBED_WORDS = 30  # the most frequent title words of the first 100 entries, counted by search
EXPORT_HITS = 1000  # the size of the "result list" exported besides the whole corpus
DEEP_PAGE = 50
COVERAGE_ROUTES = ("/coverage", "/api/coverage")
QUALITY_LIST = "duplicates"  # the data-quality list whose pages are timed


@dataclass(frozen=True)
class Case:
    """One thing to time: an HTTP path, or a command line; with its FTS5 twin, if any."""

    route: str
    case: str
    path: str = ""
    argv: tuple[str, ...] = ()
    twin: str = ""  # the same search on the FTS5 twin server
    export: bool = False  # sample the server's RSS during the request
    note: str = ""
    # Query strings asked in turn, one a run, after `path` and `twin` (which then end in
    # "?"): distinct searches, so that no run is answered from the server's result cache.
    variants: tuple[str, ...] = ()

    def next_path(self, run: int, twin: bool = False) -> str:
        """Return the path of a run: the case's own, or its next variant's."""
        path = self.twin if twin else self.path
        return path + self.variants[run % len(self.variants)] if self.variants else path


@dataclass(frozen=True)
class Targets:
    """What the cases ask for, and how many hits each search has."""

    word: str
    words: str
    facets: Pairs
    entry_id: str
    title: str
    long_reference: str
    export_pairs: Pairs
    totals: dict[str, int]  # hits per search label, "all" for the empty query
    probed: tuple[str, ...]  # the title words probed, most hits first
    place: str  # the name of the territory most entries are about (a région)
    territory: str  # its code, for the facet and the map
    duplicate_pages: int  # pages of the longest data-quality list (probable duplicates)


def discover(get: Callable[[str], bytes]) -> Targets:
    """Read from the server, through `get(path) -> body`, what the cases will ask for."""
    browse = json.loads(get("/api/search?per_page=100"))
    hits = browse["hits"]
    frequency, written = vocabulary({"title": h["title"], "description": ""} for h in hits)
    ranked = sorted(frequency, key=lambda w: (-frequency[w], w))[:PROBED_WORDS]
    counts = {written[w]: _total(get, (("q", written[w]),)) for w in ranked}
    word = max(counts, key=lambda w: (counts[w], w))  # the dearest: most hits to rank
    facets = tuple(
        (name, max(browse["facets"][name], key=lambda v: v["count"])["value"])
        for name in ("type", "publisher")
    )
    words = _title_words(h["title"] for h in hits)
    candidates = {(("q", w),): n for w, n in counts.items()} | {
        ((name, v["value"]),): v["count"]
        for name in ("section", "publisher", "type", "year")
        for v in browse["facets"].get(name, [])
    }
    export_pairs = min(candidates, key=lambda p: (abs(math.log(candidates[p] / EXPORT_HITS)), p))
    totals = {
        "all": browse["total"],
        "word": counts[word],
        "words": _total(get, (("q", words),)),
        "facets": _total(get, (("q", word), *facets)),
        "export": candidates[export_pairs],
    }
    records = [json.loads(get(f"/api/entries/{quote(h['id'])}")) for h in hits[:20]]
    region = max(browse["facets"]["territory"], key=lambda v: (v["count"], v["value"]))
    totals["place"] = _total(get, (("q", region["label"]),))
    totals["territory"] = _total(get, (("territory", region["value"]),))
    duplicates = json.loads(get(f"/api/coverage/{QUALITY_LIST}"))
    return Targets(
        word,
        words,
        facets,
        hits[0]["id"],
        hits[0]["title"],
        long_reference(records),
        export_pairs,
        totals,
        tuple(sorted(counts, key=lambda w: (-counts[w], w))),
        region["label"],
        region["value"],
        max(1, math.ceil(duplicates["total"] / duplicates["per_page"])),
    )


def _total(get: Callable[[str], bytes], pairs: Pairs) -> int:
    """Return how many hits a search has."""
    return json.loads(get("/api/search?" + urlencode((*pairs, ("per_page", "1")))))["total"]


def _title_words(titles: Iterable[str]) -> str:
    """Return three content words of the first title that has them (every word must match)."""
    stop = _stop_words()
    for title in titles:
        words = _words(title, stop)
        if len(words) >= 3:
            return " ".join(words[:3])
    raise RuntimeError("no title has three content words")


def long_reference(records: Iterable[dict[str, Any]], limit: int = MAX_REFERENCE_LENGTH) -> str:
    """Join titles and descriptions into a reference as long as the server takes (~2,000 chars).

    It is cut at a word, within the reference limit and the query-string limit once encoded.
    """
    text = " ".join(" ".join(f"{r['title']}. {r['description']}".split()) for r in records)
    cut = text[:limit].rsplit(" ", 1)[0] if len(text) > limit else text
    while len(urlencode({"ref": cut})) > MAX_QUERY_STRING:
        cut = cut[: len(cut) * 9 // 10].rsplit(" ", 1)[0]
    return cut


def _label(pairs: Pairs) -> str:
    """Write query pairs for a table: « word » and facet=value."""
    return ", ".join(f"« {v} »" if k == "q" else f"{k}={v}" for k, v in pairs)


def search_cases(t: Targets) -> list[Case]:
    """The search page and /api/search: one word, three words, facets, browse, a deep page."""
    searches: list[tuple[str, Pairs, str]] = [
        ("one word", (("q", t.word),), f"{t.totals['word']:,} hits"),
        ("several words", (("q", t.words),), f"{t.totals['words']:,} hits"),
        ("word + facets", (("q", t.word), *t.facets), f"{t.totals['facets']:,} hits"),
        ("empty browse", (), f"{t.totals['all']:,} hits"),
        ("place", (("q", t.place),), f"{t.totals['place']:,} hits"),
        ("territory facet", (("territory", t.territory),), f"{t.totals['territory']:,} hits"),
        (
            f"deep page {DEEP_PAGE}",
            (("q", t.word), ("page", str(DEEP_PAGE))),
            f"page {DEEP_PAGE} of {t.totals['word']:,} hits",
        ),
    ]
    cases = []
    # Distinct searches, uncached: each title word, then each pair of neighbours.
    queries = [*t.probed, *(f"{a} {b}" for a, b in zip(t.probed, t.probed[1:], strict=False))]
    for number, route in enumerate(("/search", "/api/search")):
        for label, pairs, note in searches:
            path = f"{route}?{urlencode(pairs)}" if pairs else route
            # FTS5 has no territories: the twin of a territory filter would be another search.
            twinned = route == "/api/search" and "territory" not in dict(pairs)
            twin = f"/api/search?{urlencode(pairs)}" if twinned else ""
            name = f"{label}: {_label(pairs) or '(no query)'}"
            cases.append(Case(route, name, path, twin=twin, note=note))
        mine = tuple(urlencode({"q": q}) for q in queries[number::2])  # none shared: no cache
        cases.append(
            Case(
                route,
                f"distinct searches, uncached: {len(mine)} words or pairs in turn",
                f"{route}?",
                twin="/api/search?" if route == "/api/search" else "",
                note="a new query every run: the result cache never answers",
                variants=mine,
            )
        )
    return cases


def entry_cases(t: Targets) -> list[Case]:
    """The entry page (with its similar entries) and its JSON."""
    entry = quote(t.entry_id)
    return [
        Case("/entry/<id>", f"entry {t.entry_id}", f"/entry/{entry}", note="with similar entries"),
        Case("/api/entries/<id>", f"entry {t.entry_id}", f"/api/entries/{entry}"),
    ]


def page_cases(t: Targets) -> list[Case]:
    """The other pages and their JSON: an entry's export, the map of territories (a
    région's départements too), a data-quality list (first and last page), the API's
    documentation."""
    entry = quote(t.entry_id)
    region = urlencode({"region": t.territory})
    last = f"?page={t.duplicate_pages}"
    return [
        Case("/entry/<id>/export/<fmt>", f"entry {t.entry_id}, ris", f"/entry/{entry}/export/ris"),
        Case("/territoires", "régions", "/territoires"),
        Case("/territoires", f"départements of {t.place}", f"/territoires?{region}"),
        Case("/api/territories", "régions", "/api/territories"),
        Case("/api/territories", f"départements of {t.place}", f"/api/territories?{region}"),
        Case("/coverage/<name>", f"{QUALITY_LIST}, page 1", f"/coverage/{QUALITY_LIST}"),
        Case(
            "/coverage/<name>",
            f"{QUALITY_LIST}, page {t.duplicate_pages}",
            f"/coverage/{QUALITY_LIST}{last}",
        ),
        Case("/api/coverage/<name>", f"{QUALITY_LIST}, page 1", f"/api/coverage/{QUALITY_LIST}"),
        Case("/api", "documentation", "/api"),
        Case("/api/openapi.json", "OpenAPI description", "/api/openapi.json"),
    ]


def check_cases(t: Targets) -> list[Case]:
    """The reference checks, HTML and JSON: a real title, and ~2,000 characters of text."""
    references = (
        (f"title ({len(t.title)} chars)", t.title),
        (f"titles + descriptions ({len(t.long_reference):,} chars)", t.long_reference),
    )
    return [
        Case(f"{route}?ref=", label, f"{route}?{urlencode({'ref': ref})}")
        for route in ("/check", "/api/check")
        for label, ref in references
    ]


def feed_cases(t: Targets) -> list[Case]:
    """The Atom feed of a search, and of the whole index (the newest 50 of every entry)."""
    return [
        Case("/search.atom", f"« {t.word} »", f"/search.atom?{urlencode({'q': t.word})}"),
        Case("/search.atom", "(no query)", "/search.atom", note=f"{t.totals['all']:,} hits"),
    ]


def facet_cases(t: Targets) -> list[Case]:
    """A facet's own page (« voir plus ») and its JSON: the publishers of the whole index,
    of a search, and filtered by a few letters of a value."""
    letters = dict(t.facets)["publisher"][:4]
    pages = (
        ("every entry", ()),
        (f"« {t.word} »", (("q", t.word),)),
        (f"every entry, filter « {letters} »", (("q_value", letters),)),
    )
    return [
        Case(f"{route}/publisher", label, f"{route}/publisher" + (f"?{urlencode(p)}" if p else ""))
        for route in ("/facets", "/api/facets")
        for label, p in pages
    ]


def export_cases(t: Targets) -> list[Case]:
    """Every export format, for a list of about 1,000 hits and for every hit."""
    lists = [
        (
            f"~{EXPORT_HITS:,} hits: {_label(t.export_pairs)}",
            urlencode(t.export_pairs),
            f"{t.totals['export']:,} hits",
        ),
        ("all hits (no query)", "", f"{t.totals['all']:,} hits"),
    ]
    return [
        Case(
            f"/export/{fmt}",
            label,
            f"/export/{fmt}" + (f"?{query}" if query else ""),
            export=True,
            note=note,
        )
        for fmt in EXPORT_FORMATS
        for label, query, note in lists
    ]


def coverage_cases() -> dict[str, list[Case]]:
    """The coverage page and its JSON, cold (first request of a fresh server) and warm."""
    return {
        state: [Case(route, state, route) for route in COVERAGE_ROUTES]
        for state in ("cold", "warm")
    }


def cli_cases(t: Targets, veille: list[str], root: Path) -> list[Case]:
    """The commands users run, each a whole process: stats, check, export, search."""
    index = ("--index-dir", str(root))
    commands = [
        ("veille stats", "coverage report", ("stats", *index)),
        ("veille check", f"title ({len(t.title)} chars)", ("check", t.title, *index)),
        (
            "veille export --format csv",
            "all hits (no query)",
            ("export", "--format", "csv", *index),
        ),
        ("veille search", f"« {t.word} »", ("search", t.word, *index)),
        (
            "veille search --territory",
            t.place,
            ("search", "--territory", t.territory, *index),
        ),
        (
            "veille stats --list",
            f"{QUALITY_LIST}, page 1",
            ("stats", "--list", QUALITY_LIST, *index),
        ),
    ]
    return [Case(route, case, argv=(*veille, *argv)) for route, case, argv in commands]
