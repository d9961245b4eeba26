"""Documentalists' tools: what the corpus covers (/coverage, each data-quality list a page at a
time at /coverage/<list>) and « Déjà dans le corpus ? » (/check).

Each page has its JSON twin under /api/, built from the same object.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request

from indexer.build.coverage import NO_SECTION
from indexer.facet_specs import COUNTED
from search_ui.engine.check import (
    FOUND,
    MAX_REFERENCE_LENGTH,
    POSSIBLE,
    VERDICT_LABELS,
    CheckResult,
    check,
    title_marks,
)
from search_ui.engine.criteria import BadRequest
from search_ui.engine.quality_pages import (
    QualityPage,
    coverage_summary,
    first_items,
    page_number,
    quality_list,
    quality_page,
)
from search_ui.rendering.charts import column_chart, row_chart
from search_ui.web.heavy import heavy_work
from search_ui.web.paths import QUALITY_LIST_RULE, entry_path, quality_list_path
from search_ui.web.presenters import facet_url
from search_ui.web.service import get_service

bp = Blueprint("documentalists", __name__)
PUBLISHERS_SHOWN = 15
# A table of the report lists a facet's first values; its own page (/facets/<facet>) all.
TABLE_ROWS = 30
QUALITY_PREVIEW = 10  # the page shows the first items of each list; /coverage/<list>, all
RENDERED = "veille.coverage"  # app extension: the coverage page and JSON of one generation


def _rendered(kind: str, render) -> Response:
    """Return the coverage page or JSON, rendered once per index generation.

    Neither depends on the request, and at 100,000 entries rendering them took 0.15 s
    (1 MB of HTML) and 0.5 s (27 MB of JSON, when it held the whole data-quality lists)
    each time.
    """
    service = get_service()
    generation = service.generation()
    cache = current_app.extensions.setdefault(RENDERED, {})
    if cache.get("generation") != generation:
        cache.clear()
        cache["generation"] = generation
    if kind not in cache:
        with heavy_work(not service.coverage_ready()):  # computed once per index generation
            response = render()
        cache[kind] = (response.get_data(), response.mimetype)
    body, mimetype = cache[kind]
    return Response(body, mimetype=mimetype)


@bp.get("/coverage")
def coverage_page() -> Response:
    """Show what the corpus covers, with charts, every count linked to its search."""
    return _rendered("html", lambda: Response(_coverage_html(), mimetype="text/html"))


def _coverage_html() -> str:
    """Render the coverage page of the live generation."""
    service = get_service()
    report = service.coverage()
    years = column_chart([(str(y), report.year_totals[y], facet_url(year=y)) for y in report.years])
    types = row_chart([(name, n, facet_url(type=name)) for name, n in report.counts["type"]])
    return render_template(
        "coverage.html",
        report=report,
        years_chart=years,
        types_chart=types,
        undated=report.year_totals.get(None, 0),
        NO_SECTION=NO_SECTION,
        publishers_shown=PUBLISHERS_SHOWN,
        table_rows=TABLE_ROWS,
        COUNTED=COUNTED,
        quality=first_items(service.coverage_api(), QUALITY_PREVIEW),
        shown=QUALITY_PREVIEW,
    )


@bp.get("/api/coverage")
def coverage_api() -> Response:
    """Return the coverage report as JSON, each data-quality list cut to its first items."""
    return _rendered(
        "json",
        lambda: current_app.json.response(
            coverage_summary(get_service().coverage_api(), quality_list_path)
        ),
    )


def _quality_page(name: str) -> QualityPage:
    """Slice the asked page of a data-quality list out of the live report (404, 400)."""
    spec = quality_list(name)
    if spec is None:
        abort(404, description=f"Aucune liste de la qualité des données ne s'appelle « {name} ».")
    page = page_number(request.args.to_dict(flat=False))
    service = get_service()
    with heavy_work(not service.coverage_ready()):  # computed once per index generation
        report = service.coverage_api()
    return quality_page(report, spec, page)


@bp.get("/coverage/<name>")
def quality_list_page(name: str) -> str:
    """Show a page of a data-quality list, each entry linked to its page."""
    return render_template("coverage_list.html", quality_page=_quality_page(name))


@bp.get(QUALITY_LIST_RULE)
def quality_list_api(name: str) -> dict[str, Any]:
    """Return a page of a data-quality list as JSON."""
    return _quality_page(name).to_api()


def _reference() -> str | None:
    """Return the pasted reference (None when the form was not sent), or raise BadRequest."""
    raw = request.args.get("ref")
    if raw is None:
        return None
    if len(raw) > MAX_REFERENCE_LENGTH:
        raise BadRequest(
            f"La référence est trop longue (plus de {MAX_REFERENCE_LENGTH} caractères) : "
            "collez une seule référence à la fois."
        )
    # Control characters can only come from a bad link or a hostile client: read as spaces.
    return " ".join(
        "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in raw).split()
    )


def _check(reference: str) -> CheckResult:
    """Check a reference against the entries that share its words."""
    return check(reference, get_service().candidates(reference))


@bp.get("/check")
def check_page() -> str:
    """Show the form, and the entries a pasted reference most likely designates."""
    reference = _reference()
    result = _check(reference) if reference else None
    candidates = [
        {
            "candidate": candidate,
            "percent": round(candidate.score * 100),
            "strength": _strength(candidate.score),
            "title": title_marks(candidate.record["title"], reference or ""),
        }
        for candidate in (result.candidates if result else [])
    ]
    return render_template(
        "check.html",
        reference=reference,
        result=result,
        candidates=candidates,
        VERDICT_LABELS=VERDICT_LABELS,
        max_length=MAX_REFERENCE_LENGTH,
    )


@bp.get("/api/check")
def check_api() -> dict[str, Any]:
    """Return the verdict on a reference and its best candidates as JSON."""
    reference = _reference()
    if not reference:
        raise BadRequest(
            "Indiquez la référence à vérifier dans le paramètre « ref » "
            "(par exemple ref=Manifeste pour l'innovation publique)."
        )
    return _check(reference).to_api(entry_url=entry_path)


def _strength(score: float) -> str:
    """Name how likely one candidate is the referenced document."""
    return "found" if score >= FOUND else "possible" if score >= POSSIBLE else "not_found"
