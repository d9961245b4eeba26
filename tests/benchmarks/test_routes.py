"""Smoke test of the route benchmark: every route and command answered on a tiny corpus.

No timing assertions (figures depend on the machine): that every case ran, answered 200
(exit 0 for commands) with a body, and that the section and the JSON were written.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from benchmarks import route_report, routes
from benchmarks.child import veille_serve
from benchmarks.report import ROUTES_BEGIN, ROUTES_END
from benchmarks.route_cases import Case, long_reference
from benchmarks.route_timing import Plan, Server, fetch, run_cases
from search_ui.engine.check import MAX_REFERENCE_LENGTH
from search_ui.rendering.exports import EXPORT_FORMATS
from search_ui.web.app import create_app

ROUTES = {
    "/search",
    "/api/search",
    "/entry/<id>",
    "/api/entries/<id>",
    "/coverage",
    "/api/coverage",
    "/check?ref=",
    "/api/check?ref=",
    "/search.atom",
    "/facets/publisher",
    "/api/facets/publisher",
    *(f"/export/{fmt}" for fmt in EXPORT_FORMATS),
    "/entry/<id>/export/<fmt>",
    "/territoires",
    "/api/territories",
    "/coverage/<name>",
    "/api/coverage/<name>",
    "/api",
    "/api/openapi.json",
    "veille stats",
    "veille stats --list",
    "veille check",
    "veille export --format csv",
    "veille search",
    "veille search --territory",
}
# How the table names a URL rule of the app: one row per export format, the publishers'
# facet for any facet, the checks with their parameter.
NAMED = {"<entry_id>": "<id>", "<facet>": "publisher"}
NOT_TIMED = {"/", "/static/<path:filename>"}  # a redirect to /search; files served as is


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run the benchmark once on 150 entries, 1 run, into a RESULTS.md that has other sections."""
    out = tmp_path_factory.mktemp("routes")
    (out / "RESULTS.md").write_text(
        "# veille benchmarks\n\nkept\n\n<!-- load:begin -->\nload figures\n<!-- load:end -->\n",
        "utf-8",
    )
    argv = ["--sizes", "150", "--runs", "1", "--work", str(out / "work"), "--out", str(out)]
    assert routes.main(argv) == 0
    results = json.loads((out / "routes.json").read_text("utf-8"))
    return {"out": out, "results": results, "data": results["sizes"]["150"]}


def test_every_route_and_command_answered(run: dict[str, Any]) -> None:
    rows = run["data"]["cases"]
    assert {row["route"] for row in rows} == ROUTES
    for row in rows:
        expected = [0] if row["kind"] == "cli" else [200]
        assert row["statuses"] == expected, row
        assert not row["timed_out"], row
        assert row["bytes"] > 0, row
        assert len(row["samples_ms"]) == 1, row
        assert row["ms"]["median"] > 0, row


def test_every_url_of_the_app_is_timed(tmp_path) -> None:
    app = create_app({"INDEX_DIR": str(tmp_path)})
    timed = set()
    for rule in {rule.rule for rule in app.url_map.iter_rules()} - NOT_TIMED:
        for written, named in NAMED.items():
            rule = rule.replace(written, named)
        if rule == "/export/<fmt>":
            timed |= {f"/export/{fmt}" for fmt in EXPORT_FORMATS}
        else:
            timed.add(rule + "?ref=" if rule.endswith("/check") else rule)
    assert timed == {route for route in ROUTES if route.startswith("/")}


def test_coverage_measured_cold_and_warm(run: dict[str, Any]) -> None:
    kinds = {(r["route"], r["case"]): r["kind"] for r in run["data"]["cases"]}
    for route in ("/coverage", "/api/coverage"):
        assert kinds[(route, "cold")] == "cold" and kinds[(route, "warm")] == "http"


def test_searches_have_their_fts5_twin(run: dict[str, Any]) -> None:
    api = [row for row in run["data"]["cases"] if row["route"] == "/api/search"]
    twinned = [row for row in api if "territory=" not in row["path"]]  # FTS5 has no places
    assert len(api) == 8 and len(twinned) == 7
    assert all(row["fts5"]["statuses"] == [200] and row["fts5"]["samples_ms"] for row in twinned)
    assert not any("fts5" in row for row in run["data"]["cases"] if row["route"] == "/search")


def test_distinct_searches_ask_a_new_query_every_run() -> None:
    case = Case("/search", "distinct", "/search?", variants=("q=a", "q=b"))
    assert [case.next_path(run) for run in range(3)] == [
        "/search?q=a",
        "/search?q=b",
        "/search?q=a",
    ]
    assert Case("/search", "one", "/search?q=a").next_path(5) == "/search?q=a"


def test_exports_weigh_the_server(run: dict[str, Any]) -> None:
    exports = [row for row in run["data"]["cases"] if row["route"].startswith("/export/")]
    assert len(exports) == 2 * len(EXPORT_FORMATS)
    assert all(len(row["rss_growth_mb"]) == 2 for row in exports)
    servers = run["data"]["servers"]
    assert servers["exports_mb"] >= servers["pages_mb"] > 0


def test_section_written_once_with_every_route(run: dict[str, Any]) -> None:
    text = (run["out"] / "RESULTS.md").read_text("utf-8")
    assert text.startswith("# veille benchmarks\n\nkept\n") and "load figures" in text
    assert text.count(ROUTES_BEGIN) == 1 and text.count(ROUTES_END) == 1
    section = text[text.index(ROUTES_BEGIN) : text.index(ROUTES_END)]
    assert "### 150 entries" in section and "Commit:" in section and "Machine:" in section
    assert all(f"| `{route}` |" in section for route in ROUTES)
    route_report.write(run["results"], run["out"])  # a new run replaces the section
    assert (run["out"] / "RESULTS.md").read_text("utf-8") == text


def test_a_timed_out_request_restarts_the_server(run: dict[str, Any]) -> None:
    root = run["out"] / "work" / "150" / "index"
    cases = [
        Case("/api/coverage", "cold", "/api/coverage"),
        Case("/api/search", "x", "/api/search"),
    ]
    with Server(lambda port: veille_serve(root, port), run["out"] / "timeout.log") as server:
        pids = [server.pid]

        def attempt(case: Case):
            deadline = 0.001 if "coverage" in case.path else 60
            return fetch(server.base, case.path, deadline)

        def restart() -> None:
            server.restart()
            pids.append(server.pid)

        outcomes = run_cases(cases, attempt, Plan(1), restart)
    assert outcomes[cases[0]].timed_out and not outcomes[cases[0]].runs
    assert len(pids) == 2 and pids[0] != pids[1]
    assert [a.status for a in outcomes[cases[1]].runs] == [200]


def test_a_timeout_reads_as_such_in_the_table(run: dict[str, Any]) -> None:
    results = json.loads(json.dumps(run["results"]))
    row = results["sizes"]["150"]["cases"][0]
    row |= {"timed_out": True, "samples_ms": [], "first_ms": None}
    assert "| timeout (> 60 s) | — |" in route_report.section(results)


def test_long_reference_stays_within_the_limit() -> None:
    records = [{"title": f"Titre {n}", "description": "mot " * 100} for n in range(20)]
    reference = long_reference(records)
    assert MAX_REFERENCE_LENGTH - 10 <= len(reference) <= MAX_REFERENCE_LENGTH
    assert not reference.endswith(" ") and reference.startswith("Titre 0. mot")
