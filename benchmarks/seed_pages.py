"""Seed-corpus benchmark: full analysis time and each page's render time (median of runs).

Each measurement is printed with a baseline measured in the same run, so the ratios mean the
same on any machine: analysis against a bare scikit-learn TfidfVectorizer fit over the same
texts, page renders against a one-line Streamlit script run through the same AppTest harness.

    python benchmarks/seed_pages.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from dashboard.analysis import analyse  # noqa: E402
from dashboard.corpus import load_source  # noqa: E402
from dashboard.lexicons import default_lexicon  # noqa: E402

PAGES = ["overview", "terms", "actors", "topics", "read", "compare", "quotes", "coverage"]


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_app() -> None:
    import streamlit as st

    st.title("baseline")


def render(page: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    if page != "overview":
        at.switch_page(f"dashboard/pages/{page}.py").run()
    assert not at.exception


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    texts = [a.raw_text for a in load_source(ROOT / "seeds").articles]
    lexicon = default_lexicon()
    rows = []
    base = median_seconds(lambda: TfidfVectorizer(ngram_range=(1, 3), stop_words="english", sublinear_tf=True).fit_transform(texts), runs)
    rows.append(("baseline: TfidfVectorizer fit (5 texts)", base, 1.0))
    full = median_seconds(lambda: analyse(load_source(ROOT / "seeds"), lexicon), runs)
    rows.append(("full analysis: load+clean+terms+actors+topics", full, full / base))
    render("overview")  # warm the import and analysis caches once, as a running server would be
    bare = median_seconds(lambda: AppTest.from_function(bare_app).run(), runs)
    rows.append(("baseline: one-line app via AppTest", bare, 1.0))
    for page in PAGES:
        t = median_seconds(lambda page=page: render(page), runs)
        rows.append((f"page render: {page} (app run + page run)" if page != "overview" else "page render: overview", t, t / bare))
    width = max(len(r[0]) for r in rows)
    print(f"{'measurement'.ljust(width)}  {'median ms':>10}  {'x baseline':>10}")
    print(f"{'-' * width}  {'-' * 10}  {'-' * 10}")
    for name, seconds, ratio in rows:
        print(f"{name.ljust(width)}  {seconds * 1000:10.1f}  {ratio:10.1f}")
    print(f"(median of {runs} runs each; python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
