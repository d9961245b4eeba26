"""Issue 16, row 14 (numbers): a number in a URL is ASCII digits, nothing else.

Python's int() reads "1_0", " 5", "+5" and "١٠" (Arabic-Indic digits) as numbers; no page of
ours writes them and no reader means them as such: each is a 400 with the French message,
in HTML and in JSON, on every integer parameter and on the year facet.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from search_ui.engine.criteria import BadRequest, request_from_pairs
from search_ui.web.app import create_app

LENIENT = ["1_0", "١٠", "+5", " 5", "5 ", "５", "²", "-0", "0x10", "1e1", "5.0", "\t5"]
YEARS = ["2_018", "٢٠١٨", "+2018", " 2018", "2018 ", "２０１８", "²⁰¹⁸"]
# (path, parameter, a value in range): the search's integers, the API's facet size and the
# facet page's own page of values.
INTEGERS = [
    ("/search", "per_page", "10"),
    ("/api/search", "page", "2"),
    ("/api/search", "from", "2016"),
    ("/search", "to", "2018"),
    ("/api/search", "facet_size", "5"),
    ("/api/facets/publisher", "page", "1"),
]


@pytest.fixture(scope="module")
def app(seed_index: Path) -> Flask:
    """Return the app on the seed's index."""
    return create_app({"INDEX_DIR": str(seed_index), "TESTING": True})


def message(response) -> str:
    """Return the error message of a JSON or HTML answer."""
    if response.mimetype == "application/json":
        return response.json["error"]
    return response.get_data(as_text=True)


@pytest.mark.parametrize(("path", "name", "good"), INTEGERS)
def test_integers_are_ascii_digits_only(app: Flask, path: str, name: str, good: str) -> None:
    client = app.test_client()
    assert client.get(path, query_string={name: good}).status_code == 200
    for value in LENIENT:
        response = client.get(path, query_string={name: value})
        assert response.status_code == 400, (name, value)
        text = message(response)
        assert f"Le paramètre « {name} » doit être un nombre entier" in text, (name, value)
        assert "chiffres 0 à 9" in text


def test_the_year_facet_takes_four_ascii_digits(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/api/search", query_string={"year": "2018"}).status_code == 200
    for value in YEARS:
        for path in ("/search", "/api/search"):
            response = client.get(path, query_string={"year": value})
            assert response.status_code == 400, (path, value)
            assert "attend une année sur quatre chiffres" in message(response)


@pytest.mark.parametrize("value", ["1_0", "١٠", " 5"])
def test_the_command_line_reads_numbers_alike(value: str) -> None:
    with pytest.raises(BadRequest, match="« per_page » doit être un nombre entier"):
        request_from_pairs([("per_page", value)])
    assert request_from_pairs([("per_page", "10")]).per_page == 10


def test_an_empty_number_is_not_given(app: Flask) -> None:
    answer = app.test_client().get("/api/search?page=&per_page=").json
    assert (answer["page"], answer["per_page"]) == (1, 20)
