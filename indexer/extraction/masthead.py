"""Read an issue's identity (series, number, month, theme) and its summary from the masthead."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analyzers.folding import folded_words
from indexer.extraction.dates import find_date
from indexer.extraction.lines import strip_bullet

_SERIES = re.compile(r"en quelques clics", re.IGNORECASE)
_NUMBER_FORMS = r"hors[- ]s[ée]rie\s*(?:#|n°|num[ée]ro)?\s*\d+|n°\s*\d+|num[ée]ro\s*\d+|#\s*\d+"
_NUMBER = re.compile(rf"^({_NUMBER_FORMS})$", re.I)
# The number and the date on one line: « n° 86 — avril 2019 », « Hors-série n°3, décembre 2018 ».
_NUMBER_AND_DATE = re.compile(rf"^({_NUMBER_FORMS})\s*[-–—,:·]?\s*(?P<date>\S.*)$", re.I)
# The masthead on one line: « En quelques clics n° 96 - janvier 2019 ».
_ONE_LINE = re.compile(rf"en quelques clics\W+({_NUMBER_FORMS})\W+(?P<date>\S.*)$", re.I)
_SUMMARY = re.compile(r"^sommaire\s*:?$", re.IGNORECASE)
_MASTHEAD_SPAN = 30  # the identity sits in the first lines of an issue
_MASTHEAD_LINES = 4  # a series line, its number and its date follow one another
_SERIES_LINE_WORDS = 6


@dataclass
class Issue:
    """An issue's identity and the section titles its summary announces."""

    series: str = ""
    number: str = ""
    name: str = ""  # how the series names one issue, when it is not "series — number"
    date_text: str = ""
    year: int | None = None
    month: int | None = None
    theme: str = ""
    sections: list[str] = field(default_factory=list)
    body_start: int = 0

    @property
    def label(self) -> str:
        """Return the issue as users cite it: "En quelques clics — Hors-Série #2 — octobre 2018".

        A bulletin names itself ("Bulletin #314 — 18 juillet 2022"): its name stands for
        the series and the number.
        """
        parts = (self.name,) if self.name else (self.series, self.number)
        return " — ".join(part for part in (*parts, self.date_text) if part)


@lru_cache(maxsize=4096)
def section_key(text: str) -> str:
    """Reduce a section title to a comparison key (case, accents, punctuation ignored)."""
    return folded_words(text)


def read_masthead(texts: list[str]) -> Issue:
    """Find series, number, date, theme and the summary among the first lines of an issue."""
    issue = Issue()
    head = texts[:_MASTHEAD_SPAN]
    for index, text in enumerate(head):
        if not issue.series and _read_one_line(text, issue):
            issue.theme = _theme_after(head, index)
        elif not issue.series and _SERIES.search(text):
            issue.series = "En quelques clics"
        elif not issue.number and _NUMBER.match(text):
            issue.number = _tidy_number(text)
            if issue.date_text:  # the date came first: the theme follows the number
                issue.theme = _theme_after(head, index)
        elif not issue.number and _read_number_and_date(text, issue):
            issue.theme = _theme_after(head, index)
        elif not issue.date_text and (issue.number or issue.series) and _is_bare_date(text):
            _set_date(issue, text)
            issue.theme = _theme_after(head, index)
    read_summary(texts, issue)
    return issue


def starts_masthead(texts: list[str], index: int) -> bool:
    """Tell a CGET masthead at a line: the series, then the issue's number and date below it,
    or all three on the line."""
    text = texts[index]
    if _read_one_line(text, Issue()):
        return True
    if not _SERIES.search(text) or len(text.split()) > _SERIES_LINE_WORDS:
        return False
    issue = read_masthead(texts[index : index + _MASTHEAD_LINES])
    return bool(issue.number and issue.date_text)


def _read_number_and_date(text: str, issue: Issue) -> bool:
    """Read the number and the date from one line (« n° 86 — avril 2019 »), when it is one."""
    match = _NUMBER_AND_DATE.match(text)
    if not match or not _is_bare_date(match.group("date")):
        return False
    issue.number = _tidy_number(match.group(1))
    _set_date(issue, match.group("date"))
    return True


def _set_date(issue: Issue, text: str) -> None:
    """Set the issue's date from a line that is a date and nothing else."""
    date = find_date(text)
    issue.date_text, issue.year, issue.month = text.strip(), date.year, date.month


def _read_one_line(text: str, issue: Issue) -> bool:
    """Read series, number and date from a one-line masthead, when `text` is one."""
    match = _ONE_LINE.search(text)
    if not match or not _is_bare_date(match.group("date")):
        return False
    date = find_date(match.group("date"))
    issue.series, issue.number = "En quelques clics", _tidy_number(match.group(1))
    issue.date_text, issue.year, issue.month = match.group("date").strip(), date.year, date.month
    return True


def _is_bare_date(text: str) -> bool:
    """Tell a line that is a date and nothing else (« octobre 2018 », « mars-avril 2019 »)."""
    date = find_date(text)
    return bool(date and date.year and date.text == text.strip())


def _tidy_number(text: str) -> str:
    """Spell an issue number one way, as the series does: « Hors-Série #2 », « n° 86 »
    (« N°86 » and « numéro 86 » are the same issue: one value of the issue facet)."""
    number = re.search(r"\d+", text).group(0)
    if re.match(r"hors[- ]s[ée]rie", text, re.IGNORECASE):
        return f"Hors-Série #{number}"
    return f"#{number}" if text.lstrip().startswith("#") else f"n° {number}"


def _theme_after(head: list[str], index: int) -> str:
    """Return the theme line that follows the issue date, if it looks like one."""
    for text in head[index + 1 : index + 3]:
        if 1 < len(text.split()) <= 10 and not text.islower():
            return text
    return ""


def read_summary(texts: list[str], issue: Issue) -> None:
    """Collect the section titles listed after "Sommaire" and where the body begins."""
    for index, text in enumerate(texts):
        if _SUMMARY.match(text):
            position = index + 1
            while position < len(texts):
                bulleted, item = strip_bullet(texts[position])
                if not bulleted or item.startswith(("►", "▶")) or len(item.split()) > 14:
                    break
                issue.sections.append(item.strip())
                position += 1
            issue.body_start = position
            return
