"""Cleaning against hand-labelled news pages: furniture removed and body paragraphs kept, per rule and class.

The pages (third-party text) live under the git-ignored ``data/eval/pages/``; the labels, one per
non-blank line, are committed in ``benchmarks/labels/pages.jsonl`` (see benchmarks/labels/README.md).
Every article is cleaned the way the app cleans it: the whole set is one corpus, so the
corpus-learned ``repeated_boilerplate`` rule learns from the outlets that have several articles.

    python benchmarks/eval_furniture.py [--labels benchmarks/labels/pages.jsonl] [--pages data/eval/pages] [--errors]

Tables: furniture lines removed per labelled class; what each rule removed (furniture and body);
totals. A labelled line that is removed counts as removed whichever rule removed it; a body line
counts as lost when the rules dropped it or cut all of its text. Headline lines are left out of
both shares (the app analyses the headline apart).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval_set import arguments, load  # noqa: E402

from dashboard.corpus import Corpus, normalise_rows  # noqa: E402


def evaluate(records: list[dict]) -> list[dict]:
    """One row per labelled line: its label and class, and the rule that removed it (None: kept)."""
    rows = normalise_rows([{k: r[k] for k in ("id", "outlet", "headline", "text")} for r in records], "eval")
    corpus = Corpus("eval", rows=rows)
    out = []
    for record, article in zip(records, corpus.articles):
        paragraphs = article.cleaned.paragraphs
        if len(paragraphs) != len(record["lines"]):
            raise SystemExit(f"{record['id']}: {len(paragraphs)} lines in the page, {len(record['lines'])} labelled")
        for label, p in zip(record["lines"], paragraphs):
            rule = p.dropped_by or (p.cuts[0][2] if p.cuts and not p.text else None)
            out.append({"id": record["id"], "outlet": record["outlet"], "n": label["n"], "label": label["label"],
                        "class": label.get("class") or "", "rule": rule, "text": p.raw.strip(),
                        "unsure": bool(label.get("unsure"))})
    return out


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:5.1f}%" if whole else "-"


def report(rows: list[dict], *, errors: bool = False) -> None:
    furniture = [r for r in rows if r["label"] == "furniture"]
    body = [r for r in rows if r["label"] == "body"]
    print(f"{len({r['id'] for r in rows})} articles, {len({r['outlet'] for r in rows})} outlets, "
          f"{len(furniture)} furniture lines, {len(body)} body lines\n")

    print(f"{'furniture class':<18}{'lines':>6}  removed")
    for cls, n in Counter(r["class"] for r in furniture).most_common():
        removed = sum(1 for r in furniture if r["class"] == cls and r["rule"])
        print(f"{cls:<18}{n:>6}  {_share(removed, n)}")

    print(f"\n{'rule':<22}{'furniture removed':>18}{'body removed':>14}")
    for rule in sorted({r["rule"] for r in rows if r["rule"]}):
        f = sum(1 for r in furniture if r["rule"] == rule)
        b = sum(1 for r in body if r["rule"] == rule)
        print(f"{rule:<22}{f:>18}{b:>14}")

    removed = sum(1 for r in furniture if r["rule"])
    kept = sum(1 for r in body if not r["rule"])
    print(f"\nTOTAL furniture removed: {_share(removed, len(furniture))}   (target >= 90%)")
    print(f"TOTAL body kept:         {_share(kept, len(body))}   (target >= 99.5%)")
    if any(r["unsure"] for r in furniture + body):  # the labeller's doubtful calls (a gallery's captions as body)
        sure_f, sure_b = [r for r in furniture if not r["unsure"]], [r for r in body if not r["unsure"]]
        print(f"  without the {sum(r['unsure'] for r in furniture + body)} lines labelled unsure: furniture removed "
              f"{_share(sum(1 for r in sure_f if r['rule']), len(sure_f))}, "
              f"body kept {_share(sum(1 for r in sure_b if not r['rule']), len(sure_b))}")
    if errors:
        print("\nfurniture kept:")
        for r in furniture:
            if not r["rule"]:
                print(f"  {r['id']}:{r['n']} [{r['class']}] {r['text'][:100]}")
        print("body removed:")
        for r in body:
            if r["rule"]:
                print(f"  {r['id']}:{r['n']} [{r['rule']}] {r['text'][:100]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments(parser)
    parser.add_argument("--errors", action="store_true", help="list every furniture line kept and body line removed")
    args = parser.parse_args(argv)
    report(evaluate(load(args.labels, args.pages, present=args.present)), errors=args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
