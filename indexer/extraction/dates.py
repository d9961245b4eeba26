"""French dates as the newsletter writes them, normalised to a year (and month when known)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_MONTHS = {
    1: r"janv(?:ier|\.)?",
    2: r"f[ée]v(?:rier|r?\.)?",
    3: r"mars",
    4: r"avr(?:il|\.)?",
    5: r"mai",
    6: r"juin",
    7: r"juil(?:let|\.)?",
    8: r"ao[ûu]t",
    9: r"sept(?:embre|\.)?",
    10: r"oct(?:obre|\.)?",
    11: r"nov(?:embre|\.)?",
    12: r"d[ée]c(?:embre|\.)?",
}
_SEASONS = r"printemps|[ée]t[ée]|automne|hiver"
_MONTH = "|".join(f"(?P<m{n}>{pattern})" for n, pattern in _MONTHS.items())
_MONTH_PLAIN = "|".join(_MONTHS.values())
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:1er|[12]\d|3[01]|0?[1-9])"
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"

# Most specific first: day (lists and ranges), then month, season, numeric forms, bare year.
_DAY_DATE = re.compile(
    rf"(?:\b(?:du|jusqu'au|le|les)\s+)?(?:{_WEEKDAY}\s+)?"
    rf"\b{_DAY}(?:\s+(?:{_MONTH_PLAIN}))?(?:\s*(?:,|et|au|à|-)\s*{_DAY})*"
    rf"\s+(?:{_MONTH})(?![a-zà-ü])(?:\s+(?P<year>{_YEAR}))?\b",
    re.IGNORECASE,
)
# Two months of one year, as a bimonthly issue is dated: « mars-avril 2019 » (its first month).
_TWO_MONTHS = re.compile(
    rf"\b(?:{_MONTH})(?![a-zà-ü])\s*[-/–]\s*(?:{_MONTH_PLAIN})(?![a-zà-ü])\s*(?P<year>{_YEAR})\b",
    re.IGNORECASE,
)
_MONTH_DATE = re.compile(rf"\b(?:{_MONTH})(?![a-zà-ü])\s*(?P<year>{_YEAR})\b", re.IGNORECASE)
_ANY_MONTH = re.compile(rf"\b(?:{_MONTH})(?![a-zà-ü])", re.IGNORECASE)
_SEASON_DATE = re.compile(rf"\b(?:{_SEASONS})\s+(?P<year>{_YEAR})\b", re.IGNORECASE)
# « 12/03/2019 », « 1.10.2021 », « 07-06-2022 »: day first, as French writes it.
_NUMERIC_DAY_DATE = re.compile(
    rf"(?<![\d/.-])(?P<day>[12]\d|3[01]|0?[1-9])(?P<sep>[/.-])(?P<month>1[0-2]|0?[1-9])"
    rf"(?P=sep)(?P<year>{_YEAR})(?![\d/])"
)
_MONTH_SLASH_YEAR = re.compile(rf"(?<![\d/])(?P<month>1[0-2]|0?[1-9])/(?P<year>{_YEAR})\b")
_YEAR_SLASH_ISSUE = re.compile(rf"(?<![\d/])(?P<year>{_YEAR})/\d{{1,2}}\b")
_BARE_YEAR = re.compile(rf"(?<![\d/#°])(?<!n° )(?<!n°)(?<!UMR )(?P<year>{_YEAR})(?![\d/])")
# Cheap tests that rule the forms out. Patterns that open on optional words are tried at
# every position of a line (about 27 µs on a source line); most lines hold no such date.
_DAY_BEFORE_MONTH = re.compile(rf"(?:\d|er)\s+(?:{_MONTH_PLAIN})", re.IGNORECASE)  # "7 mai"
_ANY_YEAR = re.compile(_YEAR)  # every form but the day's states a year


@dataclass(frozen=True)
class DateInfo:
    """A date found in text: its year, month and day when stated, and the words used."""

    year: int | None
    month: int | None
    day: int | None
    text: str

    @property
    def precision(self) -> int:
        """Rank how much the date says: 3 day, 2 month, 1 year, 0 nothing."""
        return 3 if self.day else 2 if self.month else 1 if self.year else 0


def _month_of(match: re.Match[str]) -> int | None:
    """Return the month number named in a match of a pattern built on _MONTH."""
    named = match.groupdict()
    for number in _MONTHS:
        if named.get(f"m{number}"):
            return number
    return None


def _first_month(text: str) -> int | None:
    """Return the first month named in a day expression ("15 octobre au 30 novembre" -> 10)."""
    match = _ANY_MONTH.search(text)
    return _month_of(match) if match else None


def _first_day(text: str) -> int | None:
    """Return the first day number of a day expression ("7, 8 et 9 novembre" -> 7)."""
    found = re.search(r"\b(1er|\d{1,2})\b", text)
    if not found:
        return None
    return 1 if found.group(1) == "1er" else int(found.group(1))


@lru_cache(maxsize=8192)
def find_date(text: str, issue: tuple[int | None, int | None] = (None, None)) -> DateInfo | None:
    """Find the most specific date in `text`; the issue's (year, month) completes a yearless one.

    >>> find_date("Traits d'agences n°33, automne 2018. 28 p.")
    DateInfo(year=2018, month=None, day=None, text='automne 2018')
    """
    if _DAY_BEFORE_MONTH.search(text) and (match := _DAY_DATE.search(text)):
        month = _first_month(match.group(0))
        year = int(match.group("year")) if match.group("year") else year_after(month, *issue)
        return DateInfo(year, month, _first_day(match.group(0)), match.group(0).strip())
    if not _ANY_YEAR.search(text):
        return None
    if match := _NUMERIC_DAY_DATE.search(text):
        year, month, day = (int(match.group(name)) for name in ("year", "month", "day"))
        return DateInfo(year, month, day, match.group(0))
    if match := _TWO_MONTHS.search(text) or _MONTH_DATE.search(text):
        return DateInfo(int(match.group("year")), _month_of(match), None, match.group(0))
    if match := _SEASON_DATE.search(text):
        return DateInfo(int(match.group("year")), None, None, match.group(0))
    if match := _MONTH_SLASH_YEAR.search(text):
        return DateInfo(int(match.group("year")), int(match.group("month")), None, match.group(0))
    if match := _YEAR_SLASH_ISSUE.search(text):
        return DateInfo(int(match.group("year")), None, None, match.group(0))
    if match := _BARE_YEAR.search(text):
        return DateInfo(int(match.group("year")), None, None, match.group(0))
    return None


def year_after(month: int | None, issue_year: int | None, issue_month: int | None) -> int | None:
    """Guess the year of a yearless date announced in an issue: the next such month.

    >>> year_after(11, 2018, 10), year_after(1, 2018, 10)
    (2018, 2019)
    """
    if issue_year is None or month is None or issue_month is None:
        return issue_year
    return issue_year if month >= issue_month else issue_year + 1


def month_number(word: str) -> int | None:
    """Return the month number of a French month name or abbreviation, else None."""
    match = re.fullmatch(f"(?:{_MONTH})", word.strip(), re.IGNORECASE)
    return _month_of(match) if match else None
