"""Terms: the words and phrases that set each outlet apart."""

import streamlit as st

from dashboard.analysis.evidence import Evidence
from dashboard.analysis.house_style import is_house_style
from dashboard.charts import term_bars
from dashboard.render import escape_markdown
from dashboard.state import TOP_RANGE
from dashboard.ui.context import analysis_for, ensure_analysed, how_to_read, page_context
from dashboard.ui.evidence import evidence_panel, pack_button, selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.shared import shared_figure, shared_table
from dashboard.ui.widgets import url_choice

METHOD_LABELS = {"logodds": "Log-odds z (recommended for few documents)", "tfidf": "TF-IDF"}
SCOPES = {"all": "All sentences", "exclude": "Exclude shared passages"}
STYLE = {"hide": "Hide house style", "show": "Show house style"}

ctx = page_context("terms")
st.title("Distinctive terms")
left, right = st.columns([2, 1])
method = url_choice(left.radio, "Method", list(METHOD_LABELS), labels=METHOD_LABELS, key="method",
                    default="logodds", horizontal=True)
top = right.slider("Terms per outlet", *TOP_RANGE, value=10, key="top", bind="query-params")
scope = url_choice(left.radio, "Sentences scored", list(SCOPES), labels=SCOPES, key="shared", default="all", horizontal=True,
                   help="Shared passages are sentences several outlets carry nearly word for word (wire copy, pooled "
                        "quotes). Excluding them makes 'distinctive' mean written by that outlet.")
style = url_choice(right.radio, "House style", list(STYLE), labels=STYLE, key="style", default="hide", horizontal=True,
                   help="Terms that set an outlet apart by copy-desk style, not framing: its own name (“told Fox "
                        "News”), honorifics (“Mr”, “Sen”) and reporting verbs (“says”, “told reporters”).")
ensure_analysed(ctx.dataset, exclude_shared=scope == "exclude")
scored = analysis_for(ctx.dataset, ctx.state, exclude_shared=scope == "exclude")
st.caption(
    "With a handful of short reports TF-IDF rewards any word used once by one outlet. Weighted log-odds "
    "with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) shrinks rare words toward the "
    "corpus rate and reports a z-score: |z| > 1.96 is about a 95% signal. † / hatched = thin evidence "
    "(fewer than two sentences)."
)
score = "log_odds_z" if method == "logodds" else "tfidf"
view_key = (*ctx.key, scope)  # what ``scored`` is a function of


def top_terms() -> tuple:
    view = scored.for_outlets(ctx.outlets)
    table = view.top_terms(top, by=score, hide_style=style == "hide")
    hidden = view.top_terms(top, by=score).pipe(is_house_style).sum() if style == "hide" else 0
    shown = table[["outlet", "term", "count", "sentences", "tfidf", "log_odds_z", "thin", "style"]]
    items = [Evidence("term", r.term, r.outlet) for r in table.groupby("outlet").head(3).itertuples()]
    return table, hidden, shown, items


table, hidden, shown, items = shared_table(("top_terms", *view_key, score, top, style), top_terms)
if hidden:
    st.caption(f"{hidden} house-style term(s) hidden from these charts (own name, honorifics, reporting verbs); "
               "“Show house style” brings them back.")
figures = []
columns = st.columns(2)
reported = set(scored.articles["outlet"].unique())  # a story or date cut can leave a shown outlet with nothing
for i, outlet in enumerate(ctx.outlets):
    if outlet not in reported:
        columns[i % 2].info(f"**{escape_markdown(outlet)}**: no articles in this view (story or dates), so no terms.")
        continue
    fig = shared_figure(("term_bars", *view_key, score, top, style, outlet), lambda outlet=outlet: term_bars(
        table[table["outlet"] == outlet], outlet, ctx.colours[outlet], method))
    figures.append(fig)
    with columns[i % 2]:
        selectable_chart(fig, key=f"terms_{i}", kind="term")
how_to_read("longer bars are terms this outlet used more than the others did; hatched bars with † rest on a single sentence. Click a bar for its sentences.")
evidence_panel(scored, ctx.state.ev, cache=view_key)

with st.expander("All terms as a table"):
    st.dataframe(shown, hide_index=True, width="stretch")
    csv_download(shown, f"terms-{method}", key="csv_terms")
pack_button(ctx, "Distinctive terms", figures, items)
