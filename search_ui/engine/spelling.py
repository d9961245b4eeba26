"""Spelling suggestions from the corpus' word counts (indexer.build.vocabulary).

Candidates come from Whoosh's own Levenshtein automaton run over the sorted word list,
as its list corrector does; they are ranked as its index-reader corrector ranks them,
most frequent first, so suggestions stay what they were when the words were a field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton
from whoosh.spelling import Corrector, ListCorrector


class VocabularyCorrector(Corrector):
    """Suggest corpus words within an edit distance, the most frequent first."""

    def __init__(self, counts: Counter) -> None:
        self.counts = counts
        self.words = sorted(counts)

    def known(self, word: str) -> bool:
        """Tell whether the corpus has this (folded) word."""
        return self.counts.get(word, 0) > 0

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        if not self.words:
            return
        dfa = levenshtein_automaton(text, maxdist, prefix).to_dfa()
        for word in find_all_matches(dfa, ListCorrector.Skipper(self.words)):
            # whoosh.spelling.ReaderCorrector's score: higher is better.
            yield 0 - (maxdist + (1.0 / (self.counts[word] or 1) * 0.5)), word
