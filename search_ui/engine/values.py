"""Search the fields whose text is one of a few shared values (issue:, section:, type:).

Every entry of an issue carries the same issue label; a few dozen sections and types are
shared by thousands of entries. Indexing their words for every entry gave each document
a dozen more postings, a sixth of the build's writing. Instead the distinct values are
indexed once, in a small in-memory Whoosh index built on the first query that needs it,
and a query part on such a field becomes the documents of the values it matches. Whoosh
evaluates the part there with the field's own analysis, so phrases, prefixes, wildcards
and typos keep their meaning.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

from whoosh import fields, query
from whoosh.filedb.filestore import RamStorage
from whoosh.query.spans import SpanQuery

from indexer.schema import FACET_FIELDS, VALUE_FIELDS, value_fields

NO_VALUE = ""  # the term a part that matches no value searches for: no document has it


class ValueSearch:
    """Rewrite query parts on value fields into terms of the facet fields they stand for."""

    def __init__(self, values: Mapping[str, Iterable[str]]) -> None:
        """`values` maps each facet parameter (issue, section, type) to its values."""
        self._values = {facet: sorted(values.get(facet, ())) for facet in VALUE_FIELDS.values()}
        self._lock = threading.Lock()
        self._searcher = None

    @property
    def built(self) -> bool:
        """Tell whether the value index exists: the first query part on a value field builds it."""
        return self._searcher is not None

    def rewrite(self, q: query.Query) -> query.Query:
        """Return `q` with each part on a value field replaced by the values it matches."""
        fieldname = _value_field(q)
        if fieldname is not None:
            return self._as_values(fieldname, q)
        if q.is_leaf():
            return q
        return q.apply(self.rewrite)

    def _as_values(self, fieldname: str, part: query.Query) -> query.Query:
        """Return the facet terms of the values `part` matches (a term no entry has if none)."""
        target = FACET_FIELDS[VALUE_FIELDS[fieldname]]
        with self._lock:
            if self._searcher is None:
                self._searcher = self._build().searcher()
            found = self._searcher.search(part, limit=None)
            values = sorted(hit["value"] for hit in found)
        terms = [query.Term(target, value) for value in values] or [query.Term(target, NO_VALUE)]
        return terms[0] if len(terms) == 1 else query.Or(terms, boost=part.boost)

    def _build(self):
        """Index each value once under the value field that searches it."""
        schema = fields.Schema(value=fields.STORED(), **value_fields())
        index = RamStorage().create_index(schema)
        with index.writer() as writer:
            for fieldname, facet in VALUE_FIELDS.items():
                for value in self._values[facet]:
                    writer.add_document(value=value, **{fieldname: value})
        return index


def _value_field(q: query.Query) -> str | None:
    """Return the value field a query part searches on its own, if any.

    A negation stays outside (its inner part is rewritten), so that "-issue:52" keeps its
    meaning and its scoring.
    """
    if _negates(q):
        return None
    inner = q.q if isinstance(q, SpanQuery) else q  # a span names its field through its query
    names = {inner.field()} if inner.field() else {leaf.field() for leaf in inner.leaves()}
    name = names.pop() if len(names) == 1 else None
    return name if name in VALUE_FIELDS else None


def _negates(q: query.Query) -> bool:
    """Tell whether a query part holds a negation."""
    return isinstance(q, query.Not) or any(_negates(child) for child in q.children())
