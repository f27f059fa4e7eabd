"""Pure analysis: corpus + lexicon in, one :class:`Analysis` of pandas tables out.

Compute once, slice many times: every table has an ``outlet`` column, scores are computed
against the whole corpus, and filtering by outlet selects rows (:meth:`Analysis.for_outlets`)
instead of refitting, so a number never changes because another outlet was hidden.
No Streamlit here: the CLI, the tests and the app all call :func:`analyse`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from dashboard.analysis.coverage import shared_passages
from dashboard.analysis.mentions import actor_table, headline_table, match_table, outlet_totals, topic_table
from dashboard.analysis.terms import TermMatrix, term_matrix, term_table
from dashboard.corpus import Corpus
from dashboard.lexicons import Lexicon


@dataclass(frozen=True)
class Analysis:
    """Every table the pages and the report draw from."""

    corpus: Corpus
    lexicon: Lexicon
    articles: pd.DataFrame  # one row per article
    sentences: pd.DataFrame  # one row per sentence, index = term-matrix row
    matches: pd.DataFrame  # one row per actor/topic match in a body
    terms: pd.DataFrame  # outlet × term
    actors: pd.DataFrame  # outlet × actor, zeros included
    topics: pd.DataFrame  # outlet × topic, zeros included
    term_matrix: TermMatrix

    @property
    def outlets(self) -> list[str]:
        return self.corpus.outlets

    @cached_property
    def article_ids(self) -> frozenset[str]:
        """Ids of this view's articles, for fast membership checks of links."""
        return frozenset(self.articles["id"])

    def for_outlets(self, outlets: list[str]) -> Analysis:
        """The same analysis with only ``outlets``' rows (scores unchanged).

        The per-outlet tables are cut; the sentence and match tables stay whole, because they are
        only ever read for one outlet at a time (evidence, timelines) and copying millions of
        rows on every filter change is what made large corpora slow.
        """
        keep = set(outlets)

        def pick(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["outlet"].isin(keep)]

        return Analysis(self.corpus, self.lexicon, pick(self.articles), self.sentences, self.matches,
                        pick(self.terms), pick(self.actors), pick(self.topics), self.term_matrix)


def _sentence_frame(corpus: Corpus) -> pd.DataFrame:
    """One row per sentence; the index is the sentence's row in the term matrix."""
    return pd.DataFrame(
        [(a.outlet, a.id, s.index, s.paragraph, s.start, s.end, s.text) for a in corpus.articles for s in a.sentences],
        columns=["outlet", "article", "sentence", "paragraph", "start", "end", "text"],
    )


def _article_frame(corpus: Corpus) -> pd.DataFrame:
    return pd.DataFrame(
        [(a.id, a.outlet, a.headline, a.published, a.url, a.words, len(a.sentences), len(a.removed))
         for a in corpus.articles],
        columns=["id", "outlet", "headline", "published", "url", "words", "sentences", "removed"],
    )


def _tfidf_mass(lexicon: Lexicon, matrix: TermMatrix, outlets: list[str]) -> pd.Series:
    """Sum of each outlet's TF-IDF weight over the vocabulary terms a topic's lexicon matches."""
    rows = []
    for topic in lexicon.topics:
        cols = [i for i, term in enumerate(matrix.vocabulary) if topic.pattern.fullmatch(term)]
        mass = np.asarray(matrix.tfidf[:, cols].sum(axis=1)).ravel() if cols else np.zeros(len(outlets))
        rows += [(o, topic.id, float(v)) for o, v in zip(outlets, mass)]
    return pd.DataFrame(rows, columns=["outlet", "key", "tfidf_mass"]).set_index(["outlet", "key"])["tfidf_mass"]


@dataclass(frozen=True)
class CorpusStage:
    """Everything that depends on the corpus and term parameters only (not on the lexicon)."""

    corpus: Corpus
    articles: pd.DataFrame
    sentences: pd.DataFrame
    terms: pd.DataFrame
    term_matrix: TermMatrix


@dataclass(frozen=True)
class LexiconStage:
    """Everything that depends on the lexicon as well."""

    lexicon: Lexicon
    matches: pd.DataFrame
    actors: pd.DataFrame
    topics: pd.DataFrame


def _categorical(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Repeated labels as categories: a fraction of the memory, and outlet filters become code lookups."""
    return frame.astype({c: "category" for c in columns})


def analyse_corpus(corpus: Corpus, *, ngram_range=(1, 3), prior_scale: float = 0.1,
                   exclude_shared: bool = False) -> CorpusStage:
    """Sentences, the term matrix and the distinctive-term table of a corpus.

    ``exclude_shared`` leaves sentences that several outlets share nearly word for word (wire
    copy, pooled quotes) out of the term scores, so "distinctive" means written by that outlet.
    """
    outlets = corpus.outlets
    if not corpus.articles:
        raise ValueError("the corpus has no articles")
    sentences = _sentence_frame(corpus)
    codes = pd.Categorical(sentences["outlet"], categories=outlets).codes
    keep = ~shared_passages(sentences)[1] if exclude_shared else None
    matrix = term_matrix(sentences["text"].tolist(), np.asarray(codes), len(outlets), ngram_range=ngram_range, keep=keep)
    terms = term_table(matrix, outlets, prior_scale=prior_scale)
    return CorpusStage(corpus, _article_frame(corpus), _categorical(sentences, "outlet", "article"),
                       _categorical(terms, "outlet"), matrix)


def analyse_lexicon(stage: CorpusStage, lexicon: Lexicon) -> LexiconStage:
    """Actor and topic matches and tables for a corpus stage."""
    corpus = stage.corpus
    matches = match_table(corpus, lexicon)
    headlines = headline_table(corpus, lexicon)
    return LexiconStage(
        lexicon=lexicon,
        matches=_categorical(matches, "kind", "key", "outlet", "article"),
        actors=actor_table(corpus, lexicon, matches, headlines),
        topics=topic_table(corpus, lexicon, matches, headlines, _tfidf_mass(lexicon, stage.term_matrix, corpus.outlets)),
    )


def combine(stage: CorpusStage, lex: LexiconStage) -> Analysis:
    return Analysis(corpus=stage.corpus, lexicon=lex.lexicon, articles=stage.articles, sentences=stage.sentences,
                    matches=lex.matches, terms=stage.terms, actors=lex.actors, topics=lex.topics,
                    term_matrix=stage.term_matrix)


def analyse(corpus: Corpus, lexicon: Lexicon, *, ngram_range=(1, 3), prior_scale: float = 0.1,
            exclude_shared: bool = False) -> Analysis:
    """Run every analysis over ``corpus`` with ``lexicon``."""
    stage = analyse_corpus(corpus, ngram_range=ngram_range, prior_scale=prior_scale, exclude_shared=exclude_shared)
    return combine(stage, analyse_lexicon(stage, lexicon))


__all__ = ["Analysis", "CorpusStage", "LexiconStage", "analyse", "analyse_corpus", "analyse_lexicon", "combine",
           "outlet_totals"]
