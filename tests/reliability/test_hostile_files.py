"""Damaged and hostile newsletter files: the extractor never raises, and what the damage
did not touch is still extracted exactly as from the intact seed.

Mutations of the seed: cut anywhere, one section's lines shuffled, random bytes, HTML
nested 10,000 deep, lines of a megabyte.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from indexer.extraction.entry import Entry
from indexer.extraction.extractor import Extraction, extract_file

from .conftest import section_spans

SECTIONS = (
    "Concevoir autrement les politiques publiques",
    "Le design de services publics",
    "L'innovation, un levier pour les territoires",
    "Co-construction et démarche participative, source d'innovation",
    "Les lieux de l'innovation",
    "Diffuser et partager une culture de l'innovation",
    "Agenda",
)
WARNING = re.compile(r"^[^:]+:\d+: \S")
SLOW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def extract_text(folder: Path, name: str, data: str | bytes) -> Extraction:
    """Write a file and extract it; the extractor must not raise, whatever the file holds."""
    path = folder / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    result = extract_file(path)
    assert all(WARNING.match(warning) for warning in result.warnings), result.warnings
    assert all(warning.startswith(f"{name}:") for warning in result.warnings)
    assert all(entry.title and entry.id for entry in result.entries)
    return result


def fields(entry: Entry, provenance: bool = True) -> dict:
    """Return an entry's fields, with or without its provenance (file and line)."""
    data = entry.to_dict()
    del data["file"]
    if not provenance:
        del data["line"]
    return data


def outside(entries: list[Entry], section: str, provenance: bool = True) -> dict[str, dict]:
    """Return the entries of every section but one, by id."""
    return {e.id: fields(e, provenance) for e in entries if e.section != section}


@pytest.fixture(scope="module")
def seed_entries(seed_path: Path) -> list[Entry]:
    """Return the entries of the intact seed."""
    return extract_file(seed_path).entries


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder for the mutated files."""
    return tmp_path_factory.mktemp("hostile-files")


@SLOW
@given(data=st.data())
def test_seed_cut_anywhere(folder: Path, seed_text: str, seed_entries: list[Entry], data) -> None:
    body = seed_text.index("\nConcevoir autrement les politiques publiques\n")
    where = data.draw(st.floats(0, 1) | st.floats(0, 1).map(lambda x: x**0.5), label="where")
    cut = int(len(seed_text) * where)  # a body cut half the time at least
    result = extract_text(folder, "cut.txt", seed_text[:cut])
    if not result.entries or result.entries[0].issue != seed_entries[0].issue:
        assert cut < body
        return  # the masthead itself was cut: entries get other ids, nothing to compare
    event("entries compared")
    whole = {entry.id: fields(entry) for entry in seed_entries}
    *complete, last = result.entries
    for entry in complete:  # only the last item may be cut short
        assert fields(entry) == whole[entry.id], entry.title
    if last.id in whole:
        assert whole[last.id]["title"] == last.title


@SLOW
@given(section=st.sampled_from(SECTIONS), rng=st.randoms(use_true_random=False))
def test_one_section_shuffled_leaves_the_others_intact(
    folder: Path, seed_text: str, seed_entries: list[Entry], section: str, rng: random.Random
) -> None:
    lines = seed_text.split("\n")
    start, end = section_spans(lines, SECTIONS)[section]
    inner = lines[start + 1 : end]
    rng.shuffle(inner)
    shuffled = "\n".join([*lines[: start + 1], *inner, *lines[end:]])
    result = extract_text(folder, "shuffled.txt", shuffled)
    assert outside(result.entries, section) == outside(seed_entries, section)


@SLOW
@given(
    position=st.floats(0, 1),
    noise=st.binary(min_size=1, max_size=64) | st.sampled_from([b"\xff\xfe", b"\x00" * 8]),
)
def test_random_bytes_anywhere(folder: Path, seed_text: str, position: float, noise: bytes) -> None:
    data = seed_text.encode("utf-8")
    at = int(len(data) * position)
    result = extract_text(folder, "noisy.txt", data[:at] + noise + data[at:])
    assert result.entries  # a few NUL or control bytes in a text are removed: it is no binary


def html_issue(seed_text: str) -> str:
    """Render the seed's Markdown as an HTML page, as a mail client might save it."""
    body = MarkdownIt("commonmark").render(seed_text)
    head = '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"></head>'
    return f"{head}<body>{body}</body></html>\n"


@pytest.mark.parametrize("depth", [10_000])
def test_html_nested_ten_thousand_deep(folder: Path, seed_text: str, depth: int) -> None:
    page = html_issue(seed_text)
    plain = extract_text(folder, "plain.html", page)
    assert len(plain.entries) > 70
    # The whole issue inside 10,000 nested <div>s: the same entries.
    opened = page.index("<body>") + len("<body>")
    closed = page.index("</body>")
    wrapped = (
        page[:opened] + "<div>" * depth + page[opened:closed] + "</div>" * depth + page[closed:]
    )
    nested = extract_text(folder, "nested.html", wrapped)
    assert [fields(e, False) for e in nested.entries] == [fields(e, False) for e in plain.entries]
    # One description made of 10,000 nested inline elements: the other sections are intact.
    paragraph = page.index("<p>", page.index("<p>Le design de services publics</p>") + 10)
    deep = "<span><em>" * (depth // 2) + "profond" + "</em></span>" * (depth // 2)
    mangled = page[:paragraph] + f"<p>{deep}</p>" + page[paragraph:]
    inline = extract_text(folder, "inline.html", mangled)
    section = "Le design de services publics"
    assert outside(inline.entries, section, False) == outside(plain.entries, section, False)


@pytest.mark.parametrize(
    "line",
    ["mot " * 250_000, "x" * 1_000_000, "► " * 300_000, "(" * 500_000 + ")" * 500_000],
    ids=["words", "one-word", "bullets", "brackets"],
)
def test_huge_line_in_one_section(
    folder: Path, seed_text: str, seed_entries: list[Entry], line: str
) -> None:
    section = "Les lieux de l'innovation"
    lines = seed_text.split("\n")
    start, _ = section_spans(lines, SECTIONS)[section]
    assert lines[start + 1] == ""
    lines[start + 1] = line  # in place of the blank line after the heading: same numbering
    started = time.process_time()
    result = extract_text(folder, "huge.txt", "\n".join(lines))
    assert time.process_time() - started < 30
    assert outside(result.entries, section) == outside(seed_entries, section)
