"""The French word list shipped in data/french_words.txt.gz: which words are French.

The list comes from the wordfreq package (see analyzers.refresh_lexicon, which writes it);
the package itself is never imported. Spelling leaves a French word alone even when no
entry holds it, and derivational families are checked against it.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

from analyzers.folding import fold

LEXICON_FILE = "french_words.txt.gz"


@cache
def french_words() -> dict[str, str]:
    """Return the shipped French words, folded -> as written ("numeriser" -> "numériser").

    Read on first use (about 100,000 words, a fifth of a second), then kept.
    """
    raw = resources.files("analyzers").joinpath("data", LEXICON_FILE).read_bytes()
    written = [
        line for line in gzip.decompress(raw).decode("utf-8").splitlines() if line[:1] != "#"
    ]
    # Folding keeps newlines: one call for the whole list instead of one per word.
    folded = fold("\n".join(written)).split("\n")
    words: dict[str, str] = {}
    for key, word in zip(folded, written, strict=True):
        if words.get(key, key) == key:  # the accented spelling, when there is one, wins
            words[key] = word
    return words


def is_french(word: str) -> bool:
    """Tell whether WORD, in any case and with or without accents, is a French word.

    >>> is_french("Numériser"), is_french("numeriser"), is_french("inovation")
    (True, True, False)
    """
    return fold(word) in french_words()
