"""Engines benchmark: `analyse --engine spark` (local[2]) against `--engine local` on generated corpora.

Each run is the real command line in its own process, store and cache (under data/, ignored), so
its time includes import, analysis, sourcing and storing. Memory is sampled every 0.5 s as summed
PSS (benchmarks/memory.py) of three process trees: the driver's Python process itself, the JVM
(in local[N] mode the Spark driver and its executors share it) and the Python workers the JVM
starts; the local engine's is its process and its forked workers.

    python benchmarks/spark.py --spark 10000 50000 200000 --local 10000 40000
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import _children, tree_pss_mb  # noqa: E402
from scale import DATA, ROOT, corpus  # noqa: E402


def _own_pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _command(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


class Sampler:
    """Peak PSS of the driver process alone, its JVM tree, the Python workers' trees, and their sum."""

    def __init__(self, pid: int):
        self.pid, self.peak = pid, {"driver": 0.0, "jvm": 0.0, "workers": 0.0, "total": 0.0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            driver = _own_pss_mb(self.pid)
            jvm = workers = 0.0
            for child in _children(self.pid):
                if b"java" in _command(child).split(b"\0")[0]:
                    jvm += _own_pss_mb(child)
                    workers += sum(tree_pss_mb(c) for c in _children(child))
                else:  # the local engine's forked workers
                    workers += tree_pss_mb(child)
            sample = {"driver": driver, "jvm": jvm, "workers": workers, "total": driver + jvm + workers}
            self.peak = {k: max(v, sample[k]) for k, v in self.peak.items()}

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        return self.peak


def measure(engine: str, n: int, path: Path, driver_memory: str) -> dict:
    home = DATA / f"engines-{engine}-{n // 1000}k"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    env = {**os.environ, "FRAMING_LENS_DB": str(home / "store.duckdb"), "FRAMING_LENS_CACHE": str(home / "cache"),
           "FRAMING_LENS_SPARK_STEPS": "1"}
    command = [sys.executable, "-m", "dashboard", "analyse", str(path), "--corpus", "bench", "--engine", engine]
    if engine == "spark":
        command += ["--master", "local[2]", "--driver-memory", driver_memory]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(process.pid)
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    peak = sampler.stop()
    load = os.getloadavg()[1]  # the 5-minute load average at the end: 2 means both cores were busy
    if process.returncode:
        raise SystemExit(f"{engine} {n}: {stderr[-2000:]}")
    for line in stderr.splitlines():  # the Spark engine's steps: time each took, the driver's peak RSS after it
        if line.startswith("spark step:"):
            print(f"  {n}: {line}", file=sys.stderr, flush=True)
    return {"engine": engine, "articles": n, "seconds": seconds, **peak, "load": load, "home": str(home)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spark", type=int, nargs="*", default=[10_000, 50_000, 200_000])
    parser.add_argument("--local", type=int, nargs="*", default=[10_000, 40_000])
    parser.add_argument("--outlets", type=int, default=300)
    parser.add_argument("--driver-memory", default="2g")
    parser.add_argument("--keep", action="store_true", help="keep each run's store and results under data/")
    args = parser.parse_args()
    rows = []
    for engine, sizes in (("local", args.local), ("spark", args.spark)):
        for n in sizes:
            row = measure(engine, n, corpus(n, args.outlets), args.driver_memory)
            rows.append(row)
            print(f"measured {engine} {n}: {row['seconds']:.0f} s", file=sys.stderr, flush=True)
            if not args.keep:
                shutil.rmtree(row["home"], ignore_errors=True)
    print(f"{'engine':>6}  {'articles':>8}  {'total s':>8}  {'s/10k':>6}  {'driver MB':>9}  {'JVM MB':>7}  "
          f"{'workers MB':>10}  {'total MB':>8}  {'MB/10k':>7}  {'load':>5}")
    for r in rows:
        per = r["articles"] / 10_000
        print(f"{r['engine']:>6}  {r['articles']:>8}  {r['seconds']:>8.0f}  {r['seconds'] / per:>6.0f}  {r['driver']:>9.0f}  "
              f"{r['jvm']:>7.0f}  {r['workers']:>10.0f}  {r['total']:>8.0f}  {r['total'] / per:>7.0f}  {r['load']:>5.1f}")
    sparks = sorted((r for r in rows if r["engine"] == "spark"), key=lambda r: r["articles"])
    if len(sparks) >= 2 and sparks[-1]["articles"] > sparks[0]["articles"]:
        a, b = sparks[0], sparks[-1]
        growth = (b["driver"] - a["driver"]) / ((b["articles"] - a["articles"]) / 10_000)
        print(f"spark driver growth: {growth:+.0f} MB per 10k articles between {a['articles']} and {b['articles']} "
              f"({a['driver']:.0f} -> {b['driver']:.0f} MB); flat in N means about 0")
    print("driver = the CLI's own Python process (for local: the whole analysis' parent); JVM = Spark driver and "
          "executors (local[2]); workers = Python worker trees; load = 5-minute load average at the end (2 cores). Targets: Spark driver MB flat in N; Spark s/10k at "
          "200k <= 2 x local s/10k at 40k.")


if __name__ == "__main__":
    main()
