"""The OpenAPI 3.1 description of the JSON API, built once; tests validate responses with it."""

from __future__ import annotations

from typing import Any

from indexer.facet_specs import FACETS, FacetSpec, Holds, Panel, facet
from search_ui.engine.check import MAX_REFERENCE_LENGTH, VERDICT_LABELS
from search_ui.engine.criteria import (
    DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
    MAX_RESULT_DEPTH,
    MAX_VALUE_LENGTH,
    MAX_VALUES_PER_FACET,
    SORTS,
    YEAR_RANGE,
)
from search_ui.rendering.openapi_coverage import COVERAGE, QUALITY_LIST_PARAMETERS, QUALITY_PAGE
from search_ui.rendering.openapi_facets import (
    FACET_PAGE,
    FACET_SIZE_PARAMETER,
    FACET_VALUE,
    facet_page_parameters,
)
from search_ui.rendering.openapi_territories import ABSENT_PLACES, ENTRY, HIT_TERRITORIES
from search_ui.rendering.openapi_territory_map import TERRITORIES, territories_path
from search_ui.rendering.openapi_tiers import HIT_TIERS, TIER_TOTALS, UNSEARCHED_WORDS

_STR = {"type": "string"}
_STRS = {"type": "array", "items": _STR}
_YEAR = {"type": ["integer", "null"]}
_COUNT = {"type": "integer", "minimum": 0}
_SHARE = {"type": "number", "minimum": 0, "maximum": 1}
_URL = {"type": "string", "pattern": "^/entry/"}
_KINDS = {"enum": list(facet("kind").value_labels)}
# A character that is neither a space nor a control character: what a reference needs.
_VISIBLE = "[^\\s\\x00-\\x1f\\x7f-\\x9f]"


def _object(
    properties: dict[str, Any], optional: tuple[str, ...] = (), closed: bool = True
) -> dict[str, Any]:
    """Describe a JSON object whose properties are all required but the `optional` ones."""
    return {
        "type": "object",
        **({"additionalProperties": False} if closed else {}),
        "required": [name for name in properties if name not in optional],
        "properties": properties,
    }


def _facet_param(spec: FacetSpec) -> dict[str, Any]:
    """Describe a facet's repeatable parameter."""
    value = {"type": "string", "maxLength": MAX_VALUE_LENGTH}
    if spec.holds is Holds.YEAR:
        value = {"type": "string", "pattern": "^[0-9]{4}$"}
    return {
        "name": spec.param,
        "in": "query",
        "description": spec.description
        + " Répétable : OU entre valeurs d'une facette, ET entre facettes.",
        "schema": {"type": "array", "items": value, "maxItems": MAX_VALUES_PER_FACET},
        "style": "form",
        "explode": True,
    }


def _year_param(name: str, description: str) -> dict[str, Any]:
    """Describe a year bound."""
    low, high = YEAR_RANGE
    return {
        "name": name,
        "in": "query",
        "description": description + " Si from est postérieure à to, les deux sont échangées.",
        "schema": {"type": "integer", "minimum": low, "maximum": high},
        "allowEmptyValue": True,  # an empty form field: no bound
    }


SEARCH_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "q",
        "in": "query",
        "description": "Mots, « phrases », -exclu, champ:valeur, 2016..2018. "
        "Vide : toutes les entrées, de la plus récente à la plus ancienne.",
        "schema": {"type": "string", "maxLength": 500},
    },
    *(_facet_param(spec) for spec in FACETS),
    _year_param("from", "Depuis cette année (incluse)."),
    _year_param("to", "Jusqu'à cette année (incluse)."),
    {
        "name": "sort",
        "in": "query",
        "description": "Tri ; vide ou absent : la pertinence avec une requête, le plus récent "
        "sans.",
        "schema": {"type": "string", "enum": list(SORTS)},
        "allowEmptyValue": True,
    },
    {
        "name": "page",
        "in": "query",
        "description": f"Page de résultats ; page × per_page ne dépasse pas {MAX_RESULT_DEPTH}.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_RESULT_DEPTH, "default": 1},
        "allowEmptyValue": True,
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
        "allowEmptyValue": True,
    },
    FACET_SIZE_PARAMETER,
]
FACET_PAGE_PARAMETERS: list[dict[str, Any]] = facet_page_parameters(SEARCH_PARAMETERS)

_HIT = {
    "id": _STR,
    "title": _STR,
    "score": {"type": ["number", "null"], "description": "BM25F, avec le tri par pertinence"},
    "year": _YEAR,
    "section": _STR,
    "publishers": _STRS,
    "authors": _STRS,
    "doc_type": _STR,
    "kind": _KINDS,
    "url": _URL,
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
        "items": _object({"id": _STR, "issue": _STR}, closed=False),
    },
    **HIT_TIERS,
    **HIT_TERRITORIES,
}
# What /api/search added to each hit after the starting contract: not required of clients.
_HIT_ADDED = (
    "title_html",
    "source",
    "date_text",
    "pages",
    "online",
    "issue",
    "language",
    "also_in",
    "partial",
    "missing",
    "related",
    "territories",
)
_SEARCH_RESPONSE = {
    "query": _STR,
    "total": {"type": "integer", "minimum": 0, "description": "résultats avec tous les mots"},
    **TIER_TOTALS,
    "relaxed": {"type": "boolean", "description": "vrai : hits tient les résultats approchants"},
    "matched": {
        "type": "integer",
        "minimum": 0,
        "description": "notices listées par les pages : tous les mots (ou résultats approchants), "
        "puis une partie des mots, puis sujets proches",
    },
    "page": {"type": "integer", "minimum": 1},
    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    "pages": {"type": "integer", "minimum": 1},
    "sort": {"type": "string", "enum": list(SORTS)},
    "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
    "facets": {
        "type": "object",
        # The facets with a panel whenever they have values; the others may be left out.
        "required": [spec.api for spec in FACETS if spec.panel is Panel.ALWAYS],
        "additionalProperties": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/FacetValue"},
        },
    },
    "facet_totals": {
        "type": "object",
        "description": "nombre de valeurs de chaque facette (facets n'en liste que les premières)",
        "additionalProperties": _COUNT,
    },
    "suggestion": {"type": ["string", "null"]},
    **UNSEARCHED_WORDS,
    **ABSENT_PLACES,
    "took_ms": {"type": "number", "minimum": 0},
}
_ENTRY = {
    "id": _STR,
    "title": _STR,
    "kind": _KINDS,
    "section": _STR,
    "discover": {"type": "boolean"},
    "authors": _STRS,
    "publishers": _STRS,
    "source": _STR,
    "year": _YEAR,
    "date_text": _STR,
    "pages": _YEAR,
    "doc_type": _STR,
    "language": {"enum": list(facet("language").value_labels)},
    "online": {"type": "boolean"},
    "description": _STR,
    "issue": _STR,
    "file": _STR,
    "line": {"type": "integer", "minimum": 1},
    **ENTRY,
}
_CANDIDATE = {
    "id": _STR,
    "title": _STR,
    "year": _YEAR,
    "authors": _STRS,
    "publishers": _STRS,
    "issue": _STR,
    "url": _URL,
    "score": _SHARE,
    "matched": {
        "type": "object",
        "description": "ressemblance par champ (title, year, authors, publishers), de 0 à 1",
        "additionalProperties": _SHARE,
    },
}
_VERDICT = {
    "enum": list(VERDICT_LABELS),
    "description": "; ".join(f"{k} : {v}" for k, v in VERDICT_LABELS.items()),
}
SCHEMAS: dict[str, Any] = {
    "Hit": _object(_HIT, optional=_HIT_ADDED),
    "FacetValue": FACET_VALUE,
    "SearchResponse": _object(
        _SEARCH_RESPONSE,
        optional=(
            "pages",
            "sort",
            "facet_totals",
            "absent_words",
            "common_words",
            "absent_places",
            "partial_total",
            "related_total",
            "matched",
        ),
    ),
    "FacetPage": _object(FACET_PAGE),
    "Entry": _object(_ENTRY, optional=("territories", "territories_named"), closed=False),
    "Coverage": COVERAGE,
    "QualityPage": QUALITY_PAGE,
    "Territories": TERRITORIES,
    "CheckResponse": _object(
        {
            "reference": _STR,
            "verdict": _VERDICT,
            "candidates": {"type": "array", "items": _object(_CANDIDATE)},
        }
    ),
    "Error": _object({"error": {"type": "string", "description": "message en français"}}),
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
        404: "Identifiant ou facette inconnus.",
        503: "Index indisponible (pas encore construit ou illisible) ou, pour un calcul lourd "
        "(rapport de couverture pas encore calculé), trop de calculs lourds en cours : "
        "réessayer après le délai de Retry-After.",
    }
    retry = {"Retry-After": {"description": "Secondes à attendre.", "schema": {"type": "string"}}}
    return {
        str(code): _json("Error", meaning[code]) | ({"headers": retry} if code == 503 else {})
        for code in codes
    }


def spec() -> dict[str, Any]:
    """Return the OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "veille — API de recherche",
            "version": "1.0.0",
            "description": "Recherche dans la lettre « Veille & territoires — En quelques clics ». "
            "Les mêmes paramètres que la page de recherche ; en lecture seule (GET, et HEAD "
            "et OPTIONS). Un paramètre vide compte pour absent ; les nombres s'écrivent avec "
            "les chiffres 0 à 9.",
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
            "/api/facets/{facet}": {
                "get": {
                    "operationId": "facet",
                    "summary": "Toutes les valeurs d'une facette pour une recherche, filtrées "
                    "et paginées, avec leurs effectifs.",
                    "parameters": FACET_PAGE_PARAMETERS,
                    "responses": {
                        "200": _json("FacetPage", "Une page de valeurs."),
                        **_errors(400, 404, 503),
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
            "/api/coverage/{name}": {
                "get": {
                    "operationId": "coverage_list",
                    "summary": "Une liste de la qualité des données en entier, page par page : "
                    "entrées sans année, sans éditeur, sans type ; doublons probables ; "
                    "éditeurs écrits de plusieurs façons.",
                    "parameters": QUALITY_LIST_PARAMETERS,
                    "responses": {
                        "200": _json("QualityPage", "Une page de la liste."),
                        **_errors(400, 404, 503),
                    },
                }
            },
            "/api/territories": territories_path(SEARCH_PARAMETERS, _errors(400, 503)),
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
                            "description": "La référence, dans n'importe quel style ; au "
                            "moins un caractère visible (les caractères de contrôle comptent "
                            "pour des espaces).",
                            "schema": {
                                "type": "string",
                                "minLength": 1,
                                "maxLength": MAX_REFERENCE_LENGTH,
                                "pattern": _VISIBLE,
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
