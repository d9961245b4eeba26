"""The OpenAPI pieces of facets at scale: `facet_size` on /api/search, and /api/facets/{facet}
(every value of a facet, filtered and paged). Kept apart so that openapi.py stays short."""

from __future__ import annotations

from typing import Any

from indexer.facet_specs import COUNTED
from search_ui.engine.criteria import DEFAULT_FACET_SIZE, MAX_FACET_SIZE, MAX_VALUE_LENGTH
from search_ui.engine.facet_pages import FACET_PAGE_SIZE, MAX_FACET_PAGE, PAGE_PARAMS

FACET_SIZE_PARAMETER: dict[str, Any] = {
    "name": "facet_size",
    "in": "query",
    "description": "Nombre de valeurs listées par facette (les plus fréquentes, ou les "
    "premières dans l'ordre de la facette) ; les valeurs sélectionnées s'y ajoutent "
    "toujours. Toutes les valeurs : /api/facets/{facet}.",
    "schema": {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_FACET_SIZE,
        "default": DEFAULT_FACET_SIZE,
    },
    "allowEmptyValue": True,
}
_OWN_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "q_value",
        "in": "query",
        "description": "Ne garder que les valeurs qui contiennent ce texte (sans tenir compte "
        "des accents ni des majuscules).",
        "schema": {"type": "string", "maxLength": MAX_VALUE_LENGTH},
    },
    {
        "name": "page",
        "in": "query",
        "description": f"Page de valeurs ({FACET_PAGE_SIZE} par page), à partir de 1.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_FACET_PAGE, "default": 1},
        "allowEmptyValue": True,
    },
]
_POSITIVE = {"type": "integer", "minimum": 1}
# One value of a facet; a coded one (a territory) adds its name, `label`.
FACET_VALUE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["value", "count", "selected"],
    "properties": {
        "value": {"type": "string"},
        "count": {"type": "integer", "minimum": 0},
        "selected": {"type": "boolean"},
        "label": {"type": "string", "description": "nom d'une valeur codée (un territoire)"},
    },
}
FACET_PAGE: dict[str, Any] = {
    "facet": {"type": "string"},
    "label": {"type": "string"},
    "q_value": {"type": "string"},
    "values": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}},
    "total_values": {"type": "integer", "minimum": 0, "description": "valeurs après le filtre"},
    "page": _POSITIVE,
    "per_page": _POSITIVE,
    "pages": _POSITIVE,
}


def facet_page_parameters(search: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return a facet page's parameters: the facet, the search's own (its page and facet
    size aside: the page is the facet page's), the filter and the page of values."""
    facet = {
        "name": "facet",
        "in": "path",
        "required": True,
        "schema": {"enum": [spec.param for spec in COUNTED]},
    }
    kept = [p for p in search if p["name"] not in (*PAGE_PARAMS, "facet_size")]
    return [facet, *kept, *_OWN_PARAMETERS]
