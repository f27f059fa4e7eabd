"""Safe rendering of user text: escaped HTML with highlights, and markdown escaping.

Article text, outlet names, headlines and lexicon terms come from whoever built the corpus. They
are only ever shown through these helpers, which escape first and add markup after, so a
``<script>`` in a headline is shown as text.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$:~=^])")


def escape_markdown(text: str) -> str:
    """Backslash-escape everything Streamlit markdown would interpret (incl. $, :colour[] and links)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def highlight_html(text: str, spans: list[tuple[int, int]], *, tag: str = "mark", title: str | None = None) -> str:
    """Escape ``text`` and wrap the (start, end) ``spans`` in ``<tag>``; overlapping spans merge."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    attr = f' title="{html.escape(title, quote=True)}"' if title else ""
    out, pos = [], 0
    for start, end in merged:
        out.append(html.escape(text[pos:start]))
        out.append(f"<{tag}{attr}>{html.escape(text[start:end])}</{tag}>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def term_spans(text: str, term: str) -> list[tuple[int, int]]:
    """Where a vectoriser term ("minced words") occurs in a sentence, ignoring case and punctuation.

    The vectoriser drops stop words before forming n-grams, so "meeting russia" stands for
    "meeting with Russia": up to two short words may sit between the term's words.
    """
    words = [re.escape(w) for w in term.split()]
    if not words:
        return []
    gap = r"\W+(?:[A-Za-z'’]{1,5}\W+){0,2}?"
    pattern = re.compile(r"(?<!\w)" + gap.join(words) + r"(?!\w)", re.I)
    return [m.span() for m in pattern.finditer(text)]


def plotly_text(text) -> str:
    """User text for a Plotly label, name, axis category or title.

    Plotly renders a subset of HTML (<b>, <a href>, …) in labels and fills ``%{…}`` in hover
    templates, so both are neutralised; entities display as the original characters.
    """
    return html.escape(str(text), quote=False).replace("%", "&#37;")


def plotly_texts(values) -> list[str]:
    return [plotly_text(v) for v in values]
