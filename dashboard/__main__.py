"""Command line: ``python -m dashboard report [SOURCE] [--format json|csv|text] ...``."""

from __future__ import annotations

import argparse
import sys

from dashboard.analysis import analyse
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
    return parser


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.top < 1:
        return _fail("--top must be a positive number")
    try:
        corpus = load_source(args.source)
        analysis = analyse(corpus, default_lexicon())
    except (CorpusError, LexiconError) as exc:
        return _fail(str(exc).replace("\n", " "))
    if args.outlets:
        wanted = [o.strip() for o in args.outlets.split(",") if o.strip()]
        unknown = [o for o in wanted if o not in corpus.outlets]
        if unknown:
            return _fail(f"unknown outlet(s) {', '.join(unknown)}; known: {', '.join(corpus.outlets)}")
        analysis = analysis.for_outlets(wanted)
    if args.format == "json":
        sys.stdout.write(report_json(analysis, top=args.top) + "\n")
    elif args.format == "csv":
        sys.stdout.write(report_csv(analysis, args.table, top=args.top))
    else:
        sys.stdout.write(report_text(analysis, top=args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
