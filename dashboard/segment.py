"""Sentence splitting and word counting for news English.

A rule-based splitter is enough for edited news copy and keeps the install small (no model
download). It knows the abbreviations that end in a period inside news sentences ("U.S.",
"Mo.", "p.m.") and never splits after an ellipsis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")

# A sentence ends at . ! or ? (optionally followed by closing quotes/brackets), then space, then
# an opening quote, bracket, capital letter or digit. The match starts with the end mark (a
# literal first character lets the regex engine skip ahead fast); the boundary is one past it.
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col",
    "st", "jr", "sr", "mo", "no", "inc", "co", "corp", "p.m", "a.m", "jan", "feb", "aug", "sept",
    "oct", "nov", "dec", "vs", "prof", "sgt", "capt", "adm", "d.c", "pres",
}


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article's cleaned text; ``start``/``end`` index into that text."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


def count_words(text: str) -> int:
    """How many :data:`WORD` matches the text holds. A match never spans whitespace, so this counts
    per whitespace token, without the regex for the usual token ("word", "word," or "“word")."""
    n = 0
    for token in text.split():
        if token.isalnum() or token[:-1].isalnum() or token[1:].isalnum():
            n += 1
        else:
            n += len(WORD.findall(token))
    return n


def _is_false_boundary(text: str, cut: int) -> bool:
    """Whether the end mark just before ``cut`` ends no sentence (an abbreviation, an initial, "..")."""
    if text.endswith("..", 0, cut):  # ellipsis written as dots
        return True
    start = text.rfind(" ", 0, cut) + 1  # the start of the token before the cut
    if not text[start:cut].isprintable():  # perhaps other white space than " " in it: look for it
        start = cut
        while start and not text[start - 1].isspace():
            start -= 1
    token = text[start:cut].lstrip("\"“‘'([").rstrip(".").casefold()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) character spans of the sentences in one paragraph."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        if _is_false_boundary(paragraph, m.start() + 1):
            continue
        # closing quotes/brackets belong to the sentence they close
        gap = m.group(0)[1:]
        end = m.start() + 1 + len(gap) - len(gap.lstrip("\"”’')]"))
        if paragraph[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return spans


def segment(paragraphs: list[str]) -> tuple[str, list[Sentence]]:
    """Join paragraphs into one text and return it with its sentences and their offsets."""
    sentences: list[Sentence] = []
    offset = 0
    for p_index, paragraph in enumerate(paragraphs):
        for start, end in split_sentences(paragraph):
            sentences.append(
                Sentence(len(sentences), p_index, offset + start, offset + end, paragraph[start:end])
            )
        offset += len(paragraph) + 2
    return "\n\n".join(paragraphs), sentences
