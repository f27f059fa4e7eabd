"""Scale of story grouping: time and peak memory against a bare TfidfVectorizer on the same texts.

For each size it takes the generated corpus of benchmarks/scale.py (benchmarks/make_corpus.py: a
year of dates, 300 outlets, ~900-word articles with page furniture; written once under data/),
then measures in separate processes, so each peak-memory figure is that process's own (PSS, see
benchmarks/memory.py):

* baseline: TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True).fit_transform
  on the texts;
* stories: ``dashboard.analysis.stories.stories`` on the same rows (raw text: the furniture makes
  articles more alike, the harder case).

Wall time on a shared machine depends on what else runs, so CPU time is printed too, and the
ratios compare the two measured in the same run. The generated corpus has no real stories (every
article is about the same beat, with shared templates), which is the worst case for the number of
similar pairs per date window; the story counts printed are there to see, not to score.

    python benchmarks/stories_scale.py --sizes 10000 40000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import corpus  # noqa: E402  (the same generated files as the analysis benchmark)

MEASURE = textwrap.dedent("""
    import json, sys, time
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {bench!r})
    import pandas as pd
    from memory import PeakMemory
    from sklearn.feature_extraction.text import TfidfVectorizer
    from dashboard.analysis.stories import stories
    rows = [json.loads(line) for line in open({path!r}, encoding="utf-8")]
    articles = pd.DataFrame({{"id": [f"a{{i:06d}}" for i in range(len(rows))], "outlet": [r["outlet"] for r in rows],
                             "headline": [r["headline"] for r in rows], "published": [r["published"] for r in rows]}})
    texts = [r["text"] for r in rows]
    del rows
    extra = {{}}
    with PeakMemory() as memory:
        start, cpu = time.perf_counter(), time.process_time()  # imports and reading are outside, for both
        if {what!r} == "baseline":
            TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True).fit_transform(texts)
        else:
            table = stories(articles, texts).table
            extra = {{"stories": len(table), "largest": int(table["articles"].max()),
                      "singletons": int((table["articles"] == 1).sum())}}
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({{"seconds": seconds, "cpu": cpu, "peak_mb": memory.peak_mb, **extra}}))
""")


def run(path: Path, what: str) -> dict:
    code = MEASURE.format(root=str(ROOT), bench=str(ROOT / "benchmarks"), path=str(path), what=what)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=3600)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 40000])
    parser.add_argument("--outlets", type=int, default=300)
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        path = corpus(n, args.outlets)
        rows.append((n, run(path, "baseline"), run(path, "stories")))
        print(f"measured {n} articles", file=sys.stderr, flush=True)
    print(f"{'articles':>8}  {'base s':>7}  {'stories s':>9}  {'time x':>6}  {'base cpu':>8}  {'stories cpu':>11}  "
          f"{'cpu x':>5}  {'base MB':>7}  {'stories MB':>10}  {'mem x':>5}  {'stories':>7}  {'largest':>7}  {'single':>6}")
    for n, base, st in rows:
        print(f"{n:>8}  {base['seconds']:>7.1f}  {st['seconds']:>9.1f}  {st['seconds'] / base['seconds']:>6.2f}  "
              f"{base['cpu']:>8.1f}  {st['cpu']:>11.1f}  {st['cpu'] / base['cpu']:>5.2f}  {base['peak_mb']:>7.0f}  "
              f"{st['peak_mb']:>10.0f}  {st['peak_mb'] / base['peak_mb']:>5.2f}  {st['stories']:>7}  {st['largest']:>7}  "
              f"{st['singletons']:>6}")
    print("target: 40,000 articles over a year well under a minute on 2 cores, bounded memory")


if __name__ == "__main__":
    main()
