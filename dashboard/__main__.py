"""Command line: ``python -m dashboard report [SOURCE] [--format json|csv|text] ...``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.analysis import analyse
from dashboard.analysis.sourcing import analyse_sourcing
from dashboard.corpus import CorpusError, load_source
from dashboard.importing import Options, build_preview
from dashboard.lexicons import LexiconError, default_lexicon
from dashboard.report import TABLES, report_csv, report_json, report_text
from dashboard.store import Store, StoreError, readonly_mode


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Framing Lens: how outlets framed one story.")
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="analyse a corpus and print the report")
    report.add_argument("source", nargs="?", default="seeds", help="folder with manifest.csv, or a .csv/.jsonl file (default: seeds)")
    report.add_argument("--corpus", help="a stored corpus (see `corpora`) instead of SOURCE")
    report.add_argument("--lexicon", type=int, default=0, help="lexicon version of the stored corpus (default: the shipped one)")
    report.add_argument("--format", choices=["json", "csv", "text"], default="json")
    report.add_argument("--table", choices=list(TABLES), default="topics", help="which table --format csv prints")
    report.add_argument("--outlets", help="comma-separated outlets to keep (default: all)")
    report.add_argument("--top", type=int, default=20, help="distinctive terms per outlet (default: 20)")
    report.add_argument("--exclude-shared", action="store_true", help="leave shared passages (wire copy, pooled quotes) out of term scores")
    report.add_argument("--primary", help="article id of a primary source (a transcript) to check every quote against")
    ingest = sub.add_parser("ingest", help="import files into a stored corpus (one transaction)")
    ingest.add_argument("paths", nargs="+", help=".txt, .csv, .jsonl, .json, .html or .zip files")
    ingest.add_argument("--corpus", required=True, help="corpus name (created if new)")
    ingest.add_argument("--outlet", default="", help="outlet of .txt/.html files")
    ingest.add_argument("--pattern", default="", help="regex with a group named outlet, matched against file names")
    ingest.add_argument("--skip-bad", action="store_true", help="import the good articles when some rows have errors")
    ingest.add_argument("--max-mb", type=float, default=MAX_BYTES / 1024 / 1024,
                        help="largest file accepted, in MB (default: 50, the app's upload limit)")
    sub.add_parser("corpora", help="list stored corpora")
    return parser


MAX_BYTES = 50 * 1024 * 1024  # same limit as the app's uploader (.streamlit/config.toml)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


PROGRESS_FROM = 500  # articles


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles", end="", file=sys.stderr, flush=True)


def ingest(args) -> int:
    """Validate every file, report problems, then store the good articles in one transaction."""
    if readonly_mode():
        return _fail("read-only mode (FRAMING_LENS_READONLY is set): ingest is switched off")
    files = []
    for path in map(Path, args.paths):
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            return _fail(f"{path}: cannot read ({exc.strerror})")
    try:
        store = Store()
        existing = store.hashes(args.corpus) if args.corpus in {c.name for c in store.corpora()} else set()
    except StoreError as exc:
        return _fail(str(exc))
    preview = build_preview(files, Options(outlet=args.outlet, filename_pattern=args.pattern, max_bytes=int(args.max_mb * 1024 * 1024)),
                            existing_hashes=existing)
    for p in preview.problems:
        print(f"{p.level}: {p.where}: {p.message}", file=sys.stderr)
    if not preview.rows:
        return _fail("nothing to import: " + (preview.errors[0].message if preview.errors else "no articles"))
    if preview.errors and not args.skip_bad:
        return _fail(f"{len(preview.errors)} errors (see above); fix them, or pass --skip-bad to import the "
                     f"{len(preview.rows)} good articles")
    try:
        added = store.import_rows(args.corpus, preview.rows, progress=lambda n: _progress(n, len(preview.rows)))
    except StoreError as exc:
        return _fail(str(exc))
    print(file=sys.stderr)
    skipped = sum(1 for p in preview.problems if "duplicate" in p.message)
    print(f"imported {added} articles into '{args.corpus}' ({len({r['outlet'] for r in preview.rows})} outlets); "
          f"skipped {skipped} duplicates and {preview.bad_rows} bad rows; {len(preview.problems)} problems reported")
    return 0


def corpora() -> int:
    try:
        for c in Store().corpora():
            print(f"{c.name}\t{c.articles} articles\t{c.outlets} outlets\t{c.created:%Y-%m-%d %H:%M}{'  (seed)' if c.seed else ''}")
    except StoreError as exc:
        return _fail(str(exc))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "ingest":
        return ingest(args)
    if args.command == "corpora":
        return corpora()
    if args.top < 1:
        return _fail("--top must be a positive number")
    if args.primary and args.format != "json":
        return _fail("--primary needs --format json")
    try:
        if args.corpus:
            store = Store(readonly=True)
            corpus, lexicon = store.load(args.corpus), store.lexicon(args.corpus, args.lexicon)
        else:
            corpus, lexicon = load_source(args.source), default_lexicon()
        large = len(corpus) >= PROGRESS_FROM  # a small corpus is done before a bar could say anything
        analysis = analysis_all = analyse(corpus, lexicon, exclude_shared=args.exclude_shared,
                                          progress=_progress if large else None)
        if large:
            print(file=sys.stderr)
    except (CorpusError, LexiconError, StoreError) as exc:
        return _fail(str(exc).replace("\n", " "))
    if args.primary and args.primary not in {row["id"] for row in corpus.rows}:
        return _fail(f"unknown article id {args.primary} for --primary")
    if args.outlets:
        wanted = [o.strip() for o in args.outlets.split(",") if o.strip()]
        unknown = [o for o in wanted if o not in corpus.outlets]
        if unknown:
            return _fail(f"unknown outlet(s) {', '.join(unknown)}; known: {', '.join(corpus.outlets)}")
        analysis = analysis.for_outlets(wanted)
    if args.format == "json":
        sourcing = analyse_sourcing(analysis_all, primary=args.primary)
        if args.outlets:
            sourcing = sourcing.for_outlets(wanted)
        sys.stdout.write(report_json(analysis, top=args.top, sourcing=sourcing) + "\n")
    elif args.format == "csv":
        sys.stdout.write(report_csv(analysis, args.table, top=args.top))
    else:
        sys.stdout.write(report_text(analysis, top=args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
