"""The layouts of « Veille & territoires », and which one a file is written in.

The series changed its layout over the years: the CGET issues (« En quelques clics », a
masthead, a Sommaire, sections announced by it) and, after 2019, the ANCT « Bulletin de
veille » (a masthead in one of two forms, sections as headings in the flow or none, link
labels under each entry). The extractor reads every layout with the same rules, and asks
the layout for what differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.extraction.bulletin import ONE_LINE, bulletin_masthead_at, read_bulletin_masthead
from indexer.extraction.masthead import Issue, read_masthead, read_summary, starts_masthead

_ISSUE_HEAD = 30  # an issue's own masthead sits in its first lines (masthead.py, bulletin.py)
# The title line above either masthead: « Veille & territoires [- Bulletin de veille ANCT] ».
_TITLE_LINE = re.compile(r"veille\s*&\s*territoires(?:\W+bulletin de veille\W+anct)?\W*", re.I)


@dataclass(frozen=True)
class Layout:
    """One layout of the series: its name in reports, and how its entries are read."""

    key: str
    description: str  # English, as the CLI's reports are
    flow_sections: bool = False  # no Sommaire: a short line over a « ► » entry is a section
    counts_page_ranges: bool = False  # « pp. 661-692 » gives the pages (32) of an article


CGET_ISSUE = Layout("cget-issue", "CGET issue")
ANCT_TWO_LINE = Layout(
    "anct-bulletin-two-line", "ANCT bulletin, two-line masthead", True, counts_page_ranges=True
)
ANCT_ONE_LINE = Layout(
    "anct-bulletin-one-line", "ANCT bulletin, one-line masthead", True, counts_page_ranges=True
)
UNKNOWN = Layout("unknown", "unknown layout")
LAYOUTS = (CGET_ISSUE, ANCT_TWO_LINE, ANCT_ONE_LINE, UNKNOWN)


def detect_layout(texts: list[str]) -> tuple[Layout, Issue]:
    """Tell a file's layout from its first lines, with the issue its masthead names.

    A bulletin's masthead is unmistakable (« #314 Bulletin du … »), so it is tried first;
    a CGET issue is known by its series, its number or its Sommaire.
    """
    if bulletin := read_bulletin_masthead(texts):
        layout = ANCT_ONE_LINE if bulletin.form == ONE_LINE else ANCT_TWO_LINE
        issue, masthead_end = bulletin.issue, bulletin.issue.body_start
        read_summary(texts, issue)  # a bulletin may list its sections too
        issue.body_start = max(issue.body_start, masthead_end)
        return layout, issue
    issue = read_masthead(texts)
    if issue.series or issue.number or issue.sections:
        return CGET_ISSUE, issue
    return UNKNOWN, issue


def issue_starts(texts: list[str]) -> list[int]:
    """Return where each issue after the first begins, when one file holds several.

    A masthead past the first lines of the issue before it (a bulletin's number line, or a
    CGET series line over a number and a date) starts another issue, with the title line
    just above it: two newsletters pasted into one file are read as two issues.
    """
    starts: list[int] = []
    current = 0
    for index, text in enumerate(texts):
        if index - current < _ISSUE_HEAD:
            continue
        if bulletin_masthead_at(text) or starts_masthead(texts, index):
            current = index - 1 if _TITLE_LINE.fullmatch(texts[index - 1]) else index
            starts.append(current)
    return starts
