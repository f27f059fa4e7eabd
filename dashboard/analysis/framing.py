"""The framing tables of one analysis in one call: actor suggestions, frames, tone and group comparisons.

For the report and for any caller that wants them all; the pages call the same pure functions one
at a time through cached wrappers. Rows are kept for the outlets the analysis shows.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from dashboard.analysis.discover import suggest_actors
from dashboard.analysis.frames import Frame, default_frames, frame_cues, frame_table
from dashboard.analysis.groups import group_actors, group_names, group_terms, group_topics
from dashboard.analysis.tone import actor_sentences, actor_tone

GROUP_TERMS = 20  # most distinctive terms kept for each side of a group pair


def _shown(table: pd.DataFrame, outlets: set[str]) -> pd.DataFrame:
    return table[table["outlet"].isin(outlets)].reset_index(drop=True)


def _with_texts(tone: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The most negative and most positive sentence as text, not row numbers (the rows are internal)."""
    text = sentences["text"].astype(str)
    return tone.assign(most_negative=text.reindex(tone["most_negative"]).to_numpy(),
                       most_positive=text.reindex(tone["most_positive"]).to_numpy())


def framing_tables(analysis, *, groups: dict[str, str] | None = None, frames: tuple[Frame, ...] | None = None,
                   suggestions: int = 30) -> dict:
    """``actor_suggestions``, ``frames``, ``tone`` tables and a ``groups`` dict (``outlets``: the
    mapping; ``terms`` per group pair; ``frames``, ``topics``, ``actors``, ``tone`` per group)."""
    frames = frames or default_frames()
    sentences = analysis.sentences
    shown = set(analysis.articles["outlet"].astype(str))
    cues = frame_cues(sentences, frames)
    scored = actor_sentences(sentences, analysis.matches)
    out = {
        "actor_suggestions": suggest_actors(sentences, articles=set(analysis.articles["id"]), lexicon=analysis.lexicon,
                                            top=suggestions),
        "frames": _shown(frame_table(sentences, cues, frames), shown),
        "tone": _with_texts(_shown(actor_tone(scored, analysis.lexicon), shown), sentences),
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
            "tone": _with_texts(actor_tone(scored, analysis.lexicon, groups=groups), sentences)
            .rename(columns={"outlet": "group"}),
        }
    return out
