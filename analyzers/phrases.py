"""Quoted phrases that respect stop-word gaps, so "tiers des lieux" does not find "tiers-lieux"."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from whoosh import query
from whoosh.qparser import PhrasePlugin, QueryParser
from whoosh.qparser.syntax import attach
from whoosh.qparser.taggers import Tagger
from whoosh.query.spans import SpanNear


class _SpanNear(SpanNear):
    """SpanNear with the size estimates Whoosh 2.7.4 lacks (And() needs them to order parts)."""

    def estimate_size(self, ixreader) -> int:
        """Estimate no more matches than the rarer of the two spans."""
        return min(self.a.estimate_size(ixreader), self.b.estimate_size(ixreader))

    def estimate_min_size(self, ixreader) -> int:
        """Estimate no fewer matches than zero: a near-match may never occur."""
        return 0


def gap_phrase(
    fieldname: str,
    words: Sequence[str],
    positions: Sequence[int],
    slop: int = 1,
    boost: float = 1.0,
    char_ranges: list[tuple[int, int]] | None = None,
) -> query.Query:
    """Build a phrase whose words must sit at the given distances, stop-word gaps included.

    Whoosh's Phrase only knows adjacent words; with stop words removed at both ends the
    query "tiers des lieux" would become the phrase "tiers lieux". A gap of two positions
    here means exactly one word in between (or up to SLOP - 1 more, as in Phrase).
    """
    if not words:
        return query.NullQuery
    if len(words) == 1:
        return query.Term(fieldname, words[0], boost=boost)
    gaps = [b - a for a, b in itertools.pairwise(positions)]
    if all(gap == 1 for gap in gaps):
        return query.Phrase(fieldname, list(words), slop=slop, boost=boost, char_ranges=char_ranges)
    q: query.Query = query.Term(fieldname, words[0])
    for word, gap in zip(words[1:], gaps, strict=True):
        q = _SpanNear(q, query.Term(fieldname, word), slop=gap + slop - 1, mindist=gap)
    q.boost = boost
    return q


class GapPhrasePlugin(PhrasePlugin):
    """A PhrasePlugin whose quoted phrases keep the gaps left by stop words.

    Install it with use_gap_phrases(parser): parser.replace_plugin() would keep the
    stock PhrasePlugin, which is not an instance of this subclass.
    """

    class GapPhraseNode(PhrasePlugin.PhraseNode):
        """A phrase node that asks the analyzer for positions and stop words."""

        def query(self, parser: QueryParser) -> query.Query:
            """Turn the quoted text into a gap-aware phrase on the node's field."""
            fieldname = self.fieldname or parser.fieldname
            schema = parser.schema
            if not schema or fieldname not in schema or not schema[fieldname].analyzer:
                return PhrasePlugin.PhraseNode.query(self, parser)
            words, positions, char_ranges = [], [], []
            start = self.textstartchar
            tokens = schema[fieldname].tokenize(
                self.text, mode="query", positions=True, chars=True, removestops=False
            )
            for t in tokens:
                if not t.stopped:
                    words.append(t.text)
                    positions.append(t.pos)
                    char_ranges.append((start + t.startchar, start + t.endchar))
            q = gap_phrase(fieldname, words, positions, self.slop, self.boost, char_ranges)
            return attach(q, self)

    class GapPhraseTagger(PhrasePlugin.PhraseTagger):
        """Tag quoted text as gap-aware phrase nodes."""

        def create(self, parser: QueryParser, match: re.Match[str]) -> PhrasePlugin.PhraseNode:
            """Wrap the standard phrase node's text and slop in a GapPhraseNode."""
            node = PhrasePlugin.PhraseTagger.create(self, parser, match)
            return GapPhrasePlugin.GapPhraseNode(node.text, node.textstartchar, node.slop)

    def taggers(self, parser: QueryParser) -> list[tuple[Tagger, int]]:
        """Replace PhrasePlugin's tagger by the gap-aware one."""
        return [(self.GapPhraseTagger(self.expr), 0)]


def use_gap_phrases(parser: QueryParser) -> QueryParser:
    """Swap the parser's PhrasePlugin for GapPhrasePlugin and return the parser."""
    parser.remove_plugin_class(PhrasePlugin)
    parser.add_plugin(GapPhrasePlugin())
    return parser
