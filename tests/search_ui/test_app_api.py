"""The JSON API: conforms to its OpenAPI description and agrees with the HTML pages."""

from __future__ import annotations

import re

import pytest
from flask import url_for
from jsonschema import Draft202012Validator

from search_ui.engine.criteria import request_from_pairs
from search_ui.rendering.openapi import spec
from search_ui.web.paths import entry_path

from .html import facet_count, soup

URLS = (
    "q=innovation",
    "q=innovation&type=rapport&type=article",
    "q=design&section=Le+design+de+services+publics&sort=-date",
    "q=inovation",
    "",
    "from=2016&to=2017&page=2&per_page=5",
    "publisher=Futurs+Publics&year=2018",
)


def validator(name: str) -> Draft202012Validator:
    """Return a validator for one component schema of the shipped OpenAPI document."""
    document = spec()
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    return Draft202012Validator(schema)


def test_openapi_document_is_served_and_describes_both_endpoints(client):
    document = client.get("/api/openapi.json").json
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/search",
        "/api/facets/{facet}",
        "/api/entries/{id}",
        "/api/coverage",
        "/api/coverage/{name}",
        "/api/territories",
        "/api/check",
    }
    names = {p["name"] for p in document["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "section", "publisher", "type", "year", "from", "to", "sort", "page"} <= names
    assert {"per_page"} <= names
    responses = document["paths"]["/api/search"]["get"]["responses"]
    assert {"200", "400", "503"} <= set(responses)
    for name in (
        "SearchResponse",
        "Hit",
        "FacetValue",
        "Entry",
        "Error",
        "Coverage",
        "CheckResponse",
    ):
        Draft202012Validator.check_schema(document["components"]["schemas"][name])


def test_every_json_endpoint_is_described_and_explained(app, client):
    document = client.get("/api/openapi.json").json
    about = client.get("/api").get_data(as_text=True)
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(\w+)>", r"{\1}", rule.rule.replace("<entry_id>", "{id}"))
        if not path.startswith("/api/") or path == "/api/openapi.json":
            continue
        assert path in document["paths"], path
        assert f"GET {path}" in about, path


@pytest.mark.parametrize("query", URLS)
def test_search_json_validates_against_the_openapi_schema(client, query):
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    validator("SearchResponse").validate(response.json)


def test_entry_json_validates_against_the_openapi_schema(client, records):
    hits = client.get("/api/search?per_page=100").json["hits"]
    assert sorted(hit["id"] for hit in hits) == sorted(record["id"] for record in records)
    for hit in hits:
        validator("Entry").validate(client.get(f"/api/entries/{hit['id']}").json)


def test_errors_validate_against_the_error_schema(client):
    for url, status in (("/api/search?page=abc", 400), ("/api/entries/nope", 404)):
        response = client.get(url)
        assert response.status_code == status
        validator("Error").validate(response.json)


@pytest.mark.parametrize("query", URLS)
def test_html_and_json_agree_on_hits_and_facet_counts(client, query):
    data = client.get(f"/api/search?{query}&facet_size=8").json  # the page lists 8 a facet
    page = soup(client.get(f"/search?{query}"))
    assert [hit["data-id"] for hit in page.select("li.hit")] == [h["id"] for h in data["hits"]]
    for facet in ("section", "publisher", "type", "year"):
        html_counts = {
            box["data-value"]: facet_count(box)
            for box in page.select(f'input[data-facet="{facet}"]')
        }
        json_counts = {value["value"]: value["count"] for value in data["facets"][facet]}
        assert html_counts == json_counts, facet
        html_selected = {
            box["data-value"] for box in page.select(f'input[data-facet="{facet}"][checked]')
        }
        assert html_selected == {v["value"] for v in data["facets"][facet] if v["selected"]}
    stats = page.select_one(".stats")
    assert int(stats["data-total"]) == data["total"]


def test_api_search_is_exactly_the_result_object(client, app):
    from search_ui.engine.criteria import parse_request
    from search_ui.web.service import EXTENSION

    data = client.get("/api/search?q=tiers-lieux&type=rapport").json
    with app.app_context():
        expected = app.extensions[EXTENSION].search(
            parse_request({"q": ["tiers-lieux"], "type": ["rapport"]})
        )
    expected_json = expected.to_api(entry_url=entry_path)
    data.pop("took_ms")
    expected_json.pop("took_ms")
    assert data == expected_json


def test_entry_json_is_the_record(client):
    hit = client.get("/api/search?q=innovation").json["hits"][0]
    record = client.get(f"/api/entries/{hit['id']}").json
    assert record["id"] == hit["id"]
    assert record["title"] == hit["title"]
    assert {"file", "line", "issue", "description"} <= set(record)


def test_api_page_explains_the_api_in_french(client):
    page = soup(client.get("/api"))
    assert page.h1.get_text() == "API de recherche"
    assert page.find("a", href="/api/openapi.json")
    documented = {row.th.get_text() for row in page.select("table.params tbody tr")}
    assert {"q", "section", "publisher", "type", "year", "from", "to", "sort", "page"} <= documented


def test_the_engine_knows_no_route_and_the_api_links_each_entry_page(client, app, service):
    result = service.search(request_from_pairs([("q", "innovation")]))
    assert result.hits and all("url" not in hit for hit in result.to_api()["hits"])
    hits = client.get("/api/search?q=innovation").json["hits"]
    with app.test_request_context():
        pages = [url_for("pages.entry", entry_id=hit["id"]) for hit in hits]
    assert [hit["url"] for hit in hits] == pages
    assert client.get(hits[0]["url"]).status_code == 200


@pytest.mark.parametrize("q", ["innovation publique", "inovation", "zzzqqq"])
def test_matched_counts_what_the_page_lists(client, q):
    data = client.get(f"/api/search?q={q}&per_page=100").json
    stats = soup(client.get(f"/search?q={q}")).select_one("p.stats")
    assert data["matched"] == int(stats["data-matched"]) == len(data["hits"])
    if q == "inovation":
        assert data["relaxed"] and data["total"] == 0 < data["matched"]
