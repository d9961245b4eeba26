"""The public analyzers: stemmed French for full text, folded words for exact match and spelling."""

from __future__ import annotations

from whoosh.analysis import Analyzer, LowercaseFilter

from analyzers.cached import WordCachedAnalyzer
from analyzers.compounds import CompoundFilter
from analyzers.filters import (
    STOP_WORDS,
    ElisionFilter,
    FoldFilter,
    OrdinalFilter,
    SingularFilter,
    french_stop_filter,
)
from analyzers.stemming import FrenchStemFilter
from analyzers.tokenizers import FrenchTokenizer


def french_analyzer() -> Analyzer:
    """Build the full-text analyzer, so "l'étude des tiers-lieux" meets "etudes tiers lieux".

    It replays french_chain() word by word from a cache (see analyzers.cached).
    """
    return WordCachedAnalyzer(french_chain())


def folded_analyzer() -> Analyzer:
    """Build the unstemmed analyzer for spelling suggestions and exact matches (cached)."""
    return WordCachedAnalyzer(folded_chain())


def type_analyzer() -> Analyzer:
    """Build the analyzer of document type names (indexer.schema's `type_words`): each a
    folded word in the singular, never stemmed, so that « événements » meets « événement »
    while « formats » does not meet « formation » nor « notamment » « note ». Stop words go,
    as in the other fields: « des » in a query must stay a word no field asks for."""
    return (
        FrenchTokenizer()
        | ElisionFilter()
        | LowercaseFilter()
        | french_stop_filter()
        | FoldFilter()
        | SingularFilter()
    )


def french_chain() -> Analyzer:
    """Build the full-text filter chain itself.

    Elisions dropped, lowercase, ordinals unified, compounds split (joined form added when
    indexing), stop words removed without renumbering, Snowball stems folded. The same
    analyzer serves queries: Whoosh calls it with mode="query" and it then emits one term
    per word (a compound gives its parts, or its joined form when a part is a stop word).
    """
    return (
        FrenchTokenizer()
        | ElisionFilter()
        | LowercaseFilter()
        | OrdinalFilter()
        | CompoundFilter(stoplist=STOP_WORDS)
        | french_stop_filter()
        | FrenchStemFilter()
    )


def folded_chain() -> Analyzer:
    """Build the unstemmed chain for spelling suggestions and exact matches.

    Words are cut and folded like french_analyzer's but not stemmed, and stop words are
    kept: a suggestion must be a real word of the corpus, and "les" in a query is no typo.
    Compounds give their parts only, so no glued "tierslieux" is ever suggested.
    """
    return (
        FrenchTokenizer()
        | ElisionFilter()
        | LowercaseFilter()
        | OrdinalFilter()
        | CompoundFilter(merge=False)
        | FoldFilter()
    )


_QUERY_ANALYZER = french_analyzer()


def query_terms(text: str, analyzer: Analyzer | None = None) -> list[str]:
    """Return the terms a query for TEXT looks up, to compare phrasings as the index sees them.

    >>> query_terms("l'étude des tiers-lieux") == query_terms("etudes tiers lieux")
    True
    >>> query_terms("l'étude des tiers-lieux")
    ['etud', 'tier', 'lieu']
    """
    analyzer = analyzer or _QUERY_ANALYZER
    return [t.text for t in analyzer(text, mode="query")]
