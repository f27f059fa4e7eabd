"""Analysis results kept on disk, so a restart or a second visitor does not recompute.

Results are stored in two layers under ``FRAMING_LENS_CACHE`` (default ``data/cache``):

* the corpus stage (cleaned articles, sentences, term matrix, distinctive terms), keyed by the
  corpus revision and the term parameters;
* the lexicon stage (matches, actors, topics), keyed by that and the lexicon's content,

so a new lexicon version recomputes only the lexicon stage. Files are written to a temporary
name and renamed, so a cancelled or killed computation never leaves a half-written result; an
unreadable file is treated as missing and recomputed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

from dashboard.analysis import Analysis, CorpusStage, analyse_corpus, analyse_lexicon, analyse_stages, combine
from dashboard.lexicons import parse_lexicon
from dashboard.store import ROOT, Store

DEFAULT_CACHE = ROOT / "data" / "cache"
FORMAT = 7  # bump when the pickled classes change shape


def cache_dir() -> Path:
    return Path(os.environ.get("FRAMING_LENS_CACHE") or DEFAULT_CACHE)


def _key(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, (FORMAT, *parts))).encode()).hexdigest()[:24]


def _load(path: Path):
    """The value stored at ``path``, or None when it is missing or unreadable (then it is recomputed)."""
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None


def _save(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _save_stage(path: Path, stage: CorpusStage) -> None:
    """The corpus stage in two files: its large parts, then (so the small file means both are
    there) the article table and outlets a page opens with."""
    _save(_heavy(path), stage.heavy())
    _save(path, stage.light())


def _load_stage(path: Path) -> CorpusStage | None:
    light = _load(path)
    if light is None or not _heavy(path).exists():
        return None

    def read_heavy() -> dict:
        parts = _load(_heavy(path))
        if parts is None:
            raise RuntimeError(f"the stored analysis {_heavy(path)} is unreadable; delete it and reopen to recompute")
        return parts

    return CorpusStage.stored(light, read_heavy)


def _heavy(path: Path) -> Path:
    return path.with_name(path.stem + "-large.pkl")


def stored_paths(corpus_revision: str, lexicon_yaml: tuple[str, str], exclude_shared: bool,
                 directory: Path | None = None) -> tuple[Path, Path]:
    """Where the corpus stage and the lexicon stage of an analysis are kept."""
    root = directory or cache_dir()
    return (root / f"corpus-{_key(corpus_revision, exclude_shared)}.pkl",
            root / f"lexicon-{_key(corpus_revision, exclude_shared, *lexicon_yaml)}.pkl")


def is_stored(store: Store, corpus: str, revision: str, lexicon_version: int, *, exclude_shared: bool = False,
              directory: Path | None = None) -> bool:
    """Whether opening this analysis reads results instead of computing them."""
    paths = stored_paths(revision, store.lexicon_yaml(corpus, lexicon_version), exclude_shared, directory)
    return all(p.exists() for p in (*paths, _heavy(paths[0])))


Progress = Callable[[str, int, int], None] | None


def stored_analysis(store: Store, corpus: str, revision: str, lexicon_version: int, *,
                    exclude_shared: bool = False, directory: Path | None = None, progress: Progress = None) -> Analysis:
    """The analysis of a stored corpus, from disk when it was computed before.

    ``progress(step, done, total)`` reports articles processed; an exception it raises (a
    cancel) stops the work, and nothing is stored.
    """
    lexicon_yaml = store.lexicon_yaml(corpus, lexicon_version)
    corpus_path, lexicon_path = stored_paths(revision, lexicon_yaml, exclude_shared, directory)
    stage, lex = _load_stage(corpus_path), _load(lexicon_path)

    def report(step: str):
        return (lambda done, total: progress(step, done, total)) if progress else None

    if stage is None and lex is None:  # one pass: each article is cleaned once and matched right away
        stage, lex = analyse_stages(store.load(corpus), parse_lexicon(*lexicon_yaml), exclude_shared=exclude_shared,
                                    progress=report("cleaning, counting terms and matching the lexicon"))
        _save_stage(corpus_path, stage)
        _save(lexicon_path, lex)
    if stage is None:
        stage = analyse_corpus(store.load(corpus), exclude_shared=exclude_shared,
                               progress=report("cleaning articles and counting terms"))
        _save_stage(corpus_path, stage)
    if lex is None:
        lex = analyse_lexicon(stage, parse_lexicon(*lexicon_yaml), progress=report("matching actors and topics"))
        _save(lexicon_path, lex)
    return combine(stage, lex)
