"""How an entry is cited: a French reference line and Highwire Press meta tags for Zotero."""

from __future__ import annotations

from typing import Any


def responsible(record: dict[str, Any]) -> list[str]:
    """Return who is responsible for an entry: its authors, else its publishers."""
    return list(record.get("authors") or record.get("publishers") or [])


def reference(record: dict[str, Any]) -> str:
    """Return a plain-text reference in the spirit of ISO 690 (the permalink goes after it)."""
    parts: list[str] = []
    names = responsible(record)
    if names:
        parts.append(", ".join(names))
    parts.append(record["title"])
    if record.get("source"):
        parts.append(record["source"])
    if record.get("authors") and record.get("publishers"):
        parts.append(", ".join(record["publishers"]))
    date = record.get("date_text") or (str(record["year"]) if record.get("year") else "")
    if date and date not in (record.get("source") or ""):
        parts.append(date)
    if record.get("pages") and f"{record['pages']} p" not in (record.get("source") or ""):
        parts.append(f"{record['pages']} p")
    return ". ".join(part.rstrip(". ") for part in parts if part) + "."


def highwire(record: dict[str, Any], permalink: str) -> list[tuple[str, str]]:
    """Return the citation_* meta tags (name, content) that reference managers read."""
    tags = [("citation_title", record["title"])]
    tags += [("citation_author", name) for name in record.get("authors") or []]
    tags += [("citation_publisher", name) for name in record.get("publishers") or []]
    if record.get("year"):
        tags.append(("citation_publication_date", str(record["year"])))
        tags.append(("citation_date", str(record["year"])))
    if record.get("source"):
        tags.append(("citation_journal_title", record["source"]))
    if record.get("pages"):
        tags.append(("citation_num_pages", str(record["pages"])))
    if record.get("doc_type") == "rapport" and record.get("publishers"):
        tags.append(("citation_technical_report_institution", record["publishers"][0]))
    tags.append(("citation_language", record.get("language") or "fr"))
    tags.append(("citation_abstract_html_url", permalink))
    return tags
