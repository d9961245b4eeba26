"""Run the relevance evaluation: python -m benchmarks.relevance [--half] [--json] [--write].

Builds veille's index and the FTS5 database of seeds/ in a temporary folder, asks every
need of both, and prints per kind and overall, for each half: nDCG@10, recall@10, MRR,
recall over every hit, the zero-result rate and the share of queries whose own words found
nothing; and the share of relevant entries among the « Documents proches » of the entries
that answer a need best. `--write` puts the same section into benchmarks/RESULTS.md between
`<!-- relevance:begin -->` and `<!-- relevance:end -->`, leaving the rest alone.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.load import write_results
from benchmarks.relevance import evaluate
from benchmarks.relevance.evaluate import ANSWERABLE, ENGINES, SIMILAR, K
from benchmarks.relevance.judgments import HALVES, Need, load
from benchmarks.report import RELEVANCE_BEGIN, RELEVANCE_END, header

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = (
    ("ndcg", f"nDCG@{K}"),
    ("recall", f"recall@{K}"),
    ("mrr", f"MRR@{K}"),
    ("recall_all", "recall, every hit"),
    ("zero", "zero results"),
    ("unmatched", "words found nothing"),
)
TITLES = {"dev": "Development half", "held-out": "Held-out half", "all": "Both halves"}


def run(needs: list[Need], seeds: Path) -> dict[str, Any]:
    """Ask every need of both engines; return each need's answers and figures."""
    with tempfile.TemporaryDirectory(prefix="veille-relevance-") as work:
        index, database = evaluate.build_engines(seeds, Path(work))
        answers = {
            "veille": evaluate.veille_answers(index, needs),
            "fts5": evaluate.fts5_answers(database, needs),
        }
        similar = evaluate.similar_answers(index, needs)
    scores = {
        engine: {n.need: evaluate.score(n, answers[engine][n.need]) for n in needs}
        for engine in ENGINES
    }
    return {"answers": answers, "scores": scores, "similar": similar}


def halves(needs: list[Need], chosen: str) -> dict[str, list[Need]]:
    """Return the needs of each half reported: one half, or both and their union."""
    names = [*HALVES, "all"] if chosen == "all" else [chosen]
    return {name: [n for n in needs if name in ("all", n.half)] for name in names}


def report(needs: list[Need], outcome: dict[str, Any], chosen: str) -> dict[str, Any]:
    """Return the summaries per half and engine, and every need's figures."""
    similar = outcome["similar"]
    return {
        "halves": {
            name: {
                **{
                    engine: evaluate.summarise(members, outcome["scores"][engine])
                    for engine in ENGINES
                },
                "similar": evaluate.similar_precision([similar[n.need] for n in members]),
            }
            for name, members in halves(needs, chosen).items()
        },
        "needs": [
            {
                "need": n.need,
                "kind": n.kind,
                "half": n.half,
                "query": n.query,
                "relevant": len(n.judged),
                **{
                    engine: {
                        **outcome["scores"][engine][n.need],
                        "top": outcome["answers"][engine][n.need].top,
                        "hits": len(outcome["answers"][engine][n.need].every),
                        "relaxed": outcome["answers"][engine][n.need].relaxed,
                        "suggestion": outcome["answers"][engine][n.need].suggestion,
                    }
                    for engine in ENGINES
                },
            }
            for n in needs
            if chosen in ("all", n.half)
        ],
    }


def _pair(veille: float, fts5: float) -> str:
    """Format one figure of both engines as "veille / FTS5", a dash when undefined."""
    if math.isnan(veille):
        return "–"
    return f"{veille:.2f} / {fts5:.2f}"


def markdown(summary: dict[str, Any], meta: dict[str, Any]) -> str:
    """Write the RESULTS.md section, markers included."""
    machine = meta["machine"]
    lines = [
        RELEVANCE_BEGIN,
        f"## Relevance: the seed issue's entries for {len(summary['needs'])} information "
        "needs (`python -m benchmarks.relevance`)",
        "",
        f"- Date: {meta['date']}; commit `{meta['commit']}`; machine: {machine['nproc']} "
        f"cores, {machine['cpu']}, Python {machine['python']}",
        f"- Command: `{meta['command']}`",
        "- Needs and grades: `benchmarks/relevance/needs.tsv`, "
        "`benchmarks/relevance/judgments.tsv` (every entry graded 0/1/2 for every need). "
        "Tune on the development half only.",
        f"- Each cell is veille / FTS5. nDCG@{K}: graded gains, log2 discount, ideal from "
        f"every judged entry; recall@{K}: relevant (grade ≥ 1) entries in the first {K}, "
        f"out of at most {K}; MRR@{K}: 1 / rank of the first relevant entry; recall, every "
        "hit: relevant entries anywhere in the hits. All four are means over the needs the "
        "seed can answer. Zero results: share of needs shown no entry at all; words found "
        "nothing: share whose own words matched nothing (no entry, or only veille's "
        "fallback to the suggestion or to any word). For the unanswerable kind, the last "
        "column is the one that counts, and 1.00 is right.",
        f"- Targets (issue 17, held-out half): nDCG@{K} ≥ 0.90, recall@{K} ≥ 0.85, no kind "
        "below 0.80.",
    ]
    for name, engines in summary["halves"].items():
        veille, fts5 = engines["veille"], engines["fts5"]
        total = sum(row["needs"] for kind, row in veille.items() if kind != ANSWERABLE)
        lines += [
            "",
            f"### {TITLES[name]} ({total} needs)",
            "",
            "| kind | needs | " + " | ".join(label for _, label in COLUMNS) + " |",
            "|---|---|" + "---|" * len(COLUMNS),
        ]
        for kind, row in veille.items():
            label = "**all answerable**" if kind == ANSWERABLE else kind
            cells = [_pair(row[metric], fts5[kind][metric]) for metric, _ in COLUMNS]
            lines.append(f"| {label} | {row['needs']} | " + " | ".join(cells) + " |")
        lines += [
            "",
            f"« Documents proches » (veille alone): of the {SIMILAR} listed for each entry "
            f"graded 2 for a need, {engines['similar']:.2f} are relevant to that need.",
        ]
    lines += ["", RELEVANCE_END]
    return "\n".join(lines)


def misses_text(needs: list[Need], outcome: dict[str, Any], chosen: str) -> str:
    """List, need by need, the relevant entries veille leaves out of its first page."""
    lines = []
    for need in needs:
        if not need.answerable or chosen not in ("all", need.half):
            continue
        answer = outcome["answers"]["veille"][need.need]
        missing = evaluate.misses(need, answer)
        if missing:
            flag = " (relaxed" if answer.relaxed else ""
            if answer.suggestion:
                flag += f"{',' if flag else ' ('} suggestion «{answer.suggestion}»"
            flag += ")" if flag else ""
            lines.append(f"{need.need} [{need.half}] «{need.query}»{flag}: {len(missing)} missed")
            lines += [f"    {grade}  {entry}  {title}" for grade, entry, title in missing]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Evaluate, print the figures (a table, or JSON), and record them when asked."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.relevance", description=__doc__)
    parser.add_argument("--half", choices=(*HALVES, "all"), default="all", help="needs reported")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="also list the relevant entries veille misses (tune on the dev half's alone)",
    )
    parser.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    parser.add_argument("--seeds", default=str(ROOT / "seeds"), help="newsletters to index")
    parser.add_argument("--results", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = parser.parse_args(argv)
    command = "python -m benchmarks.relevance " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    needs = load()
    outcome = run(needs, Path(args.seeds))
    summary = report(needs, outcome, args.half)
    meta = header(command.strip())
    section = markdown(summary, meta)
    if args.json:
        print(json.dumps(_clean({**meta, **summary}), ensure_ascii=False, indent=1))
    else:
        print(section)
        if args.misses:
            print("\nRelevant entries missing from veille's first page:\n")
            print(misses_text(needs, outcome, args.half))
    if args.write:
        write_results(Path(args.results), section, RELEVANCE_BEGIN, RELEVANCE_END)
    return 0


def _clean(value: Any) -> Any:
    """Return `value` with every NaN (a figure undefined for a kind) as None: JSON has no NaN."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


if __name__ == "__main__":
    sys.exit(main())
