"""The postings of the analysed text fields: Whoosh's Positions, produced faster.

Indexing spent most of its time turning each field value into (term, frequency, weight,
encoded positions): a Token object per word occurrence, then a pickle per term, then two
generators between the format and the writer. A `CachedText` field asks the word-cached
analyzer for each term's positions directly, reuses the encoding of position lists
already seen, and hands the writer one list. The postings are byte for byte those of
Whoosh's Positions (tests compare them), and reading them is Whoosh's own code.
"""

from __future__ import annotations

from typing import Any

from whoosh import fields
from whoosh.formats import Positions

MAX_CACHED_ENCODINGS = 200_000
# Position list -> its encoding (which does not depend on the field): kept outside the
# format objects, which are pickled into the index and compared field by field.
_ENCODED: dict[tuple[int, ...], bytes] = {}


class CachedPositions(Positions):
    """Positions that can encode a WordCachedAnalyzer's term positions in one call."""

    def postings(
        self, term_positions: dict[str, list[int]]
    ) -> list[tuple[bytes, int, float, bytes]]:
        """Return (term bytes, frequency, weight, encoded positions) per term.

        What `TEXT.index` makes of Positions.word_values: each token weighs 1.0, summed
        in float as Whoosh sums them.
        """
        boost = self.field_boost
        encoded = _ENCODED
        postings = []
        for term, positions in term_positions.items():
            key = tuple(positions)
            data = encoded.get(key)
            if data is None:
                if len(encoded) >= MAX_CACHED_ENCODINGS:
                    encoded.clear()
                data = encoded[key] = self.encode(positions)
            count = len(positions)
            postings.append((term.encode("utf-8"), count, float(count) * boost, data))
        return postings


class CachedText(fields.TEXT):
    """A TEXT field whose CachedPositions postings come from its analyzer's term positions."""

    def index(self, value: Any, **kwargs: Any):
        """Return the value's (term bytes, frequency, weight, encoded value) postings."""
        term_positions = getattr(self.analyzer, "term_positions", None)
        if (
            kwargs
            or term_positions is None
            or not isinstance(value, str)
            or not isinstance(self.format, CachedPositions)
        ):
            return super().index(value, **kwargs)
        return self.format.postings(term_positions(value, "index"))
