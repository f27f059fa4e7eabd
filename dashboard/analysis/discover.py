"""Discovered actors: the people and organisations a corpus is about, found without a lexicon.

The shipped lexicon names one crisis; a corpus about anything else needs its own actors. This
suggests them by rule (no model to download): capitalised runs of words are name candidates;
titles and honorifics are stripped ("Sen. Harry Reid" -> Harry Reid, kept as an alias), a
sentence's first word is dropped when the corpus also writes it in lower case ("After", "But"),
and the candidates are merged into actors:

* within an article, a surname ("Obama", "Mr. Obama") is the full name the article gave it;
  elsewhere a surname that carried a person's title somewhere joins the corpus's commonest full
  name with it; "George W. Bush" and "George Bush" are one person (first and last word agree);
* a singular and its plural are one actor ("Republican", "Republicans");
* an acronym joins the name it abbreviates ("NATO", "North Atlantic Treaty Organization");
* spelling variants join when ``rapidfuzz`` rates them at least ``FUZZY`` ("Zelenskiy", "Zelensky").

Actors are ranked by how many outlets, then articles, name them. Any subset of sentences can be
passed (one story, one outlet), so suggestions can be made per story.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection

import pandas as pd

from dashboard.lexicons import Lexicon

FUZZY = 90  # rapidfuzz ratio (0-100) at which two names of five letters or more are one spelling
MAX_TOKENS = 5  # a longer capitalised run is a title-case phrase, not a name
EXAMPLES = 3

_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\S")
_POSSESSIVE = re.compile(r"['’]s?$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
TITLES = frozenset(
    "mr mrs ms mx dr prof sen senator rep representative congressman congresswoman gov governor president "
    "vice-president premier chancellor secretary secretary-general minister ambassador mayor judge justice speaker "
    "chairman chairwoman chair commissioner director gen lt col maj capt cmdr adm admiral sgt sir dame lord lady "
    "spokesman spokeswoman spokesperson envoy king queen prince princess pope rev rabbi imam sheikh pm mp ceo "
    "leader attorney candidate nominee sheriff detective officer trooper coach agent member tem surgeon solicitor "
    "inspector".split())
_PERSON_TITLES = TITLES - {"leader", "candidate", "nominee"}  # all of these precede people, these may precede parties
_ABBREVIATIONS = frozenset("mr mrs ms mx dr prof sen rep gov gen lt col maj capt cmdr adm sgt rev st jr sr".split())
_LINKS = frozenset({"of", "the", "de", "da", "del", "van", "von", "der", "bin", "ibn", "al", "la", "le", "du"})
# A run ending in one of these names an organisation, so a title word inside it is part of the name
# ("Justice Department", "General Motors", "Speaker's Office").
ORG_WORDS = frozenset(
    "department ministry office agency committee commission council court party administration house senate "
    "congress parliament union association foundation institute university college company corporation corp inc "
    "co group bank fund service services bureau board authority network news times post journal motors forces "
    "army navy police guard campaign caucus coalition organization organisation alliance federation league club "
    "church center centre society hospital school council watch".split())
_FUNCTION = frozenset(
    "the a an and but or so yet in on at as after before when while if though although because since until during "
    "for from with by to of this that these those it its he she they we i you his her their our there here then now "
    "also however meanwhile still even only just last next earlier later what who why how where not no yes "
    "according plus despite among without instead unlike under through about asked some many most all both each "
    "every several other another such more less much please thanks which whose do does did is are was were be has "
    "have had will would could should can must might let like".split())
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december i today yesterday tomorrow tonight".split())


def _key(token: str) -> str:
    key = token.rstrip(".").lower()
    return key.removesuffix("-elect")  # "President-elect" is a title


_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d|t)$", re.I)
_OPENERS = frozenset("“‘\"'(:—–-")


def _tokens(text: str) -> list[tuple[str, bool, bool]]:
    """(word, ends_name, opens) triples. A possessive or a sentence-final full stop ends a name; a
    word opens a clause at the sentence's start or after an opening quote, bracket, colon or dash."""
    out = []
    opens = True
    for m in _WORD.finditer(text):
        word = m.group(0)
        if not word[0].isalnum():
            out.append((word, True, False))
            opens = opens or word in _OPENERS
            continue
        ends = False
        if word.endswith(".") and not (_key(word) in _ABBREVIATIONS or _INITIALS.fullmatch(word)
                                       or (len(word) == 2 and word[0].isupper())):
            word, ends = word.rstrip("."), True
        if _CONTRACTION.search(word) or (word.isupper() and len(word) > 6):
            out.append(("#", True, False))  # "I’m", "Don't"; a dateline or shouted word ("WASHINGTON —"): not names
            opens = False
            continue
        if _POSSESSIVE.search(word):  # "Obama's", "Jones'"
            word, ends = _POSSESSIVE.sub("", word), True
        if word:
            out.append((word, ends, opens))
        opens = False
    return out


def _name_word(word: str) -> bool:
    return word[0].isupper() and word[0].isalpha()


def _links_names(tokens: list[tuple[str, bool, bool]], i: int, before: str) -> bool:
    """Whether word ``i`` is a particle inside a name ("Bank of America", "Department of the Treasury",
    after an organisation word "Centers for Disease Control")."""
    if tokens[i][0] == "for" and _key(before).removesuffix("s") in ORG_WORDS | {"center"}:
        return len(tokens) > i + 1 and _name_word(tokens[i + 1][0])
    following = [t[0] for t in tokens[i:i + 3]]
    skipped = 0
    while following and following[0].lower() in _LINKS:
        following, skipped = following[1:], skipped + 1
    return skipped > 0 and bool(following) and _name_word(following[0])


def _runs(tokens: list[tuple[str, bool, bool]]):
    """Runs of capitalised words (name particles allowed inside), with whether the first opens a clause."""
    run: list[str] = []
    initial = False
    for i, (word, ends, opens) in enumerate(tokens):
        if _name_word(word):
            if not run:
                initial = opens
            run.append(word)
        elif run and _links_names(tokens, i, run[-1]):
            run.append(word)
            continue
        else:
            if run:
                yield initial, run
            run = []
            continue
        if ends:
            yield initial, run
            run = []
    if run:
        yield initial, run


def _strip(run: list[str], initial: bool, lowered: Counter, capital: Counter) -> tuple[tuple[str, ...], str]:
    """The name a run holds, and the title before it ("" if none); () when it holds none."""
    keys = [_key(w) for w in run]
    title = ""
    if keys[-1] not in ORG_WORDS:
        cut = max((i for i, k in enumerate(keys) if k in TITLES), default=-1) + 1
        if cut:
            title = " ".join(run[:cut])
            while keys[cut:cut + 1] == ["general"]:  # "Attorney General Eric Holder"
                cut += 1
            if keys[cut:cut + 1] == ["of"]:  # "Secretary of State Hillary Clinton": the name is found later
                cut += 2 if keys[cut + 1:cut + 2] == ["the"] else 1
                title += " of"
            run, keys = run[cut:], keys[cut:]
            initial = False
    if initial and keys and lowered[keys[0]] > capital[run[0]]:
        run, keys = run[1:], keys[1:]  # "After", "Democratic" opening a sentence: the corpus writes it in lower case
    while keys and (keys[0] in _LINKS or keys[0] in _FUNCTION):
        run, keys = run[1:], keys[1:]
    while keys and keys[-1] in _LINKS:
        run, keys = run[:-1], keys[:-1]
    if not run or len(run) > MAX_TOKENS or (len(run) == 1 and (keys[0] in _NOT_NAMES or keys[0] in TITLES)):
        return (), title
    return tuple(run), title


Casing = tuple[Counter, Counter]


def _count_casing(tokenised) -> Casing:
    lowered, capital = Counter(), Counter()
    for tokens in tokenised:
        for word, _, opens in tokens:
            if word[0].islower():
                lowered[word] += 1
            elif not opens:
                capital[word] += 1
    return lowered, capital


def word_casing(texts) -> Casing:
    """How often each word is written in lower case, and capitalised inside a sentence: whether a
    capitalised sentence opener is a common word. Pass it to :func:`suggest_actors` to judge a
    subset (one story) by the whole corpus's usage."""
    return _count_casing(_tokens(str(t)) for t in texts)


def _mentions(texts: pd.Series, casing: Casing | None) -> list[tuple[int, tuple[str, ...], str]]:
    """(row, name tokens, title) for every name candidate in ``texts`` (index = sentence row)."""
    tokenised = [(row, _tokens(text)) for row, text in texts.items()]
    lowered, capital = casing or _count_casing(t for _, t in tokenised)
    out = []
    for row, tokens in tokenised:
        for initial, run in _runs(tokens):
            name, title = _strip(run, initial, lowered, capital)
            if name:
                out.append((row, name, title))
    return out


def _title_word(title: str) -> str:
    """The title proper of a stripped prefix, as written ("Republican Sen." -> Sen.; "Attorney General" -> Attorney)."""
    return next((w for w in reversed(title.split()) if _key(w) in TITLES), "")


def _after_complement(name: tuple[str, ...], counts: Counter) -> tuple[str, ...]:
    """The name after a title's complement ("Director of National Intelligence James Clapper" holds
    "National Intelligence James Clapper"): the longest tail named elsewhere, else the last two
    words; nothing when only the complement is left ("Secretary of State")."""
    if len(name) < 2:
        return ()
    return next((name[i:] for i in range(1, len(name)) if counts.get(name[i:], 0)), name[-2:])


class _Union:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a, b) -> None:
        self.parent[self.find(a)] = self.find(b)


def _is_org(name: tuple[str, ...]) -> bool:
    return _key(name[-1]) in ORG_WORDS or (len(name) == 1 and name[0].isupper() and len(name[0]) > 1)


def _person_like(name: tuple[str, ...]) -> bool:
    """A full name: two to four words, no particles, no organisation word, no acronym."""
    return 2 <= len(name) <= 4 and not _is_org(name) \
        and not any(w.lower() in _LINKS or (w.isupper() and not _INITIALS.fullmatch(w)) for w in name)


def _acronym(name: tuple[str, ...]) -> str:
    return "".join(w[0] for w in name if w.lower() not in _LINKS).upper()


def _shorten(name: tuple[str, ...], counts: Counter) -> tuple[str, ...]:
    """A long run as the commoner name it holds: "Jay Inslee of Washington" -> Jay Inslee,
    "Republican John Boehner" -> John Boehner (only when that name is at least as common alone)."""
    if "of" in name[1:]:
        head = name[:name.index("of", 1)]
        if counts.get(head, 0) >= counts[name]:
            return head
    if len(name) >= 3 and name[1].lower() not in _LINKS and counts.get(name[1:], 0) >= counts[name]:
        return name[1:]
    return name


def _resolve(frame: pd.DataFrame) -> tuple[pd.Series, dict]:
    """Each mention's full name, and the bare surnames that name one person in most of their articles.

    In an article, a bare surname ("Obama", after "Mr."/"President" or not) is the full name the article
    gave it; with no full name there but a title ("Mr. Obama"), the corpus's commonest full name with
    that surname. A surname left bare joins that full name too when most of its articles resolved it
    so (then "Washington" the city stays apart from "George Washington")."""
    names = frame["name"]
    full_by_last: dict[str, Counter] = defaultdict(Counter)
    in_article: dict[tuple[str, str], Counter] = defaultdict(Counter)
    titled = set()
    for article, name, person in zip(frame["article"], names, frame["person"]):
        if _person_like(name):
            full_by_last[name[-1]][name] += 1
            in_article[(article, name[-1])][name] += 1
        elif len(name) == 1 and person:
            titled.add((article, name[0]))
    resolved, done, bare = [], defaultdict(set), defaultdict(set)
    for article, name in zip(frame["article"], names):
        if len(name) == 1 and name[0] in full_by_last:
            here = in_article.get((article, name[0]))
            if here or (article, name[0]) in titled:
                name = (here or full_by_last[name[0]]).most_common(1)[0][0]
                done[name[-1]].add(article)
            else:
                bare[name[0]].add(article)
        resolved.append(name)
    named = defaultdict(set)  # articles that give a full name (or a titled surname) for each surname
    for (article, last) in in_article:
        named[last].add(article)
    joins = {}
    for last, articles in bare.items():
        with_name = done[last] | named[last]
        if len(with_name) >= len(articles | with_name) / 2:
            joins[(last,)] = full_by_last[last].most_common(1)[0][0]
    return pd.Series(resolved, index=frame.index), joins


def _merge(frame: pd.DataFrame, joins: dict) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Full name -> the representative of its actor (middle names, plurals, acronyms, spellings)."""
    from rapidfuzz import fuzz, process  # imported on first use, like scipy in stats

    names = Counter(frame["full"])
    union = _Union()
    for name in names:
        union.find(name)
    for bare, full in joins.items():
        if bare in names:
            union.join(bare, full)
    by_ends: dict[tuple[str, str], list] = defaultdict(list)
    for name in names:
        if _person_like(name):
            by_ends[(name[0], name[-1])].append(name)
    for group in by_ends.values():  # "George W. Bush" and "George Bush"
        for name in group[1:]:
            union.join(name, group[0])
    for name in names:
        if len(name) == 1 and (name[0] + "s",) in names:  # "Republican" and "Republicans"
            union.join(name, (name[0] + "s",))
    # an acronym is the commonest organisation name with its initials that shares an article with it
    articles = frame.groupby("full", sort=False)["article"].agg(set)
    for short in [n for n in names if len(n) == 1 and n[0].isupper() and 2 <= len(n[0]) <= 6]:
        expansions = [n for n in names if len(n) >= 2 and _acronym(n) == short[0]
                      and (_is_org(n) or len([w for w in n if w.lower() not in _LINKS]) >= 3)
                      and articles[n] & articles[short]]
        if expansions:
            union.join(short, max(expansions, key=names.__getitem__))
    labels = [" ".join(n) for n in names]
    keys = list(names)
    scores = process.cdist(labels, labels, scorer=fuzz.ratio, score_cutoff=FUZZY, workers=1)
    for i, j in zip(*scores.nonzero()):
        if i < j and len(keys[i]) == len(keys[j]) and min(len(labels[i]), len(labels[j])) >= 5 \
                and labels[i][0] == labels[j][0]:
            union.join(keys[i], keys[j])
    return {name: union.find(name) for name in names}


def _slug(label: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "actor"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug


SUGGESTION_COLUMNS = ["id", "label", "kind", "aliases", "outlets", "articles", "mentions", "in_lexicon", "examples"]


def suggest_actors(sentences: pd.DataFrame, *, articles: Collection[str] | None = None, lexicon: Lexicon | None = None,
                   top: int | None = 50, min_articles: int = 1, casing: Casing | None = None) -> pd.DataFrame:
    """Suggested actors of ``sentences`` (or of the ``articles`` among them), most widely named first.

    Columns: ``id`` (unique slug), ``label``, ``kind`` (person / organisation / place, a guess),
    ``aliases`` (spellings and titled forms as written, commonest first), ``outlets``, ``articles``
    and ``mentions`` naming it, ``in_lexicon`` (the ``lexicon`` actor sharing an alias, else "")
    and ``examples`` (up to three sentences, from different outlets where possible). ``casing``
    (:func:`word_casing`) judges sentence openers; by default, by ``sentences``' own usage.
    """
    if articles is not None:
        sentences = sentences[sentences["article"].isin(list(articles))]
    found = _mentions(sentences["text"], casing)
    if not found:
        return pd.DataFrame(columns=SUGGESTION_COLUMNS)
    rows, names, titles = zip(*found)
    frame = pd.DataFrame({"row": rows, "name": names, "title": titles})
    frame["article"] = sentences.loc[frame["row"], "article"].astype(str).to_numpy()
    frame["outlet"] = sentences.loc[frame["row"], "outlet"].astype(str).to_numpy()
    frame["person"] = [_key(_title_word(t)) in _PERSON_TITLES for t in frame["title"]]
    counts = Counter(n for n, t in zip(frame["name"], frame["title"]) if not t.endswith(" of"))
    frame["name"] = [_after_complement(n, counts) if t.endswith(" of") else _shorten(n, counts) if len(n) >= 3 else n
                     for n, t in zip(frame["name"], frame["title"])]
    frame = frame[frame["name"].map(len) > 0]
    if frame.empty:
        return pd.DataFrame(columns=SUGGESTION_COLUMNS)
    frame["full"], joins = _resolve(frame)
    frame["actor"] = frame["full"].map(_merge(frame, joins))
    # as written, and a bare surname with its title too ("Mr. Obama", "President Obama")
    frame["written"] = [" ".join(n) for n in frame["name"]]
    frame["titled"] = [f"{_title_word(t)} {n[0]}" if p and len(n) == 1 and not t.endswith(" of") else ""
                       for n, t, p in zip(frame["name"], frame["title"], frame["person"])]
    groups = frame.groupby("actor", sort=False)
    stats = groups.agg(outlets=("outlet", "nunique"), articles=("article", "nunique"), mentions=("row", "size"),
                       person=("person", "any"))
    stats = stats[stats["articles"] >= min_articles].sort_values(["outlets", "articles", "mentions"], ascending=False)
    if top is not None:
        stats = stats.head(top)
    owners = lexicon.alias_owner if lexicon is not None else {}
    positions = groups.indices
    claimed: set[str] = set()
    taken: set[str] = set()
    out = []
    for actor, r in stats.iterrows():
        part = frame.iloc[positions[actor]]
        full = Counter(n for n in part["full"] if len(n) >= 2)
        name = full.most_common(1)[0][0] if full else Counter(part["full"]).most_common(1)[0][0]
        if len(name) == 1 and (name[0] + "s",) in set(part["full"]):
            name = (name[0] + "s",)  # "Republicans", not "Republican"
        forms = Counter(part["written"]) + Counter(t for t in part["titled"] if t) \
            + Counter(" ".join(n) for n in part["full"] if len(n) >= 2)
        aliases = [a for a, _ in forms.most_common() if a not in claimed]  # an alias names one actor only
        claimed.update(aliases)
        if not aliases:
            continue
        examples = part.drop_duplicates("outlet").head(EXAMPLES)
        if len(examples) < EXAMPLES:
            examples = pd.concat([examples, part.drop(examples.index).head(EXAMPLES - len(examples))])
        if r["person"] or (_person_like(name) and any(len(n) == 1 for n in part["name"])):
            kind = "person"  # titled somewhere, or named by surname alone
        else:
            kind = "organisation" if len(name) >= 2 or _is_org(name) or name[0].endswith("s") else "place"
        out.append({
            "id": _slug(" ".join(name), taken), "label": " ".join(name), "kind": kind, "aliases": aliases,
            "outlets": int(r["outlets"]), "articles": int(r["articles"]), "mentions": int(r["mentions"]),
            "in_lexicon": next((owners[a] for a in aliases if a in owners), ""),
            "examples": [{"outlet": e.outlet, "article": e.article, "sentence": int(sentences.at[e.row, "sentence"]),
                          "text": str(sentences.at[e.row, "text"])} for e in examples.itertuples()],
        })
    return pd.DataFrame(out, columns=SUGGESTION_COLUMNS)


def lexicon_entries(suggestions: pd.DataFrame, lexicon: Lexicon) -> list[dict]:
    """Actor entries (the ``actors.yaml`` format) for suggestions, leaving out aliases and ids the
    lexicon already has, so adding them never gives one alias two owners."""
    owned = set(lexicon.alias_owner)
    ids = {a.id for a in lexicon.actors}
    entries = []
    for r in suggestions.itertuples():
        aliases = [a for a in r.aliases if " ".join(a.split()) not in owned]
        if not aliases:
            continue
        entries.append({"id": _slug(r.id, ids), "label": r.label, "kind": r.kind, "aliases": aliases, "roles": []})
        owned.update(aliases)
    return entries
