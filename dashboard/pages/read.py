"""Read: one article, cleaned with matches highlighted, or raw with the removed furniture struck."""

import html

import pandas as pd
import streamlit as st

from dashboard.analysis.evidence import Evidence
from dashboard.render import escape_markdown, highlight_html, term_spans
from dashboard.ui.context import article_labels, page_context
from dashboard.ui.evidence import pack_button
from dashboard.ui.exports import csv_download
from dashboard.ui.shared import shared_table
from dashboard.ui.widgets import url_choice

ctx = page_context("read")
st.title("Read an article")
articles = ctx.view.articles
if not len(articles):
    st.info("No outlet selected: pick at least one in the sidebar.")
    st.stop()
labels = shared_table(("article_labels", *ctx.key), lambda: article_labels(articles))
left, mid, right = st.columns([3, 2, 2])
article_id = url_choice(left.selectbox, "Article", list(labels), labels=labels, key="article", default=next(iter(labels)))
lexicon = ctx.full.lexicon
topic = url_choice(mid.selectbox, "Highlight topic", [t.id for t in lexicon.topics], key="topic",
                   labels={t.id: t.label for t in lexicon.topics}, placeholder="none")
actor = url_choice(right.selectbox, "Highlight actor", [a.id for a in lexicon.actors], key="actor",
                   labels={a.id: a.label for a in lexicon.actors}, placeholder="none")

article = shared_table(("article", ctx.dataset, article_id), lambda: ctx.full.stage.article(article_id))
m = shared_table(("article_matches", *ctx.key[:4], article_id), lambda: ctx.full.matches[ctx.full.matches["article"] == article_id])
m = m[((m["kind"] == "topic") & (m["key"] == topic)) | ((m["kind"] == "actor") & (m["key"] == actor))]
term = ctx.state.term
spans = list(zip(m["start"], m["end"]))
if term:
    spans += term_spans(article.clean_text, term)
st.markdown(f"**{escape_markdown(article.outlet)}** · {escape_markdown(article.published)} · {article.words} words · "
            f"{len(article.sentences)} sentences · {len(spans)} highlighted matches"
            + (f" · term “{escape_markdown(term)}”" if term else ""))
if article.url.startswith(("http://", "https://")):
    st.link_button("Open the original", article.url)

cleaned, raw, removed = st.tabs(["Cleaned", "Raw with furniture struck", f"Removed ({len(article.removed)})"])
with cleaned:
    body = highlight_html(article.clean_text, spans)
    paragraphs = "".join(f"<p id='p{i}'>{p}</p>" for i, p in enumerate(body.split("\n\n")))
    st.html(f"<div class='fl-article'><h3>{html.escape(article.headline)}</h3>{paragraphs}</div>")
with raw:
    parts = []
    for p in article.cleaned.paragraphs:
        if p.dropped_by:
            parts.append(f"<p><del title='{p.dropped_by}'>{html.escape(p.raw)}</del> "
                         f"<small>[{p.dropped_by}]</small></p>")
        else:
            parts.append(f"<p>{highlight_html(p.raw, [(s, e) for s, e, _ in p.cuts], tag='del', title='removed')}</p>")
    st.html("<div class='fl-raw'>" + "".join(parts) + "</div>")
with removed:
    removals = pd.DataFrame([{"rule": r.rule, "text": r.text} for r in article.removed], columns=["rule", "text"])
    st.dataframe(removals, hide_index=True, width="stretch")
    csv_download(removals, f"removed-{article.id}", key="csv_removed")

chosen = [Evidence(kind, key, article.outlet) for kind, key in (("topic", topic), ("actor", actor), ("term", term)) if key]
pack_button(ctx, f"Read: {article.outlet} — {article.headline}", [], chosen)
