"""Which paths are read as newsletters, and how much of them: regular files, of a bounded size.

A FIFO would block a read for ever, /dev/zero or /dev/urandom never end, and a file of
gigabytes would be held whole in memory; a name that is not UTF-8 cannot be stored in the
index nor written in UTF-8 output. Each is skipped with a warning, `file:0: skipped: why`,
and the other files are read. The largest file read is `$VEILLE_MAX_FILE_MB` megabytes if
set, else 20 for text, Markdown and HTML (an issue is 50 KB to 1 MB) and 100 for a PDF.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

MAX_FILE_MB_VARIABLE = "VEILLE_MAX_FILE_MB"
DEFAULT_MAX_MB = 20
PDF_MAX_MB = 100  # a PDF embeds its fonts and images: the same text takes more bytes
_MEGABYTES = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # ASCII digits: « ٢٠ » is no limit
_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CHUNK = 1 << 20
SKIPPED = ":0: skipped: "  # how a warning says that a file was not read at all


class UnreadableFile(Exception):
    """The file cannot be read as a newsletter at all (binary, empty, unknown type)."""


def limit_problem() -> str | None:
    """Say in French why $VEILLE_MAX_FILE_MB is no size, or None: the commands ask first."""
    value = os.environ.get(MAX_FILE_MB_VARIABLE, "").strip()
    if not value or (_MEGABYTES.fullmatch(value) and int(float(value) * 2**20) > 0):
        return None
    return (
        f"{MAX_FILE_MB_VARIABLE}={value!r} : indiquez la taille du plus gros fichier à lire, "
        "en mégaoctets (par exemple 20), ou retirez la variable"
    )


def max_file_bytes(suffix: str) -> int:
    """Return the size past which a file is not read: $VEILLE_MAX_FILE_MB, else the default."""
    value = os.environ.get(MAX_FILE_MB_VARIABLE, "").strip()
    if not value:
        return (PDF_MAX_MB if suffix.lower() == ".pdf" else DEFAULT_MAX_MB) * 2**20
    if problem := limit_problem():
        raise ValueError(problem)
    return int(float(value) * 2**20)


def shown_name(label: str) -> str:
    """Write a file's name for a warning: its bytes that are not UTF-8 and controls escaped.

    >>> shown_name("caf\\udce9\\x1b.txt")
    'caf\\\\xe9\\\\x1b.txt'
    """
    name = label.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL_IN_NAME.sub(lambda match: f"\\x{ord(match[0]):02x}", name)


def skip_warning(path: Path, label: str) -> str | None:
    """Return the warning that skips a file before it is read, or None to read it."""
    reason = _name_problem(label) or _file_problem(path)
    return f"{shown_name(label)}{SKIPPED}{reason}" if reason else None


def _name_problem(label: str) -> str | None:
    """Say why a file's name cannot be carried into the index and its outputs, if it cannot."""
    try:
        label.encode("utf-8")  # a byte that is not UTF-8 is a lone surrogate in Python's name
    except UnicodeEncodeError:
        return "name not valid UTF-8: rename the file"
    if _CONTROL_IN_NAME.search(label):
        return "name holding control characters: rename the file"
    return None


def _file_problem(path: Path) -> str | None:
    """Say why a path is no regular file of a readable size, if it is not one."""
    try:
        status = path.stat()
    except OSError as error:
        return _cannot(error)
    return _kind_problem(status.st_mode) or _size_problem(status.st_size, path.suffix)


def _kind_problem(mode: int) -> str | None:
    """Say what a path is when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device or a socket"
    return f"not a regular file ({kind})"


def _size_problem(size: int, suffix: str) -> str | None:
    """Say that a file is over the size limit, if it is."""
    limit = max_file_bytes(suffix)
    if size <= limit:
        return None
    megabytes = round(limit / 2**20, 3)
    return f"larger than {megabytes:g} MB, not read (the limit is ${MAX_FILE_MB_VARIABLE})"


def _cannot(error: OSError) -> str:
    """Write an OS error as the reason a file was not read."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    return f"cannot read: {error.strerror or error}"


def read_limited(path: Path) -> bytes:
    """Return a regular file's bytes, never more than the limit; raise UnreadableFile why not.

    The file is opened without blocking and checked once open: a FIFO or a device put in
    its place after it was listed is refused all the same, and a file larger than its size
    said (growing, or in /proc) is read no further than one byte past the limit.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise UnreadableFile(_cannot(error)) from error
    try:
        status = os.fstat(descriptor)
        if problem := _kind_problem(status.st_mode) or _size_problem(status.st_size, path.suffix):
            raise UnreadableFile(problem)
        data = _read_up_to(descriptor, max_file_bytes(path.suffix) + 1)
    except OSError as error:
        raise UnreadableFile(_cannot(error)) from error
    finally:
        os.close(descriptor)
    if problem := _size_problem(len(data), path.suffix):
        raise UnreadableFile(problem)
    return data


def _read_up_to(descriptor: int, most: int) -> bytes:
    """Read a file until its end or until `most` bytes are read."""
    chunks: list[bytes] = []
    size = 0
    while size < most and (chunk := os.read(descriptor, min(most - size, _CHUNK))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
