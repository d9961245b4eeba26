"""The word counts kept beside the index stay those of the entries it holds, build after build."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from analyzers import folded_chain
from indexer.build import vocabulary
from indexer.build.builder import build_index
from indexer.build.generations import current_generation

from ..search_ui.issues import second_issue


def _live_counts(root: Path):
    """Count the words of the records the live index holds, from scratch."""
    with whoosh_index.open_dir(str(current_generation(root))).searcher() as searcher:
        return vocabulary.count_words(f["record"] for f in searcher.all_stored_fields())


def _kept(root: Path):
    counts = vocabulary.load(current_generation(root))
    assert counts is not None
    return counts


def _positive(counts):
    return {word: count for word, count in counts.items() if count > 0}


@pytest.fixture
def issues(tmp_path: Path, seed_path: Path, seed_text: str) -> Path:
    folder = tmp_path / "issues"
    folder.mkdir()
    (folder / seed_path.name).write_text(seed_text, encoding="utf-8")
    return folder


def test_counts_follow_additions_changes_and_removals(issues, tmp_path, seed_path, seed_text):
    root = tmp_path / "index"
    build_index([issues], root)
    assert _kept(root) == _live_counts(root)
    assert _kept(root)["innovation"] > 10  # the seed's own words, folded

    second = issues / "2018-11_hors-serie-3.txt"
    second.write_text(second_issue(seed_text, sections=2, retitled=1), encoding="utf-8")
    before = _kept(root)
    build_index([issues], root)
    assert _kept(root) == _live_counts(root)
    assert _kept(root)["nouvelle"] > before["nouvelle"]  # « Nouvelle édition : » titles came in

    second.write_text(second_issue(seed_text, sections=1), encoding="utf-8")  # changed
    build_index([issues], root)
    assert _positive(_kept(root)) == _positive(_live_counts(root))

    (issues / seed_path.name).unlink()  # removed
    build_index([issues], root)
    assert _positive(_kept(root)) == _positive(_live_counts(root))

    full = tmp_path / "full"
    build_index([issues], full)
    assert _positive(_kept(root)) == _positive(_kept(full))


def test_an_unreadable_file_reads_as_none(tmp_path):
    assert vocabulary.load(tmp_path) is None
    (tmp_path / vocabulary.VOCABULARY).write_bytes(b"not numpy")
    assert vocabulary.load(tmp_path) is None


def test_counts_are_the_folded_chains_terms_of_the_searched_text(seed_entries):
    hostile = seed_entries[0].to_dict() | {
        "title": "L'innovation, 39^e rencontre\u00a0: 27° ; tiers‑lieux\u2003et co-construction",
        "description": "«Œuvres» 1er\tjuin\n2018 — l’État/les États... (n°3) aujourd'hui",
        "authors": ["J.-P. Dupont"],
        "publishers": ["Agence d'urbanisme (AUDIAR)"],
    }
    for record in [*(entry.to_dict() for entry in seed_entries), hostile]:
        names = " ".join([*record["authors"], *record["publishers"]])
        text = " ".join(
            (record["title"], record["description"], names, record["source"], record["section"])
        )
        expected = Counter(token.text for token in folded_chain()(text))
        assert vocabulary.count_words([record]) == expected, record["title"]
