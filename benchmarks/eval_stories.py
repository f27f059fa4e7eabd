"""Story grouping against gold stories: pairwise precision and recall, and how they move with the
threshold and the date window.

Two independent sets, each treated as one corpus:

* BASIL dev (``../shared/eval/basil-dev/articles.jsonl``; read there, never copied): 210 clean
  articles, 70 US political events 2010-2016 each reported by NYT, Fox News and HuffPost, dated;
  shuffled with a fixed seed.
* The evaluation pages (``data/eval/pages/``: ``index.jsonl`` with a ``story`` per page, and the
  page text): 85 real scraped pages, 12 stories, many outlets, undated (so one window); cleaned
  the way the app cleans them (a :class:`dashboard.corpus.Corpus`, boilerplate learned per outlet).

Pairwise scores count article pairs: precision = pairs put together that belong together / pairs
put together; recall = pairs put together that belong together / pairs that belong together.

    python benchmarks/eval_stories.py [--basil PATH] [--pages DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.analysis.stories import THRESHOLD, WINDOW_DAYS, stories  # noqa: E402
from dashboard.corpus import Corpus, normalise_rows  # noqa: E402

THRESHOLDS = [0.06, 0.08, 0.10, 0.12, 0.14, 0.16, 0.20, 0.25]
WINDOWS = [0, 1, 2, 3, 5, 7, 14]


def pairwise(predicted, gold) -> tuple[float, float]:
    """Pairwise precision and recall of a predicted grouping against gold groups."""
    table = pd.crosstab(pd.factorize(np.asarray(predicted))[0], pd.factorize(np.asarray(gold))[0]).to_numpy()
    pairs = lambda counts: float((counts * (counts - 1) / 2).sum())  # noqa: E731
    together, predicted_pairs, gold_pairs = pairs(table), pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    return (together / predicted_pairs if predicted_pairs else 1.0), (together / gold_pairs if gold_pairs else 1.0)


def load_basil(path: Path) -> tuple[pd.DataFrame, list[str], np.ndarray]:
    if not path.is_file():
        raise SystemExit(f"{path}: no BASIL file (see ../shared/eval/README.md)")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    frame = pd.DataFrame(rows).sample(frac=1, random_state=20240611).reset_index(drop=True)
    return frame[["id", "outlet", "headline", "published"]], frame["text"].tolist(), frame["story"].to_numpy()


def load_pages(folder: Path) -> tuple[pd.DataFrame, list[str], np.ndarray]:
    index = folder / "index.jsonl"
    if not index.is_file():
        raise SystemExit(f"{folder}: no index.jsonl; the evaluation pages are not on this machine")
    records = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = []
    for r in records:
        page = folder / f"{r['id']}.txt"
        if not page.is_file():
            raise SystemExit(f"{page}: missing page")
        rows.append({"id": r["id"], "outlet": r["outlet"], "headline": r.get("headline", ""), "url": r.get("url", ""),
                     "published": r.get("published", ""), "text": page.read_text(encoding="utf-8")})
    articles = Corpus(str(folder), rows=normalise_rows(rows, index.name)).articles  # cleaned as the app does
    frame = pd.DataFrame({"id": [a.id for a in articles], "outlet": [a.outlet for a in articles],
                          "headline": [a.headline for a in articles], "published": [a.published for a in articles]})
    return frame, [a.clean_text for a in articles], np.array([r["story"] for r in records])


def date_spread(frame: pd.DataFrame, gold: np.ndarray) -> pd.Series:
    """Per gold story, days between its first and last report."""
    dates = pd.to_datetime(frame["published"], errors="coerce")
    return dates.groupby(gold).agg(lambda d: (d.max() - d.min()).days).value_counts().sort_index()


def score(frame, texts, gold, **options) -> tuple[float, float, int]:
    result = stories(frame, texts, **options)
    return (*pairwise(result.story, gold), len(result.table))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basil", type=Path, default=ROOT.parent / "shared" / "eval" / "basil-dev" / "articles.jsonl")
    parser.add_argument("--pages", type=Path, default=ROOT / "data" / "eval" / "pages")
    args = parser.parse_args()
    basil, pages = load_basil(args.basil), load_pages(args.pages)

    print(f"defaults: threshold {THRESHOLD}, window {WINDOW_DAYS} days, same-outlet pairs weigh 0\n")
    for name, (frame, texts, gold) in {"BASIL dev": basil, "pages": pages}.items():
        p, r, n = score(frame, texts, gold)
        print(f"{name:<10} {len(frame):>4} articles  {len(set(gold)):>3} gold stories  ->  {n:>3} predicted   "
              f"pairwise precision {p:.3f}  recall {r:.3f}")
    spread = date_spread(basil[0], basil[2])
    print("\nBASIL: days between a story's first and last report: "
          + ", ".join(f"{days} d: {count}" for days, count in spread.items()))

    undated = (basil[0].assign(published=""), *basil[1:])  # the text alone, without the dates' help
    print("\nThreshold sweep, window 3 days: precision/recall (predicted stories). 'no dates': BASIL with its dates"
          "\nremoved (one window, the text alone); pages are undated anyway. Same-outlet pairs weigh 0 (default) or 1.")
    sets = {"BASIL": basil, "BASIL no dates": undated, "pages": pages}
    heads = [f"{name}, {w:g}" for w in (0, 1) for name in sets]
    print(f"{'threshold':>9}  " + "  ".join(f"{h:>18}" for h in heads))
    for t in THRESHOLDS:
        cells = [score(*data, threshold=t, same_outlet=w) for w in (0.0, 1.0) for data in sets.values()]
        print(f"{t:>9.2f}  " + "  ".join(f"{p:.2f}/{r:.2f} ({n:>3})".rjust(18) for p, r, n in cells))

    print("\nWindow × threshold on BASIL (precision/recall)")
    shown = [0.08, 0.10, 0.12, 0.14, 0.16]
    print(f"{'window':>6}  " + "  ".join(f"{t:>9.2f}" for t in shown))
    for w in WINDOWS:
        print(f"{w:>6}  " + "  ".join(f"{p:.2f}/{r:.2f}" for p, r, _ in (score(*basil, threshold=t, window_days=w)
                                                                             for t in shown)))


if __name__ == "__main__":
    main()
