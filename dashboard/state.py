"""One view state, and its URL form: every view in Framing Lens is a link.

:class:`ViewState` is plain data. :meth:`ViewState.from_query` parses a query string against
what the corpus actually has (outlets, topics, actors, articles); anything unknown or invalid
falls back to the default and adds a notice for the page to show. :meth:`ViewState.to_query`
writes only what differs from the defaults, so links stay short and stable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

from dashboard.analysis.evidence import Evidence
from dashboard.analysis.pooling import OTHER

PAGES = ("overview", "stories", "terms", "actors", "topics", "read", "compare", "quotes", "coverage", "frames", "lexicon", "import")
URL_PATHS = {"overview": "", **{p: p for p in PAGES if p != "overview"}}
METHODS = ("logodds", "tfidf")
NORMS = ("per1k", "raw")
MEASURES = ("per1k", "share")
TOP_RANGE = (3, 50)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Choices:
    """What a query may name: the corpus's outlets, articles and the lexicon's ids."""

    outlets: Sequence[str]
    topics: Sequence[str]
    actors: Sequence[str]
    articles: Sequence[str] = ()
    corpora: Sequence[str] = ()
    lexicons: Sequence[str] = ()  # lexicon versions of the chosen corpus ("0" = the default)
    stories: Sequence[str] = ()  # story ids of the corpus
    groups: Sequence[str] = ()  # outlet group names, offered with ?groups=1 wherever an outlet may be named


@dataclass(frozen=True)
class ViewState:
    page: str = "overview"
    outlets: tuple[str, ...] = ()  # empty: all outlets
    story: str | None = None  # every page cut to this story's articles
    topic: str | None = None
    actor: str | None = None
    term: str | None = None
    method: str = "logodds"
    norm: str = "per1k"
    measure: str = "per1k"
    top: int = 10
    a: str | None = None
    b: str | None = None
    article: str | None = None
    primary: str | None = None
    shared: str | None = None  # "exclude": leave shared passages out of term scores
    style: str | None = None  # "show": keep house-style terms (own name, honorifics, reporting verbs) on Terms
    single: str | None = None  # "1": show single-outlet claims on the coverage map
    other: str | None = None  # "1": pool the outlets not selected as one "Other outlets" row
    groups: str | None = None  # "1": compare outlet groups instead of outlets (Frames, Compare)
    corpus: str | None = None
    lexicon: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    ev: Evidence | None = None
    notices: tuple[str, ...] = field(default=(), compare=False)

    def to_query(self) -> list[tuple[str, str]]:
        """Query pairs (repeated ``outlet`` keys) for everything that differs from the default."""
        default = ViewState()
        pairs = [("outlet", o) for o in self.outlets]
        for key in ("story", "topic", "actor", "term", "method", "norm", "measure", "top", "a", "b", "article", "primary", "shared", "style", "single", "other", "groups", "corpus", "lexicon"):
            value = getattr(self, key)
            if value is not None and value != getattr(default, key):
                pairs.append((key, str(value)))
        pairs += [(k, v) for k, v in (("from", self.date_from), ("to", self.date_to)) if v]
        if self.ev:
            pairs.append(("ev", self.ev.encode()))
        return pairs

    def url(self, base: str = "") -> str:
        """The link that reopens this view: ``base`` + page path + query string."""
        path = URL_PATHS[self.page]
        query = urlencode(self.to_query())
        return f"{base.rstrip('/')}/{path}" + (f"?{query}" if query else "")

    @classmethod
    def from_query(cls, query: Mapping[str, Sequence[str] | str], choices: Choices, page: str = "overview") -> ViewState:
        """Parse a query mapping (values may be lists); never raises, collects notices instead."""
        notices: list[str] = []

        def values(key: str) -> list[str]:
            raw = query.get(key, [])
            return [raw] if isinstance(raw, str) else list(raw)

        def one(key: str, allowed: Sequence[str] | None = None, what: str | None = None) -> str | None:
            got = values(key)
            if not got or got[-1] == "":
                return None
            if allowed is not None and got[-1] not in allowed:
                notices.append(f"Unknown {what or key} “{got[-1][:80]}” in the link; showing the default instead.")
                return None
            return got[-1]

        outlets = []
        for o in dict.fromkeys(values("outlet")):
            if o in choices.outlets:
                outlets.append(o)
            else:
                notices.append(f"Unknown outlet “{o[:80]}” in the link; it was left out.")
        top, top_raw = cls.top, one("top")
        if top_raw is not None:
            if top_raw.isdigit() and TOP_RANGE[0] <= int(top_raw) <= TOP_RANGE[1]:
                top = int(top_raw)
            else:
                notices.append(f"“top” must be a whole number from {TOP_RANGE[0]} to {TOP_RANGE[1]}; using {cls.top}.")
        dates = []
        for key in ("from", "to"):
            value = one(key)
            if value is not None and not _valid_date(value):
                notices.append(f"“{key}” must be a date like 2021-12-08; ignored.")
                value = None
            dates.append(value)
        groups = one("groups", ("1",), "groups option")
        units = [*choices.outlets, *(choices.groups if groups else ())]  # what a, b and ev may name
        ev = None
        if (raw_ev := one("ev")) is not None:
            ev = Evidence.decode(raw_ev)
            # a quote's speaker may be any name the text gives, not only a lexicon actor: it is never checked
            allowed = {"topic": choices.topics, "actor": choices.actors}
            if ev is None or ev.outlet not in (*units, OTHER) or (ev.kind in allowed and ev.key not in allowed[ev.kind]) \
                    or (ev.kind == "claim" and not ev.key.isdigit()):
                notices.append("The evidence selection in the link does not match this corpus; it was cleared.")
                ev = None
        state = cls(
            page=page if page in PAGES else "overview",
            outlets=tuple(outlets),
            story=one("story", choices.stories or None, "story"),
            topic=one("topic", choices.topics),
            actor=one("actor", choices.actors),
            term=one("term"),
            method=one("method", METHODS, "term method") or cls.method,
            norm=one("norm", NORMS, "normalisation") or cls.norm,
            measure=one("measure", MEASURES, "topic measure") or cls.measure,
            top=top,
            a=one("a", units, "outlet or group" if groups else "outlet"),
            b=one("b", units, "outlet or group" if groups else "outlet"),
            article=one("article", choices.articles, "article") if choices.articles else one("article"),
            primary=one("primary", choices.articles, "primary-source article") if choices.articles else one("primary"),
            shared=one("shared", ("exclude",), "shared-passage option"),
            style=one("style", ("show",), "house-style option"),
            single=one("single", ("1",), "single-outlet option"),
            other=one("other", ("1",), "pooling option"),
            groups=groups,
            corpus=one("corpus", choices.corpora or None, "corpus"),
            lexicon=one("lexicon", choices.lexicons or None, "lexicon version"),
            date_from=dates[0],
            date_to=dates[1],
            ev=ev,
        )
        return replace(state, notices=tuple(notices))
