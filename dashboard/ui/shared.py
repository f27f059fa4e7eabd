"""Process-wide caches of what a view shows: figures, tables and evidence rows.

A view is a dataset cut to a story and a date range, with some outlets shown (``PageContext.key``).
Everything a page draws from it is a pure function of that key and a few page parameters, so it
is built once per server process and every session (every rerun, every visitor) gets the same
object: a rerun sends it again instead of recomputing it. The objects are shared, so callers
must never change them in place (pandas operations that return a new frame are fine).

Each cache is bounded (``max_entries``, least recently used dropped first) so memory stays flat
however many views visitors open.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import sys
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

import plotly.graph_objects as go
import streamlit as st

T = TypeVar("T")

# Every session's script runs in a thread of one interpreter. A thread back from a system call (the
# realpath of each page file, a write to the event loop's pipe, a stat) waits for the GIL until the
# thread holding it lets go, by default after 5 ms of Python: at twenty simultaneous sessions a rerun
# of 0.03 s of CPU took 3-4 s of wall clock. A shorter interval hands the GIL back sooner.
SWITCH_INTERVAL = 0.0005
sys.setswitchinterval(SWITCH_INTERVAL)


def resource(**options) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """``st.cache_resource`` keyed on every argument, defaults included. Streamlit keys on the
    arguments as passed, so ``load_analysis(d)`` and ``load_analysis(d, False)`` were two entries:
    two copies of a corpus's analysis in memory, each reading its tables again."""
    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        cached, signature = st.cache_resource(**options)(fn), inspect.signature(fn)

        @wraps(fn)
        def call(*args, **kwargs) -> T:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            return cached(*bound.args)

        return call

    return decorate


class SharedFigure(go.Figure):
    """A figure drawn by many sessions: its dict form is computed once, when it is cached.

    ``st.plotly_chart`` calls ``to_dict()`` on every draw, which deep-copies every array of the
    figure (seconds for a scatter of thousands of terms); a shared figure is never changed after
    it is built, so the copy is made once and handed out, read-only, from then on.
    """

    def to_dict(self) -> dict:
        spec = self.__dict__.get("_shared_spec")
        return spec if spec is not None else super().to_dict()


def _share(fig: go.Figure) -> go.Figure:
    spec = fig.to_dict()
    fig.__class__ = SharedFigure
    fig._shared_spec = spec
    return fig


def _digest(key: tuple) -> str:
    """The cache key as one short string. Streamlit hashes a key element by element in Python, and a
    view's key names every shown outlet (hundreds in a large corpus), on every call of every rerun; the
    key's repr is hashed once, in C. Its parts must be values whose repr is all of them (strings,
    numbers, tuples, frozen dataclasses of those), never an object whose repr is its address."""
    if not _plain(key):
        raise TypeError(f"a shared cache key must be made of values: {key!r:.200}")
    return hashlib.blake2b(repr(key).encode(), digest_size=20).hexdigest()


def _plain(value) -> bool:
    if value is None or isinstance(value, (str, int, float)):
        return True
    if isinstance(value, tuple):
        return all(map(_plain, value))
    return dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen and all(
        _plain(getattr(value, f.name)) for f in dataclasses.fields(value))


@st.cache_resource(show_spinner=False, max_entries=256)
def _figure(key: str, _build: Callable[[], go.Figure]) -> go.Figure:
    return _share(_build())


@st.cache_resource(show_spinner=False, max_entries=256)
def _table(key: str, _build: Callable[[], object]) -> object:
    return _build()


@st.cache_resource(show_spinner=False, max_entries=64)
def _evidence(key: str, _build: Callable[[], object]) -> object:
    return _build()


@st.cache_resource(show_spinner=False, max_entries=32)
def _view(key: str, _build: Callable[[], object]) -> object:
    return _build()


def shared_figure(key: tuple, build: Callable[[], go.Figure]) -> go.Figure:
    """The figure ``build()`` makes for ``key`` (which must name everything it depends on), built
    once per server process. Do not change it: it is drawn by every session."""
    return _figure(_digest(key), build)


def shared_table(key: tuple, build: Callable[[], T]) -> T:
    """A table (or any small result) ``build()`` makes for ``key``, computed once per server process."""
    return _table(_digest(key), build)


def shared_view(key: tuple, build: Callable[[], T]) -> T:
    """An analysis or sourcing cut to a view's outlets: large (it holds cut copies of the per-outlet
    tables and keeps its story's or date range's analysis alive), so fewer are kept."""
    return _view(_digest(key), build)


def shared_evidence(key: tuple, build: Callable[[], T]) -> T:
    """Evidence rows behind one selection (can be thousands of sentences: fewer entries kept)."""
    return _evidence(_digest(key), build)
