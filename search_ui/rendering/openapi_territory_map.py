"""The OpenAPI pieces of /api/territories (coverage by territory for a search: the JSON twin
of the map /territoires). Kept apart so that openapi.py stays short."""

from __future__ import annotations

from typing import Any

from search_ui.rendering.territory_map import levels

_COUNT = {"type": "integer", "minimum": 0}
_SEARCH_URL = {"type": "string", "pattern": "^/search"}
_PLACE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["code", "name", "count", "url"],
    "properties": {
        "code": {"type": "string", "description": "code officiel : reg-53, dep-35, int-ES"},
        "name": {"type": "string"},
        "count": _COUNT,
        "url": _SEARCH_URL | {"description": "la recherche filtrée sur ce territoire"},
    },
}
TERRITORIES: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["regions", "abroad", "abroad_total"],
    "properties": {
        "regions": {"type": "array", "items": _PLACE},
        "region": _PLACE | {"description": "la région demandée (paramètre region)"},
        "departments": {
            "type": "array",
            "items": _PLACE,
            "description": "les départements de la région demandée, par code",
        },
        "abroad": {
            "type": "array",
            "items": _PLACE,
            "description": "les pays et ensembles de pays cités, du plus au moins fréquent",
        },
        "abroad_total": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "count", "url"],
            "properties": {"name": {"type": "string"}, "count": _COUNT, "url": _SEARCH_URL},
            "description": "les entrées sur un lieu hors de France, chacune comptée une fois",
        },
    },
}


def territories_parameters(search: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the parameters of /api/territories: the search's, and the région asked."""
    region = {
        "name": "region",
        "in": "query",
        "description": "Une région (code officiel, reg-53) dont lister les départements.",
        "schema": {"type": "string", "enum": list(levels().regions)},
        "allowEmptyValue": True,
    }
    return [*search, region]


def territories_path(search: list[dict[str, Any]], errors: dict[str, Any]) -> dict[str, Any]:
    """Return the path item of /api/territories."""
    return {
        "get": {
            "operationId": "territories",
            "summary": "Couverture par territoire pour une recherche : effectifs par région, "
            "par département d'une région, hors de France.",
            "parameters": territories_parameters(search),
            "responses": {
                "200": {
                    "description": "Les effectifs par territoire.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Territories"}}
                    },
                },
                **errors,
            },
        }
    }
