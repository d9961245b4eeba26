"""The Flask application factory: configuration, the shared search service, blueprints."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from flask import Flask, g, request
from flask.wrappers import Response

from search_ui.engine.search import SearchService
from search_ui.settings import index_dir, seeds_dir
from search_ui.web import heavy, presenters, security, urls
from search_ui.web.escaping import request_target, visible
from search_ui.web.service import EXTENSION
from search_ui.web.views import api, documentalists, errors, exports, facets, pages, territories

access_log = logging.getLogger("veille.http")


class VeilleFlask(Flask):
    """Flask, whose log line for a crash quotes the URL escaped, as the access log does."""

    def log_exception(
        self,
        exc_info: tuple[type, BaseException, TracebackType] | tuple[None, None, None],
    ) -> None:
        """Log a crash with its traceback; the URL percent-encoded, never a forged line."""
        self.logger.error(
            "Exception on %s [%s]", request_target(), visible(request.method), exc_info=exc_info
        )


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then VEILLE_* environment variables, then `config`."""
    app = VeilleFlask(__name__)
    app.config.from_mapping(
        INDEX_DIR=str(index_dir()),
        SEEDS_DIR=str(seeds_dir()),
        FACET_VISIBLE=None,  # values shown before « voir plus »; None: each facet's own (its spec)
        SITE_NAME="Veille & territoires",
        HEAVY_LIMIT=heavy.DEFAULT_LIMIT,  # exports and cold coverage at once; 0: no limit
        BASE_URL=None,  # the site's public address, for absolute URLs (urls.py); None: relative
    )
    app.config.from_prefixed_env("VEILLE")
    if config is not None:
        app.config.from_mapping(config)
    app.json.ensure_ascii = False  # French text stays readable in the API
    app.json.sort_keys = False  # keep the key order of docs/interfaces.md
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.extensions[EXTENSION] = SearchService(Path(app.config["INDEX_DIR"]))

    urls.register(app)
    presenters.register(app)
    security.register(app)
    heavy.register(app)
    errors.register(app)
    app.before_request(_start_clock)
    app.after_request(_log_request)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(documentalists.bp)
    app.register_blueprint(facets.bp)
    app.register_blueprint(territories.bp)
    return app


def _start_clock() -> None:
    """Note when the request began, for the access log."""
    g.started = time.perf_counter()


def _log_request(response: Response) -> Response:
    """Log one line per request: client, method, URL (percent-encoded), status, duration."""
    started = g.get("started")
    elapsed = (time.perf_counter() - started) * 1000 if started else 0.0
    access_log.info(
        '%s "%s %s" %s %.1f ms',
        request.remote_addr or "-",
        visible(request.method),
        request_target(),
        response.status_code,
        elapsed,
    )
    return response
