"""Analysis results kept on disk, so a restart or a second visitor does not recompute.

This is the pipeline's side of storage: it decides what is computed and which tables make a
result; :mod:`dashboard.tables` writes and reads them and knows nothing of the analysis.
Results live under ``FRAMING_LENS_CACHE`` (default ``data/cache``) in three folders of Parquet
tables, each keyed by what it depends on:

* ``corpus-…``: cleaned texts, sentences, the term matrix and distinctive terms (corpus revision
  and term parameters);
* ``lexicon-…``: matches, actor and topic tables, quotes (that and the lexicon's content);
* ``sourcing-…``: stories, quote groups, shared passages, claims, similarity (the same key);
* ``framing-…``: the tone of each sentence naming an actor and the frame cues of every sentence
  (that key and the frames file's content),

so a new lexicon version recomputes only the last three, an edited frames file only the last. A folder is written under a temporary
name and renamed when complete; a missing, damaged or older-format folder is recomputed.
Large tables are read on first use, never on opening.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard import tables
from dashboard.analysis import Analysis, CorpusStage, LexiconStage, analyse_corpus, analyse_lexicon, analyse_stages, combine
from dashboard.analysis.chunks import SENTENCE_COLUMNS
from dashboard.analysis.frames import FRAMES_FILE, parse_frames
from dashboard.analysis.framing import FramingStage, analyse_framing, with_texts
from dashboard.analysis.sourcing import Sourcing, analyse_sourcing
from dashboard.analysis.terms import TermMatrix
from dashboard.analysis.tone import actor_tone
from dashboard.corpus import make_article
from dashboard.lexicons import parse_lexicon
from dashboard.store import ROOT, Store

DEFAULT_CACHE = ROOT / "data" / "cache"
FORMAT = 13  # bump when a stored table changes shape: older folders are then recomputed
MATRICES = ("sentence_counts", "outlet_counts", "outlet_sentences", "tfidf")


def cache_dir() -> Path:
    return Path(os.environ.get("FRAMING_LENS_CACHE") or DEFAULT_CACHE)


def _code_version(package: Path) -> str:
    """A digest of the code that computes stored results: every module of the package but the Streamlit side
    (``ui/``, ``pages/``), which only reads them. A changed cleaning or quote rule then recomputes instead of
    serving numbers the new rules would not give."""
    digest = hashlib.sha1()
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] not in ("ui", "pages"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


CODE_VERSION = _code_version(Path(__file__).resolve().parent)


def _key(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, (FORMAT, CODE_VERSION, *parts))).encode()).hexdigest()[:24]


def _save_stage(folder: Path, stage: CorpusStage) -> None:
    matrix = stage.term_matrix
    tables.write(folder, meta={"format": FORMAT, "outlets": stage.outlets, "source": stage.source,
                               "term_rows": stage.term_rows},  # so one outlet's terms are read without the rest
                 tables={"articles": stage.articles, "sentences": stage.sentences, "terms": stage.terms,
                         "clean_texts": stage.clean_texts, "boilerplate": stage.boilerplate,
                         "vocabulary": pd.Series(matrix.vocabulary, dtype=object)},
                 matrices={name: getattr(matrix, name) for name in MATRICES},
                 queried=("sentences", "terms"))  # read a few rows or one outlet's at a time (evidence, Terms)


class _StoredTermMatrix(TermMatrix):
    """A stored term matrix whose parts are each read on first use: Compare needs the outlet sums,
    not the sentence × term counts (the largest table of a corpus), which only a story cut reads."""

    def __init__(self, stored: tables.Tables):  # the fields come from __getattr__, one at a time
        object.__setattr__(self, "_stored", stored)
        object.__setattr__(self, "_lock", threading.Lock())

    def __getattr__(self, name: str):
        if name not in ("vocabulary", *MATRICES) or "_stored" not in self.__dict__:
            raise AttributeError(name)
        with self._lock:
            if name not in self.__dict__:
                stored = self._stored
                value = stored.table("vocabulary").to_numpy(dtype=object) if name == "vocabulary" else stored.matrix(name)
                object.__setattr__(self, name, value)
        return self.__dict__[name]

    def outlet_rows(self, rows):
        return tuple(self.__dict__[name][rows] if name in self.__dict__ else self._stored.matrix_rows(name, rows)
                     for name in ("outlet_counts", "outlet_sentences"))

    def terms_at(self, columns):
        if "vocabulary" in self.__dict__:
            return self.vocabulary[columns]
        with self._lock:  # the vocabulary kept as one Arrow string array, read once (a tenth of its size as Python strings)
            if "_terms" not in self.__dict__:
                object.__setattr__(self, "_terms", self._stored.arrow("vocabulary").column("value"))
        return self._terms.take(pa.array(np.asarray(columns, dtype=np.int64))).to_pandas().array  # pandas' str, no copy


def _load_stage(folder: Path, store: Store, corpus: str) -> CorpusStage | None:
    stored = tables.Tables.open(folder, format=FORMAT)
    if stored is None:
        return None

    def read(name: str, article_id: str | None = None):
        if name == "corpus":
            return store.load(corpus)
        if name == "article":  # one article cleaned again with its outlet's learned furniture
            row = store.article_row(corpus, article_id)
            learned = stored.query("boilerplate", "outlet = ?", [row["outlet"]])
            return make_article(**row, boilerplate=dict(zip(learned["key"].tolist(), learned["articles"].tolist())))
        if name == "term_matrix":
            return _StoredTermMatrix(stored)
        if name == "sentence_index":
            return stored.table("sentences", columns=["outlet", *SENTENCE_COLUMNS])
        return stored.table(name)

    light = {"articles": stored.table("articles"), "outlets": stored.meta["outlets"], "source": stored.meta["source"]}
    if "term_rows" in stored.meta:
        light["term_rows"] = {o: tuple(rows) for o, rows in stored.meta["term_rows"].items()}
    return CorpusStage.stored(light, read, stored)


LEXICON_TABLES = ("matches", "headlines", "actors", "topics", "quotes")


def _save_lexicon(folder: Path, lex: LexiconStage) -> None:
    tables.write(folder, meta={"format": FORMAT}, tables={name: getattr(lex, name) for name in LEXICON_TABLES})


def _load_lexicon(folder: Path, lexicon_yaml: tuple[str, str]) -> LexiconStage | None:
    stored = tables.Tables.open(folder, format=FORMAT)
    if stored is None:
        return None
    return LexiconStage(parse_lexicon(*lexicon_yaml), *(stored.table(name) for name in LEXICON_TABLES))


SOURCING_TABLES = Sourcing.TABLES


def _save_sourcing(folder: Path, sourcing: Sourcing) -> None:
    tables.write(folder, meta={"format": FORMAT}, tables={name: getattr(sourcing, name) for name in SOURCING_TABLES})


def _load_sourcing(folder: Path) -> Sourcing | None:
    stored = tables.Tables.open(folder, format=FORMAT)
    if stored is None:
        return None
    return Sourcing.stored(stored.table, stored.query)


def _save_framing(folder: Path, framing: FramingStage, summary: pd.DataFrame) -> None:
    tables.write(folder, meta={"format": FORMAT}, tables={"tone": framing.tone, "cues": framing.cues, "summary": summary})


def _load_framing(folder: Path) -> FramingStage | None:
    stored = tables.Tables.open(folder, format=FORMAT)
    if stored is None:
        return None
    return FramingStage(partial(stored.table, "tone", categories=("actor", "article", "outlet")),
                        partial(stored.table, "cues"), partial(stored.table, "summary"))


def frames_text() -> str:
    """The shipped frames file's content: its edits are part of the framing results' key."""
    return FRAMES_FILE.read_text(encoding="utf-8")


def framing_path(corpus_revision: str, lexicon_yaml: tuple[str, str], exclude_shared: bool, frames: str,
                 directory: Path | None = None) -> Path:
    """Where the framing scores of an analysis (for the frames file ``frames``) are kept."""
    return (directory or cache_dir()) / f"framing-{_key(corpus_revision, exclude_shared, *lexicon_yaml, frames)}"


def stored_paths(corpus_revision: str, lexicon_yaml: tuple[str, str], exclude_shared: bool,
                 directory: Path | None = None) -> tuple[Path, Path, Path]:
    """Where the corpus, lexicon and sourcing results of an analysis are kept."""
    root = directory or cache_dir()
    lexicon_key = _key(corpus_revision, exclude_shared, *lexicon_yaml)
    return (root / f"corpus-{_key(corpus_revision, exclude_shared)}", root / f"lexicon-{lexicon_key}",
            root / f"sourcing-{lexicon_key}")


def is_stored(store: Store, corpus: str, revision: str, lexicon_version: int, *, exclude_shared: bool = False,
              directory: Path | None = None) -> bool:
    """Whether opening this analysis reads results instead of computing them."""
    lexicon_yaml = store.lexicon_yaml(corpus, lexicon_version)
    paths = (*stored_paths(revision, lexicon_yaml, exclude_shared, directory),
             framing_path(revision, lexicon_yaml, exclude_shared, frames_text(), directory))
    return all(tables.Tables.open(p, format=FORMAT) is not None for p in paths)


Progress = Callable[[str, int, int], None] | None


def stored_analysis(store: Store, corpus: str, revision: str, lexicon_version: int, *,
                    exclude_shared: bool = False, directory: Path | None = None,
                    progress: Progress = None) -> Analysis:
    """The analysis of a stored corpus, from disk when computed before; its sourcing and framing
    scores are computed and stored with it, so every page opens from disk
    (:func:`stored_sourcing`, :func:`stored_framing`).

    ``progress(step, done, total)`` reports articles processed; an exception it raises (a
    cancel) stops the work, and nothing is stored.
    """
    lexicon_yaml = store.lexicon_yaml(corpus, lexicon_version)
    corpus_path, lexicon_path, sourcing_path = stored_paths(revision, lexicon_yaml, exclude_shared, directory)
    stage = _load_stage(corpus_path, store, corpus)
    lex = _load_lexicon(lexicon_path, lexicon_yaml)

    def report(step: str):
        return (lambda done, total: progress(step, done, total)) if progress else None

    if stage is None and lex is None:  # one pass: each article is cleaned once and matched right away
        stage, lex = analyse_stages(store.load(corpus), parse_lexicon(*lexicon_yaml), exclude_shared=exclude_shared,
                                    progress=report("cleaning, counting terms, matching the lexicon, finding quotes"))
        _save_stage(corpus_path, stage)
        _save_lexicon(lexicon_path, lex)
    if stage is None:
        stage = analyse_corpus(store.load(corpus), exclude_shared=exclude_shared,
                               progress=report("cleaning articles and counting terms"))
        _save_stage(corpus_path, stage)
    if lex is None:
        lex = analyse_lexicon(stage, parse_lexicon(*lexicon_yaml), progress=report("matching actors and topics, finding quotes"))
        _save_lexicon(lexicon_path, lex)
    analysis = combine(stage, lex)
    if tables.Tables.open(sourcing_path, format=FORMAT) is None:
        if progress:
            progress("grouping stories, quotes and claims", 0, 1)
        _save_sourcing(sourcing_path, analyse_sourcing(analysis))
    frames = frames_text()
    path = framing_path(revision, lexicon_yaml, exclude_shared, frames, directory)
    if tables.Tables.open(path, format=FORMAT) is None:
        if progress:
            progress("scoring tone and frame cues", 0, 1)
        framing = analyse_framing(analysis, parse_frames(frames))
        _save_framing(path, framing, with_texts(actor_tone(framing.tone, analysis.lexicon), analysis.sentence_texts))
    return analysis


def stored_sourcing(store: Store, corpus: str, revision: str, lexicon_version: int, *,
                    exclude_shared: bool = False, directory: Path | None = None) -> Sourcing:
    """Stories, quotes, claims and coverage of a stored corpus (computed with its analysis if missing)."""
    path = stored_paths(revision, store.lexicon_yaml(corpus, lexicon_version), exclude_shared, directory)[2]
    sourcing = _load_sourcing(path)
    if sourcing is None:
        stored_analysis(store, corpus, revision, lexicon_version, exclude_shared=exclude_shared, directory=directory)
        sourcing = _load_sourcing(path)
    return sourcing


def stored_framing(store: Store, corpus: str, revision: str, lexicon_version: int, *,
                   exclude_shared: bool = False, directory: Path | None = None) -> FramingStage:
    """Tone and frame-cue scores of a stored corpus for the current frames file (computed if missing)."""
    lexicon_yaml = store.lexicon_yaml(corpus, lexicon_version)
    path = framing_path(revision, lexicon_yaml, exclude_shared, frames_text(), directory)
    framing = _load_framing(path)
    if framing is None:
        stored_analysis(store, corpus, revision, lexicon_version, exclude_shared=exclude_shared, directory=directory)
        framing = _load_framing(path)
    return framing
