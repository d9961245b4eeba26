"""What `veille serve` does before serving: make sure there is an index to search, load the
word lists, tell the app its public address and warm it up."""

from __future__ import annotations

import contextlib
import gc
import ipaddress
import logging
import os
import sys
from pathlib import Path
from typing import Any

import waitress
from flask import Flask

from analyzers.lexicon import french_words
from indexer.build.fingerprint import analysis_fingerprint
from indexer.build.generations import IndexUnavailable, current_generation, read_manifest
from indexer.extraction.corpus import newsletter_files
from indexer.territories import default_recogniser
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.search import SearchService
from search_ui.web.app import create_app
from search_ui.web.service import EXTENSION

log = logging.getLogger("veille.serve")


def prepare(root: Path, seeds: Path) -> bool:
    """Build the index when needed (`ensure_index`), and load the word lists now: the first
    search naming a place would wait 0.8 s for the gazetteer's names, the first that finds
    nothing 0.2 s for the French words."""
    default_recogniser()
    french_words()
    return ensure_index(root, seeds)


def ensure_index(root: Path, seeds: Path) -> bool:
    """Build the index from `seeds` when `root` holds none that opens, or holds only seed
    files written by another version of the analysis; tell whether it built.

    An index of other files written by another analysis is served with a warning: its
    sources are not known here, and `veille index` on its folders rebuilds it.
    """
    try:
        generation = SearchService(root).generation()
    except IndexUnavailable as error:
        log.info("no usable index in %s (%s): building it from %s", root, error, seeds)
    else:
        manifest = read_manifest(current_generation(root))
        if manifest.get("analysis") == analysis_fingerprint():
            log.info("index %s in %s", generation, root)
            return False
        if not _only_seeds(manifest, seeds):
            log.warning(
                "l'index %s a été écrit par une autre version de l'analyse : relancez "
                "« veille index » sur ses dossiers pour le reconstruire",
                generation,
            )
            return False
        log.info("index %s written by another analysis: rebuilding it from %s", generation, seeds)
    from indexer.build.builder import build_index

    report = build_index([seeds], root, progress=log.info, full=True)
    for warning in report.warnings:
        log.warning("%s", warning)
    log.info("%s", report.summary())
    return True


def _only_seeds(manifest: dict, seeds: Path) -> bool:
    """Tell whether a generation's manifest says which files it indexed, all of them seeds
    (an unreadable manifest says nothing: the index may hold a collection)."""
    indexed = manifest.get("files")
    if not isinstance(indexed, dict) or not indexed:
        return False
    return set(indexed) <= {label for _, label in newsletter_files([seeds])}


def ready_app(root: Path, host: str, port: int) -> Flask:
    """Create the app `veille serve` serves, and search once with it: every search gives its
    words the accents the entries write them with, from the word counts the generation
    reads on first use (0.7 s for 300,000 words), which the first user would have waited.

    What is loaded by then lives as long as the server (the gazetteer alone is some 100,000
    objects): it is frozen out of the garbage collector, whose full collections would
    otherwise walk it in the middle of a request (70 ms at 10,000 entries).
    Raises ValueError for a VEILLE_BASE_URL that is no site address."""
    app = create_app(serve_config(root, host, port))
    with contextlib.suppress(IndexUnavailable):  # the pages say so; the next search retries
        app.extensions[EXTENSION].search(SearchRequest())
    gc.collect()  # freeze only what is still alive
    gc.freeze()
    return app


def listen(app: Flask, host: str, port: int, threads: int) -> bool:
    """Serve `app` with waitress until stopped; tell in French, instead of waitress's
    traceback, when the address cannot be listened on (a taken port, a foreign address)."""
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="veille")
    except OSError as error:
        print(
            f"veille serve : impossible d'écouter sur {host}:{port} "
            f"({error.strerror or error}) ; un autre serveur y tourne peut-être : "
            "choisissez un autre port avec --port",
            file=sys.stderr,
        )
        return False
    return True


def serve_config(root: Path, host: str, port: int) -> dict[str, Any]:
    """Return the app's configuration for `veille serve`: the index, and its public base URL.

    VEILLE_BASE_URL, when set, is the site's public address (the app reads it). Otherwise the
    address served is: http://127.0.0.1:5000 by default. Listening on every interface, no
    address is the public one: links stay relative until VEILLE_BASE_URL says it.
    """
    config: dict[str, Any] = {"INDEX_DIR": str(root)}
    if os.environ.get("VEILLE_BASE_URL"):
        return config
    if _is_wildcard(host):
        log.warning(
            "listening on every interface: set VEILLE_BASE_URL to the site's public address "
            "for absolute links (Atom, citations, exports); they are relative until then"
        )
        return config
    name = f"[{host}]" if ":" in host else host  # an IPv6 address in a URL
    config["BASE_URL"] = f"http://{name}:{port}"
    return config


def _is_wildcard(host: str) -> bool:
    """Tell whether `host` names every interface (0.0.0.0, ::, *, or nothing)."""
    if host in ("", "*"):
        return True
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False  # a host name
