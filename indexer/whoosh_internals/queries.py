"""Questions the engine asks of Whoosh query objects that Whoosh answers only privately."""

from __future__ import annotations

from collections.abc import Iterator

from whoosh import query
from whoosh.reading import IndexReader


def is_null(q: query.Query) -> bool:
    """Tell whether `q` matches nothing: the NullQuery singleton or another _NullQuery."""
    return q is query.NullQuery or isinstance(q, query.qcore._NullQuery)


def expanded_terms(q: query.MultiTerm, reader: IndexReader) -> Iterator[str]:
    """Yield the index terms a wildcard, prefix or range query stands for, in index order."""
    for term in q._btexts(reader):
        yield term.decode("utf-8") if isinstance(term, bytes) else term
