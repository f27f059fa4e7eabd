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
# an opening quote, bracket, capital letter or digit.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
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
    return len(WORD.findall(text))


def _is_false_boundary(text: str, cut: int) -> bool:
    before = text[:cut].rstrip()
    if before.endswith(".."):  # ellipsis written as dots
        return True
    token = before.rsplit(None, 1)[-1] if before.split() else ""
    token = token.lstrip("\"“‘'([").rstrip(".").casefold()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) character spans of the sentences in one paragraph."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        if _is_false_boundary(paragraph, m.start()):
            continue
        # closing quotes/brackets belong to the sentence they close
        end = m.start() + len(m.group(0)) - len(m.group(0).lstrip("\"”’')]"))
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
