"""Shared fixtures: the five real seed reports, loaded and analysed once per session.

The app's store is pointed at a fresh temporary DuckDB file for the whole run, so tests never
touch ``data/`` and never share a database file with the browser tests' server.
"""

import os
import sys
import tempfile
from pathlib import Path

import pytest

from dashboard.analysis import analyse
from dashboard.corpus import load_source
from dashboard.lexicons import default_lexicon

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))  # the tests use its corpus generator and reverse proxy
SEEDS = ROOT / "seeds"
AL_MAYADEEN, TRT, HILL, CNN, VOA = "Al Mayadeen English", "TRT World", "The Hill", "CNN", "VOA"
TEST_DB_DIR = Path(tempfile.mkdtemp(prefix="framing-lens-tests-"))
os.environ["FRAMING_LENS_DB"] = str(TEST_DB_DIR / "app.duckdb")
os.environ["FRAMING_LENS_CACHE"] = str(TEST_DB_DIR / "cache")
os.environ.pop("FRAMING_LENS_READONLY", None)


@pytest.fixture(scope="session")
def corpus():
    return load_source(SEEDS)


@pytest.fixture(scope="session")
def lexicon():
    return default_lexicon()


@pytest.fixture(scope="session")
def analysis(corpus, lexicon):
    return analyse(corpus, lexicon)


@pytest.fixture(scope="session")
def by_outlet(corpus):
    return {a.outlet: a for a in corpus.articles}
