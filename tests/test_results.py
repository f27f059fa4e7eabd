"""Stored results: computed once, reused after a restart, and a new lexicon redoes only its stage."""

import pytest

import dashboard.results as results
from dashboard.results import stored_analysis
from dashboard.store import SEED_NAME, Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "r.duckdb")
    yield s
    s.close()


def test_results_are_reused_and_a_lexicon_change_recomputes_only_its_stage(store, tmp_path, monkeypatch):
    calls = {"both": 0, "corpus": 0, "lexicon": 0}

    def count(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    for name, attr in (("both", "analyse_stages"), ("corpus", "analyse_corpus"), ("lexicon", "analyse_lexicon")):
        monkeypatch.setattr(results, attr, count(name, getattr(results, attr)))
    info = store.info(SEED_NAME)
    first = stored_analysis(store, SEED_NAME, info.revision, 0, directory=tmp_path / "cache")
    again = stored_analysis(store, SEED_NAME, info.revision, 0, directory=tmp_path / "cache")  # a "restart"
    assert calls == {"both": 1, "corpus": 0, "lexicon": 0}
    assert again.topics.equals(first.topics) and again.terms.equals(first.terms)
    actors, topics = store.lexicon_yaml(SEED_NAME, 0)
    version = store.save_lexicon(SEED_NAME, actors, topics.replace("label: Minsk agreements", "label: Minsk deal"))
    changed = stored_analysis(store, SEED_NAME, info.revision, version, directory=tmp_path / "cache")
    assert calls == {"both": 1, "corpus": 0, "lexicon": 1}
    assert "Minsk deal" in set(changed.topics["label"])
    for path in (tmp_path / "cache").glob("corpus-*.pkl"):
        path.unlink()
    rebuilt = stored_analysis(store, SEED_NAME, info.revision, version, directory=tmp_path / "cache")
    assert calls == {"both": 1, "corpus": 1, "lexicon": 1}  # the lexicon stage was still on disk
    assert rebuilt.topics.equals(changed.topics)


def test_an_unreadable_result_file_is_recomputed(store, tmp_path):
    info = store.info(SEED_NAME)
    stored_analysis(store, SEED_NAME, info.revision, 0, directory=tmp_path / "cache")
    for path in (tmp_path / "cache").glob("*.pkl"):
        path.write_bytes(b"truncated")
    again = stored_analysis(store, SEED_NAME, info.revision, 0, directory=tmp_path / "cache")
    assert len(again.articles) == 5
    assert not list((tmp_path / "cache").glob(".partial-*"))
