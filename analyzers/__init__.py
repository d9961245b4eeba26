"""French text analysis for Whoosh: elisions, ordinals, compounds, stop words, stems, folding."""

from analyzers.analyzers import (
    folded_analyzer,
    folded_chain,
    french_analyzer,
    query_terms,
    type_analyzer,
)
from analyzers.filters import STOP_WORDS
from analyzers.folding import fold, strip_accents
from analyzers.phrases import GapPhrasePlugin, gap_phrase, use_gap_phrases
from analyzers.stemming import stem
from analyzers.thesaurus import THESAURUS, Thesaurus, expand, expand_query, synonyms

__all__ = [
    "STOP_WORDS",
    "THESAURUS",
    "GapPhrasePlugin",
    "Thesaurus",
    "expand",
    "expand_query",
    "fold",
    "folded_analyzer",
    "folded_chain",
    "french_analyzer",
    "gap_phrase",
    "query_terms",
    "stem",
    "strip_accents",
    "synonyms",
    "type_analyzer",
    "use_gap_phrases",
]
