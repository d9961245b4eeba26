"""Where things are: the index directory and the newsletters, from flags or VEILLE_ variables."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_INDEX_DIR = Path("var/index")
DEFAULT_SEEDS_DIR = Path("seeds")


def index_dir(flag: str | None = None) -> Path:
    """Return the index directory: the flag, else $VEILLE_INDEX_DIR, else ./var/index."""
    return Path(flag or os.environ.get("VEILLE_INDEX_DIR") or DEFAULT_INDEX_DIR)


def seeds_dir() -> Path:
    """Return the newsletters folder: $VEILLE_SEEDS_DIR, else ./seeds."""
    return Path(os.environ.get("VEILLE_SEEDS_DIR") or DEFAULT_SEEDS_DIR)
