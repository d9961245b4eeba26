"""Suggestions from the kept word counts are those Whoosh's reader corrector made from a field."""

from __future__ import annotations

import random

import pytest
from whoosh import fields
from whoosh.filedb.filestore import RamStorage

from analyzers import folded_analyzer
from indexer.build import vocabulary
from search_ui.engine.spelling import VocabularyCorrector


@pytest.fixture(scope="module")
def both(records):
    """A Whoosh index with the words as a spelling field, and the corrector from counts."""
    schema = fields.Schema(
        words=fields.TEXT(analyzer=folded_analyzer(), spelling=True, phrase=False)
    )
    index = RamStorage().create_index(schema)
    with index.writer() as writer:
        for record in records:
            names = " ".join([*record["authors"], *record["publishers"]])
            text = " ".join(
                (record["title"], record["description"], names, record["source"], record["section"])
            )
            writer.add_document(words=text)
    return index, VocabularyCorrector(vocabulary.count_words(records))


def _typos(words: list[str], count: int) -> list[str]:
    rng = random.Random(5)
    typos = []
    for word in rng.sample(words, count):
        i = rng.randrange(1, len(word))
        edit = rng.choice(["drop", "double", "swap", "replace"])
        if edit == "drop":
            typos.append(word[:i] + word[i + 1 :])
        elif edit == "double":
            typos.append(word[:i] + word[i] * 2 + word[i + 1 :] if i < len(word) else word + "e")
        elif edit == "swap" and i + 1 < len(word):
            typos.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        else:
            typos.append(word[:i] + "x" + word[i + 1 :])
    return typos


def test_suggestions_equal_whoosh_reader_corrector(both):
    index, ours = both
    long_words = [w for w in ours.words if len(w) >= 6 and w.isalpha()]
    with index.searcher() as searcher:
        theirs = searcher.corrector("words")
        for typo in [*_typos(long_words, 60), "inovation", "terriotire", "pubics", "zzzzzz"]:
            assert ours.suggest(typo, limit=1, maxdist=2, prefix=1) == theirs.suggest(
                typo, limit=1, maxdist=2, prefix=1
            ), typo
            assert ours.known(typo) == bool(searcher.reader().frequency("words", typo)), typo


def test_an_empty_corpus_suggests_nothing():
    assert VocabularyCorrector(vocabulary.count_words([])).suggest("innovation") == []
