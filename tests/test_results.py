"""Stored results: computed once, reused after a restart, a new lexicon redoes only its stage,
and a damaged or older-format result is recomputed, never trusted."""

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import dashboard.results as results
from dashboard.results import stored_analysis, stored_sourcing
from dashboard.store import SEED_NAME, Store


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "r.duckdb")


def _same(a, b) -> None:
    """Equal values (a stored str column may come back as pandas' string type, an object one as str)."""
    if isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_names=False, check_dtype=False, check_categorical=False,
                                       check_index_type=False)
    else:
        pd.testing.assert_frame_equal(a, b, check_dtype=False, check_categorical=False, check_index_type=False)


def _calls(monkeypatch) -> dict:
    calls = {"both": 0, "corpus": 0, "lexicon": 0, "sourcing": 0}

    def count(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    for name, attr in (("both", "analyse_stages"), ("corpus", "analyse_corpus"), ("lexicon", "analyse_lexicon"),
                       ("sourcing", "analyse_sourcing")):
        monkeypatch.setattr(results, attr, count(name, getattr(results, attr)))
    return calls


def test_results_are_reused_and_a_lexicon_change_recomputes_only_its_stage(store, tmp_path, monkeypatch):
    calls = _calls(monkeypatch)
    cache = tmp_path / "cache"
    info = store.info(SEED_NAME)
    first = stored_analysis(store, SEED_NAME, info.revision, 0, directory=cache)
    again = stored_analysis(store, SEED_NAME, info.revision, 0, directory=cache)  # a "restart"
    assert calls == {"both": 1, "corpus": 0, "lexicon": 0, "sourcing": 1}
    _same(again.topics, first.topics)
    _same(again.terms, first.terms)
    actors, topics = store.lexicon_yaml(SEED_NAME, 0)
    version = store.save_lexicon(SEED_NAME, actors, topics.replace("label: Minsk agreements", "label: Minsk deal"))
    changed = stored_analysis(store, SEED_NAME, info.revision, version, directory=cache)
    assert calls == {"both": 1, "corpus": 0, "lexicon": 1, "sourcing": 2}
    assert "Minsk deal" in set(changed.topics["label"])
    _same(changed.quotes, first.quotes)  # quotes found again without cleaning again
    for path in cache.glob("corpus-*"):
        shutil.rmtree(path)
    rebuilt = stored_analysis(store, SEED_NAME, info.revision, version, directory=cache)
    assert calls == {"both": 1, "corpus": 1, "lexicon": 1, "sourcing": 2}  # the lexicon stage was still on disk
    _same(rebuilt.topics, changed.topics)


def test_every_table_round_trips(store, tmp_path):
    """What a page reads after a restart equals what was computed: every stored table."""
    from dashboard.analysis import analyse
    from dashboard.analysis.sourcing import analyse_sourcing

    info = store.info(SEED_NAME)
    fresh = analyse(store.load(SEED_NAME), store.lexicon(SEED_NAME, 0))
    stored = stored_analysis(store, SEED_NAME, info.revision, 0, directory=tmp_path / "cache")
    stored = stored_analysis(store, SEED_NAME, info.revision, 0, directory=tmp_path / "cache")  # read back
    one = stored.articles["id"].iloc[2]
    part = stored.stage.sentences_of(one)  # read with a filter: the whole table is not loaded
    assert "sentences" not in stored.stage.__dict__
    read = stored.stage.article(one)  # cleaned again from its row and its outlet's learned furniture
    assert "corpus" not in stored.stage.__dict__
    built = fresh.corpus.article(one)
    assert (read.clean_text, read.removed) == (built.clean_text, built.removed)
    _same(part, fresh.sentences[fresh.sentences["article"] == one])
    index = stored.sentence_index  # what shares and cuts count on, read without the text
    assert "text" not in index and "sentences" not in stored.stage.__dict__
    _same(index, fresh.sentences.drop(columns="text"))
    rows = [5, 0, 17, 5]  # in the order asked, repeats kept
    _same(stored.sentence_texts(rows), fresh.sentences["text"].reindex(rows))
    two = list(fresh.outlets[1:3])
    _same(stored.outlet_sentences(two), fresh.sentences[fresh.sentences["outlet"].isin(two)])
    assert "sentences" not in stored.stage.__dict__  # each read alone, with a filter
    for name in ("articles", "matches", "headlines", "actors", "topics", "quotes", "sentences", "all_terms"):
        _same(getattr(stored, name), getattr(fresh, name))
    _same(stored.stage.boilerplate, fresh.stage.boilerplate)
    _same(stored.stage.clean_texts, fresh.stage.clean_texts)
    pair = [fresh.outlets.index(o) for o in (fresh.outlets[3], fresh.outlets[0])]  # two outlets' rows alone
    for read, built in zip(stored.term_matrix.outlet_rows(pair), fresh.term_matrix.outlet_rows(pair)):
        assert read.shape == built.shape and (read != built).nnz == 0
    columns = np.array([7, 2, 40])
    assert list(stored.term_matrix.terms_at(columns)) == list(fresh.term_matrix.vocabulary[columns])
    assert not {"outlet_counts", "vocabulary"} & set(stored.term_matrix.__dict__)
    _ = stored.term_matrix.outlet_counts
    assert "sentence_counts" not in stored.term_matrix.__dict__  # each stored matrix is read on first use
    for name in results.MATRICES:
        assert (getattr(stored.term_matrix, name) != getattr(fresh.term_matrix, name)).nnz == 0
    assert list(stored.term_matrix.vocabulary) == list(fresh.term_matrix.vocabulary)
    assert stored.stage.term_rows == fresh.stage.term_rows
    sourcing = stored_sourcing(store, SEED_NAME, info.revision, 0, directory=tmp_path / "cache")
    computed = analyse_sourcing(fresh)
    for name in results.SOURCING_TABLES:
        _same(getattr(sourcing, name), getattr(computed, name))



@pytest.mark.parametrize("damage", ["truncate", "garbage", "older format", "missing file"])
def test_a_damaged_or_older_result_is_recomputed(store, tmp_path, monkeypatch, damage):
    cache = tmp_path / "cache"
    info = store.info(SEED_NAME)
    stored_analysis(store, SEED_NAME, info.revision, 0, directory=cache)
    folder = next(cache.glob("corpus-*"))
    target = folder / "sentences.parquet"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:-100])
    elif damage == "garbage":
        target.write_bytes(b"\0" * target.stat().st_size)
    elif damage == "missing file":
        target.unlink()
    else:
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["meta"]["format"] = results.FORMAT - 1
        (folder / "manifest.json").write_text(json.dumps(manifest))
    calls = _calls(monkeypatch)
    again = stored_analysis(store, SEED_NAME, info.revision, 0, directory=cache)
    assert calls["corpus"] == 1
    assert len(again.articles) == 5 and len(again.sentences) > 50
    assert not list(cache.glob(".partial-*"))


def test_stored_results_hold_no_pickle(store, tmp_path):
    """Loading a result never runs code: only Parquet files and a JSON manifest are written."""
    info = store.info(SEED_NAME)
    stored_analysis(store, SEED_NAME, info.revision, 0, directory=tmp_path / "cache")
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files and {p.suffix for p in files} == {".parquet", ".json"}
    for p in files:
        if p.suffix == ".parquet":
            assert p.read_bytes()[:4] == b"PAR1"


def test_framing_scores_are_stored_and_an_edited_frames_file_recomputes_only_them(store, tmp_path, monkeypatch):
    from dashboard.analysis import analyse
    from dashboard.analysis.frames import default_frames
    from dashboard.analysis.framing import analyse_framing, with_texts
    from dashboard.analysis.tone import actor_tone

    calls = _calls(monkeypatch)
    framed = []
    monkeypatch.setattr(results, "analyse_framing", lambda *a: framed.append(1) or analyse_framing(*a))
    cache, info = tmp_path / "cache", store.info(SEED_NAME)
    stored_analysis(store, SEED_NAME, info.revision, 0, directory=cache)
    framing = results.stored_framing(store, SEED_NAME, info.revision, 0, directory=cache)  # read back, not recomputed
    assert len(framed) == 1
    fresh = analyse_framing(analyse(store.load(SEED_NAME), store.lexicon(SEED_NAME, 0)), default_frames())
    _same(framing.tone, fresh.tone)
    _same(framing.cues, fresh.cues)
    assert len(framing.tone) and len(framing.cues)
    lexicon = store.lexicon(SEED_NAME, 0)  # the stored tone's outlet and actor come back as categoricals
    pd.testing.assert_frame_equal(actor_tone(framing.tone, lexicon), actor_tone(fresh.tone, lexicon))
    # the stored summary gives the Actors page the same table, extreme sentences' texts included, without the sentence table
    analysis = analyse(store.load(SEED_NAME), lexicon)
    summary = framing.summary
    assert len(summary) and summary["most_negative"].str.len().gt(20).all()
    pd.testing.assert_frame_equal(summary, with_texts(actor_tone(fresh.tone, lexicon), analysis.sentence_texts),
                                  check_dtype=False)
    edited = tmp_path / "frames.yaml"  # a name no frame had as a cue
    edited.write_text(results.FRAMES_FILE.read_text(encoding="utf-8").replace("terms: [", "terms: [biden, ", 1),
                      encoding="utf-8")
    monkeypatch.setattr(results, "FRAMES_FILE", edited)
    again = results.stored_framing(store, SEED_NAME, info.revision, 0, directory=cache)
    assert len(framed) == 2 and calls["sourcing"] == 1  # only the framing scores were computed again
    assert "biden" not in set(framing.cues["text"].str.lower()) and "biden" in set(again.cues["text"].str.lower())


def test_a_stored_sourcing_reads_a_table_on_first_use_and_a_story_with_a_filter(store, tmp_path):
    from dashboard.analysis import analyse
    from dashboard.analysis.sourcing import analyse_sourcing

    info = store.info(SEED_NAME)
    cache = tmp_path / "cache"
    analysis = stored_analysis(store, SEED_NAME, info.revision, 0, directory=cache)
    sourcing = stored_sourcing(store, SEED_NAME, info.revision, 0, directory=cache)
    assert all(callable(sourcing._tables[name]) for name in results.SOURCING_TABLES)  # nothing read yet
    story = sourcing.stories["story"].iloc[0]
    cut = sourcing.for_story(story, analysis).for_outlets(analysis.outlets[:3])
    claims = cut.claims
    assert callable(sourcing._tables["claims"])  # the story's claims were read alone, not the whole table
    computed = analyse_sourcing(analyse(store.load(SEED_NAME), store.lexicon(SEED_NAME, 0)))
    expected = computed.for_story(story, analysis).for_outlets(analysis.outlets[:3])
    for name in ("claims", "claim_cells", "quote_groups", "quotes", "voices", "similarity"):
        _same(getattr(cut, name), getattr(expected, name))
    assert len(claims)


@pytest.mark.parametrize("by", ["log_odds_z", "tfidf"])
@pytest.mark.parametrize("hide_style", [False, True])
def test_top_terms_read_from_the_stored_table_equal_the_loaded_ones(store, tmp_path, monkeypatch, by, hide_style):
    import dashboard.analysis

    monkeypatch.setattr(dashboard.analysis, "STYLE_MARGIN", 0)  # hidden house style makes an outlet read again, whole
    info, cache = store.info(SEED_NAME), tmp_path / "cache"
    stored_analysis(store, SEED_NAME, info.revision, 0, directory=cache)
    stored = stored_analysis(store, SEED_NAME, info.revision, 0, directory=cache)
    outlets = stored.outlets[1:4]
    read = stored.for_outlets(outlets).top_terms(3, by=by, hide_style=hide_style)
    if hide_style:
        assert (stored.for_outlets(outlets).top_terms(3, by=by)["style"] != "").any()  # the short path was taken
    assert "terms" not in stored.stage.__dict__  # each outlet's rows were read alone
    loaded = stored.for_outlets(outlets)
    _ = stored.stage.terms  # now the whole table
    _same(read, loaded.top_terms(3, by=by, hide_style=hide_style))
    assert list(dict.fromkeys(read["outlet"])) == outlets and (read.groupby("outlet", observed=True).size() == 3).all()


def test_a_queried_table_is_stored_in_row_groups_a_filter_can_skip(tmp_path):
    """Evidence reads a few sentence rows of millions: the table is written in groups of rows, and a
    row-number filter returns exactly the rows of a table read whole."""
    import pyarrow.parquet as pq

    from dashboard import tables

    rows = 2 * tables.QUERIED_GROUP + 10
    frame = pd.DataFrame({"outlet": pd.Categorical(np.arange(rows) % 3), "text": [f"s{i}" for i in range(rows)],
                          "term": pd.Categorical([f"t{i % (rows - 5)}" for i in range(rows)])})  # a vocabulary
    tables.write(tmp_path / "t", tables={"sentences": frame, "other": frame}, queried=("sentences",))
    stored_file = pq.ParquetFile(tmp_path / "t" / "sentences.parquet")
    assert stored_file.metadata.num_row_groups == 3
    assert pq.ParquetFile(tmp_path / "t" / "other.parquet").metadata.num_row_groups == 1
    # the vocabulary is not repeated in each of the three groups: about the size of the one-group file
    size = {name: (tmp_path / "t" / f"{name}.parquet").stat().st_size for name in ("sentences", "other")}
    assert size["sentences"] < 1.3 * size["other"], size
    stored = tables.Tables.open(tmp_path / "t")
    wanted = [rows - 1, 3, tables.QUERIED_GROUP]
    part = stored.query("sentences", "file_row_number IN (SELECT unnest(?))", [wanted], columns="text")
    assert part["text"].reindex(wanted).tolist() == [f"s{i}" for i in wanted]
    _same(stored.table("sentences"), frame.astype({"term": str}))


def test_stored_results_are_keyed_by_the_code_that_computes_them(tmp_path):
    package = tmp_path / "dashboard"
    shutil.copytree(Path(results.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = results._code_version(package)
    (package / "pages" / "overview.py").write_text("# a page only reads stored results\n")
    assert results._code_version(package) == before
    rules = package / "cleaning.py"
    rules.write_text(rules.read_text() + "\n# a changed rule\n")
    assert results._code_version(package) != before
