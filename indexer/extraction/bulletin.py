"""Read the masthead of an ANCT « Bulletin de veille »: its number and date, in either form.

After 2019 the series is a fortnightly bulletin whose masthead is printed two ways:

    Veille & territoires - Bulletin de veille ANCT
    #314 Bulletin du 18 juillet 2022

or on one line:

    Bulletin de veille ANCT - "Veille & Territoires #369" - 13 janvier 2025
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.extraction.dates import find_date
from indexer.extraction.masthead import Issue

SERIES = "Veille & territoires — Bulletin de veille ANCT"
TWO_LINE, ONE_LINE = "two-line", "one-line"
_SPAN = 30  # the masthead sits in the first lines, after an e-mail's preheader
_NUMBER_LINE = re.compile(r"#\s*(?P<number>\d+)\s+bulletin\s+du\s+(?P<date>.+)", re.I)
_ONE_LINE = re.compile(
    r"bulletin de veille\b.*?veille\s*&\s*territoires\s*#\s*(?P<number>\d+)"
    r"[\s\"'»”]*[-–—,|]\s*(?P<date>.+)",
    re.IGNORECASE,
)


@dataclass
class BulletinMasthead:
    """A bulletin's masthead: which form it takes, and the issue it names."""

    form: str
    issue: Issue


def read_bulletin_masthead(texts: list[str]) -> BulletinMasthead | None:
    """Find a bulletin's masthead among the first lines, or None when the file has none."""
    for index, text in enumerate(texts[:_SPAN]):
        if masthead := bulletin_masthead_at(text, index):
            return masthead
    return None


def bulletin_masthead_at(text: str, index: int = 0) -> BulletinMasthead | None:
    """Read one line (the file's `index`-th) as a bulletin's masthead, or None if it is not."""
    if "#" not in text:  # both forms print the number as "#314": most lines are out
        return None
    if match := _NUMBER_LINE.fullmatch(text.strip()):
        form = TWO_LINE
    elif match := _ONE_LINE.fullmatch(text.strip()):
        form = ONE_LINE
    else:
        return None
    date = find_date(match["date"])
    if not (date and date.year and date.text == match["date"].strip(" .")):
        return None
    number = f"#{match['number']}"
    issue = Issue(
        series=SERIES,
        number=number,
        name=f"Bulletin {number}",
        date_text=date.text,
        year=date.year,
        month=date.month,
        body_start=index + 1,
    )
    return BulletinMasthead(form, issue)
