"""Turn files into :class:`Article` records: load, validate, clean, segment.

Two source shapes are accepted:

* a folder holding ``manifest.csv`` (file, outlet, headline, published, url) and one .txt file
  per article (the seed format);
* a single ``.csv`` or ``.jsonl`` file with columns ``outlet`` and ``text`` (required) and
  ``headline``, ``published``, ``url`` (optional).

Problems are raised as :class:`CorpusError` with a message meant for the analyst.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from dashboard import boilerplate
from dashboard.cleaning import Cleaned, Removal, clean
from dashboard.importing import OPTIONAL, REQUIRED, Options, build_preview
from dashboard.segment import Sentence, count_words, segment


class CorpusError(ValueError):
    """A source that cannot be loaded; the message says what to fix."""


@dataclass(frozen=True)
class Article:
    """One report, raw and cleaned. Sentence offsets index into ``clean_text``."""

    id: str
    outlet: str
    headline: str
    published: str
    url: str
    raw_text: str
    cleaned: Cleaned
    clean_text: str
    paragraphs: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    words: int

    @property
    def removed(self) -> list[Removal]:
        return self.cleaned.removed


class Corpus:
    """Articles plus where they came from.

    A corpus read from a table or the store keeps its raw rows and cleans an article only when
    asked for it (:meth:`article`) or for all of them (:attr:`articles`): the analysis of a large
    corpus works from the rows in worker processes and never holds every :class:`Article`.
    """

    def __init__(self, source: str, articles: tuple[Article, ...] = (), *, rows: list[dict[str, str]] | None = None):
        self.source = source
        self._rows = rows
        if rows is None:
            self.__dict__["articles"] = tuple(articles)

    @cached_property
    def articles(self) -> tuple[Article, ...]:
        return tuple(make_article(**row, boilerplate=self.boilerplate.get(row["outlet"])) for row in self._rows)

    @cached_property
    def boilerplate(self) -> dict[str, dict[int, int]]:
        """Per outlet, the lines learned as its furniture (the analysis sets this from its own
        parallel pass; a corpus that was never analysed learns it here, once)."""
        return boilerplate.learn(self.rows)

    @cached_property
    def rows(self) -> list[dict[str, str]]:
        """Raw rows with the fields of :func:`make_article` (ids assigned, outlets stripped)."""
        if self._rows is not None:
            return self._rows
        return [{"id": a.id, "outlet": a.outlet, "headline": a.headline, "published": a.published, "url": a.url,
                 "text": a.raw_text} for a in self.articles]

    @cached_property
    def outlets(self) -> list[str]:
        """Outlets in first-seen order (the order colours are assigned in); computed once."""
        return list(dict.fromkeys(row["outlet"] for row in self.rows))

    @cached_property
    def _position(self) -> dict[str, int]:
        return {row["id"]: i for i, row in enumerate(self.rows)}

    def article(self, article_id: str) -> Article:
        i = self._position[article_id]
        built = self.__dict__.get("articles")
        row = self.rows[i]
        return built[i] if built is not None else make_article(**row, boilerplate=self.boilerplate.get(row["outlet"]))

    def __len__(self) -> int:
        return len(self.rows)

    def __getstate__(self) -> dict:
        """Pickled without the cleaned articles when it can rebuild them from its rows."""
        state = dict(self.__dict__)
        if self._rows is not None:
            state.pop("articles", None)
        return state


def make_article(
    *, id: str, outlet: str, text: str, headline: str = "", published: str = "", url: str = "",
    boilerplate: dict[int, int] | None = None,
) -> Article:
    """Clean and segment one article's raw text (``boilerplate``: its outlet's learned furniture)."""
    cleaned = clean(text, headline, outlet=outlet.strip(), boilerplate=boilerplate)
    paragraphs = cleaned.kept_paragraphs
    clean_text, sentences = segment(paragraphs)
    return Article(
        id=id,
        outlet=outlet.strip(),
        headline=headline.strip(),
        published=published.strip(),
        url=url.strip(),
        raw_text=text,
        cleaned=cleaned,
        clean_text=clean_text,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        words=count_words(clean_text),
    )


def article_from_clean(*, id: str, outlet: str, headline: str, clean_text: str,
                       spans: list[tuple[int, int, int]]) -> Article:
    """An article rebuilt from its stored cleaned text and sentence spans (start, end, paragraph),
    without cleaning again: what a new lexicon's pass needs to find quotes."""
    sentences = tuple(Sentence(i, p, start, end, clean_text[start:end]) for i, (start, end, p) in enumerate(spans))
    return Article(id=id, outlet=outlet, headline=headline, published="", url="", raw_text="",
                   cleaned=Cleaned([]), clean_text=clean_text, paragraphs=tuple(clean_text.split("\n\n")),
                   sentences=sentences, words=count_words(clean_text))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path.name}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror})") from exc


def normalise_rows(rows: list[dict[str, str]], where: str) -> list[dict[str, str]]:
    """Validate rows and give each the fields of :func:`make_article`; a row's ``id`` is kept,
    otherwise one is derived from its position and text."""
    if not rows:
        raise CorpusError(f"{where}: no articles found")
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        raise CorpusError(f"{where}: missing column(s) {', '.join(missing)}; found {', '.join(rows[0])}")
    out = []
    for n, row in enumerate(rows, start=1):
        text, outlet = (row.get("text") or "").strip(), (row.get("outlet") or "").strip()
        if not text or not outlet:
            raise CorpusError(f"{where}: row {n} has an empty {'text' if not text else 'outlet'}")
        digest = hashlib.sha1(text.encode()).hexdigest()[:12]
        out.append({"id": str(row.get("id") or f"{n:05d}_{digest}"), "outlet": outlet, "text": text,
                    **{k: str(row.get(k) or "").strip() for k in OPTIONAL}})
    return out


def rows_to_articles(rows: list[dict[str, str]], where: str) -> list[Article]:
    """Validate rows and build (clean and segment) their articles."""
    return [make_article(**row) for row in normalise_rows(rows, where)]


def load_folder(folder: Path) -> Corpus:
    """Load a folder with ``manifest.csv`` and one .txt file per article."""
    manifest = folder / "manifest.csv"
    if not manifest.is_file():
        raise CorpusError(f"{folder}: no manifest.csv (columns: file, outlet, headline, published, url)")
    rows = list(csv.DictReader(io.StringIO(_read_text(manifest))))
    if rows and "file" not in rows[0]:
        raise CorpusError(f"{manifest}: missing column file")
    for row in rows:
        row["text"] = _read_text(folder / row["file"])
        row["id"] = Path(row["file"]).stem  # stable across runs and readable in URLs
    return Corpus(str(folder), rows=normalise_rows(rows, str(manifest)))


def load_table(path: Path) -> Corpus:
    """Load a .csv / .jsonl / .json file of articles; any problem that drops an article is an error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror})") from exc
    preview = build_preview([(path.name, data)], Options(max_bytes=len(data)))
    if preview.errors:
        first, more = preview.errors[0], len(preview.errors) - 1
        raise CorpusError(f"{first.where}: {first.message}" + (f" (and {more} more problems)" if more else ""))
    return Corpus(str(path), rows=normalise_rows(preview.rows, path.name))


def load_source(source: str | Path) -> Corpus:
    """Load a folder, .csv or .jsonl source, whichever ``source`` names."""
    path = Path(source)
    if path.is_dir():
        return load_folder(path)
    if path.is_file() and path.suffix.lower() in {".csv", ".jsonl", ".json"}:
        return load_table(path)
    if path.exists():
        raise CorpusError(f"{path}: unsupported source (use a folder with manifest.csv, a .csv, .jsonl or .json)")
    raise CorpusError(f"{path}: no such file or folder")
