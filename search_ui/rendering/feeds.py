"""Alerts: an Atom 1.0 feed of entry records, newest additions to the index first."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

from indexer.extraction.printable import printable
from search_ui.rendering.bibliographic import citation_type, responsible

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_MIME = "application/atom+xml; charset=utf-8"
TAG_PREFIX = "tag:veille,2018:"
CATEGORY_SCHEMES = {
    "doc_type": TAG_PREFIX + "type",
    "section": TAG_PREFIX + "section",
    "issue": TAG_PREFIX + "issue",
}

Record = dict[str, Any]


def entry_tag(entry_id: str) -> str:
    """Return the permanent Atom id of an entry: "tag:veille,2018:entry/<id>"."""
    return f"{TAG_PREFIX}entry/{entry_id}"


def _timestamp(moment: datetime | int | float) -> str:
    """Write a moment (a datetime or epoch seconds) as an RFC 3339 UTC date-time."""
    if not isinstance(moment, datetime):
        moment = datetime.fromtimestamp(moment, UTC)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def newest_first(records: Iterable[Record], limit: int | None = None) -> list[Record]:
    """Order records by the time they were added, newest first; in issue order within one.

    With a limit, only the first `limit` are kept while reading: the feed of a search
    holding the whole index holds 50 records, not the index.
    """
    if limit is None:
        return sorted(records, key=_added_key)
    return heapq.nsmallest(limit, records, key=_added_key)  # sorted()[:limit], ties kept


def _added_key(record: Record) -> tuple[float, str, int]:
    """Sort the newest additions first, then by file and line (in issue order)."""
    return -(record.get("added") or 0), record.get("file", ""), record.get("line", 0)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """Append an Atom element with optional text and attributes, all of them XML 1.0 text.

    ElementTree writes a control character as it is, and XML 1.0 forbids most: one in a
    title of an index built before the readers removed them would break the whole feed.
    """
    clean = {name: printable(value) for name, value in attributes.items()}
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", clean)
    if text is not None:
        element.text = printable(text)
    return element


def _entry(feed: ET.Element, record: Record, link: str) -> None:
    """Append one record as an Atom entry."""
    entry = _add(feed, "entry")
    _add(entry, "id", entry_tag(record["id"]))
    _add(entry, "title", record["title"], type="text")
    _add(entry, "link", rel="alternate", type="text/html", href=link)
    added = _timestamp(record.get("added") or 0)
    _add(entry, "published", added)
    _add(entry, "updated", added)
    names, people = responsible(record)
    for name in names:
        _add(_add(entry, "author"), "name", name)
    for name in record.get("publishers") or [] if people else []:
        _add(_add(entry, "contributor"), "name", name)  # publishers, when people are authors
    label = citation_type(record.get("doc_type", "autre")).label
    for key, value in (("doc_type", record.get("doc_type")), ("section", record.get("section"))):
        if value:
            text = label if key == "doc_type" else value
            _add(entry, "category", term=value, scheme=CATEGORY_SCHEMES[key], label=text)
    if record.get("issue"):
        _add(entry, "category", term=record["issue"], scheme=CATEGORY_SCHEMES["issue"])
    imprint = record.get("source") or ", ".join(record.get("publishers") or [])
    date = record.get("date_text") or ""
    if date and date not in imprint:
        imprint = f"{imprint}, {date}" if imprint else date
    text = "\n\n".join(part for part in (imprint, record.get("description")) if part)
    if text:
        _add(entry, "summary", text, type="text")


def atom_feed(
    records: Iterable[Record],
    title: str,
    self_url: str,
    alternate_url: str,
    updated: datetime | int | None = None,
    *,
    entry_url: Callable[[str], str] | None = None,
    limit: int | None = None,
) -> str:
    """Return an Atom 1.0 feed of records, newest additions to the index first.

    `updated` defaults to the latest addition, so the feed changes when a new issue is
    indexed. Entry links go to `entry_url(id)`, by default /entry/<id> on self_url's host.
    """
    records = newest_first(records, limit)
    link_of = entry_url or (lambda entry_id: urljoin(self_url, f"/entry/{entry_id}"))
    if updated is None:
        added = [r.get("added") or 0 for r in records]
        updated = max(added) if added else datetime.now(UTC)
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    parts = urlsplit(self_url)
    _add(feed, "id", f"{TAG_PREFIX}feed{parts.path}" + (f"?{parts.query}" if parts.query else ""))
    _add(feed, "title", title, type="text")
    _add(feed, "updated", _timestamp(updated))
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=alternate_url)
    _add(_add(feed, "author"), "name", "Veille & territoires — En quelques clics")
    _add(feed, "generator", "veille")
    for record in records:
        _entry(feed, record, link_of(record["id"]))
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'
