"""The baseline: the same search page done by SQLite FTS5 through Python's sqlite3.

It does what a competent FTS5 page would: one MATCH materialised once for the facet
counts (each facet counted without its own filter, as veille does), bm25() with veille's
field weights for the ranking with LIMIT/OFFSET, and snippet() for the shown hits only
(computed in a second statement, so that SQLite does not build a snippet for every hit).
Its tokenizer does no stemming: hit counts differ from veille's, the work does not.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.schema import TEXT_FIELDS
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.querying import plain_words

FACETS = {
    "section": "section",
    "publisher": "publisher",
    "type": "doc_type",
    "year": "year",
    "issue": "issue",
}
# The baseline searches the entries' own texts, as it always did (not veille's type words).
COLUMNS = ("title", "authors", "publishers", "source", "description")
WEIGHTS = ", ".join(str(TEXT_FIELDS[name]) for name in COLUMNS)
SCHEMA = f"""
CREATE TABLE entries (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, section TEXT, doc_type TEXT,
                      year TEXT, issue TEXT, title_sort TEXT, record TEXT);
CREATE TABLE entry_publishers (rowid INTEGER, publisher TEXT);
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)},
                                    tokenize="unicode61 remove_diacritics 2");
"""
INDEXES = """
CREATE INDEX entries_section ON entries(section);
CREATE INDEX entries_doc_type ON entries(doc_type);
CREATE INDEX entries_year ON entries(year);
CREATE INDEX entries_issue ON entries(issue);
CREATE INDEX publishers_rowid ON entry_publishers(rowid);
CREATE INDEX publishers_name ON entry_publishers(publisher, rowid);
"""


@dataclass
class Page:
    """What both engines give for one page: total, shown ids, facet counts, snippets."""

    total: int
    ids: list[str]
    facets: dict[str, dict[str, int]]
    snippets: list[str]


def build(records: Iterable[Mapping[str, Any]], path: Path) -> int:
    """Write the FTS5 database of the records at `path`; return the number of rows."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    count = _insert(db, records, first_rowid=1)
    db.executescript(INDEXES)
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    db.close()
    return count


def add(records: Iterable[Mapping[str, Any]], path: Path) -> int:
    """Append records to an existing database (the incremental case); return how many."""
    db = sqlite3.connect(path)
    start = db.execute("SELECT coalesce(max(rowid), 0) FROM entries").fetchone()[0]
    count = _insert(db, records, first_rowid=start + 1)
    db.close()
    return count


def _insert(db: sqlite3.Connection, records: Iterable[Mapping[str, Any]], first_rowid: int) -> int:
    """Insert records into the three tables in one transaction; return how many."""
    count = 0
    with db:
        for rowid, record in enumerate(records, start=first_rowid):
            year = str(record["year"]) if record["year"] else ""
            db.execute(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rowid,
                    record["id"],
                    record["section"],
                    record["doc_type"],
                    year,
                    record["issue"],
                    record["title"].casefold(),
                    json.dumps(record),
                ),
            )
            db.executemany(
                "INSERT INTO entry_publishers VALUES (?, ?)",
                [(rowid, publisher) for publisher in record["publishers"]],
            )
            db.execute(
                "INSERT INTO fts(rowid, title, authors, publishers, source, description) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    rowid,
                    record["title"],
                    "; ".join(record["authors"]),
                    "; ".join(record["publishers"]),
                    record["source"],
                    record["description"],
                ),
            )
            count += 1
    return count


def match_expression(q: str) -> str:
    """Translate veille's query syntax (words, "phrases", -word) into an FTS5 expression."""
    positive, negative = [], []
    for token in _tokens(q):
        words = plain_words(token.strip('"-+')).split()
        if not words:
            continue
        quoted = '"' + " ".join(word.replace('"', "") for word in words) + '"'
        (negative if token.startswith("-") else positive).append(quoted)
    expression = " AND ".join(positive)
    for item in negative:
        expression = f"{expression} NOT {item}" if expression else ""
    return expression


def _tokens(q: str) -> list[str]:
    """Split a query into words and quoted phrases."""
    out, phrase = [], None
    for part in q.split():
        if phrase is not None:
            phrase.append(part)
            if part.endswith('"'):
                out.append(" ".join(phrase))
                phrase = None
        elif part.startswith('"') and not (len(part) > 1 and part.endswith('"')):
            phrase = [part]
        else:
            out.append(part)
    if phrase:
        out.append(" ".join(phrase))
    return out


class Fts5Search:
    """Run search pages on an FTS5 database; one connection, used by one thread at a time."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def page(self, request: SearchRequest) -> Page:
        """Return the page of a request: total, hits with snippets, disjunctive facet counts."""
        expression = match_expression(request.q)
        if request.q.strip() and not expression:
            return Page(0, [], {name: {} for name in FACETS}, [])
        hits_sql = (
            "SELECT e.rowid AS rid, e.section, e.doc_type, e.year, e.issue FROM fts "
            "JOIN entries e ON e.rowid = fts.rowid WHERE fts MATCH :q"
            if expression
            else "SELECT rowid AS rid, section, doc_type, year, issue FROM entries"
        )
        filters = self._filters(request)
        params: dict[str, Any] = {"q": expression}
        for name, (_, values) in filters.items():
            params.update({f"{name}{i}": value for i, value in enumerate(values)})
        parts = [f"SELECT 'total', '', count(*) FROM hits WHERE {self._where(filters, None)}"]
        for name, column in FACETS.items():
            where = self._where(filters, name)
            if name == "publisher":
                parts.append(
                    "SELECT 'publisher', p.publisher, count(*) FROM hits "
                    f"JOIN entry_publishers p ON p.rowid = hits.rid WHERE {where} "
                    "GROUP BY p.publisher"
                )
            else:
                parts.append(
                    f"SELECT '{name}', {column}, count(*) FROM hits "
                    f"WHERE {where} AND {column} != '' GROUP BY {column}"
                )
        sql = f"WITH hits AS MATERIALIZED ({hits_sql}) " + " UNION ALL ".join(parts)
        facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        total = 0
        for name, value, count in self.db.execute(sql, params):
            if name == "total":
                total = count
            else:
                facets[name][value] = count
        ids, snippets = self._hits(expression, filters, params, request)
        return Page(total, ids, facets, snippets)

    def _hits(
        self,
        expression: str,
        filters: dict[str, tuple[str, tuple[str, ...]]],
        params: dict[str, Any],
        request: SearchRequest,
    ) -> tuple[list[str], list[str]]:
        """Rank one page of hits, then build the snippets of those hits only."""
        offset = (request.page - 1) * request.per_page
        where = self._where(filters, None, alias="e.")
        limit = f"LIMIT {int(request.per_page)} OFFSET {int(offset)}"
        if expression:
            rows = self.db.execute(
                f"SELECT e.rowid, e.id FROM fts JOIN entries e ON e.rowid = fts.rowid "
                f"WHERE fts MATCH :q AND {where} ORDER BY bm25(fts, {WEIGHTS}) {limit}",
                params,
            ).fetchall()
            if not rows:
                return [], []
            marks = ", ".join(str(rowid) for rowid, _ in rows)
            snippets = dict(
                self.db.execute(
                    "SELECT rowid, snippet(fts, 4, '<mark>', '</mark>', ' … ', 24) || "
                    "highlight(fts, 0, '<mark>', '</mark>') FROM fts "
                    f"WHERE fts MATCH :q AND rowid IN ({marks})",
                    params,
                ).fetchall()
            )
            return [entry_id for _, entry_id in rows], [snippets.get(r, "") for r, _ in rows]
        rows = self.db.execute(
            f"SELECT e.id, substr(json_extract(e.record, '$.description'), 1, 240) "
            f"FROM entries e WHERE {where} ORDER BY e.year DESC, e.title_sort {limit}",
            params,
        ).fetchall()
        return [entry_id for entry_id, _ in rows], [snippet for _, snippet in rows]

    @staticmethod
    def _filters(request: SearchRequest) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Return the selected values of each facet with the column they filter."""
        return {
            name: (column, request.selected(name))
            for name, column in FACETS.items()
            if request.selected(name)
        }

    @staticmethod
    def _where(
        filters: dict[str, tuple[str, tuple[str, ...]]], without: str | None, alias: str = ""
    ) -> str:
        """Return the SQL condition of every facet filter but `without`'s own."""
        clauses = ["1"]
        for name, (column, values) in filters.items():
            if name == without:
                continue
            marks = ", ".join(f":{name}{i}" for i in range(len(values)))
            rowid = f"{alias}rowid" if alias else "rid"
            if name == "publisher":
                clauses.append(
                    f"{rowid} IN (SELECT rowid FROM entry_publishers WHERE publisher IN ({marks}))"
                )
            else:
                clauses.append(f"{alias}{column} IN ({marks})")
        return " AND ".join(clauses)
