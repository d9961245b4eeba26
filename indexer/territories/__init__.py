"""Territories: the official gazetteer, the names a documentalist adds, and place recognition.

- `gazetteer`: régions, départements, EPCI, communes (INSEE's COG as packaged by Etalab) and
  places abroad, each with its code (`reg-53`, `dep-35`, `epci-243500139`, `com-35238`,
  `int-ES`), its name and what contains it; the closure upward.
- `datafiles`: the editable files of `indexer/data/territories/` (aliases, demonyms,
  publishers' territories, places abroad, the stop list).
- `names`: every name folded to tokens, with the rule that makes it count.
- `recognise`: text to the places it names, longest name first.
- `tagging`: one entry to its territories, named, of its publishers, and those containing them.

`refresh_gazetteer` regenerates the committed gazetteer from the npm package.
"""

from indexer.territories.gazetteer import Gazetteer, Territory, default_gazetteer
from indexer.territories.recognise import Mention, Recogniser, default_recogniser, recognise
from indexer.territories.tagging import EntryTerritories, tag_entry

__all__ = [
    "EntryTerritories",
    "Gazetteer",
    "Mention",
    "Recogniser",
    "Territory",
    "default_gazetteer",
    "default_recogniser",
    "recognise",
    "tag_entry",
]
