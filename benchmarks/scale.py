"""Scale benchmark: full analysis vs a bare TfidfVectorizer, and UI timings, on generated corpora.

For each size it generates (once, deterministically) a corpus with benchmarks/make_corpus.py, then
measures in separate processes, so each peak-memory figure is that process's own:

* baseline: TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True).fit_transform
  on the same texts;
* full analysis: everything the pages need, in one process: cleaning, sentences, terms (TF-IDF +
  log-odds), actors, topics, quotes (the worker pass), then stories, quote groups, shared
  passages and claims within each story (the sourcing step, also timed on its own), then the
  tone of each sentence naming an actor and the frame cues of every sentence (framing, timed too);
* UI, with the results stored: importing the corpus, computing the stored results once, then in a
  fresh process (a server restart) the first visitor's open with no warm-up (it imports the app's
  modules and reads the stored results), and in another fresh process, after the warm-up a server
  hosted for the corpus (``FRAMING_LENS_CORPUS``) makes when it starts (one run of the app with no
  query, as the script health check ``scripts/run.sh`` calls runs it: dashboard/ui/warm_up.py),
  the first visitor's open, the first open of every page, an outlet-filter change and a story
  change, each as server-side AppTest run time.

    python benchmarks/scale.py --sizes 1000 10000 [40000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

MEASURE = textwrap.dedent("""
    import json, os, sys, threading, time
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {bench!r})
    from memory import PeakMemory
    rows = [json.loads(line) for line in open({path!r}, encoding="utf-8")]
    from sklearn.feature_extraction.text import TfidfVectorizer
    from dashboard.analysis import analyse
    from dashboard.analysis.frames import default_frames
    from dashboard.analysis.framing import analyse_framing
    from dashboard.analysis.sourcing import analyse_sourcing
    from dashboard.corpus import Corpus, normalise_rows
    from dashboard.lexicons import default_lexicon
    with PeakMemory() as memory:
        start = time.perf_counter()  # imports are outside the timing, for both
        if {what!r} == "baseline":
            TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True).fit_transform([r["text"] for r in rows])
        else:
            analysis = analyse(Corpus({path!r}, rows=normalise_rows(rows, "bench")), default_lexicon())
            middle = time.perf_counter()
            sourcing = analyse_sourcing(analysis)
            framed = time.perf_counter()
            analyse_framing(analysis, default_frames())
        seconds = time.perf_counter() - start
    sourcing_s = framed - middle if {what!r} != "baseline" else 0.0
    framing_s = start + seconds - framed if {what!r} != "baseline" else 0.0
    stories = len(sourcing.stories) if {what!r} != "baseline" else 0
    claims = len(sourcing.claims) if {what!r} != "baseline" else 0
    print(json.dumps({{"seconds": seconds, "peak_mb": memory.peak_mb, "sourcing_s": sourcing_s, "framing_s": framing_s,
                      "stories": stories,
                      "claims": claims}}))
""")

UI = textwrap.dedent("""
    import json, sys, threading, time
    sys.path.insert(0, {root!r})
    from streamlit.testing.v1 import AppTest  # nothing of the app is imported before the first open: a real restart

    def timed(at_run):
        start = time.perf_counter()
        at = at_run()
        assert not at.exception, [e.value for e in at.exception]
        return at, time.perf_counter() - start

    def visit():
        at = AppTest.from_file({app!r}, default_timeout=600)
        at.query_params["corpus"] = "bench"
        return at.run()

    if not {warm!r}:
        print(json.dumps({{"restart_open": timed(visit)[1]}}))  # the restarted server's first visitor: imports, results read
        raise SystemExit
    timed(lambda: AppTest.from_file({app!r}, default_timeout=600).run())  # the warm-up: the script health check's run
    for thread in threading.enumerate():  # and the story cuts it prepares in the background, before a visitor comes
        if thread.name == "warm-cuts":
            thread.join()
    at, warmed = timed(visit)
    pages = {{}}
    for page in {pages!r}:  # each page as a new visitor opens it (AppTest cannot carry one session across pages)
        at, _ = timed(visit)
        at, pages[page] = timed(lambda: at.switch_page(f"dashboard/pages/{{page}}.py").run())
    at, _ = timed(visit)
    chosen = at.multiselect(key="outlet").options[:3]
    _, filtered = timed(lambda: at.multiselect(key="outlet").set_value(chosen).run())
    at, _ = timed(visit)
    stories = [s for s in at.selectbox if s.key == "story"]
    story_change = timed(lambda: stories[0].select_index(1).run())[1] if stories else float("nan")
    print(json.dumps({{"warmed_open": warmed, "pages": pages, "filter_change": filtered, "story_change": story_change}}))
""")


PAGES = ["stories", "terms", "actors", "topics", "read", "compare", "quotes", "coverage", "frames"]


def run(code: str, env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **(env or {})},
                         cwd=ROOT, timeout=3600)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def corpus(n: int, outlets: int) -> Path:
    path = DATA / f"bench-{n // 1000}k.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--articles", str(n),
                        "--outlets", str(outlets), "--out", str(path)], check=True)
    return path


def ui_timings(path: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = {"FRAMING_LENS_DB": f"{tmp}/bench.duckdb", "FRAMING_LENS_CACHE": f"{tmp}/cache"}
        subprocess.run([sys.executable, "-m", "dashboard", "ingest", str(path), "--corpus", "bench", "--max-mb", "2000"], check=True,
                       capture_output=True, env={**os.environ, **env}, cwd=ROOT)
        prepare = textwrap.dedent(f"""
            import sys, time, json
            sys.path.insert(0, {str(ROOT)!r})
            from dashboard.results import stored_analysis
            from dashboard.store import Store
            store = Store(); info = store.info("bench"); start = time.perf_counter()
            stored_analysis(store, "bench", info.revision, 0)
            print(json.dumps({{"store_results": time.perf_counter() - start}}))
        """)
        timings = run(prepare, env)
        for warm in (False, True):  # warmed: hosted for this corpus (FRAMING_LENS_CORPUS), so the warm-up reads its results
            timings.update(run(UI.format(root=str(ROOT), app=str(ROOT / "app.py"), pages=PAGES, warm=warm),
                               {**env, "FRAMING_LENS_CORPUS": "bench"} if warm else env))
        return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--outlets", type=int, default=300)
    parser.add_argument("--no-ui", action="store_true", help="skip the UI timings")
    parser.add_argument("--ui-only", action="store_true", help="skip the analysis-vs-baseline measurement")
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        path = corpus(n, args.outlets)
        nothing = {"seconds": float("nan"), "peak_mb": float("nan")}
        base = nothing if args.ui_only else run(MEASURE.format(root=str(ROOT), bench=str(ROOT / "benchmarks"), path=str(path), what="baseline"))
        full = nothing if args.ui_only else run(MEASURE.format(root=str(ROOT), bench=str(ROOT / "benchmarks"), path=str(path), what="full"))
        print(f"{n} articles: baseline {base}, full {full}", file=sys.stderr, flush=True)
        ui = {} if args.no_ui else ui_timings(path)
        rows.append((n, base, full, ui))
        print(f"measured {n} articles: baseline {base}, full {full}, ui {ui}", file=sys.stderr, flush=True)
    print(f"{'articles':>8}  {'baseline s':>10}  {'full s':>8}  {'sourcing s':>10}  {'framing s':>9}  {'time x':>6}  {'base MB':>8}  "
          f"{'full MB':>8}  {'mem x':>6}  {'stories':>7}  {'claims':>7}")
    for n, base, full, _ in rows:
        print(f"{n:>8}  {base['seconds']:>10.1f}  {full['seconds']:>8.1f}  {full.get('sourcing_s', float('nan')):>10.1f}  "
              f"{full.get('framing_s', float('nan')):>9.1f}  "
              f"{full['seconds'] / base['seconds']:>6.2f}  {base['peak_mb']:>8.0f}  {full['peak_mb']:>8.0f}  "
              f"{full['peak_mb'] / base['peak_mb']:>6.2f}  {full.get('stories', 0):>7}  {full.get('claims', 0):>7}")
    print("targets: time x <= 1.5, mem x <= 1.5 (goal 1.0)")
    if any(ui for *_, ui in rows):
        print()
        print(f"{'articles':>8}  {'store s':>8}  {'restart open s':>14}  {'warmed s':>8}  " + "  ".join(f"{p:>8}" for p in PAGES)
              + f"  {'filter s':>8}  {'story s':>8}")
        for n, _, _, ui in rows:
            if ui:
                print(f"{n:>8}  {ui['store_results']:>8.1f}  {ui['restart_open']:>14.2f}  {ui['warmed_open']:>8.2f}  "
                      + "  ".join(f"{ui['pages'][p]:>8.2f}" for p in PAGES)
                      + f"  {ui['filter_change']:>8.2f}  {ui['story_change']:>8.2f}")
        print("targets: every page open < 1 s after a restart, a filter or story change < 0.3 s (server-side AppTest run time;\n"
              "restart open: no warm-up; warmed: the first visitor after the server's warm-up; pages: each page's first open)")


if __name__ == "__main__":
    main()
