"""Issue 16, row 15: a request that is not HTTP gets waitress's short 400, a documented choice.

A raw 0xFF byte or a space in the request line makes a request no parser can read: it never
reaches the app, so no page of ours can answer it (there is no path or parameter to speak
of), and no browser sends one (browsers percent-encode their URLs). waitress answers a
plain-text 400 and closes the connection; docs/interfaces.md says so. This checks, over a
real `veille serve`, that the answer leaks nothing, that the server goes on serving, and
that the choice is written where users of the API look.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MALFORMED = [
    b"GET /search?q=\xff HTTP/1.1",  # a raw byte that is not ASCII
    b"GET /entry/\xff\xfe HTTP/1.1",
    b"GET /search?q=deux mots HTTP/1.1",  # a space inside the request target
    b"\xffGET / HTTP/1.1",
]


def exchange(host: str, port: int, request_line: bytes) -> bytes:
    """Send one request line and its Host header; return every byte of the answer."""
    with socket.create_connection((host, port), timeout=30) as connection:
        connection.sendall(request_line + b"\r\nHost: " + host.encode() + b"\r\n\r\n")
        chunks = []
        while chunk := connection.recv(65536):  # the server closes after its answer
            chunks.append(chunk)
    return b"".join(chunks)


def test_malformed_request_lines_get_a_bare_400_and_the_server_goes_on(
    seed_index: Path, server_factory
) -> None:
    with server_factory(seed_index) as server:
        for line in MALFORMED:
            answer = exchange(server.host, server.port, line)
            head, _, body = answer.partition(b"\r\n\r\n")
            assert head.split(b" ")[1] == b"400", (line, head)
            assert b"Content-Type: text/plain" in head
            assert len(body) < 200, body
            for leak in (b"Traceback", b"/work/", b"site-packages", b"\xff", b"deux mots"):
                assert leak not in body, (line, body)
        fine = exchange(server.host, server.port, b"GET /api/search?q=innovation HTTP/1.0")
        log = server.log.read_text("utf-8", "replace")
    assert fine.split(b" ")[1] == b"200"
    access = [line for line in log.splitlines() if " veille.http: " in line]
    assert len(access) == 1, access  # only the good request reached the app


@pytest.mark.parametrize("page", ["docs/interfaces.md", "README.md"])
def test_the_choice_is_documented(page: str) -> None:
    text = " ".join((ROOT / page).read_text("utf-8").split())
    assert "request line" in text and "waitress" in text, page
    assert "plain-text 400" in text, page
