"""Discovered actors, tone toward them and group-vs-group terms against BASIL (dev part).

    python benchmarks/eval_basil.py [--data ../shared/eval/basil-dev/articles.jsonl] [--top 10] [--misses]

The 210 articles (70 stories × New York Times, Fox News, HuffPost) are analysed as one corpus, the
way the app does (cleaning, sentences). Nothing is tuned to this data; the thresholds are the
module defaults.

* **Actors.** For each story, ``suggest_actors`` over that story's three articles; an annotated
  main entity (the union over the story's articles) is found when one of the top ``--top``
  suggestions matches it: (a) exactly (case, punctuation and a plural -s ignored) by label or
  alias, or (b) by last word (surname: "Barack Obama" ~ "Obama"; "Senate Democrats" ~ "Democrats"),
  or (c) an entity with a lower-case tail ("Obama administration") by its last capitalised word.
* **Tone.** For each article and annotated entity with ``author_feeling_<Entity>``: the sentences
  of that article naming the matched suggestion (its aliases, as the app matches actors), scored
  with VADER; the mean compound is neg below -0.05, pos above 0.05, else neu (VADER's own
  thresholds). Prints the confusion table and Spearman's rho between mean compound and
  neg/neu/pos as -1/0/1 (entities not found or never named in the article are counted apart).
* **Groups.** Groups {HuffPost: "HuffPost", Fox News: "Fox News"} (NYT left out): the top terms
  of each side by weighted log-odds z.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402

from dashboard.analysis import analyse  # noqa: E402
from dashboard.analysis.discover import suggest_actors, word_casing  # noqa: E402
from dashboard.analysis.groups import group_terms  # noqa: E402
from dashboard.analysis.tone import actor_sentences, actor_tone  # noqa: E402
from dashboard.corpus import Corpus  # noqa: E402
from dashboard.lexicons import Actor, Lexicon, default_lexicon  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "basil-dev" / "articles.jsonl"
LABELS = ("neg", "neu", "pos")
NEUTRAL = 0.05  # VADER's documented neutral band for a compound score


def norm(text: str) -> str:
    words = re.findall(r"[^\W_]+", text.lower().replace("’", "'").replace("-", ""))
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def last_capitalised(entity: str) -> str:
    caps = [w for w in entity.split() if w[:1].isupper()]
    return norm(caps[-1]) if caps else ""


def match(entity: str, suggestions: pd.DataFrame) -> tuple[int | None, str]:
    """Index of the first (highest-ranked) suggestion matching ``entity``, and how it matched."""
    full = norm(entity)
    last = full.split()[-1] if full else ""
    tail = last_capitalised(entity) if entity.split()[-1][:1].islower() else ""
    for how, test in (("exact", lambda a: norm(a) == full),
                      ("surname", lambda a: norm(a).split()[-1:] == [last]),
                      ("capitalised part", lambda a: bool(tail) and norm(a).split()[-1:] == [tail])):
        for i, r in enumerate(suggestions.itertuples()):
            if any(test(a) for a in [r.label, *r.aliases]):
                return i, how
    return None, ""


def load(path: Path) -> tuple[list[dict], Corpus]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = Corpus(str(path), rows=[{k: r[k] for k in ("id", "outlet", "headline", "published", "url", "text")}
                                     for r in rows])
    return rows, corpus


def story_matches(sentences: pd.DataFrame, lexicon: Lexicon) -> pd.DataFrame:
    """Actor match rows (the columns ``actor_sentences`` reads) of ``lexicon`` in ``sentences``."""
    out = []
    for s in sentences.itertuples():
        out += [("actor", m.key, s.outlet, s.article, s.sentence, s.start + m.start, s.start + m.end)
                for m in lexicon.find_actors(s.text)]
    return pd.DataFrame(out, columns=["kind", "key", "outlet", "article", "sentence", "start", "end"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--misses", action="store_true", help="list the entities not found")
    args = parser.parse_args()
    rows, corpus = load(args.data)
    analysis = analyse(corpus, default_lexicon())
    sentences = analysis.sentences
    casing = word_casing(sentences["text"])  # sentence openers judged by the whole corpus's usage
    stories: dict[str, list[dict]] = {}
    for r in rows:
        stories.setdefault(r["story"], []).append(r)

    found = total = 0
    how_counts: Counter = Counter()
    misses = []
    tone_rows = []
    for story, articles in stories.items():
        ids = [a["id"] for a in articles]
        suggestions = suggest_actors(sentences, articles=ids, top=args.top, casing=casing)
        entities = list(dict.fromkeys(e.strip() for a in articles for e in a["main_entities"] if e.strip()))
        seen = {}
        for entity in entities:
            if norm(entity) in seen:
                continue
            i, how = match(entity, suggestions)
            seen[norm(entity)] = i
            total += 1
            if i is not None:
                found += 1
                how_counts[how] += 1
            else:
                misses.append((entity, list(suggestions["label"])))
        chosen = {i for i in seen.values() if i is not None}
        lexicon = Lexicon(tuple(Actor(f"s{i}", suggestions.at[i, "label"], suggestions.at[i, "kind"],
                                      tuple(suggestions.at[i, "aliases"])) for i in sorted(chosen)), ())
        story_sentences = sentences[sentences["article"].isin(ids)]
        scored = actor_sentences(story_sentences, story_matches(story_sentences, lexicon))
        tone = actor_tone(scored, lexicon).set_index(["outlet", "actor"]) if len(scored) else None
        for a in articles:
            for key, gold in a["article_annotations"].items():
                if not key.startswith("author_feeling_") or key == "author_feeling_main_event" or gold not in LABELS:
                    continue
                entity = key.removeprefix("author_feeling_").replace("_", " ")
                i = seen.get(norm(entity), match(entity, suggestions)[0])
                mean = n = None
                if i is not None and i in chosen and tone is not None and (a["outlet"], f"s{i}") in tone.index:
                    row = tone.loc[(a["outlet"], f"s{i}")]
                    mean, n = float(row["mean"]), int(row["sentences"])
                tone_rows.append((story, a["outlet"], entity, gold, mean, n))

    print(f"== Discovered actors (top {args.top} suggestions per story, {len(stories)} stories)")
    print(f"annotated main entities found: {found}/{total} = {found / total:.3f}")
    print("  by match: " + ", ".join(f"{k} {v}" for k, v in how_counts.most_common()))
    if args.misses:
        for entity, labels in misses:
            print(f"  missed {entity!r}; top: {', '.join(labels)}")

    tone = pd.DataFrame(tone_rows, columns=["story", "outlet", "entity", "gold", "mean", "sentences"])
    scored = tone.dropna(subset=["mean"]).copy()
    scored["predicted"] = np.select([scored["mean"] < -NEUTRAL, scored["mean"] > NEUTRAL], ["neg", "pos"], "neu")
    print(f"\n== Tone toward annotated entities (VADER mean compound per article; neutral band ±{NEUTRAL})")
    print(f"article × entity annotations: {len(tone)}; scored: {len(scored)} "
          f"(not scored: {len(tone) - len(scored)}, entity not among the suggestions or not named in the article)")
    table = pd.crosstab(scored["gold"], scored["predicted"], rownames=["gold"], colnames=["VADER"]) \
        .reindex(index=list(LABELS), columns=list(LABELS), fill_value=0)
    print(table.to_string())
    agree = float((scored["gold"] == scored["predicted"]).mean())
    majority = scored["gold"].value_counts(normalize=True)
    rho, p = spearmanr(scored["gold"].map({"neg": -1, "neu": 0, "pos": 1}), scored["mean"])
    print(f"agreement {agree:.3f} (always '{majority.index[0]}': {majority.iloc[0]:.3f}); "
          f"Spearman rho {rho:.3f} (p = {p:.3g}, n = {len(scored)})")
    print("mean compound by gold label: " + ", ".join(
        f"{g} {scored.loc[scored['gold'] == g, 'mean'].mean():+.3f} (n={int((scored['gold'] == g).sum())})" for g in LABELS))
    # the view compares outlets: within a story, is the outlet the annotators found more positive toward
    # an entity also the one VADER scores higher?
    rank = {"neg": -1, "neu": 0, "pos": 1}
    agree = disagree = ties = 0
    for _, part in scored.groupby(["story", "entity"]):
        for (_, x), (_, y) in combinations(part.iterrows(), 2):
            if rank[x["gold"]] == rank[y["gold"]]:
                continue
            sign = np.sign(rank[x["gold"]] - rank[y["gold"]]) * np.sign(x["mean"] - y["mean"])
            agree, disagree, ties = agree + (sign > 0), disagree + (sign < 0), ties + (sign == 0)
    pairs = agree + disagree + ties
    print(f"within-story outlet pairs whose annotated tone differs: {pairs}; VADER orders {agree} the same way, "
          f"{disagree} the other way, {ties} tied ({agree / max(agree + disagree, 1):.3f} of the untied)")

    groups = {"HuffPost": "HuffPost", "Fox News": "Fox News"}
    terms = group_terms(analysis.term_matrix, analysis.outlets, groups, "HuffPost", "Fox News")
    print("\n== Groups: HuffPost vs Fox News, weighted log-odds z (NYT left out; † = fewer than two sentences;"
          " house style - own name, honorifics, reporting verbs - hidden as on the Terms page)")
    terms = terms[terms["style"] == ""]
    shown = 15
    head = terms.head(shown).reset_index(drop=True)
    tail = terms.tail(shown).iloc[::-1].reset_index(drop=True)
    width = max(len(t) for t in pd.concat([head["term"], tail["term"]])) + 2
    print(f"{'HuffPost term':<{width}} {'HP':>4} {'Fox':>4} {'z':>6}   {'Fox News term':<{width}} {'HP':>4} {'Fox':>4} {'z':>6}")
    for h, t in zip(head.itertuples(), tail.itertuples()):
        print(f"{h.term + (' †' if h.thin else ''):<{width}} {h.count_a:>4} {h.count_b:>4} {h.z:>6.2f}   "
              f"{t.term + (' †' if t.thin else ''):<{width}} {t.count_a:>4} {t.count_b:>4} {t.z:>6.2f}")


if __name__ == "__main__":
    main()
