"""Quote attribution against hand-labelled news pages: how many labelled quotes are found, and who they go to.

Each article of the labels file is built the way the app builds it (``make_article``: cleaning and segmentation)
and its quotes are extracted with the app's default lexicon. A labelled quote is matched to an extracted direct
quote by its first words (case, punctuation and quote marks ignored), on its own line first, then anywhere in the
article. A labelled quote whose line the cleaning dropped, and that is not found elsewhere, is "lost to cleaning".

    python benchmarks/eval_quotes.py [--labels benchmarks/labels/pages.jsonl] [--pages data/eval/pages] [--errors]

Columns: labelled quotes; lost (to cleaning); found (matched to an extracted quote); attributed (share of found
with any speaker); correct (share of found with a gold speaker whose speaker is that person: same surname, or
the lexicon actor whose label/aliases hold it); wrong (found quotes given a speaker other than the gold one,
including a speaker for a gold-null quote); null ok (gold-null found quotes left unattributed, of gold-null found).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from eval_set import arguments, load  # noqa: E402

from dashboard.analysis.quotes import quote_table  # noqa: E402
from dashboard.corpus import Corpus, make_article  # noqa: E402
from dashboard.lexicons import Lexicon, default_lexicon  # noqa: E402

MATCH_WORDS = 8  # labels carry the first 8 words of each quote
MIN_MATCH_WORDS = 2
CONTAINED_WORDS = 4  # a labelled quote found inside a longer extracted one needs this many words to count


def words(text: str) -> list[str]:
    """Lower-case words without punctuation or quote marks ("It’s" and "it's" compare equal)."""
    return re.findall(r"[^\W_]+(?:'[^\W_]+)*", text.lower().replace("’", "'").replace("‘", "'"))


def same_start(gold: list[str], found: list[str]) -> bool:
    """Whether two quotes open with the same words (as many as the shorter has, up to MATCH_WORDS)."""
    n = min(len(gold), len(found), MATCH_WORDS)
    return bool(gold) and n >= min(MIN_MATCH_WORDS, len(gold)) and gold[:n] == found[:n]


def inside(gold: list[str], found: list[str]) -> bool:
    """Whether a labelled paragraph of a long quote lies inside an extracted quote that spans paragraphs."""
    n = min(len(gold), MATCH_WORDS)
    return n >= CONTAINED_WORDS and any(found[i:i + n] == gold[:n] for i in range(1, len(found) - n + 1))


def surname(name: str) -> str:
    parts = words(name.replace("isation", "ization"))  # "World Health Organisation" is the same speaker
    return parts[-1] if parts else ""


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'’-]*", name))


def same_by_short_form(a: str, b: str) -> bool:
    """Whether one name is the other's first name alone ("Kate", "Kate Middleton") or its initials ("HRW")."""
    for short, full in ((a, b), (b, a)):
        if len(words(short)) == 1 and len(words(full)) > 1 and words(short) == words(full)[:1]:
            return True
        if short.isupper() and " " not in short.strip() and len(short) >= 2 and initials(full) == short:
            return True
    return False


def speaker_matches(predicted: str, gold: str, lexicon: Lexicon) -> bool:
    """Same surname, or the lexicon actor whose label or aliases contain the gold surname. Where the
    text gives the speaker by first name alone ("Kate" for Kate Middleton) or by initials ("HRW" for
    Human Rights Watch), the full name is the same speaker (and the other way round)."""
    target = surname(gold)
    actor = next((a for a in lexicon.actors if a.id == predicted), None)
    if actor is None:
        if same_by_short_form(predicted, gold):
            return True
        return surname(predicted) == target
    return any(target == surname(word) for name in (actor.label, *actor.aliases) for word in words(name))


def evaluate_article(record: dict, text: str, headline: str, lexicon: Lexicon) -> list[dict]:
    """One row per labelled quote: outlet, gold and predicted speaker, and the outcome."""
    article = make_article(id=str(record["id"]), outlet=record.get("outlet") or "?", text=text, headline=headline)
    quotes = quote_table(Corpus("eval", (article,)), lexicon)
    quotes = quotes[quotes["direct"]]
    found = [(r.paragraph, words(r.text), r.speaker) for r in quotes.itertuples()]
    kept = [p.kept for p in article.cleaned.paragraphs]  # one entry per non-blank line of the page
    kept_index = {n: i for i, n in enumerate(n for n, k in enumerate(kept) if k)}
    rows = []
    for gold in record.get("quotes", []):
        target, line = words(gold["quote"]), gold.get("n")
        here = [f for f in found if f[0] == kept_index.get(line) and same_start(target, f[1])]
        anywhere = here or [f for f in found if same_start(target, f[1])] or [f for f in found if inside(target, f[1])]
        row = {"outlet": article.outlet, "article": article.id, "line": line, "quote": gold["quote"],
               "gold": gold.get("speaker") or None, "predicted": None, "right": False}
        if anywhere:
            speaker = anywhere[0][2]
            row["predicted"] = None if pd.isna(speaker) else speaker
            row["outcome"] = "found"
            row["right"] = bool(row["gold"] and row["predicted"] and speaker_matches(row["predicted"], row["gold"], lexicon))
        else:
            dropped = line is None or not 0 <= line < len(kept) or not kept[line]
            row["outcome"] = "lost to cleaning" if dropped else "missed"
        rows.append(row)
    return rows


def summary(rows: pd.DataFrame) -> pd.Series:
    found = rows[rows["outcome"] == "found"]
    has_gold, has_pred, right = found["gold"].notna(), found["predicted"].notna(), found["right"].astype(bool)

    def share(part: int, whole: int) -> str:
        return f"{part / whole:.0%} ({part}/{whole})" if whole else "–"

    return pd.Series({
        "labelled": len(rows),
        "lost": int((rows["outcome"] == "lost to cleaning").sum()),
        "found": share(len(found), len(rows)),
        "attributed": share(int(has_pred.sum()), len(found)),
        "correct": share(int(right.sum()), int(has_gold.sum())),
        "wrong": int((has_pred & ~right).sum()),
        "null ok": share(int((~has_gold & ~has_pred).sum()), int((~has_gold).sum())),
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments(parser)
    parser.add_argument("--errors", action="store_true", help="also list wrong, missed and lost quotes")
    args = parser.parse_args(argv)
    lexicon, rows = default_lexicon(), []
    for record in load(args.labels, args.pages, present=args.present):  # one loader for both evaluations; a missing page stops it
        rows += evaluate_article(record, record["text"], record["headline"], lexicon)
    if not rows:
        print("no labelled quotes")
        return 1
    table = pd.DataFrame(rows)
    per_outlet = {outlet: summary(part) for outlet, part in table.groupby("outlet", sort=True)}
    per_outlet["TOTAL"] = summary(table)
    print(pd.DataFrame(per_outlet).T.to_string())
    if args.errors:
        wrong = table[(table["outcome"] != "found") | (table["predicted"].notna() & ~table["right"])
                      | (table["gold"].notna() & table["predicted"].isna())]
        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            columns = ["outlet", "article", "line", "outcome", "gold", "predicted", "quote"]
            print("\n" + wrong[columns].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
