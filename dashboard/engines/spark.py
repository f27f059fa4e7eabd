"""The Spark engine: the same analysis as the local pool, for corpora one machine cannot hold.

Per-article work is the local pool's own chunk function (:func:`dashboard.analysis.chunks._process`:
cleaning with learned boilerplate, sentences, tokens, lexicon matches, quotes), run in executors
through Arrow (``mapInArrow``). Everything corpus-wide is a Spark DataFrame operation: learned
boilerplate is a count of line hashes per outlet, n-grams are built from each sentence's tokens
and counted with group-bys, and the sentence × term matrix is written by the executors as the
``row, col, value`` Parquet table the stored results already use. The driver only handles
outlet × term data (the term table's TF-IDF and log-odds, with the local functions) and the
lexicon tables; large tables are streamed file by file into the stored result, never collected.

The result is the same stored corpus and results as ``--engine local``: rows numbered and
identified as ``ingest`` numbers them, the term vocabulary in the local engine's column order
(n, then each word's first appearance), so ``report`` and the app cannot tell the engines apart.

Sourcing runs where its data is. Stories are grouped on the driver from article-level data
(ids, outlets, dates, headlines and each text's first 300 words, all that grouping reads); each
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
import pyarrow.parquet as pq
from scipy import sparse

from dashboard import boilerplate, results, tables
from dashboard.analysis import ARTICLE_COLUMNS, MIN_COUNT, CorpusStage, lexicon_tables
from dashboard.analysis.chunks import KINDS
from dashboard.analysis.quotes import quote_frame
from dashboard.analysis.terms import TermMatrix, outlet_sums, term_table
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


def _merged(folder: Path, convert: Callable[[pa.RecordBatch], pa.Table]) -> Callable[[Path], None]:
    """A writer for :func:`dashboard.tables.write` that streams ``folder``'s parts, each batch
    passed through ``convert`` (to the pandas types the local engine stores), into one file."""

    def write(path: Path) -> None:
        writer = None
        try:
            for batch in _stream(folder):
                table = convert(batch)
                if writer is None:
                    writer = pq.ParquetWriter(path, table.schema, dictionary_pagesize_limit=1 << 30)
                writer.write_table(table)
            if writer is None:  # no rows: the converted empty table, for its schema
                pq.write_table(convert(pa.RecordBatch.from_pylist([], schema=pq.read_schema(_parts(folder)[0]))), path)
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
        view = SimpleNamespace(matches=matches, sentences=local)
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
        words = [np.unique(np.asarray(u, dtype=np.int64)) for u, k in zip(batch.column("u").to_pylist(), keep) if k]
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
    nodes = np.unique(found[["i", "j"]].to_numpy(np.int64))
    position = {row: k for k, row in enumerate(nodes.tolist())}
    labels = union_find(len(nodes), [(position[i], position[j]) for i, j in zip(found["i"].tolist(), found["j"].tolist())])
    pq.write_table(pa.table({"row": pa.array(nodes, pa.int64())}), work / "shared_nodes.parquet")
    (spark.read.parquet(str(work / "shared_nodes.parquet")).join(sentences, "row").orderBy("row")
     .select("row", "outlet", "article", "text").write.parquet(str(work / "shared_rows")))
    linked = _table(work / "shared_rows").to_pandas()  # in row order, as ``nodes``
    outlets, articles, texts = (linked[c].to_numpy(dtype=object) for c in ("outlet", "article", "text"))
    return passage_table(labels, outlets, articles, nodes, lambda at: texts[at].tolist(), outlet_order)[0]


def _sourcing(spark, arts, work: Path, folder: Path, articles: pd.DataFrame, outlets: list[str], lex, lexicon,
              tfidf) -> None:
    """The sourcing result (:class:`dashboard.analysis.sourcing.Sourcing`), stored as ``folder``, with the sentence-level work in
    executors: stories on the driver from article-level data (ids, outlets, dates, headlines and each
    text's opening), then each story's quote groups and claims in executors (``groupBy("story")``), and
    shared passages as Spark group-bys. The driver never holds the sentence table or term matrix."""
    from types import SimpleNamespace

    from pyspark.sql import functions as F

    from dashboard.analysis import sourcing
    from dashboard.analysis.coverage import outlet_similarity, prominence
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
        "similarity": outlet_similarity(tfidf, outlets),
        "prominence": prominence(SimpleNamespace(matches=lex.matches, topics=lex.topics, actors=lex.actors)),
    }
    streamed = {name: within[name].writer_for() for name in ("claims", "claim_cells")}
    assert set(held) | set(streamed) == set(results.SOURCING_TABLES)
    tables.write(folder, meta={"format": results.FORMAT}, tables=held, streamed=streamed)


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


def _framing_tables(arts, work: Path, folder: Path, frames_yaml: str) -> None:
    """The framing scores (:func:`dashboard.analysis.framing.analyse_framing`) computed in executors, tone
    over batches of articles, cues over blocks of sentences, and streamed into the stored folder
    ``folder`` in the local engine's row order."""
    from pyspark.sql import functions as F

    from dashboard.analysis.framing import CUE_CHUNK

    spark = arts.sparkSession
    placed = spark.read.parquet(str(work / "article_story.parquet")).select("n", "s_offset")
    (arts.select("n", "id", "outlet", "s_text", "m_kind", "m_key", "m_sentence").join(placed, "n")
     .mapInArrow(_tone, "o long, p long, actor string, article string, outlet string, row long, tone double")
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

    tables.write(folder, meta={"format": results.FORMAT}, tables={}, streamed={p: streamed(p) for p in ("tone", "cues")})

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


def _term_tables(spark, arts, outlets: list[str], work: Path, min_count: int):
    """The sentence × term counts (written as Parquet COO), the vocabulary in the local engine's
    column order, and the outlet × term sums collected for the driver."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    offsets = arts.select("n", "sentences").withColumn(
        "offset", F.coalesce(F.sum("sentences").over(Window.orderBy("n").rowsBetween(Window.unboundedPreceding, -1)),
                             F.lit(0)))
    code = spark.createDataFrame([(o, i) for i, o in enumerate(outlets)], "outlet string, outlet_code int")
    sentences = (arts.select("n", "outlet", F.posexplode("tokens").alias("s", "toks"))
                 .join(offsets.select("n", "offset"), "n").join(F.broadcast(code), "outlet")
                 .select("n", "s", (F.col("offset") + F.col("s")).cast("int").alias("row"), "outlet_code", "toks"))
    sentences.write.parquet(str(work / "tokens"))
    sentences = spark.read.parquet(str(work / "tokens"))
    # a word's rank is its first appearance (article, sentence, token): the ids count_ngrams sorts by
    words = (sentences.select("n", "s", F.posexplode("toks").alias("t", "word"))
             .groupBy("word").agg(F.min(F.struct("n", "s", "t")).alias("first"))
             .withColumn("rank", F.row_number().over(Window.orderBy("first"))).select("word", "rank"))
    def ngrams(k: int):
        """The sentence's k-grams (k consecutive tokens, never across sentences, as count_ngrams)."""
        starts = F.filter(F.sequence(F.lit(0), F.greatest(F.size("toks") - k, F.lit(0))), lambda i: i + k <= F.size("toks"))
        return F.transform(starts, lambda i: F.struct(F.lit(k).alias("k"), F.array_join(F.slice("toks", i + 1, k), " ").alias("term")))

    grams = F.flatten(F.array(*[ngrams(k) for k in range(NGRAMS[0], NGRAMS[1] + 1)]))
    counts = (sentences.select("row", "outlet_code", F.explode(grams).alias("g"))
              .groupBy("row", "outlet_code", F.col("g.k").alias("k"), F.col("g.term").alias("term")).count())
    counts.write.parquet(str(work / "counts"))
    counts = spark.read.parquet(str(work / "counts"))
    kept = counts.groupBy("k", "term").agg(F.sum("count").alias("total")).filter(F.col("total") >= min_count)
    key = (kept.select("k", "term", F.posexplode(F.split("term", " ")).alias("p", "word"))
           .join(words, "word").groupBy("k", "term")
           .agg(F.transform(F.sort_array(F.collect_list(F.struct("p", "rank"))), lambda x: x["rank"]).alias("key")))
    vocabulary = key.withColumn("col", (F.row_number().over(Window.orderBy("k", "key")) - 1).cast("int"))
    vocabulary.orderBy("col").select("col", "term").write.parquet(str(work / "vocabulary"))
    vocabulary = spark.read.parquet(str(work / "vocabulary"))
    cells = counts.join(vocabulary, ["term"]).select("row", "col", F.col("count").cast("int").alias("value"), "outlet_code")
    cells.write.parquet(str(work / "cells"))
    cells = spark.read.parquet(str(work / "cells"))
    (cells.groupBy("outlet_code", "col").agg(F.sum("value").alias("count"), F.count("row").alias("sentences"))
     .write.parquet(str(work / "outlet_terms")))


def _lexicon_stage(spark, arts, stage: CorpusStage, lexicon, work: Path):
    """Match, headline and quote tables in the local engine's shape (categories in first-seen
    order), then the actor and topic tables by the local functions."""
    from pyspark.sql import functions as F

    m = ("m_kind", "m_key", "m_sentence", "m_paragraph", "m_start", "m_end", "m_text", "m_role")
    (arts.select("n", "outlet", "id", F.posexplode(F.arrays_zip(*m)).alias("p", "m"))
     .select("n", "p", "outlet", F.col("id").alias("article"), *[F.col(f"m.{c}").alias(c[2:]) for c in m])
     .orderBy("n", "p").drop("n", "p").write.parquet(str(work / "matches")))
    frame = _table(work / "matches").to_pandas()
    outlets, ids = stage.outlets, pd.Categorical(stage.articles["id"]).categories
    matches = pd.DataFrame({
        "kind": pd.Categorical.from_codes(frame["kind"].to_numpy(np.int32), categories=list(KINDS)),
        "key": pd.Categorical(frame["key"], categories=pd.unique(frame["key"])),
        "outlet": pd.Categorical(frame["outlet"], categories=outlets),
        "article": pd.Categorical(frame["article"], categories=ids),
        **{c: frame[c].to_numpy(np.int32) for c in ("sentence", "paragraph", "start", "end")},
        "text": pd.Categorical(frame["text"], categories=pd.unique(frame["text"])),
        "role": frame["role"].to_numpy(bool),
    })
    heads = (arts.select("n", "outlet", "id", F.posexplode(F.arrays_zip("h_kind", "h_key")).alias("p", "h"))
             .orderBy("n", "p").select(F.col("h.h_kind").alias("kind"), F.col("h.h_key").alias("key"), "outlet",
                                       F.col("id").alias("article")))
    heads.write.parquet(str(work / "headlines"))
    head = _table(work / "headlines").to_pandas()
    head = pd.DataFrame({c: head[c].tolist() for c in ("kind", "key", "outlet", "article")})
    quotes = quote_frame([tuple(q) for batch in _stream(work / "quotes_json", ["quotes"])
                          for text in batch.column(0).to_pylist() for q in json.loads(text)])
    return lexicon_tables(stage, lexicon, matches, head.astype({"outlet": str, "article": str}).drop_duplicates(), quotes)


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

    vocabulary = np.asarray(_table(work / "vocabulary", ["term"]).column(0).to_pylist(), dtype=object)
    cells = _table(work / "outlet_terms").to_pandas()
    shape = (len(outlets), len(vocabulary))
    where = (cells["outlet_code"].to_numpy(), cells["col"].to_numpy())
    outlet_counts = sparse.csr_matrix((cells["count"].to_numpy(np.float64), where), shape=shape)
    outlet_sentences = sparse.csr_matrix((cells["sentences"].to_numpy(np.float64), where), shape=shape)
    del cells
    tfidf = outlet_sums(outlet_counts, vocabulary, np.arange(len(outlets)), len(outlets)).tfidf
    n_sentences = int(articles["sentences"].sum())
    matrix = TermMatrix(vocabulary, sparse.csr_matrix((n_sentences, len(vocabulary)), dtype=np.int32),
                        outlet_counts, outlet_sentences, tfidf)
    terms = term_table(matrix, outlets)
    _step("outlet x term tables (driver)")
    source = f"store:{name}"
    stage = CorpusStage.stored({"articles": articles, "outlets": outlets, "source": source},
                               lambda part: {"term_matrix": matrix, "terms": terms}.get(part))
    lex = _lexicon_stage(spark, arts, stage, lexicon, work)
    _step("lexicon tables")

    def coo(batch: pa.RecordBatch) -> pa.Table:
        return pa.table({c: batch.column(c).cast(pa.int32()) for c in ("row", "col", "value")})

    def sentence_counts(path: Path) -> dict:
        _merged(work / "cells", coo)(path)
        return {"shape": [n_sentences, len(vocabulary)], "dtype": "int32"}

    def series(path: Path) -> dict:
        _merged(work / "clean_texts", lambda b: pa.table({"value": b.column("clean_text")}))(path)
        return {"series": True, "json_columns": []}

    def sentence_table(path: Path) -> dict:
        _merged(work / "sentences", lambda b: _frame(b, {"outlet": outlets, "article": ids}))(path)
        return {"series": False, "json_columns": []}

    out = work / "results"
    tables.write(out / "corpus", meta={"format": results.FORMAT, "outlets": outlets, "source": source,
                                       "term_rows": stage.term_rows},
                 tables={"articles": articles, "terms": terms, "vocabulary": pd.Series(vocabulary, dtype=object),
                         "boilerplate": boilerplate.learned_table(learned)},
                 matrices={m: getattr(matrix, m) for m in results.MATRICES if m != "sentence_counts"},
                 streamed={"sentences": sentence_table, "clean_texts": series, "sentence_counts": sentence_counts})
    tables.write(out / "lexicon", meta={"format": results.FORMAT},
                 tables={t: getattr(lex, t) for t in results.LEXICON_TABLES})
    _step("corpus and lexicon results written")
    _sourcing(spark, arts, work, out / "sourcing", articles, outlets, lex, lexicon, tfidf)
    _step("sourcing written")
    frames_yaml = results.frames_text()
    _framing_tables(arts, work, out / "framing", frames_yaml)
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
