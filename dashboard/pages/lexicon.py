"""Lexicon: edit the topics and actors this corpus is counted with (each save is a new version), and its outlet groups."""

import pandas as pd
import streamlit as st
import yaml

from dashboard.lexicons import LexiconError, parse_lexicon, term_warnings
from dashboard.render import escape_markdown
from dashboard.store import StoreError, readonly_mode
from dashboard.ui.context import get_store, load_analysis, page_context
from dashboard.ui.framing import add_actors_yaml, suggestions_section
from dashboard.ui.groups import groups_editor

SEP = "; "


def split(cell) -> list[str]:
    return [part.strip() for part in str(cell or "").split(";") if part.strip()]


def topics_frame(lexicon) -> pd.DataFrame:
    return pd.DataFrame([{"id": t.id, "label": t.label, "terms": SEP.join(t.terms)} for t in lexicon.topics])


def actors_frame(lexicon) -> pd.DataFrame:
    return pd.DataFrame([{"id": a.id, "label": a.label, "kind": a.kind, "aliases": SEP.join(a.aliases),
                          "roles": SEP.join(a.roles)} for a in lexicon.actors])


def to_yaml(actors: pd.DataFrame, topics: pd.DataFrame) -> tuple[str, str]:
    actor_list = [{"id": str(r.id).strip(), "label": str(r.label or r.id), "kind": str(r.kind or "person"),
                   "aliases": split(r.aliases), "roles": split(r.roles)}
                  for r in actors.itertuples() if str(r.id or "").strip()]
    topic_list = [{"id": str(r.id).strip(), "label": str(r.label or r.id), "terms": split(r.terms)}
                  for r in topics.itertuples() if str(r.id or "").strip()]
    dump = dict(sort_keys=False, allow_unicode=True)
    return yaml.safe_dump({"actors": actor_list}, **dump), yaml.safe_dump({"topics": topic_list}, **dump)


@st.cache_data(max_entries=8, show_spinner=False)
def warnings_for(dataset, actors_yaml: str, topics_yaml: str) -> list[str]:
    """Term warnings for an edited lexicon, once per edit rather than on every rerun."""
    return term_warnings(parse_lexicon(actors_yaml, topics_yaml), load_analysis(dataset).sentences["text"])


def save(corpus: str, actors_yaml: str, topics_yaml: str, note: str) -> None:
    """Save in a callback so the sidebar's version picker can move to the new version."""
    try:
        version = get_store().save_lexicon(corpus, actors_yaml, topics_yaml, note)
    except (StoreError, LexiconError) as exc:
        st.session_state["_lexicon_message"] = ("error", str(exc))
        return
    st.session_state["lexicon"] = str(version)
    st.query_params["lexicon"] = str(version)
    st.session_state["_lexicon_message"] = ("ok", f"Saved as version {version}; every chart now uses it.")


ctx = page_context("lexicon")
store = get_store()
dataset = ctx.dataset
st.title("Lexicon")
st.caption(f"Topics and actors for “{escape_markdown(dataset.corpus)}”, version "
           f"{dataset.lexicon or 'default'}. Terms and aliases are separated by “;”. A trailing * matches any ending. "
           "Saving creates a new version; links carry the version, so shared views keep their numbers.")
if message := st.session_state.pop("_lexicon_message", None):
    (st.error if message[0] == "error" else st.success)(escape_markdown(message[1]))

lexicon = ctx.full.lexicon
key = f"{dataset.corpus}|{dataset.lexicon}"
st.subheader("Topics")
topics = st.data_editor(topics_frame(lexicon), num_rows="dynamic", hide_index=True, width="stretch", key=f"topics_{key}",
                        column_config={"terms": st.column_config.TextColumn(width="large")})
st.subheader("Actors")
actors = st.data_editor(actors_frame(lexicon), num_rows="dynamic", hide_index=True, width="stretch", key=f"actors_{key}",
                        column_config={"kind": st.column_config.SelectboxColumn(options=["person", "organisation", "place"]),
                                       "aliases": st.column_config.TextColumn(width="large")})
actors_yaml, topics_yaml = to_yaml(actors, topics)
try:
    edited = parse_lexicon(actors_yaml, topics_yaml)
except LexiconError as exc:
    edited = None
    st.error(escape_markdown(str(exc)))
notes = warnings_for(dataset, actors_yaml, topics_yaml) if edited is not None else []
if notes:
    st.warning(f"{len(notes)} terms need a look (they are kept as they are):", icon="⚠️")
    with st.expander("Show them", expanded=len(notes) <= 3):
        st.markdown("\n".join(f"- {escape_markdown(n)}" for n in notes))

left, right = st.columns(2)
with left:
    note = st.text_input("Note for this version", key="lexicon_note", placeholder="e.g. added Nord Stream terms")
    st.button("Save as new version", type="primary", key="lexicon_save", disabled=readonly_mode() or edited is None,
              on_click=save, args=(dataset.corpus, actors_yaml, topics_yaml, note),
              help="Read-only dashboard" if readonly_mode() else None)
with right:
    st.download_button("Export actors.yaml", actors_yaml, file_name="actors.yaml", mime="text/yaml", on_click="ignore")
    st.download_button("Export topics.yaml", topics_yaml, file_name="topics.yaml", mime="text/yaml", on_click="ignore")

groups_editor(ctx)

suggestions_section(ctx, edited, save, lambda entries: (dataset.corpus, add_actors_yaml(actors_yaml, entries), topics_yaml,
                                                         f"added {len(entries)} suggested actors"))

if not readonly_mode():
    st.subheader("Import a lexicon")
    uploaded = st.file_uploader("A YAML file with an actors: and/or a topics: list", type=["yaml", "yml"], key="lexicon_upload")
    if uploaded is not None:
        try:
            data = yaml.safe_load(uploaded.getvalue().decode("utf-8-sig"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            st.error(escape_markdown(f"not a readable YAML file: {exc}"))
            data = None
        if isinstance(data, dict) and ("actors" in data or "topics" in data):
            new_actors = yaml.safe_dump({"actors": data["actors"]}, allow_unicode=True) if "actors" in data else actors_yaml
            new_topics = yaml.safe_dump({"topics": data["topics"]}, allow_unicode=True) if "topics" in data else topics_yaml
            try:
                parse_lexicon(new_actors, new_topics)
                st.button("Save the uploaded lexicon as a new version", key="lexicon_save_upload", on_click=save,
                          args=(dataset.corpus, new_actors, new_topics, f"imported from {uploaded.name}"))
            except LexiconError as exc:
                st.error(escape_markdown(str(exc)))
        elif data is not None:
            st.error("The file needs a top-level actors: or topics: list.")
