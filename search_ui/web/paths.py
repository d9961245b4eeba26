"""The path of an entry's page, for what links to it without a Flask app at hand.

The engine knows no route: the JSON of /api/search and /api/check gets each entry's page
from here, and so does `veille search --json` (and `check --json`), whose output is that
JSON. The entry page's route is declared with the same rule, so the two cannot drift.
"""

from __future__ import annotations

ENTRY_RULE = "/entry/<entry_id>"


def entry_path(entry_id: str) -> str:
    """Return the root-relative path of an entry's page: "/entry/ac6c467d13a4"."""
    return ENTRY_RULE.replace("<entry_id>", entry_id)
