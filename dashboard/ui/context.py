"""What every page needs: the cached analysis, the outlet filter and the view state.

This module and ``dashboard/pages`` are the only places that import Streamlit.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from dashboard.analysis import Analysis
from dashboard.analysis.dates import for_articles, for_dates, prepare_cuts
from dashboard.analysis.framing import view_sentences
from dashboard.analysis.groups import group_names
from dashboard.analysis.pooling import OTHER, with_other
from dashboard.analysis.sourcing import Sourcing
from dashboard.analysis.timeline import publication_dates
from dashboard.charts import OTHER_COLOUR, outlet_colours
from dashboard.groups import SEED_GROUPS, groups_path, load_groups
from dashboard.render import escape_markdown
from dashboard.results import is_stored, stored_analysis, stored_sourcing
from dashboard.state import Choices, ViewState
from dashboard.store import CorpusInfo, Store
from dashboard.ui.shared import resource, shared_table, shared_view
from dashboard.ui.widgets import distinct_labels, url_choice


@dataclass(frozen=True)
class Dataset:
    """What the pages analyse: a stored corpus at a revision, with a lexicon version (0 = default)."""

    corpus: str
    revision: str
    lexicon: int = 0


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """One store connection per server process (sessions take their own cursors)."""
    return Store()


def _file_signature(path: Path) -> tuple[int, int, int] | None:
    try:
        s = path.stat()
    except OSError:
        return None
    return s.st_mtime_ns, s.st_size, s.st_ino


def store_signature() -> tuple:
    """Changes whenever any process writes the store (its file or its write-ahead log): two
    ``stat`` calls, instead of opening the database on every rerun."""
    path = get_store().path
    return _file_signature(path), _file_signature(path.with_name(path.name + ".wal"))


@st.cache_resource(show_spinner=False, max_entries=4)
def _corpora(path: str, signature: tuple) -> list[CorpusInfo]:
    return get_store().corpora()


def stored_corpora() -> list[CorpusInfo]:
    """The store's corpora, read again only after the store file changed (an ``ingest`` from a
    shell, a rename): a rerun lists a new corpus without scanning every article's hash."""
    return _corpora(str(get_store().path), store_signature())


def default_corpus(names: list[str]) -> str:
    """The corpus a link without ``?corpus=`` opens: ``FRAMING_LENS_CORPUS`` when the host names one
    the store has (a dashboard hosted for one study; the server's warm-up then reads its results),
    else the first (the seeds)."""
    chosen = os.environ.get("FRAMING_LENS_CORPUS", "")
    return chosen if chosen in names else names[0]


@st.cache_resource(show_spinner=False, max_entries=16)
def _lexicon_versions(path: str, corpus: str, signature: tuple) -> list:
    return get_store().lexicon_versions(corpus)


def stored_lexicon_versions(corpus: str) -> list:
    """A corpus's saved lexicon versions, read again only after the store file changed."""
    return _lexicon_versions(str(get_store().path), corpus, store_signature())


@resource(show_spinner="Reading the stored analysis…", max_entries=16)
def load_analysis(dataset: Dataset, exclude_shared: bool = False) -> Analysis:
    """A dataset's analysis: from memory, else from the on-disk results, else computed and stored."""
    return stored_analysis(get_store(), dataset.corpus, dataset.revision, dataset.lexicon, exclude_shared=exclude_shared)


@resource(show_spinner="Recomputing terms, actors and topics for the date range…", max_entries=8)
def load_dated(dataset: Dataset, date_from: str | None, date_to: str | None, exclude_shared: bool = False) -> Analysis:
    """A dataset's analysis cut to a publication-date range, once per server process and range."""
    return for_dates(load_analysis(dataset, exclude_shared), date_from, date_to)


@resource(show_spinner="Recomputing terms, actors and topics for the story…", max_entries=16)
def load_story(dataset: Dataset, story: str, date_from: str | None, date_to: str | None,
               exclude_shared: bool = False) -> Analysis:
    """A dataset's analysis cut to one story (and a date range), once per server process."""
    analysis = analysis_for(dataset, ViewState(date_from=date_from, date_to=date_to), exclude_shared)
    story_of = load_sourcing(dataset).story_of
    return for_articles(analysis, (analysis.articles["id"].astype(str).map(story_of) == story).to_numpy())


_warmed: set[int] = set()  # ids of the corpus stages made ready for cuts in this process
_warm_lock = threading.Lock()


def warm_cuts(analysis: Analysis) -> None:
    """Make ready, once per corpus analysis and server process and in the background, what a
    story or date cut needs and a first page does not (:func:`prepare_cuts`). Called when a run
    has drawn its page, so the visitor reads it meanwhile and their first story change does not
    wait for it. A failure here is only logged: the cut itself reads the same files and says so."""
    with _warm_lock:
        if id(analysis.stage) in _warmed:
            return
        _warmed.add(id(analysis.stage))

    def warm() -> None:
        try:
            prepare_cuts(analysis)
        except Exception:  # noqa: BLE001 - reported by the cut that needs it
            logging.getLogger(__name__).warning("preparing story cuts failed", exc_info=True)

    threading.Thread(target=warm, daemon=True, name="warm-cuts").start()


def analysis_for(dataset: Dataset, state: ViewState, exclude_shared: bool = False) -> Analysis:
    """The dataset's analysis, cut to the link's story and date range when it has them."""
    if state.story:
        return load_story(dataset, state.story, state.date_from, state.date_to, exclude_shared)
    if state.date_from or state.date_to:
        return load_dated(dataset, state.date_from, state.date_to, exclude_shared)
    return load_analysis(dataset, exclude_shared)


@st.cache_resource(show_spinner=False, max_entries=16)
def date_span(dataset: Dataset) -> tuple[dt.date, dt.date] | None:
    """First and last publication date of a dataset (None with fewer than two distinct days)."""
    dates = publication_dates(load_analysis(dataset).articles).dropna()
    return (dates.min().date(), dates.max().date()) if dates.dt.normalize().nunique() >= 2 else None


def _sync_dates(first: dt.date, last: dt.date) -> None:
    chosen = st.session_state.get("dates") or ()
    if len(chosen) != 2:
        return  # still picking the second date
    for name, value, bound in (("from", chosen[0], first), ("to", chosen[1], last)):
        if value == bound:
            st.query_params.pop(name, None)
        else:
            st.query_params[name] = value.isoformat()


def date_filter(dataset: Dataset, state: ViewState) -> None:
    """Sidebar "Published between", kept in ``?from=&to=`` (absent when it spans every date)."""
    span = date_span(dataset)
    if span is None:
        return
    first, last = span

    def clamp(day: str | None, fallback: dt.date) -> dt.date:
        """A date from the link, kept inside the corpus's range (a link may come from a bigger corpus)."""
        return min(max(dt.date.fromisoformat(day), first), last) if day else fallback

    wanted = tuple(sorted((clamp(state.date_from, first), clamp(state.date_to, last))))
    st.sidebar.date_input("Published between", value=wanted, min_value=first, max_value=last, key="dates",
                          on_change=_sync_dates, args=(first, last),
                          help="Every page's numbers, charts and evidence use only the articles published in this "
                               "range (undated articles are left out while a range is set).")


@st.cache_resource(show_spinner=False)
def _analysed() -> set[tuple[Dataset, bool]]:
    """Datasets whose results this server process has seen stored."""
    return set()


@st.cache_resource(show_spinner=False)
def _analysis_lock(dataset: Dataset, exclude_shared: bool) -> threading.Lock:
    """One analysis of a dataset at a time per server: a second visitor waits instead of redoing it."""
    return threading.Lock()


def ensure_analysed(dataset: Dataset, exclude_shared: bool = False) -> None:
    """Compute and store a dataset's analysis, with progress and a Cancel button, if not stored yet.

    Cancel (or any other click, which reruns the page) interrupts the run at the next progress
    update: the workers are stopped and nothing is stored, so the next attempt starts clean.
    """
    store, analysed = get_store(), _analysed()
    if (dataset, exclude_shared) in analysed:
        return  # known stored: no store query on every rerun
    if is_stored(store, dataset.corpus, dataset.revision, dataset.lexicon, exclude_shared=exclude_shared):
        analysed.add((dataset, exclude_shared))
        return
    name = escape_markdown(dataset.corpus)
    if st.session_state.get("_cancelled") == (dataset, exclude_shared):
        st.info(f"The analysis of “{name}” was cancelled; nothing was stored.", icon=":material/cancel:")
        if not st.button("Analyse now", type="primary", key="analyse_now"):
            st.stop()
        del st.session_state["_cancelled"]
    lock = _analysis_lock(dataset, exclude_shared)
    with st.status(f"Analysing “{name}” (once: the results are stored for every visitor)…", expanded=True) as status:
        if not lock.acquire(blocking=False):
            st.write("Another visitor started this analysis; waiting for it to finish.")
            lock.acquire()
        try:
            st.button("Cancel", key="cancel_analysis", icon=":material/cancel:",
                      on_click=lambda: st.session_state.update(_cancelled=(dataset, exclude_shared)))
            bar = st.progress(0.0, text="Starting…")

            def progress(step: str, done: int, total: int) -> None:
                bar.progress(done / max(total, 1), text=f"{step}: {done:,} of {total:,} articles")

            stored_analysis(store, dataset.corpus, dataset.revision, dataset.lexicon, exclude_shared=exclude_shared,
                            progress=progress)
            analysed.add((dataset, exclude_shared))
        finally:
            lock.release()
        status.update(label=f"Analysed “{name}”; results stored", state="complete", expanded=False)


@resource(show_spinner="Reading stored quotes, stories and claims…", max_entries=16)
def load_sourcing(dataset: Dataset, primary: str | None = None) -> Sourcing:
    """Stories, quotes, claims and coverage for a dataset (stored with its analysis), once per
    server process and primary source."""
    sourcing = stored_sourcing(get_store(), dataset.corpus, dataset.revision, dataset.lexicon)
    return sourcing.with_primary(load_analysis(dataset), primary) if primary else sourcing


def page_sourcing(ctx: PageContext, story: str | None = None) -> Sourcing:
    """The sourcing a page shows: of ``story`` (default: the link's; else the whole corpus), selected
    outlets; cut once per server process and view (shared: do not change it)."""
    story = story or ctx.state.story

    def cut() -> Sourcing:
        sourcing = load_sourcing(ctx.dataset, ctx.state.primary)
        if story:
            within = ctx.full if story == ctx.state.story else analysis_for(ctx.dataset, replace(ctx.state, story=None))
            dated = ctx.state.date_from or ctx.state.date_to  # the stored similarity is of all the story's articles
            sourcing = sourcing.for_story(story, within, cut=(lambda: load_story(
                ctx.dataset, story, ctx.state.date_from, ctx.state.date_to)) if dated else None)
        return sourcing.for_outlets(ctx.outlets)

    dates = (ctx.state.date_from, ctx.state.date_to) if story else ()  # a story's cut follows the date range
    return shared_view(("page_sourcing", ctx.dataset, ctx.state.primary, story, dates, tuple(ctx.outlets)), cut)


def current_dataset() -> Dataset:
    """The dataset chosen in the sidebar this run (set by app.py before the page runs)."""
    return st.session_state["_dataset"]


@dataclass(frozen=True)
class PageContext:
    full: Analysis  # all outlets (scores are always computed against the whole corpus)
    view: Analysis  # rows of the selected outlets only
    outlets: list[str]  # selected outlets, in corpus order
    colours: dict[str, str]
    state: ViewState  # what the URL says, validated
    dataset: Dataset
    pooled: list[str] = ()  # outlets shown together as the "Other outlets" row (``?other=1``)

    @property
    def key(self) -> tuple:
        """What ``full`` and ``view`` are a function of: the key of every shared figure and table
        of this view (:mod:`dashboard.ui.shared`), with the page's own parameters added."""
        s = self.state
        return self.dataset, s.story, s.date_from, s.date_to, tuple(self.outlets), tuple(self.pooled)


def choices(analysis: Analysis, corpora: list[str] = (), lexicons: list[str] = (), stories: list[str] = (),
            groups: list[str] = ()) -> Choices:
    return Choices(
        outlets=analysis.outlets,
        topics=[t.id for t in analysis.lexicon.topics],
        actors=[a.id for a in analysis.lexicon.actors],
        articles=analysis.article_ids,
        corpora=list(corpora),
        lexicons=list(lexicons),
        stories=list(stories),
        groups=list(groups),
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def _groups(corpus: str, seed: bool, signature: tuple) -> dict[str, str]:
    return load_groups(corpus, seed=seed)


def dataset_groups(dataset: Dataset, *, quiet: bool = False) -> dict[str, str]:
    """The dataset's outlet groups (its groups file; the seeds' own for the seed corpus); an
    unreadable file gives none, with a warning unless ``quiet``. The file is parsed again only
    when it changed. The mapping is shared: do not change it."""
    seed = any(c.seed and c.name == dataset.corpus for c in stored_corpora())
    path = groups_path(dataset.corpus)
    try:
        return _groups(dataset.corpus, seed, (str(path), _file_signature(path), _file_signature(SEED_GROUPS)))
    except ValueError as exc:
        if not quiet:
            st.warning(escape_markdown(f"The outlet groups file cannot be read: {exc}"), icon="⚠️")
        return {}


def query_mapping() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def show_notices(state: ViewState) -> None:
    for notice in state.notices:
        st.warning(escape_markdown(notice), icon="⚠️")


MAX_DEFAULT_OUTLETS = 12
TOP_OUTLETS = 8


def default_outlets(analysis: Analysis) -> list[str]:
    """All outlets of a small corpus; of a large one, the largest few by article count."""
    if len(analysis.outlets) <= MAX_DEFAULT_OUTLETS:
        return analysis.outlets
    largest = set(analysis.articles["outlet"].value_counts().head(TOP_OUTLETS).index)
    return [o for o in analysis.outlets if o in largest]


def outlet_filter(analysis: Analysis) -> list[str]:
    """Sidebar outlet multiselect bound to ``?outlet=…`` (absent from the URL when it shows the default).

    With hundreds of outlets the options are ordered by article count (type to search), and the
    default is the largest few, so charts stay legible.
    """
    many = len(analysis.outlets) > MAX_DEFAULT_OUTLETS
    options, default = shared_table(("outlet_options", current_dataset()), lambda: (
        list(analysis.articles["outlet"].value_counts().index) if many else analysis.outlets,
        default_outlets(analysis)))
    selected = st.sidebar.multiselect(
        "Outlets", options, default=default, key="outlet", bind="query-params",
        help="Show only these outlets on every page. Scores stay computed against the whole corpus."
             + (" Ordered by article count; type to search." if many else ""),
    )
    if many:
        st.sidebar.caption(f"{len(selected)} of {len(options)} outlets shown (default: the {TOP_OUTLETS} largest).")
    rest = len(analysis.outlets) - len(selected)
    if rest and selected:
        st.sidebar.checkbox(f"Pool the other {rest:,} outlets as one", value=bool(st.query_params.get("other")),
                            key="pool_other", on_change=_sync_other,
                            help="Adds an “Other outlets (pooled)” row to the topic and actor charts: their counts "
                                 "summed, rates over their words. Click it for the sentences behind it.")
    return [o for o in analysis.outlets if o in selected]


def article_labels(articles: pd.DataFrame) -> dict[str, str]:
    """How each article is named in menus, "outlet — headline" (repeats numbered): built column-wise,
    as a corpus has 40,000."""
    headline = articles["headline"].fillna("").astype(str).replace("", "(no headline)")
    return distinct_labels(dict(zip(articles["id"].astype(str), articles["outlet"].astype(str) + " — " + headline)))


def story_label(row) -> str:
    """How a story is named in menus: its representative headline, outlets and first date."""
    when = f" · {row.first}" if row.first else ""
    return f"{row.headline[:70]} · {row.outlets} outlet{'s' if row.outlets != 1 else ''}{when}"


def story_filter(dataset: Dataset) -> str | None:
    """Sidebar "Story" chooser bound to ``?story=``: every page is cut to the chosen story's
    articles. Offers the stories two or more outlets reported (and the linked one, whatever it is)."""
    table = load_sourcing(dataset).stories
    if len(table) < 2:
        return None  # one story: nothing to choose
    linked = st.query_params.get("story")

    def labelled(linked: str | None) -> dict[str, str]:
        offered = table[(table["outlets"] >= 2) | (table["story"] == linked)]
        return distinct_labels({"": "All stories", **{r.story: story_label(r) for r in offered.itertuples()}})

    labels = shared_table(("story_labels", dataset), lambda: labelled(None))
    if linked and linked not in labels:  # a single-outlet story named by the link
        labels = labelled(linked)
    return url_choice(st.sidebar.selectbox, "Story", list(labels), labels=labels, key="story", default="",
                      help="Cut every page to one story: the articles several outlets wrote about one event. "
                           "The Stories page lists them all.") or None


def _sync_other() -> None:
    if st.session_state["pool_other"]:
        st.query_params["other"] = "1"
    else:
        st.query_params.pop("other", None)


def current_state(analysis: Analysis, page: str, corpora: list[str] = (), lexicons: list[str] = ()) -> ViewState:
    """The URL's view state, validated against this analysis (and the stored corpora, lexicons, stories)."""
    stories = shared_table(("story_ids", current_dataset()), lambda: load_sourcing(current_dataset()).stories["story"].tolist())
    groups = group_names(dataset_groups(current_dataset(), quiet=True), analysis.outlets) \
        if st.query_params.get("groups") == "1" else []
    return ViewState.from_query(query_mapping(), choices(analysis, corpora, lexicons, stories, groups), page)


def base_url() -> str:
    """Scheme, host and base path of the running app, for absolute links."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme}://{parts.netloc}" + (f"/{prefix}" if prefix else "")


def page_context(page: str) -> PageContext:
    """The shared context for a page run (the sidebar widgets live in app.py). The cut analysis
    and the outlets' view are made once per server process and view, and shared by the sessions."""
    dataset = current_dataset()
    full = load_analysis(dataset)
    selected = st.session_state.get("outlet") or default_outlets(full)
    outlets = [o for o in full.outlets if o in selected]
    colours = shared_table(("colours", dataset), lambda: {  # from the whole corpus, before any cut
        **outlet_colours(full.outlets, full.articles["outlet"].value_counts()), OTHER: OTHER_COLOUR})
    state = current_state(full, page)
    full = analysis_for(dataset, state)
    pooled = [o for o in full.outlets if o not in outlets] if state.other else []
    ctx = PageContext(full, full, outlets, colours, state, dataset, pooled)
    view = shared_view(("view", *ctx.key), lambda: with_other(full.for_outlets(outlets), full, pooled))
    return PageContext(full, view, outlets, colours, state, dataset, pooled)


def cut_sentences(ctx: PageContext):
    """The sentences of the view's story or date range, every outlet's (the analysis keeps the
    whole corpus's table): what shares of sentences are counted on. Once per server process and cut."""
    return shared_table(("cut_sentences", *ctx.key[:4]), lambda: view_sentences(ctx.full))


def all_dates_note(ctx: PageContext) -> None:
    """Say so on a page that covers every date while the sidebar has a date range set."""
    if ctx.state.date_from or ctx.state.date_to:
        st.caption("This page covers every publication date; the date range applies to the counts on the "
                   "Overview, Terms, Actors, Topics, Read and Compare pages.")


def how_to_read(text: str) -> None:
    """The one-line reading guide under every chart."""
    st.caption(f"**How to read this:** {text}")
