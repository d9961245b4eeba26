"""Facet counts agree with the results: an entry listed by several issues counts once."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.facet_specs import COUNTED
from search_ui.engine.criteria import SearchRequest
from search_ui.engine.search import SearchService


@pytest.fixture(scope="module")
def service(two_issues_index_dir: Path) -> SearchService:
    return SearchService(two_issues_index_dir)


@pytest.mark.parametrize("q", ["", "innovation", "design"])
@pytest.mark.parametrize("spec", COUNTED, ids=[spec.key for spec in COUNTED])
def test_each_count_is_what_choosing_the_value_lists(service, spec, q):
    result = service.search(SearchRequest(q=q, facet_size=1000))
    for value in result.facets[spec.key]:
        chosen = service.search(SearchRequest(q=q, filters={spec.key: [value.value]}))
        assert value.count == chosen.total, (spec.key, value.value)


def test_copies_make_the_plain_tally_larger(service):
    """The fixture holds copies: without grouping, some count would exceed its results."""
    result = service.search(SearchRequest(facet_size=1000))
    issues = {value.value: value.count for value in result.facets["issue"]}
    assert sum(issues.values()) > result.total  # copies are in two issues, shown once
