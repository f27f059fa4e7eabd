"""Per-article work in worker processes: same result as in-process, cancellable, lazily cleaned corpora."""

import multiprocessing
import pickle
import sys
from pathlib import Path

import pytest

import dashboard.workers as workers
from dashboard.analysis import analyse
from dashboard.corpus import Corpus, normalise_rows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_corpus import generate  # noqa: E402


@pytest.fixture(scope="module")
def rows():
    return normalise_rows(generate(120, 7, seed=3), "generated")


def _analysis(rows, lexicon, monkeypatch, n_workers: int):
    monkeypatch.setenv("FRAMING_LENS_WORKERS", str(n_workers))
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "CHUNK", 25)
    return analyse(Corpus("generated", rows=rows), lexicon)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked")
def test_two_workers_give_exactly_the_single_process_result(rows, lexicon, monkeypatch):
    one = _analysis(rows, lexicon, monkeypatch, n_workers=1)
    two = _analysis(rows, lexicon, monkeypatch, n_workers=2)
    for table in ("articles", "sentences", "matches", "terms", "actors", "topics"):
        assert getattr(two, table).equals(getattr(one, table)), table
    assert (two.term_matrix.sentence_counts != one.term_matrix.sentence_counts).nnz == 0
    assert len(one.matches) > 1000 and len(one.terms) > 1000  # the comparison had something to compare


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked")
def test_a_cancel_from_the_progress_callback_stops_the_workers(rows, lexicon, monkeypatch):
    monkeypatch.setenv("FRAMING_LENS_WORKERS", "2")
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "CHUNK", 10)
    seen = []

    def cancel(done, total):
        seen.append(done)
        if done >= 30:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        analyse(Corpus("generated", rows=rows), lexicon, progress=cancel)
    assert seen == [10, 20, 30]
    assert not multiprocessing.active_children()
    assert not workers.SHARED  # the next run starts clean


def test_progress_counts_every_article(rows, lexicon):
    seen = []
    analyse(Corpus("generated", rows=rows[:60]), lexicon, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (60, 60) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_corpus_from_rows_cleans_an_article_only_when_asked(rows):
    corpus = Corpus("generated", rows=rows)
    assert "articles" not in corpus.__dict__
    article = corpus.article(rows[5]["id"])
    assert article.outlet == rows[5]["outlet"] and "articles" not in corpus.__dict__
    assert len(corpus.articles) == len(rows)
    restored = pickle.loads(pickle.dumps(corpus))
    assert "articles" not in restored.__dict__  # stored results keep rows, not cleaned copies
    assert restored.article(rows[5]["id"]).clean_text == article.clean_text


CANCEL_UNDER_A_SERVER = """
import signal, sys
sys.path.insert(0, {root!r})
signal.signal(signal.SIGTERM, lambda *a: print("stopping (and not exiting), like a server"))
import multiprocessing
import dashboard.workers as workers
from dashboard.analysis import analyse
from dashboard.corpus import Corpus, normalise_rows
from dashboard.lexicons import default_lexicon
sys.path.insert(0, {bench!r})
from make_corpus import generate
workers.PARALLEL_FROM, workers.CHUNK = 1, 10
def cancel(done, total):
    if done >= 20:
        raise KeyboardInterrupt
try:
    analyse(Corpus("g", rows=normalise_rows(generate(80, 4, seed=5), "g")), default_lexicon(), progress=cancel)
except KeyboardInterrupt:
    print("cancelled", len(multiprocessing.active_children()))
"""


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked")
def test_a_cancel_stops_workers_forked_from_a_process_whose_sigterm_handler_does_not_exit():
    import subprocess

    root = Path(__file__).resolve().parents[1]
    code = CANCEL_UNDER_A_SERVER.format(root=str(root), bench=str(root / "benchmarks"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "FRAMING_LENS_WORKERS": "2"})
    assert out.stdout.strip().splitlines()[-1] == "cancelled 0", out.stdout + out.stderr
