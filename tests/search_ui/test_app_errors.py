"""Edges: bad parameters, unknown ids and routes, other methods, missing index, crashes."""

from __future__ import annotations

import logging

import pytest

from search_ui.web.app import create_app

from .html import soup

BAD = {
    "page=abc": "page",
    "per_page=1000": "per_page",
    "sort=foo": "foo",
    "from=1700": "from",
    "year=18": "year",
}


@pytest.mark.parametrize("query", BAD)
def test_bad_parameters_get_400_with_the_french_message_in_html(client, query):
    response = client.get(f"/search?{query}")
    assert response.status_code == 400
    message = soup(response).select_one(".error-message").get_text()
    assert BAD[query] in message
    assert soup(response).h1.get_text() == "Paramètre invalide"


@pytest.mark.parametrize("query", BAD)
def test_bad_parameters_get_400_with_the_french_message_in_json(client, query):
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert BAD[query] in response.json["error"]


def test_unknown_id_and_route_get_404(client):
    assert client.get("/api/entries/nope").status_code == 404
    assert "nope" in client.get("/api/entries/nope").json["error"]
    page = client.get("/nulle-part")
    assert page.status_code == 404
    assert soup(page).h1.get_text() == "Page introuvable"
    assert client.get("/api/nulle-part").json == {
        "error": "Cette adresse ne correspond à aucune page. Vérifiez-la, ou lancez une recherche."
    }


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("url", ["/", "/search", "/api/search", "/api/entries/x"])
def test_other_methods_get_405(client, method, url):
    response = client.open(url, method=method)
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) <= {"GET", "HEAD", "OPTIONS"}


def test_head_is_served(client):
    assert client.head("/search?q=innovation").status_code == 200


@pytest.fixture
def no_index_client(tmp_path):
    """Return a client of an app whose index directory is empty."""
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_client()


def test_missing_index_gives_a_french_503_page_and_json(no_index_client, caplog):
    with caplog.at_level(logging.ERROR, logger="veille.web"):
        page = no_index_client.get("/search?q=innovation")
    assert page.status_code == 503
    assert "veille index" in soup(page).select_one(".error-message").get_text()
    assert page.headers["Retry-After"]
    assert "index unavailable" in caplog.text
    api = no_index_client.get("/api/search")
    assert api.status_code == 503
    assert "index" in api.json["error"]
    assert no_index_client.get("/api/entries/x").status_code == 503
    assert no_index_client.get("/entry/x").status_code == 503


def test_a_crash_is_logged_and_answered_in_french(seed_index_dir, caplog, monkeypatch):
    app = create_app({"INDEX_DIR": str(seed_index_dir)})  # not TESTING: errors are not propagated
    service = app.extensions["veille"]

    def crash(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(service, "search", crash)
    with caplog.at_level(logging.ERROR):
        page = app.test_client().get("/search")
        api = app.test_client().get("/api/search")
    assert page.status_code == 500 and api.status_code == 500
    assert soup(page).h1.get_text() == "Erreur interne"
    assert "boom" not in page.get_data(as_text=True)
    assert api.json["error"].startswith("Une erreur inattendue")
    assert "boom" in caplog.text  # not hidden: the traceback is in the log
