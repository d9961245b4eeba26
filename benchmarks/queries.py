"""A deterministic query set drawn from a corpus' own vocabulary.

The classes cover what makes a search page cheap or dear: hit counts from a handful to most
of the corpus, phrases, facet selections (which change the disjunctive counts), browsing
without a query, a deep page, and a typo that sends the service into its suggestion path.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from analyzers.folding import fold
from search_ui.engine.criteria import SearchRequest, request_from_pairs

_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class BenchQuery:
    """One search page to time: a label, its class, and its URL parameters."""

    label: str
    kind: str
    pairs: tuple[tuple[str, str], ...]

    @property
    def request(self) -> SearchRequest:
        """Return the search request, parsed as the CLI and the web parse theirs."""
        return request_from_pairs(self.pairs)


def _stop_words() -> frozenset[str]:
    """Return the product's French stop list, folded: stop words are not queries."""
    text = resources.files("analyzers").joinpath("data/stopwords_fr.txt").read_text("utf-8")
    return frozenset(
        fold(w) for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


def _words(text: str, stop: frozenset[str]) -> list[str]:
    """Return the lower-case content words of a text, in order."""
    return [w.lower() for w in _WORD.findall(text) if fold(w) not in stop]


def vocabulary(records: Iterable[Mapping[str, Any]]) -> tuple[Counter, dict[str, str]]:
    """Count in how many entries each folded word appears; remember a written form of each."""
    stop = _stop_words()
    frequency: Counter = Counter()
    written: dict[str, str] = {}
    for record in records:
        words = _words(f"{record['title']} {record['description']}", stop)
        for word in words:
            written.setdefault(fold(word), word)
        frequency.update({fold(word) for word in words})
    return frequency, written


def _top(counts: Counter) -> str:
    """Return the most frequent value (ties broken by value, for determinism)."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def build_queries(records: list[Mapping[str, Any]], seed: int = 7) -> list[BenchQuery]:
    """Draw the benchmark queries from the records; the same records give the same queries."""
    rng = random.Random(seed)
    frequency, written = vocabulary(records)
    ranked = sorted(frequency, key=lambda w: (-frequency[w], w))
    common = [written[w] for w in ranked[:12]]
    middle_band = [w for w in ranked if 0.01 <= frequency[w] / len(records) <= 0.05]
    middle = [written[w] for w in middle_band] or common
    rare = [written[w] for w in ranked if frequency[w] <= 3] or [written[ranked[-1]]]
    stop = _stop_words()
    titles = sorted({r["title"] for r in records if len(_words(r["title"], stop)) >= 3})
    types = Counter(r["doc_type"] for r in records)
    years = Counter(str(r["year"]) for r in records if r["year"])
    publishers = Counter(p for r in records for p in r["publishers"])
    top_type, top_year, top_publisher = _top(types), _top(years), _top(publishers)
    second_type = _top(types - Counter({top_type: types[top_type]}))
    second_year = _top(years - Counter({top_year: years[top_year]}))

    def title_words(count: int) -> list[str]:
        words = _words(rng.choice(titles), stop)
        start = rng.randrange(0, len(words) - count + 1)
        return words[start : start + count]

    typo_source = rng.choice([w for w in common if len(w) >= 7] or common)
    cut = len(typo_source) // 2
    queries = [
        *(BenchQuery(f"« {w} »", "mot fréquent", (("q", w),)) for w in rng.sample(common, 2)),
        *(BenchQuery(f"« {w} »", "mot moyen", (("q", w),)) for w in rng.sample(middle, 2)),
        *(BenchQuery(f"« {w} »", "mot rare", (("q", w),)) for w in rng.sample(rare, 2)),
        *(
            BenchQuery(f"« {q} »", "deux mots", (("q", q),))
            for q in (" ".join(title_words(2)) for _ in range(2))
        ),
        BenchQuery(
            "« " + " ".join(words := title_words(3)) + " »", "trois mots", (("q", " ".join(words)),)
        ),
        *(
            BenchQuery(f"« {q} »", "phrase", (("q", q),))
            for q in (f'"{" ".join(title_words(2))}"' for _ in range(2))
        ),
        BenchQuery(
            f"« {typo_source[:cut] + typo_source[cut + 1 :]} »",
            "faute de frappe",
            (("q", typo_source[:cut] + typo_source[cut + 1 :]),),
        ),
        BenchQuery(f"« {common[0]} » + type", "mot + type", (("q", common[0]), ("type", top_type))),
        BenchQuery(
            f"« {middle[0]} » + année", "mot + année", (("q", middle[0]), ("year", top_year))
        ),
        BenchQuery(
            f"« {common[1]} » + éditeur",
            "mot + éditeur",
            (("q", common[1]), ("publisher", top_publisher)),
        ),
        BenchQuery(
            f"« {common[2]} » + 2 types × 2 années",
            "mot + 2 facettes",
            (
                ("q", common[2]),
                ("type", top_type),
                ("type", second_type),
                ("year", top_year),
                ("year", second_year),
            ),
        ),
        BenchQuery("(vide) parcours", "parcours", ()),
        BenchQuery("(vide) + éditeur", "parcours + éditeur", (("publisher", top_publisher),)),
        BenchQuery(f"« {common[0]} » page 20", "page 20", (("q", common[0]), ("page", "20"))),
    ]
    return queries
