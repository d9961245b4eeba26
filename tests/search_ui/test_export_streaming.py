"""Whole-list exports are streamed: the same bytes as the whole-file writers gave, the first
chunk out before the records are all read, never every record in memory at once."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from search_ui.engine.criteria import SearchRequest
from search_ui.engine.search import SearchService
from search_ui.rendering.exports import EXPORT_FORMATS

from .export_reference import OLD_WRITERS, synthetic

BASE = "http://localhost/"


class Record(dict):
    """A record that a weak reference can follow, to count those still alive."""


class Counted:
    """Records made one at a time on each pass (as `hit_records` reads them), counted."""

    def __init__(self, records: list[dict]) -> None:
        self.records = records
        self.drawn = 0
        self.alive = 0

    def __iter__(self) -> Iterator[dict]:
        for record in self.records:
            made = Record(record)
            self.alive += 1
            weakref.finalize(made, self._gone)
            self.drawn += 1
            yield made
            del made

    def _gone(self) -> None:
        self.alive -= 1

    def __len__(self) -> int:
        return len(self.records)


@pytest.fixture(scope="module")
def hits(service: SearchService) -> list[dict]:
    """Return every stored record of the seed index, in the export's order."""
    return list(service.hit_records(SearchRequest()))


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_streamed_bytes_are_those_of_the_whole_file_writers(fmt, hits):
    old, spec = OLD_WRITERS[fmt], EXPORT_FORMATS[fmt]
    for records in (hits, synthetic(hits, 3000), [], hits[:1]):
        for base in (None, BASE):
            expected = old(records, base)
            assert b"".join(spec.stream(records, base)) == expected
            assert b"".join(spec.stream(Counted(records), base)) == expected
            assert b"".join(spec.stream(iter(records), base)) == expected


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_the_route_sends_the_same_bytes_streamed(client, fmt, hits):
    response = client.get(f"/export/{fmt}")
    assert response.status_code == 200
    assert response.is_streamed and "Content-Length" not in response.headers
    assert response.data == OLD_WRITERS[fmt](hits, BASE)


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_the_writer_holds_a_few_records_at_a_time(fmt, hits):
    source = Counted(synthetic(hits, 5000))
    passes = 2 if fmt == "bibtex" else 1  # BibTeX reads once for its keys, then writes
    chunks = EXPORT_FORMATS[fmt].stream(source, BASE)
    next(chunks)
    first_at = source.drawn
    assert first_at <= (passes - 1) * len(source) + 1  # out before the records are read
    count = 1
    for _ in chunks:
        count += 1
        assert source.alive <= 2
    assert source.drawn == passes * len(source) and count > 10


def test_the_first_chunk_leaves_before_the_records_are_read(app, monkeypatch, service):
    seen: list[Counted] = []
    real = service.hit_records

    def counted(criteria):
        seen.append(Counted(list(real(criteria))))
        return seen[-1]

    monkeypatch.setattr(app.extensions["veille"], "hit_records", counted)
    for fmt in EXPORT_FORMATS:
        response = app.test_client().get(f"/export/{fmt}", buffered=False)
        chunks = iter(response.response)
        next(chunks)
        at_first = seen[-1].drawn
        rest = list(chunks)
        response.close()
        assert rest and at_first < seen[-1].drawn, fmt


def test_cli_export_streams_the_same_bytes(seed_index_dir: Path, tmp_path, hits, capsysbinary):
    from search_ui.cli import main

    for fmt, old in OLD_WRITERS.items():
        out = tmp_path / f"all.{fmt}"
        assert (
            main(["export", "--format", fmt, "--index-dir", str(seed_index_dir), "-o", str(out)])
            == 0
        )
        assert out.read_bytes() == old(hits, None)
    assert main(["export", "--format", "csv", "--index-dir", str(seed_index_dir)]) == 0
    assert capsysbinary.readouterr().out == OLD_WRITERS["csv"](hits, None)
