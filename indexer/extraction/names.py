"""Tell people from organisations in author and publisher lines, and split name lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from indexer.extraction.authority import Authority

# A name segment that starts with one of these words names an organisation.
_ORG_WORDS = {
    "agence", "assemblée", "association", "atelier", "bureau", "cabinet", "caisse", "centre",
    "chaire", "club", "cnrs", "collectif", "comité", "commissariat", "commission", "communauté",
    "conseil", "département", "délégation", "direction", "école", "ecole", "éditions", "editions",
    "fédération", "federation", "fondation", "groupe", "institut", "lab", "laboratoire", "mairie",
    "métropole", "ministère", "mission", "observatoire", "office", "plateforme", "préfecture",
    "presses", "programme", "publications", "région", "réseau", "secrétariat", "service",
    "société", "syndicat", "umr", "union", "université", "ville", "university", "foundation",
}  # fmt: skip
_PARTICLES = {"de", "du", "des", "la", "le", "van", "von", "der", "d'", "di", "da", "y"}
_ROLE = re.compile(
    r"\s*\((?:ss\.?|sous)\s+la\s+dir[^)]*\)|\s*\(dir\.?\)|\s*\((?:senior|junior|chargée?|"
    r"directeur|directrice|coord)[^)]*\)",
    re.IGNORECASE,
)
_JOINERS = re.compile(r"\s+(?:et|pour|&)\s+(?=[A-ZÀ-Ý])")
_ET_AL = re.compile(r",?\s*\bet al\.?$", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-ZÉÈ0-9][A-ZÉÈ0-9&'\-]{1,}[a-z]?$")
_NAME_WORD = re.compile(r"^[A-ZÀ-Ý][\w'.\-]*$")


@dataclass
class Names:
    """People and organisations named on one line, in the order written."""

    authors: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


_FIRST_NAME_FILES = ("data/first_names.txt", "data/first_names_extra.txt")


@cache
def first_names() -> frozenset[str]:
    """Load the given names shipped with the package (INSEE's, and those kept by hand),
    case-folded."""
    folder = resources.files("indexer")
    texts = (folder.joinpath(name).read_text("utf-8") for name in _FIRST_NAME_FILES)
    return frozenset(
        line.strip().casefold()
        for text in texts
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def _is_first_name(word: str) -> bool:
    """Tell a given name, compound ones (Jean-Marc, Marie-Alexandra) included."""
    names = first_names()
    word = word.casefold().rstrip(".")
    return word in names or all(part in names for part in word.split("-") if part)


def strip_role(text: str) -> str:
    """Drop editorial roles and "et al." from a name: "X (ss. la dir.)" -> "X"."""
    return _ET_AL.sub("", _ROLE.sub("", text)).strip(" ,.")


def is_person(text: str, authority: Authority) -> bool:
    """Tell a person's name ("Weller Jean-Marc", "DUPONT Emmanuel", "E. Dupont")."""
    text = strip_role(text)
    if not text or authority.find(text) or any(ch.isdigit() for ch in text):
        return False
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 6 or words[0].casefold() in _ORG_WORDS:
        return False
    core = [w for w in words if w.casefold() not in _PARTICLES]
    if not all(_NAME_WORD.match(w) for w in core) or len(core) > 4:
        return False
    initial = any(re.fullmatch(r"[A-Z]\.(?:-[A-Z]\.)?", w) for w in core)
    shouted = any(w.isupper() and len(w) > 2 for w in core) and not all(w.isupper() for w in core)
    return initial or shouted or any(_is_first_name(w) for w in core)


def is_organisation(text: str, authority: Authority) -> bool:
    """Tell an organisation: known to the authority, an acronym, or led by an org word."""
    text = text.strip()
    if authority.find(text):
        return True
    first = re.sub(r"^(?:le|la|les|l')\s*", "", text, flags=re.IGNORECASE).split(" ")[0]
    led_by_org_word = first.casefold().strip("'") in _ORG_WORDS and len(text.split()) <= 10
    return bool(_ACRONYM.match(text)) or led_by_org_word


def split_names(line: str, authority: Authority) -> list[str]:
    """Split a names line on commas, semicolons, slashes and " et ", keeping "Surname, Given"
    together."""
    line = _ET_AL.sub("", line.strip().rstrip("."))
    parts: list[str] = []
    for chunk in re.split(r"\s*[/,;]\s*", line):
        chunk = chunk.strip(" .;")
        if not chunk:
            continue
        if parts and _is_lone_given_name(chunk) and " " not in parts[-1]:
            parts[-1] = f"{parts[-1]}, {chunk}"  # "Ghorra-Gobin, Cynthia (ss. la dir.)"
        elif authority.find(chunk):
            parts.append(chunk)  # "Espaces et Sociétés", "Conseil & Recherche" stay whole
        else:
            parts.extend(p for p in _JOINERS.split(chunk) if p.strip(" .;"))
    return parts


def _is_lone_given_name(chunk: str) -> bool:
    """Tell a chunk that is only a given name (and maybe a role): the end of "Surname, Given"."""
    words = strip_role(chunk).split()
    return len(words) == 1 and _is_first_name(words[0])


def classify_names(line: str, authority: Authority) -> Names:
    """Sort the names of a line into people, organisations (canonical) and the rest.

    Names after the first unreadable part are left unread: in "X, avec l'appui du CGET
    représenté par E. Dupont" only X is an author.
    """
    names = Names()
    for part in split_names(line, authority):
        if names.unknown:
            names.unknown.append(part)
        elif is_organisation(part, authority):
            names.organisations.append(authority.canonical(part))
        elif is_person(part, authority):
            names.authors.append(strip_role(part))
        else:
            names.unknown.append(part)
    return names
