"""The editable files of `indexer/data/territories/`, each read into plain data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

CONTEXTS = ("weak", "strict")


def read_rows(name: str) -> list[list[str]]:
    """Return the tab-separated rows of a territories data file, without comments or blanks."""
    path = resources.files("indexer").joinpath(f"data/territories/{name}")
    lines = path.read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class AbroadPlace:
    """A country or Europe: its code, the name shown, what contains it, its other names."""

    code: str
    name: str
    within: str
    variants: tuple[str, ...]


@cache
def abroad() -> tuple[AbroadPlace, ...]:
    """Load the places outside France (`abroad.tsv`)."""
    places = []
    for code, name, within, variants in (([*row, "", ""])[:4] for row in read_rows("abroad.tsv")):
        others = tuple(v.strip() for v in variants.split("|") if v.strip())
        places.append(AbroadPlace(code.strip(), name.strip(), within.strip(), others))
    return tuple(places)


@cache
def aliases() -> tuple[tuple[str, str], ...]:
    """Load the other names of official territories (`aliases.tsv`): (name, code) pairs."""
    return tuple((row[0].strip(), row[1].strip()) for row in read_rows("aliases.tsv"))


def inflections(adjective: str) -> tuple[str, ...]:
    """Return an adjective's masculine and feminine, singular and plural forms.

    >>> inflections("rennais"), inflections("breton")
    (('rennais', 'rennaise', 'rennaises'), ('breton', 'bretons', 'bretonne', 'bretonnes'))
    >>> inflections("francilien"), inflections("belge"), inflections("toulousain")
    (('francilien', 'franciliens', 'francilienne', 'franciliennes'), ('belge', 'belges'), \
('toulousain', 'toulousains', 'toulousaine', 'toulousaines'))
    """
    word = adjective
    if word.endswith(("s", "x")):
        return (word, word + "e", word + "es")
    if word.endswith("e"):
        return (word, word + "s")
    if word.endswith("eau"):
        return (word, word + "x")
    feminine = word + word[-1] + "e" if word.endswith(("en", "on")) else word + "e"
    return (word, word + "s", feminine, feminine + "s")


@cache
def demonyms() -> tuple[tuple[str, str], ...]:
    """Load the demonyms and adjectives (`demonyms.tsv`), inflected: (form, code) pairs."""
    pairs: dict[str, str] = {}
    for row in read_rows("demonyms.tsv"):
        code = row[1].strip()
        for form in inflections(row[0].strip()):
            pairs.setdefault(form, code)
    return tuple(pairs.items())


@cache
def publisher_territories() -> dict[str, tuple[str, ...]]:
    """Load the territories of the authority file's publishers (`publishers.tsv`)."""
    return {
        row[0].strip(): tuple((row[1] if len(row) > 1 else "").split())
        for row in read_rows("publishers.tsv")
    }


@cache
def stoplist() -> dict[str, str]:
    """Load the names that count only in context (`stoplist.tsv`): name -> weak or strict."""
    table = {}
    for row in read_rows("stoplist.tsv"):
        name, context = row[0].strip(), row[1].strip()
        if context not in CONTEXTS:
            raise ValueError(f"stoplist.tsv: {name!r} has context {context!r}, not {CONTEXTS}")
        table[name] = context
    return table
