"""Hostile requests, fuzzed: every route and every parameter answers 200, 400 or 404, fast.

Unicode of every plane, control characters and NUL, 100 kB strings, unbalanced quotes and
brackets, `field:` on unknown fields, wildcards anywhere, huge and negative numbers,
repeated parameters, bytes that are not UTF-8: never a 500, never a traceback, always the
security headers, and each answer within a bounded amount of work.
"""

from __future__ import annotations

import http.client
import re
import time
from pathlib import Path
from urllib.parse import quote, quote_from_bytes, unquote, urlencode, urlsplit

import pytest
from flask import Flask
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from search_ui.engine.criteria import (
    DEFAULT_PER_PAGE,
    FACET_PARAMS,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    MAX_QUERY_STRING,
    MAX_RESULT_DEPTH,
    MAX_VALUE_LENGTH,
    MAX_VALUES_PER_FACET,
    YEAR_RANGE,
)
from search_ui.engine.querying import MAX_EXPANSIONS, MIN_WILDCARD_PREFIX
from search_ui.web.app import create_app
from search_ui.web.security import HEADERS

CPU_LIMIT = 2.0  # seconds of this thread's CPU for one request through the test client
WALL_LIMIT = 10.0  # seconds for one request to the real server, whatever else runs
ANSWERS = {200, 400, 404}
# Werkzeug merges repeated slashes ("/entry//x", from an encoded "/" in an id) by a redirect.
MERGED_SLASHES = 308
LEAKS = ("Traceback", 'File "', "site-packages", "/work/", "Errno")

PARAMS = ("q", *FACET_PARAMS, "from", "to", "sort", "page", "per_page", "ref")
VOCABULARY = (
    "innovation", "publique", "territoires", "design", "tiers-lieux", "co-construction",
    "laboratoire", "évaluation", "l'innovation", "d'agences", "FNAU", "CGET", "27e Région",
    "2018", "2016..2018", "title:design", "author:Rican", "publisher:IAU", "type:rapport",
    "section:Agenda", "year:2017", "inconnu:valeur", "foo:", "title:", ":", "::",
)  # fmt: skip
SYNTAX = (
    '"', "'", "(", ")", "[", "]", "{", "}", "*", "?", "-", "+", "^", "~", "AND", "OR",
    "NOT", "ANDNOT", "ANDMAYBE", "TO", "..", "\\", "/", "^2", "~2", "*?*",
)  # fmt: skip
NASTY = (
    "", " ", "\x00", "a\x00b", "\x1b[31m", "\r\n", "\t", "\x7f", "\x85", "\u202e", "\ufeff",
    "\u200b", "\U0010ffff", "\U0001f600", "\uffff", "𝕚𝕟𝕟𝕠𝕧𝕒𝕥𝕚𝕠𝕟", "ﬁ", "Ⅻ",
    "*", "?", "**", "a*", "*a", "in*", "*in*", "in?o*", "?nnovation", "innovatio?", "in*n",
    "-*", "title:*", "auteur:*", "year:abc", "year:[", "year:[1 TO 99999999999999999999]",
    "[a TO z]", "{a TO}", '"unbalanced', "((a)", "a))", "a~99", "a^99999999999", "2016..",
    "0", "-1", "-99999999999", "99999999999999999999999", "1e9", "1_000", "١٢", "²⁰¹⁸", "NaN",
    "inf", " 2 ", "0x10", "relevance", "-date", "date", "title", "csv", "json", "bibtex",
    "ris", "csljson", "../../etc/passwd", "..%2F..%2Fapp.py", "%00", "<script>alert(1)</script>",
    "{{ 7*7 }}", "{% raw %}", "=HYPERLINK(\"x\")", "@SUM(A1)", "javascript:alert(1)",
)  # fmt: skip
BIG = ("a" * 100_000, "é" * 50_000, "(" * 100_000, "*" * 100_000, "a* " * 30_000, "x" * 501)


def with_wildcard(word: str, position: int, wildcard: str) -> str:
    """Put a wildcard at some position of a word."""
    position %= len(word) + 1
    return word[:position] + wildcard + word[position:]


words = st.sampled_from(VOCABULARY) | st.builds(
    with_wildcard, st.sampled_from(VOCABULARY[:12]), st.integers(0, 30), st.sampled_from("*?")
)
queries = st.lists(words | st.sampled_from(SYNTAX), max_size=12).map(" ".join)
texts = (
    st.sampled_from(NASTY)
    | st.text(max_size=300)  # every plane but the surrogates, which no URL can carry
    | st.text(st.characters(max_codepoint=0x9F, categories=("Cc",)), max_size=20)
    | queries
    | st.integers().map(str)
)
values = texts | st.sampled_from(BIG)
names = st.sampled_from(PARAMS) | st.text(max_size=12)
pairs = st.lists(st.tuples(names, values), max_size=10)
search_pairs = st.lists(st.tuples(st.sampled_from(PARAMS), texts), max_size=10)


@pytest.fixture(scope="module")
def app(seed_index) -> Flask:
    """Return the app on the seed's index, answering crashes with 500 as in production."""
    return create_app({"INDEX_DIR": str(seed_index)})


ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def get_routes(app: Flask) -> list[tuple[str, int]]:
    """Return every GET route of the app with the number of its URL arguments."""
    rules = [rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods]
    return sorted((rule, len(ARGUMENT.findall(rule))) for rule in rules)


def url_for_route(rule: str, segments: list[str]) -> str:
    """Write a route's URL with hostile values for its arguments, percent-encoded."""
    values = iter(segments)
    return ARGUMENT.sub(lambda _: quote(next(values), safe=""), rule)


def url_path(url: str) -> str:
    """Return the decoded path of a URL, as the server routes it."""
    return unquote(url.split("?", 1)[0], errors="replace")


def local(location: str) -> bool:
    """Tell whether a redirect stays on this site (no other host, no scheme trick)."""
    parts = urlsplit(location)
    return parts.netloc in ("", "localhost", "127.0.0.1") or parts.hostname == "127.0.0.1"


def check(response, url: str, elapsed: float, limit: float) -> None:
    """Fail unless the answer is a bounded, leak-free 200, 400 or 404 with our headers."""
    status = response.status_code
    if currently_in_test_context():
        event(f"status {status}")  # shown by --hypothesis-show-statistics
    body = response.get_data(as_text=True)
    if status == MERGED_SLASHES:
        assert "//" in url_path(url) and local(response.headers["Location"]), url[:300]
        return
    assert status in ANSWERS, (url[:300], status, body[:500])
    assert elapsed < limit, (url[:300], elapsed)
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (url[:300], name)
    if status != 200:
        assert not any(leak in body for leak in LEAKS), (url[:300], body[:500])
        if response.mimetype == "application/json":
            assert response.json["error"], url[:300]
        else:
            assert response.mimetype == "text/html", url[:300]
            assert 'lang="fr"' in body


def fetch(app: Flask, url: str):
    """GET a URL through the test client; return the response and the CPU time it took."""
    client = app.test_client()
    started = time.thread_time()
    response = client.get(url)
    return response, time.thread_time() - started


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(["/search", "/api/search"]), params=search_pairs)
def test_search_parameters_fuzzed(app: Flask, path: str, params: list[tuple[str, str]]) -> None:
    url = f"{path}?{urlencode(params)}"
    response, elapsed = fetch(app, url)
    check(response, url, elapsed, CPU_LIMIT)
    q = [value for name, value in params if name == "q" and value.strip()]
    if response.status_code == 200 and path == "/api/search" and q:
        assert len(response.json["query"]) <= MAX_QUERY_LENGTH
        assert not any(ord(c) < 32 for c in response.json["query"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    q=queries | texts,
    sort=st.sampled_from(["", "relevance", "-date", "date", "title"]),
    page=st.integers(1, 3),
)
def test_queries_fuzzed(app: Flask, q: str, sort: str, page: int) -> None:
    url = f"/api/search?{urlencode({'q': q, 'sort': sort, 'page': page})}"
    response, elapsed = fetch(app, url)
    check(response, url, elapsed, CPU_LIMIT)
    if len(" ".join(q.split())) <= MAX_QUERY_LENGTH:
        assert response.status_code == 200, q
        answer = response.json
        assert answer["total"] >= 0 and len(answer["hits"]) <= answer["per_page"]
        for hit in answer["hits"]:
            assert not re.search(r"<(?!/?mark>)", hit["snippet"]), hit["snippet"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_route_fuzzed(app: Flask, data: st.DataObject) -> None:
    rule, arguments = data.draw(st.sampled_from(get_routes(app)), label="route")
    segments = data.draw(st.lists(values, min_size=arguments, max_size=arguments))
    params = data.draw(pairs, label="params")
    url = url_for_route(rule, segments) + (f"?{urlencode(params)}" if params else "")
    response, elapsed = fetch(app, url)
    check(response, url, elapsed, CPU_LIMIT)
    response.close()


@settings(max_examples=100, deadline=None)
@given(name=st.sampled_from(PARAMS), raw=st.binary(max_size=200), extra=st.binary(max_size=40))
def test_bytes_that_are_not_utf8_in_the_query_string(
    app: Flask, name: str, raw: bytes, extra: bytes
) -> None:
    url = f"/api/search?{name}={quote_from_bytes(raw)}&{quote_from_bytes(extra)}"
    response, elapsed = fetch(app, url)
    check(response, url, elapsed, CPU_LIMIT)


LIMITS = {
    "query-at-limit": (f"/search?q={'a' * MAX_QUERY_LENGTH}", 200),
    "query": (f"/search?q={'a' * (MAX_QUERY_LENGTH + 1)}", 400),
    "values": (
        "/search?" + "&".join([f"section={n}" for n in range(MAX_VALUES_PER_FACET + 1)]),
        400,
    ),
    "value": (f"/search?section={'x' * (MAX_VALUE_LENGTH + 1)}", 400),
    "depth": (f"/search?page={MAX_RESULT_DEPTH // 20 + 1}", 400),
    "depth-at-limit": (f"/search?page={MAX_RESULT_DEPTH // 20}", 200),
    "per-page": (f"/search?per_page={MAX_PER_PAGE + 1}", 400),
    "url": (f"/search?q=a&x={'a' * MAX_QUERY_STRING}", 400),
    "params": ("/api/search?" + "&".join(["z=1"] * 5000), 400),
    "negative": ("/api/search?page=-1", 400),
    "huge": ("/api/search?from=99999999999999999999&to=1", 400),
    "wildcards": ("/api/search?q=" + quote(" ".join(["in*"] * 120)), 200),
}


@pytest.mark.parametrize("case", LIMITS)
def test_limits_are_enforced_politely(app: Flask, case: str) -> None:
    url, status = LIMITS[case]
    response, elapsed = fetch(app, url)
    check(response, url, elapsed, CPU_LIMIT)
    assert response.status_code == status


def test_limits_are_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    limits = readme.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    for value in (
        MAX_QUERY_LENGTH,
        MAX_QUERY_STRING,
        MAX_PER_PAGE,
        DEFAULT_PER_PAGE,
        MAX_RESULT_DEPTH,
        MAX_VALUES_PER_FACET,
        MAX_VALUE_LENGTH,
        *YEAR_RANGE,
        MAX_EXPANSIONS,
    ):
        assert re.search(rf"\b{value}\b", limits), value
    assert f"needs {MIN_WILDCARD_PREFIX} characters" in limits


def test_control_characters_are_read_as_spaces(app: Flask) -> None:
    client = app.test_client()
    plain = client.get("/api/search", query_string={"q": "innovation publique"}).json
    dirty = client.get("/api/search", query_string={"q": "innovation\x00\x1b\x07publique"}).json
    assert dirty["query"] == "innovation publique"
    assert dirty["total"] == plain["total"] > 0
    assert [hit["id"] for hit in dirty["hits"]] == [hit["id"] for hit in plain["hits"]]


# -- the same against waitress ---------------------------------------------------------------


@pytest.fixture(scope="module")
def live(seed_index, tmp_path_factory):
    """Serve the seed's index with the real `veille serve` for this module."""
    from .conftest import serving

    with serving(seed_index, tmp_path_factory.mktemp("live")) as server:
        yield server


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_real_server_fuzzed(live, app: Flask, data: st.DataObject) -> None:
    rule, arguments = data.draw(st.sampled_from(get_routes(app)), label="route")
    segments = data.draw(st.lists(texts, min_size=arguments, max_size=arguments))
    params = data.draw(search_pairs, label="params")
    raw = data.draw(st.binary(max_size=30), label="raw bytes")
    url = url_for_route(rule, segments) + f"?{urlencode(params)}&q={quote_from_bytes(raw)}"
    connection = http.client.HTTPConnection(live.host, live.port, timeout=30)
    try:
        started = time.monotonic()
        connection.request("GET", url)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        elapsed = time.monotonic() - started
    finally:
        connection.close()
    if response.status == MERGED_SLASHES:
        assert "//" in url_path(url) and local(response.getheader("Location")), url[:300]
        return
    assert response.status in ANSWERS, (url[:300], response.status, body[:300])
    assert elapsed < WALL_LIMIT, (url[:300], elapsed)
    for name, value in HEADERS.items():
        assert response.getheader(name) == value, (url[:300], name)
    assert not any(leak in body for leak in LEAKS) or response.status == 200, body[:300]


@pytest.mark.parametrize(
    "path",
    [
        b"/entry/\x00",
        b"/search?q=\x00\x01",
        b"/entry/../../etc/passwd",
        b"/static/../app.py",
        b"/static/..%2f..%2fsearch_ui%2fapp.py",
        b"/entry/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        b"/api/entries/a%2Fb%00c",
        b"/search?q=%FF%FE%ED%A0%80",
        b"/" + b"a" * 60_000,
    ],
)
def test_raw_request_lines_never_crash_waitress(live, path: bytes) -> None:
    connection = http.client.HTTPConnection(live.host, live.port, timeout=30)
    try:
        connection.putrequest("GET", "/", skip_host=True)  # replaced by the raw line below
        connection._buffer[0] = b"GET " + path + b" HTTP/1.1"
        connection.putheader("Host", f"{live.host}:{live.port}")
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status in {*ANSWERS, 414, 431}, (path[:80], response.status)
    assert b"root:" not in body and b"create_app" not in body and b"Traceback" not in body
