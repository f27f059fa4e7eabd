"""The local engine's worker pool: a task over chunks of a corpus, on every core.

Per-article work (hashing lines, cleaning, splitting, matching) is independent per article, so
chunks of articles run in forked worker processes. Inputs are put in :data:`SHARED` before the
fork, so workers inherit them instead of receiving them; each task returns compact columns. A
small corpus runs in-process: forking would cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable

CHUNK = 250  # articles per task: big enough to amortise the transfer, small enough to show progress
PARALLEL_FROM = 600  # articles; below this a single process is faster

SHARED: dict = {}  # inputs of the current run, inherited by forked workers

Progress = Callable[[int, int], None] | None


def workers() -> int:
    """Worker processes to use: ``FRAMING_LENS_WORKERS``, else the machine's cores (at most 4)."""
    return max(1, int(os.environ.get("FRAMING_LENS_WORKERS") or min(os.cpu_count() or 1, 4)))


def _worker_signals() -> None:
    """Forked workers inherit the parent's signal handlers (a Streamlit server's, which do not exit);
    a worker must die when the pool terminates it on a cancel, and leave Ctrl-C to the parent."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run(task: Callable, n: int, shared: dict, progress: Progress = None, *, chunk: int | None = None,
        parallel: bool | None = None) -> list:
    """``task(bounds)`` over chunks ``bounds = (start, end)`` of ``range(n)``, results in order;
    in forked workers when it pays (``parallel``; by default from :data:`PARALLEL_FROM` items), ``chunk``
    items per task (:data:`CHUNK` by default).
    Whatever a task needs it reads from :data:`SHARED`.

    ``progress(done, n)`` is called after each chunk; an exception it raises (a cancel) stops
    the workers and propagates, and nothing partial is returned.
    """
    chunk = chunk or CHUNK
    bounds = [(i, min(i + chunk, n)) for i in range(0, n, chunk)]
    SHARED.clear()
    SHARED.update(shared)
    out = []
    try:
        if not (n >= PARALLEL_FROM if parallel is None else parallel) or workers() < 2 \
                or "fork" not in multiprocessing.get_all_start_methods():
            for b in bounds:
                out.append(task(b))
                if progress:
                    progress(b[1], n)
            return out
        gc.freeze()  # the parent's objects leave the collector's lists: a worker's collections do not copy their pages
        with multiprocessing.get_context("fork").Pool(workers(), initializer=_worker_signals) as pool:
            for b, result in zip(bounds, pool.imap(task, bounds)):
                out.append(result)
                if progress:
                    progress(b[1], n)
        return out
    finally:
        gc.unfreeze()
        SHARED.clear()
