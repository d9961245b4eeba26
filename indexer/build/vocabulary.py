"""The corpus' words and how often they occur, kept beside the index for spelling suggestions.

They used to be a field holding every word of every entry: 42% of the postings a build
wrote, for a word list only the suggestion reads. Builds now keep the counts up to date
themselves: the words of the entries they add are counted in, those of the entries they
delete (read back from the index) counted out.
"""

from __future__ import annotations

import os
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from analyzers import folded_chain
from analyzers.cached import MAX_CACHED_WORDS

VOCABULARY = "vocabulary.npz"
_CHAIN = folded_chain()  # each word goes through once: no need for the word cache's replays
_TOKENS: dict[str, tuple[str, ...]] = {}


def add_written_words(written: Counter, record: Mapping[str, Any]) -> None:
    """Count one entry's text as written into `written`, for `fold_counts` to fold later.

    What is counted is the text between spaces ("l'innovation,"), split in C. Running the
    analyzer costs Python calls, so it is left to `fold_counts`, once per distinct piece
    of a build. No word spans a space and the analyzer works word by word, so the terms
    of the pieces are the terms of the text.
    """
    names = " ".join([*record["authors"], *record["publishers"]])
    text = " ".join(
        (record["title"], record["description"], names, record["source"], record["section"])
    )
    written.update(text.split())


def fold_counts(written: Mapping[str, int]) -> Counter:
    """Turn counts of text as written into counts of the folded analyzer's terms."""
    counts: Counter = Counter()
    for piece, count in written.items():
        for token in _piece_tokens(piece):
            counts[token] += count
    return counts


def _piece_tokens(piece: str) -> tuple[str, ...]:
    """Return the folded analyzer's terms for one piece of text between spaces, cached."""
    tokens = _TOKENS.get(piece)
    if tokens is None:
        if len(_TOKENS) >= MAX_CACHED_WORDS:
            _TOKENS.clear()
        tokens = _TOKENS[piece] = tuple(token.text for token in _CHAIN(piece))
    return tokens


def count_words(records: Iterable[Mapping[str, Any]]) -> Counter:
    """Count the folded words of many entries."""
    written: Counter = Counter()
    for record in records:
        add_written_words(written, record)
    return fold_counts(written)


def save(counts: Counter, generation: Path) -> None:
    """Write the words with a positive count, sorted, into a generation not yet live."""
    words = sorted(word for word, count in counts.items() if count > 0)
    temporary = generation / f".{VOCABULARY}.tmp"
    with open(temporary, "wb") as out:
        np.savez(
            out,
            words=np.array(words, dtype=str),
            counts=np.array([counts[w] for w in words], dtype=np.int64),
        )
        out.flush()
        os.fsync(out.fileno())
    temporary.replace(generation / VOCABULARY)


def load(generation: Path) -> Counter | None:
    """Read a generation's word counts; None when the file is absent or unreadable."""
    try:
        with open(generation / VOCABULARY, "rb") as file, np.load(file, allow_pickle=False) as data:
            return Counter(dict(zip(data["words"].tolist(), data["counts"].tolist(), strict=True)))
    except (OSError, ValueError, KeyError, EOFError, TypeError, AttributeError, zipfile.BadZipFile):
        return None
