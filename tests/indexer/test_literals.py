"""Required literals: a text without any of them is never matched by the pattern."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.extraction.doctypes import default_rules
from indexer.extraction.literals import may_match, required_literals


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bguide\b|\bbook\b|\breferentiel\b", ("guide", "book", "referentiel")),
        (r"\b(cet|l') ?ouvrage\b", ("ouvrage",)),
        (r"\b(ce|le|un|leur) rapport\b", (" rapport",)),
        (r"^notes?$|\bnote rapide\b", ("note", "note rapide")),
        (r"(?:guide|mooc)s?", ("guide", "mooc")),
        (r"\bpp?\.\s*\d+", ("p",)),
        (r".", None),
        (r"\d{4}|rapport", None),  # one branch has no literal: nothing is certain
        (r"(?i)rapport", None),  # case-insensitive: a literal test would miss "RAPPORT"
        (r"(?i:rapport)s", ("s",)),
    ],
)
def test_required_literals(pattern, expected):
    assert required_literals(re.compile(pattern)) == expected


WORDS = [
    "guide", "book", "rapport", "le rapport", "cet ouvrage", "l'ouvrage", "note", "notes",
    "note rapide", "etude", "une etude", "p. 12-38", "pp. 3 - 4", "lab", "lab'", "tilab",
    "videos", "web-serie", "a", " ", "-", "'", "x",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=6).map("".join))
def test_no_literal_no_match(text):
    for rule in default_rules():
        if rule.pattern.search(text):
            assert may_match(rule.literals, text), (rule.pattern.pattern, text)
