"""The corpus' words as written and how often they occur, kept beside the index for spelling
suggestions, with the derivational families of the stems the index holds.

They used to be a field holding every word of every entry: 42% of the postings a build
wrote, for a word list only the suggestion reads. Builds now keep the counts up to date
themselves: the words of the entries they add are counted in, those of the entries they
delete (read back from the index) counted out.

Words are counted lowercase but accented, as written ("données"), so that a suggestion
shows a word as the entries spell it; spelling folds them (search_ui.engine.spelling).
Hyphenated compounds are counted whole ("tiers-lieux") as well as by their parts, so that
a typo inside a compound is corrected against the compounds of the corpus.
"""

from __future__ import annotations

import os
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.analysis import LowercaseFilter

from analyzers.cached import MAX_CACHED_WORDS
from analyzers.compounds import compound_parts
from analyzers.derivation import derivational_families
from analyzers.filters import ElisionFilter, OrdinalFilter
from analyzers.lexicon import french_words
from analyzers.tokenizers import FrenchTokenizer

VOCABULARY = "vocabulary.npz"
FORMAT = 2  # 2: words as written, compounds whole, families; 1 (no "format"): folded words
_WORDS = FrenchTokenizer() | ElisionFilter() | LowercaseFilter() | OrdinalFilter()
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
    """Turn counts of text pieces as written into counts of the words they hold.

    (The name stayed from when the words were folded here: spelling folds them now.)
    """
    counts: Counter = Counter()
    for piece, count in written.items():
        for token in _piece_tokens(piece):
            counts[token] += count
    return counts


def _piece_tokens(piece: str) -> tuple[str, ...]:
    """Return the lowercase words of one piece of text between spaces, cached.

    Elisions dropped and ordinals unified as the analyzers do; a compound gives its parts,
    and a hyphenated one of letters also itself, its hyphens written "-".
    """
    tokens = _TOKENS.get(piece)
    if tokens is None:
        if len(_TOKENS) >= MAX_CACHED_WORDS:
            _TOKENS.clear()
        words: list[str] = []
        for token in _WORDS(piece):
            text = token.text
            parts = compound_parts(text)
            hyphenated = len(parts) > 1 and any(hyphen in text for hyphen in "-‐‑")
            if hyphenated and all(part.isalpha() for part in parts):
                words.append("-".join(parts))
            words.extend(parts)
        tokens = _TOKENS[piece] = tuple(words)
    return tokens


def count_words(records: Iterable[Mapping[str, Any]]) -> Counter:
    """Count the words of many entries, as written (lowercase)."""
    written: Counter = Counter()
    for record in records:
        add_written_words(written, record)
    return fold_counts(written)


def families_of(counts: Mapping[str, int]) -> dict[str, tuple[str, ...]]:
    """Return the derivational families of the counted words (analyzers.derivation).

    Each word counted is stemmed once (a second for 50,000 words), at build time: a query
    then looks its stem up in a dictionary.
    """
    words = [word for word, count in counts.items() if count > 0 and word.isalpha()]
    return derivational_families(words, french_words())


def save(counts: Counter, generation: Path) -> None:
    """Write the words with a positive count, sorted, and the families of their stems,
    into a generation not yet live."""
    words = sorted(word for word, count in counts.items() if count > 0)
    families = families_of(counts)
    keys = sorted(families)
    temporary = generation / f".{VOCABULARY}.tmp"
    with open(temporary, "wb") as out:
        np.savez(
            out,
            format=np.array(FORMAT),
            words=np.array(words, dtype=str),
            counts=np.array([counts[w] for w in words], dtype=np.int64),
            family_keys=np.array(keys, dtype=str),
            family_stems=np.array([" ".join(families[key]) for key in keys], dtype=str),
        )
        out.flush()
        os.fsync(out.fileno())
    temporary.replace(generation / VOCABULARY)


_UNREADABLE = (OSError, ValueError, KeyError, EOFError, TypeError, AttributeError)


def load(generation: Path) -> Counter | None:
    """Read a generation's word counts; None when the file is absent, unreadable, or of the
    older format that kept folded words only (its words are then counted again)."""
    try:
        with open(generation / VOCABULARY, "rb") as file, np.load(file, allow_pickle=False) as data:
            if "format" not in data.files or int(data["format"]) != FORMAT:
                return None
            return Counter(dict(zip(data["words"].tolist(), data["counts"].tolist(), strict=True)))
    except (*_UNREADABLE, zipfile.BadZipFile):
        return None


def load_families(generation: Path) -> dict[str, tuple[str, ...]]:
    """Read a generation's derivational families: stem -> the other stems of its family.

    Empty when the file is absent, unreadable or older: queries then ask for their words
    alone, as before families were kept.
    """
    try:
        with open(generation / VOCABULARY, "rb") as file, np.load(file, allow_pickle=False) as data:
            if "family_keys" not in data.files:
                return {}
            keys, stems = data["family_keys"].tolist(), data["family_stems"].tolist()
            return {key: tuple(found.split()) for key, found in zip(keys, stems, strict=True)}
    except (*_UNREADABLE, zipfile.BadZipFile):
        return {}
