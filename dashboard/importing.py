"""Turn whatever an analyst uploads into article rows plus a list of problems, before storing.

Accepted: .txt (one article each), .csv / .jsonl / .json (columns outlet, text; optional
headline, published, url, group), .html, a .zip of these, or pasted text. Nothing here raises on bad
input: every problem becomes a :class:`Problem` with a message that says what to fix, at
``error`` level (that file or row is not imported) or ``warning`` level (imported, but look).
Local .csv and .jsonl files (the command line) are read as a stream, in batches of rows
(:func:`stream_files`), so a file of any size is read in bounded memory.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import hashlib
import io
import itertools
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from dashboard.stopwords import stop_words

REQUIRED = ("outlet", "text")
OPTIONAL = ("headline", "published", "url")
GROUP = "group"  # optional: the outlet's group, saved to the corpus's groups file (dashboard/groups.py)
SYNONYMS = {
    "text": ("body", "content", "article", "full_text", "story", "text_body"),
    "outlet": ("source", "publisher", "publication", "site", "media", "outlet_name", "newspaper"),
    "headline": ("title", "heading"),
    "published": ("date", "pub_date", "publish_date", "published_at", "datetime"),
    "url": ("link", "href", "permalink"),
}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".json"}
STREAMED_SUFFIXES = {".csv", ".jsonl", ".ndjson"}  # read row by row from disk; the rest are read whole
SNIFF_BYTES = 1024 * 1024  # how much of a streamed file decides its encoding
HTML_SUFFIXES = {".html", ".htm"}
MIN_WORDS = 50
MAX_ZIP_BYTES = 500 * 1024 * 1024
_BINARY_MAGIC = {b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
                 b"\x1f\x8b": "a gzip archive", b"PK\x03\x04": "a zip archive", b"\xd0\xcf\x11\xe0": "an Office document"}


@dataclass(frozen=True)
class Problem:
    level: str  # "error": not imported; "warning": imported, worth a look
    where: str  # file name, with line or row where it applies
    message: str


@dataclass
class Preview:
    """What an import would store, and everything wrong with it."""

    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bad_rows: int = 0  # rows skipped for errors inside otherwise usable files
    groups: dict[str, str] = field(default_factory=dict)  # outlet -> group, from a "group" column

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem("error", where, message))

    def warn(self, where: str, message: str) -> None:
        self.problems.append(Problem("warning", where, message))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def content_hash(text: str) -> str:
    """Hash of the text with case and whitespace folded: the duplicate test."""
    return hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()


# --- bytes to text ----------------------------------------------------------------------------

def _encoding(head: bytes, where: str, preview: Preview, *, whole: bool) -> str | None:
    """The encoding of a file from its first bytes (``whole``: all of them), or None, with the error
    noted, if it is not text: BOMs, UTF-8, UTF-16 without BOM, then Windows-1252 with a warning."""
    for magic, kind in _BINARY_MAGIC.items():
        if head.startswith(magic):
            preview.error(where, f"this is {kind}, not text: export the articles as .txt, .csv or .jsonl")
            return None
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head[:4000]
    if sample.count(b"\x00") > len(sample) // 4:  # UTF-16 without a BOM: every other byte is NUL
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    if b"\x00" in sample:
        preview.error(where, "this is a binary file (it contains NUL bytes), not text")
        return None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)  # a cut-off last character is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        head.decode("cp1252")
    except UnicodeDecodeError as exc:
        preview.error(where, f"cannot decode byte 0x{head[exc.start]:02x} at position {exc.start}: "
                             "save the file as UTF-8")
        return None
    preview.warn(where, "not UTF-8: read as Windows-1252 (check accented letters and curly quotes)")
    return "cp1252"


def decode(data: bytes, where: str, preview: Preview) -> str | None:
    """The text of a whole file, or None, with the error noted, if it is empty or not text."""
    if not data.strip():
        preview.error(where, "the file is empty")
        return None
    encoding = _encoding(data, where, preview, whole=True)
    return None if encoding is None else _strict(data, encoding, where, preview)


def _strict(data: bytes, encoding: str, where: str, preview: Preview) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        preview.error(where, f"invalid {encoding.upper().removesuffix('-SIG')} at byte {exc.start}: "
                             "save the file again as UTF-8")
        return None


# --- HTML -----------------------------------------------------------------------------------

_HTML_TAG = re.compile(r"<\s*(html|body|p|div|br|span|article|script|a\s|h[1-6]|!doctype)\b", re.I)


def looks_like_html(text: str) -> bool:
    return len(_HTML_TAG.findall(text[:20000])) >= 2


def html_article(markup: str) -> dict[str, str] | None:
    """Text (one paragraph per line), headline, ISO date and URL of a web page; None if it holds no text.

    trafilatura because a saved news page is mostly furniture (menus, related links, comments, sign-up
    boxes, cookie banners) that a tag stripper keeps and that would pollute every count; it finds the
    article itself and reads title, date and canonical URL from the page's metadata. Offline and
    deterministic: only the markup given is parsed, the cross-page duplicate filter is off, and dates
    come from markup and URL only (no guessing from free text, e.g. a footer's copyright year).
    """
    import trafilatura  # on first use: pages that only read stored articles never load it

    if not re.search(r"<html", markup[:5000], re.I):  # a fragment: trafilatura expects a whole document
        markup = f"<html><body>{markup}</body></html>"
    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, deduplicate=False,
                                      date_extraction_params={"original_date": True, "extensive_search": False})
    lines = (" ".join(line.split()) for line in (doc.text or "").splitlines()) if doc is not None else ()
    text = "\n".join(line for line in lines if line)
    if not text:
        return None
    return {"text": text, "headline": (doc.title or "").strip(), "published": doc.date or "", "url": doc.url or ""}


def _with_html(row: dict, preview: Preview) -> dict | None:
    """``row`` with its HTML text replaced by the page's article; fields the uploader set win over the page's."""
    article = html_article(row["text"])
    if article is None:
        preview.error(row["_where"], "HTML: no article text found in the page (only menus, scripts or other page "
                                     "furniture): save the article page itself, or paste its text")
        return None
    preview.warn(row["_where"], "HTML: main text taken with trafilatura (menus, comments, related links and "
                                "banners dropped); check the preview")
    return {**row, **{k: v for k, v in article.items() if k == "text" or not row.get(k)}}


def _add_text(text: str, outlet: str, where: str, preview: Preview, *, html: bool = False) -> None:
    """One article from a file's or a paste's text, through trafilatura when it is a web page."""
    if html or looks_like_html(text):
        article = _with_html({"outlet": outlet, "text": text, "_where": where}, preview)
    else:
        article = _article_from_text(text, outlet, where)
    if article is not None:
        preview.rows.append(article)


# --- tables ---------------------------------------------------------------------------------

def suggest(missing: str, found: list[str]) -> str | None:
    """A found column that probably means ``missing`` (synonym first, then spelling)."""
    lowered = {c.lower().strip(): c for c in found}
    for synonym in SYNONYMS.get(missing, ()):
        if synonym in lowered:
            return lowered[synonym]
    close = difflib.get_close_matches(missing, list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def _check_columns(columns: list[str], where: str, preview: Preview) -> bool:
    missing = [c for c in REQUIRED if c not in columns]
    for column in missing:
        hint = suggest(column, columns)
        preview.error(where, f"missing column '{column}'" + (f": did you mean '{hint}'? Rename it to '{column}'" if hint
                      else f"; found {', '.join(repr(c) for c in columns) or 'no columns'}"))
    return not missing


def _csv_rows(text: IO[str], where: str, preview: Preview) -> Iterator[tuple[int, dict]]:
    reader = csv.DictReader(text)
    try:
        columns = [c.strip() for c in (reader.fieldnames or [])]
    except csv.Error as exc:
        preview.error(where, f"not a readable CSV ({exc})")
        return
    reader.fieldnames = columns
    if not _check_columns(columns, where, preview):
        return
    try:
        for row in reader:
            line = reader.line_num
            extra = row.pop(None, None) or []
            fields = sum(v is not None for v in row.values()) + len(extra)
            if fields != len(columns):
                preview.error(f"{where}, line {line}", f"has {fields} fields, expected {len(columns)} (a stray comma or quote?)")
                preview.bad_rows += 1
                continue
            yield line, row
    except csv.Error as exc:
        preview.error(f"{where}, line {reader.line_num}", f"malformed CSV: {exc}; the rest of the file was not read")
        preview.bad_rows += 1


def _objects(items: Iterable[tuple[int, object]], where: str, unit: str, preview: Preview) -> Iterator[tuple[int, dict]]:
    """JSON objects as text rows; the first one's keys are checked for the required columns."""
    checked = False
    for n, item in items:
        if not isinstance(item, dict):
            preview.error(f"{where}, {unit} {n}", "is not a JSON object with outlet and text")
            preview.bad_rows += 1
            continue
        if not checked and not _check_columns(list(item), where, preview):
            return
        checked = True
        yield n, {k: "" if v is None else str(v) for k, v in item.items()}


def _jsonl_rows(text: IO[str], where: str, preview: Preview) -> Iterator[tuple[int, dict]]:
    def parsed() -> Iterator[tuple[int, object]]:
        for n, line in enumerate(text, start=1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                preview.error(f"{where}, line {n}", f"not valid JSON ({exc.msg} at column {exc.colno})")
                preview.bad_rows += 1

    return _objects(parsed(), where, "line", preview)


def _json_rows(text: str, where: str, preview: Preview) -> Iterator[tuple[int, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        preview.error(where, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return iter(())
    data = data.get("articles", data) if isinstance(data, dict) else data
    if not isinstance(data, list) or not data:
        preview.error(where, "expected a list of article objects (or {\"articles\": [...]})")
        return iter(())
    return _objects(enumerate(data, start=1), where, "item", preview)


def _table_rows(name: str, raw: IO[bytes], preview: Preview) -> Iterator[dict]:
    """The rows of a .csv / .jsonl / .json file, read as a stream (.json is one document, read whole)."""
    head = raw.read(SNIFF_BYTES)
    raw.seek(0)
    whole = len(head) < SNIFF_BYTES
    if whole and not head.strip():
        preview.error(name, "the file is empty")
        return
    encoding = _encoding(head, name, preview, whole=whole)
    if encoding is None:
        return
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    suffix = PurePosixPath(name).suffix.lower()
    unit = "item" if suffix == ".json" else "line"
    n = 0
    try:
        rows = (_csv_rows(text, name, preview) if suffix == ".csv" else _json_rows(text.read(), name, preview)
                if suffix == ".json" else _jsonl_rows(text, name, preview))
        for n, row in rows:
            row = {k.strip(): v for k, v in row.items() if k}
            row = {**{k: (row.get(k) or "").strip() for k in (*REQUIRED, *OPTIONAL, GROUP)}, "_where": f"{name}, {unit} {n}"}
            if looks_like_html(row["text"]):
                row = _with_html(row, preview)
                if row is None:
                    preview.bad_rows += 1
                    continue
            yield row
    except UnicodeDecodeError:  # the first megabyte read as UTF-8, a later byte does not (decoded 8 KB at a time)
        preview.error(f"{name}, after {unit} {n}", f"not valid {encoding.upper()} within the next few {unit}s: "
                                                   "save the file as UTF-8; the rest of the file was not read")
    finally:
        text.detach()  # the caller closes the file


# --- the public entry points --------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    outlet: str = ""  # outlet for .txt / pasted articles
    filename_pattern: str = ""  # regex with a named group "outlet" matched against .txt file names
    max_bytes: int | None = 50 * 1024 * 1024  # None: no limit (local files on the command line)


def _txt_outlet(name: str, options: Options, where: str, preview: Preview) -> str | None:
    if options.filename_pattern:
        try:
            m = re.search(options.filename_pattern, PurePosixPath(name).name)
        except re.error as exc:
            preview.error(where, f"the file-name pattern is not a valid regular expression ({exc})")
            return None
        if m and m.groupdict().get("outlet"):
            return m.group("outlet").replace("_", " ").strip()
    if options.outlet.strip():
        return options.outlet.strip()
    preview.error(where, "no outlet: type one in the Outlet field, or give a file-name pattern with (?P<outlet>…)")
    return None


def _article_from_text(text: str, outlet: str, where: str) -> dict:
    """A .txt article: the first line is the headline when it reads like one."""
    lines = [line for line in text.splitlines() if line.strip()]
    headline = ""
    if len(lines) > 1 and len(lines[0].split()) <= 20 and not lines[0].rstrip().endswith((".", ",", ";")):
        headline = lines[0].strip()
    return {"outlet": outlet, "text": text, "headline": headline, "published": "", "url": "", "_where": where}


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.1f} KB"


def _too_big(name: str, size: int, options: Options, preview: Preview) -> bool:
    if options.max_bytes is None or size <= options.max_bytes:
        return False
    preview.error(name, f"the file is {_size(size)}, over the {_size(options.max_bytes)} upload limit: "
                        "split it into smaller files")
    return True


def read_file(name: str, data: bytes, options: Options, preview: Preview) -> None:
    """Add the articles of one uploaded file (or zip) to ``preview``."""
    suffix = PurePosixPath(name).suffix.lower()
    if _too_big(name, len(data), options, preview):
        return
    if suffix == ".zip":
        _read_zip(name, data, options, preview)
        return
    if suffix not in TEXT_SUFFIXES | TABLE_SUFFIXES | HTML_SUFFIXES:
        preview.error(name, f"unsupported file type '{suffix or 'none'}': use .txt, .csv, .jsonl, .json, .html or .zip")
        return
    if suffix in TABLE_SUFFIXES:
        preview.rows.extend(_table_rows(name, io.BytesIO(data), preview))
        return
    text = decode(data, name, preview)
    if text is None:
        return
    outlet = _txt_outlet(name, options, name, preview)
    if outlet is None:
        return
    _add_text(text.lstrip("\ufeff"), outlet, name, preview, html=suffix in HTML_SUFFIXES)


def _read_zip(name: str, data: bytes, options: Options, preview: Preview) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir() and not PurePosixPath(m.filename).name.startswith(".")
                   and "__MACOSX" not in m.filename]
    except zipfile.BadZipFile:
        preview.error(name, "not a readable zip archive")
        return
    if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
        preview.error(name, f"the archive unpacks to more than {MAX_ZIP_BYTES // 1024 // 1024} MB: split it")
        return
    if not members:
        preview.error(name, "the zip archive holds no files")
    for member in members:
        if PurePosixPath(member.filename).suffix.lower() == ".zip":
            preview.error(f"{name}/{member.filename}", "zip files inside a zip are not read: unpack it first")
            continue
        read_file(f"{name}/{member.filename}", archive.read(member), options, preview)


def read_paste(text: str, options: Options, preview: Preview) -> None:
    """Pasted text is one article."""
    if not text.strip():
        return
    outlet = _txt_outlet("pasted text", Options(outlet=options.outlet), "pasted text", preview)
    if outlet is not None:
        _add_text(text, outlet, "pasted text", preview)


def _english_share(text: str) -> float:
    """Share of stop words among the first few thousand characters (enough to tell the language)."""
    words = re.findall(r"[a-zA-Z']+", text[:4000].lower())
    stop = stop_words()
    return sum(w in stop for w in words) / max(len(words), 1)


def _checked(rows: Iterable[dict], preview: Preview, seen: set[str]) -> list[dict]:
    """The rows worth storing: not empty, not a duplicate of one in ``seen`` (which they join);
    short and non-English articles are kept with a warning."""
    kept = []
    for row in rows:
        where = row["_where"]
        text, outlet = row["text"].strip(), row["outlet"].strip()
        if not outlet:
            preview.error(where, "empty outlet: every article needs one")
            preview.bad_rows += 1
            continue
        if not text:
            preview.error(where, "empty article text")
            preview.bad_rows += 1
            continue
        group = (row.get(GROUP) or "").strip()
        if group and preview.groups.setdefault(outlet, group) != group:
            preview.warn(where, f"outlet '{outlet}' is in group '{preview.groups[outlet]}' on an earlier row and in "
                                f"'{group}' here: kept '{preview.groups[outlet]}' (fix the group column, or edit the "
                                "groups on the Lexicon page after importing)")
        digest = content_hash(text)
        if digest in seen:
            preview.warn(where, "duplicate of an article already in this import or corpus: skipped")
            continue
        seen.add(digest)
        words = len(text.split())
        if words < MIN_WORDS:
            preview.warn(where, f"very short ({words} words): counts per 1,000 words will be noisy")
        if words >= 20 and _english_share(text) < 0.12:
            preview.warn(where, "does not look like English: the stop-word list and lexicons are English")
        kept.append({**row, "text": text, "outlet": outlet, "hash": digest})
    return kept


def _corpus_checks(preview: Preview, read: int, outlets: set[str]) -> None:
    """After every file: nothing read at all, or only one outlet."""
    if not read and not preview.errors:
        preview.error("upload", "nothing to import: add files or paste an article")
    if len(outlets) == 1:
        preview.warn("corpus", f"only one outlet ({next(iter(outlets))}): the app works, but comparisons need two outlets")


def finish(preview: Preview, existing_hashes: set[str] = frozenset()) -> Preview:
    """Validate the collected rows: empty, duplicate, short and non-English articles; outlet count."""
    read = len(preview.rows)
    preview.rows = _checked(preview.rows, preview, set(existing_hashes))
    _corpus_checks(preview, read, {r["outlet"] for r in preview.rows})
    return preview


def build_preview(files: list[tuple[str, bytes]], options: Options, *, pasted: str = "",
                  existing_hashes: set[str] = frozenset()) -> Preview:
    """Read every uploaded file and pasted text into one validated preview."""
    preview = Preview()
    for name, data in files:
        read_file(name, data, options, preview)
    read_paste(pasted, options, preview)
    return finish(preview, existing_hashes)


def stream_files(paths: list[Path], options: Options, preview: Preview, *, existing_hashes: set[str] = frozenset(),
                 batch_rows: int = 1000, progress: Callable[[int, int], None] | None = None) -> Iterator[list[dict]]:
    """Validated rows of local files, in batches, for imports of any size (the command line).

    .csv and .jsonl files are read row by row, so memory holds one batch, not the file; other
    files are read whole. Problems go to ``preview`` as they are found (the caller may report and
    clear them between batches); ``preview.rows`` stays empty. ``progress(rows, bytes)`` follows
    each batch with the rows kept and the bytes read so far.
    """
    seen, outlets, read, kept, done = set(existing_hashes), set(), 0, 0, 0

    def batch(rows: list[dict], position: int) -> list[dict]:
        nonlocal read, kept
        read += len(rows)
        good = _checked(rows, preview, seen)
        outlets.update(r["outlet"] for r in good)
        kept += len(good)
        if progress:
            progress(kept, position)
        return good

    for path in paths:
        try:
            size = path.stat().st_size
            if _too_big(path.name, size, options, preview):
                continue
            if path.suffix.lower() not in STREAMED_SUFFIXES:
                read_file(path.name, path.read_bytes(), options, preview)
                rows, preview.rows = preview.rows, []
                yield batch(rows, done + size)
            else:
                with path.open("rb") as raw:
                    rows = _table_rows(path.name, raw, preview)
                    while chunk := list(itertools.islice(rows, batch_rows)):
                        yield batch(chunk, done + raw.tell())
        except OSError as exc:
            preview.error(str(path), f"cannot read ({exc.strerror})")
            continue
        done += size
    _corpus_checks(preview, read, outlets)
