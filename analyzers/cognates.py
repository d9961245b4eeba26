"""French cognates of English words: « attractiveness » -> attractivité, « territory » ->
territoire, « tactical » -> tactique.

The newsletters are French, their readers often search in English. English and French share
most of their learned vocabulary, and its suffixes correspond regularly; the thesaurus
(data/thesaurus.txt) names the terms that differ. Here an English ending is replaced by its
French counterparts, and only candidates that the corpus holds are kept (the caller checks):
a rule that makes a word no entry uses costs nothing.
"""

from __future__ import annotations

# English ending -> French endings, on folded lowercase words; the longest ending applies.
ENDINGS: dict[str, tuple[str, ...]] = {
    "iveness": ("ivite",),  # attractiveness, competitiveness
    "ization": ("isation",),  # urbanization
    "ity": ("ite",),  # mobility, city, capacity
    "ism": ("isme",),  # urbanism, tourism
    "ist": ("iste",),
    "ical": ("ique",),  # tactical, political
    "ics": ("iques", "ique"),  # economics, politics
    "ic": ("ique",),  # public, economic
    "ize": ("iser",),
    "ise": ("iser",),
    "ory": ("oire",),  # territory, history
    "ary": ("aire",),  # solidary, documentary
    "ency": ("ence",),  # agency -> agence
    "ancy": ("ance",),
    "ive": ("if", "ive"),  # collaborative, innovative
    "ous": ("eux", "euse"),
    "al": ("al", "ale", "el", "elle"),  # territorial, cultural -> culturel
    "or": ("eur",),  # actor, innovator
    "er": ("re",),  # center
    "y": ("ie",),  # strategy, economy, technology
}
MIN_STEM = 3  # letters left before the ending


def french_cognates(word: str) -> list[str]:
    """Return the French forms an English word may have, in order, plural kept.

    >>> french_cognates("attractiveness")
    ['attractivite']
    >>> french_cognates("territories")
    ['territoires']
    """
    plural = word.endswith("s") and not word.endswith(("ss", "ics", "ous"))
    singular = word[:-1] if plural else word
    if singular.endswith("ie"):  # territories -> territory
        singular = singular[:-2] + "y"
    for ending in sorted(ENDINGS, key=len, reverse=True):
        stem = singular[: -len(ending)]
        if singular.endswith(ending) and len(stem) >= MIN_STEM:
            return [stem + french + ("s" if plural else "") for french in ENDINGS[ending]]
    return []
