"""Per-article work in chunks, on both cores: clean, split, tokenise and match every article.

This is where a large corpus spends its time. Chunks run in the worker pool
(:mod:`dashboard.workers`), which inherits the rows, the learned boilerplate and the lexicon,
and send back columns (integer arrays plus a chunk vocabulary), so the parent holds no Python
object per sentence, token or match.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from dashboard.analysis.quotes import article_quotes
from dashboard.analysis.terms import Tokens
from dashboard.corpus import Article, article_from_clean, make_article
from dashboard.lexicons import Lexicon
from dashboard.scanner import Scanner
from dashboard.stopwords import stop_words
from dashboard.workers import SHARED, Progress, run

SENTENCE_COLUMNS = ("article", "sentence", "paragraph", "start", "end")
MATCH_COLUMNS = ("kind", "key", "article", "sentence", "paragraph", "start", "end", "text", "role")
KINDS = ("actor", "topic")

@dataclass
class Matches:
    """Lexicon matches as columns; ``key`` and ``text`` are codes into ``keys`` and ``texts``."""

    columns: dict[str, array] = field(default_factory=lambda: {c: array("i") for c in MATCH_COLUMNS})
    keys: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    headlines: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, key, article)
    quotes: list[tuple] = field(default_factory=list)  # rows of the quote table (quotes need the lexicon's names)
    n_articles: int = 0
    _key_codes: dict[str, int] = field(default_factory=dict, repr=False)
    _text_codes: dict[str, int] = field(default_factory=dict, repr=False)

    @staticmethod
    def _code(table: list[str], codes: dict[str, int], value: str) -> int:
        c = codes.get(value)
        if c is None:
            c = codes[value] = len(table)
            table.append(value)
        return c

    def add_article(self, scanner: Scanner, article: int, text: str, sentences: Sequence[tuple[int, int, int]],
                    headline: str) -> None:
        """Matches of one article's cleaned text, each placed in its sentence (start, end, paragraph).

        Matches are found in the whole text and placed by offset; one that runs past its
        sentence's end (a phrase across a sentence break) is not a match.
        """
        self.n_articles += 1
        starts = [s[0] for s in sentences]
        kinds, keys, articles, numbers, paragraphs, begins, ends, texts, roles = self.columns.values()
        code, key_table, text_table = self._code, self.keys, self.texts
        key_codes, text_codes = self._key_codes, self._text_codes
        for kind, key, start, end, found, role in scanner.scan(text):
            i = bisect_right(starts, start) - 1
            if i < 0 or end > sentences[i][1]:
                continue
            kinds.append(kind == "topic")
            keys.append(code(key_table, key_codes, key))
            articles.append(article)
            numbers.append(i)
            paragraphs.append(sentences[i][2])
            begins.append(start)
            ends.append(end)
            texts.append(code(text_table, text_codes, found))
            roles.append(role)
        self.headlines += list(dict.fromkeys((kind, key, article) for kind, key, *_ in scanner.scan(headline)))

    def add_quotes(self, article: Article, lexicon: Lexicon) -> None:
        self.quotes += article_quotes(article, lexicon)


@dataclass
class Chunk:
    """What one chunk of articles contributes to the analysis (texts as Arrow arrays: compact to
    send back, and they become DataFrame columns without a copy)."""

    articles: list[tuple]  # (id, outlet, headline, published, url, words, sentences, removed)
    clean_texts: pa.Array
    sentences: dict[str, array]
    sentence_texts: pa.Array
    tokens: Tokens
    matches: Matches | None


def _process(bounds: tuple[int, int]) -> Chunk:
    """Clean, split, tokenise and (with a lexicon) match rows ``bounds`` of the shared rows."""
    rows, scanner, learned, lexicon = SHARED["rows"], SHARED.get("scanner"), SHARED["boilerplate"], SHARED.get("lexicon")
    articles, clean_texts, sentence_texts, tokens = [], [], [], Tokens()
    sentences = {c: array("i") for c in SENTENCE_COLUMNS}
    columns = list(sentences.values())
    matches = Matches() if scanner else None
    for local, row in enumerate(rows[bounds[0]:bounds[1]]):
        a = make_article(**row, boilerplate=learned.get(row["outlet"]))
        articles.append((a.id, a.outlet, a.headline, a.published, a.url, a.words, len(a.sentences), len(a.removed)))
        clean_texts.append(a.clean_text)
        for s in a.sentences:
            for column, value in zip(columns, (local, s.index, s.paragraph, s.start, s.end)):
                column.append(value)
            sentence_texts.append(s.text)
            tokens.add(s.text)
        if matches is not None:
            matches.add_article(scanner, local, a.clean_text, [(s.start, s.end, s.paragraph) for s in a.sentences],
                                a.headline)
            matches.add_quotes(a, lexicon)
    return Chunk(articles, pa.array(clean_texts, pa.large_string()), sentences,
                 pa.array(sentence_texts, pa.large_string()), tokens, matches)


def _scan(bounds: tuple[int, int]) -> Matches:
    """Match the lexicon and find quotes in articles ``bounds`` of the shared cleaned texts."""
    texts, fields, spans, scanner, lexicon = (SHARED[k] for k in ("texts", "fields", "spans", "scanner", "lexicon"))
    matches = Matches()
    for local, i in enumerate(range(*bounds)):
        article = article_from_clean(**fields[i], clean_text=texts[i], spans=spans[i])
        matches.add_article(scanner, local, texts[i], spans[i], article.headline)
        matches.add_quotes(article, lexicon)
    return matches


def process_rows(rows: list[dict[str, str]], boilerplate: dict[str, dict[int, int]], lexicon: Lexicon | None = None,
                 *, progress: Progress = None) -> list[Chunk]:
    """Every article of ``rows`` cleaned (with each outlet's learned ``boilerplate``), split,
    tokenised and (with ``lexicon``) matched."""
    stop_words()  # imported before forking: a forked worker must not import (another thread may hold the lock)
    shared = {"rows": rows, "boilerplate": boilerplate, "scanner": Scanner(lexicon) if lexicon else None,
              "lexicon": lexicon}
    return run(_process, len(rows), shared, progress)


def scan_texts(texts: Sequence[str], fields: Sequence[dict[str, str]], spans: Sequence[list[tuple[int, int, int]]],
               lexicon: Lexicon, *, progress: Progress = None) -> list[Matches]:
    """The lexicon's matches and the quotes in already-cleaned texts (a new lexicon on an analysed
    corpus: nothing is cleaned again). ``fields``: each article's id, outlet, headline."""
    shared = {"texts": texts, "fields": fields, "spans": spans, "scanner": Scanner(lexicon), "lexicon": lexicon}
    return run(_scan, len(texts), shared, progress)
