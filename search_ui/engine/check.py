"""« Déjà dans le corpus ? »: find the entries a pasted reference most likely designates.

A reference comes in any style (author-date, title only, with typos, with the publisher's
acronym, a subtitle dropped or added). Candidates come from an any-word search; each is
scored on its title (stems, typo-tolerant, subtitle-aware), year, authors and publishers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz.distance import Indel
from rapidfuzz.process import extract

from analyzers import fold, folded_analyzer, query_terms

FOUND, POSSIBLE = 0.75, 0.55
MAX_REFERENCE_LENGTH = 2000
# What each verdict says to a documentalist (pages and `veille check`).
VERDICT_LABELS = {
    "found": "Déjà dans le corpus",
    "possible": "À vérifier",
    "not_found": "Absent du corpus",
}
_SUBTITLE = re.compile(r"(?<=\w)\s?[.?!]\s+|\s+[:–-]\s+")
MIN_OPENING_WORDS = 4  # a reference that gives the title's opening words (its end cut off)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# An entry's id, bare or in its address (« …/entry/3f5f46ff7785 »): it designates the entry.
ENTRY_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{12}(?![0-9a-f])")
MAX_REFERENCE_IDS = 5
_WORD = re.compile(r"[\w'-]+")
_NAME_WORD = re.compile(r"\w+")  # « Provence-Alpes-Côte d'Azur » is four words of a name
_TITLE_WORD = re.compile(r"(\w+(?:['’-]\w+)*)")
# A reference's candidates are fetched with its rarest words in the corpus, and a few of its
# words absent from the corpus (typos) corrected: a bounded query, whatever its length.
MAX_LOOKUP_WORDS = 8
MAX_CONSIDERED_WORDS = 16  # a citation opens a reference; a pasted abstract may follow it
MAX_CORRECTED_WORDS = 3
MIN_CORRECTED_LENGTH = 5
SAME_WORD_RATIO = 0.75  # difflib's ratio between two stems that are one word with a typo
WEIGHTS = {"title": 0.7, "year": 0.1, "authors": 0.15, "publishers": 0.1}
# What a main title alone (its subtitle dropped) is worth, by its number of words.
MAIN_TITLE_WORTH = {1: 0.5, 2: 0.85}


@dataclass
class Candidate:
    """An entry that may be the referenced document, with how well each field matched."""

    record: dict
    score: float
    matched: dict[str, float] = field(default_factory=dict)


@dataclass
class CheckResult:
    """The verdict on a reference and its best candidates."""

    reference: str
    verdict: str  # "found", "possible" or "not_found"
    candidates: list[Candidate]

    def to_api(self, entry_url: Callable[[str], str] | None = None) -> dict:
        """Return the JSON of /api/check; each candidate's "url" is `entry_url(id)`, given by
        the web layer (and the CLI): the engine knows no route."""
        return {
            "reference": self.reference,
            "verdict": self.verdict,
            "candidates": [
                {
                    "id": c.record["id"],
                    "title": c.record["title"],
                    "year": c.record["year"],
                    "authors": c.record["authors"],
                    "publishers": c.record["publishers"],
                    "issue": c.record["issue"],
                    **({"url": entry_url(c.record["id"])} if entry_url else {}),
                    "score": round(c.score, 3),
                    "matched": {k: round(v, 3) for k, v in c.matched.items()},
                }
                for c in self.candidates
            ],
        }


class Reference:
    """A pasted reference analysed once: its stems, and which of them each title stem matches.

    A title stem matches a reference stem when they are equal or, both of four letters or
    more, difflib's ratio reaches SAME_WORD_RATIO (a typo). rapidfuzz's Indel similarity,
    never below difflib's ratio, screens the reference's stems in C, so that difflib runs
    on a few stems only: the work grows with the title, not with the reference's length.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.stems = query_terms(text)
        folded = fold(text)
        self.words = set(_WORD.findall(folded)) | set(_NAME_WORD.findall(folded))
        self.years = {int(y) for y in _YEAR.findall(text)}
        self.ids = set(referenced_ids(text))
        self._matches: dict[str, tuple[int, ...]] = {}

    def matching(self, stem: str) -> tuple[int, ...]:
        """Return the positions of the reference's stems that are the same word as `stem`."""
        found = self._matches.get(stem)
        if found is None:
            screened = extract(
                stem,
                self.stems,
                scorer=Indel.normalized_similarity,
                score_cutoff=SAME_WORD_RATIO - 1e-9,
                limit=None,
            )
            found = tuple(
                sorted(
                    position
                    for word, _, position in screened
                    if word == stem
                    or (
                        min(len(word), len(stem)) >= 4
                        and SequenceMatcher(None, stem, word).ratio() >= SAME_WORD_RATIO
                    )
                )
            )
            self._matches[stem] = found
        return found

    def shared(self, stems: list[str]) -> int:
        """Count the stems found in the reference, each reference stem used once."""
        used: set[int] = set()
        for stem in stems:
            position = next((p for p in self.matching(stem) if p not in used), None)
            if position is not None:
                used.add(position)
        return len(used)

    def opening(self, stems: list[str]) -> int:
        """Count the first stems that the reference holds, up to the first missing one."""
        count = 0
        for stem in stems:
            if not self.matching(stem):
                break
            count += 1
        return count


def referenced_ids(text: str) -> list[str]:
    """Return the entry ids a reference names (an entry's address pasted), the first few."""
    return list(dict.fromkeys(ENTRY_ID.findall(text.lower())))[:MAX_REFERENCE_IDS]


def lookup_words(text: str, counts: Mapping[str, int]) -> tuple[list[str], list[str]]:
    """Return the reference's rarest corpus words, and its longest words the corpus lacks.

    The rarest words say most about which entry is meant (a title's own words, an
    author's name); common words and stop words would fetch half the corpus. They are
    chosen among the reference's first words, where a citation puts title and authors.
    """
    words: dict[str, None] = {}
    for token in folded_analyzer()(text):
        if len(token.text) > 2:
            words[token.text] = None
            if len(words) == MAX_CONSIDERED_WORDS:
                break
    known = sorted((w for w in words if counts.get(w, 0) > 0), key=lambda w: (counts[w], w))
    unknown = sorted(
        (w for w in words if not counts.get(w) and w.isalpha() and len(w) >= MIN_CORRECTED_LENGTH),
        key=lambda w: (-len(w), w),
    )
    return known[:MAX_LOOKUP_WORDS], unknown[:MAX_CORRECTED_WORDS]


@lru_cache(maxsize=64)
def reference_of(text: str) -> Reference:
    """Return the analysed reference (a check scores dozens of candidates against one)."""
    return Reference(text)


def title_similarity(title: str, reference: str, title_stems: list[str] | None = None) -> float:
    """Score how well a reference designates a title, from 0 to 1.

    The whole title inside the reference scores 1 (authors, journal around it); the
    main title alone, before ". ", " : " or " - ", scores high too (subtitle dropped).
    `title_stems` are the title's, when the caller has analysed it already.
    """
    title_stems = query_terms(title) if title_stems is None else title_stems
    analysed = reference_of(reference)
    if not title_stems or not analysed.stems:
        return 0.0
    contained = analysed.shared(title_stems) / len(title_stems)
    main = query_terms(_SUBTITLE.split(title, maxsplit=1)[0])
    if main and len(main) < len(title_stems) and analysed.shared(main) == len(main):
        contained = max(contained, MAIN_TITLE_WORTH.get(len(main), 0.95))
    opening = analysed.opening(title_stems)
    if opening >= MIN_OPENING_WORDS:
        contained = max(contained, 0.8 + 0.2 * opening / len(title_stems))
    return contained


def title_marks(title: str, reference: str) -> list[tuple[str, bool]]:
    """Split a title into pieces, each marked when the reference holds its word (typos too).

    "Rôle des tiers-lieux" against "role des tiers lieu" marks "Rôle" and "tiers-lieux";
    stop words ("des") are never marked: they designate nothing.
    """
    analysed = reference_of(reference)
    pieces = []
    for i, piece in enumerate(_TITLE_WORD.split(title)):
        stems = query_terms(piece) if i % 2 else []
        marked = any(analysed.matching(stem) for stem in stems)
        pieces.append((piece, marked))
    return pieces


def _names_similarity(names: list[str], reference_words: set[str], people: bool) -> float:
    """Return the share of the record's people or organisations named in the reference:
    each by its acronym or its words, half of them for a person (« Godet M. »), more than
    half for an organisation (« Région » alone, in a reference about another région,
    names none)."""
    if not names:
        return 0.0
    hits = 0
    for name in names:
        words = {w for w in _NAME_WORD.findall(fold(name)) if len(w) > 2}
        acronym = re.search(r"\(([^()]+)\)$", name)
        if (
            (words and words <= reference_words)
            or (acronym and fold(acronym.group(1)) in reference_words)
            or (words and _enough_words(len(words & reference_words), len(words), people))
        ):
            hits += 1
    return hits / len(names)


def _enough_words(shared: int, words: int, people: bool) -> bool:
    """Tell whether `shared` of a name's `words` name it: a person's surname among first
    names and initials, more than half of an organisation's."""
    return shared >= max(1, words // 2) if people else 2 * shared > words


def score(record: dict, reference: str) -> Candidate:
    """Score one record against a reference."""
    analysed = reference_of(reference)
    if record["id"] in analysed.ids:  # its address or id: the entry itself
        return Candidate(record, 1.0, {"title": 1.0})
    words, years = analysed.words, analysed.years
    stems = query_terms(record["title"])
    matched = {"title": title_similarity(record["title"], reference, stems)}
    total = WEIGHTS["title"] * matched["title"]
    if years and record["year"]:
        matched["year"] = 1.0 if record["year"] in years else 0.0
        total += WEIGHTS["year"] if record["year"] in years else -WEIGHTS["year"]
    for key in ("authors", "publishers"):
        similarity = _names_similarity(record[key], words, people=key == "authors")
        if similarity:
            matched[key] = similarity
            total += WEIGHTS[key] * similarity
    # Without a year, author or publisher to confirm it, a perfect title is enough; not
    # against another year: a title reused for a later edition or report is another one.
    # The more of the reference the title covers, the surer: a pasted title is its own
    # entry's, before the entries whose shorter title it merely contains.
    if matched["title"] >= 0.95 and matched.get("year") != 0.0:
        covered = analysed.shared(stems) / len(analysed.stems)
        total = max(total, matched["title"] * (0.9 + 0.1 * covered))
    return Candidate(record, max(0.0, min(1.0, total)), matched)


def check(reference: str, candidates: list[dict], limit: int = 5) -> CheckResult:
    """Rank candidate records for a reference and give the verdict."""
    reference = " ".join(reference.split())
    scored = sorted((score(record, reference) for record in candidates), key=lambda c: -c.score)[
        :limit
    ]
    best = scored[0].score if scored else 0.0
    verdict = "found" if best >= FOUND else "possible" if best >= POSSIBLE else "not_found"
    return CheckResult(reference, verdict, scored)
