"""The hand-labelled evaluation set of real news pages: labels (committed) joined with page text (not).

The page text is third-party and stays under the git-ignored ``data/eval/pages/`` (``<id>.txt``
plus ``index.jsonl`` with url, outlet, story and headline); ``benchmarks/labels/pages.jsonl``
holds one record per article with a label per non-blank line and the quotes with their speakers.
A missing page is a clear error, not a silent skip: a score on part of the set is a different score.
"""

from __future__ import annotations

import json
from pathlib import Path


def load(labels: Path, pages: Path) -> list[dict]:
    """Label records, each with its page's ``text`` and ``headline`` added."""
    if not labels.is_file():
        raise SystemExit(f"{labels}: no labels file")
    index = pages / "index.jsonl"
    if not index.is_file():
        raise SystemExit(f"{pages}: no index.jsonl; the evaluation pages are not on this machine (see "
                         "benchmarks/labels/README.md)")
    headlines = {r["id"]: r.get("headline", "") for r in map(json.loads, index.read_text(encoding="utf-8").splitlines())}
    records = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        page = pages / f"{record['id']}.txt"
        if not page.is_file():
            raise SystemExit(f"{page}: missing page for labelled article {record['id']}")
        records.append({**record, "text": page.read_text(encoding="utf-8"), "headline": headlines.get(record["id"], "")})
    return records
