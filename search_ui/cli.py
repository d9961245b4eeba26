"""The `veille` command line: extract, index, search, export, stats, check, serve."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from indexer.facet_specs import FACETS, FacetSpec
from search_ui.settings import index_dir, seeds_dir

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def _extract(args: argparse.Namespace) -> int:
    """Print the entries of the named newsletters as JSON Lines or one JSON array."""
    from indexer.extraction.corpus import extract_paths
    from indexer.extraction.files import limit_problem

    if error := limit_problem():
        print(f"veille extract: {error}", file=sys.stderr)
        return EXIT_USAGE
    result = extract_paths(Path(p) for p in args.paths)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    for report in result.files:  # the layout each file was read as, and the issue it names
        issue = f"; issue: {report.issue}" if report.entries else ""
        print(
            f"{report.label}: {report.entries} entries; layout: {report.layout.description}{issue}",
            file=sys.stderr,
        )
    records = [entry.to_dict() for entry in result.entries]
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    # A bad file inside a named folder is only warned about; a named file must give entries.
    named = {Path(p).name for p in args.paths if not Path(p).is_dir()}
    failed = named & set(result.files_without_entries)
    return EXIT_NOTHING if failed or not result.entries else EXIT_OK


def _index(args: argparse.Namespace) -> int:
    """Build or update the index, with a progress line per file and a summary."""
    from indexer.build.builder import build_index
    from indexer.build.generations import BuildLocked
    from indexer.extraction.files import SKIPPED, limit_problem

    if error := limit_problem():
        print(f"veille index: {error}", file=sys.stderr)
        return EXIT_USAGE
    paths = [Path(p) for p in args.paths] or [seeds_dir()]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:  # a mistyped path would otherwise remove its files' entries from the index
        print(f"veille index: introuvable : {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    root = index_dir(args.index_dir)
    try:
        report = build_index(
            paths, root, progress=lambda line: print(line, file=sys.stderr), full=args.full
        )
    except BuildLocked as error:
        print(f"veille index: {error}", file=sys.stderr)
        return EXIT_NOTHING
    except OSError as error:
        print(
            f"veille index: impossible d'écrire l'index dans {root} ({error}) : "
            "vérifiez le dossier et ses droits, ou choisissez-en un autre avec --index-dir",
            file=sys.stderr,
        )
        return EXIT_NOTHING
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    print(f"{report.summary()} -> {root}")
    # A file not read at all (its name, its type, its size, its bytes) is in no index: say so.
    unread = any(SKIPPED in warning for warning in report.warnings)
    return EXIT_OK if report.entries and not unread else EXIT_NOTHING


def _search_pairs(
    args: argparse.Namespace, extra: Sequence[tuple[str, object]] = ()
) -> list[tuple[str, str]]:
    """Turn the search options shared by `search` and `export` into URL-style pairs."""
    pairs = [("q", " ".join(args.query))]
    for spec in FACETS:
        pairs += [(spec.param, value) for value in getattr(args, spec.key) or []]
    for name, value in (("from", args.year_from), ("to", args.year_to), ("sort", args.sort),
                        *extra):  # fmt: skip
        if value is not None:
            pairs.append((name, str(value)))
    return pairs


def _search(args: argparse.Namespace) -> int:
    """Search the index and print hits and facets, or the JSON of /api/search."""
    from indexer.build.generations import IndexUnavailable
    from search_ui.engine.criteria import BadRequest, request_from_pairs
    from search_ui.engine.search import SearchService
    from search_ui.rendering.terminal import render
    from search_ui.web.paths import entry_path

    paging = [("per_page", args.limit), ("page", args.page), ("facet_size", args.facet_size)]
    try:
        request = request_from_pairs(_search_pairs(args, paging))
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
        json.dump(result.to_api(entry_url=entry_path), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(render(result, colour=sys.stdout.isatty()))
    return EXIT_OK


def _print_json(data: object) -> None:
    """Print data as indented JSON, accents kept."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _stats(args: argparse.Namespace) -> int:
    """Print what the corpus covers as text tables, or the JSON of /api/coverage; with
    `--list`, a page of one data-quality list (the JSON of /api/coverage/<list>)."""
    from indexer.build.generations import IndexUnavailable
    from search_ui.engine import quality_pages as quality
    from search_ui.engine.criteria import BadRequest
    from search_ui.engine.search import SearchService
    from search_ui.rendering.terminal import render_coverage, render_quality_page
    from search_ui.web.paths import quality_list_path

    try:
        page = quality.page_number({"page": [args.page] if args.page else []})
    except BadRequest as error:
        print(f"veille stats: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        service = SearchService(index_dir(args.index_dir))
        report = service.coverage()
    except IndexUnavailable as error:
        print(f"veille stats: {error}", file=sys.stderr)
        return EXIT_NOTHING
    if args.list:
        listed = quality.quality_page(service.coverage_api(), quality.BY_NAME[args.list], page)
        if args.json:
            _print_json(listed.to_api())
        else:
            print(render_quality_page(listed))
        return EXIT_OK if listed.items else EXIT_NOTHING
    if args.json:
        _print_json(quality.coverage_summary(service.coverage_api(), quality_list_path))
    else:
        print(render_coverage(report))
    return EXIT_OK if report.total else EXIT_NOTHING


def _check(args: argparse.Namespace) -> int:
    """Say whether a reference is already in the corpus; exit 1 when it is absent."""
    from indexer.build.generations import IndexUnavailable
    from search_ui.engine.check import MAX_REFERENCE_LENGTH, check
    from search_ui.engine.search import SearchService
    from search_ui.rendering.terminal import render_check
    from search_ui.web.paths import entry_path

    words = args.reference
    if words in ([], ["-"]):  # the reference piped in, or typed after the command
        words = [sys.stdin.read()]
    reference = " ".join(" ".join(words).split())
    if not reference:
        print("veille check: indiquez la référence à vérifier (ou « - » pour la lire sur "
              "l'entrée standard)", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    if len(reference) > MAX_REFERENCE_LENGTH:
        print(f"veille check: la référence dépasse {MAX_REFERENCE_LENGTH} caractères : "
              "vérifiez-en une seule à la fois", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    try:
        service = SearchService(index_dir(args.index_dir))
        result = check(reference, service.candidates(reference), limit=args.limit)
    except IndexUnavailable as error:
        print(f"veille check: {error}", file=sys.stderr)
        return EXIT_NOTHING
    if args.json:
        _print_json(result.to_api(entry_url=entry_path))
    else:
        print(render_check(result))
    return EXIT_NOTHING if result.verdict == "not_found" else EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    """Serve the web pages and the API with waitress, building the index first if needed."""
    import logging

    from search_ui.web.serving import listen, prepare, ready_app

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    root = index_dir(args.index_dir)
    try:
        prepare(root, seeds_dir())
    except Exception as error:  # an unbuildable index must not stop the pages from saying so
        logging.getLogger("veille.serve").error("could not build the index in %s: %s", root, error)
    try:
        app = ready_app(root, args.host, args.port)
    except ValueError as error:  # a VEILLE_BASE_URL that is no site address
        print(f"veille serve: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if listen(app, args.host, args.port, args.threads) else EXIT_NOTHING


def _add_search_options(parser: argparse.ArgumentParser) -> None:
    """Add the query and filter options shared by `search` and `export`."""
    parser.add_argument("query", nargs="*", help='words, "phrases", -word, field:value, 2016..2018')
    for spec in FACETS:  # repeated: OR within a facet, AND across, as on the web
        parser.add_argument(f"--{spec.param}", dest=spec.key, action="append", help=_help(spec))
    # Values are checked by the search request, as for the web, so that errors read in French.
    parser.add_argument("--from", dest="year_from", metavar="YEAR", help="from this year")
    parser.add_argument("--to", dest="year_to", metavar="YEAR", help="up to this year")
    parser.add_argument("--sort", help="relevance, date, -date (newest first) or title")
    parser.add_argument("--index-dir", help="index directory")


def _help(spec: FacetSpec) -> str:
    """Describe a facet's option, with its values when they are a short code list."""
    short = isinstance(spec.value_labels, dict)  # not the territories' thousands of codes
    values = f": {', '.join(spec.value_labels)}" if short and spec.value_labels else ""
    return f"only this {spec.cli_help}{values} (repeatable)"


def _export_formats() -> list[str]:
    """Name the export formats."""
    from search_ui.rendering.exports import EXPORT_FORMATS

    return list(EXPORT_FORMATS)


def _export(args: argparse.Namespace) -> int:
    """Write every hit of a search in one export format, to a file or standard output."""
    from indexer.build.generations import IndexUnavailable
    from search_ui.engine.criteria import BadRequest, request_from_pairs
    from search_ui.engine.search import SearchService
    from search_ui.rendering.exports import EXPORT_FORMATS

    try:
        request = request_from_pairs(_search_pairs(args))
    except BadRequest as error:
        print(f"veille export: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        records = SearchService(index_dir(args.index_dir)).hit_records(request)
    except IndexUnavailable as error:
        print(f"veille export: {error}", file=sys.stderr)
        return EXIT_NOTHING
    chunks = EXPORT_FORMATS[args.format].stream(records, base_url=args.base_url)
    try:
        if args.output:
            try:
                with Path(args.output).open("wb") as out:
                    out.writelines(chunks)  # written as read: never the whole file in memory
            except OSError as error:
                print(
                    f"veille export: impossible d'écrire {args.output} ({error}) : "
                    "vérifiez le dossier et ses droits",
                    file=sys.stderr,
                )
                return EXIT_NOTHING
            print(f"{len(records)} entries -> {args.output}", file=sys.stderr)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.writelines(chunks)
            sys.stdout.buffer.flush()
    except IndexUnavailable as error:  # damaged since it was checked: no half list left
        if args.output:
            Path(args.output).unlink(missing_ok=True)
        print(f"veille export: {error}", file=sys.stderr)
        return EXIT_NOTHING
    return EXIT_OK if records else EXIT_NOTHING


class _PrintVersion(argparse.Action):
    """Print `veille <version>` from the installed package's metadata, then exit.

    The metadata is read only when asked: importing it would slow every other command.
    """

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from importlib import metadata

        try:
            version = metadata.version("veille")
        except metadata.PackageNotFoundError:  # run from a checkout that was never installed
            version = "(not installed)"
        print(f"veille {version}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """Describe the commands and their options."""
    from search_ui.engine.quality_pages import BY_NAME

    parser = argparse.ArgumentParser(
        prog="veille", description="Search engine for the newsletter « En quelques clics »."
    )
    parser.add_argument("--version", action=_PrintVersion)
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
    _add_search_options(search)
    search.add_argument("--limit", metavar="N", help="results per page (default 20)")
    search.add_argument("--page", metavar="K", help="page number (default 1)")
    search.add_argument(
        "--facet-size", metavar="N", help="values listed per facet (default 10, at most 1000)"
    )
    search.add_argument("--json", action="store_true", help="print the JSON of /api/search")
    search.set_defaults(handler=_search)

    export = commands.add_parser("export", help="export every hit of a search to a file")
    export.add_argument("--format", required=True, choices=_export_formats(), help="file format")
    _add_search_options(export)
    export.add_argument("--output", "-o", help="write to this file (default: standard output)")
    export.add_argument("--base-url", help="the site's address, to cite each entry's page")
    export.set_defaults(handler=_export)

    stats = commands.add_parser("stats", help="what the corpus covers, and its data quality")
    stats.add_argument("--json", action="store_true", help="print the JSON of /api/coverage")
    stats.add_argument("--list", choices=list(BY_NAME), help="one data-quality list, paged")
    stats.add_argument("--page", metavar="K", help="its page, 50 items each (default 1)")
    stats.add_argument("--index-dir", help="index directory")
    stats.set_defaults(handler=_stats)

    check = commands.add_parser("check", help="is a reference already in the corpus?")
    check.add_argument("reference", nargs="*", help="the reference, in any style (- : stdin)")
    check.add_argument("--limit", type=int, default=5, help="candidates shown (default 5)")
    check.add_argument("--json", action="store_true", help="print the JSON of /api/check")
    check.add_argument("--index-dir", help="index directory")
    check.set_defaults(handler=_check)

    serve = commands.add_parser("serve", help="serve the search pages and the JSON API")
    serve.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=5000, help="port (default 5000)")
    serve.add_argument("--threads", type=int, default=4, help="worker threads (default 4)")
    serve.add_argument("--index-dir", help="index directory")
    serve.set_defaults(handler=_serve)
    return parser


def _attached_sort(argv: Sequence[str]) -> list[str]:
    """Write `--sort -date` as `--sort=-date`, which argparse would take for an option."""
    out: list[str] = []
    for arg in argv:
        if out and out[-1] == "--sort" and arg.startswith("-") and arg != "--":
            out[-1] = f"--sort={arg}"
        else:
            out.append(arg)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; usage errors exit 2, a file without entries exits 1."""
    args = build_parser().parse_args(_attached_sort(sys.argv[1:] if argv is None else argv))
    try:
        return args.handler(args)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
