"""Each document's key terms: the words that say what it is about, for the related entries
of a search (related.py) and « Documents proches » (similar.py).

Bo1, the weighting of Whoosh's key_terms: a term frequent in the document and rare in the
index weighs most. Titles and descriptions are read, analysed as the index analysed them
(stems, folded); a term no other document holds, or that is no word (a year), cannot lead
to another entry and is left out. Computed on first ask, kept per generation.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

from whoosh.searching import Searcher

DOCUMENT_TERMS = 20  # key terms kept per document
CACHED_DOCUMENTS = 4096  # documents whose key terms a generation keeps
FIELDS = ("title", "description")  # where key terms are read and looked for

Terms = tuple[tuple[str, float], ...]


class KeyTerms:
    """Each document's key terms, computed on first ask and kept per generation."""

    def __init__(self, size: int = CACHED_DOCUMENTS) -> None:
        self._size = size
        self._terms: OrderedDict[int, Terms] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, docnum: int, searcher: Searcher) -> Terms:
        """Return a document's DOCUMENT_TERMS key terms (stems) and their weights, the
        heaviest 1.0: Bo1 on its title and description against the whole index."""
        with self._lock:
            found = self._terms.get(docnum)
            if found is not None:
                self._terms.move_to_end(docnum)
                return found
        found = _key_terms(docnum, searcher)
        with self._lock:
            self._terms[docnum] = found
            while len(self._terms) > self._size:
                self._terms.popitem(last=False)
        return found


def _key_terms(docnum: int, searcher: Searcher) -> Terms:
    """Weigh a document's terms by Bo1: frequent in it, rare in the index; a term that no
    other document holds, or that is not a word, cannot lead to another entry."""
    record = searcher.stored_fields(docnum)["record"]
    text = f"{record['title']}\n{record['description']}"
    field = searcher.schema["description"]
    counts: dict[str, float] = {}
    for btext, frequency, _, _ in field.index(text):
        term = field.from_bytes(btext)
        if term.isalpha() and len(term) > 2:
            counts[term] = counts.get(term, 0.0) + frequency
    reader = searcher.reader()
    documents = max(1, reader.doc_count())
    scored = []
    for term, frequency in counts.items():
        held = sum(reader.doc_frequency(name, term) for name in FIELDS)
        if held < 2:
            continue
        share = held / documents
        weight = frequency * math.log2((1 + share) / share) + math.log2(1 + share)
        scored.append((weight, term))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    best = scored[:DOCUMENT_TERMS]
    top = best[0][0] if best else 1.0
    return tuple((term, weight / top) for weight, term in best)
