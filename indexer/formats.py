"""The postings format of the analysed text fields: Whoosh's Positions, produced faster.

Indexing spent most of its time turning each field value into (term, frequency, weight,
encoded positions): a Token object per word occurrence, then a pickle per term. This
format asks the word-cached analyzer for each term's positions directly and reuses the
encoding of position lists already seen. The postings are byte for byte those of
Whoosh's Positions (tests compare them), and reading them is Whoosh's own code.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.formats import Positions

MAX_CACHED_ENCODINGS = 200_000
# Position list -> its encoding (which does not depend on the field): kept outside the
# format objects, which are pickled into the index and compared field by field.
_ENCODED: dict[tuple[int, ...], bytes] = {}


class CachedPositions(Positions):
    """Positions whose word_values reads a WordCachedAnalyzer's per-word replays."""

    def word_values(self, value, analyzer, **kwargs) -> Iterator[tuple[str, int, float, bytes]]:
        """Yield (term, frequency, weight, encoded positions) as Positions.word_values does."""
        term_positions = getattr(analyzer, "term_positions", None)
        if term_positions is None or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        encoded = _ENCODED
        for term, positions in term_positions(value, kwargs.get("mode", "")).items():
            key = tuple(positions)
            data = encoded.get(key)
            if data is None:
                if len(encoded) >= MAX_CACHED_ENCODINGS:
                    encoded.clear()
                data = encoded[key] = self.encode(positions)
            # Each token weighs 1.0, summed in float as Whoosh sums them.
            yield term, len(positions), float(len(positions)) * boost, data
