"""Turn a newsletter's lines into entries: tell its layout, find the items, read each one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analyzers.folding import folded_words_of_lines
from indexer.extraction.authority import Authority, default_authority
from indexer.extraction.entry import Entry
from indexer.extraction.fields import read_entry
from indexer.extraction.items import find_items
from indexer.extraction.layouts import Layout, detect_layout
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
    found = extract_issue(document.lines, label, authority or default_authority())
    result.entries += found.entries
    result.warnings += found.warnings
    result.files.append(FileReport(label, found.layout, found.issue.label, len(found.entries)))
    if not found.entries:
        result.files_without_entries.append(label)
    return result


def extract_lines(
    lines: list[Line], label: str, authority: Authority
) -> tuple[list[Entry], list[str]]:
    """Extract entries from the lines of one issue; return them with warnings."""
    found = extract_issue(lines, label, authority)
    return found.entries, found.warnings


def extract_issue(lines: list[Line], label: str, authority: Authority) -> IssueExtraction:
    """Tell the layout of one issue's lines, then extract its entries, with warnings."""
    warnings: list[str] = []
    lines = _visible_lines(lines)
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
        warnings.append(f"{label}:1: skipped: {reason}: not a newsletter issue?")
        return IssueExtraction(layout, issue, [], warnings)
    if not has_masthead:
        warnings.append(f"{label}:1: no masthead (series, number, date) found: issue named {label}")
    if missing := _missing_sections(keys, texts, issue):
        last = lines[-1].number if lines else 1
        warnings.append(
            f"{label}:{last}: sections of the summary not found ({'; '.join(missing)}): "
            "the file looks truncated"
        )
    return IssueExtraction(layout, issue, _unique_ids(entries, label, warnings), warnings)


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


def _visible_lines(lines: list[Line]) -> list[Line]:
    """Drop navigation links and the legal footer, clean inline Markdown.

    A line made only of links is navigation (« ► [Rapport](#) ► [Synthèse](#) ») or link
    labels, unless it is one link to a title, as an e-mail prints its entries.
    """
    visible = [
        Line(clean_inline(line.text), line.number, line.heading)
        for line in lines
        if not _is_navigation(line.text)
    ]
    visible = [line for line in visible if line.text]
    for index, line in enumerate(visible):
        if is_footer_start(line.text):
            start = index
            while start > 0 and _is_signature(visible[start - 1].text):
                start -= 1  # the signing organisation just above the credits
            return visible[:start]
    return visible


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


def _unique_ids(entries: list[Entry], label: str, warnings: list[str]) -> list[Entry]:
    """Drop an entry whose id repeats one already seen, with a warning."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        if entry.id in seen:
            warnings.append(f"{label}:{entry.line}: duplicate of an earlier entry: {entry.title!r}")
            continue
        seen.add(entry.id)
        unique.append(entry)
    return unique
