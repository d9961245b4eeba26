"""Fields whose values repeat from entry to entry: each value's postings are computed once.

Every entry of an issue carries the same issue label, most share a section, a type, a
language, a few publishers. Whoosh analyses the value again for each document (a
tokenizer, Token objects, a dictionary: about 10 µs even for a one-word ID). These fields
remember the postings of the values they have met, which are the same bytes each time.
"""

from __future__ import annotations

from typing import Any

from whoosh import fields

from indexer.formats import CachedText

MAX_VALUES = 4096  # per field; a build that meets more starts the memory afresh


class RepeatedValues:
    """Mixin for a Whoosh field: `index(value)` answered from memory for values seen before."""

    def index(self, value: Any, **kwargs: Any):
        """Return the value's (term bytes, frequency, weight, encoded value) postings."""
        if kwargs or not isinstance(value, str):
            return super().index(value, **kwargs)
        memory = self.__dict__.setdefault("_postings", {})
        postings = memory.get(value)
        if postings is None:
            if len(memory) >= MAX_VALUES:
                memory.clear()
            postings = memory[value] = tuple(super().index(value))
        return postings

    def __getstate__(self) -> dict:
        """Leave the memory out of the schema Whoosh pickles into the index."""
        return {k: v for k, v in super().__getstate__().items() if k != "_postings"}


class RepeatedID(RepeatedValues, fields.ID):
    """An ID field (one exact term) whose values repeat."""


class RepeatedText(RepeatedValues, CachedText):
    """An analysed text field whose values repeat."""


class RepeatedKeywords(RepeatedValues, fields.KEYWORD):
    """A field of exact keywords, neither scored nor positioned, whose values repeat."""
