"""Issue 16, row 8: Schemathesis over /api/openapi.json, in process (WSGI, no network).

Every operation of the document gets values that fit its schema and values that do not,
a bounded number of each, derandomized so that a run is the same every time. Every answer
must be one the document lists for the operation, with its content type and a body that
fits its schema; none a 5xx.

Schemathesis's positive_data_acceptance is left out: a 400 for schema-valid values is
documented for two rules that JSON Schema cannot state, the depth page × per_page and the
spelling of numbers (JSON Schema counts 2.0 as an integer; the service reads ASCII digits
only). The values the attack found disagreeing are test_row08_openapi_agrees.py's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from search_ui.rendering.openapi import spec
from search_ui.web.app import create_app

EXAMPLES = 30  # per operation and per mode: the run stays well under a minute
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]
DOCUMENT = spec()
# Negative values exist only for a query parameter: an operation without one has none.
CASES = [
    (path, mode)
    for path, methods in DOCUMENT["paths"].items()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE
    or any(p["in"] == "query" for p in methods["get"].get("parameters", []))
]


@pytest.fixture(scope="module")
def api_schema(seed_index: Path) -> schemathesis.BaseSchema:
    """Load the OpenAPI document from the app on the seed's index, as a client reads it."""
    app = create_app({"INDEX_DIR": str(seed_index)})  # not TESTING: a crash is a 500
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


@pytest.mark.parametrize(("path", "mode"), CASES)
def test_the_api_answers_as_its_document_says(
    api_schema: schemathesis.BaseSchema, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers(case) -> None:
        case.call_and_validate(checks=CHECKS)

    answers()
