"""The word counts kept beside the index stay those of the entries it holds, build after build."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from analyzers import fold, folded_chain
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
        counted = vocabulary.count_words([record])
        folded: Counter = Counter()
        for word, count in counted.items():
            if "-" not in word:
                folded[fold(word)] += count
        assert folded == expected, record["title"]


def test_words_are_kept_as_written_and_compounds_whole(seed_entries):
    record = seed_entries[0].to_dict() | {
        "title": "Les tiers‑lieux et la co-construction des données",
        "description": "L'État, 2015-2018",
    }
    counted = vocabulary.count_words([record])
    assert counted["données"] == 1 and "donnees" not in counted
    assert counted["état"] == 1
    assert counted["tiers-lieux"] == 1 and counted["tiers"] >= 1 and counted["lieux"] >= 1
    assert counted["co-construction"] == 1
    assert "2015-2018" not in counted  # a range, no compound


def test_families_are_kept_with_the_counts(tmp_path):
    counts = Counter({"essaimage": 2, "numérique": 3, "cartographie": 1, "commune": 4})
    vocabulary.save(counts, tmp_path)
    assert vocabulary.load(tmp_path) == counts
    families = vocabulary.load_families(tmp_path)
    assert families["essaim"] == ("essaimag",)  # « essaimer », from the French word list
    assert families["numeris"] == ("numer",)  # « numériser »
    assert families["cartographi"] == ("cartograph",)  # « cartographier »
    assert "commune" not in families


def test_an_older_vocabulary_is_counted_again(tmp_path):
    import numpy as np

    with open(tmp_path / vocabulary.VOCABULARY, "wb") as out:
        np.savez(out, words=np.array(["donnees"]), counts=np.array([1]))
    assert vocabulary.load(tmp_path) is None
    assert vocabulary.load_families(tmp_path) == {}
