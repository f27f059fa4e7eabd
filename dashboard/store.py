"""The embedded store: corpora, their articles and lexicon versions in one DuckDB file.

* The file is ``FRAMING_LENS_DB`` (default ``data/framing_lens.duckdb``), created on first use,
  with the seed corpus always present.
* Every write is one transaction: a failed or killed import leaves the store exactly as before
  (DuckDB discards an uncommitted transaction, also after a crash).
* One connection per process; each call takes its own cursor, so several Streamlit sessions
  read while another imports.
* ``FRAMING_LENS_READONLY=1`` closes every write path here, not just in the UI.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from dashboard.corpus import Corpus, CorpusError, load_folder, normalise_rows
from dashboard.importing import content_hash
from dashboard.lexicons import LEXICON_DIR, Lexicon, parse_lexicon

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "data" / "framing_lens.duckdb"
SEED_NAME = "Seeds: Biden rules out US troops (8 Dec 2021)"
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


@dataclass(frozen=True)
class CorpusInfo:
    id: int
    name: str
    articles: int
    outlets: int
    created: datetime
    seed: bool
    revision: str  # changes whenever the corpus's articles change: part of every cache key


class Store:
    """All reads and writes of corpora, articles and lexicon versions."""

    def __init__(self, path: Path | str | None = None, *, readonly: bool | None = None) -> None:
        self.path = Path(path or db_path())
        self._readonly = readonly_mode() if readonly is None else readonly
        self._lock = threading.Lock()  # DuckDB allows one writing transaction at a time per connection
        try:
            if self._readonly and not self.path.exists():
                Store(self.path, readonly=False).close()  # first start: create it with the seeds only
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(str(self.path), read_only=self._readonly)
        except duckdb.IOException as exc:
            raise StoreError(f"cannot open {self.path}: {str(exc).splitlines()[0]} "
                             "(is another process, such as the running app, writing to it?)") from exc
        if not self._readonly:
            self._con.execute(SCHEMA)
            if not self.corpora():
                self._seed()

    @property
    def readonly(self) -> bool:
        """Read-only if opened so, or if FRAMING_LENS_READONLY is set now (checked on every write)."""
        return self._readonly or readonly_mode()

    # --- helpers -------------------------------------------------------------------------------
    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return self._con.cursor()

    def _write(self, work: Callable[[duckdb.DuckDBPyConnection], object], *, bootstrap: bool = False) -> object:
        """Run ``work`` in one transaction; on any error roll back and re-raise.

        Only ``bootstrap`` (putting the seed corpus into a new file) writes in read-only mode.
        """
        if self.readonly and not bootstrap:
            raise ReadOnlyError("read-only mode: this dashboard cannot be changed (FRAMING_LENS_READONLY is set)")
        with self._lock:
            cur = self._cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                result = work(cur)
                cur.execute("COMMIT")
                return result
            except BaseException:
                cur.execute("ROLLBACK")
                raise

    def _seed(self) -> None:
        rows = load_folder(ROOT / "seeds").rows
        self._write(lambda cur: self._insert(cur, SEED_NAME, rows, seed=True), bootstrap=True)

    # --- reads ---------------------------------------------------------------------------------
    def corpora(self) -> list[CorpusInfo]:
        rows = self._cursor().execute(
            """SELECT c.id, c.name, count(a.id), count(DISTINCT a.outlet), c.created, c.seed,
                      coalesce(bit_xor(hash(a.hash, a.position)), 0)
               FROM corpora c LEFT JOIN articles a ON a.corpus_id = c.id
               GROUP BY ALL ORDER BY c.seed DESC, c.created"""
        ).fetchall()
        # revision: article count plus an order-aware fingerprint of the article hashes (one pass, no big string)
        return [CorpusInfo(i, n, a, o, c, s, hashlib.sha1(f"{a}:{h}".encode()).hexdigest()[:12])
                for i, n, a, o, c, s, h in rows]

    def info(self, name: str) -> CorpusInfo:
        for c in self.corpora():
            if c.name == name:
                return c
        raise StoreError(f"no corpus named '{name}'; corpora: {', '.join(c.name for c in self.corpora())}")

    def hashes(self, name: str) -> set[str]:
        info = self.info(name)
        return {h for (h,) in self._cursor().execute("SELECT hash FROM articles WHERE corpus_id = ?", [info.id]).fetchall()}

    def load(self, name: str) -> Corpus:
        """The corpus's rows (an article is cleaned when it is asked for)."""
        info = self.info(name)
        rows = self._cursor().execute(
            "SELECT id, outlet, headline, published, url, text FROM articles WHERE corpus_id = ? ORDER BY position",
            [info.id]).fetchall()
        if not rows:
            raise CorpusError(f"corpus '{name}' has no articles")
        records = [dict(zip(["id", "outlet", "headline", "published", "url", "text"], r)) for r in rows]
        return Corpus(f"store:{name}", rows=normalise_rows(records, name))

    def lexicon_versions(self, name: str) -> list[tuple[int, datetime, str]]:
        return self._cursor().execute(
            """SELECT l.version, l.created, coalesce(l.note, '') FROM lexicons l JOIN corpora c ON c.id = l.corpus_id
               WHERE c.name = ? ORDER BY l.version""", [name]).fetchall()

    def lexicon_yaml(self, name: str, version: int | None) -> tuple[str, str]:
        """(actors YAML, topics YAML) of a version; version 0 / None is the shipped default."""
        if not version:
            return ((LEXICON_DIR / "actors.yaml").read_text(encoding="utf-8"),
                    (LEXICON_DIR / "topics.yaml").read_text(encoding="utf-8"))
        info = self.info(name)
        row = self._cursor().execute("SELECT actors_yaml, topics_yaml FROM lexicons WHERE corpus_id = ? AND version = ?",
                                     [info.id, version]).fetchone()
        if row is None:
            raise StoreError(f"corpus '{name}' has no lexicon version {version}")
        return row

    def lexicon(self, name: str, version: int | None) -> Lexicon:
        return parse_lexicon(*self.lexicon_yaml(name, version))

    # --- writes --------------------------------------------------------------------------------
    def import_rows(self, name: str, rows: Iterable[dict], *, progress: Callable[[int], None] | None = None) -> int:
        """Add articles to corpus ``name`` (created if new) in one transaction; returns how many."""
        name = name.strip()
        if not name:
            raise StoreError("the corpus needs a name")
        rows = list(rows)
        return self._write(lambda cur: self._insert(cur, name, rows, progress=progress))

    @staticmethod
    def _insert(cur, name: str, rows: list[dict], *, seed: bool = False,
                progress: Callable[[int], None] | None = None) -> int:
        found = cur.execute("SELECT id FROM corpora WHERE name = ?", [name]).fetchone()
        corpus_id = found[0] if found else cur.execute(
            "INSERT INTO corpora (name, created, seed) VALUES (?, ?, ?) RETURNING id",
            [name, datetime.now(UTC).replace(tzinfo=None), seed]).fetchone()[0]
        start = cur.execute("SELECT coalesce(max(position) + 1, 0) FROM articles WHERE corpus_id = ?",
                            [corpus_id]).fetchone()[0]
        batch = []
        for n, row in enumerate(rows):
            digest = row.get("hash") or content_hash(row["text"])
            article_id = row.get("id") or f"{start + n:06d}_{digest[:10]}"
            batch.append((corpus_id, article_id, start + n, row["outlet"], row.get("headline") or "",
                          row.get("published") or "", row.get("url") or "", row["text"], digest))
            if len(batch) == 500:
                cur.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
                batch.clear()
                if progress:
                    progress(n + 1)
        if batch:
            cur.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
        if progress:
            progress(len(rows))
        return len(rows)

    def rename(self, old: str, new: str) -> None:
        info, new = self.info(old), new.strip()
        if not new:
            raise StoreError("the new name is empty")
        if any(c.name == new for c in self.corpora()):
            raise StoreError(f"a corpus named '{new}' already exists")
        self._write(lambda cur: cur.execute("UPDATE corpora SET name = ? WHERE id = ?", [new, info.id]))

    def delete(self, name: str) -> None:
        info = self.info(name)
        if info.seed:
            raise StoreError("the seed corpus cannot be deleted")

        def work(cur) -> None:
            for table in ("articles", "lexicons"):
                cur.execute(f"DELETE FROM {table} WHERE corpus_id = ?", [info.id])
            cur.execute("DELETE FROM corpora WHERE id = ?", [info.id])

        self._write(work)

    def save_lexicon(self, name: str, actors_yaml: str, topics_yaml: str, note: str = "") -> int:
        """Store a new lexicon version for a corpus (validated first); returns its number."""
        parse_lexicon(actors_yaml, topics_yaml)  # raises LexiconError with a clear message
        info = self.info(name)

        def work(cur) -> int:
            version = cur.execute("SELECT coalesce(max(version), 0) + 1 FROM lexicons WHERE corpus_id = ?",
                                  [info.id]).fetchone()[0]
            cur.execute("INSERT INTO lexicons VALUES (?, ?, ?, ?, ?, ?)",
                        [info.id, version, datetime.now(UTC).replace(tzinfo=None), actors_yaml, topics_yaml, note])
            return version

        return self._write(work)

    def close(self) -> None:
        self._con.close()
