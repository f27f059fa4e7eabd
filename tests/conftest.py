"""Shared fixtures: the five real seed reports, loaded and analysed once per session."""

from pathlib import Path

import pytest

from dashboard.analysis import analyse
from dashboard.corpus import load_source
from dashboard.lexicons import default_lexicon

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
AL_MAYADEEN, TRT, HILL, CNN, VOA = "Al Mayadeen English", "TRT World", "The Hill", "CNN", "VOA"


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
