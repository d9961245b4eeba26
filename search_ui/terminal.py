"""Render a result object for a terminal: hits with matched words emphasised, facet counts."""

from __future__ import annotations

import html
import re

from search_ui.results import FACET_LABELS, SearchResult

_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)
BOLD, RESET = "\033[1m", "\033[0m"


def emphasise(snippet: str, colour: bool) -> str:
    """Turn <mark> into bold (on a terminal) or «» (elsewhere), and unescape the rest."""
    opening, closing = (BOLD, RESET) if colour else ("«", "»")
    return html.unescape(_MARK.sub(lambda m: f"{opening}{m.group(1)}{closing}", snippet))


def render(result: SearchResult, colour: bool) -> str:
    """Return the human-readable text of a result page."""
    request = result.request
    lines = []
    if result.relaxed:
        lines.append(f"Aucun résultat pour tous les mots de « {request.q} ».")
        if result.suggestion:
            lines.append(f"Essayez : {result.suggestion}")
        lines.append(f"Résultats approchants : {result.matched}")
    elif result.total == 0:
        lines.append(f"Aucun résultat pour « {request.q} ».")
        if result.suggestion:
            lines.append(f"Essayez : {result.suggestion}")
    else:
        lines.append(
            f"{result.total} résultat{'s' if result.total > 1 else ''} "
            f"(page {request.page}/{result.pages}, {result.took_ms:.0f} ms)"
        )
    first = (request.page - 1) * request.per_page
    for number, hit in enumerate(result.hits, start=first + 1):
        lines.append("")
        lines.append(f"{number}. {emphasise(hit.title_html, colour)}")
        meta = [", ".join(hit.authors), ", ".join(hit.publishers), hit.source, str(hit.year or "")]
        lines.append("   " + " · ".join(part for part in meta if part))
        lines.append(
            f"   [{hit.doc_type}] {hit.section or '(avant la première section)'} — {hit.id}"
        )
        lines.append("   " + emphasise(hit.snippet, colour))
    for name, values in result.facets.items():
        if not values:
            continue
        shown = ", ".join(
            f"{'[x] ' if value.selected else ''}{value.value} ({value.count})"
            for value in values[:8]
        )
        more = f", … (+{len(values) - 8})" if len(values) > 8 else ""
        lines.append("")
        lines.append(f"{FACET_LABELS.get(name, name)} : {shown}{more}")
    return "\n".join(lines)
