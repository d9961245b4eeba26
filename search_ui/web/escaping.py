"""What the web layer writes back of a request, made inert: its URL in a log line, a value of
it in an error page.

A client chooses every byte of its URL. Decoded, `%0A` starts a forged line in the access log,
`%1B[31m` colours the terminal that tails it, and NUL reaches an HTML page as it came: Jinja
escapes markup, not control characters.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import request

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, the bidirectional
# embeddings, overrides and isolates (they reorder what a reader sees), lone surrogates.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_PATH_SAFE = "/:@!$&'()*+,;="  # RFC 3986's characters of a path, left as they are
_QUERY_SAFE = _PATH_SAFE + "?%"  # and a query's; its own %XX escapes are kept


def visible(text: str) -> str:
    r"""Return `text` with each control character written as its escape, visible and inert.

    >>> visible("a\x00b\n\x1b[31m«\u202e»")
    'a\\x00b\\n\\x1b[31m«\\u202e»'
    """
    return _CONTROLS.sub(lambda match: match.group().encode("unicode_escape").decode(), text)


def request_target() -> str:
    """Return the current request's path and query string percent-encoded, as a URL is sent.

    Werkzeug hands the path decoded (`%0A` as a line feed); this is what the log quotes.
    """
    target = quote(request.path, safe=_PATH_SAFE)
    if request.query_string:
        target += "?" + quote(request.query_string, safe=_QUERY_SAFE)
    return target
