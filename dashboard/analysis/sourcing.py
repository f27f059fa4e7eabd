"""Sourcing and omission in one result: quotes, variants, shared passages, claims, similarity.

Kept apart from :func:`dashboard.analysis.analyse` because claim clustering costs more than the
counts do, and only the Quotes and Coverage views need it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from dashboard.analysis import Analysis
from dashboard.analysis.coverage import (
    CELL_COLUMNS,
    CLAIM_COLUMNS,
    ClaimVectors,
    claim_pool,
    claims,
    content_of,
    normalise,
    outlet_similarity,
    prominence,
    shared_passages,
    similarity_frame,
    story_similarities,
    within_story_similarity,
)
from dashboard.analysis.quotes import GROUP_COLUMNS, quote_groups, verb_table, voice_table, word_diff
from dashboard.analysis.stories import stories
from dashboard.workers import SHARED, run, workers

VERBATIM, CLOSE = 97, 85
PARALLEL_SENTENCES = 5000  # below this many sentences in multi-outlet stories, forking costs more than it saves


class Sourcing:
    """Stories, quotes, claims and coverage of a corpus, one table each.

    A table is given as a value or as a function of no arguments that makes it, called on first
    use: a stored sourcing reads only the tables a page asks for, and a cut (:meth:`for_outlets`,
    :meth:`for_story`) cuts only those; a stored sourcing (:meth:`stored`) reads a story's rows
    with a filter instead of the whole table.
    """

    TABLES = ("stories", "story_of", "quotes", "voices", "verbs", "quote_groups", "shared", "claims", "claim_of",
              "claim_cells", "similarity", "story_similarity", "prominence")
    # stories: story, label, headline, representative, first, last, outlets, outlet_list, articles, missing
    # story_of: article id -> story id; quotes: one row per direct quote or reported-speech sentence
    # voices: outlet × speaker (quotes, words, share of voice); verbs: outlet × reporting verb
    # quote_groups: the same remark across outlets, with word diffs; shared: near-identical sentences across outlets
    # claims: claim, story, text, outlets, paraphrased_by, omitted_by, closest, sentences
    # claim_of: sentence row -> claim id (-1: in no claim)
    # claim_cells: claim, story, outlet, state (carried / paraphrased / not found), sentence row, score
    # similarity: outlet × outlet cosine; story_similarity: the same within each story of two or more outlets,
    # as rows (story, outlet, position, other, similarity); prominence: outlet × topic/actor by position

    def __init__(self, **tables):
        if set(tables) != set(self.TABLES):
            raise TypeError(f"Sourcing needs exactly the tables {', '.join(self.TABLES)}")
        self.__dict__.update(_tables=tables, _lock=threading.RLock(), _query=None)

    @classmethod
    def stored(cls, read: Callable[[str], object], query: Callable[[str, str, list], pd.DataFrame]) -> Sourcing:
        """A sourcing whose tables are read by ``read(name)`` on first use; ``query(name, where, params)``
        reads one story's rows of a table alone."""
        sourcing = cls(**{name: partial(read, name) for name in cls.TABLES})
        sourcing.__dict__["_query"] = query
        return sourcing

    def __getattr__(self, name: str):
        tables = self.__dict__.get("_tables")
        if tables is None or name not in tables:
            raise AttributeError(name)
        with self._lock:
            if callable(tables[name]):
                tables[name] = tables[name]()
            return tables[name]

    def _with(self, **changes) -> Sourcing:
        """The same sourcing with some tables replaced (values or functions); the others are this one's,
        read when first asked for."""
        kept = {name: _Same(self, name) for name in self.TABLES if name not in changes}
        return Sourcing(**kept, **changes)

    def _story_rows(self, name: str, story: str) -> pd.DataFrame:
        """Table ``name``'s rows of ``story``: read alone from the stored table while it is not loaded,
        else filtered."""
        table = self._tables[name]
        if isinstance(table, _Same):
            return table.source._story_rows(name, story)
        if callable(table) and self._query is not None:
            return self._query(name, "story = ?", [story])
        table = getattr(self, name)
        return table[table["story"] == story]

    def for_outlets(self, outlets: list[str]) -> Sourcing:
        """Rows that involve the selected outlets (groups, passages and claims touching any of them)."""
        keep = set(outlets)

        def mine(names: list[str]) -> list[str]:
            return [o for o in names if o in keep]

        def touching(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
            """Rows involving a selected outlet, with their outlet lists cut to the selection."""
            frame = frame.loc[frame["outlets"].map(lambda o: bool(keep & set(o))).astype(bool)].copy()
            for column in columns:
                frame[column] = frame[column].map(mine)
            return frame

        def own(name: str):
            return lambda: (lambda frame: frame[frame["outlet"].isin(keep)])(getattr(self, name))

        def groups() -> pd.DataFrame:
            out = touching(self.quote_groups, "outlets")
            out["variants"] = out["variants"].map(lambda vs: [v for v in vs if v["outlet"] in keep])
            return out

        def claims() -> pd.DataFrame:
            out = touching(self.claims, "outlets", "paraphrased_by", "omitted_by")
            out["closest"] = out["closest"].map(lambda c: {o: v for o, v in c.items() if o in keep})
            return out

        def similarity() -> pd.DataFrame:
            sim = self.similarity
            return sim.loc[[o for o in sim.index if o in keep], [o for o in sim.columns if o in keep]]

        return self._with(quotes=own("quotes"), voices=own("voices"), verbs=own("verbs"), quote_groups=groups,
                          shared=lambda: touching(self.shared, "outlets"), claims=claims,
                          claim_cells=own("claim_cells"), similarity=similarity, prominence=own("prominence"))

    def for_story(self, story: str, analysis: Analysis, cut: Callable[[], Analysis] | None = None) -> Sourcing:
        """Only story ``story``: its articles' quotes, the quote groups they are in, its claims, and the
        prominence of actors and topics in its articles of ``analysis`` (the corpus, a date range of it, or
        the story cut). The outlet similarity is the story's stored one; ``cut`` (the analysis cut to the
        story and a date range) is for a date range, which the stored one does not follow."""
        articles = set(self.story_of.index[self.story_of == story])
        mine = analysis.articles["id"].isin(articles).to_numpy()  # a categorical tests its categories, not each row
        reporting = set(analysis.articles.loc[mine, "outlet"])
        covered = [o for o in analysis.outlets if o in reporting]

        def quotes() -> pd.DataFrame:
            return self.quotes[self.quotes["article"].isin(articles)]

        def similarity() -> pd.DataFrame:
            if cut is None:
                return similarity_frame(cut_sourcing.story_similarity)
            part = cut()
            return within_story_similarity(part.term_matrix.outlet_counts[[part.outlets.index(o) for o in covered]],
                                           covered)

        def rows(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["article"].isin(articles)]

        cut_sourcing = self._with(
            quotes=quotes, verbs=lambda: verb_table(cut_sourcing.quotes),
            voices=lambda: voice_table(cut_sourcing.quotes, dict(zip(self.voices["speaker"], self.voices["label"]))),
            quote_groups=lambda: self._story_rows("quote_groups", story), claims=lambda: self._story_rows("claims", story),
            claim_cells=lambda: self._story_rows("claim_cells", story),
            shared=lambda: self.shared[self.shared["articles"].map(lambda a: bool(articles & set(a))).astype(bool)],
            similarity=similarity,
            story_similarity=lambda: self._story_rows("story_similarity", story),
            prominence=lambda: prominence(rows(analysis.matches), rows(analysis.headlines), analysis.lexicon))
        return cut_sourcing

    def with_primary(self, analysis: Analysis, primary: str) -> Sourcing:
        """Each quote checked against article ``primary`` (the source others quote from)."""
        return self._with(quotes=lambda: check_against_primary(self.quotes, analysis.stage.article(primary).clean_text,
                                                               primary))


class _Same:
    """A table a cut leaves as it was: read from the sourcing it was cut from, when first asked for."""

    def __init__(self, source: Sourcing, name: str):
        self.source, self.name = source, name

    def __call__(self):
        return getattr(self.source, self.name)


def check_against_primary(quotes: pd.DataFrame, primary_text: str, primary_article: str) -> pd.DataFrame:
    """Add ``source_check`` (verbatim / close / not in source), ``source_score`` and ``source_diff``."""
    source = primary_text.lower()
    checks, scores, diffs = [], [], []
    for r in quotes.itertuples():
        if r.article == primary_article or not r.direct:
            checks.append(None), scores.append(None), diffs.append([])
            continue
        alignment = fuzz.partial_ratio_alignment(r.text.lower(), source, processor=None)
        score = fuzz.ratio(normalise(r.text), normalise(source[alignment.dest_start:alignment.dest_end]))
        checks.append("verbatim" if score >= VERBATIM else "close" if score >= CLOSE else "not in source")
        scores.append(round(score, 1))
        excerpt = primary_text[alignment.dest_start:alignment.dest_end]
        diffs.append(word_diff(excerpt, r.text) if checks[-1] == "close" else [])
    return quotes.assign(source_check=checks, source_score=scores, source_diff=diffs)


def sentence_rows(analysis: Analysis, frame: pd.DataFrame) -> np.ndarray:
    """The sentence-table row of each (article, sentence) of ``frame`` (NaN where there is none)."""
    s = analysis.sentence_index
    row_of = pd.Series(s.index, index=pd.MultiIndex.from_arrays([s["article"].astype(str), s["sentence"]]))
    return row_of.reindex(pd.MultiIndex.from_arrays([frame["article"].astype(str), frame["sentence"]])).to_numpy()


def content_texts(analysis: Analysis) -> pd.Series:
    """Each sentence that names an actor, with every mention (named or role) written ``actor_<id>``:
    the paraphrase test then sees "his Russian counterpart" and "Putin" as the same word."""
    m = analysis.matches[analysis.matches["kind"] == "actor"]
    if m.empty:
        return pd.Series(dtype=object)
    rows = sentence_rows(analysis, m)
    found = ~np.isnan(rows)
    rows, starts, ends = rows[found].astype(np.int64), m["start"].to_numpy()[found], m["end"].to_numpy()[found]
    keys = m["key"].astype(str).to_numpy()[found]
    order = np.lexsort((-starts, rows))  # per sentence, the last mention first: earlier offsets stay valid
    s = analysis.sentences
    texts, offsets = s["text"], s["start"].to_numpy()
    out: dict[int, str] = {}
    for row, start, end, key in zip(rows[order].tolist(), starts[order].tolist(), ends[order].tolist(), keys[order]):
        text = out.get(row)
        if text is None:
            text = texts.iat[row]
        offset = offsets[row]
        out[row] = f"{text[:start - offset]} actor_{key} {text[end - offset:]}"
    return pd.Series(out, dtype=object)


def story_per_sentence(sentences: pd.DataFrame, story_of: pd.Series) -> np.ndarray:
    """Each sentence's story id."""
    return sentences["article"].astype(str).map(story_of).to_numpy()


def _story_slices(story: np.ndarray) -> tuple[np.ndarray, list[tuple[str, int, int]]]:
    """The positions of ``story`` sorted by story, and (story, start, end) of each story's run in
    that order, stories in order of first appearance (so ids numbered in it are stable)."""
    order = np.argsort(story, kind="stable")
    if not len(order):
        return order, []
    ordered = story[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    runs = sorted(zip(starts.tolist(), np.r_[starts[1:], len(order)].tolist()), key=lambda run: order[run[0]])
    return order, [(ordered[a], a, b) for a, b in runs]


def _group_of_rows(groups: pd.DataFrame, quote_row: pd.Series) -> pd.Series:
    """Sentence row -> quote group, for the sentences that carry a grouped quote."""
    members = [(quote, group) for group, quotes in zip(groups["group"], groups["quotes"]) for quote in quotes]
    quotes, group = (np.array(column) for column in zip(*members)) if members else (np.array([], int), np.array([], int))
    rows = quote_row.reindex(quotes).to_numpy()
    found = ~pd.isna(rows)
    return pd.Series(group[found], index=rows[found]).groupby(level=0).first()


def _stories_task(bounds: tuple[int, int]) -> list[tuple]:
    """Quote groups and claims of stories ``bounds`` of ``SHARED["work"]`` (run in the worker pool).

    The claim vectors are counted once for the chunk's stories together, each story weighted by
    its own rows (:class:`~dashboard.analysis.coverage.ClaimVectors`)."""
    sentences, quotes, outlets, content, quote_row = (SHARED[k] for k in ("sentences", "quotes", "outlets", "content",
                                                                            "quote_row"))
    parts = [(name, sentences.iloc[a:b], quotes.iloc[c:d]) for name, (a, b), (c, d) in SHARED["work"][slice(*bounds)]]
    pools = [claim_pool(part) for _, part, _ in parts]
    pooled = [pool for pool, _ in pools if pool is not None]
    pooled = pd.concat(pooled) if pooled else sentences.iloc[:0]
    vectors = ClaimVectors(pooled["text"], content_of(pooled, content))
    out = []
    for (name, part, said), (_, pool_name) in zip(parts, pools):
        groups = quote_groups(said, outlets) if said["outlet"].nunique() >= 2 else pd.DataFrame(columns=GROUP_COLUMNS)
        covered = set(part["outlet"])
        table, of, cells = claims(part, [o for o in outlets if o in covered], vectors=vectors,
                                  quote_group=_group_of_rows(groups, quote_row))
        out.append((name, groups, table, of[of >= 0], cells, pool_name or "none: too large"))
    return out


@dataclass(frozen=True)
class StorySourcing:
    """What is found within each story two or more outlets reported."""

    quote_groups: pd.DataFrame  # GROUP_COLUMNS + story: the same remark as each outlet worded it
    claims: pd.DataFrame  # CLAIM_COLUMNS + story
    claim_of: pd.Series  # sentence row -> claim id (-1: in no claim)
    claim_cells: pd.DataFrame  # CELL_COLUMNS + story
    pools: dict[str, str]  # story -> which sentences its claims come from


def story_sourcing(sentences: pd.DataFrame, quotes: pd.DataFrame, story_of: pd.Series, outlets: list[str], *,
                   content: pd.Series, quote_row: pd.Series) -> StorySourcing:
    """:func:`quote_groups` and :func:`claims` within each story two or more outlets reported.

    A claim and its omission only mean something among the outlets that covered the same event,
    and blocking by story keeps a remark quoted in hundreds of reports from becoming one group
    compared all against all. Stories are independent, so they run in the worker pool, largest
    first. Group and claim ids run across stories; claims also record which sentences they came
    from (:data:`~dashboard.analysis.coverage.POOLS`, or "none: too large"). ``quote_row``: each
    quote's sentence row; ``content``: sentences with actor mentions as ids (:func:`content_texts`).
    """
    story = story_per_sentence(sentences, story_of)
    reach = pd.Series(sentences["outlet"].to_numpy()).groupby(story).nunique()
    several = set(reach.index[reach >= 2])  # only these stories' sentences are copied for the workers

    def slices(of_story: np.ndarray) -> tuple[np.ndarray, list[tuple[str, int, int]]]:
        kept = np.flatnonzero(pd.Series(of_story).isin(several).to_numpy())
        order, runs = _story_slices(of_story[kept])
        return kept[order], runs

    s_order, s_runs = slices(story)
    q_order, q_runs = slices(quotes["article"].astype(str).map(story_of).to_numpy())
    light = sentences[["article", "sentence", "paragraph", "outlet", "text"]].take(s_order)  # one take; stories are slices
    light["outlet"] = light["outlet"].astype(str)
    said = {name: (a, b) for name, a, b in q_runs}
    work = [(name, (a, b), said.get(name, (0, 0))) for name, a, b in s_runs]
    largest_first = sorted(work, key=lambda w: w[1][0] - w[1][1])
    shared = {"sentences": light, "quotes": quotes.take(q_order), "outlets": outlets, "content": content,
              "quote_row": quote_row, "work": largest_first}
    chunk = max(1, len(work) // (8 * workers()))
    parallel = sum(b - a for _, (a, b), _ in work) >= PARALLEL_SENTENCES and len(work) > 1
    found = {r[0]: r[1:] for part in run(_stories_task, len(work), shared, chunk=chunk, parallel=parallel) for r in part}
    claim_of = pd.Series(-1, index=sentences.index, name="claim")
    groups, tables, cells, pools, g_offset, c_offset = [], [], [], {}, 0, 0
    for name, *_ in work:
        g, table, of, cell, pools[name] = found[name]
        groups.append(g.assign(group=g["group"] + g_offset, story=name))
        tables.append(table.assign(claim=table["claim"] + c_offset, story=name))
        cells.append(cell.assign(claim=cell["claim"] + c_offset, story=name))
        claim_of.loc[of.index] = of + c_offset
        g_offset, c_offset = g_offset + len(g), c_offset + len(table)

    def joined(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[*columns, "story"])

    quote_table = joined([g for g in groups if len(g)], GROUP_COLUMNS)
    quote_table = quote_table.sort_values("outlets", key=lambda o: -o.str.len(), kind="stable", ignore_index=True)
    return StorySourcing(quote_table.assign(group=range(len(quote_table))), joined(tables, CLAIM_COLUMNS), claim_of,
                         joined(cells, CELL_COLUMNS), pools)


def story_table(analysis: Analysis) -> tuple[pd.DataFrame, pd.Series]:
    """Stories of the corpus, each with the outlets that did not report it though most did, and
    each article's story."""
    found = stories(analysis.articles, analysis.stage.clean_texts.tolist())
    missing = found.missing_outlets().groupby("story")["outlet"].agg(list)
    table = found.table.assign(missing=found.table["story"].map(missing).map(lambda m: m if isinstance(m, list) else []))
    return table, pd.Series(found.story.to_numpy(), index=analysis.articles["id"].astype(str).to_numpy(), name="story")


def analyse_sourcing(analysis: Analysis, *, primary: str | None = None) -> Sourcing:
    """Stories, quotes, variants, shared passages, claims, outlet similarity and prominence."""
    outlets = analysis.outlets
    quotes = analysis.quotes
    table, story_of = story_table(analysis)
    matrix = analysis.term_matrix
    shared, _ = shared_passages(analysis.sentences, matrix.sentence_counts, matrix.vocabulary)
    quote_row = pd.Series(sentence_rows(analysis, quotes), index=quotes.index)
    within = story_sourcing(analysis.sentences, quotes, story_of, outlets, content=content_texts(analysis),
                            quote_row=quote_row)
    sourcing = Sourcing(
        stories=table.assign(claims_from=table["story"].map(within.pools).fillna("")),
        story_of=story_of,
        quotes=quotes,
        voices=voice_table(quotes, {a.id: a.label for a in analysis.lexicon.actors}),
        verbs=verb_table(quotes),
        quote_groups=within.quote_groups,
        shared=shared,
        claims=within.claims,
        claim_of=within.claim_of,
        claim_cells=within.claim_cells,
        similarity=outlet_similarity(matrix.tfidf, outlets),
        story_similarity=story_similarities(matrix.sentence_counts, story_per_sentence(analysis.sentences, story_of),
                                            analysis.sentences["outlet"].cat.codes.to_numpy(), outlets,
                                            set(table.loc[table["outlets"] >= 2, "story"])),
        prominence=prominence(analysis.matches, analysis.headlines, analysis.lexicon),
    )
    return sourcing.with_primary(analysis, primary) if primary else sourcing
