"""Find newsletter files under the paths a user names and extract them all."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from indexer.extraction.authority import Authority, default_authority
from indexer.extraction.extractor import Extraction, extract_file
from indexer.extraction.files import SKIPPED, shown_name, skip_warning
from indexer.extraction.readers import NEWSLETTER_SUFFIXES


def newsletter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Yield (file, label) for each named file and each newsletter file inside named folders.

    The label is the file's path relative to the folder it was found in, so that
    provenance reads the same on every machine. Inside a folder, whatever bears a
    newsletter's extension and is no folder is yielded, a FIFO or a link to a device too:
    `skip_warning` says why it is not read, rather than passing it by in silence.
    """
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if _is_candidate(file):
                    yield file, file.relative_to(path).as_posix()
        else:
            yield path, path.name


def _is_candidate(file: Path) -> bool:
    """Tell a path found in a folder that is to be read, or said to be unreadable."""
    return file.suffix.lower() in NEWSLETTER_SUFFIXES and not file.is_dir()


def _has_newsletters(folder: Path) -> bool:
    """Tell whether a folder holds at least one newsletter file."""
    return any(_is_candidate(file) for file in folder.rglob("*"))


def extract_paths(paths: Iterable[Path], authority: Authority | None = None) -> Extraction:
    """Extract every newsletter under `paths` into one result, file by file."""
    authority = authority or default_authority()
    result = Extraction()
    paths = list(paths)
    for folder in (path for path in paths if path.is_dir() and not _has_newsletters(path)):
        none = "no newsletter file (.txt, .md, .html, .pdf) here"
        result.warnings.append(f"{shown_name(str(folder))}{SKIPPED}{none}")
        result.files_without_entries.append(str(folder))
    for file, label in newsletter_files(paths):
        if warning := skip_warning(file, label):
            result.warnings.append(warning)
            result.files_without_entries.append(label)
            continue
        part = extract_file(file, label, authority)
        result.entries += part.entries
        result.warnings += part.warnings
        result.files_without_entries += part.files_without_entries
        result.files += part.files
    return result
