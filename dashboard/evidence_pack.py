"""The evidence pack: one self-contained HTML file of a view (charts, sentences, parameters, link).

Plotly's JavaScript is inlined once, so the file opens with no network; every user string is
escaped (sentences go through :func:`highlight_html`).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.render import highlight_html

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#1f2430;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left}
mark{background:#ffe27a}.sent{margin:.4em 0;padding:.4em .6em;border-left:3px solid #0072B2;background:#f6f8fb}
.meta{color:#667;font-size:.85em}h2{margin-top:1.6em}
"""


def sentences_html(rows: pd.DataFrame) -> str:
    """Evidence rows (from :func:`dashboard.analysis.evidence.evidence`) as escaped HTML blocks."""
    return "".join(
        f"<div class='sent'><div class='meta'>{html.escape(str(r.outlet))} · {html.escape(str(r.headline))} · "
        f"sentence {int(r.sentence) + 1}</div>{highlight_html(r.text, r.spans)}</div>"
        for r in rows.itertuples()
    )


def build_pack(*, title: str, link: str, parameters: dict[str, str], figures: list[go.Figure],
               sections: list[tuple[str, pd.DataFrame, int]]) -> str:
    """HTML document; ``sections`` are (heading, evidence rows, total matches) triples."""
    charts = "".join(
        pio.to_html(fig, full_html=False, include_plotlyjs=(i == 0), config={"displaylogo": False})
        for i, fig in enumerate(figures)
    )
    params = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in parameters.items())
    body = "".join(
        f"<h3>{html.escape(heading)} — {total} matches in {len(rows)} sentences</h3>{sentences_html(rows)}"
        for heading, rows, total in sections
    )
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
        f"<p class='meta'>Framing Lens evidence pack, {stamp}. Reopen this view: "
        f"<a href='{html.escape(link, quote=True)}'>{html.escape(link)}</a></p>"
        f"<h2>Parameters</h2><table>{params}</table><h2>Charts</h2>{charts}"
        f"<h2>Sentences behind the numbers</h2>{body or '<p>No selection.</p>'}</body></html>"
    )
