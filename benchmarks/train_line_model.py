"""Train the learned furniture rule (``learned_lines``) on the development labels and write its JSON.

    python benchmarks/train_line_model.py [--labels L --pages P ...] [--rules-file cleaning.py] [--compare]
                                          [--out dashboard/lexicons/line_model.json] [--dry-run]

By default the four development sets are read (``pages``, ``heldout``, ``heldout2``, ``heldout3``);
``--labels``/``--pages`` may be repeated to name others. Never pass a set that is still held out
(``heldout4``: the script refuses it). Every page is cleaned by the other rules first
(``learned_lines`` switched off), then each line gets the features of :mod:`dashboard.line_model`.
The rule can only drop lines that pass :func:`dashboard.line_model.eligible_lines` (at most 11
words, no quote, no complete sentence, not a subhead), so only such lines labelled body or
furniture are training rows, whether or not another rule removed them; headline lines are left out.

The question is whether the model helps on pages from new outlets on new stories, so every number
is **leave-one-set-out**: train on the other sets, score the held-out one (the sets share no
outlet and no story). Inside the training sets the probability threshold is the highest on a 0.01
grid that removes the most furniture while the rules plus the model lose no body line beyond the
rules' own out of fold (``--max-body-lost``; folds leave whole stories out); the held-out set only
scores. The rules were written from all the development sets' errors, so on them the rules alone
leave little for the model; ``--rules-file`` runs the same table with the ``RULES`` of another
version of ``dashboard/cleaning.py`` (e.g. ``git show 95299a3:dashboard/cleaning.py``, the rules
before any was written from heldout2; ``33db38d``, before any was written from heldout3), which
shows what the model adds on a set the rules were not written from. ``--compare`` prints that
table for every feature set, C and class weighting of the grid; the settings below were chosen
from it (README, "Evaluation on text nobody tuned for").
The model written is fitted on all rows of all the sets given, its threshold chosen the same way
over them; its coefficients are written on the raw feature scale (standardisation folded in),
rounded, so the file is the same on each run.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_set import load  # noqa: E402

from dashboard import cleaning, line_model  # noqa: E402
from dashboard.corpus import Corpus, normalise_rows  # noqa: E402

#: A small vocabulary of furniture cue words: generic words of page furniture, no outlet or story.
CUES = ("photo", "photos", "image", "images", "credit", "getty", "reuters", "ap", "afp", "advertisement",
        "subscribe", "newsletter", "read", "more", "related", "watch", "video", "share", "comment", "comments",
        "copyright", "follow", "click", "sign", "email", "file", "caption", "pictured", "app", "twitter",
        "facebook", "listen", "updated", "published", "by")
DEV_SETS = (("pages", "data/eval/pages"), ("heldout", "data/eval/heldout"), ("heldout2", "data/eval/heldout2"),
            ("heldout3", "data/eval/heldout3"))
#: Sets still held out: never read, trained on or used to choose settings.
UNSEEN = ("heldout4",)
#: Body lines the rules plus the model may lose out of fold beyond the rules' own: 0, on new pages
#: any body line the model removes is a loss on top of the other rules'.
MAX_BODY_LOST = 0
FOLDS = 5
#: The shape of a line and its place on the page, no word lists, and nothing the other rules did
#: (features of the lines they removed made it worse on new pages: the rules were written from the
#: training pages, so what they remove there is not what they remove on new ones).
SHAPE = [f for f in line_model.BASE_FEATURES[:line_model.BASE_FEATURES.index("cue_count")]]
LAYOUT = list(line_model.BASE_FEATURES[line_model.BASE_FEATURES.index("cue_count") + 1:])
FEATURE_SETS = {
    "shape+cue_count": SHAPE + ["cue_count"],
    "shape+cue_count+layout": SHAPE + ["cue_count"] + LAYOUT,
    "shape+cue_flags+layout": SHAPE + LAYOUT + [f"cue:{c}" for c in CUES],
}
CS = (0.1, 0.3, 1.0, 3.0)
WEIGHTS = (None, "balanced")
#: The settings written, chosen by leave-one-set-out over the four development sets (no body line
#: lost on any set left out, under today's rules and under the rules of the time each set was new,
#: and the most furniture removed under the latter; README, "Evaluation on text nobody tuned for").
CHOSEN = ("shape+cue_count+layout", 0.3, "balanced")
GRID = [round(t, 2) for t in np.arange(0.50, 0.995, 0.01)]


def lines(records: list[dict], other_rules: dict | None = None) -> tuple[list[dict], np.ndarray]:
    """One row per labelled non-headline line (label, outlet, what the other rules did, eligibility)
    and the feature matrix (all of :data:`line_model.BASE_FEATURES` and the cue flags). The other
    rules are ``cleaning.RULES`` unless ``other_rules`` are given."""
    rules = cleaning.RULES
    cleaning.RULES = {k: v for k, v in (other_rules or rules).items() if k != "learned_lines"}
    try:
        rows = normalise_rows([{k: r[k] for k in ("id", "outlet", "headline", "text")} for r in records], "train")
        articles = Corpus("train", rows=rows).articles
    finally:
        cleaning.RULES = rules
    out, feats = [], []
    for record, article in zip(records, articles):
        paragraphs = article.cleaned.paragraphs
        if len(paragraphs) != len(record["lines"]):
            raise SystemExit(f"{record['id']}: {len(paragraphs)} lines, {len(record['lines'])} labelled")
        texts = [p.text for p in paragraphs]
        x = line_model.line_features(texts, CUES)
        judged = len(paragraphs) >= line_model.MIN_LINES  # the rule leaves shorter texts alone
        ok = line_model.eligible_lines(texts)
        for label, p, row, may in zip(record["lines"], paragraphs, x, ok):
            if label["label"] == "headline":
                continue
            removed = bool(p.dropped_by or (p.cuts and not p.text))
            out.append({"outlet": record["outlet"], "story": record.get("story") or record["id"],
                        "set": record.get("_set", ""), "furniture": label["label"] == "furniture", "removed": removed,
                        "eligible": judged and (not removed) and may, "eligible_any": judged and may})
            feats.append(row)
    return out, np.asarray(feats)


def _columns(names: list[str]) -> list[int]:
    all_names = list(line_model.BASE_FEATURES) + [f"cue:{c}" for c in CUES]
    return [all_names.index(n) for n in names]


def _fit(x: np.ndarray, y: np.ndarray, c: float, weight: str | None) -> tuple[np.ndarray, float]:
    """Coefficients on the raw feature scale and intercept (standardised inside, folded back out)."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight=weight, max_iter=5000)
    model.fit((x - mean) / scale, y)
    coef = model.coef_[0] / scale
    return coef, float(model.intercept_[0] - coef @ mean)


def _score(rows: list[dict], prob: np.ndarray, threshold: float) -> tuple[int, int, int, int]:
    """Furniture removed, furniture lines, body kept, body lines: the other rules plus the model on
    the eligible lines they keep."""
    fr = fn = bk = bn = 0
    for r, p in zip(rows, prob):
        gone = bool(r["removed"] or (r["eligible"] and p >= threshold))
        if r["furniture"]:
            fn += 1
            fr += gone
        else:
            bn += 1
            bk += not gone
    return fr, fn, bk, bn


def cross_validate(rows: list[dict], x: np.ndarray, names: list[str], c: float, weight: str | None) -> np.ndarray:
    """Out-of-fold furniture probabilities of every row, the folds leaving whole stories out."""
    xs = x[:, _columns(names)]
    y = np.array([r["furniture"] for r in rows])
    usable = np.array([r["eligible_any"] for r in rows])
    prob = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=FOLDS).split(xs, y, [r["story"] for r in rows]):
        train = train[usable[train]]
        coef, intercept = _fit(xs[train], y[train], c, weight)
        prob[test] = 1 / (1 + np.exp(-(xs[test] @ coef + intercept)))
    return prob


def pick_threshold(rows: list[dict], prob: np.ndarray, max_body_lost: int = MAX_BODY_LOST) -> float:
    """The grid threshold at which the rules plus the model remove the most furniture while losing
    at most ``max_body_lost`` body lines beyond the rules' own (the highest such threshold among
    ties; 1.0 when none)."""
    base = _score(rows, prob, 1.01)
    best, best_t = base[0], 1.0
    for t in reversed(GRID):
        s = _score(rows, prob, t)
        if base[2] - s[2] <= max_body_lost and s[0] > best:
            best, best_t = s[0], t
    return best_t


def fit_model(rows: list[dict], x: np.ndarray, names: list[str], c: float, weight: str | None,
              max_body_lost: int = MAX_BODY_LOST) -> tuple[np.ndarray, float, float]:
    """Coefficients (raw scale), intercept and threshold fitted on ``rows``."""
    threshold = pick_threshold(rows, cross_validate(rows, x, names, c, weight), max_body_lost)
    usable = np.array([r["eligible_any"] for r in rows])
    y = np.array([r["furniture"] for r in rows])
    coef, intercept = _fit(x[usable][:, _columns(names)], y[usable], c, weight)
    return coef, intercept, threshold


def leave_set_out(rows: list[dict], x: np.ndarray, names: list[str], c: float, weight: str | None,
                  max_body_lost: int = MAX_BODY_LOST) -> dict[str, tuple]:
    """Per labelled set: the threshold chosen on the other sets, and the scores of the rules alone
    and of the rules plus the model fitted on the other sets."""
    out = {}
    for name in dict.fromkeys(r["set"] for r in rows):
        train = [i for i, r in enumerate(rows) if r["set"] != name]
        test = [i for i, r in enumerate(rows) if r["set"] == name]
        coef, intercept, t = fit_model([rows[i] for i in train], x[train], names, c, weight, max_body_lost)
        prob = 1 / (1 + np.exp(-(x[test][:, _columns(names)] @ coef + intercept)))
        sub = [rows[i] for i in test]
        out[name] = (t, _score(sub, prob, 1.01), _score(sub, prob, t))
    return out


def _share(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f}%"


def _table(result: dict[str, tuple]) -> str:
    lines = [f"  {'held out':<10}{'thr':>5}  {'furniture removed: rules':<26}{'rules + model':<22}"
             f"{'body kept: rules':<20}rules + model"]
    for name, (t, base, both) in result.items():
        lines.append(f"  {name:<10}{t:>5}  {_share(base[0], base[1]):<26}{_share(both[0], both[1]):<22}"
                     f"{_share(base[2], base[3]):<20}{_share(both[2], both[3])}")
    return "\n".join(lines)


def _load_rules(path: Path) -> dict:
    """``RULES`` of another version of ``dashboard/cleaning.py`` (a file outside the package)."""
    spec = importlib.util.spec_from_file_location("other_cleaning", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.RULES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, action="append",
                        help="a labels file (repeat with --pages for several sets; default: the four development sets)")
    parser.add_argument("--pages", type=Path, action="append", help="the pages of the --labels file in the same place")
    parser.add_argument("--rules-file", type=Path, help="take the other rules from this copy of dashboard/cleaning.py")
    parser.add_argument("--compare", action="store_true", help="the leave-one-set-out table for every setting of the grid")
    parser.add_argument("--out", type=Path, default=line_model.MODEL_PATH)
    parser.add_argument("--max-body-lost", type=int, default=MAX_BODY_LOST,
                        help="body lines the rules plus the model may lose out of fold beyond the rules' own")
    parser.add_argument("--dry-run", action="store_true", help="print the tables, write nothing")
    args = parser.parse_args(argv)
    labels = args.labels or [ROOT / f"benchmarks/labels/{name}.jsonl" for name, _ in DEV_SETS]
    pages = args.pages or [ROOT / pg for _, pg in DEV_SETS]
    if len(labels) != len(pages):
        parser.error("give one --pages per --labels")
    if any(lab.stem in UNSEEN for lab in labels):
        parser.error(f"{', '.join(UNSEEN)} is the unseen test set: never train or choose settings on it")
    records = [{**r, "_set": lab.stem} for lab, pg in zip(labels, pages) for r in load(lab, pg)]
    rows, x = lines(records, _load_rules(args.rules_file) if args.rules_file else None)
    sets = ", ".join(f"{lab.stem} ({sum(r['set'] == lab.stem for r in rows)} lines)" for lab in labels)
    print(f"{len(rows)} lines from {sets}; eligible: {sum(r['eligible_any'] and r['furniture'] for r in rows)} "
          f"furniture, {sum(r['eligible_any'] and not r['furniture'] for r in rows)} body; left by the other rules: "
          f"{sum(r['eligible'] and r['furniture'] for r in rows)} furniture, "
          f"{sum(r['eligible'] and not r['furniture'] for r in rows)} body")
    settings = (list(itertools.product(FEATURE_SETS, CS, WEIGHTS)) if args.compare else [CHOSEN])
    for fs, c, weight in settings:
        result = leave_set_out(rows, x, FEATURE_SETS[fs], c, weight, args.max_body_lost)
        gained = sum(both[0] - base[0] for _, base, both in result.values())
        lost = sum(base[2] - both[2] for _, base, both in result.values())
        print(f"\nleave one set out: {fs}, C={c}, class_weight={weight}: +{gained} furniture, -{lost} body")
        print(_table(result))
    fs, c, weight = CHOSEN
    names = FEATURE_SETS[fs]
    coef, intercept, t = fit_model(rows, x, names, c, weight, args.max_body_lost)
    usable = np.array([r["eligible_any"] for r in rows])
    y = np.array([r["furniture"] for r in rows])
    print(f"\nfinal: {fs}, C={c}, class_weight={weight}, threshold {t} (leave-story-out over all rows)")
    model = {
        "about": "learned_lines: logistic regression over dashboard/line_model.py features, coefficients on the raw "
                 f"feature scale; written by benchmarks/train_line_model.py from {', '.join(lab.stem for lab in labels)}",
        "features": names,
        "coef": [round(float(v), 6) for v in coef],
        "intercept": round(intercept, 6),
        "threshold": float(t),
        "cues": list(CUES),
        "training": {"max_body_lost": args.max_body_lost, "feature_set": fs, "C": c, "class_weight": weight,
                     "rows": int(usable.sum()), "furniture_rows": int(y[usable].sum()),
                     "sets": [lab.stem for lab in labels], "threshold_folds": {"folds": FOLDS, "grouped_by": "story"}},
    }
    if args.rules_file:
        print("(other rules from --rules-file: nothing written)")
    elif not args.dry_run:
        args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
