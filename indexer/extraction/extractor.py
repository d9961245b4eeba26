"""Turn a newsletter's lines into entries: tell its layout, find the items, read each one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from analyzers.folding import folded_words_of_lines
from indexer.extraction.authority import Authority, default_authority
from indexer.extraction.entry import Entry, entry_id, imprint_key
from indexer.extraction.fields import read_entry
from indexer.extraction.items import find_items
from indexer.extraction.layouts import Layout, detect_layout, issue_starts
from indexer.extraction.lines import (
    ends_sentence,
    is_footer_start,
    is_noise,
    strip_bullet,
    word_count,
)
from indexer.extraction.link_labels import is_link_label
from indexer.extraction.markup import clean_inline, is_link_only, link_texts
from indexer.extraction.masthead import Issue, section_key
from indexer.extraction.readers import Line, UnreadableFile, read_document

_MAX_HEADING_WORDS = 16


@dataclass
class FileReport:
    """What the extractor made of one file: its layout, the issue it names, its entries."""

    label: str
    layout: Layout
    issue: str
    entries: int


@dataclass
class Extraction:
    """The entries of one or more files and the warnings, as `file:line: message`.

    `files` reports each file read: the layout detected, for `veille extract` and the
    progress lines of `veille index`.
    """

    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_without_entries: list[str] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)

    def layout_of(self, label: str) -> Layout | None:
        """Return the layout detected in one file, or None when it was not read."""
        return next((report.layout for report in self.files if report.label == label), None)


@dataclass
class IssueExtraction:
    """The entries of one issue, its layout and the issue its masthead names."""

    layout: Layout
    issue: Issue
    entries: list[Entry]
    warnings: list[str]


def extract_file(
    path: Path, label: str | None = None, authority: Authority | None = None
) -> Extraction:
    """Extract the entries of one file; unreadable files give a warning, never an exception."""
    label = label or path.name
    result = Extraction()
    try:
        document = read_document(path)
    except UnreadableFile as error:
        result.warnings.append(f"{label}:0: skipped: {error}")
        result.files_without_entries.append(label)
        return result
    result.warnings += [f"{label}:0: {warning}" for warning in document.warnings]
    for found in extract_issues(document.lines, label, authority or default_authority()):
        result.entries += found.entries
        result.warnings += found.warnings
        report = FileReport(label, found.layout, found.issue.label, len(found.entries))
        result.files.append(report)
    if not result.entries:
        result.files_without_entries.append(label)
    return result


def extract_lines(
    lines: list[Line], label: str, authority: Authority
) -> tuple[list[Entry], list[str]]:
    """Extract entries from the lines of one file; return them with warnings."""
    issues = extract_issues(lines, label, authority)
    entries = [entry for found in issues for entry in found.entries]
    return entries, [warning for found in issues for warning in found.warnings]


def extract_issues(lines: list[Line], label: str, authority: Authority) -> list[IssueExtraction]:
    """Extract each issue a file's lines hold: one, or several pasted one after the other.

    An entry whose id an earlier one has (the same issue pasted twice) is dropped, with a
    warning.
    """
    lines = _shown_lines(lines)
    starts = issue_starts([line.text for line in lines])
    issues: list[IssueExtraction] = []
    seen: dict[str, str] = {}
    for start, end in zip([0, *starts], [*starts, len(lines)], strict=True):
        first = lines[start].number if start else 1
        found = _extract_issue(lines[start:end], label, authority, first)
        if start:
            found.warnings.insert(
                0,
                f"{label}:{first}: another issue begins here ({found.issue.label}): "
                "read as an issue of its own",
            )
        found.entries = _unique_ids(found.entries, label, found.warnings, seen)
        issues.append(found)
    return issues


def _extract_issue(
    lines: list[Line], label: str, authority: Authority, first: int
) -> IssueExtraction:
    """Tell the layout of one issue's lines (from line `first`), then extract its entries."""
    warnings: list[str] = []
    lines = _before_footer(lines)
    layout, issue = detect_layout([line.text for line in lines])
    has_masthead = bool(issue.series or issue.number)
    if not has_masthead:
        issue.series = Path(label).stem
    body = lines[issue.body_start :]
    texts = [line.text for line in body]
    keys = _heading_keys(texts)
    drafts = find_items(body, keys, issue, layout, authority)
    entries = [read_entry(draft, issue, layout, label, authority) for draft in drafts]
    if not entries:
        reason = "no entry found" if has_masthead else "no masthead and no entry found"
        warnings.append(f"{label}:{first}: skipped: {reason}: not a newsletter issue?")
        return IssueExtraction(layout, issue, [], warnings)
    if not has_masthead:
        warnings.append(f"{label}:1: no masthead (series, number, date) found: issue named {label}")
    if missing := _missing_sections(keys, texts, issue):
        last = lines[-1].number if lines else 1
        warnings.append(
            f"{label}:{last}: sections of the summary not found ({'; '.join(missing)}): "
            "the file looks truncated"
        )
    return IssueExtraction(layout, issue, entries, warnings)


def _heading_keys(texts: list[str]) -> list[str | None]:
    """Return the section_key of each line short enough to be a heading, else None.

    The long lines (descriptions) hold most of an issue's text and are never headings:
    folding them for nothing took a tenth of the extraction.
    """
    short = [index for index, text in enumerate(texts) if word_count(text) <= _MAX_HEADING_WORDS]
    keys: list[str | None] = [None] * len(texts)
    for index, key in zip(short, folded_words_of_lines([texts[i] for i in short]), strict=True):
        keys[index] = key
    return keys


def _missing_sections(keys: list[str | None], texts: list[str], issue: Issue) -> list[str]:
    """Return the sections the summary announces that never appear in the body.

    Any line counts, a long one too: the long lines are folded only if a section is
    missing from the short ones.
    """
    seen = {key for key in keys if key is not None}
    missing = [title for title in issue.sections if section_key(title) not in seen]
    long_lines = [text for text, key in zip(texts, keys, strict=True) if key is None]
    if missing and long_lines:
        seen.update(folded_words_of_lines(long_lines))
        missing = [title for title in missing if section_key(title) not in seen]
    return missing


def _shown_lines(lines: list[Line]) -> list[Line]:
    """Drop navigation links and clean inline Markdown: the lines a reader sees.

    A line made only of links is navigation (« ► [Rapport](#) ► [Synthèse](#) ») or link
    labels, unless it is one link to a title, as an e-mail prints its entries.
    """
    shown = [
        Line(clean_inline(line.text), line.number, line.heading)
        for line in lines
        if not _is_navigation(line.text)
    ]
    return [line for line in shown if line.text]


def _before_footer(lines: list[Line]) -> list[Line]:
    """Drop an issue's legal footer (credits, subscription), and its signature above it."""
    for index, line in enumerate(lines):
        if is_footer_start(line.text):
            start = index
            while start > 0 and _is_signature(lines[start - 1].text):
                start -= 1  # the signing organisation just above the credits
            return lines[:start]
    return lines


def _is_navigation(text: str) -> bool:
    """Tell a line of links that is no title: labels, « Version », or several links."""
    if "](" not in text:  # most lines hold no link
        return False
    if "*" in text:  # a title in bold around its link: « **► [Titre](…)** »
        text = text.replace("*", "")
    if not is_link_only(text):
        return False
    labels = link_texts(text)
    return len(labels) != 1 or is_link_label(labels[0]) or is_noise(labels[0])


def _is_signature(text: str) -> bool:
    """Tell a short unpunctuated line such as the publishing body's name."""
    return word_count(text) <= 8 and not ends_sentence(text) and not strip_bullet(text)[0]


def _unique_ids(
    entries: list[Entry], label: str, warnings: list[str], seen: dict[str, str]
) -> list[Entry]:
    """Drop an entry that repeats an earlier one of the file's (`seen`: imprint by id), with
    a warning; another document of the same title in the same section gets an id of its own.
    """
    unique = []
    for entry in entries:
        imprint = imprint_key(entry)
        if seen.get(entry.id, imprint) != imprint:
            entry = replace(entry, id=entry_id(entry.issue, entry.section, entry.title, imprint))
        if seen.get(entry.id) == imprint:
            warnings.append(f"{label}:{entry.line}: duplicate of an earlier entry: {entry.title!r}")
            continue
        seen[entry.id] = imprint
        unique.append(entry)
    return unique
