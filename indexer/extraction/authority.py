"""The publisher authority: every spelling and acronym of an organisation to one name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from analyzers.folding import fold

_TRAILING_PAREN = re.compile(r"\s*\(([^()]+)\)\s*$")
_ARTICLE = re.compile(r"^(?:le|la|les|l')\s*")
_NON_WORD = re.compile(r"[^\w&]+")


@dataclass(frozen=True)
class Publisher:
    """A canonical organisation: its name, acronym and the label shown to users."""

    name: str
    acronym: str = ""

    @property
    def label(self) -> str:
        """Return the display form used in entries and facets: "Name (ACRONYM)"."""
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@lru_cache(maxsize=16384)  # names recur from entry to entry
def lookup_key(text: str) -> str:
    """Reduce a spelling to its comparison key: folded, no punctuation, no leading article."""
    key = _ARTICLE.sub("", fold(text).strip())
    return " ".join(_NON_WORD.sub(" ", key).split())


class Authority:
    """Map spellings to canonical publishers; unknown names pass through unchanged."""

    def __init__(
        self, publishers: dict[str, Publisher], written: dict[str, Publisher] | None = None
    ) -> None:
        self._by_key = publishers
        # Acronyms are found in free text only as written: "LIEN" is an agency, "lien" a word.
        # So are the file's spellings of an acronym ("Audiar", "Agam").
        acronyms = {p.acronym: p for p in publishers.values() if p.acronym and len(p.acronym) >= 2}
        acronym_keys = {lookup_key(acronym) for acronym in acronyms}
        self._names = [
            (f" {key} ", publisher)
            for key, publisher in publishers.items()
            if len(key) >= 3 and key not in acronym_keys
        ]
        acronyms.update(written or {})
        # Each with its literal: finding the text in C first spares most pattern searches.
        self._acronym_patterns = [
            (acronym, re.compile(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])"), publisher)
            for acronym, publisher in acronyms.items()
        ]

    @classmethod
    def from_text(cls, text: str) -> Authority:
        """Parse the TSV authority file (see indexer/data/publishers.tsv)."""
        by_key: dict[str, Publisher] = {}
        written: dict[str, Publisher] = {}
        for raw in text.splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            name, acronym, variants = [*raw.split("\t"), "", ""][:3]
            publisher = Publisher(name.strip(), acronym.strip())
            spellings = [name, acronym, *variants.split("|")]
            for spelling in filter(None, (s.strip() for s in spellings)):
                key = lookup_key(spelling)
                known = by_key.get(key)
                if known and known != publisher:
                    raise ValueError(f"{spelling!r} names both {known.name} and {name}")
                by_key[key] = publisher
                if publisher.acronym and key == lookup_key(publisher.acronym):
                    written[spelling] = publisher
        return cls(by_key, written)

    def find(self, text: str) -> Publisher | None:
        """Return the canonical publisher for a spelling, trying "Name (ACR)" both ways."""
        if publisher := self._by_key.get(lookup_key(text)):
            return publisher
        if match := _TRAILING_PAREN.search(text):
            head = text[: match.start()]
            return self._by_key.get(lookup_key(head)) or self._by_key.get(
                lookup_key(match.group(1))
            )
        return None

    def canonical(self, text: str) -> str:
        """Return the display label of a spelling, or the spelling itself when unknown."""
        publisher = self.find(text)
        return publisher.label if publisher else text.strip()

    def publishers(self) -> set[Publisher]:
        """Return every canonical publisher of the file."""
        return set(self._by_key.values())

    def mentioned_in(self, text: str) -> list[Publisher]:
        """Return the known publishers whose acronym or name appears in free text, in order."""
        folded = " " + " ".join(_NON_WORD.sub(" ", fold(text)).split()) + " "
        found: dict[Publisher, float] = {}
        for key, publisher in self._names:
            position = folded.find(key)
            if position >= 0:
                found[publisher] = min(found.get(publisher, 1e9), position / len(folded))
        for acronym, pattern, publisher in self._acronym_patterns:
            if acronym in text and (match := pattern.search(text)):
                found[publisher] = min(found.get(publisher, 1e9), match.start() / len(text))
        return sorted(found, key=found.__getitem__)


@cache
def default_authority() -> Authority:
    """Load the authority file shipped with the package."""
    text = resources.files("indexer").joinpath("data/publishers.tsv").read_text("utf-8")
    return Authority.from_text(text)
