"""What `veille serve` does before serving: make sure there is an index to search."""

from __future__ import annotations

import logging
from pathlib import Path

from indexer.build.generations import IndexUnavailable
from search_ui.engine.search import SearchService

log = logging.getLogger("veille.serve")


def ensure_index(root: Path, seeds: Path) -> bool:
    """Build the index from `seeds` when `root` holds none that opens; tell whether it built."""
    try:
        generation = SearchService(root).generation()
    except IndexUnavailable as error:
        log.info("no usable index in %s (%s): building it from %s", root, error, seeds)
    else:
        log.info("index %s in %s", generation, root)
        return False
    from indexer.build.builder import build_index

    report = build_index([seeds], root, progress=log.info, full=True)
    for warning in report.warnings:
        log.warning("%s", warning)
    log.info("%s", report.summary())
    return True
