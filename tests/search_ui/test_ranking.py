"""The vectorised ranking gives the pages Whoosh's own matchers give when they score every hit.

The reference is Whoosh's exhaustive search (no limit) ordered by score, then document
number: with a limit, Whoosh 2.7.4's pre-loaded unions drop some matches on indexes under
5,000 documents, which is why the comparison does not use it.
"""

from __future__ import annotations

import numpy as np
import pytest
from whoosh import query

from benchmarks.corpus import generate_corpus
from indexer.build.builder import build_index
from search_ui.engine import ranking
from search_ui.engine.criteria import request_from_pairs
from search_ui.engine.order import exhaustive_top
from search_ui.engine.querying import bound_expansions, parse
from search_ui.engine.ranking import Unsupported
from search_ui.engine.search import SearchService

QUERIES = [
    "innovation",
    "innovation publique",
    "politiques publiques territoires",
    "tiers-lieux",
    "fab lab",
    "smart city",
    "laboratoire d'innovation",
    "innovation -design",
    '"politique de la ville"',
    '"tiers des lieux"',
    "title:design",
    "innov*",
    "ANCT",
    "-innovation",
    "design OR numérique",
    "(design AND services) OR laboratoire",
    "qsdfgh",
]
PAGES = [(0, 20), (5, 5), (20, 20)]


def _assert_same_pages(service: SearchService, q: query.Query) -> None:
    generation, searcher = service.live()
    shown = generation.duplicates.representatives(generation.bitmaps.matching(q, searcher))
    for start, count in PAGES:
        ours = generation.ranker.top(q, searcher, shown, start, count)
        reference = exhaustive_top(searcher, q, shown, start, count)
        assert [d for _, d in ours] == [d for _, d in reference], (q, start)
        assert [s for s, _ in ours] == pytest.approx([s for s, _ in reference], rel=1e-12)


@pytest.fixture(scope="module")
def synthetic_service(tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    """A 600-entry corpus from the benchmark generator: many ties, many shared words."""
    folder = tmp_path_factory.mktemp("ranking")
    corpus = generate_corpus(600, folder / "corpus", seed=11)
    build_index([corpus.folder], folder / "index")
    return SearchService(folder / "index", cache_size=0)


@pytest.mark.parametrize("text", QUERIES)
def test_pages_equal_whoosh_exhaustive_ranking_on_the_seed(service, text):
    _, searcher = service.live()
    _assert_same_pages(
        service, bound_expansions(parse(text, searcher.schema).strict, searcher.reader())
    )


@pytest.mark.parametrize("text", QUERIES)
def test_pages_equal_whoosh_exhaustive_ranking_on_a_larger_corpus(synthetic_service, text):
    _, searcher = synthetic_service.live()
    q = bound_expansions(parse(text, searcher.schema).strict, searcher.reader())
    _assert_same_pages(synthetic_service, q)


def _terms(fieldname: str, *words: str) -> list[query.Term]:
    return [query.Term(fieldname, word) for word in words]


NESTED = {
    # An And under an Or: its words may each occur where the And does not hold.
    "and under or": query.Or(
        [query.And(_terms("title", "innov", "design")), query.Term("description", "territoir")]
    ),
    "and-not under or": query.Or(
        [query.AndNot(*_terms("title", "innov", "design")), query.Term("description", "design")]
    ),
    "and-maybe under or": query.Or(
        [query.AndMaybe(*_terms("title", "design", "innov")), query.Term("description", "ville")]
    ),
    "not under and": query.And(
        [query.Term("title", "innov"), query.Not(query.Term("title", "design"))]
    ),
    "boosts": query.Or(
        [
            query.Term("title", "innov", boost=0.7),
            query.Phrase("description", ["politiqu", "publiqu"], boost=1.5),
        ],
        boost=2.0,
    ),
    # How partial matches score a word held (search_ui.engine.partial.HELD_WEIGHT).
    "constant score": query.Or(
        [
            query.Term("title", "innov"),
            query.ConstantScoreQuery(query.Or(_terms("description", "design", "ville")), 2.5),
        ]
    ),
}


@pytest.mark.parametrize("name", NESTED)
def test_nested_parts_score_only_where_they_match(service, name):
    _assert_same_pages(service, NESTED[name])


def test_a_part_it_does_not_model_is_ranked_by_whoosh(service):
    generation, searcher = service.live()
    q = bound_expansions(parse("2014..2016 design", searcher.schema).strict, searcher.reader())
    with pytest.raises(Unsupported):
        generation.ranker.scores(q, searcher)
    result = service.search(request_from_pairs([("q", "2014..2016 design")]))
    assert result.total > 0
    assert all(2014 <= hit.year <= 2016 for hit in result.hits)
    assert [hit.score for hit in result.hits] == sorted(
        (hit.score for hit in result.hits), reverse=True
    )


def test_the_service_shows_the_exhaustive_ranking(synthetic_service):
    generation, searcher = synthetic_service.live()
    request = request_from_pairs([("q", "innovation publique"), ("page", "2")])
    result = synthetic_service.search(request)
    q = bound_expansions(parse("innovation publique", searcher.schema).strict, searcher.reader())
    shown = generation.duplicates.representatives(generation.bitmaps.matching(q, searcher))
    reference = exhaustive_top(searcher, q, shown, request.per_page, request.per_page)
    stored = [searcher.stored_fields(d)["id"] for _, d in reference]
    assert [hit.id for hit in result.hits] == stored


def test_the_reference_service_gives_the_same_pages(synthetic_service):
    reference = SearchService(synthetic_service.root, cache_size=0, reference_ranking=True)
    topic = [("q", "politiques publiques territoires"), ("per_page", "100")]
    whole = synthetic_service.search(request_from_pairs(topic)).total
    boundary = [*topic, ("page", str(whole // 100 + 1))]  # the first partial matches
    for pairs in ([("q", "innovation")], [("q", "politiques publiques"), ("page", "3")], boundary):
        a = synthetic_service.search(request_from_pairs(pairs)).to_api()
        b = reference.search(request_from_pairs(pairs)).to_api()
        a.pop("took_ms"), b.pop("took_ms")
        assert a == b
        assert pairs != boundary or any(hit["partial"] for hit in a["hits"])


def test_the_scored_postings_kept_stay_under_their_bound(synthetic_service, monkeypatch):
    from search_ui.engine import matching

    service = SearchService(synthetic_service.root, cache_size=0)
    generation, searcher = service.live()
    limit = 2_000
    monkeypatch.setattr(matching, "MAX_CACHED_POSTINGS", limit)
    for text in QUERIES:
        q = bound_expansions(parse(text, searcher.schema).strict, searcher.reader())
        _assert_same_pages(service, q)
        postings = generation.bitmaps.postings
        terms = list(postings)
        kept = sum(len(found.ids) for found in terms)
        assert kept == postings.kept
        assert kept <= limit or len(terms) == 1


@pytest.mark.parametrize("window", [10, 25, 40])
def test_the_phrase_bonus_is_exact_in_its_window_and_absent_beyond(
    synthetic_service, monkeypatch, window
):
    """Documents among the `window` best by their words score as Whoosh scores them; the
    others score their words alone, as Whoosh scores the query's required part."""
    monkeypatch.setattr(ranking, "PHRASE_WINDOW", window)
    generation, searcher = synthetic_service.live()
    q = bound_expansions(parse("innovation publique", searcher.schema).strict, searcher.reader())
    assert isinstance(q, query.AndMaybe)
    shown = generation.duplicates.representatives(generation.bitmaps.matching(q, searcher))
    count = shown.bit_count()
    assert count > 2 * window
    words = {d: s for s, d in exhaustive_top(searcher, q.a, shown, 0, count)}
    whole = {d: s for s, d in exhaustive_top(searcher, q, shown, 0, count)}
    best = sorted(words, key=lambda d: (-words[d], d))[:window]
    assert any(whole[d] != words[d] for d in best)  # some of the window hold the phrase
    assert any(whole[d] != words[d] for d in set(words) - set(best))  # and some beyond it
    expected = {d: whole[d] if d in best else words[d] for d in words}
    scores = generation.ranker.scores(q, searcher, np.array(sorted(words)))
    assert {d: scores[d] for d in words} == pytest.approx(expected, rel=1e-12)
