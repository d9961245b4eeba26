"""Export entry records as CSV, JSON, BibTeX, RIS or CSL-JSON: UTF-8 bytes ready to send.

Each format is a spec in EXPORT_FORMATS (name, label, MIME type, file extension, renderer);
a renderer takes records (any iterable of them, as `SearchService.hit_records` streams a
whole result list) and an optional base URL for permalinks. CSV and JSON are written here;
the reference managers' formats (BibTeX, RIS, CSL-JSON) in reference_formats.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from analyzers.folding import fold
from search_ui.rendering.bibliographic import permalink
from search_ui.rendering.reference_formats import render_bibtex, render_csljson, render_ris

Record = dict[str, Any]
Renderer = Callable[..., bytes]

CSV_COLUMNS = (
    "id", "title", "authors", "publishers", "year", "date_text", "doc_type", "kind", "section",
    "source", "pages", "language", "online", "issue", "added", "note", "description", "url",
    "provenance",
)  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFormat:
    """One export format: how it is named, sent and written."""

    name: str
    label: str
    mime: str
    extension: str
    render: Renderer  # (records, base_url=None) -> bytes


# -- CSV -----------------------------------------------------------------------------------


def _neutralised(text: str) -> str:
    """Quote a cell a spreadsheet would run as a formula ("=HYPERLINK(…)" -> "'=HYPERLINK(…)")."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


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
    """Return one record's CSV cells in CSV_COLUMNS order, formulas neutralised."""
    derived = {
        "url": permalink(record, base_url) or f"/entry/{record['id']}",
        "provenance": f"{record.get('file', '')}:{record.get('line', 0)}",
        "added": _day(record.get("added")),
    }
    return [_neutralised(_cell(derived.get(c, record.get(c)))) for c in CSV_COLUMNS]


def render_csv(records: Iterable[Record], base_url: str | None = None) -> bytes:
    """Write records as CSV in UTF-8 with a BOM, so that spreadsheets read the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(record, base_url) for record in records)
    return buffer.getvalue().encode("utf-8-sig")


# -- JSON ----------------------------------------------------------------------------------


def render_json(records: Iterable[Record], base_url: str | None = None) -> bytes:
    """Write the records as they are, in one JSON array."""
    return (json.dumps(list(records), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- formats -------------------------------------------------------------------------------

EXPORT_FORMATS: dict[str, ExportFormat] = {
    spec.name: spec
    for spec in (
        ExportFormat("csv", "CSV (tableur)", "text/csv; charset=utf-8", "csv", render_csv),
        ExportFormat("json", "JSON", "application/json; charset=utf-8", "json", render_json),
        ExportFormat(
            "bibtex", "BibTeX", "application/x-bibtex; charset=utf-8", "bib", render_bibtex
        ),
        ExportFormat(
            "ris",
            "RIS (Zotero, EndNote)",
            "application/x-research-info-systems; charset=utf-8",
            "ris",
            render_ris,
        ),
        ExportFormat(
            "csljson",
            "CSL-JSON",
            "application/vnd.citationstyles.csl+json; charset=utf-8",
            "csl.json",
            render_csljson,
        ),
    )
}


def filename(stem: str, fmt: str) -> str:
    """Return a safe download name: "Innovation publique", "bibtex" -> innovation-publique.bib."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(stem))[:60].strip("-") or "veille"
    return f"{slug}.{EXPORT_FORMATS[fmt].extension}"
