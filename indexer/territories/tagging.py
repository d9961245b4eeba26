"""Tag one entry with its territories: those it names, its publishers', and what holds them.

The three sets stay apart, for search ranks an entry that names a place before one merely
published there or inside it:
- `named`: the places its title, source and description name (`recognise`);
- `publishers`: its publishers' territories, from `indexer/data/territories/publishers.tsv`
  for the publishers of the authority file (AUDIAR is Rennes), else read from the name;
- `within`: every territory containing those (Rennes ⇒ Rennes Métropole ⇒ Ille-et-Vilaine ⇒
  Bretagne), minus the two sets above.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from indexer.extraction.authority import default_authority
from indexer.extraction.entry import Entry
from indexer.territories.datafiles import publisher_territories
from indexer.territories.recognise import Recogniser, default_recogniser


@dataclass(frozen=True)
class EntryTerritories:
    """The territory codes of one entry, by how it relates to them."""

    named: frozenset[str] = frozenset()
    publishers: frozenset[str] = frozenset()
    within: frozenset[str] = frozenset()

    @property
    def explicit(self) -> frozenset[str]:
        """Return the places named or of a publisher: what the entry is about directly."""
        return self.named | self.publishers

    @property
    def codes(self) -> frozenset[str]:
        """Return every code, closed upward: the values of the territory facet."""
        return self.named | self.publishers | self.within


@lru_cache(maxsize=4096)  # publishers recur from entry to entry
def publisher_codes(label: str, recogniser: Recogniser) -> frozenset[str]:
    """Return a publisher's territories: its row of the file, else the places its name names."""
    publisher = default_authority().find(label)
    if publisher is not None:
        listed = publisher_territories().get(publisher.name)
        if listed is not None:
            return frozenset(listed)
    return recogniser.codes(label)


def tag_entry(entry: Entry, recogniser: Recogniser | None = None) -> EntryTerritories:
    """Return the territories of an entry: named in its text, of its publishers, containing them.

    >>> tags = tag_entry(Entry("Faire la ville autrement", description="Rennes doit relever"))
    >>> sorted(tags.named), sorted(tags.within)
    (['com-35238'], ['dep-35', 'epci-243500139', 'reg-53'])
    """
    recogniser = recogniser or default_recogniser()
    published: set[str] = set()
    for label in entry.publishers:
        published |= publisher_codes(label, recogniser)
    mentions = [
        mention
        for text in (entry.title, entry.source, entry.description)
        if text
        for mention in recogniser.mentions(text)
    ]
    named = recogniser.resolve(mentions, published)
    explicit = named | published
    within = recogniser.gazetteer.closure(explicit) - explicit
    return EntryTerritories(named, frozenset(published), within)
