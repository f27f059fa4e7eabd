"""The analysis as plain data: the JSON/CSV/text the CLI prints and the app exports."""

from __future__ import annotations

import json
import math

import pandas as pd

from dashboard.analysis import Analysis
from dashboard.analysis.sourcing import Sourcing

TERM_FIELDS = ["outlet", "term", "count", "sentences", "tfidf", "log_odds_z", "thin", "style"]
ACTOR_FIELDS = ["outlet", "actor", "label", "named_mentions", "role_mentions", "per_1k_words",
                "first_sentence", "in_headline", "in_lede", "variants"]
TOPIC_FIELDS = ["outlet", "topic", "label", "hits", "per_1k_words", "per_1k_low", "per_1k_high",
                "sentence_share", "share_low", "share_high", "first_sentence", "in_headline", "in_lede",
                "tfidf_mass"]


def top_terms(terms: pd.DataFrame, top: int | None, by: str = "log_odds_z") -> pd.DataFrame:
    """The ``top`` highest-scoring terms of each outlet (all when ``top`` is None)."""
    ordered = terms.sort_values(["outlet", by], ascending=[True, False], kind="stable")
    return ordered if top is None else ordered.groupby("outlet", sort=False).head(top)


def _records(frame: pd.DataFrame, fields: list[str]) -> list[dict]:
    """Rows as JSON-safe dicts (NA -> None, numpy scalars -> Python)."""
    out = []
    for row in frame[fields].to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            clean[key] = value
        out.append(clean)
    return out


def sourcing_report(sourcing: Sourcing) -> dict:
    """The quotes / quote_groups / shared / claims sections of the report."""
    quotes = sourcing.quotes.assign(speaker=sourcing.quotes["speaker"].astype(object).where(sourcing.quotes["speaker"].notna(), None))
    return {
        "stories": _records(sourcing.stories.drop(columns="outlets").rename(columns={"outlet_list": "outlets"}),
                            STORY_FIELDS),
        "quotes": _records(quotes, QUOTE_FIELDS),
        "quote_groups": [
            {"group": int(g.group), "speaker": g.speaker, "outlets": g.outlets, "reference": g.reference,
             "variants": [{"outlet": v["outlet"], "text": v["text"],
                           "diff": [{"op": op, "reference": a, "text": b} for op, a, b in v["diff"] if op != "equal"]}
                          for v in g.variants]}
            for g in sourcing.quote_groups.itertuples()
        ],
        "shared": [{"outlets": r.outlets, "text": r.text} for r in sourcing.shared.itertuples()],
        "claims": [{"claim": int(r.claim), "story": r.story, "text": r.text, "outlets": r.outlets, "paraphrased_by": r.paraphrased_by,
                    "omitted_by": r.omitted_by, "closest": r.closest}
                   for r in sourcing.claims.itertuples()],
    }


def framing_report(tables: dict) -> dict:
    """The actor_suggestions / frames / tone / groups sections, from :func:`dashboard.analysis.framing.framing_tables`."""
    suggestions = tables["actor_suggestions"].assign(example=[e[0]["text"] if e else None for e in tables["actor_suggestions"]["examples"]])
    groups = tables["groups"]
    return {
        "actor_suggestions": _records(suggestions, [c for c in suggestions.columns if c != "examples"]),
        "frames": _records(tables["frames"], list(tables["frames"].columns)),
        "tone": _records(tables["tone"], list(tables["tone"].columns)),
        "groups": {"outlets": groups["outlets"],
                   "terms": [{"a": a, "b": b, **r} for (a, b), t in groups["terms"].items() for r in _records(t, list(t.columns))],
                   **{k: _records(groups[k], list(groups[k].columns)) for k in ("frames", "topics", "actors", "tone")}}
        if groups else {},
    }


def build_report(analysis: Analysis, *, top: int | None = 20, sourcing: Sourcing | None = None,
                 framing: dict | None = None) -> dict:
    """The report dictionary: corpus, articles, terms, actors, topics (and, with ``sourcing``,
    quotes, quote_groups, shared, claims)."""
    corpus = analysis.corpus
    keep = set(analysis.articles["id"])
    articles = [a for a in corpus.articles if a.id in keep]
    return {
        "corpus": {
            "source": corpus.source,
            "articles": len(articles),
            "outlets": list(dict.fromkeys(a.outlet for a in articles)),
            "words": sum(a.words for a in articles),
        },
        "articles": [
            {
                "id": a.id, "outlet": a.outlet, "headline": a.headline, "published": a.published,
                "url": a.url, "words": a.words, "sentences": len(a.sentences), "clean_text": a.clean_text,
                "removed": [{"rule": r.rule, "text": r.text, "note": r.note} for r in a.removed],
                **({"story": sourcing.story_of.get(a.id)} if sourcing is not None else {}),
            }
            for a in articles
        ],
        "terms": _records(top_terms(analysis.terms, top), TERM_FIELDS),
        "actors": _records(analysis.actors, ACTOR_FIELDS),
        "topics": _records(analysis.topics, TOPIC_FIELDS),
        **(sourcing_report(sourcing) if sourcing is not None else {}),
        **(framing_report(framing) if framing is not None else {}),
    }


def report_json(analysis: Analysis, *, top: int | None = 20, sourcing: Sourcing | None = None,
                framing: dict | None = None) -> str:
    return json.dumps(build_report(analysis, top=top, sourcing=sourcing, framing=framing), indent=2, ensure_ascii=False)


STORY_FIELDS = ["story", "label", "headline", "first", "last", "outlets", "articles", "missing"]  # outlets: names
QUOTE_FIELDS = ["outlet", "article", "sentence", "speaker", "verb", "text", "direct"]
TABLES = {"terms": TERM_FIELDS, "actors": ACTOR_FIELDS, "topics": TOPIC_FIELDS}


def report_csv(analysis: Analysis, table: str, *, top: int | None = 20) -> str:
    """One table of the report as CSV."""
    frame = top_terms(analysis.terms, top) if table == "terms" else getattr(analysis, table)
    return frame[TABLES[table]].to_csv(index=False)


def report_text(analysis: Analysis, *, top: int | None = 10) -> str:
    """A short human-readable summary per outlet."""
    lines = []
    terms = top_terms(analysis.terms, top)
    for outlet in analysis.articles["outlet"].unique():
        words = analysis.articles.loc[analysis.articles["outlet"] == outlet, "words"].sum()
        lines.append(f"== {outlet} ({words} words)")
        t = terms[terms["outlet"] == outlet]
        lines.append("  distinctive terms (log-odds z): " + ", ".join(
            f"{r.term} {r.log_odds_z:.2f}{'*' if r.thin else ''}" for r in t.itertuples()))
        a = analysis.actors[(analysis.actors["outlet"] == outlet)]
        a = a[a["named_mentions"] + a["role_mentions"] > 0].sort_values("per_1k_words", ascending=False)
        lines.append("  actors (named+role): " + ", ".join(
            f"{r.label} {r.named_mentions}+{r.role_mentions}" for r in a.itertuples()))
        tp = analysis.topics[analysis.topics["outlet"] == outlet].sort_values("per_1k_words", ascending=False)
        lines.append("  topics (hits per 1k words): " + ", ".join(
            f"{r.topic} {r.per_1k_words:.1f}" for r in tp.itertuples() if r.hits))
    lines.append("(* thin evidence: term found in fewer than two sentences)")
    return "\n".join(lines) + "\n"
