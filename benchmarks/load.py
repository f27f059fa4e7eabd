"""Load benchmark: N concurrent browser sessions against one real `streamlit run` server.

Each session is its own headless-Chromium context (Debian's /usr/bin/chromium, loopback only)
and does what an analyst does: open the Overview, open Actors, drop an outlet from the filter,
click a bar, open Topics. Levels of 1, 10 and 20 sessions run one after another, each bounded
in time. Measured on the server, not in the browser:

* errors: failed steps, Streamlit exceptions or hosted error-id messages on a page, and
  tracebacks in the server log; must be 0;
* server time per script run (p50 / p95): the app's own timing line (``FRAMING_LENS_TIMING``),
  from the first line of app.py to the last, so it excludes network and browser rendering; and the
  CPU time of the script's thread in that run (p95): the server's own work, without waiting for a
  core the browsers hold;
* server memory: peak PSS and RSS of the server process (and any workers) while the level's
  sessions are connected, and the added memory per extra session.

The browsers stand in for visitors on their own machines, but here they share the server's cores
(20 Chromium pages drawing Plotly charts take most of a 2-core machine), so every thread of theirs
runs under Linux's SCHED_IDLE policy (``--browsers idle``, the default): it gets a core only when no
ordinary thread wants one, so the server's time per rerun measures the server's work, not a queue
behind forty Chromium threads. Niceness is weaker: at nice 10 each Chromium thread still weighs a
tenth of the server's, and forty of them took four fifths of the cores (20 sessions on the 10k
corpus: server CPU p95 0.06 s, wall p95 4.05 s). ``--browsers nice`` (``--browser-nice``, default
10) and ``--browsers same`` (one priority for everything) measure those instead.

The server runs hosted (``FRAMING_LENS_READONLY=1``) on a store under ``data/load/``; the 10k corpus
is generated with benchmarks/make_corpus.py, imported with ``python -m dashboard ingest`` and
analysed by ``python -m dashboard report --corpus`` before the server starts (a warm-up visit then
opens it once), so the levels read stored results as a hosted dashboard does.
Only the CLI and the app are used, never their internals.

With ``--replicas N`` the sessions go through Debian's nginx to N app servers on the same store
(benchmarks/proxy.py; each browser stays on one server), as a host runs them when one Python process
is not enough: a Streamlit server runs all its sessions' scripts in one interpreter, so at 20
simultaneous reruns they queue; the memory is then the servers' together.

    python benchmarks/load.py [--corpora seeds 10k] [--sessions 1 10 20] [--rounds 2] [--browsers idle] [--replicas 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

from memory import _children, tree_pss_mb
from proxy import free_port, nginx

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "data" / "load"
sys.path.insert(0, str(ROOT))
from dashboard.ui.warm_up import wait_until_up  # noqa: E402

CHROMIUM = os.environ.get("FRAMING_LENS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
BIG = "Load test: 10,000 generated articles"


def cli(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(corpora: list[str], env: dict) -> dict[str, str]:
    """Corpus name -> URL query of each corpus; the 10k one generated and ingested once."""
    queries = {"seeds": ""}
    if "10k" in corpora:
        queries["10k"] = "corpus=" + quote(BIG)
        listing = subprocess.run([sys.executable, "-m", "dashboard", "corpora"], cwd=ROOT, env=env, check=True,
                                 capture_output=True, text=True).stdout
        if BIG not in listing:
            source = WORK / "corpus-10k.jsonl"
            if not source.exists():
                cli("benchmarks/make_corpus.py", "--articles", "10000", "--outlets", "300", "--out", str(source), env=env)
            cli("-m", "dashboard", "ingest", str(source), "--corpus", BIG, env=env)
        # the results are computed by the CLI before the server starts, as a host does: analysing
        # in the server would leave the analysis' peak in its memory and count it against the sessions
        cli("-m", "dashboard", "report", "--corpus", BIG, "--format", "text", env=env)
    return {c: queries[c] for c in corpora}


def start_server(env: dict, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.address", "127.0.0.1", "--server.port", str(port),
                             "--server.fileWatcherType", "none"],  # as hosted: no reloading of edited modules
                            cwd=ROOT, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    if wait_until_up(f"http://127.0.0.1:{port}", 120, alive=lambda: proc.poll() is None):
        return proc, port
    proc.kill()
    raise SystemExit(f"the server did not start; see {log}")


async def settle(page, timeout: float = 180_000) -> None:
    """Wait until a script run has drawn the page and the app is idle; fail on an error shown."""
    await page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=timeout)
    await page.wait_for_selector(IDLE, state="attached", timeout=timeout)
    await page.wait_for_timeout(300)
    await page.wait_for_selector(IDLE, state="attached", timeout=timeout)
    shown = await page.locator("[data-testid='stException'], [data-testid='stAlert']:has-text('error id')").count()
    if shown:
        raise RuntimeError(f"an error is shown on {page.url}")


RETRIED = []  # chart clicks that had to be repeated (the browser missed the first), per level


async def click_until(page, target, condition: str, *, tries: int = 3, wait: float = 60_000) -> None:
    """Click ``target`` until the URL meets ``condition``: on a machine this loaded, a click can land
    while Plotly is still laying the chart out and select nothing, as a visitor's would; they click
    again. Each repeat is counted (``RETRIED``) and reported."""
    for attempt in range(tries):
        await target.click(force=True)
        try:
            await page.wait_for_function(condition, timeout=wait)
            return
        except Exception:
            if attempt == tries - 1:
                raise
            RETRIED.append(page.url)


async def session(browser, url: str, query: str, rounds: int) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1600})
    context.set_default_timeout(180_000)  # 20 Chromium pages share 2 cores with the server: the browser is slow
    page = await context.new_page()
    suffix = f"?{query}" if query else ""
    step = "start"
    try:
        for _ in range(rounds):
            step = "open the Overview"
            await page.goto(f"{url}/{suffix}", wait_until="commit")
            await settle(page, 900_000)  # a first visit may still wait for the stored results to be read
            step = "open Actors"
            await page.goto(f"{url}/actors{suffix}", wait_until="commit")
            await settle(page)
            step = "remove an outlet"
            await page.get_by_role("button", name=re.compile("^Remove ")).first.click()
            await page.wait_for_function("() => window.location.search.includes('outlet=')")
            await settle(page)
            step = "click a bar"
            await click_until(page, page.locator(".st-key-actors_bars .js-plotly-plot .bars .point path").first,
                              "() => window.location.search.includes('ev=')")
            await settle(page)
            step = "open Topics"
            await page.goto(f"{url}/topics{suffix}", wait_until="commit")
            await settle(page)
    except Exception as exc:
        raise RuntimeError(f"{step}: {type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}") from exc
    finally:
        await context.close()


def lower_browsers(how: str, nice: int, servers: list[int]) -> None:
    """Keep every thread of every process this script started, except the servers' trees, under
    SCHED_IDLE (``how == "idle"``) or at niceness ``nice`` or lower priority: Chromium raises its
    browser process's own priority, and a thread's priority is its own (new threads inherit it)."""
    todo = [c for c in _children(os.getpid()) if c not in servers]
    while todo:
        pid = todo.pop()
        todo += _children(pid)
        try:
            for tid in map(int, os.listdir(f"/proc/{pid}/task")):
                if how == "idle":
                    if os.sched_getscheduler(tid) != os.SCHED_IDLE:
                        os.sched_setscheduler(tid, os.SCHED_IDLE, os.sched_param(0))
                elif os.getpriority(os.PRIO_PROCESS, tid) < nice:
                    os.setpriority(os.PRIO_PROCESS, tid, nice)
        except OSError:
            pass  # gone, or not ours to change


class Sampler:
    """Peak PSS (process trees) and RSS of the servers together while a level runs, sampled every
    200 ms (and the browsers kept at their lower priority: ``how`` and ``nice`` of :func:`lower_browsers`)."""

    def __init__(self, pids: list[int], how: str = "same", nice: int = 0):
        self.pids, self.how, self.nice, self.pss, self.rss = pids, how, nice, 0.0, 0.0
        self._stop = threading.Event()

    @staticmethod
    def _rss(pid: int) -> float:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.pss = max(self.pss, sum(tree_pss_mb(p) for p in self.pids))
            self.rss = max(self.rss, sum(self._rss(p) for p in self.pids))
            if self.how != "same":
                lower_browsers(self.how, self.nice, self.pids)

    def __enter__(self) -> Sampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


async def level(browser, url: str, query: str, sessions: int, rounds: int, limit: float) -> list[str]:
    """Run ``sessions`` sessions at once; returns the errors (empty when all went through)."""
    tasks = [asyncio.create_task(session(browser, url, query, rounds)) for _ in range(sessions)]
    done, pending = await asyncio.wait(tasks, timeout=limit)
    for task in pending:
        task.cancel()
    errors = [f"timed out after {limit:.0f} s" for _ in pending]
    errors += [f"{type(t.exception()).__name__}: {str(t.exception()).splitlines()[0]}" for t in done if t.exception()]
    return errors


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else (values or [0])[0]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", nargs="+", default=["seeds", "10k"], choices=["seeds", "10k"])
    parser.add_argument("--sessions", nargs="+", type=int, default=[1, 10, 20])
    parser.add_argument("--rounds", type=int, default=2, help="times each session walks its pages")
    parser.add_argument("--limit", type=float, default=600, help="seconds a level may take")
    parser.add_argument("--browsers", choices=["idle", "nice", "same"], default="idle",
                        help="the browsers' (and this script's) CPU priority: SCHED_IDLE (default), niceness "
                             "--browser-nice, or the server's own")
    parser.add_argument("--browser-nice", type=int, default=10, choices=range(0, 20), metavar="0-19",
                        help="CPU niceness of the browsers with --browsers nice (default 10)")
    parser.add_argument("--replicas", type=int, default=1, choices=range(1, 5), metavar="1-4",
                        help="app servers behind Debian's nginx (one: no proxy), sharing the store (default 1)")
    args = parser.parse_args()
    if max(args.sessions) > 40:
        raise SystemExit("at most 40 sessions: this is a benchmark, not a stress test")
    WORK.mkdir(parents=True, exist_ok=True)
    timing = WORK / "reruns.tsv"
    env = {**os.environ, "FRAMING_LENS_DB": str(WORK / "store.duckdb"), "FRAMING_LENS_CACHE": str(WORK / "cache")}
    corpora = prepare(args.corpora, env)
    logs = [WORK / (f"server-{i}.log" if args.replicas > 1 else "server.log") for i in range(args.replicas)]
    with ExitStack() as stack:
        ports, pids = [], []
        for log in logs:  # the servers share the store and the timing file (a line appended per run)
            proc, port = start_server({**env, "FRAMING_LENS_READONLY": "1", "FRAMING_LENS_TIMING": str(timing)}, log)
            stack.callback(lambda proc=proc: (proc.terminate(), proc.wait(timeout=30)))
            ports.append(port)
            pids.append(proc.pid)
        url = (stack.enter_context(nginx(Path(stack.enter_context(tempfile.TemporaryDirectory())), ports))[0]
               if args.replicas > 1 else f"http://127.0.0.1:{ports[0]}")
        await levels(args, corpora, url, pids, logs, timing)


async def levels(args, corpora: dict[str, str], url: str, servers: list[int], logs: list[Path], timing: Path) -> None:
    """Each corpus at each number of sessions, one line of the table each."""
    if args.browsers == "idle":  # inherited by Playwright's driver and Chromium, started below; the servers keep theirs
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    elif args.browsers == "nice":
        os.nice(args.browser_nice)
    from playwright.async_api import async_playwright

    tracebacks, first = 0, {}
    priority = {"idle": "SCHED_IDLE", "nice": f"nice {args.browser_nice}", "same": "the servers' priority"}[args.browsers]
    print(f"browsers at {priority}; {args.replicas} server(s) at nice "
          f"{os.getpriority(os.PRIO_PROCESS, servers[0])}" + (" behind nginx" if args.replicas > 1 else ""), flush=True)
    print(f"{'corpus':>6} {'sessions':>8} {'reruns':>6} {'errors':>6} {'p50 s':>6} {'p95 s':>6} {'CPU p95':>7} "
          f"{'PSS MB':>7} {'RSS MB':>7} {'MB/session':>10} {'load':>5}", flush=True)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, query in corpora.items():
            warm = await level(browser, url, query, 1, 1, 900)  # reads the stored results once
            if warm:
                raise SystemExit(f"warm-up on {name} failed: {warm[0]}")
            for n in args.sessions:
                timing.write_text("")
                RETRIED.clear()
                with Sampler(servers, args.browsers, args.browser_nice) as memory:
                    errors = await level(browser, url, query, n, args.rounds, args.limit)
                seen, tracebacks = tracebacks, sum(log.read_text(errors="replace").count("Traceback") for log in logs)
                errors += ["traceback in the server log"] * (tracebacks - seen)
                lines = [line.split("\t") for line in timing.read_text().splitlines()]
                times, cpu = [float(f[2]) for f in lines], [float(f[3]) for f in lines]
                base_n, base_pss = first.setdefault(name, (n, memory.pss))
                per = (memory.pss - base_pss) / (n - base_n) if n > base_n else float("nan")
                print(f"{name:>6} {n:>8} {len(times):>6} {len(errors):>6} {percentile(times, 50):>6.2f} "
                      f"{percentile(times, 95):>6.2f} {percentile(cpu, 95):>7.2f} {memory.pss:>7.0f} {memory.rss:>7.0f} "
                      f"{per:>10.1f} {os.getloadavg()[0]:>5.1f}", flush=True)
                if errors:
                    print(f"{name} at {n} sessions: {errors[:3]}", file=sys.stderr, flush=True)
                if RETRIED:
                    print(f"{name} at {n} sessions: {len(RETRIED)} chart click(s) repeated", file=sys.stderr, flush=True)
        await browser.close()


if __name__ == "__main__":
    asyncio.run(main())
