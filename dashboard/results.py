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

from dashboard.analysis import Analysis, analyse_corpus, analyse_lexicon, combine
from dashboard.lexicons import parse_lexicon
from dashboard.store import ROOT, Store

DEFAULT_CACHE = ROOT / "data" / "cache"
FORMAT = 2  # bump when the pickled classes change shape


def cache_dir() -> Path:
    return Path(os.environ.get("FRAMING_LENS_CACHE") or DEFAULT_CACHE)


def _key(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, (FORMAT, *parts))).encode()).hexdigest()[:24]


def _load(path: Path):
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


def cached(path: Path, compute: Callable[[], object]):
    """The value stored at ``path``, or ``compute()`` stored there first."""
    value = _load(path) if path.exists() else None
    if value is None:
        value = compute()
        _save(path, value)
    return value


def stored_analysis(store: Store, corpus: str, revision: str, lexicon_version: int, *,
                    exclude_shared: bool = False, directory: Path | None = None,
                    progress: Callable[[str], None] | None = None) -> Analysis:
    """The analysis of a stored corpus, from disk when it was computed before."""
    root = directory or cache_dir()
    actors_yaml, topics_yaml = store.lexicon_yaml(corpus, lexicon_version)

    def corpus_stage():
        if progress:
            progress("cleaning articles and counting terms")
        return analyse_corpus(store.load(corpus), exclude_shared=exclude_shared)

    stage = cached(root / f"corpus-{_key(revision, exclude_shared)}.pkl", corpus_stage)

    def lexicon_stage():
        if progress:
            progress("matching actors and topics")
        return analyse_lexicon(stage, parse_lexicon(actors_yaml, topics_yaml))

    lex = cached(root / f"lexicon-{_key(revision, exclude_shared, actors_yaml, topics_yaml)}.pkl", lexicon_stage)
    return combine(stage, lex)
