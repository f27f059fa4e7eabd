"""The hand-labelled evaluation set of real news pages: labels (committed) joined with page text (not).

The page text is third-party and stays under the git-ignored ``data/eval/pages/`` (``<id>.txt``
plus ``index.jsonl`` with url, outlet, story and headline); ``benchmarks/labels/pages.jsonl``
holds one record per article with a label per non-blank line and the quotes with their speakers.
A missing page is a clear error, not a silent skip: a score on part of the set is a different score.
A page whose lines do not start as its labels say (a page copied again from the search tool, a line
split or joined) is an error too: its labels would be scored against the wrong lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


MISSING = "missing"


def arguments(parser, default: str = "pages") -> None:
    """The set to score, as both evaluation scripts take it."""
    parser.add_argument("--labels", type=Path, default=ROOT / f"benchmarks/labels/{default}.jsonl")
    parser.add_argument("--pages", type=Path, default=ROOT / f"data/eval/{default}")
    parser.add_argument("--present", action="store_true", help="score the labelled pages on this machine, saying how many are missing")


def _checked(labels: Path, pages: Path) -> Iterator[tuple[dict, str | None, str | None]]:
    """Each label record with its page's text and what is wrong with it (:data:`MISSING`, a mismatch, or None)."""
    if not labels.is_file():
        raise SystemExit(f"{labels}: no labels file")
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        page = pages / f"{record['id']}.txt"
        if not page.is_file():
            yield record, None, MISSING
            continue
        text = page.read_text(encoding="utf-8")
        yield record, text, mismatch(record, text)


def load(labels: Path, pages: Path, *, present: bool = False) -> list[dict]:
    """Label records, each with its page's ``text`` and ``headline`` added. ``present``: score the pages
    that are on this machine and say how many are not (a page the search tool no longer returns)."""
    index = pages / "index.jsonl"
    if not index.is_file():
        raise SystemExit(f"{pages}: no index.jsonl; the evaluation pages are not on this machine (see "
                         "benchmarks/labels/README.md)")
    headlines = {r["id"]: r.get("headline", "") for r in map(json.loads, index.read_text(encoding="utf-8").splitlines())}
    records, absent = [], 0
    for record, text, problem in _checked(labels, pages):
        if problem == MISSING and present:
            absent += 1
        elif problem:
            raise SystemExit(f"{pages / record['id']}.txt: {problem}")
        else:
            records.append({**record, "text": text, "headline": headlines.get(record["id"], "")})
    if absent:
        print(f"PART OF THE SET: {len(records)} of {len(records) + absent} labelled pages ({absent} not on this machine)\n")
    return records


def mismatch(record: dict, text: str) -> str | None:
    """Why ``text`` is not the page ``record`` labels (its non-blank lines against each label's ``start``), or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != len(record["lines"]):
        return f"{len(lines)} non-blank lines, {len(record['lines'])} labelled"
    for label, line in zip(record["lines"], lines):
        start = " ".join(label["start"].split())
        if not " ".join(line.split()).startswith(start):
            return f"line {label['n']} starts {line[:40]!r}, labelled {label['start']!r}"
    return None


def main() -> None:
    """``python benchmarks/eval_set.py LABELS PAGES``: which labelled pages are on this machine and match their labels."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("labels", type=Path)
    parser.add_argument("pages", type=Path)
    args = parser.parse_args()
    bad = 0
    for record, _, problem in _checked(args.labels, args.pages):
        bad += problem is not None
        print(f"{record['id']:<45} {problem or 'ok'}")
    print(f"{bad} of the labelled pages missing or not matching their labels")
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
