"""What a hosted dashboard shows when a page fails, and how long each rerun took on the server.

Hosted (``FRAMING_LENS_READONLY=1``, the shared read-only dashboard, or ``FRAMING_LENS_HOSTED=1``
for a hosted one that still imports): a visitor must never see a traceback, which carries file
paths and code. A failing page shows a short message with an error id; the server log gets the
traceback under the same id, so a visitor's report can be matched to it. Errors outside the page
(the sidebar) get Streamlit's own redacted message (``client.showErrorDetails = "none"``).
Locally nothing changes: errors propagate, Streamlit shows them in full and AppTest sees them.
"""

from __future__ import annotations

import logging
import os
import time
import uuid

import streamlit as st

from dashboard.store import readonly_mode

LOG = logging.getLogger("framing_lens")


def hosted() -> bool:
    return readonly_mode() or os.environ.get("FRAMING_LENS_HOSTED", "").strip().lower() in {"1", "true", "yes", "on"}


def begin_rerun() -> tuple[float, float]:
    """Called first in every script run: hides error details when hosted; returns the run's start
    (wall clock and the script thread's CPU clock)."""
    if hosted():
        st.set_option("client.showErrorDetails", "none")
    return time.perf_counter(), time.thread_time()


def run_page(page: st.Page) -> None:
    """Run the navigation's current page; when hosted, an error becomes a message with an id."""
    if not hosted():
        page.run()
        return
    try:
        page.run()
    except Exception:  # not st.stop() / st.rerun(): those are BaseExceptions and pass through
        error_id = uuid.uuid4().hex[:8]
        LOG.error("error %s on page /%s", error_id, page.url_path, exc_info=True)
        st.error(f"Something went wrong on this page. Try again, or another page; if it keeps happening, tell "
                 f"the people who run this dashboard the error id **{error_id}**.", icon=":material/error:")


def log_rerun(page: str, started: tuple[float, float]) -> None:
    """With ``FRAMING_LENS_TIMING=FILE``, append the server time of this script run (for benchmarks/load.py):
    its wall time, and the CPU time of the thread that ran it (its own work, without the time it waited
    for a core; DuckDB's reader threads are not in it)."""
    path = os.environ.get("FRAMING_LENS_TIMING")
    if path:
        wall, cpu = time.perf_counter() - started[0], time.thread_time() - started[1]
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\t{page}\t{wall:.4f}\t{cpu:.4f}\n")
