"""The Atom feed: valid Atom 1.0 read by feedparser, newest additions first, moving on."""

from __future__ import annotations

import shutil
import time
from xml.etree import ElementTree as ET

import feedparser

from search_ui.engine.search import SearchService
from search_ui.rendering.feeds import ATOM_NS, atom_feed, entry_tag

from .issues import NOVEMBER_INDEXED, OCTOBER_INDEXED, build_at, second_issue

SELF = "https://veille.example.org/search.atom?q=innovation"
ALTERNATE = "https://veille.example.org/search?q=innovation"


def parse(feed: str) -> feedparser.FeedParserDict:
    """Parse a feed and insist that it is well-formed Atom 1.0."""
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_feed_of_the_seed_is_valid_atom(service):
    records = service.all_records()
    feed = atom_feed(records, "Veille — innovation", SELF, ALTERNATE)
    parsed = parse(feed)
    assert parsed.feed.title == "Veille — innovation"
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": SELF,
        "alternate": ALTERNATE,
    }
    assert len(parsed.entries) == len(records)
    for entry in parsed.entries:
        assert entry.id.startswith("tag:veille,2018:entry/")
        entry_id = entry.id.rsplit("/", 1)[1]
        assert entry.link == f"https://veille.example.org/entry/{entry_id}"
        assert entry.title and entry.updated_parsed
    newest = max(record["added"] for record in records)
    assert parsed.feed.updated_parsed == time.gmtime(newest)


def test_entry_carries_authors_categories_and_an_escaped_summary(records):
    record = next(r for r in records if r["id"] == "ac6c467d13a4") | {"added": OCTOBER_INDEXED}
    record["description"] += " <script>alert(1)</script> & co"
    feed = atom_feed([record], "t", SELF, ALTERNATE, entry_url=lambda i: f"https://x.test/e/{i}")
    assert "<script>" not in feed and "&lt;script&gt;" in feed
    entry = parse(feed).entries[0]
    assert entry.id == entry_tag("ac6c467d13a4") == "tag:veille,2018:entry/ac6c467d13a4"
    assert entry.link == "https://x.test/e/ac6c467d13a4"
    assert [author.name for author in entry.authors] == ["Weller Jean-Marc", "Pallez Frédérique"]
    assert {tag.term for tag in entry.tags} >= {"article", "Le design de services publics"}
    assert entry.updated == "2018-10-20T01:46:40Z"
    summary = ET.fromstring(feed).find(f"{{{ATOM_NS}}}entry/{{{ATOM_NS}}}summary")
    assert summary is not None and summary.get("type") == "text"
    assert summary.text.endswith("<script>alert(1)</script> & co")
    assert summary.text.startswith("Sciences du Design, 2017/1 (n° 5), p. 32-51")


def test_publishers_author_an_entry_without_people(records):
    record = next(r for r in records if r["id"] == "597227c684bf") | {"added": OCTOBER_INDEXED}
    entry = parse(atom_feed([record], "t", SELF, ALTERNATE)).entries[0]
    assert [author.name for author in entry.authors] == [
        "Département de Loire-Atlantique",
        "La Documentation française",
    ]


def test_a_new_issue_comes_first_and_moves_updated(tmp_path, seed_path, seed_text, monkeypatch):
    issues, root = tmp_path / "issues", tmp_path / "index"
    issues.mkdir()
    shutil.copy(seed_path, issues / seed_path.name)
    build_at([issues], root, OCTOBER_INDEXED, monkeypatch)
    service = SearchService(root)
    before = parse(atom_feed(service.all_records(), "Veille", SELF, ALTERNATE))
    assert before.feed.updated == "2018-10-20T01:46:40Z"

    (issues / "2018-11_hors-serie-3.txt").write_text(second_issue(seed_text), encoding="utf-8")
    build_at([issues], root, NOVEMBER_INDEXED, monkeypatch)
    records = service.all_records()
    fresh = {r["id"] for r in records if r["issue"].endswith("Hors-Série #3 — novembre 2018")}
    after = parse(atom_feed(records, "Veille", SELF, ALTERNATE))

    assert len(fresh) >= 5
    assert after.feed.updated == "2018-11-12T05:20:00Z"
    ids = [entry.id for entry in after.entries]
    assert set(ids[: len(fresh)]) == {entry_tag(i) for i in fresh}
    assert ids[len(fresh) :] == [entry.id for entry in before.entries]  # old ids are stable
    assert after.entries[0].title == "L'innovation publique en débat"  # issue order within one


def test_limit_keeps_the_newest(records):
    dated = [r | {"added": OCTOBER_INDEXED + n} for n, r in enumerate(records)]
    parsed = parse(atom_feed(dated, "t", SELF, ALTERNATE, limit=3))
    assert [e.id for e in parsed.entries] == [entry_tag(r["id"]) for r in dated[::-1][:3]]
