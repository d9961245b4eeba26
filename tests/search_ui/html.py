"""Parse HTML responses for the web tests."""

from __future__ import annotations

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    """Parse an HTML response."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def facet_count(box) -> int:
    """Return the count shown next to a facet checkbox."""
    return int(box.find_parent("label").select_one("[data-count]")["data-count"])
