"""A newsletter written to attack the pages: in Chromium, none of its markup becomes an element.

The payloads sit in every field the extractor reads (title, publisher, source, description,
section, link label); the pages that show them (results, entry, check, coverage, facet page)
are opened in Chromium with JavaScript on, and the DOM is asked for what they would create.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from benchmarks.child import child_server, free_port, veille_serve
from indexer.build.builder import build_index

pytestmark = pytest.mark.browser

ATTACKS = (
    "<script>window.pwned = 1</script>",
    '<img src="x" data-injected onerror="window.pwned = 1">',
    '"><svg data-injected onload="window.pwned = 1"></svg>',
    "[clic](javascript:window.pwned=1)",
    "{{ 7 * 7 }} \x1b[2J \x00",
)
NEWSLETTER = f"""Veille & territoires

EN QUELQUES CLICS

Hors-Série #7
mai 2019

Sommaire :

- Attaques {ATTACKS[2]}

Attaques {ATTACKS[2]}

► Tableaux de bord hostiles {ATTACKS[0]} {ATTACKS[1]}.

Cabinet {ATTACKS[1]}, mai 2019. 12 p.

Une description qui porte {ATTACKS[0]} {ATTACKS[2]} {ATTACKS[3]} {ATTACKS[4]}.

► Un second rapport {ATTACKS[3]}

Observatoire {ATTACKS[2]}, avril 2019. 8 p.

Tableaux et territoires {ATTACKS[1]}.
"""


@pytest.fixture(scope="module")
def hostile_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve an index of the hostile newsletter with the real `veille serve`."""
    folder = tmp_path_factory.mktemp("hostile-pages")
    (folder / "issue.txt").write_text(NEWSLETTER, encoding="utf-8")
    build_index([folder / "issue.txt"], folder / "index")
    port = free_port()
    with child_server(veille_serve(folder / "index", port), port, folder / "serve.log") as server:
        yield server.base


def _ids(page, base: str) -> list[str]:
    """Return the entry ids the API lists for the whole index."""
    answer = page.request.get(f"{base}/api/search?per_page=100").json()
    return [hit["id"] for hit in answer["hits"]]


def test_no_payload_becomes_an_element_in_chromium(browser, hostile_base: str) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    ids = _ids(page, hostile_base)
    assert len(ids) == 2
    urls = [
        "/search?q=tableaux",
        "/search?q=" + quote("<script>"),
        *(f"/entry/{entry_id}" for entry_id in ids),
        "/check?ref=" + quote("Tableaux de bord hostiles " + ATTACKS[1]),
        "/coverage",
        "/facets/publisher",
    ]
    for url in urls:
        response = page.goto(hostile_base + url)
        assert response is not None and response.status == 200, url
        text = page.locator("main").inner_text()
        assert any(word in text for word in ("Tableaux", "Attaques", "Cabinet")), url
        injected = page.evaluate(
            """() => ({
                pwned: window.pwned === 1,
                marked: document.querySelectorAll('[data-injected]').length,
                images: document.querySelectorAll('img[src="x"]').length,
                handlers: [...document.querySelectorAll('*')].filter(
                    (e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
                scripts: [...document.scripts].filter((s) => !s.src).length,
                javascript: document.querySelectorAll('a[href^="javascript:"]').length,
                controls: /[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]/.test(document.body.innerText),
            })"""
        )
        assert injected == {
            "pwned": False,
            "marked": 0,
            "images": 0,
            "handlers": 0,
            "scripts": 0,
            "javascript": 0,
            "controls": False,
        }, url
    context.close()
