"""The `veille` command line: extract, index, search, serve."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

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
