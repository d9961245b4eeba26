"""Browser fixtures: the real `veille serve` on a free port, and Debian's Chromium.

The server is started as users start it (it builds its index from the seeds), never the
test client; every page collects console errors, and a test fails if any appeared.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.child import ServerDidNotStart, child_server, free_port, veille_serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
STARTUP_SECONDS = 90


def _require_chromium() -> None:
    """Skip without Chromium, except on CI where its absence is a failure."""
    if CHROMIUM.exists():
        return
    message = (
        f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `veille serve` on an empty index directory (it builds from the seeds)."""
    _require_chromium()
    port = free_port()
    index = tmp_path_factory.mktemp("served-index")
    log = tmp_path_factory.mktemp("served-log") / "serve.log"
    env = {"VEILLE_SEEDS_DIR": str(ROOT / "seeds")}
    try:
        with child_server(veille_serve(index, port), port, log, env=env, cwd=ROOT) as server:
            yield server.base
    except ServerDidNotStart as error:
        pytest.fail(f"veille serve did not start: {error}", pytrace=False)


@pytest.fixture(scope="session")
def browser(base_url: str):
    """Launch Debian's Chromium, headless, once for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def _open_page(browser, base_url: str, **context_options):
    """Open a page that records console errors and uncaught exceptions."""
    context = browser.new_context(base_url=base_url, locale="fr-FR", **context_options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []

    def on_console(message) -> None:
        """Keep console errors, except an error page's own status (the tests assert it)."""
        if message.type != "error":
            return
        own_status = message.location.get("url") == page.url and "status of" in message.text
        if not own_status:
            errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


@pytest.fixture
def page(browser, base_url: str):
    """Return a desktop page; the test fails if any console error appeared on it."""
    context, page, errors = _open_page(browser, base_url, viewport={"width": 1280, "height": 900})
    yield page
    context.close()
    assert errors == [], errors


@pytest.fixture
def make_page(browser, base_url: str):
    """Return a factory of pages with other context options (viewport, no JavaScript)."""
    opened = []

    def make(**options):
        context, page, errors = _open_page(browser, base_url, **options)
        opened.append((context, errors))
        return page

    yield make
    for context, errors in opened:
        context.close()
        assert errors == [], errors
