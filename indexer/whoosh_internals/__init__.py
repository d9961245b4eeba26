"""Every use of Whoosh 2.7.4's private internals, behind a small interface.

The build writes segments faster than Whoosh's own writer (`segment_writer`, `term_pool`,
`posting_blocks`), facets and ranking read posting blocks and columns whole (`postings`,
`columns`), and the engine asks a few questions of query objects (`queries`). Each of these
reads attributes that Whoosh never promised to keep, so they are valid for one release only:
importing this package checks that the installed Whoosh is that release, and says so
clearly when it is not (a fork installed under the same module name, another version).
"""

from __future__ import annotations

from importlib import metadata

import whoosh

SUPPORTED = "2.7.4"


class UnsupportedWhoosh(ImportError):
    """The installed Whoosh is not the release whose internals this package reads."""


def check_whoosh(distribution_version: str | None, module_version: tuple) -> None:
    """Raise UnsupportedWhoosh unless both the distribution and the module are 2.7.4."""
    found = ".".join(str(part) for part in module_version)
    if distribution_version != SUPPORTED or found != SUPPORTED:
        installed = distribution_version or "no distribution named Whoosh"
        raise UnsupportedWhoosh(
            f"veille needs Whoosh=={SUPPORTED} (it reads that release's internals); "
            f"found {installed}, module version {found}. "
            f"Reinstall it: pip install 'Whoosh=={SUPPORTED}'"
        )


def _distribution_version() -> str | None:
    """Return the installed Whoosh distribution's version, None when there is none."""
    try:
        return metadata.version("Whoosh")
    except metadata.PackageNotFoundError:
        return None


check_whoosh(_distribution_version(), whoosh.__version__)
