"""Import: bring your own articles (files, a zip or pasted text), preview every problem, then store."""

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard.groups import add_groups
from dashboard.importing import Options, build_preview
from dashboard.lexicons import LexiconError
from dashboard.render import escape_markdown
from dashboard.store import StoreError, readonly_mode
from dashboard.ui.context import get_store


def manage(action: str, name: str, new_name: str) -> None:
    """Rename or delete in a callback, before the sidebar's corpus picker is drawn again."""
    try:
        if action == "rename":
            get_store().rename(name, new_name)
        else:
            get_store().delete(name)
    except StoreError as exc:
        st.session_state["_manage_message"] = ("error", str(exc))
        return
    if st.session_state.get("corpus") == name:
        st.session_state.pop("corpus", None)
        st.query_params.pop("corpus", None)
        st.session_state.pop("outlet", None)
    st.session_state["_manage_message"] = ("ok", f"{'Renamed' if action == 'rename' else 'Deleted'} “{name}”.")


@st.cache_data(max_entries=4, show_spinner="Reading the files…")
def preview_for(uploads: tuple, options: Options, pasted: str, target: str, revision: str | None, _files=()):
    """Validate the uploads once per set of files, options and target state, not on every rerun.

    ``uploads`` (file ids and names) keys the cache; ``_files`` carries the bytes unhashed.
    """
    existing = get_store().hashes(target) if revision is not None else set()
    return build_preview([(f.name, f.getvalue()) for f in _files], options, pasted=pasted, existing_hashes=existing)


st.title("Import your own corpus")
if readonly_mode():
    st.info("This dashboard is read-only: importing is switched off.")
    st.stop()
store = get_store()
revisions = {c.name: c.revision for c in store.corpora()}
names = list(revisions)

upload_tab, manage_tab = st.tabs(["Import articles", "Manage corpora"])
with upload_tab:
    st.caption("Upload .txt files (one article each), .csv / .jsonl / .json tables with columns outlet and text "
               "(optional headline, published, url, and group: the outlet's group, such as its country or owner), "
               ".html pages, a .zip of these, or paste one article. "
               "Nothing is stored until you press Import.")
    files = st.file_uploader("Files", accept_multiple_files=True, key="upload_files",
                             type=["txt", "text", "md", "csv", "jsonl", "ndjson", "json", "html", "htm", "zip"])
    pasted = st.text_area("…or paste one article", key="upload_paste", height=120)
    left, right = st.columns(2)
    outlet = left.text_input("Outlet (for .txt, .html and pasted articles)", key="upload_outlet")
    pattern = right.text_input("…or take it from the file name (regex with a group named outlet)", key="upload_pattern",
                               placeholder=r"^(?P<outlet>[^_]+)_")
    mode = st.radio("Into", ["A new corpus", "An existing corpus"], horizontal=True, key="upload_mode")
    if mode == "A new corpus":
        target = st.text_input("New corpus name", key="upload_name").strip()
        clash = target in names
        if clash:
            st.warning("A corpus with this name exists: the articles would be added to it.")
    else:
        target = st.selectbox("Corpus", names, key="upload_target")
    options = Options(outlet=outlet, filename_pattern=pattern, max_bytes=int(st.get_option("server.maxUploadSize")) * 1024 * 1024)
    uploads = tuple((f.file_id, f.name) for f in files or [])
    preview = preview_for(uploads, options, pasted, target, revisions.get(target), _files=files or []) if files or pasted.strip() else None

    if preview is not None:
        rows = preview.rows
        c1, c2, c3, c4 = st.columns(4)
        c1.metric("Articles ready", len(rows))
        c2.metric("Outlets", len({r["outlet"] for r in rows}))
        c3.metric("Errors", len(preview.errors))
        c4.metric("Warnings", len(preview.problems) - len(preview.errors))
        if preview.problems:
            st.subheader("Problems found")
            st.dataframe(pd.DataFrame([p.__dict__ for p in preview.problems]), hide_index=True, width="stretch",
                         column_config={"level": st.column_config.TextColumn(width="small")})
        if rows:
            st.subheader("What will be imported")
            st.dataframe(pd.DataFrame([{"outlet": r["outlet"], "headline": r["headline"], "published": r["published"],
                                        "words": len(r["text"].split()), "from": r["_where"]} for r in rows]),
                         hide_index=True, width="stretch")
        if preview.groups:
            st.caption("Outlet groups from the group column (saved with the import; edit them on the Lexicon page): "
                       + escape_markdown("; ".join(f"{o}: {g}" for o, g in preview.groups.items())))
        confirmed = True
        if preview.errors and rows:
            confirmed = st.checkbox(f"Import the {len(rows)} good articles and skip the rest", key="upload_confirm")
        ready = bool(rows) and bool(target) and confirmed
        if st.button(f"Import {len(rows)} articles into “{escape_markdown(target) or '…'}”", type="primary", disabled=not ready,
                     key="upload_go"):
            added, failure = 0, None
            with st.status("Importing…", expanded=True) as status:
                bar = st.progress(0.0)
                try:
                    added = store.import_rows(target, rows, progress=lambda n: bar.progress(n / max(len(rows), 1)))
                except StoreError as exc:
                    failure = str(exc)
                    status.update(label="Import failed: nothing was stored", state="error")
                else:
                    status.update(label=f"Imported {added} articles", state="complete", expanded=False)
            if not failure and preview.groups:
                try:
                    add_groups(target, preview.groups, seed=store.info(target).seed)
                except (LexiconError, OSError) as exc:
                    failure = f"The articles were stored, but their outlet groups were not saved: {exc}"
            if failure:
                st.error(escape_markdown(failure))
            else:
                st.success(f"Stored {added} articles" + (f" and the groups of {len(preview.groups)} outlets." if preview.groups else "."))
                st.markdown(f"[Open “{escape_markdown(target)}” →](./?{urlencode({'corpus': target})})")

with manage_tab:
    corpora = store.corpora()
    st.dataframe(pd.DataFrame([{"name": c.name, "articles": c.articles, "outlets": c.outlets, "created": c.created,
                                "seed": c.seed} for c in corpora]), hide_index=True, width="stretch")
    chosen = st.selectbox("Corpus", [c.name for c in corpora], key="manage_corpus")
    seed = next(c.seed for c in corpora if c.name == chosen)
    new_name = st.text_input("Rename to", key="manage_new_name")
    st.button("Rename", key="manage_rename", disabled=not new_name.strip(), on_click=manage, args=("rename", chosen, new_name))
    sure = st.checkbox("Yes, delete this corpus and its lexicon versions", key="manage_sure", disabled=seed)
    st.button("Delete", key="manage_delete", disabled=seed or not sure, help="The seed corpus cannot be deleted.",
              on_click=manage, args=("delete", chosen, ""))
    if message := st.session_state.pop("_manage_message", None):
        (st.error if message[0] == "error" else st.success)(escape_markdown(message[1]))
