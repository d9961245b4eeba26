"""Join a word hyphenated at a line's end: drop a typesetter's hyphen, keep a compound's.

A PDF keeps the hyphen its typesetter added to break « déve-/loppement », and the one of a
true compound broken at its hyphen (« Saint-/Étienne », « co-/construction »). The document
itself tells them apart best: the word seen whole elsewhere in it, or seen hyphenated.
Otherwise a few rules of French spelling decide, and a typesetter's break is the default.

>>> join_lines("le déve-", "loppement local", set())
'le développement local'
>>> join_lines("à Saint-", "Étienne", set())
'à Saint-Étienne'
>>> join_lines("la co-", "construction", set())
'la co-construction'
"""

from __future__ import annotations

import re
from functools import cache

from analyzers.folding import fold
from analyzers.resources import data_lines

SOFT_HYPHEN = "\u00ad"
# Prefixes written with a hyphen before a word: co-construction, sous-préfecture, non-recours.
PREFIXES = frozenset(
    ("co", "contre", "anti", "ex", "extra", "néo", "non", "post", "quasi", "semi", "sous", "vice",
     "demi", "mi", "après", "avant", "arrière", "grand", "grande", "nord", "sud", "socio",
     "médico", "politico", "technico", "franco", "euro")
)  # fmt: skip
# Words that follow a hyphen after a verb or a pronoun: a-t-il, dit-elle, peut-être, celle-ci.
CLITICS = frozenset(
    ("t", "il", "ils", "elle", "elles", "on", "je", "tu", "nous", "vous", "ce", "ci", "là", "y",
     "en", "le", "la", "les", "lui", "leur", "moi", "toi", "être", "même", "mêmes")
)  # fmt: skip
_WORD = re.compile(r"\w+(?:-\w+)*")
_LAST_WORD = re.compile(r"([\w']+)[-\u2010\u00ad]$")
_FIRST_WORD = re.compile(r"^([\w']+)")


def join_lines(before: str, after: str, vocabulary: set[str]) -> str:
    """Join two visual lines of one paragraph, de-hyphenating the word broken between them."""
    if before.endswith(SOFT_HYPHEN):
        return before[:-1] + after
    left, right = _LAST_WORD.search(before), _FIRST_WORD.match(after)
    if left is None or right is None:
        return f"{before} {after}"
    if keeps_hyphen(left.group(1), right.group(1), vocabulary):
        return before[:-1] + "-" + after
    return before[:-1] + after


def keeps_hyphen(left: str, right: str, vocabulary: set[str]) -> bool:
    """Tell whether « left-/right » is a hyphenated compound rather than one word broken.

    >>> keeps_hyphen("Île-de", "France", set()), keeps_hyphen("terri", "toires", set())
    (True, False)
    >>> keeps_hyphen("sous", "cription", {"souscription"})
    False
    """
    left_part = left.split("-")[-1].split("'")[-1]
    if right[:1].isupper() or right[:1].isdigit() or left_part[-1:].isdigit():
        return True  # names (Saint-Étienne, Île-de-France), numbers (2015-2018, COVID-19)
    if len(left_part) < 2 or len(right) < 2 or (left_part.isupper() and len(left_part) > 1):
        return True  # a typesetter never leaves one letter alone (e-santé); acronyms (SNCF-)
    joined, hyphenated = fold(left_part + right), fold(f"{left_part}-{right}")
    if joined in vocabulary and hyphenated not in vocabulary:
        return False
    if hyphenated in vocabulary and joined not in vocabulary:
        return True
    if _known_compound(joined) or fold(left_part) in _folded(PREFIXES):
        return True
    return fold(right) in _folded(CLITICS)


def vocabulary(texts: list[str]) -> set[str]:
    """Return the folded words of a document, hyphenated compounds kept whole.

    Words broken at a line's end are left out: « déve- » is no word of the document.
    """
    words: set[str] = set()
    for text in texts:
        found = _WORD.findall(fold(text))
        if found and text.endswith(("-", "\u2010", SOFT_HYPHEN)):
            found.pop()
        words.update(found)
    return words


@cache
def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(word.rstrip("-")) for word in words)


@cache
def _compounds() -> frozenset[str]:
    """Return the joined, folded forms of analyzers/data/compounds.txt (« coconstruction »)."""
    return frozenset(fold(line.replace("-", "")) for line in data_lines("compounds.txt"))


def _known_compound(joined: str) -> bool:
    """Tell a compound of the list, singular or plural."""
    compounds = _compounds()
    return joined in compounds or (joined[-1:] in "sx" and joined[:-1] in compounds)
