"""Classify newsletter lines: bullets, noise, headings, source lines, prose, titles."""

from __future__ import annotations

import re
from functools import lru_cache

from analyzers.folding import fold
from indexer.extraction.dates import find_date

_BULLET = re.compile(r"^(?:[-*+]\s+)?[►▶•▸‣◆■●]\s*|^[-*+]\s+(?=\S)")
_TERMINAL = (".", "!", "?", "…", "»", '"', ":", ";", ")")
_PAGES = re.compile(r"\d\s*p\b\.?")
_PAGE_RANGE = re.compile(r"\b(?:pp\.?|p\.)\s*\d+\s*[-–]\s*\d+")  # "pp. 661-692", "pp 65-81"
_PAGE_COUNT_END = re.compile(r"\d\s*p$")  # "… 28 p"
_NUMBER_IN_BRACKETS_END = re.compile(r"\([^)]*\d[^)]*\)$")  # "… (n° 332)"
_DOMAIN_NAME = re.compile(r"[a-z][\w-]*\.[a-z]")
_ONLINE = re.compile(r"\ben ligne\b\.?", re.IGNORECASE)
# What may follow the pages of a source line: its series (« Coll. Comprendre », « (Collection
# Études) ») or an ISBN, after the date and the pages that make it a source.
_SERIES_END = re.compile(
    r"[.,;]?\s*(?:\(\s*)?(?:(?P<series>(?:coll\.|collection|s[ée]rie)\s+[^()\d]{1,60}?)"
    r"|isbn[\s:]*[\dxX][\dxX\s-]{8,20})\s*\)?\s*\.?$",
    re.IGNORECASE,
)
_LANGUAGE_TAG = re.compile(r"\[\s*en\s+(anglais|allemand|espagnol|italien)\s*\]", re.IGNORECASE)
_ISSUE_MARK = re.compile(r"\bn°\s*\d|\bN°\s*\d|#\d|\bvol\.\s*\d|\d{4}/\d|\|\s*\d{4}", re.IGNORECASE)

_NOISE = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            r"^lire (l'|la |le )?(interview|article|suite|entretien)",
            r"^table des mati[èe]res$",
            r"^introduction$",
            r"^(version|pdf|web|version web|version pdf)$",
            r"^informations? et inscriptions?$",
            r"^(en savoir plus|voir (le|la) (site|vid[ée]o)|t[ée]l[ée]charger.*|acc[ée]der .*)$",
            r"^d[ée]couvrir [^.]*$",
            r"^sommaire\s*:?$",
            r"^>>",
        )
    ),
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"^(conception\s*:|>>\s*s'abonner|>>\s*nous contacter|conform[ée]ment [àa] la loi|"
    r"pour vous d[ée]sabonner|directeur de (la )?publication|se d[ée]sabonner|"
    r"vous recevez (ce|cet) (message|e-?mail|courriel|bulletin)|"
    r"pour ne plus recevoir|d[ée]sinscription\b)",
    re.IGNORECASE,
)
_DISCOVER = re.compile(r"^[aà] d[ée]couvrir\b", re.IGNORECASE)
_KNOWN_SECTIONS = {"agenda"}


def strip_bullet(text: str) -> tuple[bool, str]:
    """Return whether the line starts with a bullet, and the text after it."""
    match = _BULLET.match(text)
    return (True, text[match.end() :].strip()) if match else (False, text)


@lru_cache(maxsize=16384)
def word_count(text: str) -> int:
    """Count the words of a line (asked several times per line while a file is read)."""
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """Tell whether a line ends with sentence-closing punctuation."""
    return text.rstrip().endswith(_TERMINAL)


def is_noise(text: str) -> bool:
    """Tell navigation and masthead noise that is never an entry nor part of one."""
    return bool(_NOISE.search(text))


def is_footer_start(text: str) -> bool:
    """Tell the first line of the legal footer (credits, subscription, data notice)."""
    return bool(_FOOTER.search(text))


def is_discover_heading(text: str) -> bool:
    """Tell an "A découvrir" heading (with or without a theme after a colon)."""
    return bool(_DISCOVER.match(text)) and word_count(text) <= 12


def is_known_section(text: str) -> bool:
    """Tell a section that every issue has whatever its summary says (the Agenda)."""
    return fold(text).strip(" :") in _KNOWN_SECTIONS


def split_series(text: str) -> tuple[str, str]:
    """Split a source line's trailing series or ISBN off: (the rest, the series or "").

    >>> split_series("ANCT, septembre 2021. 28 p. Coll. Comprendre")
    ('ANCT, septembre 2021. 28 p', 'Coll. Comprendre')
    """
    match = _SERIES_END.search(text)
    if not match or match.start() == 0:
        return text, ""
    return text[: match.start()].rstrip(" .,;"), (match.group("series") or "").strip()


def strip_markers(text: str) -> tuple[str, bool, str | None]:
    """Remove "En ligne" and "[en anglais]" from a line; return text, online, language tag."""
    online = bool(_ONLINE.search(text))
    language = _LANGUAGE_TAG.search(text)
    text = _LANGUAGE_TAG.sub("", _ONLINE.sub("", text))
    return text.strip(" .,;"), online, language.group(1).lower() if language else None


@lru_cache(maxsize=8192)
def is_source_line(text: str) -> bool:
    """Tell a bibliographic source line: who/where, then a date and/or pages at its end.

    >>> is_source_line("Horizons publics, septembre 2018. En ligne.")
    True
    >>> is_source_line("octobre 2018")
    False
    """
    if word_count(text) > 60:
        return False
    core, online, _ = strip_markers(text)
    core = split_series(core)[0]
    tail = core.rstrip(" .*")
    date = find_date(core)
    ends_with_pages = bool(_PAGE_COUNT_END.search(tail)) or bool(_PAGE_RANGE.search(tail[-16:]))
    ends_with_date = bool(date and date.year and tail.endswith(date.text.rstrip(".")))
    ends_with_issue = bool(date and _NUMBER_IN_BRACKETS_END.search(tail))
    if not (ends_with_pages or ends_with_date or ends_with_issue or (online and date)):
        return False
    if word_count(core) > 20 and not _PAGES.search(core):
        return False  # a long sentence that merely ends on a date
    has_context = "," in core or bool(_PAGES.search(core)) or online or ". " in core
    return has_context or bool(_ISSUE_MARK.search(core))


def has_issue_mark(text: str) -> bool:
    """Tell a journal's number or volume (« n° 12 », « #3 », « vol. 4 », « 2018/2 »)."""
    return bool(_ISSUE_MARK.search(text))


def is_prose(text: str) -> bool:
    """Tell a description paragraph from short header lines."""
    return word_count(text) >= 15 and not is_source_line(text)


def starts_lowercase(text: str) -> bool:
    """Tell a line that continues a sentence (a page-break fragment)."""
    first = text.lstrip("«\"'( ")[:1]
    return first.islower()


def is_title_like(text: str) -> bool:
    """Tell a line that could name an entry: short, not a fragment, not a source."""
    domain_name = bool(_DOMAIN_NAME.match(text))  # "beta.gouv.fr : ..."
    return (
        0 < word_count(text) <= 22
        and (domain_name or not starts_lowercase(text))
        and not is_source_line(text)
        and not text.rstrip().endswith((",", ";"))
    )
