"""Pure analysis: corpus + lexicon in, one :class:`Analysis` of pandas tables out.

Compute once, slice many times: every table has an ``outlet`` column, scores are computed
against the whole corpus, and filtering by outlet selects rows (:meth:`Analysis.for_outlets`)
instead of refitting, so a number never changes because another outlet was hidden.
No Streamlit here: the CLI, the tests and the app all call :func:`analyse`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.analysis.chunks import SENTENCE_COLUMNS, Chunk, Matches, process_rows, scan_texts
from dashboard.analysis.coverage import shared_passages
from dashboard.analysis.distinct import distinct
from dashboard.analysis.house_style import STYLES, is_house_style
from dashboard.analysis.memo import per_array
from dashboard.analysis.mentions import actor_table, article_columns, match_frames, outlet_totals, topic_table
from dashboard.analysis.quotes import quote_frame
from dashboard.analysis.terms import TermMatrix, Tokens, count_ngrams, outlet_sums, term_table
from dashboard.analysis.vocabulary import terms_matching
from dashboard.boilerplate import learned_table
from dashboard.corpus import Article, Corpus
from dashboard.lexicons import Lexicon, Topic
from dashboard.scanner import first_word


@dataclass(frozen=True)
class Analysis:
    """Every table the pages and the report draw from."""

    stage: CorpusStage  # corpus, sentences, all outlets' terms, term matrix (large parts read on first use)
    lexicon: Lexicon
    articles: pd.DataFrame  # one row per article
    matches: pd.DataFrame  # one row per actor/topic match in a body
    headlines: pd.DataFrame  # which actors and topics each article's headline names
    actors: pd.DataFrame  # outlet × actor, zeros included
    topics: pd.DataFrame  # outlet × topic, zeros included
    quotes: pd.DataFrame  # one row per quote or reported-speech sentence (all outlets, like matches)
    shown: tuple[str, ...] | None = None  # this view's outlets (None: all)

    @property
    def outlets(self) -> list[str]:
        return self.stage.outlets

    @property
    def corpus(self) -> Corpus:
        return self.stage.corpus

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence, index = term-matrix row."""
        return self.stage.sentences

    @property
    def sentence_index(self) -> pd.DataFrame:
        """The sentence table without its text (index = term-matrix row): what shares and cuts count on."""
        return self.stage.sentence_index

    def outlet_sentences(self, outlets: list[str]) -> pd.DataFrame:
        """``outlets``' sentences, text included (index = term-matrix row): what evidence is drawn from."""
        return self.stage.outlet_sentences(outlets)

    def sentence_texts(self, rows) -> pd.Series:
        """The text of sentence ``rows``, in their order (index = row)."""
        return self.stage.sentence_texts(rows)

    @property
    def all_terms(self) -> pd.DataFrame:
        """Outlet × term for every outlet (sorted by outlet, then z)."""
        return self.stage.terms

    @property
    def term_matrix(self) -> TermMatrix:
        return self.stage.term_matrix

    @cached_property
    def article_ids(self) -> frozenset[str]:
        """Ids of this view's articles, for fast membership checks of links."""
        return frozenset(self.articles["id"])

    def _term_slices(self) -> list[pd.DataFrame]:
        bounds = self.stage.term_rows
        shown = self.outlets if self.shown is None else self.shown
        return [self.all_terms.iloc[slice(*bounds[o])] for o in shown if o in bounds]

    @cached_property
    def terms(self) -> pd.DataFrame:
        """This view's outlet × term rows, cut from the whole table only when first asked for:
        with millions of rows, most pages and every filter change never need them."""
        if self.shown is None:
            return self.all_terms
        parts = self._term_slices()
        return pd.concat(parts) if parts else self.all_terms.iloc[:0]

    def top_terms(self, top: int, by: str = "log_odds_z", *, hide_style: bool = False) -> pd.DataFrame:
        """Each shown outlet's ``top`` terms by ``by``, read from its own rows (already in z order);
        ``hide_style`` passes over house-style terms (own name, honorifics, reporting verbs)."""
        shown = [o for o in (self.outlets if self.shown is None else self.shown) if o in self.stage.term_rows]
        head = (top + STYLE_MARGIN if hide_style else top) if by == "log_odds_z" else None
        rows = self.stage.outlet_terms(shown, head)
        if hide_style:
            rows = rows[~is_house_style(rows)]
            kept = rows["outlet"].value_counts()
            bounds = self.stage.term_rows
            short = [o for o in shown if head is not None and kept.get(o, 0) < top and bounds[o][1] - bounds[o][0] > head]
            if short:  # more house style than the margin among its first terms: read the outlet's whole slice
                whole = self.stage.outlet_terms(short)
                rows = pd.concat([rows[~rows["outlet"].isin(short)], whole[~is_house_style(whole)]])
        parts = [part.head(top) if by == "log_odds_z" else part.nlargest(top, by)  # shown (corpus) order
                 for _, part in rows.groupby("outlet", observed=True, sort=True)]
        out = pd.concat(parts) if parts else rows.iloc[:0]
        return out.assign(term=out["term"].astype(str))  # not the vocabulary's categories: a table of a few rows

    def for_outlets(self, outlets: list[str]) -> Analysis:
        """The same analysis with only ``outlets``' rows (scores unchanged).

        The per-outlet tables are cut; the sentence and match tables stay whole, because they are
        only ever read for one outlet at a time (evidence, timelines) and copying millions of
        rows on every filter change is what made large corpora slow. Terms are cut on first use.
        """
        keep = set(outlets)

        def pick(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["outlet"].isin(keep)]

        shown = tuple(o for o in self.outlets if o in keep)
        view = Analysis(self.stage, self.lexicon, pick(self.articles), self.matches, self.headlines,
                        pick(self.actors), pick(self.topics), self.quotes, shown)
        return view


STYLE_MARGIN = 50  # extra rows read per outlet when house style is hidden: most outlets have fewer among their top terms
ARTICLE_COLUMNS = ["id", "outlet", "headline", "published", "url", "words", "sentences", "removed"]


def _arrow_text(parts: list) -> pd.Series:
    """One string column from the chunks' Arrow arrays, without copying them."""
    return pd.Series(pa.chunked_array(parts, type=pa.large_string()), dtype="str")


def _article_frame(chunks: list[Chunk]) -> pd.DataFrame:
    return pd.DataFrame([a for c in chunks for a in c.articles], columns=ARTICLE_COLUMNS)


def _sentence_frame(chunks: list[Chunk], articles: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """One row per sentence; the index is the sentence's row in the term matrix."""
    columns = {name: [] for name in SENTENCE_COLUMNS}
    offset = 0
    for c in chunks:
        for name in SENTENCE_COLUMNS:
            values = np.array(c.sentences[name], dtype=np.int32)
            columns[name].append(values + offset if name == "article" else values)
        offset += len(c.articles)
    cols = {name: np.concatenate(parts) if parts else np.zeros(0, np.int32) for name, parts in columns.items()}
    return pd.DataFrame({
        **article_columns(articles, outlets, cols.pop("article")),
        **cols,
        "text": _arrow_text([c.sentence_texts for c in chunks]),
    })


@per_array()
def _topic_columns(vocabulary: np.ndarray, topics: tuple[Topic, ...]) -> list[list[int]]:
    """For each topic, the vocabulary columns its terms match (once per vocabulary: every cut shares it).
    The candidates are the terms that start as some topic's term does, found in one pass for all topics."""
    firsts = [tuple(first_word(t) for t in topic.terms) for topic in topics]
    known = sorted({f for fs in firsts if all(fs) for f in fs}, key=len, reverse=True)
    starting = terms_matching(vocabulary, "^(?:" + "|".join(map(re.escape, known)) + ")") if known else []
    return [[i for i in (starting if all(fs) else range(len(vocabulary))) if topic.pattern.fullmatch(vocabulary[i])]
            for topic, fs in zip(topics, firsts)]


def _tfidf_mass(lexicon: Lexicon, matrix: TermMatrix, outlets: list[str]) -> pd.Series:
    """Sum of each outlet's TF-IDF weight over the vocabulary terms a topic's lexicon matches."""
    rows = []
    for topic, cols in zip(lexicon.topics, _topic_columns(matrix.vocabulary, lexicon.topics)):
        mass = np.asarray(matrix.tfidf[:, cols].sum(axis=1)).ravel() if cols else np.zeros(len(outlets))
        rows += [(o, topic.id, float(v)) for o, v in zip(outlets, mass)]
    return pd.DataFrame(rows, columns=["outlet", "key", "tfidf_mass"]).set_index(["outlet", "key"])["tfidf_mass"]


class CorpusStage:
    """Everything that depends on the corpus and term parameters only (not on the lexicon).

    The small parts (article table, outlets, source) are always in memory. The large ones (the
    corpus rows, sentence and term tables, term matrix, cleaned texts) of a stored stage are read
    from their own file on first use (:meth:`stored`): opening a stored analysis of 40,000
    articles reads megabytes, not gigabytes, and a page that never needs terms never reads them.
    """

    HEAVY = ("corpus", "sentences", "sentence_index", "terms", "term_matrix", "clean_texts", "boilerplate")

    def __init__(self, corpus: Corpus, articles: pd.DataFrame, sentences: pd.DataFrame, terms: pd.DataFrame,
                 term_matrix: TermMatrix, clean_texts: pd.Series):
        self.articles, self.outlets, self.source = articles, list(corpus.outlets), corpus.source
        self.corpus, self.sentences, self.terms = corpus, sentences, terms
        self.term_matrix, self.clean_texts = term_matrix, clean_texts  # per article: a new lexicon is matched here
        self.boilerplate = learned_table(corpus.boilerplate)  # cleaning one article again needs its outlet's rows

    @cached_property
    def term_rows(self) -> dict[str, tuple[int, int]]:
        """Each outlet's row range in the term table (``term_table`` sorts it by outlet code), so a
        view slices the selected outlets' rows instead of testing every row of a table of millions."""
        column = self.terms["outlet"]
        edges = np.searchsorted(column.cat.codes.to_numpy(), np.arange(len(column.cat.categories) + 1))
        return {o: (int(a), int(b)) for o, a, b in zip(column.cat.categories, edges[:-1], edges[1:]) if b > a}

    @classmethod
    def subset(cls, stage: CorpusStage, articles: pd.DataFrame, terms: pd.DataFrame, matrix: TermMatrix) -> CorpusStage:
        """``stage`` cut to ``articles`` (a date range, a story): new term scores; the corpus,
        sentences and cleaned texts stay the whole stage's (read only when first asked for)."""
        cut = cls.__new__(cls)
        cut.__dict__.update(articles=articles, outlets=stage.outlets, source=stage.source, terms=terms,
                            term_matrix=matrix, _lock=threading.Lock(),
                            _read=lambda name, *args: stage.article(*args) if name == "article" else getattr(stage, name),
                            stored_tables=stage.__dict__.get("stored_tables"))
        return cut

    @classmethod
    def stored(cls, light: dict, read: Callable[[str], object], tables=None) -> CorpusStage:
        """A stage whose large parts come from ``read(name)`` when each is first asked for (once,
        thread-safe); ``tables`` (the stored :class:`~dashboard.tables.Tables`) lets a view read
        parts of the sentence table with a filter instead of loading it."""
        stage = cls.__new__(cls)
        stage.__dict__.update(light, _read=read, _lock=threading.Lock(), stored_tables=tables)
        return stage

    def __getattr__(self, name: str):
        read = self.__dict__.get("_read")
        if name not in self.HEAVY or read is None:
            raise AttributeError(name)
        with self._lock:
            if name not in self.__dict__:
                self.__dict__[name] = read(name)
        return self.__dict__[name]

    def _whole_sentences(self) -> bool:
        """Whether sentence questions are answered from the table in memory rather than the stored file."""
        return "sentences" in self.__dict__ or self.__dict__.get("stored_tables") is None

    @property
    def sentence_index(self) -> pd.DataFrame:
        """The sentence table without its text: a fiftieth of the whole to read (20 ms against 1.2 s
        at 10,000 articles), and all that frame shares, tone rows and cuts need."""
        if self._whole_sentences():
            return self.sentences
        return self.__getattr__("sentence_index")

    def outlet_sentences(self, outlets: list[str]) -> pd.DataFrame:
        """``outlets``' sentences with their text, read alone from the stored table while the whole
        one is not loaded (an evidence panel needs one outlet's, not a corpus's)."""
        if self._whole_sentences():
            s = self.sentences
            return s[s["outlet"].isin(outlets)]
        part = self.stored_tables.query("sentences", "outlet IN (SELECT unnest(?))", [list(outlets)])
        return part.assign(outlet=pd.Categorical(part["outlet"], categories=self.outlets))

    def sentence_texts(self, rows) -> pd.Series:
        """The text of sentence ``rows`` (in their order, index = row), read alone from the stored table
        while the whole one is not loaded: a tone table names a few hundred sentences of millions."""
        rows = np.asarray(rows, dtype=np.int64)
        if self._whole_sentences():
            return self.sentences["text"].reindex(rows)
        wanted = distinct(rows).tolist()
        part = self.stored_tables.query("sentences", "file_row_number IN (SELECT unnest(?))", [wanted], columns="text")
        return part["text"].reindex(rows)

    def article(self, article_id: str) -> Article:
        """One article, cleaned as the analysis cleaned it. A stored stage reads its row and its
        outlet's learned furniture alone (``read("article", id)``), not the whole corpus."""
        read = self.__dict__.get("_read")
        if "corpus" in self.__dict__ or read is None:
            return self.corpus.article(article_id)
        return read("article", article_id)

    def outlet_terms(self, outlets: list[str], head: int | None = None) -> pd.DataFrame:
        """The term rows of ``outlets`` (each outlet's first ``head``, its most distinctive), read
        alone from the stored table while the whole one is not loaded: the Terms page of a large
        corpus opens without reading millions of rows. Read so, ``term`` holds strings, not the
        vocabulary's categories."""
        ranges = [(a, b if head is None else min(b, a + head)) for a, b in map(self.term_rows.get, outlets) if a is not None]
        stored = self.__dict__.get("stored_tables")
        if "terms" in self.__dict__ or stored is None or not ranges:
            parts = [self.terms.iloc[a:b] for a, b in ranges]
            return pd.concat(parts) if parts else self.terms.iloc[:0]
        where = " OR ".join("(file_row_number >= ? AND file_row_number < ?)" for _ in ranges)
        part = stored.query("terms", where, [bound for pair in ranges for bound in pair])
        return part.assign(outlet=pd.Categorical(part["outlet"], categories=self.outlets),
                           style=pd.Categorical(part["style"], categories=STYLES))

    def sentences_of(self, article: str) -> pd.DataFrame:
        """One article's sentences (index = term-matrix row), read alone from the stored table when
        the whole one was not loaded: the Read page of a large corpus opens without it."""
        stored = self.__dict__.get("stored_tables")
        if "sentences" in self.__dict__ or stored is None:
            s = self.sentences
            return s[s["article"] == article]
        return stored.query("sentences", "article = ?", [article])


@dataclass(frozen=True)
class LexiconStage:
    """Everything that depends on the lexicon as well."""

    lexicon: Lexicon
    matches: pd.DataFrame
    headlines: pd.DataFrame
    actors: pd.DataFrame
    topics: pd.DataFrame
    quotes: pd.DataFrame  # one row per direct quote or reported-speech sentence, with its speaker


Progress = Callable[[int, int], None] | None


MIN_COUNT = 2  # a term used once in the whole corpus cannot be distinctive; most n-grams are such


def _corpus_stage(corpus: Corpus, chunks: list[Chunk], *, ngram_range, prior_scale: float,
                  exclude_shared: bool, min_count: int = MIN_COUNT) -> CorpusStage:
    outlets = corpus.outlets
    articles = _article_frame(chunks)
    clean_texts = _arrow_text([c.clean_texts for c in chunks])
    sentences = _sentence_frame(chunks, articles, outlets)
    tokens = Tokens()
    for c in chunks:  # each chunk's parts are let go once merged: the peak is what limits corpus size
        tokens.extend(c.tokens)
        c.articles = c.sentences = c.tokens = None
    counts, vocabulary = count_ngrams(tokens, ngram_range, min_count)
    keep = ~shared_passages(sentences, counts, vocabulary)[1] if exclude_shared else None
    matrix = outlet_sums(counts, vocabulary, sentences["outlet"].cat.codes.to_numpy(), len(outlets), keep=keep)
    terms = term_table(matrix, outlets, prior_scale=prior_scale)
    return CorpusStage(corpus, articles, sentences, terms, matrix, clean_texts)


def lexicon_tables(stage: CorpusStage, lexicon: Lexicon, matches: pd.DataFrame, headlines: pd.DataFrame,
                   quotes: pd.DataFrame) -> LexiconStage:
    """Actor and topic tables from match and headline rows (of the whole corpus or a subset of
    its articles: the denominators are the words and sentences of ``stage.articles``)."""
    outlets = stage.outlets
    totals = outlet_totals(stage.articles).reindex(outlets, fill_value=0)
    return LexiconStage(
        lexicon=lexicon,
        matches=matches,
        headlines=headlines,
        actors=actor_table(outlets, totals, lexicon, matches, headlines),
        topics=topic_table(outlets, totals, lexicon, matches, headlines,
                           _tfidf_mass(lexicon, stage.term_matrix, outlets)),
        quotes=quotes,
    )


def _lexicon_stage(stage: CorpusStage, lexicon: Lexicon, parts: list[Matches]) -> LexiconStage:
    quotes = quote_frame([row for part in parts for row in part.quotes])
    return lexicon_tables(stage, lexicon, *match_frames(parts, stage.articles, stage.outlets), quotes)


def _check(corpus: Corpus) -> None:
    if not len(corpus):
        raise ValueError("the corpus has no articles")


def analyse_corpus(corpus: Corpus, *, ngram_range=(1, 3), prior_scale: float = 0.1, exclude_shared: bool = False,
                   min_count: int = MIN_COUNT, progress: Progress = None) -> CorpusStage:
    """Sentences, the term matrix and the distinctive-term table of a corpus.

    ``exclude_shared`` leaves sentences that several outlets share nearly word for word (wire
    copy, pooled quotes) out of the term scores, so "distinctive" means written by that outlet.
    ``progress(done, total)`` is called as articles are processed.
    """
    _check(corpus)
    chunks = process_rows(corpus.rows, corpus.boilerplate, progress=progress)
    return _corpus_stage(corpus, chunks, ngram_range=ngram_range, prior_scale=prior_scale,
                         exclude_shared=exclude_shared, min_count=min_count)


def analyse_lexicon(stage: CorpusStage, lexicon: Lexicon, *, progress: Progress = None) -> LexiconStage:
    """Actor and topic matches and tables for an analysed corpus (its cleaned texts are reused)."""
    s = stage.sentences  # in article order, each article's sentences together
    bounds = np.concatenate([[0], np.cumsum(stage.articles["sentences"].to_numpy())]).tolist()
    triples = list(zip(s["start"].tolist(), s["end"].tolist(), s["paragraph"].tolist()))
    spans = [triples[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    fields = stage.articles[["id", "outlet", "headline"]].to_dict("records")
    parts = scan_texts(stage.clean_texts.tolist(), fields, spans, lexicon, progress=progress)
    return _lexicon_stage(stage, lexicon, parts)


def analyse_stages(corpus: Corpus, lexicon: Lexicon, *, ngram_range=(1, 3), prior_scale: float = 0.1,
                   exclude_shared: bool = False, min_count: int = MIN_COUNT,
                   progress: Progress = None) -> tuple[CorpusStage, LexiconStage]:
    """Both stages in one pass over the articles (each is cleaned once and matched right away)."""
    _check(corpus)
    chunks = process_rows(corpus.rows, corpus.boilerplate, lexicon, progress=progress)
    stage = _corpus_stage(corpus, chunks, ngram_range=ngram_range, prior_scale=prior_scale,
                          exclude_shared=exclude_shared, min_count=min_count)
    return stage, _lexicon_stage(stage, lexicon, [c.matches for c in chunks])


def combine(stage: CorpusStage, lex: LexiconStage) -> Analysis:
    return Analysis(stage=stage, lexicon=lex.lexicon, articles=stage.articles, matches=lex.matches,
                    headlines=lex.headlines, actors=lex.actors, topics=lex.topics, quotes=lex.quotes)


def analyse(corpus: Corpus, lexicon: Lexicon, *, ngram_range=(1, 3), prior_scale: float = 0.1,
            exclude_shared: bool = False, min_count: int = MIN_COUNT, progress: Progress = None) -> Analysis:
    """Run every analysis over ``corpus`` with ``lexicon``."""
    return combine(*analyse_stages(corpus, lexicon, ngram_range=ngram_range, prior_scale=prior_scale,
                                   exclude_shared=exclude_shared, min_count=min_count, progress=progress))


__all__ = ["Analysis", "CorpusStage", "LexiconStage", "analyse", "analyse_corpus", "analyse_lexicon", "analyse_stages",
           "combine", "outlet_totals"]
