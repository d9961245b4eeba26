"""The app factory: configuration layers, one shared service, request log, no debug."""

from __future__ import annotations

import logging

from search_ui.engine.search import SearchService
from search_ui.web.app import create_app
from search_ui.web.service import EXTENSION


def test_config_comes_from_defaults_then_environment_then_test_config(monkeypatch, tmp_path):
    monkeypatch.setenv("VEILLE_INDEX_DIR", str(tmp_path / "env"))
    monkeypatch.setenv("VEILLE_FACET_VISIBLE", "5")
    app = create_app()
    assert app.config["INDEX_DIR"] == str(tmp_path / "env")
    assert app.config["FACET_VISIBLE"] == 5
    app = create_app({"INDEX_DIR": str(tmp_path / "test")})
    assert app.config["INDEX_DIR"] == str(tmp_path / "test")


def test_each_app_has_one_search_service(seed_index_dir):
    first = create_app({"INDEX_DIR": str(seed_index_dir)})
    second = create_app({"INDEX_DIR": str(seed_index_dir)})
    assert isinstance(first.extensions[EXTENSION], SearchService)
    assert first.extensions[EXTENSION] is not second.extensions[EXTENSION]
    assert first.extensions[EXTENSION].root == seed_index_dir


def test_debug_is_off_by_default(seed_index_dir):
    app = create_app({"INDEX_DIR": str(seed_index_dir)})
    assert not app.debug
    assert not app.testing


def test_requests_are_logged(client, caplog):
    with caplog.at_level(logging.INFO, logger="veille.http"):
        client.get("/search?q=innovation")
        client.get("/nulle-part")
    lines = [r.getMessage() for r in caplog.records if r.name == "veille.http"]
    assert any('"GET /search?q=innovation" 200' in line for line in lines)
    assert any('"GET /nulle-part" 404' in line for line in lines)


def test_the_facet_fold_follows_the_config(seed_index_dir):
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir), "FACET_VISIBLE": 3})
    page = app.test_client().get("/").get_data(as_text=True)
    assert page.count('<li>\n  <label class="facet-value') > 0
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.select("#facette-publisher > ul input")) == 3
