"""Read the package's data files (stop list, exclusions, compounds, thesaurus)."""

from __future__ import annotations

from importlib import resources


def data_lines(name: str) -> list[str]:
    """Return the meaningful lines of data/NAME, so documentalists can comment their files."""
    text = resources.files("analyzers").joinpath("data", name).read_text(encoding="utf-8")
    lines = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines
