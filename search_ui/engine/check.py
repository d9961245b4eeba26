"""« Déjà dans le corpus ? »: find the entries a pasted reference most likely designates.

A reference comes in any style (author-date, title only, with typos, with the publisher's
acronym, a subtitle dropped or added). Candidates come from an any-word search; each is
scored on its title (stems, typo-tolerant, subtitle-aware), year, authors and publishers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from analyzers import fold, query_terms

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
_WORD = re.compile(r"[\w'-]+")
_TITLE_WORD = re.compile(r"(\w+(?:['’-]\w+)*)")
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

    def to_api(self) -> dict:
        """Return the JSON of /api/check."""
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
                    "url": f"/entry/{c.record['id']}",
                    "score": round(c.score, 3),
                    "matched": {k: round(v, 3) for k, v in c.matched.items()},
                }
                for c in self.candidates
            ],
        }


def _same_word(a: str, b: str) -> bool:
    """Tell whether two stems are the same word, allowing a typo in words of 4 letters or more."""
    return a == b or (min(len(a), len(b)) >= 4 and SequenceMatcher(None, a, b).ratio() >= 0.75)


def _shared(title: list[str], reference: list[str]) -> int:
    """Count the title's stems found (typo-tolerant) in the reference."""
    pool = list(reference)
    found = 0
    for stem in title:
        match = next((i for i, word in enumerate(pool) if _same_word(stem, word)), None)
        if match is not None:
            found += 1
            pool.pop(match)
    return found


def title_similarity(title: str, reference: str) -> float:
    """Score how well a reference designates a title, from 0 to 1.

    The whole title inside the reference scores 1 (authors, journal around it); the
    main title alone, before ". ", " : " or " - ", scores high too (subtitle dropped).
    """
    title_stems = query_terms(title)
    reference_stems = query_terms(reference)
    if not title_stems or not reference_stems:
        return 0.0
    contained = _shared(title_stems, reference_stems) / len(title_stems)
    main = query_terms(_SUBTITLE.split(title, maxsplit=1)[0])
    if main and len(main) < len(title_stems) and _shared(main, reference_stems) == len(main):
        contained = max(contained, MAIN_TITLE_WORTH.get(len(main), 0.95))
    opening = _opening(title_stems, reference_stems)
    if opening >= MIN_OPENING_WORDS:
        contained = max(contained, 0.8 + 0.2 * opening / len(title_stems))
    return contained


def title_marks(title: str, reference: str) -> list[tuple[str, bool]]:
    """Split a title into pieces, each marked when the reference holds its word (typos too).

    "Rôle des tiers-lieux" against "role des tiers lieu" marks "Rôle" and "tiers-lieux";
    stop words ("des") are never marked: they designate nothing.
    """
    reference_stems = query_terms(reference)
    pieces = []
    for i, piece in enumerate(_TITLE_WORD.split(title)):
        stems = query_terms(piece) if i % 2 else []
        marked = any(_same_word(stem, word) for stem in stems for word in reference_stems)
        pieces.append((piece, marked))
    return pieces


def _opening(title: list[str], reference: list[str]) -> int:
    """Count the title's first stems that the reference holds, up to the first missing one."""
    count = 0
    for stem in title:
        if not any(_same_word(stem, word) for word in reference):
            break
        count += 1
    return count


def _names_similarity(names: list[str], reference_words: set[str]) -> float:
    """Return the share of the record's people or organisations named in the reference."""
    if not names:
        return 0.0
    hits = 0
    for name in names:
        words = {w for w in _WORD.findall(fold(name)) if len(w) > 2}
        acronym = re.search(r"\(([^()]+)\)$", name)
        if (
            (words and words <= reference_words)
            or (acronym and fold(acronym.group(1)) in reference_words)
            or (words and len(words & reference_words) >= max(1, len(words) // 2))
        ):
            hits += 1
    return hits / len(names)


def score(record: dict, reference: str) -> Candidate:
    """Score one record against a reference."""
    words = set(_WORD.findall(fold(reference)))
    matched = {"title": title_similarity(record["title"], reference)}
    total = WEIGHTS["title"] * matched["title"]
    years = {int(y) for y in _YEAR.findall(reference)}
    if years and record["year"]:
        matched["year"] = 1.0 if record["year"] in years else 0.0
        total += WEIGHTS["year"] if record["year"] in years else -WEIGHTS["year"]
    for key in ("authors", "publishers"):
        similarity = _names_similarity(record[key], words)
        if similarity:
            matched[key] = similarity
            total += WEIGHTS[key] * similarity
    # Without a year, author or publisher to confirm it, a perfect title is enough.
    total = max(total, matched["title"] * 0.95) if matched["title"] >= 0.95 else total
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
