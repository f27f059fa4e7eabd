"""Page-furniture removal as a list of named, independently testable rules.

Scraped news text carries things that are not the report: hover cards that leak into the
sentence, "READ MORE" cross-links, photo and video captions, agency credits, datelines, update
footers and repeated caption paragraphs. Counting them would distort every number downstream, so
each rule removes one kind of furniture and records what it removed. The raw text is never
modified; a :class:`Paragraph` keeps its raw line plus the spans cut from it.

No rule is keyed to a file or an outlet: each is a pattern of the furniture itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_SENTENCE_END = re.compile(r"[.!?…\"”’')\]]\s*$")


@dataclass(frozen=True)
class Removal:
    """One piece of furniture: which rule removed it and the text it removed."""

    rule: str
    text: str


@dataclass
class Paragraph:
    """A raw line of the article and what the rules cut from it."""

    raw: str
    cuts: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, rule) in raw
    dropped_by: str | None = None
    _text: str | None = field(default=None, repr=False, compare=False)

    def cut(self, start: int, end: int, rule: str) -> None:
        self.cuts.append((start, end, rule))
        self._text = None

    @property
    def text(self) -> str:
        """The paragraph with inline cuts applied and whitespace folded (computed once per cut)."""
        if self._text is None:
            kept, pos = [], 0
            for start, end, _ in sorted(self.cuts):
                kept.append(self.raw[pos:start])
                pos = max(pos, end)
            kept.append(self.raw[pos:])
            self._text = " ".join("".join(kept).split())
        return self._text

    @property
    def kept(self) -> bool:
        return self.dropped_by is None and bool(self.text)

    def removals(self) -> list[Removal]:
        if self.dropped_by:
            return [Removal(self.dropped_by, _fold(self.raw))]
        return [Removal(rule, _fold(self.raw[s:e])) for s, e, rule in sorted(self.cuts)]


@dataclass(frozen=True)
class Cleaned:
    """The outcome of cleaning one article."""

    paragraphs: list[Paragraph]

    @property
    def kept_paragraphs(self) -> list[str]:
        return [p.text for p in self.paragraphs if p.kept]

    @property
    def text(self) -> str:
        return "\n\n".join(self.kept_paragraphs)

    @property
    def removed(self) -> list[Removal]:
        return [r for p in self.paragraphs for r in p.removals()]


def _fold(text: str) -> str:
    """Whitespace (incl. no-break spaces) folded to single spaces."""
    return " ".join(text.split())


def _norm(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split()).casefold()


def _words(text: str) -> int:
    return len(text.split())


# --- inline rules: cut spans out of a paragraph ---------------------------------------------

# "President BidenJoe BidenBiden says ... MORE on Wednesday": the surname is glued to a card
# that repeats the full name, lists related headlines and ends in "MORE".
_HOVER_CARD = re.compile(
    r"\b(?P<last>[A-Z][\w'’-]+)"
    r"(?P<card>(?:[A-Z][\w.'’-]+ ){1,3}(?P=last)(?=[A-Z\d\"“'‘])[^\n]*? MORE\b)"
)


def hover_cards(paragraphs: list[Paragraph], headline: str) -> None:
    """Cut leaked name hover cards ("BidenJoe BidenBiden says … MORE")."""
    for p in paragraphs:
        for m in _HOVER_CARD.finditer(p.raw):
            p.cut(m.start("card"), m.end("card"), "hover_cards")


_INLINE_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)* ?)?\((?:CNN|Reuters|AP|AFP|AA)\)\s*[—–-]+\s+"
    r"|^\s*(?:CNN|Reuters|AP|AFP)\s+[—–]+\s+"
)
_LONE_DATELINE = re.compile(r"^\s*[A-Z][\w .,()'’/-]{0,40}?\s+[—–]+\s*$")


def datelines(paragraphs: list[Paragraph], headline: str) -> None:
    """Drop a dateline line ("CNN  —") and cut a dateline prefix ("WASHINGTON (Reuters) - ")."""
    for p in _live(paragraphs):
        if _LONE_DATELINE.match(p.raw):
            p.dropped_by = "datelines"
        elif m := _INLINE_DATELINE.match(p.raw):
            p.cut(m.start(), m.end(), "datelines")


# --- paragraph rules: drop whole lines -------------------------------------------------------

def _live(paragraphs: list[Paragraph]) -> list[Paragraph]:
    return [p for p in paragraphs if p.kept]


def headline_line(paragraphs: list[Paragraph], headline: str) -> None:
    """Drop the first line when it repeats the headline (the headline is analysed apart)."""
    live = _live(paragraphs)
    if headline and live and _norm(live[0].text) == _norm(headline):
        live[0].dropped_by = "headline_line"


_READ_MORE = re.compile(r"^\s*(?:READ MORE|Read more|ALSO READ|Also read|RELATED|Related|WATCH)\s*:", re.I)


def read_more_links(paragraphs: list[Paragraph], headline: str) -> None:
    """Drop cross-link lines ("READ MORE: Why Ukraine matters to Russia so much")."""
    for p in _live(paragraphs):
        if _READ_MORE.match(p.raw):
            p.dropped_by = "read_more_links"


_AGENCY = r"(?:Reuters|AP|AFP|Getty Images|EPA(?:-EFE)?|Anadolu Agency|AA|TASS|Sputnik|Xinhua|Bloomberg)"
_CREDIT = re.compile(
    rf"^\s*(?:(?:File )?(?:Photo|Image|Credit)s?\s*[:/]\s*)?{_AGENCY}(?:\s*(?:Photo)?\s*/\s*[\w .'’-]+)?\.?\s*$",
    re.I,
)
_CONTRIBUTORS = re.compile(
    r"contributed (?:reporting )?to this (?:report|story|article)|^\s*Some information (?:came|comes) from",
    re.I,
)


def _is_credit(p: Paragraph) -> bool:
    return bool(_CREDIT.match(p.raw))


def credit_lines(paragraphs: list[Paragraph], headline: str) -> None:
    """Drop lone agency credits ("Reuters") and contributor lines ("X contributed to this report")."""
    for p in _live(paragraphs):
        if _is_credit(p) or (_CONTRIBUTORS.search(p.raw) and _words(p.raw) <= 40):
            p.dropped_by = "credit_lines"


_VIDEO_DURATION = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s*[-–—]\s*Source:\s*\S.*$")


def captions(paragraphs: list[Paragraph], headline: str) -> None:
    """Drop photo and video captions.

    Three shapes: a video duration line ("04:28 - Source: CNN") with the video title above it;
    a caption directly above a lone credit line; and any caption block that precedes a lone
    dateline at the top of the article.
    """
    live = _live(paragraphs)
    for i, p in enumerate(live):
        if _VIDEO_DURATION.match(p.raw):
            p.dropped_by = "captions"
            title = live[i - 1] if i else None
            if title and title.kept and _words(title.text) <= 15 and not _SENTENCE_END.search(title.text):
                title.dropped_by = "captions"
        elif i + 1 < len(live) and _is_credit(live[i + 1]) and not _is_credit(p):
            p.dropped_by = "captions"
    live = _live(paragraphs)
    for i, p in enumerate(live[:6]):
        if _LONE_DATELINE.match(p.raw):
            for before in live[:i]:
                before.dropped_by = "captions"
            break


_UPDATED = re.compile(
    r"^\s*(?:Updated|Last updated|UPDATED)\b.{0,60}$"
    r"|^\s*This (?:story|article|report) (?:has been|was) updated\b",
)


def update_footers(paragraphs: list[Paragraph], headline: str) -> None:
    """Drop update notes ("Updated 1:28 p.m.", "This story has been updated …")."""
    for p in _live(paragraphs):
        if _UPDATED.match(p.raw) and _words(p.raw) <= 25:
            p.dropped_by = "update_footers"


def duplicate_paragraphs(paragraphs: list[Paragraph], headline: str) -> None:
    """Drop a paragraph that repeats an earlier one (caption shown twice, pasted twice)."""
    seen: set[str] = set()
    for p in paragraphs:
        key = _norm(p.text if not p.dropped_by else p.raw)
        if p.kept and key in seen and _words(key) >= 5:
            p.dropped_by = "duplicate_paragraphs"
        seen.add(key)


def widget_residue(paragraphs: list[Paragraph], headline: str) -> None:
    """Drop trailing scraps of page widgets: short unpunctuated lines after the last sentence."""
    for p in reversed(_live(paragraphs)):
        if _words(p.text) <= 3 and not _SENTENCE_END.search(p.text):
            p.dropped_by = "widget_residue"
        else:
            break


Rule = Callable[[list[Paragraph], str], None]

#: The rules in the order they run. Inline rules first (they see raw lines), then whole-line rules.
RULES: dict[str, Rule] = {
    "hover_cards": hover_cards,
    "headline_line": headline_line,
    "read_more_links": read_more_links,
    "captions": captions,
    "datelines": datelines,
    "credit_lines": credit_lines,
    "update_footers": update_footers,
    "duplicate_paragraphs": duplicate_paragraphs,
    "widget_residue": widget_residue,
}


def clean(raw: str, headline: str = "", rules: dict[str, Rule] | None = None) -> Cleaned:
    """Run the cleaning rules over one article's raw text."""
    paragraphs = [Paragraph(line) for line in raw.replace("\r\n", "\n").split("\n") if line.strip()]
    for rule in (RULES if rules is None else rules).values():
        rule(paragraphs, headline)
    return Cleaned(paragraphs)
