"""Snippets mark every matched form, escape everything else, and fall back when needed."""

from __future__ import annotations

import html
import re

import pytest

from analyzers import french_analyzer
from search_ui.engine.snippets import fallback, mark

MARK = re.compile(r"<mark>(.*?)</mark>")


def marked(snippet: str) -> list[str]:
    return [html.unescape(word) for word in MARK.findall(snippet)]


@pytest.mark.parametrize(
    ("q", "title", "form"),
    [
        ("innovation", "Carrefour des innovations sociales", "innovations"),
        (
            "evaluer",
            "Pourquoi évaluer les démarches d'innovation publique par le design?",
            "évaluation",
        ),
        ("tiers-lieux", "Rôle et limites des tiers-lieux dans la fabrique des villes", "tiers"),
        ("collectivites", "Construire l'innovation publique", "collectivité"),
    ],
)
def test_matched_forms_are_marked_even_when_they_differ(search, q, title, form):
    hit = next(h for h in search(q, per_page=100).hits if h.title.startswith(title))
    assert form in marked(hit.snippet + hit.title_html)


def test_title_marks_the_matched_words(search):
    hit = search("tiers lieux").hits[0]
    assert "<mark>" in hit.title_html
    assert html.unescape(MARK.sub(r"\1", hit.title_html)) == hit.title


def test_snippet_falls_back_to_the_description_opening(search):
    hit = next(h for h in search("author:besson", per_page=100).hits)
    assert "<mark>" not in hit.snippet
    assert hit.snippet


def test_only_mark_tags_and_everything_escaped():
    text = 'Une <script>alert("x")</script> innovation & <b>gras</b> innovante'
    snippet = mark(text, {"innov"}, french_analyzer())
    assert "<script>" not in snippet and "<b>" not in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0
    assert "&lt;script&gt;" in snippet
    assert marked(snippet) == ["innovation", "innovante"]


def test_fallback_is_escaped_and_short():
    text = "<i>x</i> " + "mot " * 200
    out = fallback(text)
    assert out.startswith("&lt;i&gt;x&lt;/i&gt;")
    assert len(out) < 300


def test_no_terms_no_highlight():
    assert mark("innovation", set(), french_analyzer()) == ""


def test_snippets_are_the_same_from_one_call_to_the_next(search):
    first = [hit.snippet for hit in search("innovation publique").hits]
    for _ in range(3):
        assert [hit.snippet for hit in search("innovation publique").hits] == first


def test_an_excerpt_says_where_it_was_cut():
    text = "Début du texte. " + "mot " * 80 + "une innovation ici. " + "suite " * 80
    snippet = mark(text, {"innov"}, french_analyzer())
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert mark("Une innovation.", {"innov"}, french_analyzer(), whole=True) == (
        "Une <mark>innovation</mark>."
    )
