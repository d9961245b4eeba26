"""Spelling suggestions from the corpus' word counts (indexer.build.vocabulary).

Candidates are the corpus words within an edit distance that start as the typed word
does, the nearest first, then the most frequent. Distances are rapidfuzz's optimal string
alignment, where two letters swapped are one edit (« agnets » is one from « agents »), over
the words of the lengths that distance allows: Whoosh's Levenshtein automaton, used before,
counts a swap as two edits and, walking a word list, misses words it accepts (« agents »
for « agnets »). Words are compared folded ("donnees") and shown as the entries most often
write them ("données"); hyphenated compounds ("tiers-lieux") are a list of their own.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from analyzers import fold, stem
from analyzers.cognates import french_cognates, looks_english
from analyzers.filters import ELISIONS
from analyzers.lexicon import is_french

_HYPHENS = re.compile(r"[\-‐‑]+")
# An elided article or pronoun before a word (« d'inovation »): kept, the word corrected.
_ELIDED = re.compile(r"^((?:" + "|".join(ELISIONS) + r")['’])(.+)$", re.IGNORECASE)


class CountsCorrector:
    """Suggest words of a count table within an edit distance: the nearest first, then the
    most frequent, then the first in alphabetical order."""

    def __init__(self, counts: Counter) -> None:
        self.counts = counts
        self.words = sorted(counts)
        self._by_start: dict[tuple[str, int], list[str]] = {}  # (first letter, length)
        for word in self.words:
            self._by_start.setdefault((word[:1], len(word)), []).append(word)

    def known(self, word: str) -> bool:
        """Tell whether the corpus has this (folded) word."""
        return self.counts.get(word, 0) > 0

    def suggest(self, text: str, limit: int = 5, maxdist: int = 2, prefix: int = 0) -> list[str]:
        """Return at most `limit` words other than `text` within `maxdist` edits of it,
        sharing its first `prefix` letters, the best first."""
        start = text[:prefix]
        found = process.extract_iter(
            text, self._pool(text, maxdist, prefix), scorer=OSA.distance, score_cutoff=maxdist
        )
        scored = (
            (distance, -self.counts[word], word)
            for word, distance, _ in found
            if word != text and word.startswith(start)
        )
        return [word for _, _, word in heapq.nsmallest(limit, scored)]

    def _pool(self, text: str, maxdist: int, prefix: int) -> list[str]:
        """Return the words whose length is within `maxdist` of the text's, with its first
        letter when a prefix is asked for (a fraction of the vocabulary)."""
        lengths = range(max(1, len(text) - maxdist), len(text) + maxdist + 1)
        if prefix:
            return [w for n in lengths for w in self._by_start.get((text[:1], n), ())]
        return [w for w in self.words if len(w) in lengths]


# A word of letters typed alone (not a field name before ":", not inside another word).
_PLAIN_WORD = re.compile(r"(?<![\w:.\-])([^\W\d_]+)(?![\w:])")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


def with_accents(text: str, spelled: Callable[[str], str]) -> str:
    """Give the words of a query typed without accents the accents the entries write them
    with (« developpees » -> « développées »), so that it finds what the accented query finds.

    Snowball reads accents in suffixes: « développées » stems to developp, « developpees »
    to developpe, and the index holds the accented texts under both only when written
    with accents. A word the entries most often write as typed, an operator, a field
    name or a word with accents is left alone; `spelled` gives a folded word as the
    entries most often write it (VocabularyCorrector.spelled).

    >>> with_accents("developpees ET Economie title:ecole", {"developpees": "développées",
    ...     "economie": "économie", "ecole": "école"}.get)
    'développées ET Économie title:ecole'
    """

    def restored(match: re.Match[str]) -> str:
        word = match.group()
        lower = word.lower()
        if word in _OPERATORS or not lower.isascii():
            return word
        written = spelled(lower) or lower
        if written == lower or fold(written) != lower:
            return word
        return written[0].upper() + written[1:] if word[0].isupper() else written

    return _PLAIN_WORD.sub(restored, text)


class VocabularyCorrector(CountsCorrector):
    """Suggest corpus words within an edit distance, the most frequent first.

    Built from the counts of words as written (older generations: folded words); `counts`
    are the folded words', `compounds` corrects hyphenated compounds, `spelled` gives a
    folded word back as the entries write it.
    """

    def __init__(self, written: Mapping[str, int]) -> None:
        words = [word for word, count in written.items() if count > 0]
        folded = _fold_all(words)
        counts: Counter = Counter()
        compounds: Counter = Counter()
        best: dict[str, tuple[int, str]] = {}
        for word, key in zip(words, folded, strict=True):
            count = written[word]
            (compounds if "-" in key else counts)[key] += count
            if count > best.get(key, (0, ""))[0]:
                best[key] = (count, word)
        super().__init__(counts)
        self.compounds = CountsCorrector(compounds)
        self._spellings = {key: word for key, (_, word) in best.items()}

    def spelled(self, folded: str) -> str:
        """Return a folded corpus word as the entries most often write it."""
        return self._spellings.get(folded, folded)


def _fold_all(words: list[str]) -> list[str]:
    """Fold many words in one call (folding keeps newlines), each alone if one holds one."""
    folded = fold("\n".join(words)).split("\n")
    return folded if len(folded) == len(words) else [fold(word) for word in words]


@dataclass(frozen=True)
class Spelling:
    """What spelling says of a query that found nothing."""

    suggestion: str | None  # the query, its misspelt words replaced by corpus words
    absent: tuple[str, ...]  # words spelt right (French) that no entry holds


def check_spelling(
    words: tuple[str, ...], corrector: VocabularyCorrector, indexed: Callable[[str], bool]
) -> Spelling:
    """Correct the misspelt words of a query; tell the French words no entry holds.

    A word is left alone when the corpus has it, when the index has its stem (« ouvertes »
    where entries say « ouverte »: `indexed` tells) or when it is French: « commande » is
    no typo of « commence », it is a word no entry holds, and it is reported as such.
    A hyphenated compound is corrected whole against the corpus' compounds (« tier-lieux »
    -> « tiers-lieux »), else part by part. Corrections are written as the entries write
    them, never as stems; an elided article stays as typed (« d'inovation » ->
    « d'innovation »).
    """
    out: list[str] = []
    absent: list[str] = []
    for word in words:
        bare = word.strip("*?")
        if bare != word or not bare:  # wildcards stand for words: nothing to correct
            out.append(word)
            continue
        elided = _ELIDED.match(bare)
        article, bare = elided.groups() if elided else ("", bare)
        parts = [part for part in _HYPHENS.split(fold(bare)) if part]
        if len(parts) > 1:
            out.append(article + _compound(bare, parts, corrector, indexed, absent))
        else:
            out.append(article + _word(bare, corrector, indexed, absent))
    changed = out != list(words)
    return Spelling(" ".join(out) if changed else None, tuple(dict.fromkeys(absent)))


def _word(
    word: str, corrector: VocabularyCorrector, indexed: Callable[[str], bool], absent: list[str]
) -> str:
    """Return one word, or the corpus word it is a typo of."""
    folded = fold(word)
    if len(folded) < 3 or not folded.isalpha() or corrector.known(folded) or indexed(word):
        return word
    cognate = _cognate(corrector, folded)
    if cognate is None and is_french(folded):
        absent.append(word)
        return word
    candidates = _nearest(corrector, folded)
    if cognate is not None and not (
        candidates and OSA.distance(folded, candidates[0]) <= OSA.distance(folded, cognate)
    ):
        return corrector.spelled(cognate)
    if not candidates or stem(candidates[0]) == stem(folded):
        return word
    return corrector.spelled(candidates[0])


def _cognate(corrector: VocabularyCorrector, folded: str) -> str | None:
    """Return the French cognate of an English word that the entries use, the most frequent
    (« attractiveness » -> attractivite); a word the French list holds only when it ends as
    English words do (« strategy »). A typo correction as near wins over it: « auters » is
    « auteurs » or « autres », whichever the entries use more, not « autres » by a rule."""
    if is_french(folded) and not looks_english(folded):
        return None
    known = [c for c in french_cognates(folded) if corrector.known(c)]
    return max(known, key=lambda c: corrector.counts[c]) if known else None


def _compound(
    word: str,
    parts: list[str],
    corrector: VocabularyCorrector,
    indexed: Callable[[str], bool],
    absent: list[str],
) -> str:
    """Return a hyphenated word, or the corpus compound it is a typo of, or its parts fixed."""
    joined = "-".join(parts)
    if not all(part.isalpha() for part in parts) or corrector.compounds.known(joined):
        return word
    candidates = _nearest(corrector.compounds, joined)
    if candidates:
        return corrector.spelled(candidates[0])
    fixed = [_word(part, corrector, indexed, absent) for part in parts]
    return "-".join(fixed) if fixed != parts else word


def _nearest(corrector: CountsCorrector, folded: str) -> list[str]:
    """Return the most frequent word one edit away, else two: « politque » gives
    « politique », not the more frequent « politiques »; « agnets » gives « agents » (a
    swap), not the more frequent « années » (two letters replaced)."""
    return corrector.suggest(folded, limit=1, maxdist=2, prefix=1)
