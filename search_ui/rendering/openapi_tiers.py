"""The OpenAPI parts of the tiers after the whole matches (partial matches, related entries),
and of the words that found nothing."""

from __future__ import annotations

from typing import Any

_STR = {"type": "string"}

# Each hit's tier: whole match (both false), partial match, or related entry.
HIT_TIERS: dict[str, Any] = {
    "partial": {
        "type": "boolean",
        "description": "vrai : la notice ne contient qu'une partie des mots (classée après "
        "celles qui les contiennent tous)",
    },
    "missing": {
        "type": "array",
        "description": "les mots de la requête, tels que saisis, que la notice ne contient pas",
        "items": _STR,
    },
    "related": {
        "type": "boolean",
        "description": "vrai : notice sur un sujet proche, d'après les termes clés des premiers "
        "résultats (listée après les notices avec tout ou partie des mots)",
    },
}
# How many entries each tier after the whole matches holds (facets count neither).
TIER_TOTALS: dict[str, Any] = {
    "partial_total": {
        "type": "integer",
        "minimum": 0,
        "description": "notices avec une partie des mots, listées après les résultats (total) ; "
        "les facettes ne les comptent pas",
    },
    "related_total": {
        "type": "integer",
        "minimum": 0,
        "description": "notices sur des sujets proches, listées après les notices avec une partie "
        "des mots ; les facettes ne les comptent pas",
    },
}
# Why the words of a query found nothing: French words in no entry, or stop words only.
UNSEARCHED_WORDS: dict[str, Any] = {
    "absent_words": {
        "type": "array",
        "description": "mots français de la requête qu'aucune notice ne contient",
        "items": _STR,
    },
    "common_words": {
        "type": "array",
        "description": "mots de la requête, tous trop courants pour être cherchés (« le la »)",
        "items": _STR,
    },
}
