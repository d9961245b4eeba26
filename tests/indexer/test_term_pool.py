"""The term pool gives back every posting grouped by term, spilled to disk or not."""

from __future__ import annotations

import random
from itertools import groupby
from operator import itemgetter

import pytest
from whoosh.filedb.filestore import FileStorage

from indexer.whoosh_internals.term_pool import TermPool


def documents(rng: random.Random, count: int) -> list[list[tuple]]:
    """Each document's postings as a writer adds them: fields in order, terms unsorted."""
    docs = []
    for docnum in range(count):
        postings = []
        for fieldname in ("body", "kind", "title"):
            terms = rng.sample([f"t{n}".encode() for n in range(40)], rng.randint(0, 6))
            postings += [
                (fieldname, term, docnum, float(rng.randint(1, 3)), b"v") for term in terms
            ]
        docs.append(postings)
    return docs


@pytest.mark.parametrize("spill_every", [0, 1, 7, 50])
def test_terms_are_whooshs_sorted_postings_grouped(tmp_path, spill_every):
    docs = documents(random.Random(spill_every), 200)
    pool = TermPool(FileStorage(str(tmp_path)), segment=None)
    for number, postings in enumerate(docs, start=1):
        pool.current.extend(postings)  # as FastSegmentWriter appends them
        if spill_every and number % spill_every == 0:
            pool.save()
    assert len(pool.runs) == (len(docs) // spill_every if spill_every else 0)
    everything = sorted(posting for postings in docs for posting in postings)
    expected = [(term, list(group)) for term, group in groupby(everything, itemgetter(0, 1))]
    assert list(pool.terms()) == expected


def test_items_stream_the_sorted_postings_as_whooshs_pool_does(tmp_path):
    docs = documents(random.Random(9), 120)
    pool = TermPool(FileStorage(str(tmp_path)), segment=None)
    for number, postings in enumerate(docs, start=1):
        for posting in postings:
            pool.add(posting)  # Whoosh's own add, with its size accounting
        if number % 30 == 0:
            pool.save()
    assert list(pool.items()) == sorted(p for postings in docs for p in postings)
    assert pool.runs == [] and not list(tmp_path.iterdir())  # runs read once, then deleted
