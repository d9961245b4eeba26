"""Export entry records as CSV, JSON, BibTeX, RIS or CSL-JSON: UTF-8 bytes ready to send.

Each format is a spec in EXPORT_FORMATS (name, label, MIME type, file extension, writer);
a writer takes records (any iterable of them, as `SearchService.hit_records` streams a
whole result list) and an optional base URL for permalinks, and yields the file's text
entry by entry. `stream` sends it as byte chunks (a 100,000-entry export is never held
whole: see streaming.py), `render` as one bytes object, for one entry. CSV and JSON are
written here; the reference managers' formats (BibTeX, RIS, CSL-JSON) in
reference_formats.py.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from analyzers.folding import fold
from indexer.extraction.printable import printable_all
from search_ui.rendering.bibliographic import permalink, territory_names
from search_ui.rendering.reference_formats import bibtex_text, csljson_text, ris_text
from search_ui.rendering.streaming import chunked, json_array

Record = dict[str, Any]
Writer = Callable[..., Iterator[str]]

CSV_COLUMNS = (
    "id", "title", "authors", "publishers", "year", "date_text", "doc_type", "kind", "section",
    "source", "pages", "language", "online", "issue", "added", "note", "description", "url",
    "provenance", "territories", "territory_codes",
)  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t")


@dataclass(frozen=True)
class ExportFormat:
    """One export format: how it is named, sent and written."""

    name: str
    label: str
    mime: str
    extension: str
    write: Writer  # (records, base_url=None) -> the file's text, piece by piece

    def stream(self, records: Iterable[Record], base_url: str | None = None) -> Iterator[bytes]:
        """Yield the file as UTF-8 chunks, reading the records as it goes."""
        return chunked(self.write(records, base_url))

    def render(self, records: Iterable[Record], base_url: str | None = None) -> bytes:
        """Return the whole file: for one entry, or a list already in memory."""
        return b"".join(self.stream(records, base_url))


# -- CSV -----------------------------------------------------------------------------------


def _neutralised(text: str) -> str:
    """Quote a cell a spreadsheet would run as a formula ("=HYPERLINK(…)" -> "'=HYPERLINK(…)").

    Spaces before the sign count for nothing: a carriage return, made a space with the
    other control characters, must not hide « =… » behind it.
    """
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_STARTS) else text


def _cell(value: Any) -> str:
    """Write one record value as spreadsheet text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def _day(timestamp: int | None) -> str:
    """Write the moment an entry entered the index as an ISO date (UTC), "" when unknown."""
    return datetime.fromtimestamp(timestamp, UTC).date().isoformat() if timestamp else ""


def csv_row(record: Record, base_url: str | None = None) -> list[str]:
    """Return one record's CSV cells in CSV_COLUMNS order, formulas neutralised.

    Control characters go first: « \x00=HYPERLINK(…) » is a formula once the NUL is gone.
    """
    derived = {
        "url": permalink(record, base_url) or f"/entry/{record['id']}",
        "provenance": f"{record.get('file', '')}:{record.get('line', 0)}",
        "added": _day(record.get("added")),
        # The places it names or is published in, by name; every code, closed upward.
        "territories": territory_names(record),
        "territory_codes": record.get("territories") or [],
    }
    cells = printable_all([_cell(derived.get(c, record.get(c))) for c in CSV_COLUMNS])
    return [_neutralised(cell) for cell in cells]


def csv_text(records: Iterable[Record], base_url: str | None = None) -> Iterator[str]:
    """Write records as CSV, a row at a time, after a BOM so that spreadsheets read accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + buffer.getvalue()
    for record in records:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(csv_row(record, base_url))
        yield buffer.getvalue()


# -- JSON ----------------------------------------------------------------------------------


def json_text(records: Iterable[Record], base_url: str | None = None) -> Iterator[str]:
    """Write the records as they are, in one JSON array."""
    return json_array(records)


# -- formats -------------------------------------------------------------------------------

EXPORT_FORMATS: dict[str, ExportFormat] = {
    spec.name: spec
    for spec in (
        ExportFormat("csv", "CSV (tableur)", "text/csv; charset=utf-8", "csv", csv_text),
        ExportFormat("json", "JSON", "application/json; charset=utf-8", "json", json_text),
        ExportFormat("bibtex", "BibTeX", "application/x-bibtex; charset=utf-8", "bib", bibtex_text),
        ExportFormat(
            "ris",
            "RIS (Zotero, EndNote)",
            "application/x-research-info-systems; charset=utf-8",
            "ris",
            ris_text,
        ),
        ExportFormat(
            "csljson",
            "CSL-JSON",
            "application/vnd.citationstyles.csl+json; charset=utf-8",
            "csl.json",
            csljson_text,
        ),
    )
}


render_csv, render_json, render_bibtex, render_ris, render_csljson = (
    EXPORT_FORMATS[name].render for name in ("csv", "json", "bibtex", "ris", "csljson")
)


def filename(stem: str, fmt: str) -> str:
    """Return a safe download name: "Innovation publique", "bibtex" -> innovation-publique.bib."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(stem))[:60].strip("-") or "veille"
    return f"{slug}.{EXPORT_FORMATS[fmt].extension}"
