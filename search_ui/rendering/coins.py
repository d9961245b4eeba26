"""COinS: an OpenURL ContextObject in a span, so that Zotero and link resolvers see citations.

A page shows `<span class="Z3988" title="{{ coins_title(record) }}"></span>` per entry; the
title is a KEV query string (Z39.88-2004) in the book, journal or dissertation format.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote, urlencode

from search_ui.rendering.bibliographic import (
    citation_type,
    journal_title,
    page_range,
    responsible,
    split_person,
)

COINS_CLASS = "Z3988"
CONTEXT_VERSION = "Z39.88-2004"
REFERRER = "info:sid/veille:search"
FORMAT_PREFIX = "info:ofi/fmt:kev:mtx:"


def coins_pairs(record: dict[str, Any], permalink: str = "") -> list[tuple[str, str]]:
    """Return the ContextObject's keys and values for one record."""
    kind = citation_type(record.get("doc_type", "autre"))
    pairs = [
        ("ctx_ver", CONTEXT_VERSION),
        ("rft_val_fmt", FORMAT_PREFIX + kind.openurl),
        ("rfr_id", REFERRER),
    ]
    if permalink:
        pairs.append(("rft_id", permalink))
    if kind.genre:
        pairs.append(("rft.genre", kind.genre))
    source = record.get("source") or ""
    journal = journal_title(source) or source
    if kind.openurl == "journal":
        pairs += [("rft.atitle", record["title"]), ("rft.jtitle", journal or record["title"])]
    elif kind.openurl == "book":
        pairs.append(("rft.btitle", record["title"]))
        if journal:
            pairs.append(("rft.series", journal))
    else:
        pairs.append(("rft.title", record["title"]))
    names, people = responsible(record)
    first = split_person(names[0]) if people else None
    if first:  # the first author split, the others as written (as Zotero writes COinS)
        pairs += [("rft.aulast", first.family), ("rft.aufirst", first.given)]
        names = names[1:]
    pairs += [("rft.au" if people else "rft.aucorp", name) for name in names]
    publishers = "; ".join(record.get("publishers") or [])
    if publishers and kind.openurl == "book":
        pairs.append(("rft.pub", publishers))
    elif publishers and kind.openurl == "dissertation":
        pairs.append(("rft.inst", publishers))
    if record.get("year"):
        pairs.append(("rft.date", str(record["year"])))
    if pages := page_range(source):
        pairs += [("rft.spage", pages[0]), ("rft.epage", pages[1])]
    elif record.get("pages") and kind.openurl != "journal":
        pairs.append(("rft.tpages", str(record["pages"])))
    return pairs


def coins_title(record: dict[str, Any], permalink: str = "") -> str:
    """Return the title attribute of a COinS span: the percent-encoded ContextObject."""
    return urlencode(coins_pairs(record, permalink), quote_via=quote)


def coins_span(record: dict[str, Any], permalink: str = "") -> str:
    """Return the whole COinS span as HTML, its attribute escaped."""
    title = html.escape(coins_title(record, permalink), quote=True)
    return f'<span class="{COINS_CLASS}" title="{title}"></span>'
