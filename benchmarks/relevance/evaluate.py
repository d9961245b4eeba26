"""Ask every need of both engines, score their answers, and average the scores per kind.

veille answers through `SearchService.search`, the code path of /api/search, with the
request parsed as the API parses its URL; its first page of ten is what is scored, the
hits of the spelling suggestion or of any word included when the query's own words found
nothing (the page shows them, flagged `relaxed`). FTS5 answers through the baseline of
benchmarks/fts5.py, built from the same extracted entries.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import fts5
from benchmarks.relevance.judgments import KINDS, Need
from benchmarks.relevance.metrics import mean, ndcg, recall, reciprocal_rank
from indexer.build.builder import build_index
from indexer.extraction.corpus import extract_paths
from search_ui.engine.criteria import SearchRequest, parse_request
from search_ui.engine.search import SearchService

K = 10  # the first page a user reads
ENGINES = ("veille", "fts5")
# The figures of each need, and the mean of each over a kind. The first four need a
# relevant entry; "zero" and "unmatched" are shares of needs.
METRICS = ("ndcg", "recall", "mrr", "recall_all", "zero", "unmatched")
RANKED = METRICS[:4]
ANSWERABLE = "answerable"  # the row of every need but the unanswerable ones
SIMILAR = 5  # « Documents proches » an entry's page lists


@dataclass(frozen=True)
class Answer:
    """What an engine shows for one query: its first K ids, every hit, and whether they
    come from a fallback because the query's own words found nothing (and veille's
    spelling suggestion, if it made one)."""

    top: list[str]
    every: list[str]
    relaxed: bool = False
    suggestion: str | None = None


def build_engines(seeds: Path, work: Path) -> tuple[Path, Path]:
    """Index the newsletters under `seeds` for veille and for FTS5 in `work`; return the
    index directory and the FTS5 database."""
    index = work / "index"
    build_index([seeds], index)
    database = work / "fts5.db"
    fts5.build((entry.to_dict() for entry in extract_paths([seeds]).entries), database)
    return index, database


def veille_answers(index: Path, needs: Iterable[Need]) -> dict[str, Answer]:
    """Ask each need's query of veille's search service, as /api/search asks it."""
    service = SearchService(index, cache_size=0)
    answers = {}
    try:
        for need in needs:
            request = parse_request({"q": [need.query], "per_page": [str(K)]})
            result = service.search(request)
            every = [record["id"] for record in service.hit_records(request)]
            top = [hit.id for hit in result.hits]
            answers[need.need] = Answer(top, every, result.relaxed, result.suggestion)
    finally:
        service.close()
    return answers


def similar_answers(index: Path, needs: Iterable[Need]) -> dict[str, tuple[int, int]]:
    """Ask, for each need, the « Documents proches » of every entry squarely relevant to it
    (grade 2): return how many of those listed are relevant to the need, out of how many.

    An entry's page lists entries like it; for an entry that answers a need best, the
    entries answering the same need are the ones a reader hopes to find there.
    """
    service = SearchService(index, cache_size=0)
    counts = {}
    try:
        for need in needs:
            wanted = {judged.entry for judged in need.judged}
            found = shown = 0
            for judged in need.judged:
                if judged.grade == 2:
                    listed = [record["id"] for record in service.similar(judged.entry, SIMILAR)]
                    found += len(wanted.intersection(listed))
                    shown += len(listed)
            counts[need.need] = (found, shown)
    finally:
        service.close()
    return counts


def similar_precision(counts: list[tuple[int, int]]) -> float:
    """Return the share of relevant entries among every « Documents proches » listed."""
    shown = sum(listed for _, listed in counts)
    return sum(found for found, _ in counts) / shown if shown else math.nan


def fts5_answers(database: Path, needs: Iterable[Need]) -> dict[str, Answer]:
    """Ask each need's query of the FTS5 baseline: every hit in its bm25() order."""
    search = fts5.Fts5Search(database)
    answers = {}
    try:
        for need in needs:
            page = search.page(SearchRequest(q=need.query, per_page=1_000_000))
            answers[need.need] = Answer(page.ids[:K], page.ids)
    finally:
        search.close()
    return answers


def score(need: Need, answer: Answer) -> dict[str, float]:
    """Return the figures of one answer: the ranked ones for a need the seed can answer;
    for every need, whether nothing was shown ("zero") and whether the query's own words
    found nothing ("unmatched": nothing shown, or only a fallback)."""
    figures = {"zero": float(not answer.top), "unmatched": float(not answer.top or answer.relaxed)}
    if need.answerable:
        grades = need.grades
        figures["ndcg"] = ndcg(answer.top, grades, K)
        figures["recall"] = recall(answer.top, grades, K)
        figures["mrr"] = reciprocal_rank(answer.top, grades, K)
        figures["recall_all"] = recall(answer.every, grades, None)
    return figures


def summarise(needs: list[Need], scores: dict[str, dict[str, float]]) -> dict[str, dict]:
    """Average the figures of `needs` per kind, then over every answerable need; each row
    holds its number of needs. Ranked figures of the unanswerable kind are NaN."""
    rows: dict[str, dict] = {}
    groups = [(kind, [n for n in needs if n.kind == kind]) for kind in KINDS]
    groups.append((ANSWERABLE, [n for n in needs if n.answerable]))
    for name, members in groups:
        if not members:
            continue
        row: dict = {"needs": len(members)}
        for metric in METRICS:
            row[metric] = mean(scores[n.need][metric] for n in members if metric in scores[n.need])
        rows[name] = row
    return rows


def misses(need: Need, answer: Answer) -> list[tuple[int, str, str]]:
    """Return the relevant entries missing from the first K: grade, id, and where the
    entry stands in the engine's full list ("rank 14", or "not matched")."""
    out = []
    for judged in sorted(need.judged, key=lambda j: -j.grade):
        if judged.entry in answer.top:
            continue
        where = (
            f"rank {answer.every.index(judged.entry) + 1}"
            if judged.entry in answer.every
            else "not matched"
        )
        out.append((judged.grade, judged.entry, f"{judged.title} ({where})"))
    return out
