"""Match compounds written hyphenated, joined or apart: tiers-lieux, co construction, fablab."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from whoosh.analysis import Filter, Token

from analyzers.folding import fold_word
from analyzers.resources import data_lines

_HYPHENS = re.compile(r"[\-‐‑]+")


def load_compounds() -> dict[str, tuple[str, ...]]:
    """Read data/compounds.txt ("fab-lab") into a folded joined form -> parts map."""
    compounds = {}
    for line in data_lines("compounds.txt"):
        parts = tuple(part for part in _HYPHENS.split(line.lower()) if part)
        if len(parts) < 2 or any(" " in part for part in parts):
            raise ValueError(f"compounds.txt: expected parts joined by '-', got {line!r}")
        compounds[fold_word("".join(parts))] = parts
    return compounds


COMPOUNDS = load_compounds()


@lru_cache(maxsize=100_000)
def split_joined(word: str) -> tuple[str, ...] | None:
    """Return the parts of a known joined compound ("fablabs" -> fab, labs), else None."""
    key = fold_word(word)
    parts = COMPOUNDS.get(key)
    if parts is not None:
        return parts
    plural = key[-1:]
    if plural in ("s", "x"):
        parts = COMPOUNDS.get(key[:-1])
        if parts is not None:
            return (*parts[:-1], parts[-1] + plural)
    return None


def compound_parts(word: str) -> tuple[str, ...]:
    """Return the parts of a hyphenated or known joined compound, else the word alone.

    >>> compound_parts("tiers-lieux"), compound_parts("fablab"), compound_parts("lieu")
    (('tiers', 'lieux'), ('fab', 'lab'), ('lieu',))
    """
    pieces = tuple(piece for piece in _HYPHENS.split(word) if piece)
    if len(pieces) > 1:
        return pieces
    return split_joined(word) or (pieces[0] if pieces else word,)


class CompoundFilter(Filter):
    """Split compounds into parts at successive positions; when indexing, add the joined form.

    >>> from analyzers.tokenizers import FrenchTokenizer
    >>> [(t.text, t.pos) for t in (FrenchTokenizer() | CompoundFilter())(
    ...     "des tiers-lieux ici", positions=True, mode="index")]
    [('des', 0), ('tierslieux', 1), ('tiers', 1), ('lieux', 2), ('ici', 3)]

    Hyphenated words are split whatever they are; joined words only when listed in
    data/compounds.txt. Later tokens move along, so "tiers-lieux" takes the positions
    "tiers lieux" would and phrases match either writing. A query ("query" mode) gets the
    parts only: they are what every writing of the compound has in common in the index.
    With merge=False the joined form is never emitted.

    A query for a hyphenated word with a stop word inside ("Île-de-France") gets the
    joined form alone: once the stop word is gone, Whoosh would join the other parts into
    a phrase without the gap the index keeps, and find nothing. Pass the stop list the
    analyzer uses as STOPLIST for that.
    """

    def __init__(self, merge: bool = True, stoplist: Iterable[str] = ()) -> None:
        self.merge = merge
        self.stops = frozenset(stoplist)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.merge == self.merge and other.stops == self.stops

    def __hash__(self) -> int:
        return hash((type(self), self.merge, self.stops))

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        """Yield tokens, each compound replaced by its parts (and joined form)."""
        shift = 0
        for t in tokens:
            if shift and t.positions:
                t.pos += shift
            text = t.text
            if "-" in text or "‐" in text or "‑" in text:
                pieces = [piece for piece in _HYPHENS.split(text) if piece]
                joined = "".join(pieces)
                if len(pieces) < 2:
                    t.text = joined or text
                    yield t
                    continue
                if joined.isdigit():  # "2015-2018" is a range, not a word
                    joined = ""
            else:
                parts = split_joined(text)
                if parts is None:
                    yield t
                    continue
                pieces, joined = list(parts), text
            shift += len(pieces) - 1
            if self.merge and joined:
                if t.mode != "query":
                    t.text = joined
                    yield t
                elif joined != text and not self.stops.isdisjoint(pieces):
                    t.text = joined
                    yield t
                    continue
            yield from self._parts(t, pieces, 1 if joined != text else 0)

    @staticmethod
    def _parts(t: Token, pieces: list[str], sep: int) -> Iterator[Token]:
        # Char offsets assume the token text still spans its source characters one to one.
        pos = t.pos if t.positions else 0
        start = t.startchar if t.chars else 0
        end = t.endchar if t.chars else 0
        offset = start
        for i, piece in enumerate(pieces):
            t.text = piece
            t.stopped = False
            if t.positions:
                t.pos = pos + i
            if t.chars:
                t.startchar = min(offset, end)
                t.endchar = min(offset + len(piece), end)
                offset = t.endchar + sep
            yield t
