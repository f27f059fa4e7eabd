"""Quotes: who each outlet lets speak, with which verbs, and how the same remark was worded."""

import html

import streamlit as st

from dashboard.analysis.evidence import Evidence
from dashboard.charts import voice_bars
from dashboard.render import escape_markdown
from dashboard.ui.context import all_dates_note, article_labels, how_to_read, page_context, page_sourcing
from dashboard.ui.evidence import evidence_panel, pack_button, selectable_chart
from dashboard.ui.exports import csv_download
from dashboard.ui.shared import shared_figure, shared_table
from dashboard.ui.widgets import url_choice

SHOWN_REMARKS = 100  # remarks drawn as expanders (most widely quoted first); a large corpus has hundreds
DIFF_STYLE = ("<style>.fl-diff del{background:#fde2e1;text-decoration:line-through}.fl-diff ins{background:#d9f2e3;"
              "text-decoration:none}.fl-diff .extra{color:#889}.fl-diff p{margin:.3em 0}</style>")


def diff_html(diff: list[tuple[str, str, str]], text: str) -> str:
    """A variant's wording against the reference: removed words struck, replacements inserted (escaped)."""
    if not diff:
        return html.escape(text)
    parts = []
    for op, ref, var in diff:
        if op == "equal":
            parts.append(html.escape(var))
        elif op == "extra":
            parts.append(f"<span class='extra'>{html.escape(var)}</span>")
        else:
            parts.append((f"<del>{html.escape(ref)}</del>" if ref else "") + (f"<ins>{html.escape(var)}</ins>" if var else ""))
    return " ".join(parts)


ctx = page_context("quotes")
st.title("Who is quoted")
labels = shared_table(("primary_labels", *ctx.key[:4]), lambda: article_labels(ctx.full.articles))
primary = url_choice(st.selectbox, "Primary source (a transcript to check quotes against)", list(labels), labels=labels,
                     key="primary", placeholder="none")
sourcing = page_sourcing(ctx)
view_key = (*ctx.key, ctx.state.primary)  # what ``sourcing`` is a function of
all_dates_note(ctx)

voices = sourcing.voices
if voices.empty:
    st.info("No direct quotes found for the selected outlets.")
    st.stop()
fig = shared_figure(("voice_bars", *view_key), lambda: voice_bars(voices, ctx.colours))
selectable_chart(fig, key="quotes_voice", kind="quote")
how_to_read("each bar is the share of an outlet's directly quoted words spoken by that person; click a bar to read the quotes.")
evidence_panel(ctx.full, ctx.state.ev, sourcing=sourcing, cache=view_key)

left, right = st.columns([3, 2])
with left:
    st.subheader("Speakers per outlet")
    shown = voices[["outlet", "label", "quotes", "words", "share_of_voice", "reported"]]
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={"share_of_voice": st.column_config.ProgressColumn("share of voice", format="percent", min_value=0, max_value=1),
                                "reported": st.column_config.NumberColumn(help="Reported-speech sentences (\"X said that …\", \"according to X\")")})
    csv_download(shown, "speakers", key="csv_speakers")
with right:
    st.subheader("Reporting verbs")

    def verb_table():
        verbs = sourcing.verbs.pivot_table(index="verb", columns="outlet", values="uses", fill_value=0)
        return verbs.reindex(columns=[o for o in ctx.outlets if o in verbs.columns])

    verbs = shared_table(("verbs", *view_key), verb_table)
    st.dataframe(verbs, width="stretch")
    csv_download(sourcing.verbs, "reporting-verbs", key="csv_verbs")
how_to_read("\"said\" is neutral; \"warned\", \"claimed\", \"stressed\" colour how a speaker comes across.")

st.subheader("The same remark, quoted differently")
st.caption("Each group is one remark quoted by several outlets. The reference wording is the one the others agree "
           "with most; each variant shows its words that differ: struck = reference wording, green = this outlet's.")
st.html(DIFF_STYLE)


def remarks() -> list[tuple[str, str]]:
    """The expander title and HTML of each quote group shown."""
    actors = {a.id for a in ctx.full.lexicon.actors}
    out = []
    for group in sourcing.quote_groups.head(SHOWN_REMARKS).itertuples():  # most outlets first
        who = ctx.full.lexicon.actor(group.speaker).label if group.speaker in actors else "unattributed"
        differing = sum(1 for v in group.variants if any(op not in ("equal", "extra") for op, _, _ in v["diff"]))
        rows = "".join(
            f"<p><b>{html.escape(v['outlet'])}</b>{' (reference)' if v['outlet'] == group.reference and not v['diff'] else ''}: "
            f"{diff_html(v['diff'], v['text'])}</p>"
            for v in group.variants
        )
        out.append((f"{escape_markdown(who)}: “{escape_markdown(group.variants[0]['text'][:90])}…” · "
                    f"{len(group.outlets)} outlets · {differing} wording differences", f"<div class='fl-diff'>{rows}</div>"))
    return out


if len(sourcing.quote_groups) > SHOWN_REMARKS:
    st.caption(f"Showing the first {SHOWN_REMARKS} of {len(sourcing.quote_groups):,} remarks, the most widely quoted first; "
               "the quotes CSV below has every quote.")
for title, body in shared_table(("remarks", *view_key), remarks):
    with st.expander(title):
        st.html(body)

if primary:
    st.subheader("Quotes checked against the primary source")
    checked = sourcing.quotes.dropna(subset=["source_check"])
    st.dataframe(checked[["outlet", "speaker", "text", "source_check", "source_score"]], hide_index=True, width="stretch")
    csv_download(checked.drop(columns=["source_diff"]), "quotes-vs-primary", key="csv_primary")

csv_download(lambda: sourcing.quotes.drop(columns=["source_diff"], errors="ignore"), "quotes", key="csv_quotes",
             label="Download all quotes (CSV)")
items = shared_table(("quote_items", *view_key), lambda: [
    Evidence("quote", str(r.speaker), r.outlet) for r in voices.groupby("outlet").head(2).itertuples()])
pack_button(ctx, "Who is quoted", [fig], items, sourcing=sourcing)
