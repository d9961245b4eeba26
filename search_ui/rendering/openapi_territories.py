"""The OpenAPI pieces of territories in the search and the entry (issue 18, item 3): a hit's
and an entry's codes, their names, the places a query names that no entry is about. Kept
apart so that openapi.py stays short (the map's are in openapi_territory_map.py)."""

from __future__ import annotations

from typing import Any

_STR = {"type": "string"}

HIT_TERRITORIES: dict[str, Any] = {
    "territories": {
        "type": "array",
        "description": "codes des territoires de la notice (reg-53, dep-35, com-35238…), "
        "ceux qui les contiennent compris",
        "items": _STR,
    },
}
ENTRY: dict[str, Any] = {
    **HIT_TERRITORIES,
    "territories_named": {
        "type": "array",
        "description": "codes des territoires qu'elle nomme ou de ses éditeurs",
        "items": _STR,
    },
    "territory_names": {
        "type": "object",
        "description": "nom de chacun de ses territoires, par code",
        "additionalProperties": _STR,
    },
}
ABSENT_PLACES: dict[str, Any] = {
    "absent_places": {
        "type": "array",
        "description": "lieux nommés par la requête dont aucune notice ne traite (« Normandie »)",
        "items": _STR,
    },
}
