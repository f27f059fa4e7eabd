"""Command line: ``python -m dashboard report [SOURCE] [--format json|csv|text] ...``."""

from __future__ import annotations

import argparse
import sys

from dashboard.analysis import analyse
from dashboard.analysis.sourcing import analyse_sourcing
from dashboard.corpus import CorpusError, load_source
from dashboard.lexicons import LexiconError, default_lexicon
from dashboard.report import TABLES, report_csv, report_json, report_text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Framing Lens: how outlets framed one story.")
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="analyse a corpus and print the report")
    report.add_argument("source", nargs="?", default="seeds", help="folder with manifest.csv, or a .csv/.jsonl file (default: seeds)")
    report.add_argument("--format", choices=["json", "csv", "text"], default="json")
    report.add_argument("--table", choices=list(TABLES), default="topics", help="which table --format csv prints")
    report.add_argument("--outlets", help="comma-separated outlets to keep (default: all)")
    report.add_argument("--top", type=int, default=20, help="distinctive terms per outlet (default: 20)")
    report.add_argument("--exclude-shared", action="store_true", help="leave shared passages (wire copy, pooled quotes) out of term scores")
    report.add_argument("--primary", help="article id of a primary source (a transcript) to check every quote against")
    return parser


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.top < 1:
        return _fail("--top must be a positive number")
    if args.primary and args.format != "json":
        return _fail("--primary needs --format json")
    try:
        corpus = load_source(args.source)
        analysis = analysis_all = analyse(corpus, default_lexicon(), exclude_shared=args.exclude_shared)
    except (CorpusError, LexiconError) as exc:
        return _fail(str(exc).replace("\n", " "))
    if args.primary and args.primary not in {a.id for a in corpus.articles}:
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
