"""The relevance evaluation: its metrics by hand, its judgments well formed, and a run.

No figure of veille is asserted: the judgments say what is relevant, the engine changes,
and the run only has to report every figure within [0, 1] for both engines.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.relevance import __main__ as relevance
from benchmarks.relevance import evaluate
from benchmarks.relevance.evaluate import ANSWERABLE, Answer, score, summarise
from benchmarks.relevance.judgments import HALVES, KINDS, UNANSWERABLE, Judged, Need, load
from benchmarks.relevance.metrics import dcg, mean, ndcg, recall, reciprocal_rank
from benchmarks.report import RELEVANCE_BEGIN, RELEVANCE_END
from indexer.extraction.corpus import extract_paths

ROOT = Path(__file__).resolve().parents[2]
GRADES = {"a": 2, "b": 1, "c": 1}  # "x" and "y" are judged 0
IDEAL = 2 + 1 / math.log2(3) + 1 / 2  # a, then b and c: 3.1309


# -- the metrics, worked out by hand -----------------------------------------------------------


@pytest.mark.parametrize(
    ("gains", "expected"),
    [([], 0), ([2], 2), ([2, 0, 1], 2 + 1 / 2), ([1, 1, 1], 1 + 1 / math.log2(3) + 1 / 2)],
)
def test_dcg_discounts_by_log2_of_the_rank_plus_one(gains, expected):
    assert dcg(gains) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("ranking", "k", "expected"),
    [
        (["a", "b", "c"], 10, 1.0),  # the ideal order
        (["a", "c", "b", "x"], 10, 1.0),  # equal grades in either order
        (["b", "x", "a"], 10, (1 + 2 / 2) / IDEAL),  # 2 / 3.1309 = 0.6388
        (["x", "y"], 10, 0.0),
        (["b"], 1, 1 / 2),  # at k = 1 the ideal is "a" alone
        (["x", "a"], 1, 0.0),  # past k nothing counts
    ],
)
def test_ndcg_against_the_ideal_of_every_judged_entry(ranking, k, expected):
    assert ndcg(ranking, GRADES, k) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("ranking", "k", "expected"),
    [
        (["b", "x", "a"], 10, 2 / 3),
        (["b", "x", "a"], 2, 1 / 2),  # room for 2: one of them found
        (["c"], 1, 1.0),  # a perfect first page scores 1 with more relevant than k
        (["x", "y", "z", "a", "b", "c"], None, 1.0),  # every hit
        ([], 10, 0.0),
    ],
)
def test_recall_counts_relevant_entries_out_of_what_k_can_hold(ranking, k, expected):
    assert recall(ranking, GRADES, k) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("ranking", "expected"),
    [(["a"], 1.0), (["x", "c"], 1 / 2), (["x", "y", "z", "b"], 1 / 4), (["x"] * 10 + ["a"], 0)],
)
def test_reciprocal_rank_of_the_first_relevant_entry_within_ten(ranking, expected):
    assert reciprocal_rank(ranking, GRADES, 10) == pytest.approx(expected)


def test_a_need_without_relevant_entries_has_no_ranked_figure():
    with pytest.raises(ValueError):
        ndcg(["a"], {}, 10)
    with pytest.raises(ValueError):
        recall(["a"], {}, 10)
    assert reciprocal_rank(["a"], {}, 10) == 0
    assert math.isnan(mean([])) and mean([1, 0, 0.5]) == 0.5


def test_scores_and_their_means_per_kind():
    found = Need("t-1", "topic", "dev", "q", "", [Judged("a", 2, ""), Judged("b", 1, "")])
    missed = Need("t-2", "topic", "dev", "q", "", [Judged("c", 1, "")])
    nothing = Need("u-1", UNANSWERABLE, "dev", "q", "")
    scores = {
        "t-1": score(found, Answer(["a", "b"], ["a", "b"])),
        "t-2": score(missed, Answer(["x"], ["x", "c"])),
        "u-1": score(nothing, Answer(["x"], ["x"], relaxed=True)),
    }
    assert scores["t-1"] == {
        "zero": 0,
        "unmatched": 0,
        "ndcg": 1,
        "recall": 1,
        "mrr": 1,
        "recall_all": 1,
    }
    assert (scores["t-2"]["ndcg"], scores["t-2"]["recall_all"]) == (0, 1)
    assert scores["u-1"] == {"zero": 0, "unmatched": 1}  # only a fallback: right
    rows = summarise([found, missed, nothing], scores)
    assert rows["topic"]["needs"] == 2 and rows["topic"]["ndcg"] == 0.5
    assert math.isnan(rows[UNANSWERABLE]["ndcg"]) and rows[UNANSWERABLE]["unmatched"] == 1
    assert rows[ANSWERABLE] == rows["topic"]  # the unanswerable need stays out


# -- the judgments -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def needs() -> list[Need]:
    """Return the needs and grades as shipped."""
    return load()


def test_there_are_enough_needs_each_with_a_kind_and_a_half(needs):
    assert len(needs) >= 40
    assert len({need.need for need in needs}) == len(needs)
    for need in needs:
        assert need.kind in KINDS and need.half in HALVES and need.query.strip()


def test_both_halves_hold_every_kind(needs):
    for half in HALVES:
        assert {need.kind for need in needs if need.half == half} == set(KINDS), half


def test_only_unanswerable_needs_have_no_relevant_entry(needs):
    for need in needs:
        assert bool(need.judged) == need.answerable, need.need
        assert len(need.grades) == len(need.judged), f"{need.need}: an entry graded twice"


def test_every_judged_entry_is_an_entry_of_the_seed_under_its_title(needs, seeds_dir):
    titles = {entry.id: entry.title for entry in extract_paths([seeds_dir]).entries}
    for need in needs:
        for judged in need.judged:
            assert judged.entry in titles, f"{need.need}: {judged.entry} is not in seeds/"
            start = judged.title.removesuffix("…")
            assert titles[judged.entry].startswith(start), f"{need.need}: {judged.entry}"


def test_a_badly_written_line_is_refused(tmp_path):
    needs = tmp_path / "needs.tsv"
    needs.write_text(
        "# comment\nneed\tkind\thalf\tquery\tneed_description\nn-1\ttopic\tdev\tq\td\n", "utf-8"
    )
    judgments = tmp_path / "judgments.tsv"
    judgments.write_text("need\tgrade\tentry\ttitle\nn-1\t2\tabc\tT\n", "utf-8")
    assert load(needs, judgments)[0].grades == {"abc": 2}
    for line in ("n-1\t3\tabc\tT", "n-2\t1\tabc\tT"):
        judgments.write_text(f"need\tgrade\tentry\ttitle\n{line}\n", "utf-8")
        with pytest.raises(ValueError):
            load(needs, judgments)


# -- a run -------------------------------------------------------------------------------------


def test_the_command_reports_figures_within_0_and_1_for_both_engines():
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.relevance", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    report = json.loads(run.stdout)
    assert set(report["halves"]) == {*HALVES, "all"}
    for half in report["halves"].values():
        for engine in ("veille", "fts5"):
            rows = half[engine]
            assert set(rows) == {*KINDS, ANSWERABLE}
            for kind, row in rows.items():
                metrics = ("zero", "unmatched")
                if kind != UNANSWERABLE:
                    metrics += ("ndcg", "recall", "mrr", "recall_all")
                for metric in metrics:
                    assert 0 <= row[metric] <= 1, (engine, kind, metric)
    assert len(report["needs"]) == len(load())
    assert all(0 < half["similar"] < 1 for half in report["halves"].values())


def test_documents_proches_precision_pools_every_list():
    # 1 relevant of 5 listed, then 2 of 4: 3 of 9, not the mean of 0.2 and 0.5.
    assert evaluate.similar_precision([(1, 5), (2, 4)]) == pytest.approx(3 / 9)
    assert math.isnan(evaluate.similar_precision([(0, 0)]))


def test_write_replaces_only_its_own_section(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(f"# veille benchmarks\n\nkept\n\n{RELEVANCE_BEGIN}\nold\n{RELEVANCE_END}\n")
    assert relevance.main(["--half", "held-out", "--write", "--results", str(results)]) == 0
    text = results.read_text("utf-8")
    assert text.startswith("# veille benchmarks\n\nkept\n") and "\nold\n" not in text
    section = text[text.index(RELEVANCE_BEGIN) : text.index(RELEVANCE_END)]
    assert "### Held-out half" in section and "### Development half" not in section
