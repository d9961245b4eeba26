"""The paths of an entry's page and of a data-quality list, for what links to them without a
Flask app at hand.

The engine knows no route: the JSON of /api/search and /api/check gets each entry's page
from here, and /api/coverage each list's pages, and so do `veille search --json`, `check
--json` and `stats --json`, whose output is that JSON. The routes are declared with the
same rules, so the two cannot drift.
"""

from __future__ import annotations

ENTRY_RULE = "/entry/<entry_id>"
QUALITY_LIST_RULE = "/api/coverage/<name>"  # the JSON of a data-quality list, a page at a time


def entry_path(entry_id: str) -> str:
    """Return the root-relative path of an entry's page: "/entry/ac6c467d13a4"."""
    return ENTRY_RULE.replace("<entry_id>", entry_id)


def quality_list_path(name: str) -> str:
    """Return the root-relative path of a data-quality list's JSON: "/api/coverage/duplicates"."""
    return QUALITY_LIST_RULE.replace("<name>", name)
