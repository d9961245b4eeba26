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
# Endings no French word has, or nearly: a word ending so is English even when the French
# word list (built from text that quotes English) holds it (« strategy », « policy »).
ENGLISH_ENDINGS = (
    "iveness", "ization", "ity", "ism", "ical", "ics", "ic", "ory", "ary", "ency", "ancy", "y",
    "or",
)  # fmt: skip
# English words whose French look-alike means something else.
FALSE_FRIENDS = frozenset(
    {
        "actual", "actually", "eventual", "eventually", "library", "libraries", "vacancy",
        "vacancies", "emergency", "emergencies", "editor", "editors", "floor", "sensible",
        "sympathetic", "preservative", "deception", "injury", "resume", "lecture",
    }
)  # fmt: skip


def french_cognates(word: str) -> list[str]:
    """Return the French forms an English word may have, in order, plural kept.

    >>> french_cognates("attractiveness")
    ['attractivite']
    >>> french_cognates("territories")
    ['territoires']
    """
    if word in FALSE_FRIENDS:
        return []
    plural = word.endswith("s") and not word.endswith(("ss", "ics", "ous"))
    singular = word[:-1] if plural else word
    if singular.endswith("ie"):  # territories -> territory
        singular = singular[:-2] + "y"
    for ending in sorted(ENDINGS, key=len, reverse=True):
        stem = singular[: -len(ending)]
        if singular.endswith(ending) and len(stem) >= MIN_STEM:
            return [stem + french + ("s" if plural else "") for french in ENDINGS[ending]]
    return []


def looks_english(word: str) -> bool:
    """Tell whether a folded word ends as English words do and French ones do not.

    >>> looks_english("strategy"), looks_english("territories"), looks_english("strategie")
    (True, True, False)
    """
    singular = word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")
    return singular.endswith(ENGLISH_ENDINGS) and not singular.endswith("ee")
