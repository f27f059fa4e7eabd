"""The Spark engine gives the local engine's corpus, stored tables and report, and fails cleanly.

Each run is the real command line (``python -m dashboard analyse``) in its own store and cache.
Spark needs Java and pyspark (``scripts/test.sh`` installs both); without them these tests skip
on a developer's machine and fail under ``CI=true``.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from proxy import free_port

from dashboard import results, tables
from dashboard.corpus import load_folder
from dashboard.store import Store

ROOT = Path(__file__).resolve().parents[1]


def _spark_missing() -> str:
    if not shutil.which("java"):
        return "java is not installed"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed"
    return ""


missing = _spark_missing()
if missing:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the Spark tests need Java and pyspark under CI: {missing}", pytrace=False)
    pytest.skip(missing, allow_module_level=True)


def run(*args: str, home: Path, env: dict | None = None, timeout: float = 1800) -> subprocess.CompletedProcess:
    """The CLI with its own store and cache under ``home``."""
    environment = {**os.environ, "FRAMING_LENS_DB": str(home / "store.duckdb"),
                   "FRAMING_LENS_CACHE": str(home / "cache"), "SPARK_LOCAL_IP": "127.0.0.1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, cwd=ROOT,
                          env=environment, timeout=timeout)


def analysed(source: Path, home: Path, *engine: str) -> dict:
    """Analyse ``source`` into corpus "c" and return its JSON report."""
    done = run("analyse", str(source), "--corpus", "c", *engine, home=home)
    assert done.returncode == 0, done.stderr[-3000:]
    report = run("report", "--corpus", "c", "--format", "json", home=home)
    assert report.returncode == 0, report.stderr[-3000:]
    return json.loads(report.stdout)


def same(a, b, where: str = "") -> None:
    """Equal, floats within 1e-9 (TF-IDF's sums run in another order)."""
    if isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None, (where, a, b)
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) or (math.isnan(a) and math.isnan(b)), (where, a, b)
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), (where, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b, (where, a, b)


def stored_tables(home: Path) -> dict:
    """Every stored table and matrix of corpus "c" (corpus, lexicon, sourcing and framing results; the
    Spark engine computes sourcing and framing scores in its executors, the local one in its worker pool)."""
    store = Store(home / "store.duckdb", readonly=True)
    revision, lexicon_yaml = store.info("c").revision, store.lexicon_yaml("c", 0)
    paths = (*results.stored_paths(revision, lexicon_yaml, False, home / "cache"),
             results.framing_path(revision, lexicon_yaml, False, results.frames_text(), home / "cache"))
    out = {}
    for folder in paths:
        stored = tables.Tables.open(folder, format=results.FORMAT)
        assert stored is not None, folder
        manifest = json.loads((folder / tables.MANIFEST).read_text())
        stage = folder.name.split("-")[0]
        prefix = "sourcing." if stage == "sourcing" else ""  # its quotes table is the lexicon's, by another name
        out[stage + ".meta"] = stored.meta
        out.update({prefix + name: stored.table(name) for name in manifest["tables"]})
        out.update({prefix + name: stored.matrix(name) for name in manifest["matrices"]})
    return out


def assert_same_tables(local: dict, spark: dict) -> None:
    assert local.keys() == spark.keys()
    for name, a in local.items():
        b = spark[name]
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9, obj=name)
        elif isinstance(a, pd.Series):
            pd.testing.assert_series_equal(a, b, obj=name)
        elif isinstance(a, dict):
            assert a == b, name
        else:  # a sparse matrix
            assert a.shape == b.shape and a.dtype == b.dtype, name
            assert abs(a - b).max() <= 1e-9 if a.nnz else b.nnz == 0, name


@pytest.fixture(scope="module")
def seeds_jsonl(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "seeds.jsonl"
    with path.open("w") as f:
        for row in load_folder(ROOT / "seeds").rows:
            f.write(json.dumps({k: row[k] for k in ("outlet", "headline", "published", "url", "text")}) + "\n")
    return path


@pytest.fixture(scope="module")
def corpus_2k(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "c2k.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--articles", "2000", "--outlets", "30",
                    "--out", str(path)], check=True, capture_output=True)
    return path


@pytest.fixture(scope="module")
def local_seeds(seeds_jsonl, tmp_path_factory) -> tuple[dict, dict]:
    home = tmp_path_factory.mktemp("local-seeds")
    return analysed(seeds_jsonl, home), stored_tables(home)


def test_seeds_same_report_and_tables(seeds_jsonl, local_seeds, tmp_path):
    spark = analysed(seeds_jsonl, tmp_path, "--engine", "spark", "--master", "local[2]")
    local_report, local_tables = local_seeds
    spark_report = {**spark, "corpus": {**spark["corpus"], "source": local_report["corpus"]["source"]}}
    same(local_report, spark_report)
    assert local_report["terms"] and local_report["quotes"] and local_report["claims"]  # something was compared
    assert_same_tables(local_tables, stored_tables(tmp_path))


def test_generated_2k_same_report_and_tables(corpus_2k, tmp_path):
    local_report = analysed(corpus_2k, tmp_path / "local")
    spark_report = analysed(corpus_2k, tmp_path / "spark", "--engine", "spark")
    assert local_report["corpus"]["articles"] == 2000
    same(local_report, spark_report)
    assert_same_tables(stored_tables(tmp_path / "local"), stored_tables(tmp_path / "spark"))
    # learned boilerplate did its work in both (the generator repeats each outlet's furniture)
    assert any(r["rule"] == "repeated_boilerplate" for a in spark_report["articles"] for r in a["removed"])


def _wait_port(port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


def test_standalone_cluster_same_result(seeds_jsonl, local_seeds, tmp_path):
    """A real standalone master and worker on 127.0.0.1, started and stopped here."""
    import pyspark

    spark_class = Path(pyspark.__file__).parent / "bin" / "spark-class"
    port = free_port()
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_LOG_DIR": str(tmp_path / "logs"),
           "SPARK_WORKER_DIR": str(tmp_path / "work")}
    logs = (tmp_path / "master.log").open("w"), (tmp_path / "worker.log").open("w")
    master = subprocess.Popen([str(spark_class), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                               "--port", str(port), "--webui-port", str(free_port())], env=env, stdout=logs[0],
                              stderr=subprocess.STDOUT)
    worker = None
    try:
        _wait_port(port)
        worker = subprocess.Popen([str(spark_class), "org.apache.spark.deploy.worker.Worker", f"spark://127.0.0.1:{port}",
                                   "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--webui-port",
                                   str(free_port())], env=env, stdout=logs[1], stderr=subprocess.STDOUT)
        spark = analysed(seeds_jsonl, tmp_path / "home", "--engine", "spark", "--master", f"spark://127.0.0.1:{port}")
        assert "Registering worker" in (tmp_path / "master.log").read_text()  # the run really had a worker
    finally:
        for process in (worker, master):
            if process is not None:
                process.terminate()
                process.wait(timeout=60)
        for log in logs:
            log.close()
    local_report, local_tables = local_seeds
    same(local_report, {**spark, "corpus": {**spark["corpus"], "source": local_report["corpus"]["source"]}})
    assert_same_tables(local_tables, stored_tables(tmp_path / "home"))


# --- bad input: one line, exit code 2, nothing left behind ------------------------------------

def assert_clean_failure(done: subprocess.CompletedProcess, home: Path, expected: str) -> None:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2, done.stderr[-2000:]
    assert lines and lines[-1].startswith("error: ") and expected in lines[-1], done.stderr[-2000:]
    assert sum(line.startswith("error: ") for line in lines) == 1
    assert "Traceback" not in done.stderr
    if (home / "store.duckdb").exists():  # only the seed corpus every store starts with
        assert all(c.seed for c in Store(home / "store.duckdb", readonly=True).corpora())
    leftovers = list((home / "cache").iterdir()) if (home / "cache").exists() else []
    assert leftovers == [], leftovers


def test_source_without_text_column(tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_text('{"outlet": "A", "body": "Some words here."}\n')
    done = run("analyse", str(source), "--corpus", "c", "--engine", "spark", home=tmp_path)
    assert_clean_failure(done, tmp_path, "missing column(s) text")


def test_unreachable_master(seeds_jsonl, tmp_path):
    done = run("analyse", str(seeds_jsonl), "--corpus", "c", "--engine", "spark", "--master",
               f"spark://127.0.0.1:{free_port()}", home=tmp_path, timeout=120)
    assert_clean_failure(done, tmp_path, "cannot reach the Spark master")


def test_java_missing(seeds_jsonl, tmp_path):
    env = {"PATH": str(Path(sys.executable).parent), "JAVA_HOME": ""}
    done = run("analyse", str(seeds_jsonl), "--corpus", "c", "--engine", "spark", home=tmp_path, env=env)
    assert_clean_failure(done, tmp_path, "java not found")


def test_pyspark_missing(seeds_jsonl, tmp_path):
    """pyspark made unimportable in the CLI's own process (as on a machine without it)."""
    code = ("import sys; sys.modules['pyspark'] = None; from dashboard.__main__ import main; "
            f"sys.exit(main(['analyse', {str(seeds_jsonl)!r}, '--corpus', 'c', '--engine', 'spark']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "FRAMING_LENS_DB": str(tmp_path / "store.duckdb"),
                               "FRAMING_LENS_CACHE": str(tmp_path / "cache")})
    assert_clean_failure(done, tmp_path, "pyspark is not installed")


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            stack += children
    return found


def test_executor_dies_mid_run(corpus_2k, tmp_path):
    """The Python workers of the per-article pass are killed while it runs: the job fails, nothing is stored."""
    environment = {**os.environ, "FRAMING_LENS_DB": str(tmp_path / "store.duckdb"),
                   "FRAMING_LENS_CACHE": str(tmp_path / "cache"), "SPARK_LOCAL_IP": "127.0.0.1"}
    process = subprocess.Popen([sys.executable, "-m", "dashboard", "analyse", str(corpus_2k), "--corpus", "c",
                                "--engine", "spark"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, env=environment)
    killed = []
    deadline = time.monotonic() + 600
    while not killed and process.poll() is None and time.monotonic() < deadline:
        for pid in _descendants(process.pid):
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            started = (tmp_path / "cache").exists() and any((tmp_path / "cache").glob(".spark-*/articles"))
            if b"pyspark.daemon" in command and started:  # the per-article pass runs: kill its Python workers
                for victim in [*_descendants(pid), pid]:
                    try:
                        os.kill(victim, signal.SIGKILL)
                        killed.append(victim)
                    except ProcessLookupError:
                        pass
        time.sleep(0.2)
    stdout, stderr = process.communicate(timeout=600)
    assert killed, "the run ended before its workers could be killed"
    assert_clean_failure(subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), tmp_path,
                         "the Spark job failed")
