"""Heavy requests (whole-list exports, a cold coverage report) share a few slots: past them,
503 with Retry-After in French, while searches keep answering."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from flask import Flask

from search_ui.web.app import create_app
from search_ui.web.heavy import EXTENSION, PACE, Pace

WAIT = 5.0  # seconds a test thread is given to get where it must (never reached when right)


@pytest.fixture
def app_of_one(seed_index_dir: Path) -> Flask:
    """Return an app with one heavy slot and a cold coverage report of its own."""
    return create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir), "HEAVY_LIMIT": 1})


def refused(response) -> None:
    """Check a 503 that says in French when to try again."""
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    assert "Réessayez dans 10 secondes" in response.get_data(as_text=True)


def test_with_every_slot_held_heavy_routes_are_refused_and_searches_answer(app_of_one):
    client = app_of_one.test_client()
    slot = app_of_one.extensions[EXTENSION].take()
    for url in ("/export/csv?q=innovation", "/export/bibtex", "/coverage", "/api/coverage"):
        refused(client.get(url))
    assert client.get("/api/coverage").json["error"].startswith("Trop d'exports")
    assert client.get("/api/search?q=innovation").status_code == 200
    assert client.get("/search?q=innovation").status_code == 200
    assert client.get("/entry/ac6c467d13a4/export/bibtex").status_code == 200  # one entry
    assert client.get("/export/nope").status_code == 404  # a bad request is still said so
    slot.release()
    assert client.get("/export/csv?q=innovation").status_code == 200
    assert client.get("/api/coverage").status_code == 200


def test_a_warm_coverage_report_needs_no_slot(app_of_one):
    client = app_of_one.test_client()
    assert client.get("/api/coverage").status_code == 200  # computed here, once
    slot = app_of_one.extensions[EXTENSION].take()
    assert client.get("/api/coverage").status_code == 200
    assert client.get("/coverage").status_code == 200
    slot.release()


def test_a_stream_holds_its_slot_until_it_ends_or_is_closed(app_of_one):
    client = app_of_one.test_client()
    streaming = client.get("/export/json", buffered=False)
    next(iter(streaming.response))  # the download has begun
    refused(client.get("/export/csv"))
    streaming.close()  # the client went away mid-download
    assert client.get("/export/csv").data.startswith(b"\xef\xbb\xbfid,")  # read to its end
    unread = client.get("/export/ris", buffered=False)
    refused(client.get("/export/ris"))
    unread.close()  # never read (HEAD, a client gone at once): released all the same
    assert client.get("/export/ris").data.startswith(b"TY  - ")
    head = client.head("/export/ris")
    assert head.status_code == 200 and head.data == b""
    head.close()  # as a WSGI server does
    assert client.get("/export/ris").status_code == 200


def test_the_limit_comes_from_the_environment(seed_index_dir, monkeypatch):
    monkeypatch.setenv("VEILLE_HEAVY_LIMIT", "3")
    app = create_app({"INDEX_DIR": str(seed_index_dir)})
    assert app.extensions[EXTENSION].limit == 3
    assert (
        create_app({"INDEX_DIR": str(seed_index_dir), "HEAVY_LIMIT": 0})
        .extensions[EXTENSION]
        .take()
    )  # 0: no limit


def _hold_a_request(pace: Pace) -> tuple[threading.Thread, threading.Event]:
    """Start a request that stays inside the app until the returned event is set."""
    inside, leave = threading.Event(), threading.Event()

    def app(environ: dict, start_response) -> list[bytes]:
        inside.set()
        leave.wait(WAIT)
        return [b""]

    request = threading.Thread(target=pace.around(app), args=({}, None))
    request.start()
    assert inside.wait(WAIT)
    return request, leave


def _read_in_thread(items) -> tuple[threading.Thread, list]:
    """Read items in a thread of their own; return it and what it has read so far."""
    read: list = []

    def reader() -> None:
        for item in items:
            read.append(item)

    thread = threading.Thread(target=reader)
    thread.start()
    return thread, read


def test_a_paced_stream_waits_while_a_request_is_inside_the_app():
    pace = Pace(burst=0, patience=60)  # look after every item; wait as long as it takes
    thread, read = _read_in_thread(pace.paced(range(3)))  # nobody inside: no wait
    thread.join(WAIT)
    assert not thread.is_alive() and read == [0, 1, 2]

    request, leave = _hold_a_request(pace)
    thread, read = _read_in_thread(pace.paced(range(3)))
    thread.join(0.2)
    assert thread.is_alive() and read == [0]  # gave way after its first burst
    leave.set()
    request.join(WAIT)
    thread.join(WAIT)
    assert not thread.is_alive() and read == [0, 1, 2]


def test_an_export_gives_way_to_the_requests_in_flight(seed_index_dir):
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir)})
    pace = app.extensions[PACE]
    pace.burst, pace.patience = 0, 60
    request, leave = _hold_a_request(pace)
    response = app.test_client().get("/export/csv", buffered=False)
    thread, chunks = _read_in_thread(response.response)
    thread.join(0.2)
    assert thread.is_alive() and len(chunks) == 1  # the header, then it waits
    leave.set()
    request.join(WAIT)
    thread.join(WAIT)
    assert not thread.is_alive()
    response.close()
    lines = b"".join(chunks).decode("utf-8-sig").splitlines()
    assert len(lines) > 70 and lines[0].startswith("id,")
