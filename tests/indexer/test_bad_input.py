"""Bad files give one clear warning naming the file and the reason, never a traceback."""

from __future__ import annotations

import re
import shutil
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.extraction.authority import default_authority
from indexer.extraction.corpus import extract_paths
from indexer.extraction.extractor import extract_file, extract_lines
from indexer.extraction.readers import Line, UnreadableFile, decode, read_document

WARNING = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<message>.+)$")
NOT_A_NEWSLETTER = "Bonjour,\n\nVoici la liste des courses : pommes, poires, farine.\n\nMerci.\n"


@pytest.fixture
def bad_files(tmp_path, seed_text):
    """Write one file of each bad kind, with the reason its warning should give."""
    files = {
        "empty.txt": (b"", "empty file"),
        "blank.md": (b"  \n\n\t\n", "empty file"),
        "binary.txt": (bytes(range(256)) * 8, "binary file"),
        "seed.doc": (seed_text.encode(), "unknown extension .doc"),
        "seed.pdf": (seed_text.encode(), "not a PDF file"),
        "courses.txt": (NOT_A_NEWSLETTER.encode(), "not a newsletter issue"),
        "half.txt": (seed_text[: len(seed_text) // 2].encode(), "looks truncated"),
    }
    for name, (data, _) in files.items():
        (tmp_path / name).write_bytes(data)
    return {name: reason for name, (_, reason) in files.items()}


def test_each_bad_file_gets_one_warning_with_its_reason(tmp_path, bad_files):
    for name, reason in bad_files.items():
        result = extract_file(tmp_path / name)
        assert len(result.warnings) == 1, result.warnings
        match = WARNING.match(result.warnings[0])
        assert match, result.warnings[0]
        assert match["file"] == name
        assert reason in match["message"]


def test_bad_files_do_not_stop_the_others(tmp_path, bad_files, seed_path, seed_entries, records):
    shutil.copy(seed_path, tmp_path / "seed.txt")
    result = extract_paths([tmp_path])
    # seed.doc is not a newsletter file: a folder scan passes it by in silence.
    warned = {WARNING.match(w)["file"] for w in result.warnings}
    assert warned == set(bad_files) - {"seed.doc"}
    from_seed = [entry for entry in result.entries if entry.file == "seed.txt"]
    assert records(from_seed) == records(seed_entries)
    assert set(result.files_without_entries) == {
        "empty.txt",
        "blank.md",
        "binary.txt",
        "courses.txt",
        "seed.pdf",
    }


def test_truncated_issue_keeps_its_first_half(tmp_path, seed_text, seed_entries, records):
    half = tmp_path / "half.txt"
    half.write_text(seed_text[: len(seed_text) // 2], encoding="utf-8")
    result = extract_file(half)
    assert 0 < len(result.entries) < 77
    assert "the file looks truncated" in result.warnings[0]
    assert "Les lieux de l'innovation" in result.warnings[0]
    whole, cut = records(seed_entries), records(result.entries)
    assert cut.keys() <= whole.keys()
    *complete, last = result.entries
    for entry in complete:  # only the last item may be cut mid-description
        assert cut[entry.id] == whole[entry.id], entry.title
    assert whole[last.id]["description"].startswith(cut[last.id]["description"][:40])


def test_a_section_heading_on_a_long_line_still_counts_as_present(tmp_path, seed_text):
    """Only lines short enough to be headings are folded first; the others if one is missing."""
    heading = "\nLes lieux de l'innovation\n"
    spread = " – ".join(heading.split()) + " –" * 14  # too many words for a heading
    assert seed_text.count(heading) == 1 and len(spread.split()) > 16
    issue = tmp_path / "spread.txt"
    issue.write_text(seed_text.replace(heading, f"\n{spread}\n"), "utf-8")
    assert not [w for w in extract_file(issue).warnings if "truncated" in w]
    issue.write_text(seed_text.replace(heading, "\n"), "utf-8")
    (warning,) = [w for w in extract_file(issue).warnings if "truncated" in w]
    assert "Les lieux de l'innovation" in warning


def test_windows_1252_copy_reads_with_a_warning_and_the_same_entries(
    variants, seed_entries, records
):
    result = extract_file(variants["cp1252"])
    assert len(result.warnings) == 1
    assert re.match(r"cp1252\.txt:0: not valid UTF-8 .*read as Windows-1252$", result.warnings[0])
    assert records(result.entries) == records(seed_entries)


def test_utf8_with_bom_reads_without_warning(tmp_path, seed_text, seed_entries, records):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + seed_text.encode("utf-8"))
    result = extract_file(path)
    assert result.warnings == []
    assert records(result.entries) == records(seed_entries)


def test_missing_file_and_empty_folder_are_reported(tmp_path):
    (tmp_path / "empty-folder").mkdir()
    result = extract_paths([tmp_path / "nowhere.txt", tmp_path / "empty-folder"])
    assert result.entries == []
    assert result.warnings == [
        f"{tmp_path / 'empty-folder'}:0: skipped: no newsletter file (.txt, .md, .html, .pdf) here",
        "nowhere.txt:0: skipped: no such file",
    ]


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty file"), (b"\n \n", "empty file"), (b"abc\x00def", "binary file")],
)
def test_decode_refuses_what_is_not_text(data, reason):
    with pytest.raises(UnreadableFile, match=reason):
        decode(data)


def test_decode_falls_back_to_windows_1252():
    text, warnings = decode("Région – œuvre".encode("cp1252"))
    assert text == "Région – œuvre"
    assert warnings == ["not valid UTF-8 (byte 1); read as Windows-1252"]


def test_one_stray_byte_in_utf8_is_replaced_not_the_whole_file_garbled(
    tmp_path, seed_text, seed_entries
):
    data = seed_text.encode("utf-8")
    at = data.index(b"Concevoir autrement")
    path = tmp_path / "stray.txt"
    path.write_bytes(data[:at] + b"\xff" + data[at:])  # one byte no encoding explains
    result = extract_file(path)
    assert len(result.entries) == len(seed_entries)
    assert [e.title for e in result.entries] == [e.title for e in seed_entries]
    assert result.warnings == [
        f"stray.txt:0: 1 byte not valid UTF-8 (first at byte {at}), replaced by �"
    ]


def test_unknown_extension_is_refused_before_reading(tmp_path):
    with pytest.raises(UnreadableFile, match=r"unknown extension \.docx"):
        read_document(tmp_path / "issue.docx")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.text(alphabet=string.printable + "►▶•éèàçôœ’«»–—°#*[]()", min_size=1, max_size=80),
        max_size=40,
    )
)
def test_any_text_extracts_without_exception(texts):
    lines = [Line(text, number) for number, text in enumerate(texts, start=1) if text.strip()]
    entries, warnings = extract_lines(lines, "random.txt", default_authority())
    assert all(warning.startswith("random.txt:") for warning in warnings)
    assert all(entry.title for entry in entries)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_cleanly(data):
    try:
        text, _ = decode(data)
    except UnreadableFile:
        return
    assert isinstance(text, str)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=string.printable + "►éœ’<>/&;", max_size=300))
def test_any_html_reads_without_exception(tmp_path_factory, markup):
    path = tmp_path_factory.mktemp("html") / "page.html"
    path.write_text(f"<html><body>{markup}</body></html>", encoding="utf-8")
    result = extract_file(path)
    assert all(warning.startswith("page.html:") for warning in result.warnings)


@pytest.mark.parametrize("variant", ["dressed", "html-commonmark", "html-default", "html-entities"])
def test_copies_in_other_dresses_read_the_same_entries(variants, seed_entries, records, variant):
    result = extract_file(variants[variant])
    assert records(result.entries) == records(seed_entries)
