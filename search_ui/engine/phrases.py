"""Which of a few documents hold a phrase, reading word positions in those documents only.

Whoosh finds a phrase with a span matcher that checks word positions in every document
holding all its words, from the first: even its `skip_to` walks the documents in between
(and so does building it). Asking about the best 1,000 of the 14,642 hits of two common
words cost as much as finding every match (1.7 s at 100,000 entries). Here each word's
term matcher goes straight to the block of each asked document, through the word's block
directory (read once per generation, then kept), and positions are compared in the asked
documents alone, as Whoosh's `SpanNear2` does for a phrase: each word 1 to `slop`
positions after the previous one. The directories of common words are written by the
build (indexer.build.frequent_postings); the others are read on first use.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from whoosh.query import Phrase
from whoosh.searching import Searcher

from indexer.build.frequent_postings import FrequentPostings
from indexer.whoosh_internals.postings import BlockDirectory, has_blocks

MAX_DIRECTORIES = 4096  # words × segments; a directory is two short lists per term


class Directories:
    """The block directories of the phrase words met on one generation: those the build
    wrote, and the latest read."""

    def __init__(self, written: FrequentPostings | None = None) -> None:
        self._written = written
        self._kept: OrderedDict[tuple[int, str, bytes], BlockDirectory] = OrderedDict()
        self._lock = threading.Lock()

    def word(self, reader, offset: int, fieldname: str, text: bytes) -> _Word:
        """Return a word's matcher in one segment (at `offset`), with its directory."""
        matcher = reader.postings(fieldname, text)
        if not has_blocks(matcher):  # a term of one posting is stored inline, unblocked
            return _Word(matcher, None)
        if self._written is not None:
            directory = self._written.directory(offset, fieldname, text)
            if directory is not None:
                return _Word(matcher, directory)
        key = (offset, fieldname, text)
        with self._lock:
            directory = self._kept.get(key)
            if directory is not None:
                self._kept.move_to_end(key)
        if directory is None:
            directory = BlockDirectory.read(reader.postings(fieldname, text))
            with self._lock:
                self._kept[key] = directory
                while len(self._kept) > MAX_DIRECTORIES:
                    self._kept.popitem(last=False)
        return _Word(matcher, directory)


class _Word:
    """One word's postings in one segment, moved from asked document to asked document."""

    def __init__(self, matcher, directory: BlockDirectory | None) -> None:
        self.matcher, self.directory = matcher, directory

    def positions_at(self, document: int) -> list[int] | None:
        """Return the word's positions in a document, or None if the document lacks it."""
        matcher = self.matcher
        if self.directory is not None:
            if not self.directory.seek(matcher, document):
                return None
        else:
            if matcher.is_active() and matcher.id() < document:
                matcher.skip_to(document)
            if not (matcher.is_active() and matcher.id() == document):
                return None
        return matcher.value_as("positions")


def phrase_among(
    q: Phrase, searcher: Searcher, documents: np.ndarray, directories: Directories
) -> np.ndarray:
    """Return the documents (sorted numbers) among `documents` that hold the phrase `q`."""
    found: list[int] = []
    if q.fieldname not in searcher.schema or not q.words:
        return np.zeros(0, dtype=np.int64)
    words = [searcher.schema[q.fieldname].to_bytes(word) for word in q.words]
    for leaf, offset in searcher.leaf_searchers():
        end = offset + leaf.doc_count_all()
        inside = documents[(documents >= offset) & (documents < end)] - offset
        reader = leaf.reader()
        if not len(inside) or any((q.fieldname, word) not in reader for word in words):
            continue
        matchers = [directories.word(reader, offset, q.fieldname, word) for word in words]
        for document in inside.tolist():
            positions = []
            for matcher in matchers:
                at = matcher.positions_at(document)
                if at is None:
                    break
                positions.append(at)
            else:
                if _in_sequence(positions, q.slop):
                    found.append(document + offset)
    return np.array(found, dtype=np.int64)


def _in_sequence(positions: list[list[int]], slop: int) -> bool:
    """Tell whether each word occurs 1 to `slop` positions after an occurrence of the last.

    >>> _in_sequence([[3, 9], [10], [11]], 1), _in_sequence([[3], [5]], 1)
    (True, False)
    >>> _in_sequence([[3], [5]], 2)
    True
    """
    reached = set(positions[0])
    for following in positions[1:]:
        reached = {p for p in following if any(1 <= p - q <= slop for q in reached)}
        if not reached:
            return False
    return True
