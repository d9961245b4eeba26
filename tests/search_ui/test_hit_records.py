"""Every hit of a request as one stream: exports, the Atom feed and `veille export` read the
pages' own hits in their order, each stored record once, with no search per page and no
look-up by id, on a synthetic index of more than 3,000 shown entries.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from pathlib import Path

import feedparser
import pytest
from flask import Flask
from whoosh.reading import SegmentReader

from benchmarks.corpus import generate_corpus
from indexer.build.derived import Derived
from search_ui import cli
from search_ui.engine.criteria import MAX_PER_PAGE, SearchRequest, request_from_pairs
from search_ui.engine.search import SearchService
from search_ui.rendering.exports import csv_row
from search_ui.rendering.feeds import entry_tag
from search_ui.web.app import create_app
from search_ui.web.views.exports import FEED_LIMIT

from .issues import NOVEMBER_INDEXED, OCTOBER_INDEXED, build_at

ENTRIES = 3_600  # about 3,100 shown: the copies of an entry in several issues show once
WHOLE_LIST = 3_000
REQUESTS = {
    "browse": [],
    "oldest first": [("sort", "date")],
    "by title": [("sort", "title")],
    "ranked words": [("q", "innovation")],
    "words, newest first": [("q", "politiques publiques"), ("sort", "-date")],
    "a range Whoosh ranks": [("q", "2010..2016 ville")],
    "filtered": [("q", "territoires"), ("section", None)],  # the index's largest section
    "relaxed": [("q", "innovation zzzqqqxxx")],
}


@pytest.fixture(scope="module")
def big_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Index a synthetic corpus in two builds: most issues in October, the rest in November."""
    folder = tmp_path_factory.mktemp("hit-records")
    corpus = generate_corpus(ENTRIES, folder / "corpus", seed=5)
    issues, root = folder / "issues", folder / "index"
    issues.mkdir()
    later = len(corpus.files) * 3 // 4
    with pytest.MonkeyPatch.context() as monkeypatch:
        for batch, moment in ((corpus.files[:later], OCTOBER_INDEXED), (corpus.files, None)):
            for path in batch:
                shutil.copy(path, issues / path.name)
            build_at([issues], root, moment or NOVEMBER_INDEXED, monkeypatch)
    return root


@pytest.fixture(scope="module")
def big_service(big_root: Path) -> SearchService:
    """Return a search service on the synthetic index."""
    return SearchService(big_root)


@pytest.fixture(scope="module")
def big_app(big_root: Path) -> Flask:
    """Return the web app on the synthetic index."""
    return create_app({"TESTING": True, "INDEX_DIR": str(big_root), "BASE_URL": "http://localhost"})


@pytest.fixture
def probe(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Count searches, look-ups of an entry by id and stored records read, in any service."""
    calls: Counter = Counter()

    def count(owner: type, name: str) -> None:
        real = getattr(owner, name)

        def counted(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)

    count(SearchService, "search")
    count(SearchService, "entry")
    count(Derived, "document")
    count(SegmentReader, "stored_fields")  # what every reader of an index's records calls
    return calls


def request_named(service: SearchService, name: str) -> SearchRequest:
    """Build one of REQUESTS, a facet value left open taken from the index itself."""
    pairs = REQUESTS[name]
    if any(value is None for _, value in pairs):
        largest = service.search(SearchRequest()).facets["section"][0].value
        pairs = [(key, largest if value is None else value) for key, value in pairs]
    return request_from_pairs(pairs)


def paged_ids(service: SearchService, request: SearchRequest) -> list[str]:
    """Return the ids of a request's hits as its result pages show them, page after page,
    up to the partial matches (which exports and feeds leave out)."""
    ids: list[str] = []
    page = 1
    while True:
        result = service.search(request.with_changes(page=page, per_page=MAX_PER_PAGE))
        ids += [hit.id for hit in result.hits if not (hit.partial or hit.related)]
        if page >= result.pages or any(hit.partial for hit in result.hits):
            return ids
        page += 1


@pytest.mark.parametrize("name", REQUESTS)
def test_hit_records_are_the_pages_hits_in_their_order(big_service, probe, name):
    request = request_named(big_service, name)
    expected = paged_ids(big_service, request)
    relaxed = big_service.search(request).relaxed
    assert expected and relaxed == (name == "relaxed")
    probe.clear()
    hits = big_service.hit_records(request)
    assert (len(hits), hits.relaxed) == (len(expected), relaxed)
    assert probe == {}  # ranked, nothing read yet
    records = list(hits)
    assert [record["id"] for record in records] == expected
    assert probe == {"stored_fields": len(expected)}  # one pass, no search, no look-up by id
    for record in records[:: max(1, len(records) // 20)]:
        assert record == big_service.entry(record["id"])


def test_hit_records_are_read_one_at_a_time(big_service, probe):
    hits = big_service.hit_records(SearchRequest())
    assert len(hits) >= WHOLE_LIST
    stream = iter(hits)
    next(stream), next(stream)
    assert probe == {"stored_fields": 2}
    stream.close()


def test_a_csv_export_of_3000_hits_is_the_pages_hits_without_a_look_up(big_app, big_service, probe):
    ids = paged_ids(big_service, SearchRequest())
    assert len(ids) >= WHOLE_LIST
    expected = [csv_row(big_service.entry(entry_id), "http://localhost/") for entry_id in ids]
    probe.clear()
    response = big_app.test_client().get("/export/csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"), newline="")))
    assert rows[1:] == expected
    assert (probe["search"], probe["entry"], probe["document"]) == (0, 0, 0)
    assert probe["stored_fields"] == len(ids)


def test_veille_export_is_the_pages_hits_as_full_records(
    big_root, big_service, probe, capsysbinary
):
    request = request_named(big_service, "words, newest first")
    ids = paged_ids(big_service, request)
    expected = [big_service.entry(entry_id) for entry_id in ids]
    probe.clear()
    args = ["export", "--format", "json", "politiques", "publiques", "--sort", "-date"]
    assert cli.main([*args, "--index-dir", str(big_root)]) == 0
    assert json.loads(capsysbinary.readouterr().out) == expected
    assert (probe["search"], probe["entry"], probe["document"]) == (0, 0, 0)
    assert probe["stored_fields"] == len(ids)


def test_the_feed_holds_the_latest_additions_among_every_hit(big_app, big_service, probe):
    ids = paged_ids(big_service, request_from_pairs([("q", "innovation")]))
    records = [big_service.entry(entry_id) for entry_id in ids]
    newest = sorted(records, key=lambda r: (-r["added"], r["file"], r["line"]))[:FEED_LIMIT]
    assert {r["added"] for r in records} == {OCTOBER_INDEXED, NOVEMBER_INDEXED}
    probe.clear()
    parsed = feedparser.parse(big_app.test_client().get("/search.atom?q=innovation").data)
    assert [entry.id for entry in parsed.entries] == [entry_tag(r["id"]) for r in newest]
    assert (probe["search"], probe["entry"], probe["document"]) == (0, 0, 0)
    assert probe["stored_fields"] == len(newest) == FEED_LIMIT < len(ids)  # the newest only
