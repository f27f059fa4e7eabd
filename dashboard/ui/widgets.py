"""Widgets whose value lives in the URL under a stable id.

Streamlit's ``bind="query-params"`` writes a widget's *formatted label* to the URL, so a radio
showing "Raw counts" would put ``norm=Raw counts`` in a shared link and break it when the label
is reworded. :func:`url_choice` keeps the option id in the URL (``norm=raw``) while showing the
label: the query parameter seeds the widget, and the widget's change writes it back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st


def _sync(key: str, default: str | None, then: Callable[[], None] | None = None) -> None:
    value = st.session_state.get(key)
    if value is None or value == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(value)
    if then is not None:
        then()


def distinct_labels(labels: dict[str, str]) -> dict[str, str]:
    """``labels`` with repeats numbered ("… (2)"): a selectbox tells its options apart by label, so
    two articles with the same outlet and headline would otherwise swap on the next rerun."""
    seen: dict[str, int] = {}
    out = {}
    for key, label in labels.items():
        seen[label] = seen.get(label, 0) + 1
        out[key] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return out


def url_choice(
    widget: Callable, label: str, options: Sequence[str], *, key: str, labels: dict[str, str] | Callable | None = None,
    default: str | None = None, then: Callable[[], None] | None = None, **kwargs,
):
    """Render ``widget`` (st.radio, st.selectbox, …) for ``options`` with its value in ``?key=``.

    An id in the URL that is not among ``options`` is ignored (``ViewState.from_query`` has
    already told the user). ``default=None`` means "nothing selected" for selectboxes.
    """
    from_url = st.query_params.get(key)
    wanted = from_url if from_url in options else default
    if st.session_state.get(key) not in options or (from_url in options and st.session_state.get(key) != from_url):
        st.session_state[key] = wanted
    fmt = (lambda v: labels[v] if v in labels else str(v)) if isinstance(labels, dict) else (labels or str)
    extra = {"index": None} if default is None and widget is st.selectbox else {}
    value = widget(label, list(options), key=key, format_func=fmt, on_change=_sync, args=(key, default, then),
                   **extra, **kwargs)
    _sync(key, default)
    return value
