"""Actor and topic lexicons: load them from YAML and compile them into matchers.

A lexicon is data the analyst can read and edit; the matching rules live here, once:

* actor aliases are case-sensitive whole words, longest first across all actors, so
  "Vladimir Putin" is one mention of Putin and "White House" is never also "House";
* actor roles ("the Russian president") need a determiner and are skipped when the name follows
  directly (an appositive is already a named mention);
* topic terms are case-insensitive whole words; a trailing ``*`` matches any word ending.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

LEXICON_DIR = Path(__file__).parent / "lexicons"
_BOUNDARY_BEFORE = r"(?<![\w-])"
_BOUNDARY_AFTER = r"(?![\w])"


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Match:
    """One lexicon hit in a text: which entry, where, what it matched, and whether a role."""

    key: str
    start: int
    end: int
    text: str
    role: bool = False


def _fold(text: str) -> str:
    return " ".join(text.split())


def _phrase_pattern(term: str) -> str:
    """Regex for a lexicon phrase: flexible whitespace, optional trailing wildcard."""
    wildcard = term.endswith("*")
    words = [re.escape(w) for w in term.rstrip("*").split()]
    return r"\s+".join(words) + (r"[\w'’-]*" if wildcard else "")


def _alternation(terms: list[str]) -> str:
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return "|".join(_phrase_pattern(t) for t in ordered)


@dataclass(frozen=True)
class Actor:
    id: str
    label: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    terms: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(_BOUNDARY_BEFORE + f"(?:{_alternation(list(self.terms))})" + _BOUNDARY_AFTER, re.I)

    def find(self, text: str) -> Iterator[Match]:
        for m in self.pattern.finditer(text):
            yield Match(self.id, m.start(), m.end(), m.group(0))


@dataclass(frozen=True)
class Lexicon:
    """The actors and topics an analysis counts."""

    actors: tuple[Actor, ...]
    topics: tuple[Topic, ...]

    @cached_property
    def alias_owner(self) -> dict[str, str]:
        return {_fold(alias): a.id for a in self.actors for alias in a.aliases}

    @cached_property
    def alias_pattern(self) -> re.Pattern[str]:
        body = _alternation(list(self.alias_owner))
        # no actors: a pattern that never matches (an empty alternation would match between any two non-words)
        return re.compile(_BOUNDARY_BEFORE + f"(?:{body})" + _BOUNDARY_AFTER if body else r"(?!)")

    @cached_property
    def role_patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        # "the Russian president" needs its determiner ("Russian President Vladimir Putin" is a
        # title); a possessive role ("Ukraine's president") carries its own.
        determiner = r"\b(?:the|his|her|its|their)\s+"
        patterns = []
        for a in self.actors:
            possessive = [r for r in a.roles if re.search(r"['’]s\b", r)]
            plain = [r for r in a.roles if r not in possessive]
            parts = [determiner + f"(?:{_alternation(plain)})"] if plain else []
            parts += [_BOUNDARY_BEFORE + f"(?:{_alternation(possessive)})"] if possessive else []
            if parts:
                patterns.append((a.id, re.compile(f"(?:{'|'.join(parts)})" + _BOUNDARY_AFTER, re.I)))
        return patterns

    def find_actors(self, text: str) -> Iterator[Match]:
        """Named and role mentions of every actor in ``text``, in text order."""
        named = [
            Match(self.alias_owner[_fold(m.group(0))], m.start(), m.end(), m.group(0))
            for m in self.alias_pattern.finditer(text)
        ]
        name_starts = {m.start for m in named}
        roles = [
            Match(actor_id, m.start(), m.end(), m.group(0), role=True)
            for actor_id, pattern in self.role_patterns
            for m in pattern.finditer(text)
            if not appositive_follows(text, m.end(), name_starts)
        ]
        return iter(sorted(named + roles, key=lambda m: m.start))

    def actor(self, actor_id: str) -> Actor:
        return next(a for a in self.actors if a.id == actor_id)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)


_GAP = re.compile(r"[ ,]*")


def appositive_follows(text: str, end: int, name_starts: set[int]) -> bool:
    """Whether a role ending at ``end`` is followed directly by a name ("his Russian counterpart
    Vladimir Putin"): the name is the mention, the role is not counted again."""
    return _GAP.match(text, end).end() in name_starts


_REGEX_CHARS = re.compile(r"[\\^$\[\](){}|+?]")


def term_warnings(lexicon: Lexicon, sentences) -> list[str]:
    """Terms that look like regular expressions (they are matched literally) or match nothing here."""
    text = "\n".join(sentences)
    notes = []
    for topic in lexicon.topics:
        # one scan per topic; a term that occurs only inside a longer term's match is found in that match
        matched = {m.text for m in topic.find(text)}
        for term in topic.terms:
            if _REGEX_CHARS.search(term.rstrip("*")):
                notes.append(f"Topic {topic.id}: “{term}” looks like a regular expression; it is matched as literal text.")
            own = Topic(topic.id, topic.label, (term,)).pattern
            if not any(own.search(found) for found in matched):
                notes.append(f"Topic {topic.id}: “{term}” matches nothing in this corpus.")
    for actor in lexicon.actors:
        for alias in actor.aliases:
            if _REGEX_CHARS.search(alias):
                notes.append(f"Actor {actor.id}: “{alias}” looks like a regular expression; it is matched as literal text.")
    return notes


def _entries(data: object, key: str, where: str) -> list[dict]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise LexiconError(f"{where}: expected a top-level '{key}:' list")
    for n, entry in enumerate(data[key], start=1):
        if not isinstance(entry, dict) or not entry.get("id"):
            raise LexiconError(f"{where}: entry {n} of '{key}' needs an id")
    return data[key]


def parse_lexicon(actors_yaml: str, topics_yaml: str) -> Lexicon:
    """Build a lexicon from the text of an actors file and a topics file."""
    try:
        actor_data, topic_data = yaml.safe_load(actors_yaml), yaml.safe_load(topics_yaml)
    except yaml.YAMLError as exc:
        raise LexiconError(f"lexicon is not valid YAML: {exc}") from exc
    actors = tuple(
        Actor(
            id=str(e["id"]),
            label=str(e.get("label") or e["id"]),
            kind=str(e.get("kind") or "person"),
            aliases=tuple(str(a) for a in e.get("aliases") or [e.get("label") or e["id"]]),
            roles=tuple(str(r) for r in e.get("roles") or []),
        )
        for e in _entries(actor_data, "actors", "actors.yaml")
    )
    topics = tuple(
        Topic(id=str(e["id"]), label=str(e.get("label") or e["id"]), terms=tuple(str(t) for t in e.get("terms") or []))
        for e in _entries(topic_data, "topics", "topics.yaml")
    )
    return Lexicon(actors, topics)


def default_lexicon() -> Lexicon:
    """The shipped lexicon (``dashboard/lexicons/*.yaml``)."""
    return parse_lexicon(
        (LEXICON_DIR / "actors.yaml").read_text(encoding="utf-8"),
        (LEXICON_DIR / "topics.yaml").read_text(encoding="utf-8"),
    )
