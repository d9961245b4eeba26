"""Split French text into words, keeping hyphenated compounds, elisions and ordinals whole."""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer

# Ordinals first ("39^e", "27°", "1er", "7ème", "39ᵉ"), so "°" and "^" stay in the token;
# then words whose apostrophes and hyphens are inner ("l'innovation", "tiers-lieux").
# The letter suffixes must end the word: "5 et 6" is not an ordinal.
WORD_PATTERN = re.compile(
    r"\d+(?:\^?(?:i?[eè]mes?|[eè]res?|[eᵉ](?:rs|r|ʳ)?|res?|nde?s?)(?!\w)|°)"
    r"|\w+(?:['’\-‐‑]\w+)*"
)


class FrenchTokenizer(Tokenizer):
    """Yield words with their inner apostrophes and hyphens, and ordinals with their mark.

    >>> [t.text for t in FrenchTokenizer()("L'innovation des tiers-lieux, 39^e rencontre")]
    ["L'innovation", 'des', 'tiers-lieux', '39^e', 'rencontre']
    """

    def __init__(self, pattern: re.Pattern[str] = WORD_PATTERN) -> None:
        self.pattern = pattern

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash((type(self), self.pattern.pattern))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        """Yield one reused Token per word, as Whoosh tokenizers do."""
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        pos = start_pos
        for match in self.pattern.finditer(value):
            t.text = text = match.group()
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = text
            if positions:
                t.pos = pos
                pos += 1
            if chars:
                start, end = match.span()
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t
