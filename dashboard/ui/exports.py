"""Downloads: any table as CSV, and the page's evidence pack as one HTML file."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")[:80] or "table"


def csv_download(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, *, key: str,
                 label: str = "Download CSV") -> None:
    """A CSV button; the CSV is written only when clicked (a large corpus's table is not re-serialised
    on every rerun). ``frame`` may be a function giving the table, so that a table the page does not
    show (all 300,000 quotes of a 40,000-article corpus) is not even read until then."""
    st.download_button(label, lambda: (frame() if callable(frame) else frame).to_csv(index=False).encode("utf-8"),
                       file_name=f"{_slug(name)}.csv", mime="text/csv", key=key, on_click="ignore",
                       icon=":material/download:")


def pack_download(build: Callable[[], str], name: str, *, key: str = "evidence_pack") -> None:
    """The evidence-pack button; the HTML is built only when clicked."""
    st.download_button("Evidence pack (HTML)", lambda: build().encode("utf-8"), file_name=f"{_slug(name)}.html",
                       mime="text/html", key=key, on_click="ignore", icon=":material/inventory_2:",
                       help="One self-contained HTML file: this view's charts, the sentences behind them, "
                            "the parameters and the link that reopens the view.")
