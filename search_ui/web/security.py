"""Security headers on every response, and bounded query strings.

Every route is declared GET (Flask adds HEAD and OPTIONS, and answers OPTIONS itself with the
route's Allow), so any other method is a 405 from the routing: no guard of our own to
disagree with the Allow header it sends.
"""

from __future__ import annotations

from flask import Flask, request
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


def register(app: Flask) -> None:
    """Install the query string's bound and the header hook on an app."""
    app.before_request(_bounded_query_string)
    app.after_request(_secure)


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
