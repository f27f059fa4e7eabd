"""Command line: ``python -m dashboard report [SOURCE] [--format json|csv|text] ...``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.analysis import analyse
from dashboard.analysis.framing import framing_tables
from dashboard.analysis.sourcing import analyse_sourcing
from dashboard.corpus import CorpusError, load_source
from dashboard.groups import add_groups, report_groups
from dashboard.importing import Options, Preview, stream_files
from dashboard.lexicons import LexiconError, default_lexicon
from dashboard.report import TABLES, report_csv, report_json, report_text
from dashboard.results import stored_analysis, stored_framing, stored_sourcing
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
    report.add_argument("--groups", help="outlet groups YAML (groups: {name: [outlet, ...]}); default: the corpus's own")
    ingest = sub.add_parser("ingest", help="import files into a stored corpus (one transaction)")
    ingest.add_argument("paths", nargs="+", help=".txt, .csv, .jsonl, .json, .html or .zip files")
    ingest.add_argument("--corpus", required=True, help="corpus name (created if new)")
    ingest.add_argument("--outlet", default="", help="outlet of .txt/.html files")
    ingest.add_argument("--pattern", default="", help="regex with a group named outlet, matched against file names")
    ingest.add_argument("--skip-bad", action="store_true", help="import the good articles when some rows have errors")
    ingest.add_argument("--max-mb", type=float, default=None,
                        help="largest file accepted, in MB (default: no limit; .csv and .jsonl are read in batches)")
    sub.add_parser("corpora", help="list stored corpora")
    analyse_cmd = sub.add_parser("analyse", help="import SOURCE as a new corpus and store its analysis (see README: Engines)")
    analyse_cmd.add_argument("source", help="a .jsonl/.csv/.json/.parquet file, a folder of them, or a glob")
    analyse_cmd.add_argument("--corpus", required=True, help="name of the new corpus")
    analyse_cmd.add_argument("--engine", choices=["local", "spark"], default="local")
    analyse_cmd.add_argument("--master", default="local[2]", help="Spark master: local[N] or spark://HOST:PORT (default: local[2])")
    analyse_cmd.add_argument("--driver-memory", default="2g", help="Spark driver memory (default: 2g)")
    analyse_cmd.add_argument("--skip-bad", action="store_true", help="analyse the good rows when some are empty")
    return parser


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


PROGRESS_FROM = 500  # articles


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles", end="", file=sys.stderr, flush=True)


class _Bar:
    """The import's progress on stderr: articles kept and bytes read; problem lines go between bars."""

    def __init__(self, total_bytes: int) -> None:
        self.total, self.open = total_bytes, False

    def __call__(self, rows: int, done: int) -> None:
        width = 30
        filled = width * done // max(self.total, 1)
        unit, scale = ("MB", 1024 * 1024) if self.total >= 1024 * 1024 else ("KB", 1024)
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {rows:,} articles, {done / scale:,.1f} of "
              f"{self.total / scale:,.1f} {unit}", end="", file=sys.stderr, flush=True)
        self.open = True

    def line(self, text: str) -> None:
        self.end()
        print(text, file=sys.stderr)

    def end(self) -> None:
        if self.open:
            print(file=sys.stderr)
        self.open = False


def ingest(args) -> int:
    """Read and check the files in batches into a staging file, reporting problems as they are found,
    then copy the good articles into the store in one short transaction: memory stays bounded for
    any file size, and a running app keeps reading the store meanwhile."""
    if readonly_mode():
        return _fail("read-only mode (FRAMING_LENS_READONLY is set): ingest is switched off")
    if not args.corpus.strip():
        return _fail("the corpus needs a name")
    paths = list(map(Path, args.paths))
    for path in paths:
        if not path.is_file():
            return _fail(f"{path}: cannot read (no such file)")
    try:
        store = Store()
        stage = store.staging()
    except StoreError as exc:
        return _fail(str(exc))
    bar, preview = _Bar(sum(p.stat().st_size for p in paths)), Preview()
    problems, errors, duplicates, first_error = 0, 0, 0, ""

    def report() -> None:
        nonlocal problems, errors, duplicates, first_error
        problems += len(preview.problems)
        for p in preview.problems:
            bar.line(f"{p.level}: {p.where}: {p.message}")
            errors += p.level == "error"
            duplicates += "duplicate" in p.message
            first_error = first_error or (p.message if p.level == "error" else "")
        preview.problems.clear()  # printed: a million warnings cost no memory

    try:
        options = Options(outlet=args.outlet, filename_pattern=args.pattern,
                          max_bytes=None if args.max_mb is None else int(args.max_mb * 1024 * 1024))
        for batch in stream_files(paths, options, preview, existing_hashes=store.hashes(args.corpus), progress=bar):
            stage.add(batch)
            report()
        report()
        bar.end()
        if not stage.rows:
            return _fail("nothing to import: " + (first_error or "no articles"))
        if errors and not args.skip_bad:
            return _fail(f"{errors} errors (see above); fix them, or pass --skip-bad to import the "
                         f"{stage.rows} good articles")
        bar.line(f"copying {stage.rows:,} articles into the store")
        added = store.commit(args.corpus, stage)
    except StoreError as exc:
        return _fail(str(exc))
    finally:
        stage.discard()
    print(f"imported {added} articles into '{args.corpus}' ({store.info(args.corpus).outlets} outlets); "
          f"skipped {duplicates} duplicates and {preview.bad_rows} bad rows; {problems} problems reported")
    if preview.groups:  # the rows' "group" column: outlet -> group, saved as the corpus's groups file
        try:
            path = add_groups(args.corpus, preview.groups, seed=store.info(args.corpus).seed)
        except (LexiconError, OSError) as exc:
            return _fail(f"the articles were imported, but their outlet groups were not saved: {exc}")
        print(f"saved the groups of {len(preview.groups)} outlets from the 'group' column to {path}")
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
    if args.command == "analyse":
        from dashboard.engines import analyse_command

        return analyse_command(args, ingest)
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
        if args.corpus:  # a stored corpus reads its stored results (computed and kept if missing), whichever engine made them
            revision = store.info(args.corpus).revision
            analysis = analysis_all = stored_analysis(store, args.corpus, revision, args.lexicon, exclude_shared=args.exclude_shared)
        else:
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
        if args.corpus:
            sourcing = stored_sourcing(store, args.corpus, revision, args.lexicon, exclude_shared=args.exclude_shared)
            sourcing = sourcing.with_primary(analysis_all, args.primary) if args.primary else sourcing
        else:
            sourcing = analyse_sourcing(analysis_all, primary=args.primary)
        if args.outlets:
            sourcing = sourcing.for_outlets(wanted)
        try:
            groups = report_groups(args.groups, args.source, args.corpus, store if args.corpus else None)
        except (OSError, LexiconError) as exc:
            return _fail(f"--groups: {exc}")
        stored = stored_framing(store, args.corpus, revision, args.lexicon,
                                exclude_shared=args.exclude_shared) if args.corpus else None
        framing = framing_tables(analysis, groups=groups, stored=stored)
        sys.stdout.write(report_json(analysis, top=args.top, sourcing=sourcing, framing=framing) + "\n")
    elif args.format == "csv":
        sys.stdout.write(report_csv(analysis, args.table, top=args.top))
    else:
        sys.stdout.write(report_text(analysis, top=args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
