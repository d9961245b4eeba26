"""Absolute addresses from the public base URL the app is configured with, never from the
request's Host header.

Any client writes its own Host header: trusted, a forged one lands in Atom links, permalinks,
citations and exports, and in the caches in front of the site. `BASE_URL` (`VEILLE_BASE_URL`)
names the site's public address; `veille serve` sets it to the address it listens on when
none is configured. Without one, pages link with root-relative URLs, and a format that needs
an absolute address (a COinS rft_id, a BibTeX or RIS url, a citation's « Disponible sur »)
leaves it out.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import Flask, current_app, redirect, request
from flask.wrappers import Response

CONFIG_KEY = "BASE_URL"


def checked_base_url(value: object) -> str | None:
    """Return a configured base URL without its trailing slash (None when unset), or raise
    ValueError in French when it is not an http(s) address."""
    if value is None or value == "":
        return None
    if not _is_site_address(str(value)):
        raise ValueError(
            f"VEILLE_BASE_URL (« {value} ») doit être l'adresse publique du site, en http ou "
            "https, sans paramètres : par exemple https://veille.example.org"
        )
    return str(value).rstrip("/")


def _is_site_address(text: str) -> bool:
    """Tell whether `text` is an http(s) address of a host, with no user, query or fragment."""
    parts = urlsplit(text)
    try:
        parts.port  # noqa: B018 -- raises on a port that is not a number
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not (parts.username or parts.query or parts.fragment)
    )


def public_base() -> str | None:
    """Return the app's public base URL, None when it has none."""
    return current_app.config[CONFIG_KEY]


def absolute_url(path: str) -> str | None:
    """Return a root-relative path under the public base URL, None without one."""
    base = public_base()
    return base + path if base else None


def public_url(path: str) -> str:
    """Return a root-relative path under the public base URL, or the path itself."""
    return absolute_url(path) or path


def register(app: Flask) -> None:
    """Check the app's base URL, and keep the Host header out of redirects."""
    app.config[CONFIG_KEY] = checked_base_url(app.config.get(CONFIG_KEY))
    app.after_request(_rebase_location)


def _rebase_location(response: Response) -> Response:
    """Move a redirect that Werkzeug built on the Host header (merged slashes) to the public
    base URL, or make it root-relative: its Location and the link of its body."""
    location = response.headers.get("Location")
    if location and urlsplit(location).netloc == request.host:
        parts = urlsplit(location)
        target = public_url(urlunsplit(("", "", *parts[2:])) or "/")
        response.headers["Location"] = target
        response.set_data(redirect(target, response.status_code).get_data())
    return response
