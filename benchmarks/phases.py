"""Peak memory (summed PSS of the process tree) and time of each phase of the full analysis.

scale.py gives one peak for the whole analysis; this says which phase sets it, so memory work
goes where the memory is: the analysis (worker pass and corpus-wide tables), stories, shared
passages, the actor-rewritten sentences the claims need, the per-story quote groups and
claims, and the framing scores (tone, frame cues).

    python benchmarks/phases.py data/bench-10k.jsonl
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from memory import PeakMemory, tree_pss_mb  # noqa: E402

from dashboard.analysis import analyse, sourcing  # noqa: E402
from dashboard.analysis.coverage import shared_passages  # noqa: E402
from dashboard.analysis.frames import default_frames  # noqa: E402
from dashboard.analysis.framing import analyse_framing  # noqa: E402
from dashboard.corpus import Corpus, normalise_rows  # noqa: E402
from dashboard.lexicons import default_lexicon  # noqa: E402


def main(path: str) -> None:
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    print(f"{'phase':<16}{'seconds':>9}{'peak MB':>9}{'after MB':>10}   (start {tree_pss_mb():.0f} MB)")
    found: dict = {}

    def phase(name: str, work) -> None:
        with PeakMemory() as memory:
            start = time.perf_counter()
            found[name] = work()
            seconds = time.perf_counter() - start
        print(f"{name:<16}{seconds:>9.1f}{memory.peak_mb:>9.0f}{tree_pss_mb():>10.0f}")

    phase("analyse", lambda: analyse(Corpus(path, rows=normalise_rows(rows, "bench")), default_lexicon()))
    a = found["analyse"]
    phase("stories", lambda: sourcing.story_table(a))
    phase("shared passages", lambda: shared_passages(a.sentences, a.term_matrix.sentence_counts, a.term_matrix.vocabulary))
    phase("content", lambda: (sourcing.content_texts(a),
                              pd.Series(sourcing.sentence_rows(a, a.quotes), index=a.quotes.index)))
    content, quote_row = found["content"]
    phase("story sourcing", lambda: sourcing.story_sourcing(a.sentences, a.quotes, found["stories"][1], a.outlets,
                                                            content=content, quote_row=quote_row))
    phase("framing", lambda: analyse_framing(a, default_frames()))


if __name__ == "__main__":
    main(sys.argv[1])
