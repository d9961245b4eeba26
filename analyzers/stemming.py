"""Snowball French stemming, cached, corrected for its known slips, folded afterwards."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from nltk.stem.snowball import FrenchStemmer
from whoosh.analysis import Filter, Token

from analyzers.folding import fold_word
from analyzers.resources import data_lines

_SNOWBALL = FrenchStemmer()  # pure code: no NLTK data is fetched, ever


def load_exclusions() -> dict[str, str]:
    """Read data/stem_exclusions.txt ("mot = racine") into a folded word -> stem map."""
    exclusions = {}
    for line in data_lines("stem_exclusions.txt"):
        word, _, protected = line.partition("=")
        if not protected.strip():
            raise ValueError(f"stem_exclusions.txt: expected 'mot = racine', got {line!r}")
        exclusions[fold_word(word.strip())] = fold_word(protected.strip())
    return exclusions


EXCLUSIONS = load_exclusions()


def _plural_x(stem: str) -> str:
    # Snowball leaves the -eux plural of -eu nouns whole (lieux, enjeux, milieux).
    return stem[:-1] if stem.endswith("eux") else stem


@lru_cache(maxsize=100_000)
def stem_variants(word: str) -> tuple[str, ...]:
    """Return the folded stem of a lowercase word, then its stem as if typed without accents.

    Snowball keeps accents and reads them in suffixes, so "activités" gives "activ"
    while "activites" gives "activit": indexing both lets an unaccented query meet
    an accented text. The first item is the one a query uses.
    """
    folded = fold_word(word)
    protected = EXCLUSIONS.get(folded)
    if protected is not None:
        return (protected,)
    if any(ch.isdigit() for ch in word):
        return (folded,)  # "39e", "2018": Snowball would eat the ordinal mark
    main = _plural_x(fold_word(_SNOWBALL.stem(word)))
    if folded == word:
        return (main,)
    unaccented = _plural_x(_SNOWBALL.stem(folded))
    return (main,) if unaccented == main else (main, unaccented)


def stem(word: str) -> str:
    """Return the folded stem a query uses for WORD: "Études" -> "etud"."""
    return stem_variants(word.lower())[0]


class FrenchStemFilter(Filter):
    """Replace words by their folded Snowball stems; when indexing, add the unaccented stem.

    >>> from analyzers.tokenizers import FrenchTokenizer
    >>> [t.text for t in (FrenchTokenizer() | FrenchStemFilter())("études etudes lieux")]
    ['etud', 'etud', 'lieu']

    Expects lowercase text. Tokens marked stopped pass through untouched.
    """

    def __init__(self, variants: bool = True) -> None:
        self.variants = variants

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.variants == self.variants

    def __hash__(self) -> int:
        return hash((type(self), self.variants))

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        """Yield each token stemmed, and once more per extra variant outside query mode."""
        variants = self.variants
        for t in tokens:
            if t.stopped:
                yield t
                continue
            stems = stem_variants(t.text)
            t.text = stems[0]
            yield t
            if variants and len(stems) > 1 and t.mode != "query":
                t.text = stems[1]
                yield t
