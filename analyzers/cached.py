"""Analyse each distinct word once, then replay its tokens: the same output, much faster.

Every filter of the French chain works word by word (elisions, ordinals, compounds, stop
words, stems), so the tokens of a word never depend on its neighbours. Indexing sees the
same words over and over; running seven generator filters per occurrence made analysis
the largest cost of a build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.analysis import Analyzer, Token

from analyzers.tokenizers import WORD_PATTERN

MAX_CACHED_WORDS = 500_000
_SENTINEL = "zzz"

# (text, position offset, start offset, end offset, stopped) of one output token
Replay = tuple[tuple[tuple[str, int, int, int, bool], ...], int]


class WordCachedAnalyzer(Analyzer):
    """Wrap a word-by-word analyzer chain with a per-word cache of its output.

    >>> from analyzers import french_analyzer
    >>> fast = WordCachedAnalyzer(french_analyzer())
    >>> [t.text for t in fast("Les tiers-lieux innovants", mode="query")]
    ['tier', 'lieu', 'innov']
    """

    def __init__(self, chain: Analyzer, pattern: re.Pattern[str] = WORD_PATTERN) -> None:
        self.chain = chain
        self.pattern = pattern
        self._cache: dict[tuple[str, str, bool], Replay] = {}
        # mode -> piece of text between spaces -> ((term, offset), ...), width)
        self._terms: dict[str, dict[str, tuple[tuple[tuple[str, int], ...], int]]] = {}

    def __getstate__(self) -> dict:
        # The index stores its schema pickled: keep the cache out of it.
        return {"chain": self.chain, "pattern": self.pattern}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["chain"], state["pattern"])

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.chain == self.chain

    def __hash__(self) -> int:
        return hash((type(self), self.pattern.pattern))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.chain!r})"

    def has_morph(self) -> bool:
        """Tell Whoosh whether the chain changes word forms (for spelling fields)."""
        return self.chain.has_morph()

    def clean(self) -> None:
        """Forget the cached words and let the chain clean itself."""
        self._cache.clear()
        self._terms.clear()
        self.chain.clean()

    def _replay(self, word: str, mode: str, removestops: bool) -> Replay:
        """Return the tokens the chain gives for one word alone, and the positions it takes.

        One run of the chain on the word and a plain word after it gives both: where that
        word lands is how far this one moves the next, and the tokens before it are the
        word's own (stop words marked, then left out if `removestops`: the stop filter
        does not renumber, so the others keep their positions).
        """
        key = (word, mode, removestops)
        replay = self._cache.get(key)
        if replay is None:
            *tokens, after = (
                (t.text, t.pos, t.startchar, t.endchar, t.stopped)
                for t in self.chain(
                    f"{word} {_SENTINEL}", positions=True, chars=True, mode=mode, removestops=False
                )
            )
            if removestops:
                tokens = [token for token in tokens if not token[4]]
            replay = (tuple(tokens), after[1])
            if len(self._cache) >= MAX_CACHED_WORDS:
                self._cache.clear()
            self._cache[key] = replay
        return replay

    def term_positions(self, value: str, mode: str = "index") -> dict[str, list[int]]:
        """Return each term of `value` with its positions, in order of first occurrence.

        What grouping this analyzer's tokens (positions on, stop words removed) gives,
        without making a Token per occurrence: indexing calls it for every field value.
        The text is cut at spaces in C; no word spans a space, so each piece's terms and
        width are replayed from memory ("l'innovation," is one lookup).
        """
        positions: dict[str, list[int]] = {}
        pos = 0
        replays = self._terms.setdefault(mode, {})
        for piece in value.split():
            replay = replays.get(piece)
            if replay is None:
                if len(replays) >= MAX_CACHED_WORDS:
                    replays.clear()
                replay = replays[piece] = self._piece_replay(piece, mode)
            terms, width = replay
            for text, offset in terms:
                found = positions.get(text)
                if found is None:
                    positions[text] = [pos + offset]
                else:
                    found.append(pos + offset)
            pos += width
        return positions

    def _piece_replay(self, piece: str, mode: str) -> tuple[tuple[tuple[str, int], ...], int]:
        """Return the terms of a text without spaces with their offsets, and its width."""
        terms: list[tuple[str, int]] = []
        width = 0
        for word in self.pattern.findall(piece):
            tokens, moved = self._replay(word, mode, True)
            terms += [(token[0], width + token[1]) for token in tokens]
            width += moved
        return tuple(terms), width

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
        """Yield the chain's tokens for `value`, one reused Token as Whoosh expects."""
        if not tokenize:
            yield from self.chain(
                value,
                positions=positions,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                start_pos=start_pos,
                start_char=start_char,
                tokenize=False,
                mode=mode,
                **kwargs,
            )
            return
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for match in self.pattern.finditer(value):
            word = match.group()
            tokens, width = self._replay(word, mode, removestops)
            start = start_char + match.start()
            for text, offset, first, last, stopped in tokens:
                t.text = text
                t.boost = 1.0
                t.stopped = stopped
                if keeporiginal:
                    t.original = word
                if positions:
                    t.pos = pos + offset
                if chars:
                    t.startchar = start + first
                    t.endchar = start + last
                yield t
            pos += width
