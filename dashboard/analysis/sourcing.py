"""Sourcing and omission in one result: quotes, variants, shared passages, claims, similarity.

Kept apart from :func:`dashboard.analysis.analyse` because claim clustering costs more than the
counts do, and only the Quotes and Coverage views need it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from dashboard.analysis import Analysis
from dashboard.analysis.coverage import (
    CELL_COLUMNS,
    CLAIM_COLUMNS,
    claim_pool,
    claims,
    normalise,
    outlet_similarity,
    prominence,
    shared_passages,
)
from dashboard.analysis.quotes import quote_groups, verb_table, voice_table, word_diff
from dashboard.analysis.stories import stories

VERBATIM, CLOSE = 97, 85


@dataclass(frozen=True)
class Sourcing:
    stories: pd.DataFrame  # story, label, headline, representative, first, last, outlets, outlet_list, articles, missing
    story_of: pd.Series  # article id -> story id
    quotes: pd.DataFrame  # one row per direct quote or reported-speech sentence
    voices: pd.DataFrame  # outlet × speaker: quotes, words, share of voice
    verbs: pd.DataFrame  # outlet × reporting verb
    quote_groups: pd.DataFrame  # the same remark across outlets, with word diffs
    shared: pd.DataFrame  # near-identical sentences across outlets
    claims: pd.DataFrame  # claim, story, text, outlets, paraphrased_by, omitted_by, closest, sentences
    claim_of: pd.Series  # sentence row -> claim id (-1: in no claim)
    claim_cells: pd.DataFrame  # claim, story, outlet, state (carried / paraphrased / not found), sentence row, score
    similarity: pd.DataFrame  # outlet × outlet cosine
    prominence: pd.DataFrame  # outlet × topic/actor by position

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

        def own(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["outlet"].isin(keep)]

        sim = self.similarity.loc[[o for o in self.similarity.index if o in keep], [o for o in self.similarity.columns if o in keep]]
        groups = touching(self.quote_groups, "outlets")
        groups["variants"] = groups["variants"].map(lambda vs: [v for v in vs if v["outlet"] in keep])
        claims = touching(self.claims, "outlets", "paraphrased_by", "omitted_by")
        claims["closest"] = claims["closest"].map(lambda c: {o: v for o, v in c.items() if o in keep})
        return replace(self, quotes=own(self.quotes), voices=own(self.voices), verbs=own(self.verbs),
                       quote_groups=groups, shared=touching(self.shared, "outlets"), claims=claims,
                       claim_cells=own(self.claim_cells), similarity=sim, prominence=own(self.prominence))

    def for_story(self, story: str, analysis: Analysis) -> Sourcing:
        """Only story ``story``: its articles' quotes, the quote groups they are in, its claims, and the
        outlet similarity and prominence of ``analysis`` (the analysis cut to the story's articles)."""
        articles = set(self.story_of.index[self.story_of == story])
        covered = [o for o in analysis.outlets if o in set(analysis.articles["outlet"])]
        quotes = self.quotes[self.quotes["article"].astype(str).isin(articles)]
        groups = self.quote_groups[self.quote_groups["story"] == story]
        claims = self.claims[self.claims["story"] == story]
        shared = self.shared[self.shared["articles"].map(lambda a: bool(articles & set(a))).astype(bool)]
        return replace(self, quotes=quotes, voices=voice_table(quotes, dict(zip(self.voices["speaker"], self.voices["label"]))),
                       verbs=verb_table(quotes), quote_groups=groups, shared=shared, claims=claims,
                       claim_cells=self.claim_cells[self.claim_cells["story"] == story],
                       similarity=outlet_similarity(analysis.term_matrix.tfidf, analysis.outlets).loc[covered, covered],
                       prominence=prominence(analysis))

    def with_primary(self, analysis: Analysis, primary: str) -> Sourcing:
        """Each quote checked against article ``primary`` (the source others quote from)."""
        checked = check_against_primary(self.quotes, analysis.stage.article(primary).clean_text, primary)
        return replace(self, quotes=checked)


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
    s = analysis.sentences
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


def quote_group_rows(analysis: Analysis, quotes: pd.DataFrame, groups: pd.DataFrame) -> pd.Series:
    """Sentence row -> quote group, for the sentences that carry a grouped quote."""
    members = groups[["group", "quotes"]].explode("quotes").dropna()
    if members.empty:
        return pd.Series(dtype=float)
    q = quotes.loc[members["quotes"].to_numpy(), ["article", "sentence"]].assign(group=members["group"].to_numpy())
    rows = sentence_rows(analysis, q)
    return pd.Series(q["group"].to_numpy(), index=rows).loc[lambda g: g.index.notna()].groupby(level=0).first()


def story_claims(sentences: pd.DataFrame, story_of: pd.Series, outlets: list[str], *, content: pd.Series,
                 quote_group: pd.Series) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame, dict[str, str]]:
    """:func:`claims` within each story that two or more outlets reported (a claim and its
    omission only mean something among the outlets that covered the same event), with claim
    ids running across stories and a ``story`` column on the claims and cells; and, per story,
    which sentences its claims come from (:data:`~dashboard.analysis.coverage.POOLS`, or
    "none: too large")."""
    story = sentences["article"].astype(str).map(story_of)
    claim_of = pd.Series(-1, index=sentences.index, name="claim")
    tables, cells, offset, pools = [], [], 0, {}
    for name, rows in story.groupby(story, sort=False).groups.items():
        part = sentences.loc[rows]
        covered = set(part["outlet"].astype(str))
        if len(covered) < 2:
            continue
        pools[name] = claim_pool(part)[1] or "none: too large"
        table, of, cell = claims(part, [o for o in outlets if o in covered], content=content, quote_group=quote_group)
        claim_of.loc[of.index[of >= 0]] = of[of >= 0] + offset
        tables.append(table.assign(claim=table["claim"] + offset, story=name))
        cells.append(cell.assign(claim=cell["claim"] + offset, story=name))
        offset += len(table)
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=[*CLAIM_COLUMNS, "story"])
    cell = pd.concat(cells, ignore_index=True) if cells else pd.DataFrame(columns=[*CELL_COLUMNS, "story"])
    return table, claim_of, cell, pools


def story_quote_groups(quotes: pd.DataFrame, story_of: pd.Series, outlets: list[str]) -> pd.DataFrame:
    """:func:`quote_groups` within each story two or more outlets reported: the same remark as each
    outlet worded it in its report of that event. Blocking by story keeps a remark quoted in
    hundreds of reports from becoming one group compared all against all; group ids run across
    stories and each group carries its ``story``."""
    story = quotes["article"].astype(str).map(story_of)
    parts, offset = [], 0
    for name, rows in story.groupby(story, sort=False).groups.items():
        part = quotes.loc[rows]
        if part["outlet"].nunique() < 2:
            continue
        groups = quote_groups(part, outlets)
        parts.append(groups.assign(group=groups["group"] + offset, story=name))
        offset += len(groups)
    if not parts:
        return pd.DataFrame(columns=["group", "speaker", "outlets", "reference", "variants", "quotes", "story"])
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.sort_values("outlets", key=lambda o: -o.str.len(), kind="stable", ignore_index=True)
    return frame.assign(group=range(len(frame)))


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
    groups = story_quote_groups(quotes, story_of, outlets)
    claim_table, claim_of, cells, pools = story_claims(analysis.sentences, story_of, outlets,
                                                       content=content_texts(analysis),
                                                       quote_group=quote_group_rows(analysis, quotes, groups))
    sourcing = Sourcing(
        stories=table.assign(claims_from=table["story"].map(pools).fillna("")),
        story_of=story_of,
        quotes=quotes,
        voices=voice_table(quotes, {a.id: a.label for a in analysis.lexicon.actors}),
        verbs=verb_table(quotes),
        quote_groups=groups,
        shared=shared,
        claims=claim_table,
        claim_of=claim_of,
        claim_cells=cells,
        similarity=outlet_similarity(analysis.term_matrix.tfidf, outlets),
        prominence=prominence(analysis),
    )
    return sourcing.with_primary(analysis, primary) if primary else sourcing
