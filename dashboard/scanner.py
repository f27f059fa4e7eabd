"""Every lexicon match in a long text in one pass: what :mod:`dashboard.lexicons` finds, faster.

Running each topic's and actor's regex over every position of every article costs a regex attempt
per character per pattern, the slowest step on large corpora. But each lexicon term starts with a
literal word, so a match can only begin where one of those words begins (for a role, at the
determiner just before it). One regex over the lower-cased text, a trie of those first words,
finds the candidate positions; each pattern is then tried only at the positions its own words
start. The result is exactly what each pattern's ``finditer`` yields (a property test checks
this); a text holding one of the few characters that ``re.IGNORECASE`` folds differently from
``str.lower`` is scanned the plain way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.lexicons import Lexicon, appositive_follows

# Characters re.IGNORECASE equates with another whose str.lower() differs (re._casefix: dotless i,
# long s, micro sign, Greek and Cyrillic variants, ligatures), and İ, whose lower() is two characters.
_CASE_EXTRAS = re.compile("[\u0131\u017f\u00b5\u0345\u0390\u03b0\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1"
                          "\u03f5\u1c80-\u1c88\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06\u0130]")


def first_word(term: str) -> str:
    words = term.rstrip("*").split()
    return words[0].lower() if words else ""


def _trie_pattern(words: set[str]) -> str:
    """A regex for "any of ``words``" that branches on one character at a time (longest wins)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return build(root)


@dataclass(frozen=True)
class _Entry:
    kind: str  # "actor" or "topic"
    key: str | None  # topic id, or None for the alias pattern (the alias names the actor)
    pattern: re.Pattern[str]
    role: bool  # an actor role pattern: it may start at the word before its anchor


class Scanner:
    """All actor and topic matches of a lexicon in a text, in the order ``find_actors`` and each
    ``Topic.find`` would give them."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        entries = [_Entry("actor", None, lexicon.alias_pattern, False)]
        anchors = [[first_word(a) for a in lexicon.alias_owner]]
        for actor_id, pattern in lexicon.role_patterns:
            entries.append(_Entry("actor", actor_id, pattern, True))
            anchors.append([first_word(r) for r in lexicon.actor(actor_id).roles])
        for topic in lexicon.topics:
            entries.append(_Entry("topic", topic.id, topic.pattern, False))
            anchors.append([first_word(t) for t in topic.terms])
        self.entries = entries
        words = {w for ws in anchors for w in ws}
        self.plain = "" in words or not words  # an empty first word: no anchor, scan in full
        by_word: dict[str, set[int]] = {}
        for i, ws in enumerate(anchors):
            for w in ws:
                by_word.setdefault(w, set()).add(i)
        # a longer anchor found at a position means every anchor that is its prefix is there too
        self.entries_at = {w: sorted({i for v, ids in by_word.items() if w.startswith(v) for i in ids}) for w in words}
        self.candidates = None if self.plain else re.compile(r"(?<![\w-])" + _trie_pattern(words))
        self.tries = {w: tuple((i, entries[i].pattern.match, entries[i].role) for i in ids)
                      for w, ids in self.entries_at.items()}
        self._owners: dict[str, str] = {}

    def _plain(self, text: str) -> list[list[re.Match[str]]]:
        return [list(e.pattern.finditer(text)) for e in self.entries]

    def _anchored(self, text: str, lower: str) -> list[list[re.Match[str]]]:
        found: list[list[re.Match[str]]] = [[] for _ in self.entries]
        ends = [0] * len(self.entries)
        tries = self.tries
        for c in self.candidates.finditer(lower):
            at = c.start()
            before = -1
            for i, match, role in tries[c.group(0)]:
                if role:  # a role starts at its determiner, or at its own word when possessive
                    if before < 0:
                        before = _previous_word(text, at)
                    if before >= ends[i] and (m := match(text, before)):
                        found[i].append(m)
                        ends[i] = m.end()
                        continue
                if at >= ends[i] and (m := match(text, at)):
                    found[i].append(m)
                    ends[i] = m.end()
        return found

    def scan(self, text: str) -> list[tuple[str, str, int, int, str, bool]]:
        """(kind, key, start, end, text, role) for every match in ``text``: actors in text order,
        then each topic's matches in text order (as ``find_actors`` and ``Topic.find`` give them)."""
        lower = text.lower()
        plain = self.plain or len(lower) != len(text) or _CASE_EXTRAS.search(text)
        found = self._plain(text) if plain else self._anchored(text, lower)
        owner = self.owner
        named = [("actor", owner(m.group(0)), m.start(), m.end(), m.group(0), False) for m in found[0]]
        name_starts = {m[2] for m in named}
        actors = named
        out = []
        for entry, matches in zip(self.entries[1:], found[1:]):
            if entry.kind == "actor":
                actors += [("actor", entry.key, m.start(), m.end(), m.group(0), True) for m in matches
                           if not appositive_follows(text, m.end(), name_starts)]
            else:
                key = entry.key
                out += [("topic", key, m.start(), m.end(), m.group(0), False) for m in matches]
        if len(found) > 2:
            actors.sort(key=lambda m: m[2])
        return actors + out

    def owner(self, alias: str) -> str:
        """The actor an alias as written names (whitespace folded)."""
        key = self._owners.get(alias)
        if key is None:
            key = self._owners[alias] = self.lexicon.alias_owner[" ".join(alias.split())]
        return key


def _previous_word(text: str, i: int) -> int:
    """Start of the word before position ``i`` (skipping the whitespace between): a role's determiner."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return i
