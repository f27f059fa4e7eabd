"""Framing: the sentence-level scores stored with an analysis, and its framing tables in one call.

:func:`analyse_framing` scores what costs the most per sentence (VADER tone of each sentence
naming an actor, frame cue terms in every sentence) once, in the worker pool, so it is stored with
the analysis and no page computes it on a visit. :func:`framing_tables` gives actor suggestions,
frames, tone and group comparisons for the report; the pages call the same pure functions one
at a time through cached wrappers. Rows are kept for the outlets the analysis shows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import combinations

import numpy as np
import pandas as pd

from dashboard.analysis.discover import suggest_actors
from dashboard.analysis.frames import Frame, default_frames, frame_cues, frame_table
from dashboard.analysis.groups import group_actors, group_names, group_terms, group_topics
from dashboard.analysis.tone import actor_rows, actor_sentences, actor_tone, sentence_tone
from dashboard.workers import SHARED, run

TONE_CHUNK = 5_000  # sentences per task: VADER takes about 0.1 ms per sentence
CUE_CHUNK = 20_000  # sentences per task: one frame-cue regex pass each


class FramingStage:
    """Per-sentence framing scores of a whole corpus; a cut (story, dates) selects its rows.

    Each table is a value or a function of no arguments that reads it, called on first use: the
    Actors page of the whole corpus needs only the tone summary, a cut's the tone rows, never the
    cue table (at 40,000 articles 1.2M rows each)."""

    def __init__(self, tone: pd.DataFrame | Callable[[], pd.DataFrame],
                 cues: pd.DataFrame | Callable[[], pd.DataFrame],
                 summary: pd.DataFrame | Callable[[], pd.DataFrame] | None = None) -> None:
        self._tables = {"tone": tone, "cues": cues, "summary": summary}
        self._lock = threading.Lock()

    def _table(self, name: str) -> pd.DataFrame:
        with self._lock:  # two sessions asking at once read it once
            if callable(self._tables[name]):
                self._tables[name] = self._tables[name]()
            return self._tables[name]

    @property
    def tone(self) -> pd.DataFrame:
        """actor, row (sentence row), outlet, article, tone: each sentence naming an actor, VADER-scored."""
        return self._table("tone")

    @property
    def cues(self) -> pd.DataFrame:
        """row, frame, start, end, text: every frame cue term found."""
        return self._table("cues")

    @property
    def summary(self) -> pd.DataFrame | None:
        """The whole corpus's :func:`~dashboard.analysis.tone.actor_tone` with its extreme sentences as text
        (:func:`with_texts`), stored: looking those few hundred sentences up among millions in the stored
        sentence table was half the Actors page's first open at 40,000 articles. None where it was not made."""
        return self._table("summary")

    def scored_in(self, sentences: pd.DataFrame) -> pd.DataFrame:
        """The scored actor sentences among these sentences (a cut's), as :func:`actor_sentences` gives them."""
        return _rows_in(self.tone, sentences)

    def cues_in(self, sentences: pd.DataFrame) -> pd.DataFrame:
        """The cues of these sentences (a cut's)."""
        return _rows_in(self.cues, sentences)


def _rows_in(table: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``table`` whose sentence ``row`` is one of ``sentences``'. The whole corpus's
    sentence table (index 0 … n-1, of which ``table``'s rows are) keeps them all, without a
    membership test of a million rows."""
    index = sentences.index
    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1:
        return table
    return table[table["row"].isin(index)]


def _tone_task(bounds: tuple[int, int]) -> np.ndarray:
    return sentence_tone(SHARED["texts"][slice(*bounds)])


def _cue_task(bounds: tuple[int, int]) -> pd.DataFrame:
    return frame_cues(SHARED["sentences"].iloc[slice(*bounds)], SHARED["frames"])


def analyse_framing(analysis, frames: tuple[Frame, ...]) -> FramingStage:
    """VADER scores of the sentences naming an actor and the frame cues of every sentence, in the
    worker pool (each sentence is independent)."""
    sentences = analysis.sentences
    tone = actor_rows(sentences, analysis.matches)
    which, texts = pd.factorize(sentences.loc[tone["row"], "text"].astype(str))  # a repeated sentence is scored once
    scores = run(_tone_task, len(texts), {"texts": texts.tolist()}, chunk=TONE_CHUNK)
    tone["tone"] = np.concatenate(scores)[which] if scores else np.array([], dtype=float)
    parts = run(_cue_task, len(sentences), {"sentences": sentences[["text"]], "frames": frames}, chunk=CUE_CHUNK)
    cues = pd.concat(parts, ignore_index=True) if parts else frame_cues(sentences.iloc[:0], frames)
    return FramingStage(tone, cues)

GROUP_TERMS = 20  # most distinctive terms kept for each side of a group pair


def _shown(table: pd.DataFrame, outlets: set[str]) -> pd.DataFrame:
    return table[table["outlet"].isin(outlets)].reset_index(drop=True)


def with_texts(tone: pd.DataFrame, texts: Callable[[pd.Series], pd.Series]) -> pd.DataFrame:
    """The most negative and most positive sentence as text, not row numbers (the rows are internal);
    ``texts`` gives the text of sentence rows (:meth:`Analysis.sentence_texts`)."""
    both = texts(np.concatenate([tone["most_negative"].to_numpy(), tone["most_positive"].to_numpy()]))  # one read
    both = both.astype(str).to_numpy()
    return tone.assign(most_negative=both[:len(tone)], most_positive=both[len(tone):])


def view_sentences(analysis) -> pd.DataFrame:
    """The sentences of an analysis' articles, all outlets', without their text: a story's or date
    range's cut keeps the whole corpus's sentence table, so its frame shares must be counted on its
    own rows."""
    sentences, articles = analysis.sentence_index, analysis.stage.articles
    if len(articles) == sentences["article"].nunique():
        return sentences
    return sentences[sentences["article"].isin(set(articles["id"]))]


def framing_tables(analysis, *, groups: dict[str, str] | None = None, frames: tuple[Frame, ...] | None = None,
                   stored: FramingStage | None = None, suggestions: int = 30) -> dict:
    """``actor_suggestions``, ``frames``, ``tone`` tables and a ``groups`` dict (``outlets``: the
    mapping; ``terms`` per group pair; ``frames``, ``topics``, ``actors``, ``tone`` per group).
    ``stored`` (the corpus's :class:`FramingStage`, for the shipped frames) saves scoring again."""
    frames = frames or default_frames()
    sentences = view_sentences(analysis)
    shown = set(analysis.articles["outlet"].astype(str))
    cues = stored.cues_in(sentences) if stored is not None else frame_cues(sentences, frames)
    scored = stored.scored_in(sentences) if stored is not None else actor_sentences(sentences, analysis.matches)
    out = {
        "actor_suggestions": suggest_actors(analysis.sentences, articles=set(analysis.articles["id"]),
                                            lexicon=analysis.lexicon, top=suggestions),
        "frames": _shown(frame_table(sentences, cues, frames), shown),
        "tone": with_texts(_shown(actor_tone(scored, analysis.lexicon), shown), analysis.sentence_texts),
        "groups": {},
    }
    names = group_names(groups or {}, analysis.outlets)
    if len(names) >= 2:
        pairs = {}
        for a, b in combinations(names, 2):
            terms = group_terms(analysis.term_matrix, analysis.outlets, groups, a, b)
            pairs[(a, b)] = pd.concat([terms.head(GROUP_TERMS), terms.tail(GROUP_TERMS).iloc[::-1]]).drop_duplicates("term")
        out["groups"] = {
            "outlets": {o: groups[o] for o in analysis.outlets if o in groups},
            "terms": pairs,
            "frames": frame_table(sentences, cues, frames, groups=groups).rename(columns={"outlet": "group"}),
            "topics": group_topics(sentences, analysis.matches, analysis.lexicon, groups),
            "actors": group_actors(analysis.articles, analysis.matches, analysis.lexicon, groups),
            "tone": with_texts(actor_tone(scored, analysis.lexicon, groups=groups), analysis.sentence_texts)
            .rename(columns={"outlet": "group"}),
        }
    return out
