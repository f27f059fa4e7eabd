"""Who is quoted: direct quotes and reported speech, attributed to lexicon actors.

Direct quotes are found by scanning quote marks (straight and curly, mixed, spanning paragraphs
when the next paragraph reopens the quote, unbalanced marks closed at the paragraph end).
A quote is attributed from the words around it: a reporting verb after it (", Biden said") or
before it ("Biden said: …"); a pronoun ("he said") goes to the last named person who spoke, and a
quote with no attribution that continues an attributed one in the same paragraph inherits its
speaker. Reported speech is a sentence without quotes whose named person is followed by a
reporting verb ("Sullivan also said the U.S. would…"), or "according to X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from dashboard.analysis.coverage import similar_pairs, union_find
from dashboard.corpus import Article, Corpus
from dashboard.lexicons import Lexicon, Match

VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "stressed", "warned", "warns", "claimed", "claims",
    "insisted", "emphasized", "emphasised", "reiterated", "described", "concluded", "asserted", "asserts", "replied",
    "noted", "mentioned", "urged", "announced", "explained", "acknowledged", "argued", "confirmed", "declared",
    "suggested", "accused", "wrote", "tweeted", "stated",
)
_VERB = r"(?:(?:has|had|also|further|then|later)\s+)*(?P<verb>" + "|".join(VERBS) + r")\b"
_PRONOUN = re.compile(r"^\s*[,.]?\s*(?P<pronoun>he|she)\s+" + _VERB, re.I)
_OPEN, _CLOSE = "“\"", "”\""
MIN_QUOTE_WORDS = 2
QUOTE_COLUMNS = ["outlet", "article", "sentence", "paragraph", "speaker", "verb", "text", "direct", "words", "start", "end"]


@dataclass
class _Quote:
    start: int  # offset of the first quoted character in clean_text
    end: int  # offset after the last quoted character
    paragraph: int
    speaker: str | None = None
    verb: str | None = None


def _paragraph_spans(article: Article) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for p in article.paragraphs:
        spans.append((offset, offset + len(p)))
        offset += len(p) + 2
    return spans


def _opens(text: str, pos: int) -> bool:
    ch = text[pos]
    return ch == "“" or (ch == '"' and (pos == 0 or not text[pos - 1].isalnum()))


def find_quotes(article: Article) -> list[_Quote]:
    """Quoted spans in an article's clean text; never raises on odd or unbalanced marks.

    A quote still open at a paragraph's end continues when the next paragraph starts with an
    opening mark (the news convention for multi-paragraph quotes); otherwise it ends there.
    """
    text = article.clean_text
    quotes: list[_Quote] = []
    open_at: int | None = None
    open_paragraph = 0
    previous_end = 0
    for index, (p_start, p_end) in enumerate(_paragraph_spans(article)):
        first = p_start
        if open_at is not None:
            if text[p_start:p_start + 1] in _OPEN:
                first = p_start + 1  # reopened: the same quote goes on
            else:
                quotes.append(_Quote(open_at, previous_end, open_paragraph))
                open_at = None
        for pos in range(first, p_end):
            if open_at is None and _opens(text, pos):
                open_at, open_paragraph = pos + 1, index
            elif open_at is not None and text[pos] in _CLOSE:
                quotes.append(_Quote(open_at, pos, open_paragraph))
                open_at = None
        previous_end = p_end
    if open_at is not None:
        quotes.append(_Quote(open_at, previous_end, open_paragraph))
    return [q for q in quotes if len(text[q.start:q.end].split()) >= MIN_QUOTE_WORDS]


def quote_text(article: Article, q: _Quote) -> str:
    """The quoted words, with paragraph breaks and reopening marks of a long quote folded."""
    return " ".join(article.clean_text[q.start:q.end].replace("\n\n“", " ").replace('\n\n"', " ").split())


def _persons(lexicon: Lexicon, text: str) -> list[Match]:
    kinds = {a.id: a.kind for a in lexicon.actors}
    return [m for m in lexicon.find_actors(text) if kinds.get(m.key) == "person"]


def _sentence_bounds(article: Article, offset: int) -> tuple[int, int, int]:
    """Index, start and end of the sentence containing (or last starting before) ``offset``."""
    current = article.sentences[0]
    for s in article.sentences:
        if s.start > offset:
            break
        current = s
    return current.index, current.start, current.end


def _attribute(article: Article, q: _Quote, lexicon: Lexicon, last_speaker: str | None) -> None:
    """Fill ``speaker``/``verb`` of a quote from the words after, then before, it."""
    text = article.clean_text
    _, _, after_end = _sentence_bounds(article, max(q.end - 1, q.start))
    after = text[q.end + 1:max(after_end, q.end + 1)]
    after = after.split("“")[0].split('"')[0]  # stop at the next quote
    if m := _PRONOUN.match(after):
        q.speaker, q.verb = last_speaker, m.group("verb").lower()
        return
    verb = re.search(_VERB, after, re.I)
    if verb:
        people = _persons(lexicon, after[:verb.start()]) or _persons(lexicon, after[verb.end():verb.end() + 60])
        if people:
            q.speaker, q.verb = people[-1].key, verb.group("verb").lower()
            return
    _, s_start, _ = _sentence_bounds(article, q.start)
    before = text[s_start:max(q.start - 1, s_start)]
    people = _persons(lexicon, before)
    verbs = list(re.finditer(_VERB, before, re.I))
    verb = verbs[-1].group("verb").lower() if verbs else None
    # prefer the person who is the subject of a reporting verb ("Biden said he warned Putin …")
    speaking = [p for p in people if re.match(r"\s*(?:,[^,]{0,60},\s*)?" + _VERB, before[p.end:], re.I)]
    if speaking or people:
        q.speaker, q.verb = (speaking or people)[-1].key, verb
    elif re.search(r"\b(he|she)\b", before, re.I) and last_speaker:
        q.speaker, q.verb = last_speaker, verb


_REPORTED = re.compile(r"^(?P<pre>.{0,80}?)" + _VERB + r"(?:\s+that)?\s+", re.I)
_ACCORDING = re.compile(r"\baccording to (?:the )?(?P<who>[^,.]+)", re.I)


def _reported(article: Article, lexicon: Lexicon) -> list[tuple[int, str, str]]:
    """(sentence, speaker, verb) for each sentence that reports speech (quoted sentences included:
    they still tell who spoke last)."""
    found = []
    for s in article.sentences:
        if (m := _REPORTED.match(s.text)) and (people := _persons(lexicon, m.group("pre"))):
            found.append((s.index, people[-1].key, m.group("verb").lower()))
        elif (m := _ACCORDING.search(s.text)) and (people := _persons(lexicon, m.group("who"))):
            found.append((s.index, people[-1].key, "according to"))
    return found


def quote_table(corpus: Corpus, lexicon: Lexicon) -> pd.DataFrame:
    """Every direct quote and reported-speech sentence, one row each, with its speaker."""
    rows = []
    for article in corpus.articles:
        if not article.sentences:
            continue
        quotes = find_quotes(article)
        reported = {s: (who, verb) for s, who, verb in _reported(article, lexicon)}
        last_speaker: str | None = None
        previous: _Quote | None = None
        events: list[tuple[int, object]] = [(q.start, q) for q in quotes]
        events += [(article.sentences[s].start, (s, who, verb)) for s, (who, verb) in reported.items()]
        quoted_sentences = {_sentence_bounds(article, q.start)[0] for q in quotes}
        for _, event in sorted(events, key=lambda e: e[0]):
            if isinstance(event, tuple):
                s, who, verb = event
                last_speaker = who
                if s not in quoted_sentences:
                    sent = article.sentences[s]
                    rows.append((article.outlet, article.id, s, sent.paragraph, who, verb, sent.text, False,
                                 len(sent.text.split()), sent.start, sent.end))
                continue
            q = event
            _attribute(article, q, lexicon, last_speaker)
            if q.speaker is None and previous is not None and previous.paragraph >= q.paragraph - 1:
                q.speaker, q.verb = previous.speaker, previous.verb  # continuation of the same speaker
            if q.speaker:
                last_speaker = q.speaker
            previous = q
            quoted = quote_text(article, q)
            rows.append((article.outlet, article.id, _sentence_bounds(article, q.start)[0], q.paragraph, q.speaker,
                         q.verb, quoted, True, len(quoted.split()), q.start, q.end))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def voice_table(quotes: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """Per outlet × speaker: quotes, quoted words and share of voice (of the outlet's quoted words)."""
    direct = quotes[quotes["direct"]].fillna({"speaker": "unattributed"})
    if direct.empty:
        return pd.DataFrame(columns=["outlet", "speaker", "quotes", "words", "share_of_voice", "reported", "label"])
    table = direct.groupby(["outlet", "speaker"], sort=False).agg(quotes=("text", "size"), words=("words", "sum")).reset_index()
    table["share_of_voice"] = table["words"] / table.groupby("outlet")["words"].transform("sum")
    reported = quotes[~quotes["direct"]].groupby(["outlet", "speaker"]).size().rename("reported")
    table = table.join(reported, on=["outlet", "speaker"]).fillna({"reported": 0})
    table["reported"] = table["reported"].astype(int)
    labels = {a.id: a.label for a in lexicon.actors}
    table["label"] = table["speaker"].map(labels).fillna(table["speaker"])
    return table.sort_values(["outlet", "words"], ascending=[True, False], ignore_index=True)


def verb_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Reporting verbs each outlet used, with counts."""
    used = quotes.dropna(subset=["verb"])
    return used.groupby(["outlet", "verb"]).size().rename("uses").reset_index().sort_values(
        ["outlet", "uses"], ascending=[True, False], ignore_index=True)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’]+", text.lower().replace("’", "'"))


def _agreement(a: list[str], b: list[str]) -> int:
    """How well wording ``a`` is backed by ``b``: words matched minus 3 × words of ``a`` that ``b``
    contradicts where the two overlap (so full, majority wordings beat fragments and outliers)."""
    blocks = [blk for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if blk.size]
    if not blocks:
        return 0
    matched = sum(blk.size for blk in blocks)
    interior = (blocks[-1].a + blocks[-1].size - blocks[0].a) - matched
    return matched - 3 * interior


def _tokens(text: str) -> list[str]:
    """Display words of a quote, without pure punctuation ("…")."""
    return [t for t in text.split() if _words(t)]


def word_diff(reference: str, variant: str) -> list[tuple[str, str, str]]:
    """Word-by-word differences of ``variant`` against ``reference`` as (op, reference words, variant words).

    ``op`` is equal, replace, insert or delete, or ``extra`` for the variant's words beyond the
    reference's ends. Words compare without case and punctuation; reference words outside what
    the variant quoted (a partial quote) are left out, so only wording differences show.
    """
    ref, var = _tokens(reference), _tokens(variant)

    def keys(tokens: list[str]) -> list[str]:
        return [" ".join(_words(t)) for t in tokens]

    ops = SequenceMatcher(None, keys(ref), keys(var), autojunk=False).get_opcodes()
    while ops and ops[0][0] == "delete":
        ops = ops[1:]
    while ops and ops[-1][0] == "delete":
        ops = ops[:-1]
    out = [(op, " ".join(ref[i1:i2]), " ".join(var[j1:j2])) for op, i1, i2, j1, j2 in ops]
    for edge in (0, -1):
        if out and out[edge][0] == "insert":
            out[edge] = ("extra", "", out[edge][2])
    return out


MAX_JUDGES = 50


def quote_groups(quotes: pd.DataFrame, outlets: list[str], *, min_words: int = 4, cutoff: int = 80) -> pd.DataFrame:
    """The same remark quoted by several outlets: one row per group with each outlet's variant.

    Quotes are grouped by rapidfuzz token-set similarity (a partial quote of a longer one still
    groups). The reference wording is the variant with the fewest words the others disagree
    with; every other variant carries its word diff against it.
    """
    direct = quotes[quotes["direct"] & (quotes["words"] >= min_words)].reset_index(drop=True)
    if len(direct) < 2:
        return pd.DataFrame(columns=["group", "speaker", "outlets", "reference", "variants"])
    norm = [" ".join(_words(t)) for t in direct["text"]]
    same_outlet = direct["outlet"].to_numpy()
    pairs = [(a, b) for a, b in similar_pairs(norm, fuzz.token_set_ratio, cutoff) if same_outlet[a] != same_outlet[b]]
    labels = union_find(len(direct), pairs)
    rows = []
    for label in dict.fromkeys(labels):
        members = direct[labels == label]
        if members["outlet"].nunique() < 2:
            continue
        texts = [_words(t) for t in members["text"]]
        judges = texts[:MAX_JUDGES]  # the reference is chosen against at most this many wordings: pairwise cost
        backing = [sum(_agreement(t, o) for o in judges if o is not t) for t in texts]
        ref = members.iloc[int(np.lexsort(([-len(t) for t in texts], [-b for b in backing]))[0])]
        variants = [
            {"outlet": r.outlet, "text": r.text, "speaker": r.speaker,
             "diff": [] if r.Index == ref.name else word_diff(ref.text, r.text)}
            for r in members.itertuples()
        ]
        order = {o: i for i, o in enumerate(outlets)}
        variants.sort(key=lambda v: order.get(v["outlet"], len(order)))
        rows.append((members["speaker"].mode().iloc[0] if members["speaker"].notna().any() else None,
                     [o for o in outlets if o in set(members["outlet"])], ref.outlet, variants))
    frame = pd.DataFrame(rows, columns=["speaker", "outlets", "reference", "variants"])
    frame = frame.sort_values("outlets", key=lambda s: -s.str.len(), kind="stable", ignore_index=True)
    frame.insert(0, "group", range(len(frame)))
    return frame
