"""Query bitmaps give exactly the documents Whoosh's own matchers find."""

from __future__ import annotations

import pytest

from search_ui.engine.facets import bitmap
from search_ui.engine.matching import QueryBitmaps
from search_ui.engine.querying import bound_expansions, parse

QUERIES = [
    "innovation",
    "tiers-lieux",
    "innovation publique -design",
    "-innovation",
    '"politique de la ville"',
    "innov*",
    "2014..2016 design",
    "type:etude OR type:article",
    "author:besson",
    "ESS",
    "smart city",
    "qsdfgh",
]


@pytest.mark.parametrize("text", QUERIES)
def test_bitmaps_match_whoosh(service, text):
    generation, searcher = service.live()
    q = bound_expansions(parse(text, searcher.schema).strict, searcher.reader())
    expected = bitmap(searcher.docs_for_query(q), generation.facets.size) & generation.facets.live
    bitmaps = QueryBitmaps(generation.facets.size, generation.facets.live)
    assert bitmaps.matching(q, searcher) == expected
    assert bitmaps.matching(q, searcher) == expected  # from the cache, the same


def test_cached_and_uncached_services_give_the_same_results(seed_index_dir):
    from search_ui.engine.criteria import request_from_pairs
    from search_ui.engine.search import SearchService

    cached, uncached = SearchService(seed_index_dir), SearchService(seed_index_dir, cache_size=0)
    for text in ("innovation", "tiers lieux", "", "inovation"):
        request = request_from_pairs([("q", text), ("type", "article")])
        for _ in range(2):
            a, b = cached.search(request).to_api(), uncached.search(request).to_api()
            a.pop("took_ms"), b.pop("took_ms")
            assert a == b
