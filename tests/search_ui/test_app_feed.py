"""Alerts through the routes: /search.atom read by feedparser, the feed link, COinS spans."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs

import feedparser
import pytest

from search_ui.engine.search import SearchService
from search_ui.rendering.feeds import entry_tag
from search_ui.web.app import create_app
from search_ui.web.views.exports import FEED_LIMIT

from .html import soup
from .issues import NOVEMBER_INDEXED, OCTOBER_INDEXED, SECOND_ISSUE, build_at, second_issue


def feed(client, url: str) -> feedparser.FeedParserDict:
    """Fetch a feed route and parse it, insisting on well-formed Atom 1.0."""
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_feed_of_a_search_holds_its_hits_with_self_and_alternate_links(client):
    parsed = feed(client, "/search.atom?q=design&type=article")
    hits = client.get("/api/search?q=design&type=article&per_page=100").json["hits"]
    whole = [hit for hit in hits if not hit["partial"] and not hit["related"]]
    assert len(whole) < len(hits)  # the feed leaves out the related entries after them
    assert {e.id for e in parsed.entries} == {entry_tag(hit["id"]) for hit in whole}
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {
        "self": "http://localhost/search.atom?q=design&type=article",
        "alternate": "http://localhost/search?q=design&type=article",
    }
    assert parsed.feed.title == "Veille & territoires — « design », Type de document : article"
    for entry in parsed.entries:
        assert entry.link == f"http://localhost/entry/{entry.id.rsplit('/', 1)[1]}"


def test_feed_is_limited_to_the_latest_additions(client, records):
    parsed = feed(client, "/search.atom?page=3&per_page=5")
    assert len(records) > FEED_LIMIT
    assert len(parsed.entries) == FEED_LIMIT
    assert {link.rel: link.href for link in parsed.feed.links}["self"] == (
        "http://localhost/search.atom"  # page and page size mean nothing to a feed
    )
    assert parsed.feed.title == "Veille & territoires — toutes les entrées"


def test_a_query_found_only_approximately_gives_an_empty_feed(client):
    assert client.get("/api/search?q=innovation+zzzqqqxxx").json["relaxed"]
    assert feed(client, "/search.atom?q=innovation+zzzqqqxxx").entries == []


def test_bad_parameters_of_a_feed_get_400(client):
    assert client.get("/search.atom?year=18").status_code == 400


def test_search_page_announces_its_feed(client):
    page = soup(client.get("/search?q=innovation&type=rapport&page=2"))
    alternate = page.find("link", rel="alternate", type="application/atom+xml")
    visible = page.find("a", class_="feed-link")
    assert visible.get_text(strip=True) == "S'abonner (Atom)"
    assert alternate["href"] == visible["href"]
    path, _, query = alternate["href"].partition("?")
    assert path == "/search.atom"
    assert parse_qs(query) == {"q": ["innovation"], "type": ["rapport"]}
    assert client.get(alternate["href"]).status_code == 200


def test_every_hit_carries_an_empty_coins_span(client):
    response = client.get("/search?q=innovation")
    page = soup(response)
    hits = page.select("li.hit")
    spans = page.select("li.hit span.Z3988")
    assert len(spans) == len(hits) == 20
    for hit, span in zip(hits, spans, strict=True):
        assert span.get_text() == "" and not span.contents
        context = parse_qs(span["title"])
        assert context["ctx_ver"] == ["Z39.88-2004"]
        assert context["rft_id"] == [f"http://localhost/entry/{hit['data-id']}"]
        title = context.get("rft.atitle") or context.get("rft.btitle") or context["rft.title"]
        assert title == [hit.select_one(".hit-title").get_text()]
    # plain HTML: the Content-Security-Policy has nothing to refuse
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_entry_page_carries_one_coins_span(client):
    page = soup(client.get("/entry/ac6c467d13a4"))
    (span,) = page.select("span.Z3988")
    context = parse_qs(span["title"])
    assert context["rft.atitle"] == [page.h1.get_text()]
    assert context["rft.aulast"] == ["Weller"]
    assert context["rft.date"] == ["2017"]


def test_feed_changes_when_a_new_issue_is_indexed(tmp_path, seed_path, seed_text, monkeypatch):
    issues, root = tmp_path / "issues", tmp_path / "index"
    issues.mkdir()
    (issues / seed_path.name).write_text(seed_text, encoding="utf-8")
    build_at([issues], root, OCTOBER_INDEXED, monkeypatch)
    client = create_app({"TESTING": True, "INDEX_DIR": str(root)}).test_client()
    before = feed(client, "/search.atom?q=innovation")
    assert before.feed.updated == "2018-10-20T01:46:40Z"

    second = second_issue(seed_text, sections=2, retitled=1)
    (issues / "2018-11_hors-serie-3.txt").write_text(second, encoding="utf-8")
    build_at([issues], root, NOVEMBER_INDEXED, monkeypatch)
    after = feed(client, "/search.atom?q=innovation")  # the same app sees the new generation
    assert after.feed.title == before.feed.title
    assert after.feed.updated == "2018-11-12T05:20:00Z"
    fresh = [e for e in after.entries if any(t.term == SECOND_ISSUE for t in e.tags)]
    assert fresh, "the new issue's entries about innovation are in the feed"
    assert after.entries[: len(fresh)] == fresh  # newest additions first
    assert all(e.updated == "2018-11-12T05:20:00Z" for e in fresh)
    old = {e.id for e in before.entries}
    assert {e.id for e in after.entries[len(fresh) :]} <= old


def test_two_issues_show_in_the_issue_facet_with_their_counts(two_issues_index_dir: Path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(two_issues_index_dir)}).test_client()
    counts = Counter(r["issue"] for r in SearchService(two_issues_index_dir).all_records())
    assert len(counts) == 2 and counts[SECOND_ISSUE] >= 10
    page = soup(client.get("/search"))
    facet = page.select_one("#facette-issue")
    assert facet.legend.get_text() == "Numéro"
    shown = {
        box["data-value"]: int(box.find_parent("label").select_one("[data-count]")["data-count"])
        for box in facet.select("input[data-facet=issue]")
    }
    assert shown == counts
    second = client.get("/api/search", query_string={"issue": SECOND_ISSUE, "per_page": 100}).json
    assert second["total"] == counts[SECOND_ISSUE]
    assert {hit["issue"] for hit in second["hits"]} == {SECOND_ISSUE}


@pytest.mark.parametrize("url", ["/search.atom", "/search.atom?q=design"])
def test_feed_of_two_issues_puts_the_new_issue_first(two_issues_index_dir, url):
    client = create_app({"TESTING": True, "INDEX_DIR": str(two_issues_index_dir)}).test_client()
    parsed = feed(client, url)
    issues = [next(t.term for t in e.tags if t.scheme.endswith(":issue")) for e in parsed.entries]
    fresh = issues.count(SECOND_ISSUE)
    assert fresh > 0
    assert issues[:fresh] == [SECOND_ISSUE] * fresh


def test_feed_of_every_entry_is_the_latest_additions_in_issue_order(two_issues_index_dir):
    client = create_app({"TESTING": True, "INDEX_DIR": str(two_issues_index_dir)}).test_client()
    shown = client.get("/api/search?per_page=100").json  # one entry of each group of copies
    assert shown["total"] <= 100
    shown_ids = {hit["id"] for hit in shown["hits"]}
    records = [r for r in SearchService(two_issues_index_dir).all_records() if r["id"] in shown_ids]
    assert len(records) > FEED_LIMIT and len({r["added"] for r in records}) == 2
    newest = sorted(records, key=lambda r: (-r["added"], r["file"], r["line"]))[:FEED_LIMIT]
    parsed = feed(client, "/search.atom")
    assert [e.id for e in parsed.entries] == [entry_tag(r["id"]) for r in newest]


def test_a_copy_in_another_issue_is_named_on_the_hit(two_issues_index_dir):
    client = create_app({"TESTING": True, "INDEX_DIR": str(two_issues_index_dir)}).test_client()
    copies = {
        r["issue"]: r["id"]
        for r in SearchService(two_issues_index_dir).all_records()
        if r["title"] == "L'innovation publique en débat"
    }
    assert len(copies) == 2
    page = soup(client.get("/search?q=title:débat"))
    hit = page.select_one("li.hit")
    (link,) = hit.select(".hit-also a")
    other = next(issue for issue, entry_id in copies.items() if entry_id != hit["data-id"])
    assert (link.get_text(), link["href"]) == (other, f"/entry/{copies[other]}")
