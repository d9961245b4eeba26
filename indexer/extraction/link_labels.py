"""Tell a link label (« ► L'étude », « ► Le rapport ») from the title of an entry.

A bulletin prints, under each entry, links to the document itself. Read as lines they look
like bulleted titles; they belong to the entry above them and are never entries. The
labels are a data file a documentalist edits: `indexer/data/link_labels.txt`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

from analyzers.folding import fold

_MAX_WORDS = 12  # « Lire l'étude complète · Voir la synthèse · Le site »
# Between labels on one line: « L'étude · La synthèse », « Le rapport | Les annexes ».
_SEPARATOR = r"(?:\s*[·|/•–—►▶]\s*|\s+-\s+|\s+et\s+)"
_VERB = (
    r"(?:(?:lire|voir|consulter|telecharger|acceder(?: a)?|decouvrir|ecouter|regarder"
    r"|read|see|download)\s+)?"
)
_ARTICLE = r"(?:(?:le|la|les|l'|un|une|au|aux|a la|a l'|the)\s*)?"
_QUALIFIER = (
    r"(?:\s+(?:complete?s?|integrale?s?|detaillee?s?|interactive?s?|en ligne"
    r"|en (?:anglais|francais)|pdf|et (?:ses|son|sa|leurs?) annexes?|\([^()]{1,20}\)))?"
)


def parse_labels(text: str) -> list[str]:
    """Read the label file: one label a line, `#` comments and blank lines left out."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _pattern() -> re.Pattern[str]:
    """Compile the labels shipped with the package into one pattern over folded text."""
    text = resources.files("indexer").joinpath("data/link_labels.txt").read_text("utf-8")
    labels = sorted({fold(label) for label in parse_labels(text)}, key=len, reverse=True)
    label = "|".join(re.escape(item).replace(r"\ ", r"\s+") for item in labels)
    of_label = rf"(?:\s+(?:du|de la|de l'|des|de)\s*(?:{label})[sx]?)?"
    one = rf"{_VERB}{_ARTICLE}(?:{label})[sx]?{of_label}{_QUALIFIER}"
    return re.compile(rf"{one}(?:{_SEPARATOR}{one})*")


@lru_cache(maxsize=4096)
def is_link_label(text: str) -> bool:
    """Tell a link label: « L'étude », « Le rapport complet », « Lire la note », « Le site »,
    or several on one line (« L'étude · La synthèse »).

    >>> is_link_label("L'étude"), is_link_label("Étude d'impact du plan vélo")
    (True, False)
    """
    words = text.split()
    if not words or len(words) > _MAX_WORDS:
        return False
    return bool(_pattern().fullmatch(fold(" ".join(words)).strip(" .:;!>»«")))
