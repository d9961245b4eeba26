"""PDF extraction throughput: the same newsletters read as PDF and as text, in one run.

Writes `--issues` synthetic issues (benchmarks/corpus.py, 80 entries each) as text, prints
each as PDF with the tests' reportlab renderer (tests/indexer/pdf_fixtures.py: two columns
on A4, a running header, page numbers), checks that both give the same entries, then times
`extract_file` on every PDF and on every text file, `--runs` times each, and records the
median run in its own section of RESULTS.md.

    PYTHONPATH=. .venv/bin/python -m benchmarks.pdf_throughput [--issues 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pdfminer.pdfpage import PDFPage

from benchmarks.corpus import generate_corpus
from benchmarks.load import write_results
from benchmarks.report import PDF_BEGIN, PDF_END, _f, header, log
from indexer.extraction.authority import default_authority
from indexer.extraction.extractor import extract_file
from tests.indexer.pdf_fixtures import as_pdf, seed_blocks

HERE = Path(__file__).resolve().parent
_SUMMARY_ITEM = re.compile(r"^- (.+)$", re.MULTILINE)


def print_issues(texts: list[Path], folder: Path) -> list[Path]:
    """Print each text issue as a PDF: its summary's sections as headings, a line a paragraph."""
    pdfs = []
    for path in texts:
        text = path.read_text("utf-8")
        sections = _SUMMARY_ITEM.findall(text.split("Sommaire :", 1)[-1].split("\n\n\n", 1)[0])
        pdfs.append(as_pdf(seed_blocks(text, sections), folder / f"{path.stem}.pdf"))
    return pdfs


def page_count(path: Path) -> int:
    """Count a PDF's pages."""
    with path.open("rb") as handle:
        return sum(1 for _ in PDFPage.get_pages(handle))


def time_extraction(files: list[Path]) -> tuple[float, int]:
    """Extract every file once; return the seconds taken and the entries found."""
    authority = default_authority()
    started = time.perf_counter()
    entries = sum(len(extract_file(path, authority=authority).entries) for path in files)
    return time.perf_counter() - started, entries


def measure(issues: int, runs: int, folder: Path) -> dict[str, Any]:
    """Write the corpus in both formats, check parity, time both; return the figures."""
    corpus = generate_corpus(issues * 80, folder / "text")
    (folder / "pdf").mkdir()
    started = time.perf_counter()
    pdfs = print_issues(corpus.files, folder / "pdf")
    log(f"{len(pdfs)} PDFs printed in {time.perf_counter() - started:.1f} s")
    authority = default_authority()
    mismatched = [
        pdf.name
        for text, pdf in zip(corpus.files, pdfs, strict=True)
        if _records(extract_file(text, authority=authority).entries)
        != _records(extract_file(pdf, authority=authority).entries)
    ]
    pages = sum(page_count(path) for path in pdfs)
    samples: dict[str, list[float]] = {"pdf": [], "text": []}
    entries: dict[str, int] = {}
    for run in range(1, runs + 1):
        for key, files in (("pdf", pdfs), ("text", corpus.files)):
            seconds, entries[key] = time_extraction(files)
            samples[key].append(seconds)
        log(f"run {run}: PDF {samples['pdf'][-1]:.2f} s, text {samples['text'][-1]:.3f} s")
    pdf_s, text_s = (statistics.median(samples[key]) for key in ("pdf", "text"))
    return {
        "issues": len(pdfs),
        "pages": pages,
        "pdf_bytes": sum(path.stat().st_size for path in pdfs),
        "entries": entries,
        "mismatched": mismatched,
        "runs": runs,
        "seconds": samples,
        "pdf": {"entries_per_s": entries["pdf"] / pdf_s, "pages_per_s": pages / pdf_s,
                "ms_per_page": 1000 * pdf_s / pages},
        "text": {"entries_per_s": entries["text"] / text_s},
        "text_over_pdf": pdf_s / text_s,
    }  # fmt: skip


def _records(entries: list[Any]) -> list[dict[str, Any]]:
    """Return entries without their provenance (file and line), for the parity check."""
    return [{k: v for k, v in e.to_dict().items() if k not in ("file", "line")} for e in entries]


def section(figures: dict[str, Any], about: dict[str, Any]) -> str:
    """Render the figures as the PDF section of RESULTS.md."""
    pdf, text = figures["pdf"], figures["text"]
    machine = about["machine"]
    parity = (
        "every PDF gives the entries of its text copy"
        if not figures["mismatched"]
        else f"entries differ from the text copy in {', '.join(figures['mismatched'])}"
    )
    lines = [
        PDF_BEGIN,
        "## PDF extraction: the same issues read as PDF and as text",
        "",
        f"{about['date']}, commit {about['commit']}, {machine['cpu']} ({machine['nproc']} "
        f"cores), Python {machine['python']}; `{about['command']}`.",
        "",
        f"{figures['issues']} synthetic issues ({figures['entries']['text']} entries, "
        f"{figures['pages']} pages, {figures['pdf_bytes'] / 2**20:.1f} MB of PDF) printed by "
        "reportlab in two columns on A4 with a running header and page numbers; one process, "
        f"`extract_file` on each file, median of {figures['runs']} runs. Parity: {parity}.",
        "",
        "| format | entries/s | pages/s | ms/page | run (s), median |",
        "|---|---|---|---|---|",
        f"| PDF (pdfminer.six) | {_f(pdf['entries_per_s'], 0)} | {_f(pdf['pages_per_s'], 1)} | "
        f"{_f(pdf['ms_per_page'], 0)} | {_f(statistics.median(figures['seconds']['pdf']), 2)} |",
        f"| text | {_f(text['entries_per_s'], 0)} | — | — | "
        f"{_f(statistics.median(figures['seconds']['text']), 3)} |",
        "",
        f"Reading a newsletter as PDF takes ×{figures['text_over_pdf']:.0f} the time of its "
        "text copy: pdfminer.six, in pure Python, interprets each page and groups its "
        "characters into lines, which is most of the time; the reader's own work (reading "
        "order, paragraphs, hyphens) is the rest. An index build reads a file again only when "
        "it changed: a few hundred bulletins cost a few minutes once.",
        "",
        PDF_END,
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the figures, and write them into RESULTS.md unless told not to."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.pdf_throughput", description=__doc__
    )
    parser.add_argument("--issues", type=int, default=10, help="issues of 80 entries (10)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each format (3)")
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"), help="file to update")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    command = "python -m benchmarks.pdf_throughput " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    about = header(command.strip())
    with tempfile.TemporaryDirectory(prefix="veille-pdf-") as folder:
        figures = measure(args.issues, args.runs, Path(folder))
    print(json.dumps(figures, indent=1))
    if not args.no_write:
        write_results(Path(args.results), section(figures, about), PDF_BEGIN, PDF_END)
        log(f"wrote {args.results}")
    return 1 if figures["mismatched"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
