"""The Spark engine: the same analysis as the local pool, for corpora one machine cannot hold.

Per-article work is the local pool's own chunk function (:func:`dashboard.analysis.chunks._process`:
cleaning with learned boilerplate, sentences, tokens, lexicon matches, quotes), run in executors
through Arrow (``mapInArrow``). Everything corpus-wide is a Spark DataFrame operation: learned
boilerplate is a count of line hashes per outlet; n-grams are counted per batch in the executors
as integers (each word's 64-bit key, so Spark sums small integer rows, never n-gram strings), and
the sentence × term matrix is written by the executors as the ``row, col, value`` Parquet table
the stored results already use. The term table is made per outlet in the executors by
:func:`dashboard.analysis.terms.term_table` itself (with the corpus-wide term counts and idf), and
so are the actor, topic and prominence tables (by the local functions, per outlet). Large tables
(sentences, terms, matches, the matrices) are streamed from the executors' parts into the stored
files in bounded row groups, never collected.

The result is the same stored corpus and results as ``--engine local``: rows numbered and
identified as ``ingest`` numbers them, the term vocabulary in the local engine's column order
(n, then each word's first appearance), so ``report`` and the app cannot tell the engines apart.

Sourcing runs where its data is. Stories are grouped on the driver from article-level data
(ids, outlets, dates, headlines and each text's first 300 words, all that grouping reads: about
20 MB of text per 10k articles, the one part of the driver's memory that grows with the texts); each
story's quote groups and claims are :func:`dashboard.analysis.sourcing.story_sourcing` itself,
run per story in the executors (``groupBy("story").applyInPandas``) with corpus-wide sentence
rows and quote ids, so the driver only renumbers and appends them; shared passages are MinHash
signatures computed in executors by the local function, bucketed by a Spark group-by and scored
in executors. The driver never holds the sentence table or the sentence × term matrix.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from scipy import sparse

from dashboard import boilerplate, results, tables
from dashboard.analysis import ARTICLE_COLUMNS, MIN_COUNT, CorpusStage
from dashboard.analysis.chunks import KINDS
from dashboard.analysis.distinct import distinct
from dashboard.analysis.house_style import STYLES
from dashboard.analysis.quotes import quote_frame
from dashboard.engines import EngineError
from dashboard.importing import OPTIONAL, REQUIRED, content_hash
from dashboard.lexicons import parse_lexicon
from dashboard.store import ROOT, Store

NGRAMS = (1, 3)
ARROW_BATCH = 250  # articles per Arrow batch sent to a Python worker, as the local pool's chunk
INSTALL_JAVA = "the Spark engine needs Java 17 or later: apt-get install openjdk-17-jre-headless"
INSTALL_SPARK = "pyspark is not installed: pip install -r requirements-spark.txt"

ROW_SCHEMA = ("order_file string, order_block long, order_row long, id string, outlet string, text string, "
              "headline string, published string, url string, hash string, bad string")  # mapInArrow matches by position
ARTICLE_SCHEMA = (
    "n long, id string, outlet string, headline string, published string, url string, words long, sentences long, "
    "removed long, clean_text string, s_paragraph array<int>, s_start array<int>, s_end array<int>, "
    "s_text array<string>, tokens array<array<string>>, m_kind array<int>, m_key array<string>, "
    "m_sentence array<int>, m_paragraph array<int>, m_start array<int>, m_end array<int>, m_text array<string>, "
    "m_role array<boolean>, h_kind array<string>, h_key array<string>, quotes string")


def _check_master(master: str) -> None:
    """An unreachable standalone master fails here in seconds (Spark itself retries for a minute)."""
    if not master.startswith("spark://"):
        return
    for address in master.removeprefix("spark://").split(","):
        host, _, port = address.rpartition(":")
        try:
            socket.create_connection((host, int(port)), timeout=5).close()
        except (OSError, ValueError) as exc:
            raise EngineError(f"cannot reach the Spark master {master} ({exc})") from exc


def session(master: str, work: Path, *, driver_memory: str = "2g"):
    """A Spark session whose executors run this Python and import this project (zipped and shipped)."""
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        raise EngineError(f"java not found: {INSTALL_JAVA}")
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise EngineError(INSTALL_SPARK) from exc
    _check_master(master)
    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors on this machine; a cluster needs the same path
    os.environ["PYTHONWARNINGS"] = "ignore::FutureWarning"  # pyspark's note on pandas 3, in every Python worker
    warnings.filterwarnings("ignore", category=FutureWarning, module="pyspark")
    conf = work / "conf"  # Spark's own log would bury the one-line message under stack traces
    conf.mkdir()
    (conf / "log4j2.properties").write_text(
        "rootLogger.level = off\nrootLogger.appenderRef.stderr.ref = console\nappender.console.type = Console\n"
        "appender.console.name = console\nappender.console.target = SYSTEM_ERR\n")
    os.environ["SPARK_CONF_DIR"] = str(conf)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # nothing leaves this machine
    package = work / "dashboard.zip"
    with zipfile.ZipFile(package, "w") as z:
        for path in (ROOT / "dashboard").rglob("*"):
            if path.suffix in {".py", ".yaml"}:
                z.write(path, path.relative_to(ROOT))
    try:
        spark = (SparkSession.builder.master(master).appName("framing-lens")
                 .config("spark.driver.memory", driver_memory)
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false")
                 .config("spark.sql.shuffle.partitions", "16")
                 .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH))
                 .config("spark.pyspark.python", sys.executable)
                 .config("spark.local.dir", str(work / "spill"))
                 .getOrCreate())
    except Exception as exc:  # the JVM did not start (no usable Java, a bad master URL)
        raise EngineError(f"Spark did not start: {str(exc).strip().splitlines()[0]}") from exc
    spark.sparkContext.addPyFile(str(package))
    return spark


# --- per-batch Python functions (run in executors) --------------------------------------------

def _normalise(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Fields stripped and each text's content hash, as ``ingest`` does; ``bad`` says why a row cannot be kept."""
    for batch in batches:
        columns = batch.to_pydict()
        out = {k: [] for k in ("id", *REQUIRED, *OPTIONAL, "hash", "bad")}
        for i in range(batch.num_rows):
            row = {k: (columns[k][i] or "").strip() for k in (*REQUIRED, *OPTIONAL)}
            for k, v in row.items():
                out[k].append(v)
            out["id"].append("")
            out["hash"].append(content_hash(row["text"]) if row["text"] else "")
            out["bad"].append("empty outlet" if not row["outlet"] else "empty article text" if not row["text"] else "")
        yield pa.RecordBatch.from_pydict({**{k: columns[k] for k in ("order_file", "order_block", "order_row")}, **out})


def _keys(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each article's whole-text key and candidate-line keys (:func:`dashboard.boilerplate.article_keys`)."""
    for batch in batches:
        keys = [boilerplate.article_keys(text) for text in batch.column("text").to_pylist()]
        yield pa.RecordBatch.from_pydict({
            "outlet": batch.column("outlet"),
            "article": pa.array([int(k[0]) for k in keys], pa.int64()),
            "keys": pa.array([k[1:] for k in keys], pa.list_(pa.int64())),
        })


def _lists(values, offsets: np.ndarray, type_=None) -> pa.ListArray:
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), pa.array(values, type_))


def _articles(learned: dict, lexicon_yaml: tuple[str, str]):
    """The per-article function: the local pool's chunk task over one Arrow batch, its columns
    regrouped per article (sentences, tokens, matches and quotes as lists)."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from dashboard.analysis import chunks
        from dashboard.scanner import Scanner
        from dashboard.workers import SHARED

        lexicon = parse_lexicon(*lexicon_yaml)
        scanner = Scanner(lexicon)
        for batch in batches:
            rows = batch.select(["id", "outlet", "text", "headline", "published", "url"]).to_pylist()
            SHARED.update(rows=rows, boilerplate=learned, scanner=scanner, lexicon=lexicon)
            try:
                chunk = chunks._process((0, len(rows)))
            finally:
                SHARED.clear()
            yield _regroup(batch.column("n"), chunk)

    return run


def _regroup(n: pa.Array, chunk) -> pa.RecordBatch:
    arts = list(zip(*chunk.articles)) if chunk.articles else [[]] * 8
    counts = np.array(arts[6], dtype=np.int64)
    s_off = np.concatenate([[0], np.cumsum(counts)])
    sent = {k: np.frombuffer(v, dtype=np.int32) if len(v) else np.zeros(0, np.int32) for k, v in chunk.sentences.items()}
    tokens = chunk.tokens
    ids = np.frombuffer(tokens.ids, dtype=np.int32) if len(tokens.ids) else np.zeros(0, np.int32)
    lengths = np.frombuffer(tokens.lengths, dtype=np.int32) if len(tokens.lengths) else np.zeros(0, np.int32)
    words = np.asarray(tokens.words, dtype=object)[ids] if len(ids) else np.zeros(0, dtype=object)
    sentence_tokens = _lists(words, np.concatenate([[0], np.cumsum(lengths)]), pa.string())
    m = chunk.matches
    mc = {k: np.frombuffer(v, dtype=np.int32) if len(v) else np.zeros(0, np.int32) for k, v in m.columns.items()}
    m_off = np.searchsorted(mc["article"], np.arange(len(counts) + 1))
    keys, texts = np.asarray(m.keys, dtype=object), np.asarray(m.texts, dtype=object)
    heads = np.array([h[2] for h in m.headlines], dtype=np.int64)
    h_off = np.searchsorted(heads, np.arange(len(counts) + 1))
    quotes: list[list] = [[] for _ in counts]
    local = {article_id: i for i, article_id in enumerate(arts[0])}
    for row in m.quotes:
        quotes[local[row[1]]].append(row)
    return pa.RecordBatch.from_pydict({
        "n": n.cast(pa.int64()),
        **{name: pa.array(list(values), pa.int64() if name in ("words", "sentences", "removed") else pa.string())
           for name, values in zip(ARTICLE_COLUMNS, arts)},
        "clean_text": chunk.clean_texts.cast(pa.string()),
        "s_paragraph": _lists(sent["paragraph"], s_off, pa.int32()),
        "s_start": _lists(sent["start"], s_off, pa.int32()),
        "s_end": _lists(sent["end"], s_off, pa.int32()),
        "s_text": pa.ListArray.from_arrays(pa.array(s_off, pa.int32()), chunk.sentence_texts.cast(pa.string())),
        "tokens": pa.ListArray.from_arrays(pa.array(s_off, pa.int32()), sentence_tokens),
        "m_kind": _lists(mc["kind"], m_off, pa.int32()),
        "m_key": _lists(keys[mc["key"]] if len(mc["key"]) else [], m_off, pa.string()),
        "m_sentence": _lists(mc["sentence"], m_off, pa.int32()),
        "m_paragraph": _lists(mc["paragraph"], m_off, pa.int32()),
        "m_start": _lists(mc["start"], m_off, pa.int32()),
        "m_end": _lists(mc["end"], m_off, pa.int32()),
        "m_text": _lists(texts[mc["text"]] if len(mc["text"]) else [], m_off, pa.string()),
        "m_role": _lists(mc["role"].astype(bool), m_off, pa.bool_()),
        "h_kind": _lists([h[0] for h in m.headlines], h_off, pa.string()),
        "h_key": _lists([h[1] for h in m.headlines], h_off, pa.string()),
        "quotes": pa.array([json.dumps(q) for q in quotes], pa.string()),
    })


# --- streaming Spark's part files into one stored table -------------------------------------

def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob("part-*.parquet"))


def _stream(folder: Path, columns: list[str] | None = None, batch_size: int = 65_536) -> Iterator[pa.RecordBatch]:
    """The rows Spark wrote to ``folder``, in part order (an ordered write keeps its order)."""
    for part in _parts(folder):
        yield from pq.ParquetFile(part).iter_batches(batch_size=batch_size, columns=columns)


def _table(folder: Path, columns: list[str] | None = None) -> pa.Table:
    """A small Spark output read whole on the driver, in part order."""
    return pa.concat_tables([pq.read_table(part, columns=columns) for part in _parts(folder)])


def _outlet_codes(spark, outlets: list[str]):
    """outlet -> outlet_code (its place in the corpus's outlet order) as a small DataFrame to join."""
    return spark.createDataFrame([(o, i) for i, o in enumerate(outlets)], "outlet string, outlet_code int")


ROW_GROUP = 1 << 20  # rows per stored row group: pyarrow's default, as the local engine writes most tables
GROUP_BYTES = 32 << 20  # ... or fewer when they are wide: the driver holds one group at a time


def _groups(folder: Path, group: int = ROW_GROUP) -> Iterator[pa.RecordBatch]:
    """``folder``'s rows in part order, regrouped across parts into row groups of ``group`` rows
    (at most ``GROUP_BYTES``): each stored row group repeats a category column's whole dictionary."""
    held, rows, size = [], 0, 0
    for batch in _stream(folder):
        held.append(batch)
        rows, size = rows + batch.num_rows, size + batch.nbytes
        if rows >= group or size >= GROUP_BYTES:
            yield from pa.Table.from_batches(held).combine_chunks().to_batches(max_chunksize=group)
            held, rows, size = [], 0, 0
    if held:
        yield from pa.Table.from_batches(held).combine_chunks().to_batches(max_chunksize=group)


def _merged(folder: Path, convert: Callable[[pa.RecordBatch], pa.Table], *, queried: bool = False) -> Callable[[Path], None]:
    """A writer for :func:`dashboard.tables.write` that streams ``folder``'s parts, each row group
    passed through ``convert`` (to the pandas types the local engine stores), into one file; a
    ``queried`` table in the local engine's smaller row groups and plain large dictionaries
    (:func:`dashboard.tables.queried_table`)."""

    def write(path: Path) -> None:
        writer = None
        try:
            for batch in _groups(folder, tables.QUERIED_GROUP if queried else ROW_GROUP):
                table = tables.queried_table(convert(batch)) if queried else convert(batch)
                if writer is None:
                    writer = pq.ParquetWriter(path, table.schema, dictionary_pagesize_limit=1 << 30)
                writer.write_table(table)
            if writer is None:  # no rows: the converted empty table, for its schema
                empty = convert(pa.RecordBatch.from_pylist([], schema=pq.read_schema(_parts(folder)[0])))
                pq.write_table(tables.queried_table(empty) if queried else empty, path)
        finally:
            if writer is not None:
                writer.close()

    return write


def _frame(batch: pa.RecordBatch, categories: dict[str, list]) -> pa.Table:
    frame = batch.to_pandas()
    for column, values in categories.items():
        frame[column] = pd.Categorical(frame[column], categories=values)
    return pa.Table.from_pandas(frame, preserve_index=False)


# --- sourcing (run in executors, per story and per band) ----------------------------------------

def _story_texts(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each cleaned text cut to what :func:`dashboard.analysis.stories.stories` reads of it: its first
    ``BODY_WORDS`` words (whitespace kept) and at least its first 500 characters (a fallback label)."""
    from dashboard.analysis.stories import BODY_WORDS

    for batch in batches:
        cut = []
        for text in batch.column("clean_text").to_pylist():
            text = text or ""
            parts = text.split(maxsplit=BODY_WORDS)
            end = len(text) - len(parts[BODY_WORDS]) if len(parts) > BODY_WORDS else len(text)
            cut.append(text[:max(end, 500)])
        yield pa.RecordBatch.from_pydict({"n": batch.column("n"), "text": pa.array(cut, pa.string())})


def _per_story(outlets: list[str]):
    """One story's quote groups and claims by :func:`dashboard.analysis.sourcing.story_sourcing` itself,
    given the story's articles (sentences, matches and quotes as lists, global sentence and quote
    offsets): sentence rows and quote ids are the corpus-wide ones, so the driver only renumbers."""

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        import pickle
        from types import SimpleNamespace

        from dashboard.analysis import sourcing

        frame = frame.sort_values("n")
        counts = frame["s_text"].map(len).to_numpy()
        rows = np.concatenate([o + np.arange(c, dtype=np.int64) for o, c in zip(frame["s_offset"], counts)] or [[]])
        rows = rows.astype(np.int64)

        def flat(column: str, dtype=None) -> np.ndarray:
            parts = [np.asarray(v, dtype=dtype) for v in frame[column]]
            return np.concatenate(parts) if parts else np.zeros(0, dtype)

        local = pd.DataFrame({  # positions 0.. (content_texts reads texts by position)
            "article": np.repeat(frame["id"].to_numpy(dtype=object), counts),
            "sentence": np.concatenate([np.arange(c, dtype=np.int64) for c in counts] or [[]]).astype(np.int64),
            "paragraph": flat("s_paragraph", np.int64), "start": flat("s_start", np.int64),
            "outlet": np.repeat(frame["outlet"].to_numpy(dtype=object), counts), "text": flat("s_text", object)})
        m_counts = frame["m_kind"].map(len).to_numpy()
        matches = pd.DataFrame({
            "kind": np.asarray(KINDS, dtype=object)[flat("m_kind", np.int64)],
            "key": flat("m_key", object), "article": np.repeat(frame["id"].to_numpy(dtype=object), m_counts),
            "sentence": flat("m_sentence", np.int64), "start": flat("m_start", np.int64), "end": flat("m_end", np.int64)})
        said = [json.loads(text) for text in frame["quotes"]]
        quotes = quote_frame([tuple(q) for part in said for q in part])
        quotes.index = np.concatenate([o + np.arange(len(p), dtype=np.int64) for o, p in zip(frame["q_offset"], said)]
                                      or [[]]).astype(np.int64)
        view = SimpleNamespace(matches=matches, sentences=local, sentence_index=local)  # sentence_rows reads the index
        content = sourcing.content_texts(view)
        content.index = rows[content.index.to_numpy(dtype=np.int64)]
        position = sourcing.sentence_rows(view, quotes)
        found = ~pd.isna(position)
        quote_row = pd.Series(np.where(found, rows[np.where(found, position, 0).astype(np.int64)], np.nan)
                              if len(position) else position, index=quotes.index)
        if found.all():
            quote_row = quote_row.astype(np.int64)
        sentences = local.drop(columns="start").set_index(pd.Index(rows))
        name = frame["story"].iat[0]
        story_of = pd.Series(name, index=frame["id"].astype(str).to_numpy(), name="story")
        got = sourcing.story_sourcing(sentences, quotes, story_of, outlets, content=content, quote_row=quote_row)
        if name not in got.pools:  # fewer than two outlets with sentences: nothing within it
            return pd.DataFrame({"story": [], "first": [], "payload": []})
        of = got.claim_of[got.claim_of >= 0]
        payload = pickle.dumps((got.quote_groups, got.claims, of, got.claim_cells, got.pools[name]))
        return pd.DataFrame({"story": [name], "first": [int(rows.min())], "payload": [payload]})

    return run


def _signatures(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each candidate sentence's MinHash band values (:func:`dashboard.analysis.near_duplicates.signatures`
    of its unigram columns), one row per band: candidates as :func:`dashboard.analysis.coverage.shared_passages`
    picks them (at least ``SHARED_MIN_WORDS`` words)."""
    from dashboard.analysis.coverage import SHARED_MIN_WORDS
    from dashboard.analysis.near_duplicates import BANDS, ROWS, signatures

    for batch in batches:
        texts = batch.column("text").to_pylist()
        keep = np.fromiter((len(t.split()) >= SHARED_MIN_WORDS for t in texts), bool, len(texts))
        words = [distinct(np.asarray(u, dtype=np.int64)) for u, k in zip(batch.column("u").to_pylist(), keep) if k]
        rows = batch.column("row").to_numpy()[keep]
        if not len(rows):
            continue
        indptr = np.concatenate([[0], np.cumsum([len(w) for w in words])])
        matrix = sparse.csr_matrix((np.ones(indptr[-1]), np.concatenate(words), indptr),
                                   shape=(len(rows), int(max(w.max() for w in words)) + 1))
        sig = signatures(matrix).astype(np.int64).reshape(len(rows), BANDS, ROWS)
        yield pa.RecordBatch.from_pydict({
            "row": pa.array(np.repeat(rows, BANDS), pa.int64()),
            "band": pa.array(np.tile(np.arange(BANDS, dtype=np.int32), len(rows)), pa.int32()),
            "key": pa.FixedSizeListArray.from_arrays(pa.array(sig.reshape(-1), pa.int64()), ROWS).cast(pa.list_(pa.int64())),
        })


def _scored(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Candidate pairs kept when their normalised texts score at least ``SHARED_RATIO`` (the exact test of
    :func:`dashboard.analysis.near_duplicates.near_duplicate_pairs`)."""
    from rapidfuzz import fuzz

    from dashboard.analysis.coverage import SHARED_RATIO, normalise

    for batch in batches:
        a, b = batch.column("a").to_pylist(), batch.column("b").to_pylist()
        keep = np.array([fuzz.ratio(normalise(x), normalise(y), score_cutoff=SHARED_RATIO) >= SHARED_RATIO
                         for x, y in zip(a, b)], dtype=bool)
        yield pa.RecordBatch.from_pydict({"i": batch.column("i").filter(pa.array(keep)),
                                          "j": batch.column("j").filter(pa.array(keep))})


def _shared(spark, work: Path, sentences, outlet_order: list[str]) -> pd.DataFrame:
    """Shared passages as :func:`dashboard.analysis.coverage.shared_passages` finds them, with the
    MinHash buckets as a Spark group-by (within a bucket each member is paired with its first and
    its previous member, as :func:`~dashboard.analysis.near_duplicates.candidate_pairs` pairs them)
    and the pairs scored in executors; only the pairs that pass and their sentences reach the driver."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from dashboard.analysis.coverage import passage_table, union_find

    vocabulary = spark.read.parquet(str(work / "vocabulary"))
    unigram = (vocabulary.filter(~F.col("term").contains(" "))
               .withColumn("u", (F.row_number().over(Window.orderBy("col")) - 1).cast("long")).select("col", "u"))
    words = (spark.read.parquet(str(work / "cells")).select("row", "col").join(unigram, "col")
             .groupBy("row").agg(F.collect_list("u").alias("u")))
    bands = (sentences.select("row", "text").join(words, "row")
             .mapInArrow(_signatures, "row long, band int, key array<bigint>"))
    bands.write.parquet(str(work / "bands"))
    bucket = Window.partitionBy("band", "key").orderBy("row")
    members = (spark.read.parquet(str(work / "bands"))
               .select("row", F.first("row").over(bucket).alias("first"), F.lag("row").over(bucket).alias("prev"),
                       F.row_number().over(bucket).alias("rank")))
    pairs = (members.filter("rank > 1").select(F.col("first").alias("i"), F.col("row").alias("j"))
             .union(members.filter("rank > 2").select(F.col("prev").alias("i"), F.col("row").alias("j"))).distinct())
    text = sentences.select("row", "text")
    scored = (pairs.join(text.withColumnRenamed("row", "i").withColumnRenamed("text", "a"), "i")
              .join(text.withColumnRenamed("row", "j").withColumnRenamed("text", "b"), "j")
              .select("i", "j", "a", "b").mapInArrow(_scored, "i long, j long"))
    scored.write.parquet(str(work / "shared_pairs"))
    found = _table(work / "shared_pairs").to_pandas() if _parts(work / "shared_pairs") else pd.DataFrame({"i": [], "j": []})
    columns = ["outlets", "text", "rows", "articles"]
    if found.empty:
        frame = pd.DataFrame([], columns=columns)
        frame.insert(0, "passage", range(0))
        return frame
    nodes = distinct(found[["i", "j"]].to_numpy(np.int64))
    position = {row: k for k, row in enumerate(nodes.tolist())}
    labels = union_find(len(nodes), [(position[i], position[j]) for i, j in zip(found["i"].tolist(), found["j"].tolist())])
    pq.write_table(pa.table({"row": pa.array(nodes, pa.int64())}), work / "shared_nodes.parquet")
    (spark.read.parquet(str(work / "shared_nodes.parquet")).join(sentences, "row").orderBy("row")
     .select("row", "outlet", "article", "text").write.parquet(str(work / "shared_rows")))
    linked = _table(work / "shared_rows").to_pandas()  # in row order, as ``nodes``
    outlets, articles, texts = (linked[c].to_numpy(dtype=object) for c in ("outlet", "article", "text"))
    return passage_table(labels, outlets, articles, nodes, lambda at: texts[at].tolist(), outlet_order)[0]


def _sourcing(spark, arts, work: Path, folder: Path, articles: pd.DataFrame, outlets: list[str], lex, lexicon,
              tfidf_rows: np.ndarray, prominent: pd.DataFrame) -> None:
    """The sourcing result (:class:`dashboard.analysis.sourcing.Sourcing`), stored as ``folder``, with the sentence-level work in
    executors: stories on the driver from article-level data (ids, outlets, dates, headlines and each
    text's opening), then each story's quote groups and claims in executors (``groupBy("story")``), and
    shared passages as Spark group-bys. The driver never holds the sentence table or term matrix."""
    from types import SimpleNamespace

    from pyspark.sql import functions as F

    from dashboard.analysis import sourcing
    from dashboard.analysis.coverage import outlet_similarity
    from dashboard.analysis.quotes import verb_table, voice_table

    arts.select("n", "clean_text").mapInArrow(_story_texts, "n long, text string").orderBy("n").write.parquet(
        str(work / "story_texts"))
    texts = _table(work / "story_texts", ["text"]).column(0).to_pylist()
    view = SimpleNamespace(articles=articles, stage=SimpleNamespace(clean_texts=pd.Series(texts, dtype=object)))
    table, story_of = sourcing.story_table(view)
    del texts, view
    _step("stories (driver)")
    sentences_per = articles["sentences"].to_numpy(np.int64)
    quotes = lex.quotes
    quotes_per = (pd.Series(quotes["article"].astype(str)).value_counts()
                  .reindex(articles["id"].astype(str), fill_value=0).to_numpy(np.int64))
    wide = set(table.loc[table["outlets"] >= 2, "story"])
    pq.write_table(pa.table({
        "n": pa.array(np.arange(len(articles)), pa.int64()),
        "story": pa.array(story_of.to_numpy(dtype=object), pa.string()),
        "wide": pa.array(story_of.isin(wide).to_numpy(bool)),
        "s_offset": pa.array(np.concatenate([[0], np.cumsum(sentences_per)[:-1]]), pa.int64()),
        "q_offset": pa.array(np.concatenate([[0], np.cumsum(quotes_per)[:-1]]), pa.int64()),
    }), work / "article_story.parquet")
    placed = spark.read.parquet(str(work / "article_story.parquet"))

    sentences = (arts.select("n", "outlet", "id", F.posexplode("s_text").alias("s", "text"))
                 .join(placed.select("n", "s_offset"), "n")
                 .select((F.col("s_offset") + F.col("s")).alias("row"), "outlet", F.col("id").alias("article"), "text"))
    sentences.write.parquet(str(work / "sentence_rows"))
    sentences = spark.read.parquet(str(work / "sentence_rows"))
    outlet_order = list(dict.fromkeys(articles.loc[articles["sentences"] > 0, "outlet"]))
    shared = _shared(spark, work, sentences, outlet_order)
    _step("shared passages")
    story_similarity = _story_similarity(spark, work, sentences, placed, outlets)
    _step("similarity within each story (executors)")

    columns = ["n", "id", "outlet", "s_paragraph", "s_start", "s_text", "m_kind", "m_key", "m_sentence", "m_start",
               "m_end", "quotes"]
    (arts.select(*columns).join(placed.filter("wide"), "n").groupBy("story")
     .applyInPandas(_per_story(outlets), "story string, first long, payload binary")
     .orderBy("first").write.parquet(str(work / "story_sourcing")))
    _step("quote groups and claims per story (executors)")
    within = _assembled(work / "story_sourcing", int(sentences_per.sum()), work)
    _step("quote groups and claims joined (driver)")
    held = {
        "stories": table.assign(claims_from=table["story"].map(within["pools"]).fillna("")),
        "story_of": story_of,
        "quotes": quotes,
        "voices": voice_table(quotes, {a.id: a.label for a in lexicon.actors}),
        "verbs": verb_table(quotes),
        "quote_groups": within["quote_groups"],
        "shared": shared,
        "claim_of": within["claim_of"],
        "similarity": outlet_similarity(tfidf_rows, outlets),  # rows with the TF-IDF rows' cosines
        "story_similarity": story_similarity,
        "prominence": prominent,  # made per outlet in the executors (_lexicon_stage)
    }
    streamed = {name: within[name].writer_for() for name in ("claims", "claim_cells")}
    assert set(held) | set(streamed) == set(results.SOURCING_TABLES)
    tables.write(folder, meta={"format": results.FORMAT}, tables=held, streamed=streamed)


def _story_similarity(spark, work: Path, sentences, placed, outlets: list[str]) -> pd.DataFrame:
    """Each story of two or more outlets' outlet similarity, as the local engine stores it
    (:func:`dashboard.analysis.coverage.story_similarities`): the sentence × term cells summed per
    (story, outlet, term) by Spark, each story's few rows weighed and compared in an executor."""
    from pyspark.sql import functions as F

    def one_story(frame: pd.DataFrame) -> pd.DataFrame:
        from dashboard.analysis.coverage import similarity_rows, within_story_similarity

        codes, row = np.unique(frame["outlet_code"].to_numpy(), return_inverse=True)  # col -1: an outlet's place
        terms, col = np.unique(frame["col"].to_numpy(), return_inverse=True)
        counts = sparse.csr_matrix((frame["value"].to_numpy(np.float64), (row, col)), shape=(len(codes), len(terms)))
        counts.eliminate_zeros()
        out = similarity_rows(frame["story"].iat[0], within_story_similarity(counts, [outlets[c] for c in codes]))
        return out.assign(i=np.arange(len(out))) if len(codes) >= 2 else out.iloc[:0].assign(i=[])

    code = _outlet_codes(spark, outlets)
    wide = (placed.filter("wide").select("n", "story")
            .join(spark.read.parquet(str(work / "articles")).select("n", F.col("id").alias("article")), "n"))
    of_row = sentences.select("row", "article", "outlet").join(F.broadcast(wide), "article")
    places = (of_row.join(F.broadcast(code), "outlet").select("story", "outlet_code").distinct()
              .select("story", "outlet_code", F.lit(-1).alias("col"), F.lit(0).cast("long").alias("value")))
    (spark.read.parquet(str(work / "cells")).join(of_row.select("row", "story"), "row").groupBy("story", "outlet_code", "col")
     .agg(F.sum("value").alias("value")).unionByName(places).groupBy("story")
     .applyInPandas(one_story, "story string, outlet string, position long, other string, similarity double, i long")
     .orderBy("story", "i").drop("i").write.parquet(str(work / "story_similarity")))
    return _table(work / "story_similarity").to_pandas()


class _Appended:
    """A table written frame by frame into one Parquet file as :func:`dashboard.tables.write` writes a
    whole frame (list and dict columns as JSON text), for the tables too large to hold at once."""

    def __init__(self, path: Path, empty: pd.DataFrame):
        self.path, self.empty, self.writer, self.nested = path, empty, None, None

    def add(self, frame: pd.DataFrame) -> None:
        if not len(frame):
            return
        if self.nested is None:
            self.nested = [c for c in frame.columns if tables._nested(frame[c])]
        frame = frame.assign(**{c: frame[c].map(lambda v: json.dumps(v, ensure_ascii=False, default=tables._plain))
                                for c in self.nested})
        table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, table.schema)
        self.writer.write_table(table.cast(self.writer.schema))

    def entry(self) -> dict:
        if self.writer is None:  # nothing added: the empty frame, as the local engine writes it
            return {"series": False, "json_columns": tables._write_frame(self.path, self.empty)}
        self.writer.close()
        return {"series": False, "json_columns": self.nested}

    def writer_for(self) -> Callable[[Path], dict]:
        def write(path: Path) -> dict:
            entry = self.entry()
            os.replace(self.path, path)
            return entry

        return write


def _assembled(folder: Path, n_sentences: int, work: Path) -> dict:
    """The stories' results joined as :func:`dashboard.analysis.sourcing.story_sourcing` joins them:
    stories in the order of their first sentence, group and claim ids run across them, quote
    groups then ordered by their outlet count. Claims and their cells are appended to Parquet
    story by story (they grow with the corpus); quote groups and each sentence's claim id are held."""
    import pickle

    from dashboard.analysis.coverage import CELL_COLUMNS, CLAIM_COLUMNS
    from dashboard.analysis.quotes import GROUP_COLUMNS

    claim_of = np.full(n_sentences, -1, dtype=np.int64)
    claims = _Appended(work / "claims.parquet", pd.DataFrame(columns=[*CLAIM_COLUMNS, "story"]))
    cells = _Appended(work / "claim_cells.parquet", pd.DataFrame(columns=[*CELL_COLUMNS, "story"]))
    groups, pools, g_offset, c_offset = [], {}, 0, 0
    for batch in _stream(folder, ["story", "payload"], batch_size=64):
        for name, payload in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist()):
            g, table, of, cell, pools[name] = pickle.loads(payload)
            if len(g):
                groups.append(g.assign(group=g["group"] + g_offset))
            claims.add(table.assign(claim=table["claim"] + c_offset))
            cells.add(cell.assign(claim=cell["claim"] + c_offset))
            claim_of[of.index.to_numpy(np.int64)] = of.to_numpy(np.int64) + c_offset
            g_offset, c_offset = g_offset + len(g), c_offset + len(table)
    quote_table = (pd.concat(groups, ignore_index=True) if groups else pd.DataFrame(columns=[*GROUP_COLUMNS, "story"]))
    quote_table = quote_table.sort_values("outlets", key=lambda o: -o.str.len(), kind="stable", ignore_index=True)
    return {"quote_groups": quote_table.assign(group=range(len(quote_table))), "claims": claims, "claim_cells": cells,
            "claim_of": pd.Series(claim_of, name="claim"), "pools": pools}


def _sentence_view(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentences (indexed by their corpus-wide row) and lexicon matches of a batch of articles."""
    counts = frame["s_text"].map(len).to_numpy()
    rows = np.concatenate([o + np.arange(c, dtype=np.int64) for o, c in zip(frame["s_offset"], counts)] or [[]])

    def flat(column: str, dtype=None) -> np.ndarray:
        parts = [np.asarray(v, dtype=dtype) for v in frame[column]]
        return np.concatenate(parts) if parts else np.zeros(0, dtype)

    sentences = pd.DataFrame({
        "article": np.repeat(frame["id"].to_numpy(dtype=object), counts),
        "sentence": np.concatenate([np.arange(c, dtype=np.int64) for c in counts] or [[]]).astype(np.int64),
        "outlet": np.repeat(frame["outlet"].to_numpy(dtype=object), counts), "text": flat("s_text", object)},
        index=pd.Index(rows.astype(np.int64)))
    m_counts = frame["m_kind"].map(len).to_numpy()
    matches = pd.DataFrame({
        "kind": np.asarray(KINDS, dtype=object)[flat("m_kind", np.int64)], "key": flat("m_key", object),
        "article": np.repeat(frame["id"].to_numpy(dtype=object), m_counts), "sentence": flat("m_sentence", np.int64)})
    return sentences, matches


def _tone(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The tone part of :func:`dashboard.analysis.framing.analyse_framing` (VADER of each sentence naming
    an actor, each scored on its own) over a batch of articles, with each row's article ``n`` and
    place ``p`` among its article's rows: the local engine's order."""
    from types import SimpleNamespace

    from dashboard.analysis.framing import analyse_framing

    os.environ["FRAMING_LENS_WORKERS"] = "1"  # this Python worker is one of Spark's cores: no pool in it
    for batch in batches:
        sentences, matches = _sentence_view(batch.to_pandas())
        out = analyse_framing(SimpleNamespace(sentences=sentences, matches=matches), ()).tone
        n_of = dict(zip(batch.column("id").to_pylist(), batch.column("n").to_pylist()))
        yield pa.RecordBatch.from_pydict({
            "o": pa.array(out["article"].map(n_of).to_numpy(np.int64), pa.int64()),
            "p": pa.array(np.arange(len(out)), pa.int64()),
            **{c: pa.array(out[c].to_numpy(dtype=object), pa.string()) for c in ("actor", "article", "outlet")},
            "row": pa.array(out["row"].to_numpy(np.int64), pa.int64()),
            "tone": pa.array(out["tone"].to_numpy(np.float64), pa.float64())})


def _cues(frames_yaml: str):
    """The frame-cue part of :func:`dashboard.analysis.framing.analyse_framing` over one block of
    ``CUE_CHUNK`` sentence rows (the local pool's own blocks, so matches come in its order)."""

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        from types import SimpleNamespace

        from dashboard.analysis.frames import parse_frames
        from dashboard.analysis.framing import analyse_framing

        os.environ["FRAMING_LENS_WORKERS"] = "1"
        sentences = frame.sort_values("row").set_index("row")[["text"]]
        none = pd.DataFrame({"kind": [], "key": [], "article": [], "sentence": []})
        cues = analyse_framing(SimpleNamespace(sentences=sentences, matches=none), parse_frames(frames_yaml)).cues
        return pd.DataFrame({"block": np.full(len(cues), frame["block"].iat[0], dtype=np.int64),
                             "p": np.arange(len(cues), dtype=np.int64), "row": cues["row"].to_numpy(np.int64),
                             "frame": cues["frame"].to_numpy(dtype=object), "start": cues["start"].to_numpy(np.int64),
                             "end": cues["end"].to_numpy(np.int64), "text": cues["text"].to_numpy(dtype=object)})

    return run


def _actor_tone(lexicon_yaml: tuple[str, str]):
    """One (outlet, actor)'s row of :func:`dashboard.analysis.tone.actor_tone`, by that function over the
    group's tone rows in the local engine's order, with where the group first appears (its place in
    the local table) and the row as Arrow IPC bytes."""

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        from dashboard.analysis.tone import actor_tone

        frame = frame.sort_values(["o", "p"])
        table = actor_tone(frame[["actor", "row", "article", "outlet", "tone"]].reset_index(drop=True), _parsed(lexicon_yaml))
        return pd.DataFrame({"o": [frame["o"].iat[0]], "p": [frame["p"].iat[0]], "payload": [_arrow_bytes(table)]})

    return run


def _tone_summary(spark, work: Path, lexicon_yaml: tuple[str, str]) -> pd.DataFrame:
    """The stored tone summary (:attr:`dashboard.analysis.framing.FramingStage.summary`): each (outlet, actor)'s
    tone in executors, the texts of its two extreme sentences joined in Spark; the driver holds one row
    per outlet and actor, never the tone rows."""
    from pyspark.sql import functions as F

    from dashboard.analysis.framing import with_texts
    from dashboard.analysis.tone import actor_tone

    groups = (spark.read.parquet(str(work / "framing_scored")).groupBy("outlet", "actor")
              .applyInPandas(_actor_tone(lexicon_yaml), "o long, p long, payload binary").orderBy("o", "p").collect())
    if not groups:
        return with_texts(actor_tone(pd.DataFrame(), _parsed(lexicon_yaml)), pd.Series([], dtype=object).reindex)
    table = pd.concat([_arrow_frame(g["payload"]) for g in groups], ignore_index=True)
    wanted = spark.createDataFrame(pd.DataFrame({"row": np.union1d(table["most_negative"], table["most_positive"]).astype(np.int64)}))
    found = spark.read.parquet(str(work / "sentence_rows")).join(F.broadcast(wanted), "row").select("row", "text").toPandas()
    return with_texts(table, pd.Series(found["text"].to_numpy(dtype=object), index=found["row"].to_numpy(np.int64)).reindex)


def _framing_tables(arts, work: Path, folder: Path, frames_yaml: str, lexicon_yaml: tuple[str, str]) -> None:
    """The framing scores (:func:`dashboard.analysis.framing.analyse_framing`) computed in executors, tone
    over batches of articles, cues over blocks of sentences, and streamed into the stored folder
    ``folder`` in the local engine's row order, with the tone summary made from them."""
    from pyspark.sql import functions as F

    from dashboard.analysis.framing import CUE_CHUNK

    spark = arts.sparkSession
    placed = spark.read.parquet(str(work / "article_story.parquet")).select("n", "s_offset")
    (arts.select("n", "id", "outlet", "s_text", "m_kind", "m_key", "m_sentence").join(placed, "n")
     .mapInArrow(_tone, "o long, p long, actor string, article string, outlet string, row long, tone double")
     .write.parquet(str(work / "framing_scored")))
    (spark.read.parquet(str(work / "framing_scored"))
     .orderBy("o", "p").select("actor", "row", "article", "outlet", "tone").write.parquet(str(work / "framing_tone")))
    (spark.read.parquet(str(work / "sentence_rows")).select("row", "text")
     .withColumn("block", (F.col("row") / F.lit(CUE_CHUNK)).cast("long")).groupBy("block")
     .applyInPandas(_cues(frames_yaml), "block long, p long, row long, frame string, start long, end long, text string")
     .orderBy("block", "p").drop("block", "p").write.parquet(str(work / "framing_cues")))

    def streamed(part: str) -> Callable[[Path], dict]:
        def write(path: Path) -> dict:
            _merged(work / f"framing_{part}", lambda b: pa.Table.from_batches([b]))(path)
            return {"series": False, "json_columns": []}

        return write

    tables.write(folder, meta={"format": results.FORMAT}, tables={"summary": _tone_summary(spark, work, lexicon_yaml)},
                 streamed={p: streamed(p) for p in ("tone", "cues")})

# --- the run ----------------------------------------------------------------------------------

_LAST_STEP = [0.0]


def _step(name: str) -> None:
    """With ``FRAMING_LENS_SPARK_STEPS`` set, one line on stderr per finished step: its time and the
    driver's peak RSS so far (``benchmarks/spark.py`` prints them)."""
    if os.environ.get("FRAMING_LENS_SPARK_STEPS"):
        import resource
        import time

        now = time.monotonic()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"spark step: {name}: {now - (_LAST_STEP[0] or now):.1f} s, driver peak {peak:.0f} MB",
              file=sys.stderr, flush=True)
        _LAST_STEP[0] = now

def _read(spark, files: list[Path]):
    """SOURCE as one DataFrame with each row's place in its file (file, block, row) and the fields
    of an article as strings; a missing ``text`` or ``outlet`` column stops the run."""
    from pyspark.sql import functions as F

    kinds = {p.suffix.lower() for p in files}
    if len(kinds) > 1:
        raise EngineError(f"SOURCE mixes file types ({', '.join(sorted(kinds))}): give one type at a time")
    paths, kind = [str(p) for p in files], kinds.pop()
    if kind == ".parquet":
        frame = spark.read.parquet(*paths)
    elif kind == ".csv":
        frame = spark.read.csv(paths, header=True, multiLine=True, escape='"')
    else:
        frame = spark.read.json(paths, multiLine=kind == ".json")
    columns = {c.strip(): c for c in frame.columns}
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise EngineError(f"{files[0].name}: missing column(s) {', '.join(missing)}; found {', '.join(columns) or 'none'}")
    return frame.select(
        F.col("_metadata.file_path").alias("order_file"), F.col("_metadata.file_block_start").alias("order_block"),
        F.monotonically_increasing_id().alias("order_row"),
        *[(F.col(f"`{columns[c]}`").cast("string") if c in columns else F.lit(None).cast("string")).alias(c)
          for c in (*REQUIRED, *OPTIONAL)])


def _rows(spark, files: list[Path], work: Path, skip_bad: bool):
    """The articles ``ingest`` would store, in its order: empty rows refused, duplicate texts after
    the first skipped, ``n`` their position and ``id`` the store's own (``%06d_`` + hash prefix)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    raw = _read(spark, files).mapInArrow(_normalise, ROW_SCHEMA)
    raw.write.parquet(str(work / "raw"))
    raw = spark.read.parquet(str(work / "raw"))
    bad = raw.filter(F.col("bad") != "").groupBy("bad").count().collect()
    if bad and not skip_bad:
        problems = ", ".join(f"{r['count']} rows with {r['bad']}" for r in bad)
        raise EngineError(f"{problems}: fix them, or pass --skip-bad to analyse the good rows")
    order = ["order_file", "order_block", "order_row"]
    good = raw.filter(F.col("bad") == "")
    first = good.groupBy("hash").agg(F.min(F.struct(*order)).alias("o")).select("hash", *[F.col(f"o.{c}").alias(c) for c in order])
    numbered = first.withColumn("n", (F.row_number().over(Window.orderBy(*order)) - 1).cast("long")).select(*order, "n")
    rows = (good.join(numbered, order).drop("id", "bad")
            .withColumn("id", F.format_string("%06d_%s", F.col("n"), F.substring("hash", 1, 10))))
    rows.orderBy("n").select("n", "id", *REQUIRED, *OPTIONAL, "hash").write.parquet(str(work / "rows"))
    rows = spark.read.parquet(str(work / "rows"))
    if not rows.take(1):
        raise EngineError("nothing to analyse: no article has both an outlet and a text")
    return rows


def _learn(rows, min_articles: int = boilerplate.MIN_ARTICLES) -> dict[str, dict[int, int]]:
    """Learned furniture as :func:`dashboard.boilerplate.count` learns it: keys in at least
    ``min_articles`` distinct articles of an outlet (one text counted once), as a group-by."""
    from pyspark.sql import functions as F

    keys = rows.select("outlet", "text").mapInArrow(_keys, "outlet string, article long, keys array<long>")
    counted = (keys.dropDuplicates(["outlet", "article"]).select("outlet", F.explode("keys").alias("key"))
               .groupBy("outlet", "key").count().filter(F.col("count") >= min_articles))
    learned: dict[str, dict[int, int]] = {}
    for r in counted.collect():
        learned.setdefault(r["outlet"], {})[r["key"]] = r["count"]
    return learned


def _word_hash(word: str) -> int:
    """A word's 64-bit key (the first 8 bytes of its BLAKE2b): the same in every executor, so n-grams are
    counted as integers; two words with one key are caught before any count is used (:func:`_term_tables`)."""
    import hashlib

    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little", signed=True)


def _grams(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each sentence's n-gram counts as integers, as :func:`dashboard.analysis.terms.count_ngrams` counts
    them (``k`` consecutive tokens of one sentence), keyed by their words' 64-bit keys (``kind`` 0), and
    each word's first appearance (article ``n``, sentence ``s``, token ``t``; ``kind`` 1), which orders
    the vocabulary as the local engine's token ids do."""
    import pyarrow.compute as pc

    lo, hi = NGRAMS
    for batch in batches:
        table = pa.Table.from_batches([batch]).sort_by("n")
        n, offset = table.column("n").to_numpy(), table.column("offset").to_numpy()
        outlet = table.column("outlet_code").to_numpy()
        sentences = table.column("tokens").combine_chunks()
        per_article = pc.list_value_length(sentences).fill_null(0).to_numpy().astype(np.int64)
        flat = pc.list_flatten(sentences)
        lengths = pc.list_value_length(flat).fill_null(0).to_numpy().astype(np.int64)
        encoded = pc.dictionary_encode(pc.list_flatten(flat))
        ids = encoded.indices.to_numpy().astype(np.int64)
        words = encoded.dictionary.to_pylist()  # first-appearance order
        keys = np.fromiter((_word_hash(w) for w in words), np.int64, len(words))
        article_of = np.repeat(np.arange(len(per_article)), per_article)  # per sentence
        sentence_in = np.arange(len(article_of)) - np.repeat(np.cumsum(per_article) - per_article, per_article)
        sentence_of = np.repeat(np.arange(len(lengths)), lengths)  # per token
        token_in = np.arange(len(ids)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        _, first = np.unique(ids, return_index=True)
        size = len(words)
        if size:
            s_first = sentence_of[first]
            yield pa.RecordBatch.from_pydict({
                **{c: pa.nulls(size, t) for c, t in GRAM_FIELDS[:7]}, "kind": pa.array(np.ones(size, np.int8)),
                "word": pa.array(words, pa.string()), "h": pa.array(keys),
                "n": pa.array(n[article_of[s_first]].astype(np.int64)),
                "s": pa.array(sentence_in[s_first].astype(np.int32)), "t": pa.array(token_in[first].astype(np.int32))},
                schema=GRAM_SCHEMA_ARROW)
        base = max(size, 1)
        row_of = offset[article_of] + sentence_in  # each sentence's corpus-wide row
        for k in range(lo, hi + 1):
            m = len(ids) - k + 1
            if m <= 0:
                continue
            at = np.flatnonzero(sentence_of[:m] == sentence_of[k - 1:k - 1 + m])  # the k ids lie in one sentence
            if not len(at):
                continue
            code = ids[at]
            for j in range(1, k):
                code = code * base + ids[at + j]
            local = sentence_of[at]
            if len(lengths) * base ** k < 2 ** 62:
                unique, count = np.unique(local * base ** k + code, return_counts=True)
                local, code = np.divmod(unique, base ** k)
            else:  # a huge batch: sort the pairs instead of packing them into one integer
                order = np.lexsort((code, local))
                local, code = local[order], code[order]
                starts = np.flatnonzero(np.r_[True, (local[1:] != local[:-1]) | (code[1:] != code[:-1])])
                count = np.diff(np.r_[starts, len(local)])
                local, code = local[starts], code[starts]
            digits = []
            for _ in range(k):
                code, digit = np.divmod(code, base)
                digits.append(keys[digit])
            digits.reverse()
            zeros = np.zeros(len(local), np.int64)
            yield pa.RecordBatch.from_pydict({
                "row": pa.array(row_of[local].astype(np.int64)), "outlet_code": pa.array(outlet[article_of[local]].astype(np.int32)),
                "k": pa.array(np.full(len(local), k, np.int32)),
                **{f"h{j + 1}": pa.array(digits[j] if j < k else zeros) for j in range(3)},
                "count": pa.array(count.astype(np.int32)), "kind": pa.array(np.zeros(len(local), np.int8)),
                **{c: pa.nulls(len(local), t) for c, t in GRAM_FIELDS[8:]}}, schema=GRAM_SCHEMA_ARROW)


GRAM_FIELDS = [("row", pa.int64()), ("outlet_code", pa.int32()), ("k", pa.int32()), ("h1", pa.int64()), ("h2", pa.int64()),
               ("h3", pa.int64()), ("count", pa.int32()), ("kind", pa.int8()), ("word", pa.string()), ("h", pa.int64()),
               ("n", pa.int64()), ("s", pa.int32()), ("t", pa.int32())]
GRAM_SCHEMA_ARROW = pa.schema(GRAM_FIELDS)
GRAM_SCHEMA = ("row long, outlet_code int, k int, h1 long, h2 long, h3 long, count int, kind byte, word string, h long, "
               "n long, s int, t int")


def _term_tables(spark, arts, outlets: list[str], work: Path, min_count: int) -> None:
    """The sentence × term counts (``cells``, written as Parquet COO), the vocabulary in the local
    engine's column order, and the outlet × term sums (``outlet_terms``), all written by executors:
    n-grams are counted per batch in Python as integer keys, Spark only sums small integer rows."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    offsets = arts.select("n", "sentences").withColumn(
        "offset", F.coalesce(F.sum("sentences").over(Window.orderBy("n").rowsBetween(Window.unboundedPreceding, -1)),
                             F.lit(0)))
    code = _outlet_codes(spark, outlets)
    (arts.select("n", "outlet", "tokens").join(offsets.select("n", "offset"), "n").join(F.broadcast(code), "outlet")
     .select("n", "offset", "outlet_code", "tokens").mapInArrow(_grams, GRAM_SCHEMA).write.parquet(str(work / "grams")))
    grams = spark.read.parquet(str(work / "grams"))
    _step("n-grams counted per sentence (executors)")
    words = (grams.filter("kind = 1").groupBy("h")
             .agg(F.min(F.struct("n", "s", "t")).alias("first"), F.min("word").alias("word"), F.max("word").alias("other")))
    words.write.parquet(str(work / "words"))
    words = spark.read.parquet(str(work / "words"))
    clash = words.filter("word != other").select("word", "other").take(1)
    if clash:
        raise EngineError(f"the words {clash[0]['word']!r} and {clash[0]['other']!r} share a 64-bit key: "
                          "use --engine local for this corpus")
    ranked = words.withColumn("rank", F.row_number().over(Window.orderBy("first"))).select("h", "word", "rank")
    counts = grams.filter("kind = 0").select("row", "outlet_code", "k", "h1", "h2", "h3", "count")
    kept = counts.groupBy("k", "h1", "h2", "h3").agg(F.sum("count").alias("total")).filter(F.col("total") >= min_count)
    w = [ranked.select(F.col("h").alias(f"x{j}"), F.col("word").alias(f"w{j}"), F.col("rank").alias(f"r{j}"))
         for j in (1, 2, 3)]
    named = (kept.join(w[0], kept["h1"] == w[0]["x1"])
             .join(w[1], (kept["k"] >= 2) & (kept["h2"] == w[1]["x2"]), "left")
             .join(w[2], (kept["k"] >= 3) & (kept["h3"] == w[2]["x3"]), "left"))
    vocabulary = (named.withColumn("col", (F.row_number().over(Window.orderBy("k", "r1", "r2", "r3")) - 1).cast("int"))
                  .select("col", F.concat_ws(" ", "w1", "w2", "w3").alias("term"), "k", "h1", "h2", "h3"))
    vocabulary.orderBy("col").write.parquet(str(work / "vocabulary"))
    vocabulary = spark.read.parquet(str(work / "vocabulary"))
    _step("vocabulary (Spark)")
    cells = counts.join(vocabulary.select("k", "h1", "h2", "h3", "col"), ["k", "h1", "h2", "h3"]).select(
        "row", "col", F.col("count").alias("value"), "outlet_code")
    cells.write.parquet(str(work / "cells"))
    cells = spark.read.parquet(str(work / "cells"))
    (cells.groupBy("outlet_code", "col").agg(F.sum("value").alias("count"), F.count("row").alias("sentences"))
     .write.parquet(str(work / "outlet_terms")))


def _idf_of_df(n_outlets: int) -> np.ndarray:
    """scikit-learn's smoothed idf of a term used by ``df`` of ``n_outlets`` outlets, at index ``df``:
    :class:`~sklearn.feature_extraction.text.TfidfTransformer` fitted on columns used by 1, 2, ... outlets."""
    from sklearn.feature_extraction.text import TfidfTransformer

    idf = np.zeros(n_outlets + 1)
    step = max(1, 4_000_000 // max(n_outlets, 1))  # columns per fit: at most a few million cells
    for lo in range(1, n_outlets + 1, step):
        dfs = np.arange(lo, min(lo + step, n_outlets + 1))
        rows = np.concatenate([np.arange(d) for d in dfs])
        cols = np.repeat(np.arange(len(dfs)), dfs)
        x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_outlets, len(dfs)))
        idf[dfs] = TfidfTransformer().fit(x).idf_
    return idf


_LEXICONS: dict = {}


def _parsed(lexicon_yaml: tuple[str, str]):
    """The lexicon, parsed once per Python worker (a worker runs many outlets' groups)."""
    if lexicon_yaml not in _LEXICONS:
        _LEXICONS.clear()
        _LEXICONS[lexicon_yaml] = parse_lexicon(*lexicon_yaml)
    return _LEXICONS[lexicon_yaml]


OUTLETS_PER_CALL = 8  # outlets per call of a local table function in an executor: fewer calls, bounded groups


def _outlet_term_rows(outlets: list[str], total: float, idf: np.ndarray, lexicon_yaml: tuple[str, str]):
    """A few outlets' rows of the term table by :func:`dashboard.analysis.terms.term_table` itself, given
    their terms with each term's corpus count ``y_w`` and outlet count ``df``: the table is made for
    the outlets' rows plus one row for all other outlets summed (and one column holding the rest of
    the corpus's count), which gives each outlet's cells the corpus-wide log-odds; TF-IDF is
    scikit-learn's transformer with the corpus-wide idf. Also each topic's TF-IDF mass per outlet
    (``topic`` rows, as :func:`dashboard.analysis._tfidf_mass` sums it)."""

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        from sklearn.feature_extraction.text import TfidfTransformer

        from dashboard.analysis import _topic_columns
        from dashboard.analysis.terms import TermMatrix, term_table

        frame = frame.sort_values(["outlet_code", "col"], kind="stable")
        codes, row = np.unique(frame["outlet_code"].to_numpy(np.int64), return_inverse=True)
        terms, col = np.unique(frame["col"].to_numpy(np.int64), return_inverse=True)  # in the corpus's column order
        r, k = len(codes), len(terms)
        count = frame["count"].to_numpy(np.float64)
        y_w, df = np.zeros(k), np.zeros(k, np.int64)
        y_w[col], df[col] = frame["y_w"].to_numpy(np.float64), frame["df"].to_numpy(np.int64)
        others = y_w - np.bincount(col, weights=count, minlength=k)
        rest = total - y_w.sum()
        vocabulary = np.empty(k + 1, dtype=object)
        vocabulary[col], vocabulary[k] = frame["term"].to_numpy(dtype=object), ""
        o = np.flatnonzero(others)
        rows = np.r_[row, np.full(len(o) + (rest > 0), r)].astype(np.int64)
        cols = np.r_[col, o, [k] if rest > 0 else []].astype(np.int64)

        def matrix(values: np.ndarray) -> sparse.csr_matrix:
            return sparse.csr_matrix((np.r_[values, others[o], [rest] if rest > 0 else []], (rows, cols)), shape=(r + 1, k + 1))

        transformer = TfidfTransformer(sublinear_tf=True)
        transformer.idf_ = idf[df]
        weights = transformer.transform(sparse.csr_matrix((count, (row, col)), shape=(r, k))).tocsr()
        table = term_table(TermMatrix(vocabulary, None, matrix(count), matrix(frame["sentences"].to_numpy(np.float64)),
                                      matrix(np.asarray(weights[row, col]).ravel())), [outlets[c] for c in codes] + [""])
        at = table["outlet"].cat.codes.to_numpy()
        table = table[at < r]
        at = at[at < r]
        lexicon = _parsed(lexicon_yaml)
        masses = [(topic.id, np.asarray(weights[:, c].sum(axis=1)).ravel() if c else np.zeros(r))
                  for topic, c in zip(lexicon.topics, _topic_columns(vocabulary[:k], lexicon.topics))]
        m = len(masses) * r
        first = np.searchsorted(at, np.arange(r))  # each outlet's first row (the table is sorted by outlet)
        return pd.DataFrame({
            "outlet_code": np.r_[codes[at], np.tile(codes, len(masses))].astype(np.int32),
            "p": np.r_[np.arange(len(table)) - first[at], np.full(m, -1)].astype(np.int64),
            "col": np.r_[terms[table["term"].cat.codes.to_numpy()], np.full(m, -1)].astype(np.int32),
            "count": np.r_[table["count"].to_numpy(np.int32), np.zeros(m, np.int32)],
            "sentences": np.r_[table["sentences"].to_numpy(np.int32), np.zeros(m, np.int32)],
            "tfidf": np.concatenate([table["tfidf"].to_numpy(np.float64), *[v for _, v in masses]]),
            "log_odds_z": np.r_[table["log_odds_z"].to_numpy(np.float64), np.zeros(m)],
            "thin": np.r_[table["thin"].to_numpy(bool), np.zeros(m, bool)],
            "style": np.r_[table["style"].cat.codes.to_numpy(np.int8), np.zeros(m, np.int8)],
            "topic": pd.array([None] * len(table) + [t for t, _ in masses for _ in range(r)], dtype=object),
        })

    return run


TERM_ROW_SCHEMA = ("outlet_code int, p long, col int, count int, sentences int, tfidf double, log_odds_z double, "
                   "thin boolean, style byte, topic string")


def _gram_part(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """One partition's share of the outlet × outlet Gram matrix of the TF-IDF rows (each term's cells are all
    in one partition), as ``i, j, value`` rows."""
    parts = [b for b in batches if b.num_rows]
    if not parts:
        return
    t = pa.Table.from_batches(parts)
    i, c, v = (t.column(x).to_numpy() for x in ("outlet_code", "col", "tfidf"))
    _, c = np.unique(c, return_inverse=True)
    x = sparse.csr_matrix((v, (i, c)), shape=(int(i.max()) + 1, int(c.max()) + 1))
    g = (x @ x.T).tocoo()
    yield pa.RecordBatch.from_pydict({"i": pa.array(g.row.astype(np.int32)), "j": pa.array(g.col.astype(np.int32)),
                                      "value": pa.array(g.data.astype(np.float64))})


def _term_stage(spark, work: Path, outlets: list[str], lexicon_yaml: tuple[str, str]) -> dict:
    """The term table's rows, computed a few outlets at a time in executors and written in the local table's order
    (outlet, then most distinctive first) to ``term_rows``; returned: the vocabulary size, each outlet's
    row range, the topics' TF-IDF mass per outlet and a small matrix with the TF-IDF rows' cosines."""
    from pyspark.sql import functions as F

    terms = spark.read.parquet(str(work / "outlet_terms"))
    per_term = terms.groupBy("col").agg(F.sum("count").alias("y_w"), F.count("outlet_code").alias("df"))
    total = float(per_term.agg(F.sum("y_w")).collect()[0][0] or 0)
    vocabulary = spark.read.parquet(str(work / "vocabulary")).select("col", "term")
    run = _outlet_term_rows(outlets, total, _idf_of_df(len(outlets)), lexicon_yaml)
    (terms.join(per_term, "col").join(vocabulary, "col")
     .groupBy((F.col("outlet_code") / OUTLETS_PER_CALL).cast("int")).applyInPandas(run, TERM_ROW_SCHEMA)
     .orderBy("outlet_code", "p").write.parquet(str(work / "term_rows")))
    rows = spark.read.parquet(str(work / "term_rows"))
    _step("term rows per outlet (executors)")
    cells = rows.filter("p >= 0")
    gram = np.zeros((len(outlets), len(outlets)))
    (cells.select("outlet_code", "col", "tfidf").repartition(16, "col")
     .mapInArrow(_gram_part, "i int, j int, value double").write.parquet(str(work / "gram")))
    for batch in _stream(work / "gram"):
        np.add.at(gram, (batch.column("i").to_numpy(), batch.column("j").to_numpy()), batch.column("value").to_numpy())
    sizes = dict(cells.groupBy("outlet_code").count().collect())
    edges = np.cumsum([0] + [sizes.get(i, 0) for i in range(len(outlets))])
    mass = {(r["outlet_code"], r["topic"]): r["tfidf"] for r in rows.filter("p < 0").select("outlet_code", "topic", "tfidf").collect()}
    n_terms = spark.read.parquet(str(work / "vocabulary")).count()
    return {"n_terms": n_terms, "term_rows": {o: (int(edges[i]), int(edges[i + 1])) for i, o in enumerate(outlets)
                                              if edges[i + 1] > edges[i]},
            "mass": mass, "gram": gram, "rows": int(edges[-1])}


def _similarity_rows(gram: np.ndarray) -> np.ndarray:
    """Rows whose cosines are the Gram matrix's (``Y @ Y.T == gram``), for
    :func:`dashboard.analysis.coverage.outlet_similarity` in place of the outlet × term TF-IDF rows."""
    gram = (gram + gram.T) / 2
    values, vectors = np.linalg.eigh(gram)
    rows = vectors * np.sqrt(np.clip(values, 0, None))
    rows[np.diag(gram) == 0] = 0
    return rows


def _pandas_schema(frame: pd.DataFrame, rows: int, categories: dict[str, int]) -> pa.Schema:
    """The schema (with pandas' metadata) ``tables`` would store for ``frame`` grown to ``rows`` rows with
    ``categories[c]`` categories in column ``c``: a stream of batches written as one stored table."""
    schema = pa.Schema.from_pandas(frame, preserve_index=None)
    meta = json.loads(schema.metadata[b"pandas"])
    for index in meta["index_columns"]:
        if isinstance(index, dict) and index.get("kind") == "range":
            index["stop"] = rows
    fields = []
    for field in schema:
        if field.name in categories:
            n = categories[field.name]
            width = pa.int8() if n < 2 ** 7 else pa.int16() if n < 2 ** 15 else pa.int32()
            field = field.with_type(pa.dictionary(width, pa.string()))
            for column in meta["columns"]:
                if column["name"] == field.name:
                    column["numpy_type"] = str(width)
                    column["metadata"] = {"num_categories": n, "ordered": False}
        fields.append(field)
    return pa.schema(fields, metadata={**schema.metadata, b"pandas": json.dumps(meta).encode()})


def _dictionary(codes: np.ndarray, values: pa.Array, type_: pa.DataType) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(type_.index_type.to_pandas_dtype())), values)


MATCH_SCHEMA = ("outlet string, what string, kind string, key string, article string, sentence int, paragraph int, "
                "start int, end int, text string, role boolean")


def _outlet_lexicon(outlets: list[str], lexicon_yaml: tuple[str, str], totals: dict, mass: dict, keys: list, texts: list):
    """A few outlets' rows of the actor, topic and prominence tables by the local functions
    (:func:`dashboard.analysis.mentions.actor_table`, ``topic_table``,
    :func:`dashboard.analysis.coverage.prominence`), from their match rows (``what`` "m") and headline
    rows ("h"): each of those tables is a group-by per outlet, so an outlet's rows are its own."""

    code = {o: i for i, o in enumerate(outlets)}

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        present = set(frame["outlet"].unique())  # once: a set per outlet of the corpus was most of this step's time
        names = [o for o in outlets if o in present]  # the corpus's order
        actors, topics, prominent = _lexicon_rows(names, frame, outlets, _parsed(lexicon_yaml), totals, mass, keys, texts)
        actors = actors.assign(variants=[json.dumps(v, ensure_ascii=False) for v in actors["variants"]])
        parts = [(actors[actors["outlet"] == o], topics[topics["outlet"] == o], prominent[prominent["outlet"] == o])
                 for o in names]
        return pd.DataFrame({"code": [code[o] for o in names],
                             **{part: [_arrow_bytes(p[i]) for p in parts] for i, part in enumerate(LEXICON_PARTS)}})

    return run


LEXICON_PARTS = ("actors", "topics", "prominence")  # each outlet's rows of these tables, as Arrow IPC bytes


def _arrow_bytes(frame: pd.DataFrame) -> bytes:
    """A small table as Arrow IPC bytes (its pandas dtypes in the schema's metadata): an executor's result
    reaches the driver as data, never as a pickle (which runs code when it is loaded)."""
    table = pa.Table.from_pandas(frame.reset_index(drop=True))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _arrow_frame(data: bytes) -> pd.DataFrame:
    """:func:`_arrow_bytes`' table with its dtypes (Arrow strings read back as ``str``: ``object`` ones made so again)."""
    table = pa.ipc.open_stream(data).read_all()
    frame = table.to_pandas()
    return frame.astype({c["name"]: object for c in table.schema.pandas_metadata["columns"]
                         if c["numpy_type"] == "object" and c["name"] in frame.columns})


def _lexicon_rows(names: list[str], frame: pd.DataFrame, outlets: list[str], lexicon, totals: dict, mass: dict, keys: list,
                  texts: list) -> tuple[pd.DataFrame, ...]:
    from dashboard.analysis.coverage import prominence
    from dashboard.analysis.mentions import actor_table, topic_table

    m, h = frame[frame["what"] == "m"], frame[frame["what"] == "h"]
    matches = pd.DataFrame({
        "kind": pd.Categorical(m["kind"].to_numpy(dtype=object), categories=list(KINDS)),
        "key": pd.Categorical(m["key"].to_numpy(dtype=object), categories=keys),
        "outlet": pd.Categorical(m["outlet"].to_numpy(dtype=object), categories=outlets),
        "article": m["article"].to_numpy(dtype=object),
        **{c: m[c].to_numpy(np.int32) for c in ("sentence", "paragraph", "start", "end")},
        "text": pd.Categorical(m["text"].to_numpy(dtype=object), categories=texts),
        "role": m["role"].to_numpy(bool)})
    head = pd.DataFrame({c: h[c].tolist() for c in ("kind", "key", "outlet", "article")}, columns=["kind", "key", "outlet", "article"])
    head = head.astype({"outlet": str, "article": str}).drop_duplicates()
    total = pd.DataFrame([totals[o] for o in names], index=pd.Index(names, name="outlet"), columns=["words", "n_sentences"])
    tfidf_mass = pd.DataFrame([(o, t.id, mass.get((outlets.index(o), t.id), 0.0)) for t in lexicon.topics for o in names],
                              columns=["outlet", "key", "tfidf_mass"]).set_index(["outlet", "key"])["tfidf_mass"]
    return (actor_table(names, total, lexicon, matches, head), topic_table(names, total, lexicon, matches, head, tfidf_mass),
            prominence(matches, head, lexicon))


def _lexicon_stage(spark, arts, stage: CorpusStage, lexicon, lexicon_yaml: tuple[str, str], work: Path, mass: dict):
    """Match, headline and quote tables in the local engine's shape (categories in first-seen order; the
    match table stays in Parquet parts, streamed into the stored table), and the actor, topic and
    prominence tables made per outlet in the executors by the local functions (as
    :func:`dashboard.analysis.lexicon_tables` makes them, with each topic's TF-IDF mass summed per outlet)."""
    from pyspark.sql import functions as F

    from dashboard.analysis import LexiconStage
    from dashboard.analysis.mentions import outlet_totals

    m = ("m_kind", "m_key", "m_sentence", "m_paragraph", "m_start", "m_end", "m_text", "m_role")
    (arts.select("n", "outlet", "id", F.posexplode(F.arrays_zip(*m)).alias("p", "m"))
     .select("n", "p", "outlet", F.col("id").alias("article"), *[F.col(f"m.{c}").alias(c[2:]) for c in m])
     .orderBy("n", "p").write.parquet(str(work / "matches")))
    matches = spark.read.parquet(str(work / "matches"))

    pairs = [(r["key"], r["text"], (r["f"]["n"], r["f"]["p"])) for r in  # each (name, spelling)'s first row: few
             matches.groupBy("key", "text").agg(F.min(F.struct("n", "p")).alias("f")).collect()]

    def first_seen(i: int) -> list:
        first: dict = {}
        for pair in pairs:
            first[pair[i]] = min(first.get(pair[i], pair[2]), pair[2])
        return sorted(first, key=first.__getitem__)

    keys, texts = first_seen(0), first_seen(1)  # labels in first-seen order: as many as the lexicon's names and spellings
    outlets = stage.outlets
    heads = (arts.select("n", "outlet", "id", F.posexplode(F.arrays_zip("h_kind", "h_key")).alias("p", "h"))
             .orderBy("n", "p").select(F.col("h.h_kind").alias("kind"), F.col("h.h_key").alias("key"), "outlet",
                                       F.col("id").alias("article")))
    heads.write.parquet(str(work / "headlines"))
    head = _table(work / "headlines").to_pandas()
    head = pd.DataFrame({c: head[c].tolist() for c in ("kind", "key", "outlet", "article")})
    quotes = quote_frame([tuple(q) for batch in _stream(work / "quotes_json", ["quotes"])
                          for text in batch.column(0).to_pylist() for q in json.loads(text)])
    head = head.astype({"outlet": str, "article": str}).drop_duplicates()
    totals = {o: (int(r["words"]), int(r["n_sentences"]))
              for o, r in outlet_totals(stage.articles).reindex(outlets, fill_value=0).iterrows()}
    kinds = F.element_at(F.array(*[F.lit(k) for k in KINDS]), F.col("kind") + 1)
    rows = (matches.select("outlet", F.lit("m").alias("what"), kinds.alias("kind"), "key", "article", "sentence", "paragraph",
                           "start", "end", "text", "role")
            .unionByName(spark.read.parquet(str(work / "headlines")).select(
                "outlet", F.lit("h").alias("what"), "kind", "key", "article", *[F.lit(None).cast(t).alias(c) for c, t in (
                    ("sentence", "int"), ("paragraph", "int"), ("start", "int"), ("end", "int"), ("text", "string"),
                    ("role", "boolean"))])))
    code = spark.createDataFrame([(o, i // OUTLETS_PER_CALL) for i, o in enumerate(outlets)], "outlet string, call int")
    (rows.join(F.broadcast(code), "outlet").groupBy("call")
     .applyInPandas(_outlet_lexicon(outlets, lexicon_yaml, totals, mass, keys, texts),
                    ", ".join(["code int", *[f"{part} binary" for part in LEXICON_PARTS]]))
     .write.parquet(str(work / "outlet_lexicon")))
    got = {}
    for b in _stream(work / "outlet_lexicon"):
        for c, *payloads in zip(*[b.column(x).to_pylist() for x in ("code", *LEXICON_PARTS)]):
            actors, topics, prominent = (_arrow_frame(p) for p in payloads)
            got[int(c)] = (actors.assign(variants=[json.loads(v) for v in actors["variants"]]), topics, prominent)
    empty = pd.DataFrame({c: pd.Series([], dtype=t) for c, t in (
        ("outlet", str), ("what", str), ("kind", str), ("key", str), ("article", str), ("sentence", np.int32),
        ("paragraph", np.int32), ("start", np.int32), ("end", np.int32), ("text", str), ("role", bool))})
    parts = [got.get(i) or _lexicon_rows([o], empty, outlets, lexicon, totals, mass, keys, texts) for i, o in enumerate(outlets)]
    promoted = [p[2] for _, p in sorted(zip(outlets, parts), key=lambda x: x[0]) if len(p[2])]
    lex = LexiconStage(lexicon=lexicon, matches=None, headlines=head,
                       actors=pd.concat([p[0] for p in parts], ignore_index=True),
                       topics=pd.concat([p[1] for p in parts], ignore_index=True), quotes=quotes)
    return lex, (pd.concat(promoted, ignore_index=True) if promoted else parts[0][2]), keys, texts


def analyse_source(files: list[Path], name: str, *, store: Store, master: str = "local[2]", skip_bad: bool = False,
                   driver_memory: str = "2g") -> None:
    """Read ``files`` with Spark, analyse them, store the corpus as ``name`` and its results.

    Results are written complete under a work folder first and renamed into place only after
    the corpus is in the store; any failure removes both, so nothing is left half-written.
    """
    cache = results.cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".spark-{os.getpid()}-", dir=cache))
    spark, placed, stored = None, [], False
    try:
        spark = session(master, work, driver_memory=driver_memory)
        try:
            _run(spark, files, name, store, work, skip_bad, placed)
            stored = True
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(f"the Spark job failed: {_first_line(exc)}") from exc
    finally:
        if spark is not None:
            spark.stop()
        shutil.rmtree(work, ignore_errors=True)
        if not stored:
            for folder in placed:
                shutil.rmtree(folder, ignore_errors=True)
            if name in {c.name for c in store.corpora()}:
                store.delete(name)


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    useful = [line for line in lines if "Error" in line or "Exception" in line or "failed" in line.lower()]
    return (useful or lines or [type(exc).__name__])[0][:300]


def _run(spark, files: list[Path], name: str, store: Store, work: Path, skip_bad: bool, placed: list[Path]) -> None:
    """The whole run; ``placed`` collects the result folders renamed into the cache (removed on a failure)."""
    from pyspark.sql import functions as F

    lexicon_yaml = store.lexicon_yaml(name, 0)
    lexicon = parse_lexicon(*lexicon_yaml)
    _step("session")
    rows = _rows(spark, files, work, skip_bad)
    _step("rows read and numbered")
    learned = _learn(rows)
    _step("boilerplate learned")
    arts = rows.select("n", "id", "outlet", "text", "headline", "published", "url").mapInArrow(
        _articles(learned, lexicon_yaml), ARTICLE_SCHEMA)
    arts.write.parquet(str(work / "articles"))
    arts = spark.read.parquet(str(work / "articles"))
    _step("articles processed")

    small = arts.select("n", *ARTICLE_COLUMNS).orderBy("n")
    small.write.parquet(str(work / "article_table"))
    table = _table(work / "article_table").to_pandas()
    articles = pd.DataFrame({c: table[c].tolist() for c in ARTICLE_COLUMNS}, columns=ARTICLE_COLUMNS)
    outlets = list(dict.fromkeys(articles["outlet"]))
    ids = pd.Categorical(articles["id"]).categories

    arts.select("n", "clean_text").orderBy("n").write.parquet(str(work / "clean_texts"))
    (arts.select("n", "outlet", "id", F.posexplode(F.arrays_zip("s_paragraph", "s_start", "s_end", "s_text")).alias("i", "s"))
     .orderBy("n", "i").select("outlet", F.col("id").alias("article"), F.col("i").alias("sentence"),
                               *[F.col(f"s.s_{c}").alias(c) for c in ("paragraph", "start", "end", "text")])
     .write.parquet(str(work / "sentences")))
    arts.select("n", "quotes").orderBy("n").write.parquet(str(work / "quotes_json"))
    _term_tables(spark, arts, outlets, work, MIN_COUNT)
    _step("term counts")

    found = _term_stage(spark, work, outlets, lexicon_yaml)
    _step("outlet x term tables (executors)")
    n_sentences, n_terms = int(articles["sentences"].sum()), found["n_terms"]
    source = f"store:{name}"
    stage = CorpusStage.stored({"articles": articles, "outlets": outlets, "source": source,
                                "term_rows": found["term_rows"]}, lambda part: None)
    lex, prominent, keys, texts = _lexicon_stage(spark, arts, stage, lexicon, lexicon_yaml, work, found["mass"])
    _step("lexicon tables")

    def coo(batch: pa.RecordBatch) -> pa.Table:
        return pa.table({c: batch.column(c).cast(pa.int32()) for c in ("row", "col", "value")})

    def sentence_counts(path: Path) -> dict:
        _merged(work / "cells", coo)(path)
        return {"shape": [n_sentences, n_terms], "dtype": "int32"}

    def outlet_matrix(column: str) -> Callable[[Path], dict]:
        def write(path: Path) -> dict:
            _merged(work / "term_rows", lambda b: pa.table({
                "row": b.column("outlet_code"), "col": b.column("col"),
                "value": b.column(column).cast(pa.float64())}).filter(pc.greater_equal(b.column("p"), 0)))(path)
            return {"shape": [len(outlets), n_terms], "dtype": "float64"}

        return write

    vocabulary = pa.chunked_array([b.column(0) for b in _stream(work / "vocabulary", ["term"])], pa.string()).combine_chunks()
    term_schema = _pandas_schema(pd.DataFrame({
        "outlet": pd.Categorical(outlets[:1], categories=outlets), "term": pd.Categorical(["x"]),
        "count": np.zeros(1, np.int32), "sentences": np.zeros(1, np.int32), "tfidf": np.zeros(1), "log_odds_z": np.zeros(1),
        "thin": np.zeros(1, bool), "style": pd.Categorical([STYLES[0]], categories=STYLES)}),
        found["rows"], {"outlet": len(outlets), "term": n_terms, "style": len(STYLES)})
    outlet_values, style_values = pa.array(outlets, pa.string()), pa.array(STYLES, pa.string())

    def term_batch(batch: pa.RecordBatch) -> pa.Table:
        b = pa.Table.from_batches([batch]).filter(pc.greater_equal(batch.column("p"), 0))
        return pa.Table.from_arrays([
            _dictionary(b.column("outlet_code").to_numpy(), outlet_values, term_schema.field("outlet").type),
            _dictionary(b.column("col").to_numpy(), vocabulary, term_schema.field("term").type),
            *[b.column(c) for c in ("count", "sentences", "tfidf", "log_odds_z", "thin")],
            _dictionary(b.column("style").to_numpy(), style_values, term_schema.field("style").type)], schema=term_schema)

    def term_table(path: Path) -> dict:
        _merged(work / "term_rows", term_batch, queried=True)(path)
        return {"series": False, "json_columns": []}

    vocabulary_schema = _pandas_schema(pd.DataFrame({"value": pd.Series(["x"], dtype=object)}), n_terms, {})

    def vocabulary_table(path: Path) -> dict:
        _merged(work / "vocabulary", lambda b: pa.Table.from_arrays([b.column("term")], schema=vocabulary_schema))(path)
        return {"series": True, "json_columns": []}

    def series(path: Path) -> dict:
        _merged(work / "clean_texts", lambda b: pa.table({"value": b.column("clean_text")}))(path)
        return {"series": True, "json_columns": []}

    def sentence_table(path: Path) -> dict:
        _merged(work / "sentences", lambda b: _frame(b, {"outlet": outlets, "article": ids}), queried=True)(path)
        return {"series": False, "json_columns": []}

    out = work / "results"
    tables.write(out / "corpus", meta={"format": results.FORMAT, "outlets": outlets, "source": source,
                                       "term_rows": stage.term_rows},
                 tables={"articles": articles, "boilerplate": boilerplate.learned_table(learned)},
                 streamed={"terms": term_table, "vocabulary": vocabulary_table, "sentences": sentence_table,
                           "clean_texts": series, "sentence_counts": sentence_counts,
                           **{m: outlet_matrix(c) for m, c in (("outlet_counts", "count"), ("outlet_sentences", "sentences"),
                                                               ("tfidf", "tfidf"))}})
    match_schema = _pandas_schema(pd.DataFrame({
        "kind": pd.Categorical([KINDS[0]], categories=list(KINDS)), "key": pd.Categorical(["x"]),
        "outlet": pd.Categorical(outlets[:1], categories=outlets), "article": pd.Categorical(["x"]),
        **{c: np.zeros(1, np.int32) for c in ("sentence", "paragraph", "start", "end")}, "text": pd.Categorical(["x"]),
        "role": np.zeros(1, bool)}), spark.read.parquet(str(work / "matches")).count(),
        {"kind": len(KINDS), "key": len(keys), "outlet": len(outlets), "article": len(ids), "text": len(texts)})
    dictionaries = {"kind": list(KINDS), "key": keys, "outlet": outlets, "article": list(ids), "text": texts}
    values = {c: pa.array(v, pa.string()) for c, v in dictionaries.items()}

    def match_table(path: Path) -> dict:
        index = [c for c in dictionaries if c != "kind"]

        def convert(b: pa.RecordBatch) -> pa.Table:  # codes by Arrow: no Python string per row on the driver
            codes = {c: pc.index_in(b.column(c), value_set=values[c]).fill_null(-1).to_numpy() for c in index}
            codes["kind"] = b.column("kind").to_numpy()
            return pa.Table.from_arrays([
                _dictionary(codes[c], values[c], match_schema.field(c).type) if c in codes else b.column(c)
                for c in match_schema.names], schema=match_schema)

        _merged(work / "matches", convert)(path)
        return {"series": False, "json_columns": []}

    tables.write(out / "lexicon", meta={"format": results.FORMAT},
                 tables={t: getattr(lex, t) for t in results.LEXICON_TABLES if t != "matches"},
                 streamed={"matches": match_table})
    _step("corpus and lexicon results written")
    vocabulary = None  # the vocabulary's dictionary is written: let it go
    _sourcing(spark, arts, work, out / "sourcing", articles, outlets, lex, lexicon, _similarity_rows(found["gram"]),
              prominent)
    _step("sourcing written")
    frames_yaml = results.frames_text()
    _framing_tables(arts, work, out / "framing", frames_yaml, lexicon_yaml)
    _step("framing scores written")
    spark.stop()  # the cluster's part is done: the rest is the store

    def stored_rows() -> Iterator[dict]:
        for batch in _stream(work / "rows", ["id", *REQUIRED, *OPTIONAL, "hash"], batch_size=500):
            yield from batch.to_pylist()

    store.import_rows(name, stored_rows())
    revision = store.info(name).revision
    corpus_path, lexicon_path, sourcing_path = results.stored_paths(revision, lexicon_yaml, False)
    framing_path = results.framing_path(revision, lexicon_yaml, False, frames_yaml)
    for built, final in ((out / "corpus", corpus_path), (out / "lexicon", lexicon_path),
                         (out / "sourcing", sourcing_path), (out / "framing", framing_path)):
        final.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(final, ignore_errors=True)
        os.replace(built, final)
        placed.append(final)
    _step("stored")
