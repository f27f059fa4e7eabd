"""The embedded store: corpora, their articles and lexicon versions in one DuckDB file.

* The file is ``FRAMING_LENS_DB`` (default ``data/framing_lens.duckdb``), created on first use,
  with the seed corpus always present.
* Several processes share it (app replicas, the ``ingest`` command while the app runs). DuckDB
  lets one process open a file to write *or* several to read, never both, so no connection is
  held while idle: every operation opens one (read-only for reads), works and closes it. A
  ``.lock`` file beside the store is the turnstile: a writer holds it exclusively, so readers
  queue behind a waiting writer instead of starving it; a lock held by another process is
  waited out with backoff, up to ``LOCK_WAIT`` seconds. Keep the store on a local disk
  (``flock`` is unreliable on network file systems).
* Every write is one short transaction: a failed or killed import leaves the store exactly as
  before (DuckDB discards an uncommitted transaction, also after a crash). An import is first
  written to a staging file beside the store (no lock held while a big file is read and
  checked), then copied in with one ``INSERT … SELECT``.
* ``FRAMING_LENS_READONLY=1`` closes every write path here, not just in the UI.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from dashboard.corpus import Corpus, CorpusError, load_folder, normalise_rows
from dashboard.importing import content_hash
from dashboard.lexicons import LEXICON_DIR, Lexicon, parse_lexicon

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "data" / "framing_lens.duckdb"
SEED_NAME = "Seeds: Biden rules out US troops (8 Dec 2021)"
LOCK_WAIT = 120.0  # seconds an operation waits for another process's write (a large import's copy)
WRITE_MEMORY = "512MB"  # DuckDB's buffer for staging and copying an import: bounded for any file size
SCHEMA = """
CREATE SEQUENCE IF NOT EXISTS corpus_ids START 1;
CREATE TABLE IF NOT EXISTS corpora (
    id INTEGER PRIMARY KEY DEFAULT nextval('corpus_ids'),
    name TEXT NOT NULL UNIQUE,
    created TIMESTAMP NOT NULL,
    seed BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE IF NOT EXISTS articles (
    corpus_id INTEGER NOT NULL,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    headline TEXT,
    published TEXT,
    url TEXT,
    text TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (corpus_id, id)
);
CREATE TABLE IF NOT EXISTS lexicons (
    corpus_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created TIMESTAMP NOT NULL,
    actors_yaml TEXT NOT NULL,
    topics_yaml TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (corpus_id, version)
);
"""


class StoreError(RuntimeError):
    """A store operation that cannot be done; the message says why."""


class ReadOnlyError(StoreError):
    pass


def readonly_mode() -> bool:
    return os.environ.get("FRAMING_LENS_READONLY", "").strip().lower() in {"1", "true", "yes", "on"}


def db_path() -> Path:
    return Path(os.environ.get("FRAMING_LENS_DB") or DEFAULT_DB)


def _busy(exc: duckdb.Error) -> bool:
    """True for the errors that mean "someone else has the file now": worth waiting for."""
    message = str(exc)
    return ((isinstance(exc, duckdb.IOException) and "lock" in message)  # another process
            or (isinstance(exc, duckdb.ConnectionException) and "different configuration" in message))  # this one


@dataclass(frozen=True)
class CorpusInfo:
    id: int
    name: str
    articles: int
    outlets: int
    created: datetime
    seed: bool
    revision: str  # changes whenever the corpus's articles change: part of every cache key


class Staging:
    """An import on its way in: rows in a DuckDB file of their own beside the store, so reading and
    checking a large file holds no lock on the store and keeps one batch in memory, and a failed or
    cancelled import never touches the store. A killed process's leftovers are swept by the next."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.glob(".import-*"):
            if not _alive(int(old.name.split("-")[1])):
                shutil.rmtree(old, ignore_errors=True)
        self._dir = Path(tempfile.mkdtemp(prefix=f".import-{os.getpid()}-", dir=directory))
        self.path = self._dir / "rows.duckdb"
        self.rows = 0
        self._con = duckdb.connect(str(self.path), config={"memory_limit": WRITE_MEMORY, "force_compression": "zstd"})
        self._con.execute("""CREATE TABLE rows (n BIGINT NOT NULL, id TEXT, outlet TEXT NOT NULL, headline TEXT,
                             published TEXT, url TEXT, text TEXT NOT NULL, hash TEXT NOT NULL)""")

    def add(self, rows: list[dict]) -> None:
        batch = pa.table({  # noqa: F841 (DuckDB reads the local variable by name)
            "n": pa.array(range(self.rows, self.rows + len(rows)), pa.int64()),
            **{k: pa.array([r.get(k) or None for r in rows], pa.string()) for k in ("id", "outlet", "headline", "published", "url")},
            "text": pa.array([r["text"] for r in rows], pa.string()),
            "hash": pa.array([r.get("hash") or content_hash(r["text"]) for r in rows], pa.string()),
        })
        self._con.execute("INSERT INTO rows SELECT * FROM batch")
        self.rows += len(rows)

    def seal(self) -> None:
        """Close the staging file so the store can attach it."""
        self._con.close()

    def discard(self) -> None:
        self._con.close()
        shutil.rmtree(self._dir, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


class Store:
    """All reads and writes of corpora, articles and lexicon versions; holds no connection while idle."""

    def __init__(self, path: Path | str | None = None, *, readonly: bool | None = None) -> None:
        self.path = Path(path or db_path())
        self._readonly = readonly_mode() if readonly is None else readonly
        self._turnstile = self.path.with_name(self.path.name + ".lock")
        try:
            ready = self.path.exists() and bool(self.corpora())
        except duckdb.CatalogException:
            ready = False  # a file without our tables yet
        if not ready:
            self._create()

    @property
    def readonly(self) -> bool:
        """Read-only if opened so, or if FRAMING_LENS_READONLY is set now (checked on every write)."""
        return self._readonly or readonly_mode()

    # --- connections ---------------------------------------------------------------------------
    @contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one operation, closed right after; waits while another holds the file.

        A reader passes the turnstile (a shared lock taken and dropped at once) before each try, so it
        queues behind a writer that holds it; a writer keeps the turnstile exclusively until it is done.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline, delay = time.monotonic() + LOCK_WAIT, 0.01
        fd = os.open(self._turnstile, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            while True:
                try:
                    fcntl.flock(fd, (fcntl.LOCK_EX if write else fcntl.LOCK_SH) | fcntl.LOCK_NB)
                    if not write:
                        fcntl.flock(fd, fcntl.LOCK_UN)
                    con = duckdb.connect(str(self.path), read_only=not write)
                    break
                except BlockingIOError:
                    reason = "another process is writing to it"
                except duckdb.Error as exc:
                    if not _busy(exc):
                        raise StoreError(f"cannot open {self.path}: {str(exc).splitlines()[0]}") from exc
                    reason = str(exc).splitlines()[0]
                if time.monotonic() > deadline:
                    raise StoreError(f"the store {self.path} stayed busy for {LOCK_WAIT:.0f} s ({reason}); try again")
                time.sleep(delay)
                delay = min(delay * 2, 0.2)
            try:
                yield con
            finally:
                con.close()
        finally:
            os.close(fd)  # drops the writer's turnstile

    def _read(self, sql: str, params: list | None = None) -> list[tuple]:
        with self._connect() as con:
            return con.execute(sql, params or []).fetchall()

    def _write(self, work: Callable[[duckdb.DuckDBPyConnection], object], *, bootstrap: bool = False) -> object:
        """Run ``work`` in one transaction; on any error roll back and re-raise.

        Only ``bootstrap`` (creating a new file with the seed corpus) writes in read-only mode.
        """
        if self.readonly and not bootstrap:
            raise ReadOnlyError("read-only mode: this dashboard cannot be changed (FRAMING_LENS_READONLY is set)")
        with self._connect(write=True) as con:
            # For this connection's instance only (closed right after): bounded memory for a large copy,
            # and zstd for new data, which checkpoints article text about 6x faster than DuckDB's default
            # analysis of every method (a 250 MB import holds the lock 5 s, not 30) into a smaller file.
            con.execute(f"SET memory_limit = '{WRITE_MEMORY}'")
            con.execute("SET force_compression = 'zstd'")
            con.execute("BEGIN TRANSACTION")
            try:
                result = work(con)
                con.execute("COMMIT")
                return result
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def _create(self) -> None:
        """The tables and the seed corpus, once (two processes starting together create them once)."""
        stage = self.staging(bootstrap=True)
        try:
            stage.add(load_folder(ROOT / "seeds").rows)
            stage.seal()

            def work(con) -> None:
                con.execute(SCHEMA)
                if not con.execute("SELECT count(*) FROM corpora").fetchone()[0]:
                    self._copy(con, SEED_NAME, stage, seed=True)

            self._write(work, bootstrap=True)
        finally:
            stage.discard()

    # --- reads ---------------------------------------------------------------------------------
    def corpora(self) -> list[CorpusInfo]:
        rows = self._read(
            """SELECT c.id, c.name, count(a.id), count(DISTINCT a.outlet), c.created, c.seed,
                      coalesce(bit_xor(hash(a.hash, a.position)), 0)
               FROM corpora c LEFT JOIN articles a ON a.corpus_id = c.id
               GROUP BY ALL ORDER BY c.seed DESC, c.created"""
        )
        # revision: article count plus an order-aware fingerprint of the article hashes (one pass, no big string)
        return [CorpusInfo(i, n, a, o, c, s, hashlib.sha1(f"{a}:{h}".encode()).hexdigest()[:12])
                for i, n, a, o, c, s, h in rows]

    def info(self, name: str) -> CorpusInfo:
        corpora = self.corpora()
        for c in corpora:
            if c.name == name:
                return c
        raise StoreError(f"no corpus named '{name}'; corpora: {', '.join(c.name for c in corpora)}")

    def hashes(self, name: str) -> set[str]:
        return {h for (h,) in self._read(
            "SELECT a.hash FROM articles a JOIN corpora c ON c.id = a.corpus_id WHERE c.name = ?", [name])}

    def load(self, name: str) -> Corpus:
        """The corpus's rows (an article is cleaned when it is asked for)."""
        info = self.info(name)
        rows = self._read(
            "SELECT id, outlet, headline, published, url, text FROM articles WHERE corpus_id = ? ORDER BY position",
            [info.id])
        if not rows:
            raise CorpusError(f"corpus '{name}' has no articles")
        records = [dict(zip(["id", "outlet", "headline", "published", "url", "text"], r)) for r in rows]
        return Corpus(f"store:{name}", rows=normalise_rows(records, name))

    def article_row(self, name: str, article_id: str) -> dict[str, str]:
        """One article's stored row (the fields of ``make_article``), read alone: the Read page of a
        large corpus cleans the one article it shows without loading the corpus."""
        rows = self._read("SELECT a.id, a.outlet, a.headline, a.published, a.url, a.text FROM articles a "
                          "JOIN corpora c ON c.id = a.corpus_id WHERE c.name = ? AND a.id = ?", [name, article_id])
        if not rows:
            raise StoreError(f"no article '{article_id}' in corpus '{name}'")
        return normalise_rows([dict(zip(["id", "outlet", "headline", "published", "url", "text"], rows[0]))], name)[0]

    def lexicon_versions(self, name: str) -> list[tuple[int, datetime, str]]:
        return self._read(
            """SELECT l.version, l.created, coalesce(l.note, '') FROM lexicons l JOIN corpora c ON c.id = l.corpus_id
               WHERE c.name = ? ORDER BY l.version""", [name])

    def lexicon_yaml(self, name: str, version: int | None) -> tuple[str, str]:
        """(actors YAML, topics YAML) of a version; version 0 / None is the shipped default."""
        if not version:
            return ((LEXICON_DIR / "actors.yaml").read_text(encoding="utf-8"),
                    (LEXICON_DIR / "topics.yaml").read_text(encoding="utf-8"))
        info = self.info(name)
        rows = self._read("SELECT actors_yaml, topics_yaml FROM lexicons WHERE corpus_id = ? AND version = ?",
                          [info.id, version])
        if not rows:
            raise StoreError(f"corpus '{name}' has no lexicon version {version}")
        return rows[0]

    def lexicon(self, name: str, version: int | None) -> Lexicon:
        return parse_lexicon(*self.lexicon_yaml(name, version))

    # --- writes --------------------------------------------------------------------------------
    def staging(self, *, bootstrap: bool = False) -> Staging:
        """A staging file for an import (see :class:`Staging`); :meth:`commit` it or discard it."""
        if self.readonly and not bootstrap:
            raise ReadOnlyError("read-only mode: this dashboard cannot be changed (FRAMING_LENS_READONLY is set)")
        return Staging(self.path.parent)

    def commit(self, name: str, stage: Staging) -> int:
        """Copy a staged import into corpus ``name`` (created if new) in one short transaction;
        returns how many articles were added (one already in the corpus is skipped)."""
        name = name.strip()
        if not name:
            raise StoreError("the corpus needs a name")
        stage.seal()
        return self._write(lambda con: self._copy(con, name, stage))

    def import_rows(self, name: str, rows: Iterable[dict], *, progress: Callable[[int], None] | None = None) -> int:
        """Add articles to corpus ``name`` (created if new) in one transaction; returns how many."""
        stage = self.staging()
        try:
            batch: list[dict] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 500:
                    stage.add(batch)
                    batch.clear()
                    if progress:
                        progress(stage.rows)
            stage.add(batch)
            if progress:
                progress(stage.rows)
            return self.commit(name, stage)
        finally:
            stage.discard()

    @staticmethod
    def _copy(con, name: str, stage: Staging, *, seed: bool = False) -> int:
        found = con.execute("SELECT id FROM corpora WHERE name = ?", [name]).fetchone()
        corpus_id = found[0] if found else con.execute(
            "INSERT INTO corpora (name, created, seed) VALUES (?, ?, ?) RETURNING id",
            [name, datetime.now(UTC).replace(tzinfo=None), seed]).fetchone()[0]
        start = con.execute("SELECT coalesce(max(position) + 1, 0) FROM articles WHERE corpus_id = ?",
                            [corpus_id]).fetchone()[0]
        # attached for this transaction's connection only, which is closed right after (no DETACH inside it)
        con.execute("ATTACH '" + str(stage.path).replace("'", "''") + "' AS staged (READ_ONLY)")
        return con.execute(
            """INSERT INTO articles
               SELECT $1, coalesce(id, printf('%06d_%s', $2 + n, left(hash, 10))), $2 + n, outlet,
                      coalesce(headline, ''), coalesce(published, ''), coalesce(url, ''), text, hash
               FROM staged.rows WHERE hash NOT IN (SELECT hash FROM articles WHERE corpus_id = $1)""",
            [corpus_id, start]).fetchone()[0]

    def rename(self, old: str, new: str) -> None:
        info, new = self.info(old), new.strip()
        if not new:
            raise StoreError("the new name is empty")
        if any(c.name == new for c in self.corpora()):
            raise StoreError(f"a corpus named '{new}' already exists")
        self._write(lambda con: con.execute("UPDATE corpora SET name = ? WHERE id = ?", [new, info.id]))

    def delete(self, name: str) -> None:
        info = self.info(name)
        if info.seed:
            raise StoreError("the seed corpus cannot be deleted")

        def work(con) -> None:
            for table in ("articles", "lexicons"):
                con.execute(f"DELETE FROM {table} WHERE corpus_id = ?", [info.id])
            con.execute("DELETE FROM corpora WHERE id = ?", [info.id])

        self._write(work)

    def save_lexicon(self, name: str, actors_yaml: str, topics_yaml: str, note: str = "") -> int:
        """Store a new lexicon version for a corpus (validated first); returns its number."""
        parse_lexicon(actors_yaml, topics_yaml)  # raises LexiconError with a clear message
        info = self.info(name)

        def work(con) -> int:
            version = con.execute("SELECT coalesce(max(version), 0) + 1 FROM lexicons WHERE corpus_id = ?",
                                  [info.id]).fetchone()[0]
            con.execute("INSERT INTO lexicons VALUES (?, ?, ?, ?, ?, ?)",
                        [info.id, version, datetime.now(UTC).replace(tzinfo=None), actors_yaml, topics_yaml, note])
            return version

        return self._write(work)
