"""A phrase checked in a few documents gives Whoosh's own answer for those documents."""

from __future__ import annotations

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh import query

from benchmarks.corpus import generate_corpus
from indexer.build.builder import build_index
from indexer.build.generations import current_generation
from indexer.whoosh_internals.postings import BlockDirectory
from search_ui.engine.phrases import Directories, phrase_among

PHRASES = [  # stems the generator writes side by side (or near), and some that it does not
    query.Phrase("description", ["polit", "publiqu"]),
    query.Phrase("title", ["innov", "secteur", "public"]),
    query.Phrase("description", ["innov", "publiqu"], slop=3),
    query.Phrase("description", ["illustr", "enjeu"], boost=2.0),
    query.Phrase("description", ["qsdfgh", "publiqu"]),
    query.Phrase("description", ["publiqu", "polit"]),
    query.Phrase("nowhere", ["innov", "publiqu"]),
]


@pytest.fixture(scope="module")
def segmented(tmp_path_factory: pytest.TempPathFactory):
    """An index of two builds (two segments at least), and its searcher."""
    folder = tmp_path_factory.mktemp("spans")
    first = generate_corpus(300, folder / "first", seed=3)
    build_index([first.folder], folder / "index")
    second = generate_corpus(300, folder / "second", seed=4)
    build_index([first.folder, second.folder], folder / "index")
    index = whoosh_index.open_dir(str(current_generation(folder / "index")))
    with index.searcher() as searcher:
        assert len(searcher.leaf_searchers()) >= 2
        yield searcher


@pytest.mark.parametrize("phrase", PHRASES, ids=repr)
def test_every_document_asked_gets_whooshs_answer(segmented, phrase):
    everything = np.arange(segmented.doc_count_all())
    expected = sorted(segmented.docs_for_query(phrase)) if phrase.fieldname != "nowhere" else []
    directories = Directories()  # read on the first ask, kept for the next ones
    assert phrase_among(phrase, segmented, everything, directories).tolist() == expected
    for step in (7, 3):
        some = everything[step // 2 :: step]
        wanted = [d for d in expected if d % step == step // 2]
        assert phrase_among(phrase, segmented, some, directories).tolist() == wanted
        assert phrase_among(phrase, segmented, some, Directories()).tolist() == wanted


@pytest.mark.parametrize("phrase", [PHRASES[0], PHRASES[2]], ids=repr)
def test_the_table_has_phrases_found_in_the_corpus(segmented, phrase):
    assert len(list(segmented.docs_for_query(phrase))) > 0


def test_a_block_directory_finds_every_posting_of_a_term_in_any_order(segmented):
    reader = segmented.leaf_searchers()[0][0].reader()
    text = max(reader.lexicon("description"), key=lambda t: reader.doc_frequency("description", t))
    postings = list(reader.postings("description", text).all_ids())
    directory = BlockDirectory.read(reader.postings("description", text))
    assert len(directory.offsets) >= 2  # several blocks, or the test would prove little
    matcher = reader.postings("description", text)
    held = set(postings)
    asked = [*postings[::-3], *range(0, reader.doc_count_all(), 5), postings[-1] + 1]
    for document in asked:
        assert directory.seek(matcher, document) == (document in held), document
        if document in held:
            assert matcher.id() == document
