"""Error responses in French: JSON under /api/, HTML elsewhere; 503 when the index is missing
or when too many heavy requests (exports, a cold coverage report) already run."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask.wrappers import Response
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer.build.generations import IndexUnavailable
from search_ui.engine.criteria import BadRequest
from search_ui.web.escaping import request_target, visible
from search_ui.web.heavy import RETRY_AFTER, Busy

log = logging.getLogger("veille.web")

TITLES = {
    400: "Paramètre invalide",
    404: "Page introuvable",
    405: "Méthode non autorisée",
    500: "Erreur interne",
    503: "Service momentanément indisponible",
}
MESSAGES = {
    404: "Cette adresse ne correspond à aucune page. Vérifiez-la, ou lancez une recherche.",
    405: "Ce site ne répond qu'aux requêtes de lecture (GET).",
    500: "Une erreur inattendue s'est produite ; elle a été consignée. Réessayez plus tard.",
    503: "L'index de recherche n'est pas disponible pour le moment. Réessayez dans quelques "
    "instants ; si cela dure, l'administrateur doit lancer « veille index ».",
}
BUSY = (
    "Trop d'exports ou de calculs lourds sont en cours en ce moment. Réessayez dans "
    f"{RETRY_AFTER} secondes ; la recherche, elle, reste disponible."
)


def register(app: Flask) -> None:
    """Install the error handlers on an app."""
    app.register_error_handler(BadRequest, _bad_request)
    app.register_error_handler(IndexUnavailable, _unavailable)
    app.register_error_handler(Busy, _busy)
    app.register_error_handler(InternalServerError, _internal)
    app.register_error_handler(HTTPException, _http)


def error_response(status: int, message: str) -> tuple[Response | str, int]:
    """Render an error as JSON for the API, as a page for people; a value of the URL that the
    message quotes (an unknown id, format or facet) shows its control characters escaped."""
    message = visible(message)
    if request.path == "/api" or request.path.startswith("/api/"):
        return {"error": message}, status
    title = TITLES.get(status, "Erreur")
    return render_template("error.html", status=status, title=title, message=message), status


def _bad_request(error: BadRequest):
    """Answer a parameter users can fix with 400 and the French message."""
    return error_response(400, str(error))


def _unavailable(error: IndexUnavailable):
    """Answer 503 when there is no usable index, and log why."""
    log.error("index unavailable: %s", error)
    response, status = error_response(503, MESSAGES[503])
    return response, status, {"Retry-After": "30"}


def _busy(error: Busy):
    """Answer 503 at once when every heavy slot is held, rather than queue behind them."""
    log.warning("heavy request refused: every slot is held (%s)", request_target())
    response, status = error_response(503, BUSY)
    return response, status, {"Retry-After": str(RETRY_AFTER)}


def _internal(error: InternalServerError):
    """Answer a crash (already logged by Flask) with a French page, not a stack trace."""
    return error_response(500, MESSAGES[500])


def _http(error: HTTPException):
    """Answer 404, 405 and other HTTP errors in French, keeping their headers (Allow)."""
    status = error.code or 500
    custom = error.description != type(error).description  # ours are French; werkzeug's are not
    message = error.description if custom else MESSAGES.get(status, TITLES.get(status, "Erreur"))
    response, status = error_response(status, message)
    headers = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
    return response, status, headers
