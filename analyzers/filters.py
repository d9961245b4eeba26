"""Small Whoosh filters for French: elisions, ordinals, stop words, folding."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from whoosh.analysis import Filter, StopFilter, Token

from analyzers.folding import fold, fold_word
from analyzers.resources import data_lines

ELISIONS = ("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu")

# An elided article or pronoun, at the start of the word or right after a hyphen.
_ELISION = re.compile(r"(^|[\-‐‑])(?:" + "|".join(ELISIONS) + r")['’](?=\w)", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['’]")
_ORDINAL = re.compile(r"(\d+)\^?(?:i?[eè]mes?|[eè]res?|[eᵉ](?:rs|r|ʳ)?|res?|nde?s?|°)")


class StatelessFilter(Filter):
    """A filter without settings: two of a kind are equal (Whoosh compares analyzers)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))


class ElisionFilter(StatelessFilter):
    """Drop elided articles and pronouns (l' d' qu' jusqu'… with ' or ’) from word starts.

    >>> from analyzers.tokenizers import FrenchTokenizer
    >>> [t.text for t in (FrenchTokenizer() | ElisionFilter())("l'innovation jusqu’alors")]
    ['innovation', 'alors']

    Apostrophes left inside a word are removed: "aujourd'hui" becomes "aujourdhui".
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        """Rewrite each token's text without its elisions."""
        for t in tokens:
            text = t.text
            if "'" in text or "’" in text:
                t.text, skipped = _strip_elisions(text)
                if t.chars:
                    t.startchar += skipped
            yield t


@lru_cache(maxsize=20_000)
def _strip_elisions(text: str) -> tuple[str, int]:
    # Returns the word without elisions or apostrophes, and how many leading chars went.
    match = _ELISION.match(text)
    return _APOSTROPHES.sub("", _ELISION.sub(r"\1", text)), match.end() if match else 0


class OrdinalFilter(StatelessFilter):
    """Write ordinals one way, so "27e", "27ième", "27°", "27^e" and "1er" meet as "27e", "1e".

    >>> from analyzers.tokenizers import FrenchTokenizer
    >>> [t.text for t in (FrenchTokenizer() | OrdinalFilter())("39^e 27ième 5° 1er")]
    ['39e', '27e', '5e', '1e']
    """

    def __init__(self, mark: str = "e") -> None:
        self.mark = mark

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.mark == self.mark

    def __hash__(self) -> int:
        return hash((type(self), self.mark))

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        """Rewrite ordinal tokens; leave every other token alone."""
        for t in tokens:
            text = t.text
            if text[:1].isdigit() and not text.isdigit():
                match = _ORDINAL.fullmatch(text)
                if match:
                    t.text = match.group(1) + self.mark
            yield t


class FoldFilter(StatelessFilter):
    """Strip accents and spell out ligatures, so "œuvre", "Étude" and "etude" compare equal.

    >>> from analyzers.tokenizers import FrenchTokenizer
    >>> [t.text for t in (FrenchTokenizer() | FoldFilter())("mise en œuvre Étude")]
    ['mise', 'en', 'oeuvre', 'etude']
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        """Fold each token's text through the shared cache."""
        for t in tokens:
            t.text = fold_word(t.text)
            yield t


class SingularFilter(StatelessFilter):
    """Drop the plural's final s or x of words over three letters, without stemming.

    >>> from analyzers.tokenizers import FrenchTokenizer
    >>> [t.text for t in (FrenchTokenizer() | SingularFilter())("rapports thèse actes bus")]
    ['rapport', 'thèse', 'acte', 'bus']
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        """Give each plural token its singular."""
        for t in tokens:
            if len(t.text) > 3 and t.text[-1] in "sx":
                t.text = t.text[:-1]
            yield t


def french_stop_words() -> frozenset[str]:
    """Return the shipped stop list with folded variants, so "ou" is stopped like "où"."""
    words = data_lines("stopwords_fr.txt")
    return frozenset(words) | {fold(word) for word in words}


STOP_WORDS = french_stop_words()


def french_stop_filter(stoplist: Iterable[str] = STOP_WORDS) -> StopFilter:
    """Build a StopFilter that keeps positions, so "tiers des lieux" is no phrase "tiers-lieux"."""
    return StopFilter(stoplist=stoplist, minsize=1, renumber=False)
