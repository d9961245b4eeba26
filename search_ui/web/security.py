"""Security headers on every response, GET/HEAD as the only methods, bounded query strings."""

from __future__ import annotations

from flask import Flask, abort, request
from flask.wrappers import Response

from search_ui.engine.criteria import MAX_QUERY_STRING, BadRequest

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
ALLOWED_METHODS = ("GET", "HEAD")


def register(app: Flask) -> None:
    """Install the method guard and the header hook on an app."""
    app.before_request(_only_reads)
    app.before_request(_bounded_query_string)
    app.after_request(_secure)


def _only_reads() -> None:
    """Refuse every method but GET and HEAD on known routes (OPTIONS included)."""
    if request.url_rule is not None and request.method not in ALLOWED_METHODS:
        abort(405, valid_methods=list(ALLOWED_METHODS))


def _bounded_query_string() -> None:
    """Refuse a query string longer than any page of ours writes, before parsing it."""
    if len(request.query_string) > MAX_QUERY_STRING:
        raise BadRequest(
            f"L'adresse est trop longue (plus de {MAX_QUERY_STRING} caractères après « ? ») : "
            "raccourcissez la requête ou retirez des filtres."
        )


def _secure(response: Response) -> Response:
    """Add the security headers, errors and static files included."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
