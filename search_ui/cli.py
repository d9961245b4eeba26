"""The `veille` command line: extract, index, search, serve."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from search_ui.settings import index_dir, seeds_dir

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def _extract(args: argparse.Namespace) -> int:
    """Print the entries of the named newsletters as JSON Lines or one JSON array."""
    from indexer.corpus import extract_paths

    result = extract_paths(Path(p) for p in args.paths)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    records = [entry.to_dict() for entry in result.entries]
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return EXIT_NOTHING if result.files_without_entries else EXIT_OK


def _index(args: argparse.Namespace) -> int:
    """Build or update the index, with a progress line per file and a summary."""
    from indexer.builder import build_index
    from indexer.generations import BuildLocked

    paths = [Path(p) for p in args.paths] or [seeds_dir()]
    root = index_dir(args.index_dir)
    try:
        report = build_index(
            paths, root, progress=lambda line: print(line, file=sys.stderr), full=args.full
        )
    except BuildLocked as error:
        print(f"veille index: {error}; try again when it ends", file=sys.stderr)
        return EXIT_NOTHING
    except OSError as error:
        print(f"veille index: cannot write the index in {root}: {error}", file=sys.stderr)
        return EXIT_NOTHING
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    print(f"{report.summary()} -> {root}")
    return EXIT_OK if report.entries else EXIT_NOTHING


def _search(args: argparse.Namespace) -> int:
    """Search the index and print hits and facets, or the JSON of /api/search."""
    from indexer.generations import IndexUnavailable
    from search_ui.criteria import BadRequest, request_from_pairs
    from search_ui.search import SearchService
    from search_ui.terminal import render

    pairs = [("q", " ".join(args.query))]
    for facet in ("section", "publisher", "type", "year"):
        pairs += [(facet, value) for value in getattr(args, facet) or []]
    for name, value in (("from", args.year_from), ("to", args.year_to), ("sort", args.sort),
                        ("per_page", args.limit), ("page", args.page)):  # fmt: skip
        if value is not None:
            pairs.append((name, str(value)))
    try:
        request = request_from_pairs(pairs)
    except BadRequest as error:
        print(f"veille search: {error}", file=sys.stderr)
        return EXIT_USAGE
    root = index_dir(args.index_dir)
    try:
        result = SearchService(root).search(request)
    except IndexUnavailable as error:
        print(f"veille search: {error}", file=sys.stderr)
        return EXIT_NOTHING
    if args.json:
        json.dump(result.to_api(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(render(result, colour=sys.stdout.isatty()))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Describe the commands and their options."""
    parser = argparse.ArgumentParser(
        prog="veille", description="Search engine for the newsletter « En quelques clics »."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print the entries of newsletter files")
    extract.add_argument("paths", nargs="+", help="newsletter files or folders")
    extract.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    extract.set_defaults(handler=_extract)

    index = commands.add_parser("index", help="build or update the search index")
    index.add_argument("paths", nargs="*", help="newsletter files or folders (default: seeds/)")
    index.add_argument(
        "--index-dir", help="index directory (default: $VEILLE_INDEX_DIR or var/index)"
    )
    index.add_argument("--full", action="store_true", help="rebuild from scratch")
    index.set_defaults(handler=_index)

    search = commands.add_parser("search", help="search the index")
    search.add_argument("query", nargs="*", help='words, "phrases", -word, field:value, 2016..2018')
    search.add_argument("--section", action="append", help="only this section (repeatable)")
    search.add_argument("--publisher", action="append", help="only this publisher (repeatable)")
    search.add_argument("--type", action="append", help="only this document type (repeatable)")
    search.add_argument("--year", action="append", help="only this year (repeatable)")
    search.add_argument("--from", dest="year_from", type=int, help="from this year")
    search.add_argument("--to", dest="year_to", type=int, help="up to this year")
    search.add_argument("--sort", choices=("relevance", "date", "-date", "title"))
    search.add_argument("--limit", type=int, help="results per page (default 20)")
    search.add_argument("--page", type=int, help="page number (default 1)")
    search.add_argument("--json", action="store_true", help="print the JSON of /api/search")
    search.add_argument("--index-dir", help="index directory")
    search.set_defaults(handler=_search)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; usage errors exit 2, a file without entries exits 1."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
