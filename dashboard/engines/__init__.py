"""Engines: where the per-article work and the corpus-wide counts run.

``local`` is this machine's worker pool (:mod:`dashboard.workers`); ``spark`` runs the same
per-article functions in Spark executors and the corpus-wide counts as Spark group-bys
(:mod:`dashboard.engines.spark`). Both end the same way: a corpus in the store and its stored
results (:mod:`dashboard.results`), so the app and ``report --corpus`` open either alike.
"""

from __future__ import annotations

import glob
import sys
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

from dashboard.store import Store, StoreError, readonly_mode

READABLE = (".jsonl", ".csv", ".json", ".parquet")


class EngineError(RuntimeError):
    """A run that cannot go ahead or did not finish; the message is one line for the analyst."""


def source_files(source: str) -> list[Path]:
    """The files SOURCE names (a file, a folder's readable files, or a glob), sorted: the order
    articles are numbered in, the same for both engines."""
    path = Path(source)
    found = ([p for p in path.iterdir() if p.suffix.lower() in READABLE] if path.is_dir()
             else [path] if path.is_file() else [Path(p) for p in glob.glob(source)])
    files = sorted(p.resolve() for p in found if p.is_file())
    if not files:
        raise EngineError(f"{source}: no .jsonl, .csv, .json or .parquet files found")
    return files


def new_corpus(store: Store, name: str) -> None:
    """Refuse a name in use: an analysis run makes a corpus, it never adds to one."""
    if not name.strip():
        raise EngineError("the corpus needs a name")
    if any(c.name == name for c in store.corpora()):
        raise EngineError(f"a corpus named '{name}' already exists: pick another name")


def analyse_command(args: Namespace, ingest: Callable[[Namespace], int]) -> int:
    """``python -m dashboard analyse SOURCE --corpus NAME [--engine local|spark]``: import and
    analyse; every failure is one line on stderr and exit code 2, with nothing left behind."""
    try:
        if readonly_mode():
            raise EngineError("read-only mode (FRAMING_LENS_READONLY is set): analyse is switched off")
        files = source_files(args.source)
        store = Store()
        new_corpus(store, args.corpus)
        if args.engine == "spark":
            from dashboard.engines import spark

            spark.analyse_source(files, args.corpus, store=store, master=args.master, skip_bad=args.skip_bad,
                                 driver_memory=args.driver_memory)
        elif code := _analyse_local(files, args, store, ingest):
            return code  # ingest has said why
    except (EngineError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    info = store.info(args.corpus)
    print(f"analysed {info.articles} articles of {info.outlets} outlets into '{args.corpus}' ({args.engine} engine)")
    return 0


def _analyse_local(files: list[Path], args: Namespace, store: Store, ingest: Callable[[Namespace], int]) -> int:
    """``ingest`` then :func:`dashboard.results.stored_analysis`, on this machine."""
    from dashboard import results

    if any(p.suffix.lower() == ".parquet" for p in files):
        raise EngineError("the local engine reads .jsonl, .csv and .json files; use --engine spark for Parquet")
    code = ingest(Namespace(paths=[str(p) for p in files], corpus=args.corpus, outlet="", pattern="",
                            skip_bad=args.skip_bad, max_mb=None))
    if code:
        return code
    try:
        results.stored_analysis(store, args.corpus, store.info(args.corpus).revision, 0)
    except BaseException:
        store.delete(args.corpus)  # no corpus without its results
        raise
    return 0
