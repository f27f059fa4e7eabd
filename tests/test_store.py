"""The DuckDB store: seeds always there, one transaction per write, read-only closes every write."""

import subprocess
import sys
import textwrap
import threading
import time

import duckdb
import pytest

from dashboard.lexicons import LexiconError
from dashboard.store import SEED_NAME, ReadOnlyError, Store, StoreError
from tests.conftest import ROOT

ROWS = [{"outlet": "A", "text": "Biden spoke about sanctions on Russia."}, {"outlet": "B", "text": "Putin replied."}]


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "t.duckdb")


def snapshot(store):
    return [(c.name, c.articles, c.revision) for c in store.corpora()]


def test_seed_corpus_is_created_and_cannot_be_deleted(store, corpus):
    assert [c.name for c in store.corpora()] == [SEED_NAME]
    loaded = store.load(SEED_NAME)
    assert [a.id for a in loaded.articles] == [a.id for a in corpus.articles]
    assert [a.clean_text for a in loaded.articles] == [a.clean_text for a in corpus.articles]
    with pytest.raises(StoreError, match="seed corpus cannot be deleted"):
        store.delete(SEED_NAME)


def test_import_rename_delete(store):
    assert store.import_rows("mine", ROWS) == 2
    before = store.info("mine").revision
    store.import_rows("mine", [{"outlet": "C", "text": "NATO met."}])
    assert store.info("mine").articles == 3 and store.info("mine").revision != before
    store.rename("mine", "ours")
    with pytest.raises(StoreError, match="already exists"):
        store.rename("ours", SEED_NAME)
    store.delete("ours")
    assert [c.name for c in store.corpora()] == [SEED_NAME]


def test_a_failing_import_leaves_the_store_as_it_was(store):
    store.import_rows("mine", ROWS)
    before = snapshot(store)
    bad = ROWS * 300 + [{"outlet": "C", "text": None, "hash": "x"}]  # fails after a batch of 500 was written
    with pytest.raises(duckdb.ConstraintException):
        store.import_rows("mine", bad)
    with pytest.raises(duckdb.ConstraintException):
        store.import_rows("brand new", bad)
    assert snapshot(store) == before


def test_a_killed_import_process_leaves_the_store_as_it_was(tmp_path):
    path = tmp_path / "k.duckdb"
    first = Store(path)
    first.import_rows("kept", ROWS)
    before = snapshot(first)
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from dashboard.store import Store
        store = Store({str(path)!r})
        rows = [{{"outlet": "X", "text": f"article {{i}} about sanctions"}} for i in range(5000)]
        def progress(n):
            if n >= 1000:
                print("writing", flush=True)
                time.sleep(60)
        store.import_rows("half done", rows, progress=progress)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"  # mid-transaction, 1,000 rows inserted
    proc.kill()
    proc.wait(timeout=30)
    assert snapshot(Store(path)) == before
    assert list(tmp_path.glob(".import-*"))  # the killed import's staging file is left behind...
    Store(path).import_rows("next", ROWS)
    assert not list(tmp_path.glob(".import-*"))  # ...and swept by the next import


def test_sessions_read_while_another_imports(store):
    started, release = threading.Event(), threading.Event()

    def slow(n):
        started.set()
        release.wait(10)

    writer = threading.Thread(target=store.import_rows, args=("slow", ROWS * 300), kwargs={"progress": slow})
    writer.start()
    assert started.wait(10)
    t0 = time.perf_counter()
    names = [c.name for c in store.corpora()]  # a reader during the open transaction
    loaded = store.load(SEED_NAME)
    assert time.perf_counter() - t0 < 5 and names == [SEED_NAME] and len(loaded.articles) == 5
    release.set()
    writer.join(10)
    assert store.info("slow").articles == 600


def test_lexicon_versions(store):
    actors, topics = store.lexicon_yaml(SEED_NAME, None)
    v1 = store.save_lexicon(SEED_NAME, actors, topics.replace("Minsk agreements", "The Minsk deal"), "renamed")
    assert v1 == 1 and store.lexicon(SEED_NAME, 1).topic("minsk").label == "The Minsk deal"
    assert store.lexicon(SEED_NAME, 0).topic("minsk").label == "Minsk agreements"
    assert [(v, n) for v, _, n in store.lexicon_versions(SEED_NAME)] == [(1, "renamed")]
    with pytest.raises(LexiconError):
        store.save_lexicon(SEED_NAME, "actors: [", topics)
    with pytest.raises(StoreError, match="no lexicon version 7"):
        store.lexicon(SEED_NAME, 7)
    assert len(store.lexicon_versions(SEED_NAME)) == 1


def test_read_only_mode_closes_every_write_path(tmp_path, monkeypatch):
    writable = Store(tmp_path / "r.duckdb")
    writable.import_rows("extra", ROWS)
    monkeypatch.setenv("FRAMING_LENS_READONLY", "1")
    ro = Store(tmp_path / "r.duckdb")
    actors, topics = ro.lexicon_yaml(SEED_NAME, None)
    for write in (lambda: ro.import_rows("x", ROWS), lambda: ro.rename(SEED_NAME, "y"),
                  lambda: ro.save_lexicon(SEED_NAME, actors, topics), lambda: ro.delete("extra")):
        with pytest.raises(ReadOnlyError, match="read-only mode"):
            write()
    assert [c.name for c in ro.corpora()] == [SEED_NAME, "extra"]  # reads still work


def test_a_cancelled_import_leaves_the_store_as_it_was(store):
    """Ctrl-C in the CLI or Stop in the app raises inside the transaction: it must roll back."""
    before = snapshot(store)

    def cancel(n):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.import_rows("cancelled", ROWS * 400, progress=cancel)
    assert snapshot(store) == before
    assert store.import_rows("after", ROWS) == 2  # the store still works


def _in_subprocess(path, body: str) -> subprocess.Popen:
    """Run ``body`` with ``store = Store(path)`` in another Python process; it prints "ready" when it has begun."""
    script = f"import sys, time\nsys.path.insert(0, {str(ROOT)!r})\nfrom dashboard.store import Store\n" \
             f"store = Store({str(path)!r})\n" + textwrap.dedent(body)
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)


def test_a_write_in_another_process_is_waited_for_not_an_error(tmp_path):
    path = tmp_path / "shared.duckdb"
    Store(path)
    holder = _in_subprocess(path, """
        def work(con):
            print("ready", flush=True)
            time.sleep(2)
            con.execute("UPDATE corpora SET name = 'renamed by the other process' WHERE seed")
        store._write(work)
    """)
    assert holder.stdout.readline().strip() == "ready"  # the other process holds the file for writing
    t0 = time.perf_counter()
    assert [c.name for c in Store(path).corpora()] == ["renamed by the other process"]  # waited, then read its commit
    assert 1 < time.perf_counter() - t0 < 30
    assert holder.wait(30) == 0


def test_readers_in_another_process_do_not_starve_a_writer(tmp_path):
    """Two threads in another process read back to back; an import here still gets in, and both see it."""
    path = tmp_path / "busy.duckdb"
    store = Store(path)
    readers = _in_subprocess(path, """
        import threading
        seen = set()
        def read():
            end = time.time() + 12
            while time.time() < end and "mine" not in seen:
                seen.update(c.name for c in store.corpora())
        threads = [threading.Thread(target=read) for _ in range(2)]
        [t.start() for t in threads]
        print("ready", flush=True)
        [t.join() for t in threads]
        print("saw mine" if "mine" in seen else "never saw it", flush=True)
    """)
    assert readers.stdout.readline().strip() == "ready"
    t0 = time.perf_counter()
    assert store.import_rows("mine", ROWS) == 2
    assert time.perf_counter() - t0 < 10
    assert readers.stdout.readline().strip() == "saw mine"
    assert readers.wait(30) == 0


def test_an_open_store_holds_no_lock_while_idle(tmp_path):
    """The app keeps one Store per process: another process must be able to write while it is idle."""
    path = tmp_path / "idle.duckdb"
    app_store = Store(path)
    app_store.corpora()
    writer = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
                             f"from dashboard.store import Store\nStore({str(path)!r}).import_rows('from the CLI', "
                             f"[{{'outlet': 'A', 'text': 'NATO met.'}}])"], timeout=60)
    assert writer.returncode == 0
    assert [c.name for c in app_store.corpora()] == [SEED_NAME, "from the CLI"]  # seen on the next read
