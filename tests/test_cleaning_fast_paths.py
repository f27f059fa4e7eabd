"""The quick tests that spare cleaning and sentence splitting their costly regexes decide exactly as
the plain regexes do: each is checked against the plain form on lines built from tricky pieces
(letters that case-fold oddly, other white space, credits, dates, ellipses)."""

import random
import re

import pytest

from dashboard import cleaning, segment
from dashboard.cleaning import Paragraph

PIECES = [
    "Photo", "(AP Photo/Jo Smith)", "via Getty Images", "Getty Images", "ſee", "İmage:", "ımage", "\u212aelvin",
    "VİA Reuters", "pic.twitter.com/x1", "— Jo Smith (@josmith) May 1, 2020", ")", ".", "..", "...", "…", " ", "\u00a0",
    "\t", "word", "Gallery", "—", "(@x)", "2021", "Reuters", "/", "Credit:", "by", "Image source: Jo", "file photo",
    "(File)", "© Jo Smith, AFP", "REUTERS/Jo Smith/Files", "- Credit: Wire", "Pics :", "new video loaded:",
    "Representational Image", "AP/x", "Now Playing", "Mr.", "U.S.", "said.", "“Yes.”", "'No!'", "(Then.)", "A", "b.",
    "9", "x?", "”", "a.m.", "[x].", "_", "a_b", "it’s", "co-op", "3.5", "²", "ago.", "ago", "4 days", "Updated:",
    "3:14", "PM", "ET", "Tue", "August", "10,", "2021-08-10", "12:30", "Read more on", "here", "privacy policy",
    "ALL RIGHTS RESERVED", "Join the conversation", "ß", "Σ", "[ JO SMITH | Wire ]", "(Jo Smith / Ledger Media)",
    "CreditCredit", "Credit…", "discredit...", "]",
]
# Credits the quick test must also let through: a bracketed credit word, a credit word before the caption, a
# credit through an agency cut off.
CREDIT_PIECES = PIECES + ["[Courtesy]", "(Video: Jo Smith)", "SUPPLIED/LEDGER", "Uncredited -", "Handout:",
                          "ſupplied/X", "via LEDG", "Instagram/@jo_smith", "(Getty)", "(Sou", "(G", "(Ph:"]


def _lines(n: int, seed: int, most: int = 8, pieces: list[str] = PIECES) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(1, most)))
            for _ in range(n)]


def test_the_credit_quick_test_never_skips_a_credited_line():
    for line in _lines(1500, 1) + _lines(1500, 6, pieces=CREDIT_PIECES):
        p = Paragraph(line)
        assert cleaning._is_credited(p) == bool(cleaning._CREDITED.search(p.text)), line


def test_lower_case_phrases_on_the_lowered_line_match_as_a_case_blind_search():
    phrase = re.compile(r"\bread (?:more|the full [\w ]{0,60}|more (?:on|about) [\w ]{0,60}) here\W*$"
                        r"|all rights reserved|join the (?:conversation|discussion)|privacy policy|\bimage\b|kelvin|see")
    blind = re.compile(phrase.pattern, re.I)
    for line in _lines(1500, 2):
        p = Paragraph(line)
        assert len(p.low) == len(p.text)
        assert bool(phrase.search(p.low)) == bool(blind.search(p.text)), line


def _plain_is_timestamp(text: str) -> bool:  # the rule without its quick tests
    tokens = [t.rstrip(".") if not t[0].isdigit() else t for t in cleaning._TOKEN.findall(text.casefold())]
    if not tokens or len(tokens) > 16:
        return False
    dated = any(t in cleaning._MONTHS or t in cleaning._WEEKDAYS for t in tokens) and any(t.isdigit() for t in tokens)
    timed = any(t.isdigit() for t in tokens) and any(t in cleaning._TIME_WORDS for t in tokens) or "ago" in tokens
    numeric = bool(re.fullmatch(r"\W*(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[T ,]+\d{1,2}:\d{2}(?::\d{2})?\w*)?"
                                r"|\d{1,2}:\d{2}(?::\d{2})?)\W*", text))
    other = [t for t in tokens if not (t.isdigit() or t in cleaning._TIME_WORDS or t in cleaning._MONTHS
                                       or t in cleaning._WEEKDAYS)]
    return numeric or ((dated or timed) and len(other) <= (2 if dated else 0))


def test_the_time_stamp_quick_tests_decide_as_the_rule_does():
    lines = _lines(1500, 3, most=24) + ["4 days ago", "ago.", "Updated: 3:14 PM ET, Tue August 10, 2021", "² ² ²"]
    assert any(_plain_is_timestamp(line) for line in lines)
    for line in lines:
        assert cleaning._is_timestamp(line) == _plain_is_timestamp(line), line


@pytest.mark.parametrize("seed", [4, 5])
def test_sentence_ends_words_and_splits_match_the_plain_regexes(seed):
    end = re.compile(r"[.!?…\"”’')\]]\s*$")
    boundary = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
    for line in _lines(1200, seed, most=14):
        assert cleaning._ends_sentence(line) == bool(end.search(line)), line
        assert segment.count_words(line) == len(segment.WORD.findall(line)), line
        starts = [m.start() for m in boundary.finditer(line)]
        assert [m.start() + 1 for m in segment._BOUNDARY.finditer(line)] == starts, line
        for cut in starts:
            assert segment._is_false_boundary(line, cut) == _plain_false_boundary(line, cut), line


def _plain_false_boundary(text: str, cut: int) -> bool:  # the test without its scan for the last token
    before = text[:cut].rstrip()
    if before.endswith(".."):
        return True
    token = before.rsplit(None, 1)[-1] if before.split() else ""
    token = token.lstrip("\"“‘'([").rstrip(".").casefold()
    return token in segment._ABBREVIATIONS or (len(token) == 1 and token.isalpha())
