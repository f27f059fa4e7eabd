"""Write a realistic benchmark corpus in the import format (CSV or JSONL), deterministic from a seed.

N articles of about 800-1,000 words across M outlets with a Zipf-skewed size distribution, dates
spread over a year, and page furniture like the seeds' (hover cards, READ MORE links, captions,
credits, datelines, update footers, repeated paragraphs, widget residue) and like real scraped
pages' (each outlet's own navigation strip, byline, time stamp, newsletter prompt, advertisement
marker, cross-links, copyright and comment footer, repeated across its articles) for the cleaner
to remove.
Half the sentences are news-like templates filled with the lexicon's actors and topic terms (about
as many lexicon matches per word as the seed reports have); the other half are general prose over a
Zipf-distributed vocabulary of 40,000 word forms with English function words between them, so the
vocabulary grows with the corpus as real news vocabularies do and term analyses have realistic work.

    python benchmarks/make_corpus.py --articles 10000 --outlets 300 --out data/bench-10k.jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

ACTORS = ["Joe Biden", "Biden", "Vladimir Putin", "Putin", "Volodymyr Zelenskiy", "Zelensky", "NATO", "the Kremlin",
          "the White House", "the Pentagon", "Jake Sullivan", "Antony Blinken", "John Kirby", "the European Union",
          "Moscow", "Kyiv", "Washington", "the Russian president", "his Ukrainian counterpart", "Colin Kahl"]
TOPICS = ["sanctions", "economic penalties", "NATO expansion", "the Minsk agreements", "troops", "a troop deployment",
          "talks", "a video call", "diplomacy", "military aid", "Javelin missiles", "security assistance", "gas supplies",
          "the Nord Stream 2 pipeline", "energy prices", "Donbas", "Crimea", "an invasion", "a military buildup"]
VERBS = ["said", "warned", "told reporters", "stressed", "claimed", "added", "insisted", "noted"]
PLACES = ["Geneva", "Brussels", "Kyiv", "Moscow", "Washington", "Warsaw", "Bucharest", "Sochi", "Vienna", "Berlin"]
TEMPLATES = [
    "{a} {v} on {day} that {t} would remain on the agenda in {p}.",
    "Officials in {p} said {a} had discussed {t} with {b} for nearly two hours.",
    "“We will not accept {t},” {a} {v}, adding that {b} had been informed in detail.",
    "According to {a}, {t} and {t2} were raised during the meeting with {b}.",
    "Analysts in {p} expect {t} to dominate the coming week as {a} weighs options.",
    "{a} has repeatedly rejected {t}, while {b} pushed for {t2} instead.",
    "The statement from {a} made no mention of {t}, a point {b} noted on {day}.",
    "Diplomats said the question of {t} could be settled only after {t2} is addressed.",
    "In {p}, protesters urged {a} to end {t} and to reopen talks on {t2}.",
    "{a} described the conversation as frank and said {t} was not on the table.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
HEADLINES = ["{a} rules out {t}", "{a} and {b} clash over {t}", "What {t} means for {p}", "{a} warns of {t}"]


FUNCTION_WORDS = ["the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "as", "was", "by", "at", "from",
                  "it", "is", "have", "an", "were", "which", "their", "not", "but", "had", "its", "after", "over"]
SYLLABLES = ["ka", "lo", "mir", "ten", "sa", "vor", "del", "ri", "an", "to", "bel", "gra", "nos", "pe", "lin", "dor",
             "e", "sti", "mar", "qu", "on", "tra", "vel", "ko", "ser", "ma", "ni", "ul", "pra", "des", "fin", "ho"]


class Vocabulary:
    """40,000 pronounceable word forms with Zipf frequencies (rank r drawn with weight 1/r)."""

    def __init__(self, seed: int, size: int = 40_000):
        rng = random.Random(seed)
        forms: dict[str, None] = {}
        while len(forms) < size:
            forms["".join(rng.choices(SYLLABLES, k=rng.choice([2, 2, 3, 3, 3, 4])))] = None
        self.words = list(forms)
        total, self.cumulative = 0.0, []
        for rank in range(1, size + 1):
            total += 1 / rank
            self.cumulative.append(total)

    def prose(self, rng: random.Random) -> str:
        """A general-news sentence: content words from the vocabulary, function words between."""
        n = rng.randint(12, 26)
        content = rng.choices(self.words, cum_weights=self.cumulative, k=n)
        words = [w if rng.random() < 0.55 else f"{rng.choice(FUNCTION_WORDS)} {w}" for w in content]
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def sentence(rng: random.Random, vocabulary: Vocabulary) -> str:
    if rng.random() < 0.5:
        return vocabulary.prose(rng)
    a, b = rng.sample(ACTORS, 2)
    t, t2 = rng.sample(TOPICS, 2)
    text = rng.choice(TEMPLATES).format(a=a, b=b, t=t, t2=t2, v=rng.choice(VERBS), p=rng.choice(PLACES), day=rng.choice(DAYS))
    return text[0].upper() + text[1:]


REPORTERS = ["Maria Lopez", "James Okafor", "Anna Kowalska", "Tom Reed", "Leila Haddad", "Chen Wei"]


def house_furniture(outlet: str) -> dict[str, str]:
    """An outlet's own template lines, the same on every article it publishes (seeded by its name)."""
    rng = random.Random(outlet)
    short = outlet.rsplit(" ", 1)[0]
    return {
        "navigation": rng.choice(["Home | World | Politics | Business", "News › Europe › Ukraine"]),
        "byline": f"By {rng.choice(REPORTERS)}, {short}",
        "timestamp": rng.choice(["Published {d} at 10:32 a.m. ET", "Updated: {d} 14:05 GMT", "{d}"]),
        "newsletter": rng.choice([f"Sign up for the {short} morning newsletter", "Get the latest news delivered to your inbox"]),
        "advert": rng.choice(["Advertisement", "ADVERTISEMENT", "Story continues below advertisement"]),
        "cross_link": rng.choice(["SEE ALSO: {h}", "More: {h}", "Related: {h}"]),
        "copyright": f"Copyright © 2021 {outlet}. All rights reserved.",
        "comments": rng.choice(["Comments", "Have a news tip? Send us an email.", "Share this article"]),
    }


def add_house_furniture(rng: random.Random, paragraphs: list[str], outlet: str, published: str, headline: str) -> None:
    """Put some of the outlet's template lines around the body, each with its own probability."""
    house = house_furniture(outlet)
    top = [house[k] for k in ("navigation", "byline") if rng.random() < 0.5]
    if rng.random() < 0.5:
        top.append(house["timestamp"].format(d=published))
    if rng.random() < 0.3:
        paragraphs.insert(rng.randint(1, len(paragraphs) - 1), house["advert"])
    if rng.random() < 0.3:
        paragraphs.insert(rng.randint(1, len(paragraphs) - 1), house["cross_link"].format(h=headline))
    bottom = [house[k] for k in ("newsletter", "copyright", "comments") if rng.random() < 0.4]
    paragraphs[:0] = top
    paragraphs.extend(bottom)


def article(rng: random.Random, outlet: str, vocabulary: Vocabulary, published: str) -> dict:
    words_target = rng.randint(800, 1000)
    paragraphs, words = [], 0
    while words < words_target:
        para = " ".join(sentence(rng, vocabulary) for _ in range(rng.randint(2, 4)))
        paragraphs.append(para)
        words += len(para.split())
    if rng.random() < 0.3:  # hover card leaking into the first paragraph
        paragraphs[0] = "President BidenJoe BidenBiden says talks went well Other headline here MORE " + paragraphs[0]
    if rng.random() < 0.4:
        paragraphs.insert(rng.randint(1, len(paragraphs) - 1), f"READ MORE: {rng.choice(HEADLINES).format(a='Putin', b='Biden', t='sanctions', p='Kyiv')}")
    if rng.random() < 0.3:
        paragraphs.insert(0, "A photo caption describing officials arriving for talks in Geneva.")
        paragraphs.insert(1, "Reuters")
    if rng.random() < 0.2:
        paragraphs.insert(0, f"{outlet.split()[0]}  —")
    if rng.random() < 0.2:
        paragraphs.append(paragraphs[2])  # a repeated paragraph
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(["Updated 1:28 p.m.", "This story has been updated with additional reporting."]))
    if rng.random() < 0.2:
        paragraphs.append("Route 6")
    a, b = rng.sample(ACTORS[:6], 2)
    headline = rng.choice(HEADLINES).format(a=a, b=b, t=rng.choice(TOPICS), p=rng.choice(PLACES))
    headline = headline[0].upper() + headline[1:]
    add_house_furniture(rng, paragraphs, outlet, published, headline)
    return {"outlet": outlet, "headline": headline, "published": published, "text": "\n\n".join(paragraphs)}


def outlets(rng: random.Random, n: int) -> list[str]:
    stems = ["Daily", "Evening", "Global", "National", "Public", "Free", "Morning", "Weekly", "World", "City"]
    kinds = ["Post", "Herald", "Times", "Courier", "Observer", "Tribune", "Radio", "News", "Journal", "Standard"]
    return [f"{rng.choice(stems)} {rng.choice(kinds)} {i:03d}" for i in range(n)]


def generate(n_articles: int, n_outlets: int, seed: int = 7) -> list[dict]:
    """Deterministic: the same arguments give the same corpus."""
    rng = random.Random(seed)
    vocabulary = Vocabulary(seed)
    names = outlets(rng, n_outlets)
    weights = [1 / (rank + 1) ** 1.1 for rank in range(n_outlets)]  # Zipf-skewed outlet sizes
    start = date(2021, 1, 1)
    rows = []
    for _ in range(n_articles):
        outlet = rng.choices(names, weights)[0]
        row = article(rng, outlet, vocabulary, (start + timedelta(days=rng.randrange(365))).isoformat())
        row["url"] = f"https://example.org/{len(rows)}"
        rows.append(row)
    return rows


def write(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, ["outlet", "headline", "published", "url", "text"])
            writer.writeheader()
            writer.writerows(rows)
    else:
        with path.open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--outlets", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("data/bench-1k.jsonl"))
    args = parser.parse_args()
    write(generate(args.articles, args.outlets, args.seed), args.out)
    print(f"wrote {args.articles} articles across {args.outlets} outlets to {args.out}")


if __name__ == "__main__":
    main()
