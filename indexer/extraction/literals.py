"""The literal text a regular expression cannot match without: a cheap test before the search.

Python's `re` finds a pattern that starts with `\\b` by trying it at every position of the
text, about 25 times slower than finding a plain word with `in`. Rules that look for a few
words in long descriptions can first check that one of those words is there at all.
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parser's opcodes: the stdlib's own pattern parser
from re import _parser

Literals = tuple[str, ...]


def required_literals(pattern: re.Pattern[str]) -> Literals | None:
    """Return strings one of which every match contains, or None when nothing is certain."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # a parser this Python does not have: do without the shortcut
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _needed(list(parsed))


def _needed(items: list) -> Literals | None:
    """Return the best set of literals one of which a match of the sequence `items` holds.

    Candidates are the longest literal run, and each alternation or group whose every
    branch has literals of its own; the best is the one whose shortest literal is longest.
    """
    run = _longest_run(items)
    options: list[Literals] = [(run,)] if run else []
    for op, value in items:
        if op is sre.BRANCH:
            found = [_needed(list(branch)) for branch in value[1]]
            if all(found):
                options.append(tuple(literal for literals in found for literal in literals))
        elif (
            op is sre.SUBPATTERN  # (group, flags on, flags off, items)
            and not value[1] & re.IGNORECASE
            and (inner := _needed(list(value[3])))
        ):
            options.append(inner)
    return max(options, key=lambda literals: min(map(len, literals)), default=None)


def _longest_run(items: list) -> str:
    """Return the longest run of literal characters that a match of `items` contains."""
    best = current = ""
    for op, value in items:
        if op is sre.LITERAL:
            current += chr(value)
        elif op is not sre.AT:  # assertions such as \b and ^ take no room: the run goes on
            best, current = max(best, current, key=len), ""
    return max(best, current, key=len)


def may_match(literals: Literals | None, text: str) -> bool:
    """Tell whether `text` holds one of the literals (always True when there are none)."""
    if literals is None:
        return True
    if len(literals) == 1:  # most rules need one word: no generator to start
        return literals[0] in text
    return any(literal in text for literal in literals)
