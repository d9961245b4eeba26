"""Cut the body of an issue into items: titles, their sections, and the lines of each.

Every layout is read by the same walk; the layout says where sections come from (the
Sommaire, or headings in the flow of a bulletin). Link labels (« ► L'étude ») belong to the
item above them, and a title wrapped over several lines is joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.extraction.authority import Authority
from indexer.extraction.dates import find_date
from indexer.extraction.layouts import Layout
from indexer.extraction.lines import (
    ends_sentence,
    is_discover_heading,
    is_known_section,
    is_noise,
    is_prose,
    is_source_line,
    is_title_like,
    starts_lowercase,
    strip_bullet,
    word_count,
)
from indexer.extraction.link_labels import is_link_label
from indexer.extraction.masthead import Issue, section_key
from indexer.extraction.names import classify_names
from indexer.extraction.readers import Line

_MAX_FLOW_HEADING_WORDS = 8
_MAX_WRAP_WORDS = 20  # a title's second line; a longer one is the description
_MAX_WRAPS = 2  # a title runs over three lines at most
_CLOSED = (".", "!", "?", "…")
_NOT_HEADING_END = (".", "!", "?", "…", ";", ",")
# A field closing an item (« En ligne : https://… », « Contact : … », « Date de parution : … »):
# a label and a colon, or an address, is never a section heading.
_FIELD_LINE = re.compile(
    r"^(?:en ligne|contacts?|dates?(?: de (?:parution|publication))?|liens?"
    r"|sites?(?: web| internet)?|sources?|t[ée]l[ée]chargement|t[ée]l[ée]charger"
    r"|pour en savoir plus|plus d'infos?"
    r"|inscriptions?|lieu|programme|renseignements|courriel|e-?mail|t[ée]l(?:[ée]phone)?\.?"
    r"|acc[èe]s|replay|voir)\s*:|https?://|www\.|\S@\S",
    re.IGNORECASE,
)
# A line that stops on one of these words or signs goes on over the next line.
_OPEN_END = re.compile(
    r"(?:\b(?:de|des|du|d'|l'|la|le|les|et|ou|à|au|aux|en|pour|sur|par|dans|avec|un|une|"
    r"entre|vers|sans|sous)|[,:–-])$",
    re.IGNORECASE,
)


@dataclass
class Draft:
    """The lines of one item as found in the issue, before its fields are read."""

    title: str
    line: int
    section: str
    discover: bool
    lines: list[str] = field(default_factory=list)
    has_body: bool = False
    wrapped: str = ""  # the title as printed, while it may go on over the next line
    wraps: int = 0

    def add(self, text: str) -> None:
        """Append a line of the item, noting when its description has begun."""
        self.lines.append(text)
        self.has_body |= is_prose(text)
        self.wrapped = ""  # a title never resumes after another line

    def join_title(self, text: str) -> None:
        """Add the next line of a title wrapped over several lines."""
        self.wrapped = f"{self.wrapped} {text}"
        self.title = tidy_title(self.wrapped)
        self.wraps += 1


def find_items(
    lines: list[Line], keys: list[str | None], issue: Issue, layout: Layout, authority: Authority
) -> list[Draft]:
    """Walk the body of an issue and cut it into item drafts under their sections.

    `keys` holds each line's section_key (None for lines too long to be headings).
    """
    section_keys = {section_key(title) for title in issue.sections}
    drafts: list[Draft] = []
    section, discover = "", False
    current: Draft | None = None
    texts = [line.text for line in lines]
    for index, line in enumerate(lines):
        text = line.text
        if is_noise(text):
            continue
        if is_discover_heading(text):
            current, discover = None, True
            continue
        if _is_section(line, keys[index], section_keys) or (
            layout.flow_sections and _is_flow_heading(index, texts, current is None, authority)
        ):
            current, section, discover = None, text.strip(" :"), False
            continue
        bulleted, body = strip_bullet(text)
        if bulleted and is_link_label(body):
            if current is not None:
                current.wrapped = ""  # the links close the item's title and header
            continue
        if bulleted and (is_noise(body) or not tidy_title(body)):
            continue  # a bullet before nothing but a period ("•.") is no title either
        if bulleted and body and not _is_summary_like(body, section_keys):
            current = Draft(tidy_title(body), line.number, section, discover, wrapped=body)
            drafts.append(current)
            continue
        if current is not None and _continues_title(current, index, texts, authority):
            current.join_title(text)
            continue
        if _opens_item(index, texts, current, discover, authority):
            current = Draft(tidy_title(text), line.number, section, discover)
            drafts.append(current)
            continue
        if current is not None:
            current.add(text)
    return drafts


def _is_section(line: Line, key: str | None, section_keys: set[str]) -> bool:
    """Tell a section heading: listed in the summary, marked as a heading, or the Agenda."""
    if key is None:  # too long to be a heading (see _heading_keys)
        return False
    if key in section_keys or (line.heading and not is_discover_heading(line.text)):
        return True
    return not section_keys and is_known_section(line.text)


def _is_flow_heading(index: int, texts: list[str], first: bool, authority: Authority) -> bool:
    """Tell a bulletin's section heading: a short line over a title (« ► » or a line over
    its source), after an item.

    A line that merely sits before a title (the last words of a description) is not one:
    the line above a heading closes an item (a sentence, a source, a link label, a field such
    as « Contact : … »), unless no item has begun yet. A field line is never a heading.
    """
    text = texts[index]
    if (
        word_count(text) > _MAX_FLOW_HEADING_WORDS
        or strip_bullet(text)[0]
        or text.rstrip().endswith(_NOT_HEADING_END)
        or starts_lowercase(text)
        or is_source_line(text)
        or _FIELD_LINE.search(text)
    ):
        return False
    following = _next_text(texts, index)
    if following is None:
        return False
    bulleted, body = strip_bullet(following)
    if is_link_label(body) or _OPEN_END.search(text.rstrip()):
        return False
    if not bulleted and (
        _over_its_source(index, texts, authority)  # a title itself
        or not _over_its_source(_next_index(texts, index), texts, authority)
    ):
        return False
    if first:
        return True
    previous = next((texts[i] for i in range(index - 1, -1, -1) if not is_noise(texts[i])), None)
    return previous is None or bool(
        strip_bullet(previous)[0]
        or ends_sentence(previous)
        or is_source_line(previous)
        or _FIELD_LINE.search(previous)
    )


def _continues_title(draft: Draft, index: int, texts: list[str], authority: Authority) -> bool:
    """Tell the next line of a title wrapped over several lines.

    Not a source line, not an event's date; a line that starts in lower case or follows an
    open end (« … de la recherche des ») goes on the title, and so does a line between the
    title and its source unless it is the publisher alone on its line.
    """
    text = texts[index]
    if (
        not draft.wrapped
        or draft.wraps >= _MAX_WRAPS
        or draft.wrapped.rstrip(" *").endswith(_CLOSED)
        or word_count(text) > _MAX_WRAP_WORDS
        or strip_bullet(text)[0]
        or is_source_line(text)
    ):
        return False
    date = find_date(text)
    if date and date.day:  # « 5 et 6 novembre 2018, à Lille » under an event's title
        return False
    if starts_lowercase(text) or _OPEN_END.search(draft.wrapped.rstrip(" *")):
        return True  # « … dans les territoires de la » / « Région Bretagne »: still the title
    if _names_only(text, authority):
        return False
    following = _next_text(texts, index)
    return following is not None and (
        is_source_line(following) or _names_only(following, authority)
    )


def _names_only(text: str, authority: Authority) -> bool:
    """Tell a line of names only: the publisher alone on its line, or a list of authors."""
    names = classify_names(text, authority)
    return bool(names.authors or names.organisations) and not names.unknown


def _next_text(texts: list[str], index: int) -> str | None:
    """Return the next line that is not noise, if any (without copying the rest of the list)."""
    at = _next_index(texts, index)
    return None if at is None else texts[at]


def _next_index(texts: list[str], index: int) -> int | None:
    """Return where the next line that is not noise is, if any."""
    return next((i for i in range(index + 1, len(texts)) if not is_noise(texts[i])), None)


def _is_summary_like(body: str, section_keys: set[str]) -> bool:
    """Tell a bulleted repeat of a section title (a second summary) from an item."""
    return section_key(body) in section_keys


def _opens_item(
    index: int, texts: list[str], current: Draft | None, loose: bool, authority: Authority
) -> bool:
    """Tell an unbulleted item title: a short line followed by its source or description.

    In "A découvrir" blocks (`loose`) an item is a name line and its paragraph; elsewhere,
    the preamble included, only a title over its source line opens an item (the publisher
    alone on its line may come between).
    """
    text = texts[index]
    if not is_title_like(text) or strip_bullet(text)[0]:
        return False
    if current is not None:
        # after a description, or after a short one under its source (« … exercée. »)
        if not current.has_body and not any(map(is_source_line, current.lines[:-1])):
            return False
        last = current.lines[-1] if current.lines else current.title
        if not (ends_sentence(last) or is_source_line(last)):
            return False
    following = _next_text(texts, index)
    if following is None or strip_bullet(following)[0]:
        return False
    return _over_its_source(index, texts, authority) or (loose and _is_description(following))


def _over_its_source(index: int | None, texts: list[str], authority: Authority) -> bool:
    """Tell a title-like line over its source line, or over its publisher alone on a line
    and then the source (« OFGL » / « Cap sur, n° 22, août 2023. 12 p. »)."""
    if index is None or not is_title_like(texts[index]) or strip_bullet(texts[index])[0]:
        return False
    after = _next_index(texts, index)
    if after is None or is_source_line(texts[after]):
        return after is not None
    then = _next_index(texts, after)
    return then is not None and _names_only(texts[after], authority) and is_source_line(texts[then])


def _is_description(text: str) -> bool:
    """Tell a line that reads as an item's description (a paragraph or a full sentence)."""
    return is_prose(text) or (word_count(text) >= 8 and ends_sentence(text))


def tidy_title(text: str) -> str:
    """Return a title as a reader would cite it: no bullet, no single trailing period."""
    text = strip_bullet(text)[1].strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text
