"""A segment writer's posting pool that keeps its postings grouped by term, in memory and on disk.

Whoosh's pool sorts every posting, and past its memory limit writes sorted runs one
marshalled posting at a time, then merges them back one posting at a time through a heap:
a 100,000-entry build spent more time there than in writing its segments. This pool sorts
only the distinct terms. A spilled run holds one record per term (the term and its
postings); merging runs compares terms, not postings.

Postings of one term are in document order within the in-memory list, because documents
are numbered as they are added (and segments merged in at commit are renumbered after
them, in order). Across runs a term's lists are put back in document order by a sort
that finds them already in runs.
"""

from __future__ import annotations

import heapq
import marshal
from collections.abc import Iterable, Iterator
from itertools import chain, groupby
from operator import itemgetter

from whoosh.writing import PostingPool

# A pool posting is (field name, term bytes, document number, weight, encoded value).
Posting = tuple
Term = tuple[str, bytes]
_KEY = itemgetter(0)
_DOCNUM = itemgetter(2)
_SIZE_BYTES = 8  # each record of a run is preceded by its size


class TermPool(PostingPool):
    """A PostingPool whose runs and output are grouped by term."""

    def save(self) -> None:
        """Spill the in-memory postings as a run of (term, postings) records, in term order."""
        if not self.current:
            return
        path, file = self._new_run()
        with file:
            for record in _grouped(self.current):
                data = marshal.dumps(record)
                file.write(len(data).to_bytes(_SIZE_BYTES, "little"))
                file.write(data)
        self.runs.append(path)
        self.current = []
        self.currentsize = 0

    def terms(self) -> Iterator[tuple[Term, list[Posting]]]:
        """Yield each term with its postings in document order, in term order.

        Runs are read once and deleted: with runs, the pool is empty afterwards.
        """
        if not self.runs:
            yield from _grouped(self.current)
            return
        sources = [self._read_records(path) for path in self.runs]
        sources.append(iter(_grouped(self.current)))
        self.runs, self.current = [], []
        for term, records in groupby(heapq.merge(*sources, key=_KEY), _KEY):
            lists = [postings for _, postings in records]
            if len(lists) == 1:
                yield term, lists[0]
            else:
                yield term, sorted(chain.from_iterable(lists), key=_DOCNUM)

    def items(self, maxfiles: int = 128) -> Iterator[Posting]:
        """Yield every posting sorted, as Whoosh's pool does (for its own callers)."""
        return chain.from_iterable(postings for _, postings in self.terms())

    def _read_records(self, path: str) -> Iterator[tuple[Term, list[Posting]]]:
        """Read a run's records back, one read each (marshal.load reads object by object)."""
        file = self._open_run(path)
        try:
            while header := file.read(_SIZE_BYTES):
                yield marshal.loads(file.read(int.from_bytes(header, "little")))
        finally:
            file.close()
            self._remove_run(path)


def _grouped(postings: Iterable[Posting]) -> list[tuple[Term, list[Posting]]]:
    """Group postings by term, keeping their order within each term; sort the terms."""
    terms: dict[Term, list[Posting]] = {}
    for posting in postings:
        terms.setdefault(posting[:2], []).append(posting)
    return sorted(terms.items())
