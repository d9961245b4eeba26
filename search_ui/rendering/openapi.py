"""The OpenAPI 3.1 description of the JSON API, built once; tests validate responses with it."""

from __future__ import annotations

from typing import Any

from search_ui.engine.check import MAX_REFERENCE_LENGTH, VERDICT_LABELS
from search_ui.engine.criteria import DEFAULT_PER_PAGE, MAX_PER_PAGE, SORTS, YEAR_RANGE

_STR = {"type": "string"}
_STRS = {"type": "array", "items": _STR}
_YEAR = {"type": ["integer", "null"]}
_COUNT = {"type": "integer", "minimum": 0}
_COUNTS = {"type": "object", "additionalProperties": _COUNT}
_YEAR_COUNTS = {
    "type": "object",
    "description": "effectifs par année ; « null » compte les entrées sans année",
    "propertyNames": {"pattern": "^([0-9]{4}|null)$"},
    "additionalProperties": _COUNT,
}
_SHARE = {"type": "number", "minimum": 0, "maximum": 1}
_BRIEFS = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "issue", "section", "year"],
        "properties": {"id": _STR, "title": _STR, "issue": _STR, "section": _STR, "year": _YEAR},
    },
}


def _facet_param(name: str, description: str) -> dict[str, Any]:
    """Describe a repeatable facet parameter."""
    return {
        "name": name,
        "in": "query",
        "description": description
        + " Répétable : OU entre valeurs d'une facette, ET entre facettes.",
        "schema": _STRS,
        "style": "form",
        "explode": True,
    }


def _year_param(name: str, description: str) -> dict[str, Any]:
    """Describe a year bound."""
    low, high = YEAR_RANGE
    return {
        "name": name,
        "in": "query",
        "description": description,
        "schema": {"type": "integer", "minimum": low, "maximum": high},
    }


SEARCH_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "q",
        "in": "query",
        "description": "Mots, « phrases », -exclu, champ:valeur, 2016..2018. "
        "Vide : toutes les entrées, de la plus récente à la plus ancienne.",
        "schema": {"type": "string", "maxLength": 500},
    },
    _facet_param("section", "Section du numéro."),
    _facet_param("publisher", "Éditeur (nom canonique)."),
    _facet_param("type", "Type de document (rapport, article…)."),
    _facet_param("year", "Année sur quatre chiffres."),
    _facet_param("issue", "Numéro de la lettre."),
    _facet_param("kind", "Nature : publication, resource (ressource) ou event (événement)."),
    _facet_param("language", "Langue : fr ou en."),
    _year_param("from", "Depuis cette année (incluse)."),
    _year_param("to", "Jusqu'à cette année (incluse)."),
    {
        "name": "sort",
        "in": "query",
        "description": "Tri ; par défaut la pertinence avec une requête, le plus récent sans.",
        "schema": {"type": "string", "enum": list(SORTS)},
    },
    {
        "name": "page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "default": 1},
    },
    {
        "name": "per_page",
        "in": "query",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_PER_PAGE,
            "default": DEFAULT_PER_PAGE,
        },
    },
]

SCHEMAS: dict[str, Any] = {
    "Hit": {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "id",
            "title",
            "score",
            "year",
            "section",
            "publishers",
            "authors",
            "doc_type",
            "kind",
            "url",
            "snippet",
        ],
        "properties": {
            "id": _STR,
            "title": _STR,
            "score": {
                "type": ["number", "null"],
                "description": "BM25F, avec le tri par pertinence",
            },
            "year": _YEAR,
            "section": _STR,
            "publishers": _STRS,
            "authors": _STRS,
            "doc_type": _STR,
            "kind": {"enum": ["publication", "resource", "event"]},
            "url": {"type": "string", "pattern": "^/entry/"},
            "snippet": {"type": "string", "description": "HTML dont la seule balise est <mark>"},
            "title_html": {"type": "string", "description": "le titre, <mark> seule balise"},
            "source": _STR,
            "date_text": _STR,
            "pages": _YEAR,
            "online": {"type": "boolean"},
            "issue": _STR,
            "language": _STR,
            "also_in": {
                "type": "array",
                "description": "la même notice dans d'autres numéros (regroupée ici)",
                "items": {
                    "type": "object",
                    "required": ["id", "issue"],
                    "properties": {"id": _STR, "issue": _STR},
                },
            },
        },
    },
    "FacetValue": {
        "type": "object",
        "additionalProperties": False,
        "required": ["value", "count", "selected"],
        "properties": {
            "value": _STR,
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
        },
    },
    "SearchResponse": {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "query",
            "total",
            "relaxed",
            "page",
            "per_page",
            "hits",
            "facets",
            "suggestion",
            "took_ms",
        ],
        "properties": {
            "query": _STR,
            "total": {
                "type": "integer",
                "minimum": 0,
                "description": "résultats avec tous les mots",
            },
            "relaxed": {
                "type": "boolean",
                "description": "vrai : hits tient les résultats approchants",
            },
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "pages": {"type": "integer", "minimum": 1},
            "sort": {"type": "string", "enum": list(SORTS)},
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "facets": {
                "type": "object",
                "required": ["section", "publisher", "type", "year"],
                "additionalProperties": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/FacetValue"},
                },
            },
            "suggestion": {"type": ["string", "null"]},
            "took_ms": {"type": "number", "minimum": 0},
        },
    },
    "Entry": {
        "type": "object",
        "required": [
            "id",
            "title",
            "kind",
            "section",
            "discover",
            "authors",
            "publishers",
            "source",
            "year",
            "date_text",
            "pages",
            "doc_type",
            "language",
            "online",
            "description",
            "issue",
            "file",
            "line",
        ],
        "properties": {
            "id": _STR,
            "title": _STR,
            "kind": {"enum": ["publication", "resource", "event"]},
            "section": _STR,
            "discover": {"type": "boolean"},
            "authors": _STRS,
            "publishers": _STRS,
            "source": _STR,
            "year": _YEAR,
            "date_text": _STR,
            "pages": _YEAR,
            "doc_type": _STR,
            "language": {"enum": ["fr", "en"]},
            "online": {"type": "boolean"},
            "description": _STR,
            "issue": _STR,
            "file": _STR,
            "line": {"type": "integer", "minimum": 1},
        },
    },
    "Coverage": {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "total",
            "section_year",
            "years",
            "type",
            "publisher",
            "issue",
            "language",
            "kind",
            "quality",
        ],
        "properties": {
            "total": _COUNT,
            "section_year": {
                "type": "array",
                "description": "une ligne par section, dans l'ordre des numéros",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["section", "years", "total"],
                    "properties": {"section": _STR, "years": _YEAR_COUNTS, "total": _COUNT},
                },
            },
            "years": _YEAR_COUNTS,
            "type": _COUNTS,
            "publisher": _COUNTS,
            "issue": _COUNTS,
            "language": _COUNTS,
            "kind": _COUNTS,
            "quality": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "without_year",
                    "without_publisher",
                    "without_type",
                    "duplicates",
                    "folded_variants",
                ],
                "properties": {
                    "without_year": _BRIEFS,
                    "without_publisher": _BRIEFS,
                    "without_type": _BRIEFS,
                    "duplicates": {"type": "array", "items": _BRIEFS},
                    "folded_variants": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["publisher", "spellings"],
                            "properties": {"publisher": _STR, "spellings": _STRS},
                        },
                    },
                },
            },
        },
    },
    "CheckResponse": {
        "type": "object",
        "additionalProperties": False,
        "required": ["reference", "verdict", "candidates"],
        "properties": {
            "reference": _STR,
            "verdict": {
                "enum": list(VERDICT_LABELS),
                "description": "; ".join(f"{k} : {v}" for k, v in VERDICT_LABELS.items()),
            },
            "candidates": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "id",
                        "title",
                        "year",
                        "authors",
                        "publishers",
                        "issue",
                        "url",
                        "score",
                        "matched",
                    ],
                    "properties": {
                        "id": _STR,
                        "title": _STR,
                        "year": _YEAR,
                        "authors": _STRS,
                        "publishers": _STRS,
                        "issue": _STR,
                        "url": {"type": "string", "pattern": "^/entry/"},
                        "score": _SHARE,
                        "matched": {
                            "type": "object",
                            "description": "ressemblance par champ (title, year, authors, "
                            "publishers), de 0 à 1",
                            "additionalProperties": _SHARE,
                        },
                    },
                },
            },
        },
    },
    "Error": {
        "type": "object",
        "additionalProperties": False,
        "required": ["error"],
        "properties": {"error": {"type": "string", "description": "message en français"}},
    },
}


def _json(schema: str, description: str) -> dict[str, Any]:
    """Describe a JSON response by its schema."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _errors(*codes: int) -> dict[str, Any]:
    """Describe the error responses an operation can give."""
    meaning = {
        400: "Paramètre invalide ; le message dit lequel et comment le corriger.",
        404: "Identifiant inconnu.",
        503: "Index indisponible (pas encore construit ou illisible).",
    }
    return {str(code): _json("Error", meaning[code]) for code in codes}


def spec() -> dict[str, Any]:
    """Return the OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "veille — API de recherche",
            "version": "1.0.0",
            "description": "Recherche dans la lettre « Veille & territoires — En quelques clics ». "
            "Les mêmes paramètres que la page de recherche ; GET uniquement.",
        },
        "paths": {
            "/api/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Rechercher : résultats d'une page, facettes, suggestion.",
                    "parameters": SEARCH_PARAMETERS,
                    "responses": {
                        "200": _json("SearchResponse", "Une page de résultats."),
                        **_errors(400, 503),
                    },
                }
            },
            "/api/entries/{id}": {
                "get": {
                    "operationId": "entry",
                    "summary": "Une entrée complète, avec sa provenance.",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": _STR}],
                    "responses": {"200": _json("Entry", "L'entrée."), **_errors(404, 503)},
                }
            },
            "/api/coverage": {
                "get": {
                    "operationId": "coverage",
                    "summary": "Ce que couvre le corpus : effectifs par section et année, type, "
                    "éditeur, numéro, langue, nature ; qualité des données.",
                    "responses": {
                        "200": _json("Coverage", "Le rapport de couverture."),
                        **_errors(503),
                    },
                }
            },
            "/api/check": {
                "get": {
                    "operationId": "check",
                    "summary": "Déjà dans le corpus ? Les entrées qu'une référence désigne "
                    "le plus probablement, et le verdict.",
                    "parameters": [
                        {
                            "name": "ref",
                            "in": "query",
                            "required": True,
                            "description": "La référence, dans n'importe quel style.",
                            "schema": {
                                "type": "string",
                                "minLength": 1,
                                "maxLength": MAX_REFERENCE_LENGTH,
                            },
                        }
                    ],
                    "responses": {
                        "200": _json("CheckResponse", "Le verdict et les candidats."),
                        **_errors(400, 503),
                    },
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
