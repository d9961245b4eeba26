"""Near-duplicate titles by blocking: the same groups as comparing every pair."""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import combinations

import numpy as np
import pytest
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from benchmarks.corpus import generate_corpus
from indexer.build.near_duplicates import NEAR_DUPLICATE_RATIO, near_duplicate_groups, similar
from indexer.extraction.entry import title_key
from indexer.extraction.extractor import extract_file


def every_pair_groups(keys: list[str]) -> list[list[int]]:
    """Compare every pair with difflib (after Indel's screen, which difflib never exceeds)."""
    screen = cdist(keys, keys, scorer=Indel.normalized_similarity, dtype=np.float64)
    parent = list(range(len(keys)))

    def root(index: int) -> int:
        while parent[index] != index:
            index = parent[index]
        return index

    for i, j in combinations(range(len(keys)), 2):
        if screen[i, j] >= NEAR_DUPLICATE_RATIO - 1e-9 and similar(keys[i], keys[j]):
            parent[root(j)] = root(i)
    groups = defaultdict(list)
    for index in range(len(keys)):
        groups[root(index)].append(index)
    return sorted(group for group in groups.values() if len(group) > 1)


def title_keys(entries) -> list[str]:
    return sorted({title_key(entry.title) for entry in entries})


def test_the_seed_has_the_groups_of_every_pair(seed_entries) -> None:
    keys = title_keys(seed_entries)
    assert sorted(near_duplicate_groups(keys)) == every_pair_groups(keys)


@pytest.fixture(scope="module")
def synthetic_keys(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    generated = generate_corpus(2000, folder, seed=11)
    entries = [e for path in generated.files for e in extract_file(path).entries]
    return title_keys(entries)


def test_a_2000_entry_corpus_has_the_groups_of_every_pair(synthetic_keys: list[str]) -> None:
    expected = every_pair_groups(synthetic_keys)
    assert expected, "the generated corpus should hold near-duplicate titles"
    assert sorted(near_duplicate_groups(synthetic_keys)) == expected


def typo(text: str, rng: random.Random) -> str:
    """Change one letter of a title, anywhere in it."""
    position = rng.randrange(len(text))
    return text[:position] + rng.choice("abcdefghijklmnopqrstuvwxyz") + text[position + 1 :]


def test_typos_and_cut_subtitles_anywhere_are_found(synthetic_keys: list[str]) -> None:
    rng = random.Random(3)
    originals = rng.sample([key for key in synthetic_keys if len(key) > 40], 40)
    variants = [typo(key, rng) for key in originals[:20]]
    variants += [key.rsplit(" ", 1)[0] for key in originals[20:]]  # the last word cut
    keys = sorted(set(synthetic_keys) | set(variants))
    groups = sorted(near_duplicate_groups(keys))
    assert groups == every_pair_groups(keys)
    group_of = {keys[i]: n for n, group in enumerate(groups) for i in group}
    linked = [(o, v) for o, v in zip(originals, variants, strict=True) if o != v and similar(o, v)]
    assert len(linked) >= 20
    assert all(o in group_of and group_of[o] == group_of.get(v) for o, v in linked)
