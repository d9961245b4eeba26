"""Render for a terminal: search results (matched words emphasised), coverage, checks.

Every value from the index or the user goes through `_line`: the only control characters
printed are the line breaks and the bold of `emphasise` put there, never an ESC[2J of a
title.
"""

from __future__ import annotations

import html
import re

from indexer.build.coverage import Coverage
from indexer.extraction.printable import printable
from indexer.facet_specs import REPORTED, FacetSpec, facet
from search_ui.engine.check import VERDICT_LABELS, CheckResult
from search_ui.engine.quality_pages import QUALITY_SHOWN, QualityPage
from search_ui.engine.results import SearchResult

_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)
BOLD, RESET = "\033[1m", "\033[0m"
QUALITY_LABELS = {
    "without_year": "sans année (publications et événements)",
    "without_publisher": "sans éditeur",
    "without_type": "sans type de document",
    "duplicates": "doublon(s) probable(s)",
    "folded_variants": "éditeur(s) écrit(s) de plusieurs façons",
}
PARTIAL_SEPARATOR = "— Ces notices ne contiennent qu'une partie des mots —"
RELATED_SEPARATOR = "— Notices sur des sujets proches —"
MATCH_LABELS = {"title": "titre", "year": "année", "authors": "auteurs", "publishers": "éditeurs"}


def _line(text: str) -> str:
    """Return text as one terminal line: no control character, tabs and breaks as spaces."""
    return printable(text).replace("\t", " ").replace("\n", " ")


def emphasise(snippet: str, colour: bool) -> str:
    """Turn <mark> into bold (on a terminal) or «» (elsewhere), and unescape the rest."""
    opening, closing = (BOLD, RESET) if colour else ("«", "»")
    parts = [_line(html.unescape(part)) for part in _MARK.split(snippet)]
    return "".join(f"{opening}{part}{closing}" if n % 2 else part for n, part in enumerate(parts))


def render(result: SearchResult, colour: bool) -> str:
    """Return the human-readable text of a result page."""
    request = result.request
    lines = []
    if result.relaxed:
        lines.append(_line(f"Aucun résultat pour tous les mots de « {request.q} »."))
        if result.suggestion:
            lines.append(_line(f"Essayez : {result.suggestion}"))
        lines += [_line(f"Aucune notice ne contient « {word} ».") for word in result.absent_words]
        lines += [_line(f"Aucune notice ne porte sur {name}.") for name in result.absent_places]
        lines.append(f"Résultats approchants : {result.shown_total}")
    elif result.total == 0:
        lines.append(_line(f"Aucun résultat pour « {request.q} »."))
        if result.common_words:
            lines.append(_line(result.common_note))
        if result.suggestion:
            lines.append(_line(f"Essayez : {result.suggestion}"))
        lines += [_line(f"Aucune notice ne contient « {word} ».") for word in result.absent_words]
        lines += [_line(f"Aucune notice ne porte sur {name}.") for name in result.absent_places]
    else:
        partial, related = result.partial_total, result.related_total
        also = f", {partial} avec une partie des mots" if partial else ""
        also += f", {related} sur des sujets proches" if related else ""
        lines.append(
            f"{result.total} résultat{'s' if result.total > 1 else ''}{also} "
            f"(page {request.page}/{result.pages}, {result.took_ms:.0f} ms)"
        )
    first = (request.page - 1) * request.per_page
    separated = related_separated = False
    for number, hit in enumerate(result.hits, start=first + 1):
        lines.append("")
        if hit.partial and not separated:
            lines += [PARTIAL_SEPARATOR, ""]
            separated = True
        if hit.related and not related_separated:
            lines += [RELATED_SEPARATOR, ""]
            related_separated = True
        lines.append(f"{number}. {emphasise(hit.title_html, colour)}")
        meta = [", ".join(hit.authors), ", ".join(hit.publishers), hit.source, str(hit.year or "")]
        lines.append(_line("   " + " · ".join(part for part in meta if part)))
        section = hit.section or "(avant la première section)"
        lines.append(_line(f"   [{hit.doc_type}] {section} — {hit.id}"))
        if hit.partial:
            lines.append(_line("   manque : " + ", ".join(f"« {w} »" for w in hit.missing)))
        lines.append("   " + emphasise(hit.snippet, colour))
    if result.partial_total or result.related_total:
        lines += ["", "Les effectifs comptent les notices qui contiennent tous les mots."]
    for name, values in result.facets.items():
        if not values:
            continue
        spec = facet(name)
        shown = ", ".join(
            f"{'[x] ' if value.selected else ''}{_value(spec, value.value)} ({value.count})"
            for value in values[: spec.visible]
        )
        total = result.facet_totals.get(name, len(values))  # values lists the top ones only
        more = f", … (+{total - spec.visible})" if total > spec.visible else ""
        lines.append("")
        lines.append(_line(f"{spec.label} : {shown}{more}"))
    return "\n".join(lines)


def _value(spec: FacetSpec, value: str) -> str:
    """Return a facet value as the terminal shows it: a coded one by its label, then its code
    (« Bretagne [reg-53] »: the code is what `--territory` takes)."""
    label = spec.value_label(value)
    return _line(value if label == value else f"{label} [{value}]")


def _table(header: list[str], rows: list[list[str]], width: int = 44) -> list[str]:
    """Align a text table: the first column left (cut to `width`), the others right."""
    cut = [[_cut(_line(row[0]), width), *row[1:]] for row in [header, *rows]]
    sizes = [max(len(row[i]) for row in cut) for i in range(len(header))]
    return [
        "  ".join(
            cell.ljust(sizes[i]) if i == 0 else cell.rjust(sizes[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in cut
    ]


def _cut(text: str, width: int) -> str:
    """Shorten a label to `width` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _count(n: int) -> str:
    """Write a count in a table, a dot for none."""
    return str(n) if n else "·"


def render_coverage(report: Coverage) -> str:
    """Return the coverage report as text tables, for `veille stats`."""
    undated = report.year_totals.get(None, 0)
    span = f", de {report.years[0]} à {report.years[-1]}" if report.years else ""
    issues = len(report.counts["issue"])
    lines = [
        f"Couverture : {report.total} entrée{'s' if report.total > 1 else ''}, "
        f"{issues} numéro{'s' if issues > 1 else ''}, "
        f"{len(report.sections)} section{'s' if len(report.sections) > 1 else ''}{span}",
        "",
        "Entrées par section et par année",
    ]
    columns: list[int | None] = [*report.years, *([None] if undated else [])]
    head = facet("section").short_label
    header = [head, *(str(y) if y else "sans année" for y in columns), "Total"]
    rows = [
        [
            section,
            *(_count(report.section_year[section].get(y, 0)) for y in columns),
            str(report.section_totals[section]),
        ]
        for section in report.sections
    ]
    rows.append(
        ["Total", *(_count(report.year_totals.get(y, 0)) for y in columns), str(report.total)]
    )
    lines += _table(header, rows)
    for spec in REPORTED:
        counts = report.counts[spec.key]
        lines += ["", f"Par {spec.label.lower()}"]
        lines += _table([spec.short_label, "Entrées"], [[v or "—", str(n)] for v, n in counts], 60)
    lines += ["", "Qualité des données"]
    for name, items in report.quality().items():
        if name == "folded_variants" and not items:
            continue
        lines.append(f"  {len(items)} {QUALITY_LABELS[name]}")
        lines += _quality_items(name, items[:QUALITY_SHOWN])
        if len(items) > QUALITY_SHOWN:
            lines.append(
                f"    … et {len(items) - QUALITY_SHOWN} autres : "
                f"veille stats --list {name} --page 2"
            )
    return "\n".join(map(_line, lines)).rstrip()


def _quality_items(name: str, items: list) -> list[str]:
    """Return the lines of a data-quality list's items, as the report's JSON writes them."""
    if name == "duplicates":
        return [
            line
            for group in items
            for line in [*(f"    - {r['title']} — {r['issue']} [{r['id']}]" for r in group), ""]
        ]
    if name == "folded_variants":
        return [f"    - {v['publisher']} : {' · '.join(v['spellings'])}" for v in items]
    return [f"    - {record['title']} [{record['id']}]" for record in items]


def render_quality_page(page: QualityPage) -> str:
    """Return a page of a data-quality list, for `veille stats --list`."""
    spec = page.spec
    lines = [f"{spec.label} : {page.total} en tout, page {page.page} sur {page.pages}"]
    if page.items:
        last = page.start + len(page.items) - 1
        lines[0] += f" ({page.start} à {last})"
    lines.append("")
    lines += _quality_items(spec.name, page.items) or [
        spec.empty if not page.total else f"Cette page est au-delà de la dernière ({page.pages})."
    ]
    if page.page < page.pages:
        lines += ["", f"Suite : veille stats --list {spec.name} --page {page.page + 1}"]
    return "\n".join(map(_line, lines)).rstrip()


def render_check(result: CheckResult) -> str:
    """Return the verdict on a reference and its candidates, for `veille check`."""
    lines = [f"{VERDICT_LABELS[result.verdict]} — « {result.reference} »"]
    if not result.candidates:
        lines.append("Aucune entrée ne partage les mots de cette référence.")
    for number, candidate in enumerate(result.candidates, start=1):
        record = candidate.record
        year = f" ({record['year']})" if record["year"] else ""
        lines.append("")
        lines.append(f"{number}. {round(candidate.score * 100):>3} %  {record['title']}{year}")
        names = record["authors"] or record["publishers"]
        lines.append("        " + " · ".join([", ".join(names), record["issue"]]).strip(" ·"))
        agreed = [MATCH_LABELS[k] for k, v in candidate.matched.items() if v >= 0.5]
        differ = [MATCH_LABELS[k] for k, v in candidate.matched.items() if v < 0.5]
        notes = [f"correspond : {', '.join(agreed)}"] if agreed else []
        notes += [f"diffère : {', '.join(differ)}"] if differ else []
        lines.append(f"        {' ; '.join(notes)} — /entry/{record['id']}")
    return "\n".join(map(_line, lines))
