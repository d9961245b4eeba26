"""The OpenAPI pieces of the coverage report: /api/coverage (its counts, and the first items
of each data-quality list) and /api/coverage/{name} (a whole list, a page at a time). Kept
apart so that openapi.py stays short."""

from __future__ import annotations

from typing import Any

from indexer.facet_specs import REPORTED
from search_ui.engine.quality_pages import (
    MAX_QUALITY_PAGE,
    QUALITY_LISTS,
    QUALITY_PAGE_SIZE,
    QUALITY_SHOWN,
)

_STR = {"type": "string"}
_COUNT = {"type": "integer", "minimum": 0}
_POSITIVE = {"type": "integer", "minimum": 1}
_YEAR_COUNTS = {
    "type": "object",
    "description": "effectifs par année ; « null » compte les entrées sans année",
    "propertyNames": {"pattern": "^([0-9]{4}|null)$"},
    "additionalProperties": _COUNT,
}
_NAMES = [spec.name for spec in QUALITY_LISTS]


def _closed(properties: dict[str, Any], description: str | None = None) -> dict[str, Any]:
    """Describe a JSON object whose properties are all required, and the only ones."""
    return {
        "type": "object",
        **({"description": description} if description else {}),
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


_SECTION_YEAR = {
    "type": "array",
    "description": "une ligne par section, dans l'ordre des numéros",
    "items": _closed({"section": _STR, "years": _YEAR_COUNTS, "total": _COUNT}),
}
_BRIEF = _closed(
    {
        "id": _STR,
        "title": _STR,
        "issue": _STR,
        "section": _STR,
        "year": {"type": ["integer", "null"]},
    }
)
_VARIANT = _closed({"publisher": _STR, "spellings": {"type": "array", "items": _STR}})
# What an item of each list is: an entry, a group of suspected duplicates, a publisher.
_ITEMS = {
    "without_year": _BRIEF,
    "without_publisher": _BRIEF,
    "without_type": _BRIEF,
    "duplicates": {"type": "array", "items": _BRIEF, "minItems": 2},
    "folded_variants": _VARIANT,
}


COVERAGE: dict[str, Any] = _closed(
    {
        "total": _COUNT,
        "section_year": _SECTION_YEAR,
        "years": _YEAR_COUNTS,
        **{spec.api: {"type": "object", "additionalProperties": _COUNT} for spec in REPORTED},
        "quality": _closed(
            {
                name: {"type": "array", "items": item, "maxItems": QUALITY_SHOWN}
                for name, item in _ITEMS.items()
            },
            f"les {QUALITY_SHOWN} premiers éléments de chaque liste ; toute la liste, page par "
            "page : quality_pages",
        ),
        "quality_totals": _closed(
            dict.fromkeys(_NAMES, _COUNT), "nombre d'éléments de chaque liste"
        ),
        "quality_pages": _closed(
            {name: {"type": "string", "pattern": f"^/api/coverage/{name}$"} for name in _NAMES},
            "l'adresse (relative à la racine du site) des pages de chaque liste",
        ),
    }
)
QUALITY_LIST_PARAMETERS: list[dict[str, Any]] = [
    {"name": "name", "in": "path", "required": True, "schema": {"enum": _NAMES}},
    {
        "name": "page",
        "in": "query",
        "description": f"Page de la liste ({QUALITY_PAGE_SIZE} éléments par page ; un groupe "
        "de doublons probables compte pour un), à partir de 1.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_QUALITY_PAGE, "default": 1},
        "allowEmptyValue": True,
    },
]
# One page of a list: its items are those of the list it names.
QUALITY_PAGE: dict[str, Any] = {
    "oneOf": [
        _closed(
            {
                "list": {"const": spec.name},
                "label": {"const": spec.label},
                "items": {
                    "type": "array",
                    "items": _ITEMS[spec.name],
                    "maxItems": QUALITY_PAGE_SIZE,
                },
                "total": {**_COUNT, "description": "éléments de toute la liste"},
                "page": _POSITIVE,
                "per_page": {"const": QUALITY_PAGE_SIZE},
                "pages": _POSITIVE,
            }
        )
        for spec in QUALITY_LISTS
    ]
}
