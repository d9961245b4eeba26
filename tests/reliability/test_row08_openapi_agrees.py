"""Issue 16, row 8: the OpenAPI document and the service agree on the values the attack found
them disagreeing about.

A reversed year range (`from=2199&to=1800`) is valid for the schema: the service reads it as
the years between. A reference of spaces or control characters (`ref=%0A`) is refused by
both. An empty `sort=` (as an empty parameter of any kind) means "not given" for both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from search_ui.rendering.openapi import spec
from search_ui.web.app import create_app


@pytest.fixture(scope="module")
def client(seed_index: Path) -> FlaskClient:
    """Return a test client of the app on the seed's index."""
    app: Flask = create_app({"INDEX_DIR": str(seed_index), "TESTING": True})
    return app.test_client()


def parameter(path: str, name: str) -> dict[str, Any]:
    """Return one parameter of a GET operation of the OpenAPI document."""
    parameters = spec()["paths"][path]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)


def accepts(path: str, name: str, value: Any) -> bool:
    """Tell whether the document admits a value of a query parameter (empty: allowEmptyValue)."""
    declared = parameter(path, name)
    if value == "" and declared.get("allowEmptyValue"):
        return True
    return Draft202012Validator(declared["schema"]).is_valid(value)


def total(client: FlaskClient, query: str) -> int:
    """Return the total of a search, failing unless it answers 200."""
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 200, (query, response.json)
    return response.json["total"]


@pytest.mark.parametrize(("low", "high"), [(1800, 2199), (2016, 2018)])
def test_a_reversed_year_range_is_the_years_between(client, low: int, high: int) -> None:
    assert accepts("/api/search", "from", high) and accepts("/api/search", "to", low)
    expected = total(client, f"from={low}&to={high}")
    assert total(client, f"from={high}&to={low}") == expected > 0
    page = client.get(f"/search?from={high}&to={low}")
    assert page.status_code == 200
    assert f'value="{low}"' in page.get_data(as_text=True)  # the form shows the range as read


@pytest.mark.parametrize("ref", ["\n", " ", "\t\r\n ", "\x01", "\x00 \x1f", "\x85"])
def test_a_reference_without_a_visible_character_is_refused_by_both(client, ref: str) -> None:
    assert not accepts("/api/check", "ref", ref)
    response = client.get("/api/check", query_string={"ref": ref})
    assert response.status_code == 400
    assert "ref" in response.json["error"]


@pytest.mark.parametrize("ref", ["x", " innovation publique ", "\ninnovation\n", "é"])
def test_a_reference_with_a_visible_character_is_accepted_by_both(client, ref: str) -> None:
    assert accepts("/api/check", "ref", ref)
    assert client.get("/api/check", query_string={"ref": ref}).status_code == 200


@pytest.mark.parametrize("name", ["sort", "from", "to", "page", "per_page", "facet_size"])
def test_an_empty_parameter_is_not_given_for_both(client, name: str) -> None:
    assert accepts("/api/search", name, "")
    assert total(client, f"{name}=") == total(client, "")
    assert client.get(f"/api/search?{name}=").json["sort"] == "-date"


def test_an_unknown_sort_is_refused_by_both(client) -> None:
    assert not accepts("/api/search", "sort", "pertinence")
    assert client.get("/api/search?sort=pertinence").status_code == 400


def test_the_facet_page_takes_an_empty_page_too(client) -> None:
    assert accepts("/api/facets/{facet}", "page", "")
    assert client.get("/api/facets/publisher?page=").json["page"] == 1
