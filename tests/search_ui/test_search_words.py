"""Topical searches: a word's derivational family, typos inside compounds, and words that
are French but in no entry (issue 17, items 3 and 4)."""

from __future__ import annotations

import re

import pytest

from analyzers import fold, stem
from analyzers.lexicon import is_french
from search_ui.cli import main

from .html import soup

# (query, start of a title it must find with all its words, the form the entry uses)
FAMILY_FINDS = [
    ("essaimer", "Ensemble, accélérons", "essaimage"),
    ("numériser", "Créer des services publics numériques", "numérique"),
    ("cartographier", "Les formes d'innovation publique par le design", "cartographie"),
]


@pytest.mark.parametrize(("q", "expected", "form"), FAMILY_FINDS, ids=[r[0] for r in FAMILY_FINDS])
def test_a_word_finds_its_family(search, q, expected, form):
    result = search(q)
    assert result.total > 0 and not result.relaxed
    titles = [hit.title for hit in result.hits[:3]]
    assert any(title.startswith(expected) for title in titles), titles
    assert any(f"<mark>{fold(form)}" in fold(hit.snippet + hit.title_html) for hit in result.hits)


def test_a_hyphenated_word_finds_its_family_but_not_when_quoted(search):
    typed = search("co-construire", per_page=100)
    titles = [hit.title for hit in typed.hits if not (hit.partial or hit.related)]
    assert "Co-construction territoriale" in titles  # « co-construction », of its family
    assert any(title.startswith("Quand l'innovation publique devient") for title in titles)
    quoted = search('"co-construire"', per_page=100)
    assert quoted.total < typed.total  # a quoted phrase is the words as written


def test_the_form_as_typed_ranks_above_its_family(search):
    typed = search("cartographie", per_page=100)
    family = search("cartographier", per_page=100)
    assert family.total >= typed.total
    first = {hit.id for hit in typed.hits}
    ranks = [hit.id in first for hit in family.hits]
    # The entries with « cartographie » itself come first, then the family's.
    assert ranks == sorted(ranks, reverse=True)


@pytest.mark.parametrize(
    ("q", "pattern"), [("commune", "commune"), ("données", "donnees"), ("numérique", "numeri")]
)
def test_families_do_not_over_conflate(search, q, pattern):
    result = search(q, per_page=100)
    for hit in result.hits:
        if hit.related:
            continue  # chosen for its subject, not for the word (test_related.py)
        text = fold(" ".join([hit.title, hit.snippet, hit.source, *hit.publishers]))
        assert result.relaxed or pattern in text, hit.title


def test_commune_does_not_find_communication(search):
    def holding(word: str) -> set[str]:  # the entries with the word, not the related ones
        return {hit.id for hit in search(word, per_page=100).hits if not hit.related}

    communication, commune = holding("communication"), holding("commune")
    assert communication and commune and not communication & commune


@pytest.mark.parametrize(
    ("q", "suggestion", "expected"),
    [
        ("tier-lieux", "tiers-lieux", "Rôle et limites des tiers-lieux"),
        ("co-constrution", "co-construction", "Co-construction territoriale"),
        ("Co-constrution territoriale", "co-construction territoriale", "Co-construction"),
        # an elided article stays as typed, the word after it is corrected
        ("l'inovation publique", "l'innovation publique", ""),
        ("laboratoire d'inovation publique", "laboratoire d'innovation publique", "Le MOOC"),
    ],
)
def test_typos_inside_compounds(search, q, suggestion, expected):
    result = search(q)
    assert result.suggestion == suggestion
    assert result.relaxed
    assert any(hit.title.startswith(expected) for hit in result.hits[:3])


def test_a_phrase_whose_word_has_a_family_is_searched(search):
    # « solidaire » and « solidarité » are one family; inside the thesaurus' phrase for ESS
    # the word stays as written (a span holds no OR of terms: this raised).
    assert search("ESS").total == search("économie sociale et solidaire").total > 0


def test_correct_french_absent_from_the_corpus_is_not_corrected(search):
    result = search("commande publique")
    assert result.suggestion is None  # it was « commence publique »
    assert result.absent_words == ["commande"]
    result = search("données ouvertes")
    assert result.suggestion is None  # it was « donne ouverte »
    assert result.absent_words == ["données"]  # « ouvertes »: entries say « ouverte »


def test_an_english_word_is_searched_as_its_french_cognate(search, seed_text):
    assert "attractiveness" not in seed_text.lower() and "attractivité" in seed_text
    result = search("territorial attractiveness")
    assert result.suggestion == "territorial attractivité"
    assert result.hits and all("attractivit" in fold(hit.snippet) for hit in result.hits[:3])


def test_absent_words_reach_the_api_and_the_page(client):
    data = client.get("/api/search?q=commande+publique").get_json()
    assert data["absent_words"] == ["commande"] and data["suggestion"] is None
    assert client.get("/api/search?q=innovation").get_json()["absent_words"] == []
    page = client.get("/?q=commande+publique").get_data(as_text=True)
    assert "Aucune notice ne contient « commande »" in page


@pytest.mark.parametrize("q", ["le la les", "de", "le -la"])
def test_a_query_of_common_words_only_says_so(search, client, seed_index_dir, capsys, q):
    words = [word.lstrip("-") for word in q.split()]
    result = search(q)
    assert (result.total, result.common_words) == (0, words)
    data = client.get("/api/search", query_string={"q": q}).get_json()
    assert data["common_words"] == words
    page = soup(client.get("/search", query_string={"q": q}))
    note = page.select_one(".common-words").get_text()
    assert all(f"« {word} »" in note for word in words) and "trop courant" in note
    assert main(["search", "--index-dir", str(seed_index_dir), "--", q]) == 0
    assert "trop courant" in capsys.readouterr().out


@pytest.mark.parametrize("q", ["innovation le", "les tiers-lieux", "zzzqqq"])
def test_a_query_with_a_word_to_search_says_nothing_of_common_words(search, q):
    assert search(q).common_words == []


def test_suggestions_are_written_as_the_entries_write_them(search):
    assert search("decroisance").suggestion == "décroissance"


TYPOS = [
    "inovation sociale", "decroisance", "incubatuers", "urbanisme colaboratif", "tier-lieux",
    "co-constrution", "donées ouvertes", "politque publique", "territiore", "numerqiue",
    "experimentaton", "gouvernnance", "participaton citoyenne", "amenagment", "mobilté",
    "colectivités", "métropol", "économie colaborative", "laboratoir", "colectif",
    "évaluaton", "démarces", "desing", "servcie public", "acteurs locaux", "fablab",
    "comune", "communicaton", "publicaton", "donnéés",
]  # fmt: skip


@pytest.mark.parametrize("q", TYPOS)
def test_no_suggestion_is_a_stem(search, service, q):
    suggestion = search(q).suggestion
    if suggestion is None:
        return
    generation, searcher = service.live()
    corrector = generation.corrector(searcher)
    for typed, word in zip(q.split(), suggestion.split(), strict=True):
        if fold(typed) == fold(word):
            continue
        folded = fold(word)
        # A word the entries write, as they write it: never a stem Snowball made.
        assert corrector.known(folded) or corrector.compounds.known(folded), word
        assert corrector.spelled(folded) == word
        assert word != stem(word) or is_french(word), word


def test_a_word_typed_without_accents_finds_what_the_accented_word_finds(search, seed_text):
    # Snowball reads accents in suffixes (« développées » developp, « developpees »
    # developpe): the query gets the accents the entries write the word with.
    written: dict[str, set[str]] = {}
    for word in re.findall(r"[^\W\d_]{4,}", seed_text.lower()):
        written.setdefault(fold(word), set()).add(word)
    accented = [next(iter(forms)) for key, forms in written.items() if len(forms) == 1]
    accented = [word for word in accented if fold(word) != word]
    assert len(accented) > 400  # the seed's accented words, each written one way
    for word in accented:
        typed, plain = search(word, per_page=100), search(fold(word), per_page=100)
        assert (plain.total, {h.id for h in plain.hits}) == (
            typed.total,
            {h.id for h in typed.hits},
        ), word
