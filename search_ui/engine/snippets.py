"""Highlighted snippets: fragments around matched stems, `<mark>` the only markup."""

from __future__ import annotations

import html
from collections.abc import Iterable

from whoosh import highlight
from whoosh.analysis import Analyzer

FALLBACK_CHARS = 240


class MarkFormatter(highlight.Formatter):
    """Wrap matched words in <mark> and escape everything else."""

    between = " … "

    def _text(self, text: str) -> str:
        """Escape the text between matches."""
        return html.escape(text, quote=False)

    def format_token(self, text: str, token, replace: bool = False) -> str:
        """Escape one matched word and wrap it in <mark>."""
        return f"<mark>{html.escape(highlight.get_text(text, token, replace), quote=False)}</mark>"


def mark(text: str, terms: Iterable[str], analyzer: Analyzer, whole: bool = False) -> str:
    """Return `text` escaped with the words whose terms are in `terms` marked ("" if none).

    With `whole`, the whole text is kept (titles); otherwise the best fragments.
    """
    terms = frozenset(terms)
    if not text or not terms:
        return ""
    held = getattr(analyzer, "term_positions", None)  # the cached analyzer's fast path
    if held is not None and terms.isdisjoint(held(text, mode="index")):
        return ""  # nothing to mark: no tokens made, no fragments scored
    fragmenter = (
        highlight.WholeFragmenter(charlimit=None)
        if whole
        else highlight.ContextFragmenter(maxchars=220, surround=70, charlimit=None)
    )
    # Index mode: the analyzer then gives every variant of a word (accented and not),
    # the same terms the query matched against.
    tokens = analyzer(text, chars=True, mode="index", removestops=False)
    fragments = list(fragmenter.fragment_tokens(text, highlight.set_matched_filter(tokens, terms)))
    best = _best_fragments(fragments, 1 if whole else 2)
    if not best:
        return ""
    snippet = MarkFormatter()(text, best).strip()
    # Say when the excerpt starts or ends inside the text.
    if text[: best[0].startchar].strip():
        snippet = "… " + snippet
    if text[best[-1].endchar :].strip():
        snippet += " …"
    return snippet


def _best_fragments(fragments: list, count: int) -> list:
    """Pick the best-scoring fragments, ties going to the earliest, in text order.

    Whoosh's own top_fragments breaks ties by object id, so the same search could show
    different snippets from one call to the next.
    """
    scorer = highlight.BasicFragmentScorer()
    scored = [(scorer(fragment), fragment) for fragment in fragments]
    ranked = sorted(scored, key=lambda pair: (-pair[0], pair[1].startchar))[:count]
    return sorted((f for score, f in ranked if score >= 1), key=lambda f: f.startchar)


def fallback(text: str) -> str:
    """Return the opening of a text, escaped, when nothing in it matched."""
    text = " ".join(text.split())
    if len(text) > FALLBACK_CHARS:
        text = text[:FALLBACK_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)
