"""Who is quoted: direct quotes and reported speech, attributed to their speakers.

Direct quotes are found by scanning quote marks (straight and curly, mixed, spanning paragraphs
when the next paragraph reopens the quote or a paragraph soon after closes it, unbalanced marks
closed at the paragraph end), and single curly marks (‘…’) outside double ones.
A quote is attributed from the words around it: a reporting verb after it (", Biden said",
", said Sen. Tom Carper", "…, according to the sheriff's office") or before it ("Biden said: …",
"According to Carper, …"), a dash ("— Tom Carper") or a titled name alone ("…," Sen. Tom Carper);
else from a next sentence that only attributes it ("“…” Carper said on Monday.") or the sentence that
introduces it with a colon ("AAM President Scott Paul had this to say:"). A pronoun ("he said") goes to
the last person who spoke or was introduced with an appositive ("Its director, Tulio de Oliveira, …"),
to nobody when the last speaker was unnamed, and, before anyone has spoken, to the only titled person
named in this paragraph or the one before; "it said" and "the statement read" go to an organisation that spoke
just before. A label before a colon names the speaker too ("Hal Harrell: “…”"). A
role ("the governor", "the British PM") is the one person introduced with that title, and an acronym the
organisation spelled out before it ("the World Health Organization (WHO)"). A quote opening its sentence
with no attribution of its own continues the quote or reported speech just before it. Reported speech is
a sentence without quotes whose speaker is followed by a reporting verb ("Sullivan also said the
U.S. would…"), or "according to X", or a long sentence's last clause (", the harbour board said in a statement.").

More shapes: the sentence's subject speaks a quote after a participle ("Mayor Ada Verne praised the crews, saying
“…”") or a document it issued ("DockWorks released a statement that “…”"); "His full statement read: “…”" is the
pronoun's; an inverted verb may put a describing phrase before the name ("…," said British tourist Ada Verne); "the
hospital said" is the name ending in that noun just before ("Kent Memorial Hospital"). Besides an appositive, a
sentence opening with a titled person, or a known person by surname, first name or full name, with nobody else
known named in it, tells whom the next "he"/"she" means; a gendered honorific ("Mr") vetoes the other pronoun.
Organisations: "the company"/"the firm" is the company last named as a subject ("OceanGate"), a board speaks for
what it governs ("OpenAI's board"), "the Met", "the Norfolk Southern railroad", "a No 10 spokesman", initials right
after a quote ("…," NASA writes), "it"/"they" for the organisation that just spoke, "the Belarusian statement" for
the organisation named with that word. The speaker is the subject of the reporting verb nearest the quote: not a
name inside the clause it reports ("Friends say she will …", "… posted that the district attorney says …").
Marks: „ opens a quote, and so does ” at a paragraph's start or after a space, before a word.
Relative pronouns speak for the name before them ("PEN America, which said"); a first name alone next to its verb is
the one person named in full with it; "Norland's president" is one office; "Verne’s post said" and "…,” read a Harbour
Palace statement" name their issuers. A role is nobody when a title held of a place ("the Princess of Wales") is another
holder; a pronoun that undergoes a passive verb or stands in another verb's clause, a verb after a quote in another
clause ("… while X said"), and reported speech in a subordinate clause ("after X said …") attribute nothing.

The speaker is a lexicon actor's id when one is named there (people and organisations); otherwise
the person's name as written, titles stripped and a surname completed from the article ("Portman"
-> "Rob Portman"), or an organisation's noun phrase ("the ministry said" -> "ministry").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from dashboard.analysis.coverage import similar_pairs, union_find
from dashboard.corpus import Article, Corpus
from dashboard.lexicons import Lexicon, Match
from dashboard.segment import Sentence

_OPEN, _CLOSE = "“„\"", "”\""  # „ opens (German-style „…“ and „…”)
MIN_QUOTE_WORDS = 2
QUOTE_COLUMNS = ["outlet", "article", "sentence", "paragraph", "speaker", "verb", "text", "direct", "words", "start", "end"]


@dataclass
class _Quote:
    start: int  # offset of the first quoted character in clean_text
    end: int  # offset after the last quoted character
    paragraph: int
    speaker: str | None = None
    verb: str | None = None
    person: bool = False  # the speaker is a person (pronouns refer back to people only)
    single: bool = False  # in single marks (‘…’): headlines and nested words more often than speech
    opens_sentence: bool = False  # nothing but punctuation before it in its sentence
    pronoun: str | None = None  # "he" or "she" when a pronoun attributed it


def _paragraph_spans(article: Article) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for p in article.paragraphs:
        spans.append((offset, offset + len(p)))
        offset += len(p) + 2
    return spans


_MARKS = re.compile("[" + re.escape("".join(sorted(set(_OPEN + _CLOSE)))) + "]")


def _opens(text: str, pos: int) -> bool:
    ch = text[pos]
    return ch in "“„" or (ch == '"' and (pos == 0 or not text[pos - 1].isalnum())) or _misturned_open(text, pos)


def _misturned_open(text: str, pos: int) -> bool:
    """A closing mark used to open (”We will go,” she said): at a paragraph's start or after a space, before a word."""
    return (text[pos] == "”" and (pos == 0 or text[pos - 1] in " \n") and pos + 1 < len(text)
            and text[pos + 1].isalnum())


def _glued_open(text: str, pos: int) -> bool:
    """A closing mark used to open right after a sentence's end, no space between (…is dead.”We have…): only where no
    quote is open (an open quote's ” there closes it)."""
    return (text[pos] == "”" and pos > 0 and text[pos - 1] in ".!?" and pos + 1 < len(text)
            and text[pos + 1].isupper())


_CARRY_PARAGRAPHS = 3  # an unclosed quote runs on through at most this many paragraphs without marks to its close


def _closes_later(text: str, spans: list[tuple[int, int]], index: int) -> int | None:
    """The paragraph (``index`` or one of the next few) whose first quote mark closes a quote left open before
    ``index``, when the paragraphs before it have no marks at all: a long quote whose writer did not reopen it."""
    for k in range(index, min(index + _CARRY_PARAGRAPHS, len(spans))):
        mark = _MARKS.search(text, *spans[k])
        if mark:
            return k if text[mark.start()] in _CLOSE and not _opens(text, mark.start()) else None
    return None


_SINGLE = re.compile(r"(?<![^\s(\[—–“])‘(?=\S)(?:[^‘’“”\"\n]|’(?=\w))*?(?<=\S)’(?![\w’])")


def _single_quotes(article: Article, spans: list[tuple[int, int]], double: list[_Quote]) -> list[_Quote]:
    """Quotes in single curly marks (‘…’) outside double-quoted spans: an opening ‘ after a space or start, a closing ’
    not followed by a letter (so "Floyd’s" and "don’t" are apostrophes, inside a quote too), within one paragraph."""
    text, found = article.clean_text, []
    inside = [(q.start - 1, q.end + 1) for q in double]
    for index, (p_start, p_end) in enumerate(spans):
        for m in _SINGLE.finditer(text, p_start, p_end):
            if not any(a <= m.start() < b for a, b in inside):
                found.append(_Quote(m.start() + 1, m.end() - 1, index, single=True))
    return found


def _misturned_close(text: str, pos: int) -> bool:
    """An opening mark used to close ("…for it,“ the chief said"): after a word or punctuation, before a space."""
    return text[pos] == "“" and pos > 0 and not text[pos - 1].isspace() and (pos + 1 == len(text) or text[pos + 1].isspace())


def find_quotes(article: Article) -> list[_Quote]:
    """Quoted spans in an article's clean text; never raises on odd or unbalanced marks.

    A quote still open at a paragraph's end continues when the next paragraph starts with an
    opening mark (the news convention for multi-paragraph quotes), or when a paragraph soon after
    closes it with no marks in between; otherwise it ends there. Single curly marks (‘…’) quote
    too, outside double marks.
    """
    text = article.clean_text
    quotes: list[_Quote] = []
    open_at: int | None = None
    open_paragraph = 0
    previous_end = 0
    spans = _paragraph_spans(article)
    carry_until = -1
    for index, (p_start, p_end) in enumerate(spans):
        first = p_start
        if open_at is not None and index > carry_until:
            if text[p_start:p_start + 1] in _OPEN:
                first = p_start + 1  # reopened: the same quote goes on
            elif (closing := _closes_later(text, spans, index)) is not None:
                carry_until = closing  # runs on without reopening marks, closed in paragraph ``closing``
            else:
                quotes.append(_Quote(open_at, previous_end, open_paragraph))
                open_at = None
        for mark in _MARKS.finditer(text, first, p_end):  # only quote marks can open or close a quote
            pos = mark.start()
            if open_at is None and (_opens(text, pos) or _glued_open(text, pos)):
                open_at, open_paragraph = pos + 1, index
            elif open_at is not None and (text[pos] in _CLOSE or _misturned_close(text, pos)):
                quotes.append(_Quote(open_at, pos, open_paragraph))
                open_at = None
        previous_end = p_end
    if open_at is not None:
        quotes.append(_Quote(open_at, previous_end, open_paragraph))
    if "‘" in text:
        quotes = sorted(quotes + _single_quotes(article, spans, quotes), key=lambda q: q.start)
    return [q for q in quotes if len(text[q.start:q.end].split()) >= MIN_QUOTE_WORDS]


def quote_text(article: Article, q: _Quote) -> str:
    """The quoted words, with paragraph breaks and reopening marks of a long quote folded."""
    return " ".join(article.clean_text[q.start:q.end].replace("\n\n“", " ").replace('\n\n"', " ").split())


# A sentence the segmenter ended after a title or initials ("said Rev.", "Director E.J.") goes on in the next one.
_GLUED_WORDS = frozenset("Rev Revd Fr Msgr Hon Supt Insp Det Cpl Pvt Cmdr Brig Maj Amb".split())
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}[A-Z]")


def _glued(sentence: str) -> bool:
    if not sentence.endswith("."):
        return False
    word = sentence[sentence.rfind(" ") + 1:-1]
    return word in _GLUED_WORDS or (word[1:2] == "." and bool(_INITIALS.fullmatch(word)))


def _sentence_bounds(article: Article, offset: int) -> tuple[int, int, int]:
    """Index, start and end of the sentence containing (or last starting before) ``offset``, with
    neighbours in its paragraph that a title or initials wrongly split off it joined on."""
    sentences = article.sentences
    current = sentences[0]
    for s in sentences:
        if s.start > offset:
            break
        current = s
    first = last = current.index
    while first > 0 and sentences[first - 1].paragraph == current.paragraph and _glued(sentences[first - 1].text):
        first -= 1
    while (last + 1 < len(sentences) and sentences[last + 1].paragraph == current.paragraph
           and _glued(sentences[last].text)):
        last += 1
    return current.index, sentences[first].start, sentences[last].end


VERBS = (
    "said", "says", "say", "told", "tells", "continued", "responded", "added", "adds", "replied", "insisted", "noted",
    "stressed", "warned", "warns", "explained", "argued", "wrote", "tweeted", "posted", "asked", "answered", "recalled",
    "admitted", "conceded", "cautioned", "vowed", "pledged", "joked", "quipped", "complained", "countered", "remarked",
    "observed", "announced", "declared", "acknowledged", "claimed", "claims", "emphasized", "emphasised", "reiterated",
    "described", "concluded", "asserted", "asserts", "mentioned", "urged", "confirmed", "suggested", "accused", "stated",
    "according to", "quoted as saying", "saying", "adding", "assured", "hailed", "slammed", "called", "calling",
    "pleaded", "shouted", "chanted", "testified", "lamented", "boasted", "recounted", "stating", "implored", "exclaimed",
    "marveled", "marvelled", "yelled", "writes", "explains", "reports", "argues", "insists", "stresses", "revealed", "reported",
    "accusing", "was quoted as saying", "is quoted as saying", "spoke of", "describes", "noting", "announces", "proclaimed",
    "proclaims",
)
# Without quote marks these verbs rarely report speech ("Carper continued to…", "posted a video") unless "that" follows.
_QUOTE_ONLY = {"continued", "responded", "replied", "answered", "asked", "recalled", "observed", "posted", "wrote",
               "tweeted", "countered", "concluded", "quoted as saying", "saying", "adding", "assured", "hailed",
               "slammed", "called", "calling", "pleaded", "shouted", "chanted", "testified", "lamented", "boasted",
               "recounted", "stating", "implored", "exclaimed", "marveled", "marvelled", "yelled", "writes", "reports",
               "revealed", "reported", "accusing", "was quoted as saying", "is quoted as saying", "spoke of", "noting",
               "announces", "proclaimed", "proclaims"}  # "revealed a plan" reports nothing; "revealed that …" does
# These report a quote next to them, never a sentence without one ("…, adding that", "called a meeting").
_NEXT_TO_QUOTES = {"quoted as saying", "saying", "adding", "assured", "hailed", "slammed", "called", "calling", "pleaded",
                   "shouted", "chanted", "testified", "lamented", "boasted", "recounted", "stating", "implored",
                   "exclaimed", "marveled", "marvelled", "yelled", "accusing", "was quoted as saying",
                   "is quoted as saying", "spoke of", "noting"}
# After these verbs comes the listener, not the speaker ("…," an aide told Reuters).
_LISTENER_FOLLOWS = {"told", "tells", "urged", "accused", "described", "saying", "stating", "adding", "calling", "called",
                     "assured", "hailed", "slammed", "accusing", "describes", "noting"}
_VERB = (r"\b(?:(?:has|had|have|also|further|then|later|again)\s+)*(?P<verb>"
         + "|".join(v.replace(" ", r"\s+") for v in VERBS) + r")\b")
_VERB_RE = re.compile(_VERB, re.I)


@lru_cache(maxsize=4096)
def _verb_pattern(present: frozenset[str]) -> re.Pattern:
    """:data:`_VERB` with only the verbs whose first word is in ``present``: one or two alternatives instead of all."""
    verbs = "|".join(v.replace(" ", r"\s+") for v in VERBS if v.split()[0] in present)
    return re.compile(_VERB[:_VERB.index("(?P<verb>")] + f"(?P<verb>{verbs})\\b")


def _verbs(text: str, words: list[str] | None = None) -> list[re.Match]:
    """The reporting verbs of ``text`` (``words``: its lower-case words, if known); their offsets are ``text``'s
    (lower-casing that changes a length, as some non-Latin capitals do, falls back to the case-blind pattern)."""
    lower = text.lower()
    if len(lower) != len(text):
        return list(_VERB_RE.finditer(text))
    present = _VERB_WORDS.intersection(_WORDS.findall(lower) if words is None else words)
    return list(_verb_pattern(frozenset(present)).finditer(lower)) if present else []


_VERB_WORDS = frozenset(v.split()[0] for v in VERBS)  # a text without one of these has no match of _VERB_RE
# Reported speech needs one of these, or "that" and one of the verbs that report it only before "that".
_REPORTING_WORDS = frozenset(v.split()[0] for v in VERBS if v not in _QUOTE_ONLY)
_THAT_VERB_WORDS = frozenset(v.split()[0] for v in _QUOTE_ONLY - _NEXT_TO_QUOTES)
_WORDS = re.compile(r"\w+")
_SAID = {"said", "says"}  # inverted after a comma anywhere in a sentence ("…, said Sen. Tom Carper")
_NOT_INVERTED = _QUOTE_ONLY | _LISTENER_FOLLOWS  # never open a sentence as "Said X, …" ("Asked about…, X said")
_SPACE = re.compile(r"\s*")
_PRONOUN = re.compile(r"^\s*[,.]?\s*(?P<pronoun>he|she)\s+" + _VERB, re.I)
# The sentence's last clause after a quote and other words: "“…” with most hurt at sea, he added."
_TRAILING_PRONOUN = re.compile(r",\s*(?P<pronoun>he|she)\s+" + _VERB, re.I)
_ACCORDING_LEAD = re.compile(r"\s*(?i:according)\s+to\b")  # a sentence opening with its source
# "…,” it said" (and "…,” they added" after officials of one): the organisation that spoke just before.
_IT = re.compile(r"^\s*[,.]?\s*(?:it|they)\s+" + _VERB, re.I)
# "It also said it was “…”", "In a statement, it said that “…”": the same, as the sentence's subject.
_IT_BEFORE = re.compile(r"^\s*(?:(?:In|On|At)\b[^,“”\"]{0,40},\s*)?(?i:it)\s+" + _VERB)
# "…,” the statement read: the organisation that spoke just before ("his statement": the person).
_DOCUMENT = re.compile(r"^\s*[,.]?\s*(?:(?P<owner>the|its|their|his|her|(?-i:[A-Z])[\w.-]*['’]s)\s+|(?=(?-i:[A-Z])))(?P<mods>(?:[\w-]+\s+){0,2}?)"
                       r"(?:statement|post|tweet|message|letter)\s+(?P<verb>said|says|read|reads|continued|added|stated|states)\b",
                       re.I)
# "…,” read a DockWorks statement" / "…,” read the statement": the same, the verb first.
_DOCUMENT_INVERTED = re.compile(r"^\s*[,.]?\s*(?P<verb>read|reads|said|says|stated|states)\s+(?P<owner>the|a|an|its|their|his|her)\s+"
                                r"(?P<mods>(?:[\w'’.-]+\s+){0,3}?)(?:statement|post|tweet|message|letter)\b", re.I)
# "His full statement read: “…”": the document's owner says the quote it introduces ("The statement reads:" the
# organisation's that spoke just before).
_DOCUMENT_BEFORE = re.compile(r"(?:^|[.;]\s+|,\s+)(?P<owner>the|its|their|his|her)\s+(?P<mods>(?:[\w-]+\s+){0,2}?)"
                              r"(?:statement|post|tweet|message|letter|report)\s+(?P<verb>said|says|read|reads|stated|"
                              r"added|concluded|continued)\s*[,:]?\s*$", re.I)


def _issued_by(modifiers: str, organisation: str) -> bool:
    """Whether a statement described by ``modifiers`` can be ``organisation``'s: a capitalised modifier names its
    issuer ("the Belarusian statement" is not the Kremlin's), unless the organisation's name holds it or it is the
    name's initials ("WHO statement" of the World Health Organisation)."""
    words = _WORDS.findall(organisation.replace("_", " "))
    names = {w.lower() for w in words}
    initials = "".join(w[0] for w in words if w[0].isupper())
    return all(w.lower() in names or w == initials for w in modifiers.split() if w[:1].isupper())


_THAT = re.compile(r"\s+that\b", re.I)
# An organisation's initials alone between a quote and its verb ("…,” NASA writes"); two letters are too often a
# country ("US"). Only there: before a quote, "NHK reports X as saying" names who relays the words.
_INITIALS_SUBJECT = re.compile(r"[\s,.]*([A-Z]{3,6})\s+")
# After a quote, a conjunction opens another clause whose subject comes right before its verb ("“…” while the minister
# said that …"): that verb does not attribute the quote (an adverbial clause ends with a comma: "“…” as the storm
# moves north, Criswell said").
_NEW_CLAUSE = re.compile(r"[\s,.;:—–-]*(?:while|whereas|but|and|as|when|although|though)\b[^,]*", re.I)
_DASH = re.compile(r"\s*[—–]\s*")
# A sentence's last clause that only attributes it: ", <a name of at most six words> said" …
_TRAILING_SUBJECT = re.compile(r",\s+(?:[\w'’.-]+\s+){0,5}[\w'’.-]+\s+(?:(?:has|had|also|later)\s+)?$")
# … and then at most a short adjunct to the sentence's end (", said in a statement.", "said on Friday.").
_CLAUSE_END = re.compile(r"(?:\s+(?:on|in|at|during|late|early|this|last|to|from)\b[^,;:“”\"]{0,50})?\s*[.!]?\s*$")

# Names: runs of capitalised words ("Sen.", "Tom", "Jean-Pierre", "al-Assad"), linked by spaces, name particles,
# "of (the)" and lower-case titles ("Kremlin spokesman Dmitry Peskov"). Titles and leading function words are
# stripped afterwards, so the run itself can stay simple.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_CAP = rf"(?<![\w'’.-])(?:[a-z]{{1,2}}-)?(?:(?:[{_UPPER}]\.){{2,3}}(?=\s)|[{_UPPER}][a-z]{{0,3}}\.(?=\s)|[{_UPPER}][\w'’-]*)"
_LINK = (r"[^\S\n]+(?:(?:of(?: the)?|de(?: la)?|da|del|van(?: de[rn])?|von(?: der)?|der|bin|ibn|spokes(?:man|woman|person)|"
         r"aide|adviser|minister|(?:press\s+)?secretary|envoy|chief|president|director|chair(?:man|woman)?|leader|head|"
         r"commissioner|governor|mayor|ambassador)[^\S\n]+)?")
_RUN_BODY = rf"{_CAP}(?:{_LINK}{_CAP})*"
_RUN = re.compile(_RUN_BODY)
_RUN_END = re.compile(_RUN_BODY + r"$")
# Names joined by commas and "and" up to where the last one starts ("Ada Verne, Otto Lund and ").
_LISTED_BEFORE = re.compile(rf"(?:{_RUN_BODY}\s*,\s*)*{_RUN_BODY},?\s+(?:and|&)\s+$")


def _unpossessed(run: str) -> str:
    """The possessor a run ending in a possessive names: "Ms Ada Verne’s (party)" -> "Ms Ada Verne"."""
    return run[:-2] if run.endswith(("'s", "’s")) else run


TITLES = frozenset(
    "mr mrs ms mx dr prof sen senator rep representative congressman congresswoman gov governor president premier "
    "chancellor secretary secretary-general minister ambassador mayor judge justice speaker chief chairman chairwoman "
    "commissioner director gen general lt col maj capt cmdr adm admiral sgt sir dame lady lord spokesman spokeswoman "
    "spokesperson aide adviser advisor envoy king queen prince princess pope rev rabbi imam sheikh pm mp mep ceo "
    "lead head leader chair sheriff detective officer trooper coach attorney prosecutor inspector superintendent "
    "commander coroner sergeant captain colonel lieutenant cardinal archbishop bishop pastor reverend emir sultan".split())
# A title that goes with a given name alone ("Pope Francis", "King Charles"): such a one-word name is a person's name.
_REGNAL = frozenset("pope king queen prince princess sheikh emir sultan cardinal".split())
_PLACE_NOUNS = frozenset("county city street road avenue island park bridge hospital college school district".split())  # "King County"
_FUNCTION = frozenset(
    "the a an and but or so yet in on at as after before when while if though although because since until during "
    "for from with by to of this that these those it its he she they we i you his her their our there here then now "
    "also however meanwhile still even only just last next earlier later".split())
# Not names when they open a run ("On Tuesday Carper…"); April, May, June and August can be first names or surnames.
_LEADING = _FUNCTION | frozenset(
    "today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february march july "
    "september october november december one two three four five six seven eight nine ten another some many several "
    "each every both all most few any no".split())  # quantifiers: "One Yangon resident told …" names nobody

# A role that refers back to the one person introduced with that title ("the governor" after "Gov. Andy Beshear",
# "the British PM" after "British Prime Minister …"); honorifics name no role.
_TITLE_KEYS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "pm": "prime-minister",
               "prof": "professor", "capt": "captain", "adm": "admiral", "sgt": "sergeant", "cmdr": "commander",
               "col": "colonel", "maj": "major", "lt": "lieutenant", "congresswoman": "representative",
               "congressman": "representative", "chairwoman": "chair", "chairman": "chair", "spokeswoman": "spokesperson",
               "spokesman": "spokesperson", "advisor": "adviser"}
_GENDERED = {**dict.fromkeys("mr sir lord king prince".split(), "he"),
             **dict.fromkeys("mrs ms miss dame lady queen princess".split(), "she")}
_KNIGHTED = frozenset({"Sir", "Dame"})  # titles that go with a first name alone ("Sir Keir")
_HONORIFICS = frozenset("mr mrs ms mx dr sir dame lady lord lead rev".split())


def _title_keys(tokens: list[str]) -> frozenset[str]:
    """The lower-case words of a name's run with titles spelled out ("Gov." -> governor, "Prime Minister" -> one key)."""
    keys = [t.rstrip(".").lower() for t in tokens]
    found = {_TITLE_KEYS.get(k, k) for k in keys}
    if any(a == "prime" and b == "minister" for a, b in zip(keys, keys[1:])):
        found.add("prime-minister")
    return frozenset(found)

# A one-word organisation name with a capital inside ("OceanGate said"); not a surname like "McCarthy" or "DeSantis".
_CAMEL = re.compile(r"(?!(?:Mc|Mac|De|Di|Da|Du|La|Le)[A-Z])[A-Z][a-z]+(?:[A-Z][a-z]+)+")
# A company's one-word name: camel-case, perhaps ending in an acronym ("OceanGate", "OpenAI").
_COMPANY_WORD = r"(?!(?:Mc|Mac|De|Di|Da|Du|La|Le)[A-Z])[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:[A-Z][a-z]+|[A-Z]{2,})"
# A company named as a sentence's subject (after its start, punctuation or a conjunction, not as an object: "the maker
# of ChatGPT"): one camel-case word or a name with a corporate suffix ("Acme Holdings Inc").
_COMPANY = re.compile(rf"(?:^|[.,;:—–(\n]|\b(?:and|but|as|while|when|after|that))\s*"
                      rf"(?P<name>{_COMPANY_WORD}|(?:[{_UPPER}][\w&'’-]*\s+){{1,3}}(?:Inc|Corp|Corporation|Ltd|LLC|plc|"
                      r"Holdings|Group))(?![\w-])(?!['’](?!s\b))")
# Nouns that refer back to the company the article is about ("the company said", "the firm's board").
_COMPANY_NOUNS = frozenset({"company", "firm"})

# Organisations: "the (foreign) ministry", "Russia's defence ministry", "the Biden administration", or a capitalised
# name ending in an organisation word ("State Department", "The New York Times", "Human Rights Watch").
_HEADS = ("ministry|department|office|bureau|agency|embassy|government|administration|police|army|military|court|council|"
          "committee|commission|company|bank|union|party|campaign|authority|service|organi[sz]ation|foundation|presidency")
_PROPER = "White House|Kremlin|Pentagon|Downing Street|Élysée|Elysee|Vatican"
_NAMED = "|".join(["Times|Post|News|Journal|Press|Group|Institute|University|Center|Centre|Association|Network|Watch|"
                    "Fund|Corporation|Forces|Guard|Guild|Society|Federation|Board|Alliance|Coalition|League|Palace",
          *(head.capitalize() for head in _HEADS.split("|"))])
_NOT_FUNCTION = rf"(?!(?:{'|'.join(sorted(_FUNCTION))}|who|which|said)\b)"
_MOD = _NOT_FUNCTION + r"[\w.'’-]+"
# A board (lower-case: "the Harbour Board" is a name) speaks for whoever it governs: "OpenAI's board", "the company's
# board", "the OpenAI board", "the board of directors of OpenAI" (the owner in group ``owner``, ``named`` or ``of``).
_BOARD_BODY = (rf"(?:(?P<owner>(?:(?i:the)\s+)?[\w-]+)['’]s?\s+|(?:(?i:the)\s+)?(?:(?P<named>{_CAP}(?:\s+{_CAP}){{0,2}})\s+)?)"
               rf"board\b(?:\s+of\s+directors)?(?:\s+of\s+(?:the\s+)?(?P<of>{_CAP}(?:\s+{_CAP}){{0,2}}))?")
_BOARD = re.compile(_BOARD_BODY)
# A name and then the kind of organisation it is, in lower case: "the Norfolk Southern railroad", "Rossiya 24 news
# channel", "Norland’s Vox news agency" (the name in group ``name``, without its country).
_KIND_BODY = (rf"(?:(?i:the)\s+|{_CAP}['’]s\s+)?(?P<name>(?!(?i:the|a|an|its|their)\b){_CAP}(?:\s+(?:{_CAP}|\d{{1,3}}))*)\s+"
              r"(?:news\s+|state\s+|TV\s+)?"
              r"(?:railroad|railway|airline|carrier|channel|broadcaster|newspaper|agency|network|outlet|company|firm)\b")
_KIND = re.compile(_KIND_BODY)
# What an organisation's head word is "of": "the Bureau of Prisons", "the Ministry of Health and Welfare".
_OF_TAIL = rf"(?:[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?[{_UPPER}][\w'’-]*(?:[^\S\n]+(?:and[^\S\n]+)?[{_UPPER}][\w'’-]*){{0,2}})?"
_ORG_BODY = (rf"(?:(?i:the|its|their)\s+|{_CAP}['’]s\s+)(?:{_MOD}\s+){{0,3}}?(?i:{_HEADS}|{_PROPER})\b{_OF_TAIL}"
             rf"|(?:{_CAP}\s+){{0,3}}(?:{_PROPER}|{_NAMED})\b{_OF_TAIL}"
             + "".join("|" + re.sub(r"\(\?P<\w+>", "(?:", body) for body in (_BOARD_BODY, _KIND_BODY)))
_ORG = re.compile(_ORG_BODY)
_ORG_END = re.compile(rf"(?:{_ORG_BODY})$")

_ACRONYM = re.compile(r"\([A-Z]{2,6}\)")
# "the hospital": a definite description that may refer back to a name ending in its noun ("Kent Memorial Hospital").
_DEFINITE = re.compile(r"(?i:the)\s+([a-z]{3,})\b")
_DEFINITE_END = re.compile(r"(?<![\w-])(?i:the)\s+[a-z]{3,}$")
_DESCRIBED_WITHIN = 1500  # characters before a quote searched for the name a definite description refers back to
# An organisation's name spelled out before its acronym: "the World Health Organization (WHO)".
_EXPANSION = re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’-]*[^\S\n]+(?:(?:of|for|and|on|the)[^\S\n]+)*){1,7}[A-Z][\w'’-]*)"
                        r"[^\S\n]*\(([A-Z]{2,6})\)")

# Between a name and its verb: a suffix (", Jr."), appositives (", the senator from Delaware,", ", R-Ohio,"), parentheses
# ("(D-Del.)"), a weekday or "this morning", adverbs; a trailing comma when the name is itself the appositive
# ("the senator from Delaware, Tom Carper, said").
_BETWEEN = re.compile(r"(?:\s*,?\s+(?:Jr|Sr)\b\.?|\s*,\s*(?:[a-z\d]|[DRI]-)[^,“”\"]{0,60},|\s*,\s*(?:who|which)\s[^,“”\"]{0,80}$|\s*\([^()]{0,60}\)|\s+(?:on\s+)?[MTWFS][a-z]+day"
                      r"|\s+(?:this\s+(?:morning|afternoon|evening|week)|today|yesterday|tonight|last\s+night)"
                      r"|\s+(?:also|has|had|have|was|were|then|later|earlier|again|once|previously|recently|further|[a-z]+ly))*"
                      r"\s*,?\s*$")
_TITLE_WORDS = "|".join(re.escape(t) for t in sorted(TITLES - _HONORIFICS, key=len, reverse=True))  # longest first
_ROLE_TITLE = rf"(?P<title>(?i:prime\s+minister|pm|{_TITLE_WORDS}))\b"
_ROLE_BODY = rf"(?i:the)\s+(?P<mods>(?:[\w'’.-]+\s+){{0,3}}?){_ROLE_TITLE}"
_ROLE = re.compile(_ROLE_BODY)
# A title held of a place and named by it alone ("the Princess of Wales", "the Governor of Kent"), no name beside it
# (not "the Governor of Kent, Ada Verne," nor "Ada Verne, the Governor of Kent").
_OFFICE = re.compile(rf"(?<![\w-])(?i:the)\s+(?P<title>(?:[{_UPPER}][\w-]*\s+){{0,2}}[{_UPPER}][\w-]*)\s+of\s+"
                     rf"(?:the\s+)?[{_UPPER}][\w-]*(?:\s+[{_UPPER}][\w-]*)*(?![\w-])(?!\s*,\s*[{_UPPER}])")
_NAME_BEFORE = re.compile(rf"(?P<name>{_RUN_BODY}),\s*$")
_ROLE_WORDS = (TITLES - _HONORIFICS) | {"pm"}
_ROLE_END = re.compile(r"\b" + _ROLE_BODY + r"\.?$")
# An office named by its country or body in the possessive ("Latvia's president", "Norland’s foreign minister"): one
# person, whom the text may not name; "the president" alone may be anyone.
_POSSESSED_ROLE_BODY = rf"(?P<mods>{_CAP}['’]s\s+(?:[a-z]+\s+)?)(?P<title>(?i:prime\s+minister|{_TITLE_WORDS}))\b"
_POSSESSED_ROLE = re.compile(_POSSESSED_ROLE_BODY)
_POSSESSED_ROLE_END = re.compile(rf"(?<![\w'’.-]){_POSSESSED_ROLE_BODY}$")
# "the Met", "the Taliban": "the" and one capitalised word (not a title: "the Queen" is a role; not initials, which
# name someone only when spelled out) name an institution, unless a role or another word of a name follows ("the EU
# chief", "the Met spokesman", "the White House").
_INSTITUTION_BODY = (rf"(?<![\w-])(?i:the)\s+(?P<name>[{_UPPER}][a-z][\w-]*)\b(?!['’]|\s+[{_UPPER}]|\s+(?:"
                     + "|".join(sorted(_ROLE_WORDS | {"official", "officials", "source", "sources", "statement"}))
                     + r")\b)")
_INSTITUTION = re.compile(_INSTITUTION_BODY)
_INSTITUTION_END = re.compile(_INSTITUTION_BODY + "$")
# An organisation's unnamed spokesperson: "A No 10 spokesman said", "an OceanGate spokeswoman told reporters".
_SPOKESPERSON_BODY = (rf"(?<![\w-])(?i:an?)\s+(?P<org>(?:{_CAP}|\d{{1,3}})(?:\s+(?:{_CAP}|\d{{1,3}})){{0,3}})\s+"
                      r"(?P<role>spokes(?:man|woman|person))")
_SPOKESPERSON = re.compile(_SPOKESPERSON_BODY)
_SPOKESPERSON_END = re.compile(_SPOKESPERSON_BODY + "$")
# Before the name after an inverted verb: a lower-case role ("said the senator from Delaware, Tom Carper",
# "said councillor Abel Strand"), never a preposition ("said at the White House") nor a relative clause, whose last noun
# the name may stand for ("— a chant which is used about their leader, Ada Verne").
_ROLE_FIRST = re.compile(r"\s*(?:(?:the|a|an)\s+[a-z](?:(?!(?<=\s)(?:which|that|who|whom|whose)\s)[^,“”\"]){0,60},\s*"
                         rf"|(?:{_NOT_FUNCTION}[a-z][\w-]*\s+){{1,3}})")
# After an inverted verb, a describing phrase of a few words and then a full name ending the clause: "said British
# tourist Ada Verne,", "declared harbour pilots' spokesman Otto Lund." (no function words: not "said on Monday …").
_DESCRIBED = re.compile(rf"\s+(?P<words>(?:[\w'’-]+\s+){{1,5}}?)(?P<name>{_CAP}(?:[^\S\n]+{_CAP}){{1,3}})(?=\s*(?:[,.;]|$))")
# Between a quote and an inverted verb ("…," said X): punctuation only.
_PUNCT = re.compile(r"[\s,.;:!?—–-]*")
# "Its director, " or "The board's chair, " before a sentence's subject: a role (a determiner or a possessive, then at
# most five words), not a clause ("Soldiers are on the streets of the capital, Nay Pyi Taw, and …").
_SUBJECT_LEAD = re.compile(r"(?:(?i:the|its|his|her|their|our)\s+|[\w'’-]+['’]s\s+)(?:[\w'’-]+\s+){0,4}?[\w'’-]+,\s*")
_APPOSITIVES_WITHIN = 160  # characters before a verb searched for a subject followed by appositives
_NAME_WITHIN = 150  # a name ending at a verb starts within this many characters of it
_LIST_WITHIN = 200  # a list of speakers before the last one's name starts within this many characters of it
_PHRASE_WITHIN = 300  # an organisation or lexicon phrase ending at a verb starts within this many characters of it
# A relative pronoun between a name and its verb ("PEN America, which said", "Ada Verne, who later said"): the name
# before it speaks, though a preposition comes before the name ("a former president of PEN America, which said").
_RELATIVE = re.compile(r"\s*,\s*(?P<pronoun>who|which)\s[^,“”\"]{0,80}$")
# A person's name of two or three words right after an organisation's name it is glued to, no title between ("the head of
# the Harbour Board Ada Verne"): after a preposition, the organisation is the preposition's and the name the subject.
_GLUED_NAME = re.compile(rf"(?:{_NAMED})\s+(?P<name>{_CAP}(?:\s+{_CAP}){{1,2}})$")
_AFTER_PREPOSITION = re.compile(r"\b(?:to|of|for|with|from|by|at|in|about|against|like|than|near)\s+(?:the\s+)?$", re.I)
# "A statement from the Harbour Board said", "officials with the harbour board said": the board speaks, though a
# preposition comes before it.
_STATEMENT_FROM = re.compile(r"\b(?:statement\s+(?:from|by|issued\s+by|released\s+by)|officials\s+(?:with|at|from))\s+"
                             r"(?:the\s+)?$", re.I)


class _Speaker(NamedTuple):
    name: str  # lexicon actor id, else the person's or organisation's name
    person: bool  # only people take "he said"


def _verb(m: re.Match) -> str:
    return " ".join(m.group("verb").lower().split())


def _person_name(run: str) -> tuple[str, bool] | None:
    """The person a capitalised run names, with whether it carried a title:
    "Russian Foreign Minister Sergei Lavrov" -> Sergei Lavrov; "Sen. Tom Carper of Delaware" -> Tom Carper;
    "CNN's Jake Tapper" -> Jake Tapper (a possessive ends a modifier, like a title)."""
    tokens = run.split()
    keys = [t.rstrip(".").lower() for t in tokens]
    cut = max((i for i, k in enumerate(keys) if k in TITLES or k.endswith(("'s", "’s"))), default=-1) + 1
    titled = cut > 0 and keys[cut - 1] in TITLES
    if keys[0] == "the" and not titled:  # "The United States", "The Floyd family": not people
        return None
    if keys[cut:cut + 1] == ["of"]:  # "Secretary of (the) State …"
        cut += 3 if keys[cut + 1:cut + 2] == ["the"] else 2
    while cut < len(keys) and keys[cut] in _LEADING:
        cut += 1
    name = []
    for token, key in zip(tokens[cut:], keys[cut:]):
        if key in _FUNCTION:  # "Tom Carper of Delaware", "Biden In Washington"
            break
        name.append(token)
    while name and name[-1].islower():  # a dangling particle ("de"), not a name that opens with one ("al-Jalali")
        name.pop()
    if not 1 <= len(name) <= 4:
        return None
    name[-1] = re.sub(r"['’]s$", "", name[-1])
    return " ".join(name), titled


def _regnal(run: str, name: str) -> bool:
    """Whether ``name``, one word, follows a title that goes with a given name alone ("Pope Francis")."""
    words = run.split()
    return (len(words) >= 2 and words[-1] == name and words[-2].rstrip(".").lower() in _REGNAL
            and name.lower() not in _PLACE_NOUNS)


@dataclass
class _Speakers:
    """Who speaks, found in one article's text: lexicon actors first, then organisations, then names.

    A bare surname is a person only when it carries a title ("Mr. Carper") or a full name with that surname
    appeared in the article ("Portman" after "Sen. Rob Portman"); otherwise capitalised words next to a verb are
    too often places, days or outlets.
    """

    lexicon: Lexicon
    kinds: dict[str, str]  # actor id -> kind
    names: list[tuple[int, str, bool, str]]  # (offset, full name, titled, the run naming them) of every
    # multi-word name in the article
    acronyms: dict[str, str]  # "WHO" -> "World Health Organization", where the article spelled it out
    text: str = ""  # the article's clean text: what "the hospital" refers back to
    first_seen: dict[str, int] = field(default_factory=dict)  # full name -> offset of its first mention
    titled_names: frozenset[str] = frozenset()  # full names the article gave a title somewhere

    @classmethod
    def of(cls, article: Article, lexicon: Lexicon) -> _Speakers:
        names = [(s.start + m.start(), *n, run) for s in article.sentences for m in _RUN.finditer(s.text)
                 if " " in (run := m.group()) and " " in (run := _unpossessed(run)) and (n := _person_name(run))
                 and (" " in n[0] or _regnal(run, n[0]))]
        acronyms = {m.group(2): re.sub(r"^The\s+", "", m.group(1)) for m in _EXPANSION.finditer(article.clean_text)} \
            if _ACRONYM.search(article.clean_text) else {}
        first_seen: dict[str, int] = {}
        for offset, full, _, _ in names:
            first_seen.setdefault(full, offset)
        return cls(lexicon, {a.id: a.kind for a in lexicon.actors}, names, acronyms, article.clean_text, first_seen,
                   frozenset(full for _, full, titled, _ in names if titled))

    def described(self, noun: str, at: int) -> str | None:
        """The proper name a definite description refers back to: "the hospital" -> "Kent Memorial Hospital", the
        nearest name before ``at`` (within a few paragraphs) that ends in the same noun, capitalised."""
        window = self.text[max(0, at - _DESCRIBED_WITHIN):at]
        names = re.findall(rf"(?<![\w'’-])((?:[{_UPPER}][\w'’&-]*[^\S\n]+){{1,4}}{noun.capitalize()})\b(?![^\S\n]+[{_UPPER}])",
                           window)
        names = [re.sub(r"^(?:The|A|An|In|At|On|To|From|By|For|With)\s+", "", n) for n in names]
        if names and " " in names[-1]:
            return names[-1]
        return self.company(at) if noun in _COMPANY_NOUNS else None

    def issuer(self, modifiers: str, at: int) -> str | None:
        """The organisation a statement's capitalised modifiers name: the nearest one before ``at`` (within a few
        paragraphs) whose name holds them all; None without such modifiers."""
        marks = [w for w in modifiers.split() if w[:1].isupper()]
        window = self.text[max(0, at - _DESCRIBED_WITHIN):at]
        found = [m.group() for m in _ORG.finditer(window) if marks and all(w in m.group().split() for w in marks)]
        return re.sub(r"^(?i:the|its|their)\s+", "", found[-1]) if found else None

    def company(self, at: int) -> str | None:
        """The company "the company" or "the firm" refers back to when no name ends in that noun: the nearest name
        before ``at`` that is surely a company ("OceanGate", "Acme Holdings Inc")."""
        found = list(_COMPANY.finditer(self.text, max(0, at - _DESCRIBED_WITHIN), at))
        return found[-1].group("name") if found else None

    def subject(self, sentence: Sentence, speaker: str | None = None) -> str | None:
        """The person a sentence introduces with an appositive ("Its director, Tulio de Oliveira, called…",
        "Lina Hidalgo, the top executive…, warned…"): whom a later "he said" means unless someone speaks
        in between. A bare subject ("Putin asked…") is not enough: "he" may still be the last speaker."""
        text = sentence.text
        lead = _SUBJECT_LEAD.match(text)
        for start in (0, *([lead.end()] if lead else [])):
            run = _RUN.match(text, start)
            if run and text.startswith(",", run.end()) and not self._listed(text, run.end() + 1) \
                    and (who := self.named(run.group(), sentence.start)):
                return who.name if who.person else None
        return self.titled_subject(sentence, speaker)

    @staticmethod
    def _listed(text: str, pos: int) -> bool:
        """Whether a titled name follows the comma at ``pos``: a list of people ("Judge Ada Verne, Judge Otto Lund and
        …"), not an appositive."""
        run = _RUN.match(text, _SPACE.match(text, pos).end())
        return bool(run and (person := _person_name(run.group())) and person[1])

    def titled_subject(self, sentence: Sentence, speaker: str | None = None) -> str | None:
        """The person a sentence opens with ("Mayor Ada Verne toured…", "Humbled Mr Verne apologised…", "Verne
        toured…" after "Ada Verne") when nobody else it names is a known person: whom a later "he"/"she" means.
        A name not met before and without a title is not enough (it may be a place or a team), nor a sentence that
        also makes ``speaker``, the last person who spoke, a clause's subject ("Verne asked for a deal Carper would not
        accept"; "Verne thanked Carper for …" is fine)."""
        text = sentence.text
        opening = _OPENING_CLAUSE.match(text).end()
        office = _SUBJECT_ROLE.match(text, opening)  # "The governor toured …": its one holder
        if office and (verb := _PREDICATE_WORD.match(text, office.end())) and verb.group(1) not in _NOT_PREDICATE \
                and (holder := self.role(office, sentence.start + office.start())) and holder.person:
            return self._alone(sentence, holder.name, office.end(), speaker)
        role = _role_lead(text)  # after a role ("Former harbour chief, Ada Verne …"), at the start, or after a short clause
        for start in dict.fromkeys((*((role.end(),) if role else ()), 0, opening)):
            run = _RUN.match(text, start)
            if not run or run.group().split()[0].lower() in _FUNCTION or run.group().endswith(("'s", "’s")):
                continue
            appositive = _SUBJECT_APPOSITIVE.match(text, run.end())  # "Ada Verne, the club's president, paid…"
            predicate = _PREDICATE_WORD.match(text, _WHEN.match(text, appositive.end() if appositive else run.end()).end())
            if predicate and predicate.group(1) not in _NOT_PREDICATE:
                break  # a subject and its verb ("Verne toured…"), not "Laboratories in Kent…"
        else:
            return None
        at = sentence.start + run.start()
        if appositive or (role and run.start() == role.end()):  # a name with an appositive, or after its role
            # ("Former harbour chief, Ada Verne, …"), introduces a person, as at the sentence's start
            name = (who := self.named(run.group(), at)) and who.person and who.name
        else:
            name = self._known_person(run.group(), at)
            if not name and (clause := _CLAUSE_PRONOUN.search(text, run.end())) \
                    and re.search(_POSSESSIVE[clause.group(1)], text[run.end():clause.start()]) \
                    and " " in (plain := _unpossessed(run.group())) and not self.place(plain) \
                    and (who := self.named(plain, at)) and who.person and " " in who.name:
                name = who.name  # "Ada Verne lost her home, but she …": a new full name that "her" and "she" go on is
                # a person
        return self._alone(sentence, name, run.end(), speaker) if name else None

    def _alone(self, sentence: Sentence, name: str, end: int, speaker: str | None) -> str | None:
        """``name``, the subject of ``sentence`` ending at ``end``, when nobody else the sentence names is a known person
        and ``speaker`` (the last person who spoke) is no clause's subject in it."""
        text = sentence.text
        others = {self._other_person(other.group(), sentence.start + other.start())  # a bare word may be a place
                  for other in _RUN.finditer(text, end) if " " in _unpossessed(other.group())}
        others |= {m.key for m in self.actors(text, ("person",))}
        if speaker and speaker != name and any(  # the last speaker is the subject of a clause here too
                (verb := _PREDICATE_WORD.match(text, m.end())) and verb.group(1) not in _NOT_PREDICATE
                for m in re.compile(rf"\b{re.escape(speaker.split()[-1])}\b").finditer(text, end)):
            return None
        return name if not others - {name, None} else None

    def _known_person(self, run: str, at: int) -> str | None:
        """The person a run names if it surely is one: titled ("Mayor Ada Verne"), a lexicon person, a bare surname
        of someone named in full before ("Verne"), the first name of the one person named in full before ("Ada"),
        or a full name met before (a new untitled pair may be a place)."""
        run = _unpossessed(run)
        if not (person := _person_name(run)):
            return None
        who = self.named(run, at)
        if " " not in run and not who and not _CAMEL.fullmatch(run):  # "Jada" after "Jada Pinkett"
            return self._first_named(run, at)
        if not who or not who.person:
            return None
        if person[1] or " " not in person[0] or who.name in self.kinds:
            return who.name
        return who.name if self.first_seen.get(who.name, at) < at else None

    def _first_named(self, first: str, at: int) -> str | None:
        """The one person named in full before ``at`` whose first name is ``first`` (None: nobody, or two)."""
        firsts = {full for offset, full, _, _ in self.names if offset < at and full.split()[0] == first}
        return firsts.pop() if len(firsts) == 1 else None

    def _other_person(self, run: str, at: int) -> str | None:
        """The person a name of two words or more surely names: titled here or elsewhere in the article (the lexicon
        is searched apart)."""
        if not (person := _person_name(_unpossessed(run))):
            return None
        if person[1]:
            return self._resolve(*person, at)
        return person[0] if person[0] in self.titled_names else None  # "Grand Slam" seen before is no person

    def genders(self) -> dict[str, str]:
        """The pronoun of each person whose name carried a gendered honorific ("Mr Otto Lund" -> he)."""
        found: dict[str, str] = {}
        for _, full, _, run in self.names:
            if gender := _GENDERED.get(run.split()[0].rstrip(".").lower()):
                found.setdefault(full, gender)
        return found

    def place(self, phrase: str) -> bool:
        """Whether the lexicon knows ``phrase`` as a place ("South Africa has …" opens no quote's speaker)."""
        return any(self.kinds.get(m.key) not in ("person", "organisation") for m in self.lexicon.find_actors(phrase))

    def actors(self, text: str, kinds: tuple[str, ...] = ("person", "organisation")) -> list[Match]:
        """Lexicon mentions that can speak (places do not)."""
        return [m for m in self.lexicon.find_actors(text) if self.kinds.get(m.key) in kinds]

    def _resolve(self, name: str, titled: bool, at: int) -> str | None:
        """A bare name's person: the full name it is the surname of, else the one titled person named before whose
        name it opens (a family name written first: "Xie" after "Vice Minister Xie Feng"), else itself if titled."""
        if " " in name:
            return name
        same = [(offset, full) for offset, full, _, _ in self.names if full.split()[-1] == name]
        earlier = [full for offset, full in same if offset < at]
        if not same:
            first = {full for offset, full, _, _ in self.names
                     if offset < at and full in self.titled_names and full.split()[0] == name}
            if len(first) == 1:
                return first.pop()
        return earlier[-1] if earlier else same[0][1] if same else name if titled else None

    def named(self, phrase: str, at: int) -> _Speaker | None:
        """Who the noun phrase names: a lexicon actor ending it, an organisation, or a person."""
        actors = [m for m in self.actors(phrase) if m.end == len(phrase)]
        if actors:
            return _Speaker(actors[-1].key, self.kinds[actors[-1].key] == "person")
        if board := _BOARD.fullmatch(phrase):
            return self._governed(board, at)
        if spokesperson := _SPOKESPERSON.fullmatch(phrase):
            return _Speaker(f"{spokesperson.group('org')} {spokesperson.group('role')}", True)
        if kind := _KIND.fullmatch(phrase):
            return _Speaker(kind.group("name"), False)  # "the Norfolk Southern railroad said"
        if (definite := _DEFINITE.fullmatch(phrase)) and definite.group(1) not in _ROLE_WORDS \
                and (name := self.described(definite.group(1), at)):
            return _Speaker(name, False)  # "the hospital said" after "Kent Memorial Hospital"
        if _ORG.fullmatch(phrase):
            return _Speaker(re.sub(r"^(?:the|its|their)\s+", "", phrase, flags=re.I), False)
        if self.acronyms and (full := self.acronyms.get(re.sub(r"^(?i:the)\s+", "", phrase))):
            return _Speaker(full, False)  # "the WHO said" after "the World Health Organization (WHO)"
        if (institution := _INSTITUTION.fullmatch(phrase)) and not _ROLE.fullmatch(phrase) \
                and institution.group("name").lower() not in _LEADING:
            return _Speaker(institution.group("name"), False)  # "the Met said", "the Taliban said"
        person = _person_name(phrase) if _RUN.fullmatch(phrase) else None
        name = person and (self._knight(phrase, person[0], at) or self._resolve(*person, at)
                           or (" " not in person[0] and self._first_named(person[0], at)))  # "Ada" after "Ada Verne"
        if not name and (role := _ROLE.fullmatch(phrase)):
            return self.role(role, at)
        if not name and (role := _POSSESSED_ROLE.fullmatch(phrase)):
            return self.role(role, at) or _Speaker(phrase, True)  # "Latvia's president said"
        if not name and _CAMEL.fullmatch(phrase):
            return _Speaker(phrase, False)
        return _Speaker(name, True) if name else None

    def _governed(self, board: re.Match, at: int) -> _Speaker | None:
        """The organisation a board speaks for: its owner when named ("OpenAI's board", "the company's board"), else
        a name ending in "Board" or the company the article is about."""
        owner = board.group("owner") or board.group("named") or board.group("of")
        if owner is None:
            name = self.described("board", at) or self.company(at)
        elif re.fullmatch(_COMPANY_WORD, owner):
            name = owner
        else:
            who = self.named(owner, at)  # a bare "company" left unresolved names nobody
            name = who.name if who and not who.person and who.name.lower() not in _COMPANY_NOUNS else None
        return _Speaker(name, False) if name else None

    def _knight(self, phrase: str, name: str, at: int) -> str | None:
        """A knight or dame called by title and first name ("Sir Keir" after "Sir Keir Starmer", "Dame Ada" after
        "Ada Verne"): the one person named in full before with that first name."""
        words = phrase.split()
        return self._first_named(name, at) if len(words) == 2 and words[0] in _KNIGHTED and words[1] == name else None

    def role(self, role: re.Match, at: int) -> _Speaker | None:
        """The one person introduced earlier with the role's title (and its capitalised words: "the British PM")."""
        title = next(iter(_title_keys(role.group("title").split()) & {"prime-minister"}), None) \
            or _TITLE_KEYS.get(role.group("title").lower().rstrip("."), role.group("title").lower())
        marks = {_unpossessed(w).lower() for w in role.group("mods").split() if w[:1].isupper()}  # "Norland's"
        people = {full for offset, full, _, run in self.names
                  if offset < at and title in (keys := self._office_keys(offset, run)) and marks <= keys}
        if people and not marks and any(title in _title_keys(office.group("title").split())
                                         and not _NAME_BEFORE.search(self.text, max(0, office.start() - 60), office.start())
                                         for office in _OFFICE.finditer(self.text, 0, at)):
            return None  # "the Princess of Wales" is another holder of the title: "the princess" may be either
        return (self.named(people.pop(), at) or None) if len(people) == 1 else None  # a lexicon actor keeps its id

    def _office_keys(self, offset: int, run: str) -> frozenset[str]:
        """The title keys of a name's run at ``offset``, with those of an appositive role right after it ("Ada Verne,
        harbour master of Kent, said": the harbour master)."""
        keys = _title_keys(run.split())
        if appositive := _ROLE_APPOSITIVE.match(self.text, offset + len(run)):
            keys |= _title_keys(appositive.group("role").split())
        return keys

    def before_verb(self, span: str, at: int) -> _Speaker | None:
        """The speaker named right before a reporting verb (``span`` ends where the verb starts).

        Before ", said" the subject may be followed by capitalised appositives ("Dave Jones, Global Program
        Lead, Ember, said"): a comma-separated segment that is wholly a name is tried first, nearest the verb last.
        """
        core = span[:_BETWEEN.search(span).start()]
        relative = _RELATIVE.search(span)
        if span.rstrip().endswith(","):
            offset = max(0, len(core) - _APPOSITIVES_WITHIN)
            for segment in core[offset:].split(",")[:-1]:
                phrase = segment.strip()
                if phrase.split(" ", 1)[0] in ("who", "which"):
                    break  # "Ada Verne, who has sons Tom, 10, and Otto, 8, added": names after it are in its clause
                if (_RUN.fullmatch(phrase) or _ORG.fullmatch(phrase)) and (who := self.named(phrase, at)):
                    return who
        tail = core.find(" ", len(core) - _PHRASE_WITHIN) + 1 if len(core) > _PHRASE_WITHIN else 0
        run = _RUN_END.search(core, max(0, len(core) - _NAME_WITHIN))
        starts = [m.start() for m in (run, _ORG_END.search(core, tail)) if m]
        if run and _AFTER_PREPOSITION.search(core[:run.start()]) and (glued := _GLUED_NAME.search(run.group())):
            starts.append(run.start() + glued.start("name"))  # "the head of the Harbour Board Ada Verne said"
        starts += [tail + m.start for m in self.actors(core[tail:]) if tail + m.end == len(core)]
        starts += [m.start() for m in (_DEFINITE_END.search(core, tail), _INSTITUTION_END.search(core, tail),
                                       _SPOKESPERSON_END.search(core, tail)) if m]
        if core[core.rfind(" ") + 1:].lower() in _ROLE_WORDS and (possessed := _POSSESSED_ROLE_END.search(core, tail)):
            starts.append(possessed.start())  # "Latvia's president said" (searched only before a title: it is slow)
        for start in sorted(starts):  # the longest phrase first: "Russian President Vladimir Putin"
            if ((relative or not _AFTER_PREPOSITION.search(core[:start]) or _STATEMENT_FROM.search(core[:start]))
                    and (who := self.named(core[start:], at))):
                if relative and relative.group("pronoun") == "which":
                    return _Speaker(who.name, False)  # "which" speaks for an organisation, not a person
                return (who.person and self._first_listed(core[:start], at)) or who
        if core[core.rfind(" ") + 1:].rstrip(".").lower() in _ROLE_WORDS and (role := _ROLE_END.search(core, tail)) \
                and not _AFTER_PREPOSITION.search(core[:role.start()]):  # "the governor said"
            if (named := _NAME_BEFORE.search(core, max(0, role.start() - _NAME_WITHIN), role.start())) \
                    and (who := self.named(named.group("name"), at)) and who.person:
                return who  # "Ada Verne, the harbour master said": the name the role stands beside
            return self.role(role, at)
        return None

    def _first_listed(self, before: str, at: int) -> _Speaker | None:
        """The first person of a list the speaker closes ("Ada Verne, Otto Lund and Tom Carper said in a joint
        statement"): people who speak together are credited to the first named. ``before`` ends where the
        list's last name starts; a run before the list that names nobody ("On Monday, …") is passed over."""
        listed = _LISTED_BEFORE.search(before, max(0, len(before) - _LIST_WITHIN))
        for run in _RUN.finditer(before, listed.start()) if listed else ():
            if (who := self.named(run.group(), at)) and who.person:
                return who
        return None

    def after_verb(self, text: str, pos: int, at: int) -> _Speaker | None:
        """The speaker named right after an inverted verb ("…," said Sen. Tom Carper of Delaware)."""
        described = _DESCRIBED.match(text, pos)
        if described and not _LEADING.intersection(described.group("words").lower().split()) \
                and any(w[:1].islower() for w in described.group("words").split()) \
                and _ORG.fullmatch(name := described.group("name")) and (who := self.named(name, at)) and not who.person:
            return who  # "according to Norland-owned state broadcaster Harbour News": capitalised words before the
            # describing noun are modifiers, not a name
        for start in (_SPACE.match(text, pos).end(), *(m.end() for m in [_ROLE_FIRST.match(text, pos)] if m)):
            ends = [m.end() for m in (_RUN.match(text, start), _ORG.match(text, start), _ROLE.match(text, start),
                                      _DEFINITE.match(text, start), _INSTITUTION.match(text, start)) if m]
            ends += [start + m.end for m in self.actors(text[start:start + 80]) if m.start == 0]
            for end in sorted(ends, reverse=True):
                if who := self.named(text[start:end], at):
                    return who
        if (described := _DESCRIBED.match(text, pos)) and not _LEADING.intersection(
                w.lower() for w in described.group("words").split()):
            person = _person_name(described.group("name"))  # "…," said British tourist Ada Verne, 50.
            if person and " " in person[0] and (who := self.named(described.group("name"), at)) and who.person:
                return who
        return None

    def speaking(self, text: str, at: int, *, limit: int | None = None) -> list[tuple[_Speaker, str, int]]:
        """(speaker, verb, the verb's offset in ``text``) for each reporting verb in ``text`` with a speaker next to it,
        in text order; ``limit`` keeps verbs starting within that many characters (and "according to" anywhere)."""
        found = []
        words = _WORDS.findall(text.lower())
        if _VERB_WORDS.isdisjoint(words):  # most sentences: no reporting verb at all
            return found
        if limit is not None and _REPORTING_WORDS.isdisjoint(words) and (
                "that" not in words or _THAT_VERB_WORDS.isdisjoint(words)):
            return found  # only verbs that report speech next to a quote, or before "that"
        for m in _verbs(text, words):
            verb = _verb(m)
            inverted = _PUNCT.fullmatch(text, 0, m.start()) and verb not in _NOT_INVERTED
            # "…on his birthday, said state Sen. Roland Gutierrez": inverted after the words it reports
            after_comma = verb in _SAID and text[:m.start()].rstrip().endswith(",")
            if verb.endswith("ing") and verb != "according to" and text[:m.start()].rstrip().endswith(","):
                continue  # "Beijing blasted the flight over North America, accusing …": the subject's, found apart
            if verb == "according to" or inverted:  # "Said Watts, “…”"
                who = self.after_verb(text, m.end(), at)
            elif after_comma and (speaker := self.after_verb(text, m.end(), at)):
                who = speaker
            elif (limit is not None and m.start() > limit and verb in _SAID and _TRAILING_SUBJECT.search(text, 0, m.start())
                  and _CLAUSE_END.match(text, m.end()) and (speaker := self.before_verb(text[:m.start()], at))):
                who = speaker  # "The pier will close in June, the harbour board said in a statement."
            elif limit is not None and (m.start() > limit or verb in _NEXT_TO_QUOTES
                                        or verb in _QUOTE_ONLY and not _THAT.match(text, m.end())):
                continue
            else:
                who = self.before_verb(text[:m.start()], at)
            if who:
                found.append((who, verb, m.start()))
        return found


# "In a statement, …", "Addressing the crowd, …": an opening clause before the subject (a participle that speaks to
# someone opens no name: "Addressing ISRO" is not a person).
_LEAD_CLAUSE = re.compile(r"(?:(?i:in|on|at|after|during|from|with|earlier|later|meanwhile|speaking|addressing|responding|"
                          r"reacting|referring|commenting|writing|talking)\b[^,“”\"]{0,60},\s*)?")
_ABBREVIATION = re.compile(r"\s*\([^()]{1,20}\)")  # "United Nations (UN) Secretary-General …"
_PREDICATE = re.compile(r"\s+[a-z]|\s*,\s")  # a subject is followed by its (lower-case) predicate or an appositive
_PREDICATE_WORD = re.compile(r"\s+([a-z]+)\b")  # a lower-case predicate right after the subject
# A time between a subject and its predicate: "Mayor Ada Verne on Monday called …", "Verne this morning said …".
_WHEN = re.compile(r"(?:\s+(?:on|this|last|late|early)\s+(?:[MTWFS][a-z]+day|morning|afternoon|evening|night|week)\b)?")
_NOT_PREDICATE = _FUNCTION - {"also", "still", "even", "only", "just", "then", "now", "later", "earlier"}  # not adverbs
# "Ada Verne, the club's president, paid tribute…": an appositive between a sentence's subject and its predicate.
_SUBJECT_APPOSITIVE = re.compile(r",\s+(?:the|a|an|its|his|her|their)\s[^,“”\"]{0,80},|,\s+[a-z\d][^,“”\"]{0,60},")
# A role in an appositive right after a name, up to a comma or a preposition: ", commander of the navy", ", the mayor,".
_ROLE_APPOSITIVE = re.compile(rf",[^\S\n]+(?P<role>(?:(?:the|a|an)[^\S\n]+)?(?:{_NOT_FUNCTION}[\w'’-]+[^\S\n]+){{0,2}}?"
                              rf"{_NOT_FUNCTION}[\w'’-]+)(?=[^\S\n]*,|[^\S\n]+(?:of|at|for|in|with)\b)")
# A role as a sentence's subject: "the" and capitalised words at most before its title ("The British PM toured …").
_SUBJECT_ROLE = re.compile(rf"(?i:the)\s+(?P<mods>(?:[{_UPPER}][\w'’.-]*\s+){{0,3}}?){_ROLE_TITLE}")
# "he"/"she" as the subject of a later clause of the same sentence: ", but she doubted", "; he said".
_CLAUSE_PRONOUN = re.compile(r"[,;]\s+(?:(?:but|and|so|yet|as|because|though|although|when|while)\s+)?(he|she)\s+[a-z]")
_POSSESSIVE = {"he": r"\b(?:his|him)\b", "she": r"\bher\b"}  # the same person's, before that clause
# A role and a comma before the subject's name: "Former ISRO chief, Ada Verne …", "The harbour master, Ada Verne, …".
_ROLE_LEAD = re.compile(rf"(?:{_NOT_FUNCTION}[\w'’.-]+\s+|(?i:the|a|an)\s+){{0,3}}(?i:{_TITLE_WORDS})\s*,\s*")


def _role_lead(text: str) -> re.Match | None:
    """:data:`_ROLE_LEAD` at a sentence's start, tried only when a title word ends its first few words before a comma."""
    comma = text.find(",", 0, 80)
    return _ROLE_LEAD.match(text) if comma > 0 and (text[:comma].split() or [""])[-1].lower() in _ROLE_WORDS else None


_OPENING_CLAUSE = re.compile(r"(?:[^,“”\"\n]{0,60},\s*)?(?:(?:and|but|so|yet)\s+)?")  # "Across the river in the city hall, "
_PRONOUN_BEFORE = re.compile(r"\b(he|she)\b", re.I)
_SENTINEL = ""  # last_person after a quote whose speaker is not named ("A senior source said"): "he" means nobody known


# A participle that reports a quote for the sentence's subject: "…, saying “…”", "… by saying: “…”" (only
# punctuation, a short "in a statement", the start of the "that" clause it reports or a short object between it and
# the quote: "…, saying that his fighters “…”", "…, accusing the council of “…”", "…, calling it “…”").
_PARTICIPLE = re.compile(r"(?:,[”\"]?|\bby)\s+(?P<verb>saying|stating|adding|writing|accusing|calling|noting)(?:\s+(?:in|on|at|during)\s+[^,.;:“”\"]{0,40})?"
                         r"(?:\s+that\s[^.;:!?]{0,200}?|\s+[^;:!?“”\"]{1,60}?)?[\s,:]*$")
_APPOSITIVE_SUBJECT = re.compile(r"(?:(?i:the|a|an|its|his|her|their)\s+)(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+,\s*")


# A reporting verb that is the second predicate of the sentence's subject, right after "and" ("Ada Verne was
# gutted after the game and said the club “…”"): the subject says the quote. A name between "and" and the verb
# ("… and Tom Carper said") is the verb's own subject and is found before this.
_AND_BEFORE_VERB = re.compile(r"\s+and\s*$")


# The subject issued a document whose words the sentence quotes: "DockWorks released a statement that …",
# "Mayor Ada Verne posted a message on Facebook: …".
_ISSUED = re.compile(r"\s+(?:released|issued|posted|published|shared)\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
                     r"(?:statement|post|tweet|message|letter)\b")


def _opening_subject(who: _Speakers, text: str, at: int) -> _Speaker | None:
    """The subject a sentence opens with, named ("Mayor Ada Verne praised…") or as an appositive ("The next speaker,
    Ada Verne, thanked…"): whom a participle after the main clause ("…, saying “…”") reports."""
    if lead := _APPOSITIVE_SUBJECT.match(text):
        run = _RUN.match(text, lead.end())
        if run and text.startswith(",", run.end()) and (speaker := who.named(run.group(), at)):
            return speaker
    return _subject_speaker(who, text, at)


def _subject_speaker(who: _Speakers, text: str, at: int) -> _Speaker | None:
    """The person or organisation a sentence opens with, after a short clause ("In a statement, the ministry …",
    "AAM President Scott Paul had this to say:"): who says the quote that the sentence introduces with a colon."""
    text = _ABBREVIATION.sub("", text)
    # after a known opening clause, else after any short one ("Looking shaken, Verne paused and told the crowd:")
    for start in dict.fromkeys((_LEAD_CLAUSE.match(text).end(), _OPENING_CLAUSE.match(text).end())):
        ends = [m.end() for m in (_RUN.match(text, start), _ORG.match(text, start)) if m]
        ends += [start + m.end for m in who.actors(text[start:start + 80]) if m.start == 0]
        for end in sorted(ends, reverse=True):
            if _PREDICATE.match(text, end) and not who.place(text[start:end]) \
                    and (speaker := who.named(text[start:end], at)):
                return speaker
    return None


def _antecedent(article: Article, q: _Quote, who: _Speakers) -> str | None:
    """Whom "he"/"she" means when nobody has spoken yet: the only person named in the quote's paragraph (before it)
    and the one before, if a title or the lexicon marks them as a person ("Fire Chief Samuel Peña")."""
    spans = _paragraph_spans(article)
    low = spans[max(0, q.paragraph - 1)][0]
    people = {who.named(full, q.start) for offset, full, _, _ in who.names if low <= offset < q.start}
    people |= {_Speaker(m.key, True) for m in who.actors(article.clean_text[low:q.start], ("person",))}
    people.discard(None)
    titled = {full for offset, full, is_titled, _ in who.names if low <= offset < q.start and is_titled}
    if len(people) == 1 and (only := people.pop()).person and (only.name in titled or only.name in who.kinds):
        return only.name
    return None


def _pronoun(article: Article, q: _Quote, who: _Speakers, last_person: str | None) -> str | None:
    if last_person is None:  # nobody has spoken yet: the person just named, when that is unambiguous
        return _antecedent(article, q, who)
    return last_person or None  # the last speaker; nobody when the last speaker was not named


_WORD_BEFORE = re.compile(r"([a-z]+)\s+$", re.I)


_PRONOUN_TO_VERB = re.compile(r"\s*(?:[a-z]+ly\s+)?")  # "she said", "he quickly added": the pronoun is the verb's subject


# "He was charged with “…”", "she had been described as “…”": a pronoun that undergoes the verb, in a sentence that
# reports no speech, did not speak.
_PASSIVE = re.compile(r"\s+(?:(?:has|had|have|will|would)\s+)?(?:was|were|is|are|be|been|being)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en)\b")


def _passive_quote(before: str, pronoun: re.Match, text: str, q: _Quote) -> bool:
    """Whether the quote goes on the pronoun's clause with a passive verb ("… when he “was found unconscious”"): it
    says what befell him, not what he said."""
    return not before[pronoun.end():].strip() and bool(_PASSIVE.match(" " + text[q.start:q.start + 60]))


def _reported_pronoun(before: str, pronoun: re.Match, verbs: list[re.Match]) -> bool:
    """Whether "he"/"she" stands in the clause a verb with another subject reports ("Friends say she will “…”", "The
    club confirmed that he had left, and that if …"): it names whom the words are about, not who spoke them."""
    if any(_PRONOUN_TO_VERB.fullmatch(before, pronoun.end(), v.start()) for v in verbs):
        return False
    prior = [v for v in verbs if v.start() < pronoun.start()]
    subject = prior and _WORD_BEFORE.search(before, 0, prior[-1].start())
    return bool(subject) and subject.group(1).lower() not in ("he", "she")


def _unnamed_subject(who: _Speakers, before: str, nearest: re.Match, at: int) -> bool:
    """Whether the reporting verb nearest a quote has a subject named by no one we know ("Valente posted that the
    district attorney says he believes “…”"): the quote is that subject's, not the speaker of an earlier verb."""
    subject = _WORD_BEFORE.search(before, 0, nearest.start())
    return (bool(subject) and subject.group(1).islower() and subject.group(1) not in _FUNCTION | {"who", "which"}
            and subject.group(1) not in _VERB_WORDS  # "said adding that": a verb, not a subject
            and not who.before_verb(before[:nearest.start()], at))


def _unnamed_from(who: _Speakers, before: str, verbs: list[re.Match], start: int, at: int) -> bool:
    """Whether a reporting verb at or after offset ``start`` of ``before`` has an unnamed subject ("Aktuality reported that
    the suspect's son stated … and said, “…”"): the quote is that subject's, not an earlier verb's speaker's."""
    return any(_unnamed_subject(who, before, verb, at) for verb in verbs if verb.start() >= start)


def _recent_organisation(article: Article, q: _Quote, last_organisation: tuple[str, int] | None) -> str | None:
    """The organisation an "it"/"they"/"the statement" refers to: the one that spoke in the quote's paragraph, or in
    the paragraph before when nothing comes between ("It has warned" after a sentence about another body is not its)."""
    if not last_organisation or last_organisation[1] < q.paragraph - 1:
        return None
    if last_organisation[1] < q.paragraph:
        index = _sentence_bounds(article, q.start)[0]
        if index and article.sentences[index - 1].paragraph == q.paragraph:
            return None
    return last_organisation[0]


def _document_issuer(article: Article, who: _Speakers, modifiers: str, q: _Quote,
                     last_organisation: tuple[str, int] | None) -> str | None:
    """Who issued "the statement" a quote is read from: the organisation that spoke in this paragraph or the one before,
    unless a capitalised modifier names another ("the Belarusian statement"), then the organisation named before with
    that word ("the Belarusian presidency")."""
    if (recent := _recent_organisation(article, q, last_organisation)) and _issued_by(modifiers, recent):
        return recent
    if _ORG.fullmatch(modifiers.strip()) and (issuer := who.named(modifiers.strip(), q.start)):
        return issuer.name  # "a Kensington Palace statement": the modifiers name the organisation
    return who.issuer(modifiers, q.start)


# "Verne said in a statement", "she wrote in a brief statement": a person gives a statement of their own.
_IN_STATEMENT = re.compile(r"([\w'’.-]+)\s+(?:said|says|wrote|added|stated)\s+in\s+(?:a|an|his|her)\s+(?:[\w-]+\s+){0,2}?"
                           r"statement\b")


def _statement_giver(article: Article, q: _Quote, last_person: str | None) -> str | None:
    """Whom "the statement" means when no organisation spoke: the last person who spoke, if their words (by surname or
    "he"/"she") were given "in a statement" in this paragraph or the one before."""
    if not last_person:
        return None
    low = _paragraph_spans(article)[max(0, q.paragraph - 1)][0]
    found = list(_IN_STATEMENT.finditer(article.clean_text, low, q.start))
    return last_person if found and found[-1].group(1).lower() in (last_person.split()[-1].lower(), "he", "she") else None


def _next_sentence(article: Article, end: int) -> Sentence | None:
    for s in article.sentences:
        if s.start >= end:
            return s
    return None


def _attribute(article: Article, q: _Quote, who: _Speakers, last_person: str | None,
               last_organisation: tuple[str, int] | None = None) -> int | None:
    """Fill ``speaker``/``verb`` of a quote from the words after, then before, it, then from the sentence after it
    ("“…” Tom Carper said.") or the one introducing it with a colon. Returns the index of a following sentence
    that only attributed the quote."""
    text = article.clean_text
    _, _, after_end = _sentence_bounds(article, max(q.end - 1, q.start))
    after = text[q.end + 1:max(after_end, q.end + 1)]
    after = after.split("“")[0].split('"')[0]  # stop at the next quote
    if m := _PRONOUN.match(after):
        q.speaker, q.verb, q.person = _pronoun(article, q, who, last_person), _verb(m), True
        q.pronoun = m.group("pronoun").lower()
        return None
    if m := _IT.match(after):  # the organisation that spoke in this paragraph or the one before
        q.speaker, q.verb = _recent_organisation(article, q, last_organisation), _verb(m)
        return None
    if m := _DOCUMENT.match(after) or _DOCUMENT_INVERTED.match(after):  # like "it said", or "he said" for "his
        # statement"; "WHO statement added"; "Ada Verne’s post said" is hers
        if (m.group("owner") or "").lower() in ("his", "her"):
            q.speaker, q.person = last_person or None, True
        elif (m.group("owner") or "").endswith(("'s", "’s")):
            q.speaker, q.person = who.named(_unpossessed(m.group("owner")), q.start) or (None, False)
        else:
            q.speaker = _document_issuer(article, who, m.group("mods"), q, last_organisation)
            if q.speaker is None and (m.group("owner") or "").lower() == "the" and not re.search(r"[A-Z]", m.group("mods")) \
                    and (giver := _statement_giver(article, q, last_person)):
                q.speaker, q.person = giver, True  # "Verne said in a statement. “…,” the statement went on": hers
        q.verb = m.group("verb").lower()
        return None
    if dash := _DASH.match(after):  # "…" — Tom Carper
        if speaker := who.after_verb(after, dash.end(), q.start):
            q.speaker, q.person = speaker
            return None
    if (not _verbs(after) and (run := _RUN.fullmatch(after.strip().rstrip(".")))
            and (person := _person_name(run.group())) and person[1]):  # "…,” Sen. Tom Carper of Delaware.
        q.speaker, q.person = person[0], True
        return None
    source = None  # "…” investigation, according to the sheriff's office.": the source, unless the sentence names a speaker
    verb = next(iter(_verbs(after)), None)
    if verb and _NEW_CLAUSE.fullmatch(after, 0, verb.start()):
        verb = None
    if verb:
        name = _verb(verb)
        if name == "according to":
            source, speaker = who.after_verb(after, verb.end(), q.start), None
        else:
            speaker = who.before_verb(after[:verb.start()], q.start)
            if not speaker and name not in _LISTENER_FOLLOWS and _PUNCT.fullmatch(after[:verb.start()]):
                speaker = who.after_verb(after, verb.end(), q.start)
            if not speaker and (initials := _INITIALS_SUBJECT.fullmatch(after, 0, verb.start())):
                speaker = _Speaker(initials.group(1), False)  # "…,” NASA writes.": an organisation's initials
            if speaker and name in ("reported", "reports"):  # "According to X, … “…”, the Post reported": the
                _, s_start, _ = _sentence_bounds(article, q.start)  # paper relays X's words
                if lead := _ACCORDING_LEAD.match(text, s_start, q.start):
                    speaker = who.after_verb(text[:q.start], lead.end(), q.start)
        q.verb = name  # even unresolved, the quote has its own attribution: it does not continue the previous one
        if speaker:
            q.speaker, q.person = speaker
            return None
        if (name != "according to" and (late := _TRAILING_PRONOUN.search(after, verb.end()))
                and _CLAUSE_END.fullmatch(after, late.end())):  # "“…” with most hurt at sea, he added."
            q.speaker, q.verb, q.person = _pronoun(article, q, who, last_person), _verb(late), True
            q.pronoun = late.group("pronoun").lower()
            return None
    _, s_start, _ = _sentence_bounds(article, q.start)
    before = text[s_start:max(q.start - 1, s_start)]
    q.opens_sentence = bool(_PUNCT.fullmatch(before))
    verbs = _verbs(before)
    verb = _verb(verbs[-1]) if verbs else None  # the verb nearest the quote
    if (speaking := who.speaking(before, q.start)) and not _unnamed_from(who, before, verbs, speaking[-1][2], q.start):
        (q.speaker, q.person), q.verb = speaking[-1][0], verb
        return None
    if verbs and (it := _IT_BEFORE.match(before)) and it.start("verb") == verbs[-1].start("verb"):
        # the organisation spoke in this paragraph, or in the one before with nothing between: "It has warned"
        # after a sentence about another body ("London's police had 11,500 officers.") is not the speaker's
        q.speaker, q.verb = _recent_organisation(article, q, last_organisation), verb
        return None
    if (verbs and (participle := _PARTICIPLE.search(before)) and participle.start("verb") == verbs[-1].start("verb")
            and len(verbs) == 1  # not after a reporting verb whose subject is not named ("…, the board announced, calling")
            and (speaker := _opening_subject(who, before[:participle.start()], q.start))):
        (q.speaker, q.person), q.verb = speaker, verb  # "Mayor Ada Verne praised the crews, saying “…”"
        return None
    if verbs and (joined := _AND_BEFORE_VERB.search(before, 0, verbs[-1].start())) \
            and not _unnamed_from(who, before, verbs, 0, q.start) \
            and (speaker := _opening_subject(who, before[:joined.start()], q.start)):
        (q.speaker, q.person), q.verb = speaker, verb  # "Verne was gutted after the game and said the club “…”"
        return None
    if ((issued := _ISSUED.search(before)) and not _verbs(before[issued.end():])
            and (speaker := _opening_subject(who, before[:issued.start()] + " issued", q.start))):
        (q.speaker, q.person), q.verb = speaker, verb or "said"  # "DockWorks released a statement that “…”"
        return None
    if people := who.actors(before, ("person",)):
        q.speaker, q.verb, q.person = people[-1].key, verb, True  # a lexicon person nearby, with no verb next to them
        return None
    if document := _DOCUMENT_BEFORE.search(before):  # "His full statement read: “…”", "Its report concluded: “…”"
        if document.group("owner").lower() in ("his", "her"):
            q.speaker, q.person = _pronoun(article, q, who, last_person), True
        else:
            q.speaker = _document_issuer(article, who, document.group("mods"), q, last_organisation)
        q.verb = document.group("verb").lower()
        return None
    if ((pronoun := _PRONOUN_BEFORE.search(before)) and not _reported_pronoun(before, pronoun, verbs)
            and (verbs or not (_PASSIVE.match(before, pronoun.end()) or _passive_quote(before, pronoun, text, q)))):
        q.speaker, q.verb, q.person = _pronoun(article, q, who, last_person), verb, True
        q.pronoun = pronoun.group(1).lower()
        return None
    if source:
        (q.speaker, q.person), q.verb = source, "according to"
        return None
    q.verb = q.verb or verb  # "A senior source said: “…”": attributed, to nobody we can name
    if q.verb is None and _PUNCT.fullmatch(after) and (nxt := _next_sentence(article, after_end)) \
            and nxt.paragraph == q.paragraph and len(nxt.text) <= 120 and not _MARKS.search(nxt.text):
        if (speaking := who.speaking(nxt.text, nxt.start, limit=60)) and _opens_with_speaker(nxt.text):
            (q.speaker, q.person), q.verb, _ = speaking[0]  # "“We will go.” Tom Carper said on Monday."
            return nxt.index
    if q.speaker is None and text[:q.start - 1].rstrip().endswith(":"):  # "Tom Carper had this to say: “…”"
        colon = len(text[:q.start - 1].rstrip()) - 1
        _, i_start, _ = _sentence_bounds(article, colon)
        intro = text[i_start:colon]
        if speaking := who.speaking(intro, q.start):
            (q.speaker, q.person), verb, _ = speaking[-1]
        elif speaker := _subject_speaker(who, intro, q.start):
            (q.speaker, q.person), verb = speaker, None
        elif _RUN.fullmatch(intro.strip()) and (speaker := who.named(intro.strip(), q.start)):
            (q.speaker, q.person), verb = speaker, None  # a speaker's label: "Hal Harrell: “…”"
        if q.speaker:
            q.verb = q.verb or verb
    return None


_SPEAKER_FIRST = re.compile(r"\s*(?:(?i:the|a|an)\s+)?(?:[^\s,]+\s+){0,5}?" + _VERB.replace("(?P<verb>", "(?:"))


def _opens_with_speaker(sentence: str) -> bool:
    """Whether a sentence is a bare attribution: a verb within its first few words ("Tom Carper said on Monday.",
    "Said the mayor.") and nothing after it that reports more (no "that …")."""
    m = _SPEAKER_FIRST.match(sentence.lower())
    return bool(m) and not _THAT.search(sentence, m.end())


def _reported(article: Article, who: _Speakers, quotes: list[_Quote]) -> list[tuple[int, _Speaker, str]]:
    """(sentence, speaker, verb) for each sentence that reports speech (quoted sentences included:
    they still tell who spoke last); words inside quote marks are the quote's, so a verb there reports nothing
    ("The statement reads: “The press office announced …”")."""
    found = []
    for s in article.sentences:
        text = s.text
        for q in quotes:
            if q.start < s.end and q.end > s.start:
                a, b = max(q.start, s.start) - s.start, min(q.end, s.end) - s.start
                text = text[:a] + " " * (b - a) + text[b:]
        if speaking := who.speaking(text, s.start, limit=80):
            found.append((s.index, *speaking[0][:2]))
    return found


_SUBORDINATE = re.compile(r"\b(?:after|before|since|until|when|once|because|while|as|if)\b[^,;:]*$", re.I)


def _subordinate_report(who: _Speakers, sentence: Sentence) -> bool:
    """Whether a sentence's reported speech stands in a subordinate clause ("A day after Ada Verne said she would go, the
    club released a note."): the sentence is about someone else, so the quote after it is not the reported speaker's."""
    speaking = who.speaking(sentence.text, sentence.start, limit=80)
    return bool(speaking) and bool(_SUBORDINATE.search(sentence.text, 0, speaking[0][2]))


def _fills_paragraph(article: Article, q: _Quote, spans: list[tuple[int, int]]) -> bool:
    """Whether a quote is its whole paragraph: in single marks, that is speech going on from the paragraph before
    (British style), not a headline or a scare quote."""
    start, end = spans[q.paragraph]
    return q.start - 1 == start and not article.clean_text[q.end + 1:end].strip(" .,")


def article_quotes(article: Article, lexicon: Lexicon) -> list[tuple]:
    """One article's direct quotes and reported-speech sentences as :data:`QUOTE_COLUMNS` tuples
    (run in the worker pass, right after the article is cleaned)."""
    rows: list[tuple] = []
    if article.sentences:
        who = _Speakers.of(article, lexicon)
        quotes = find_quotes(article)
        last_person: str | None = None  # whom "he"/"she" means
        previous: _Quote | None = None
        last_organisation: tuple[str, int] | None = None  # (speaker, paragraph) whom "it said" means
        reported_before: tuple[int, _Speaker, str] | None = None  # the last reported-speech sentence
        # in text order; at one offset a sentence's subject, then its reported speech, then a quote
        events: list[tuple[int, int, object]] = [(q.start, 2, q) for q in quotes]
        events += [(article.sentences[s].start, 1, (s, speaker, verb))
                   for s, speaker, verb in _reported(article, who, quotes)]
        events += [(s.start, 0, s) for s in article.sentences]  # sentences that may introduce a subject
        pending: list[Sentence] = []  # sentences since someone last spoke: the latest subject among them is "he"
        quoted_sentences = {_sentence_bounds(article, q.start)[0] for q in quotes}
        spans = _paragraph_spans(article)
        genders = who.genders()  # person -> "he"/"she", from their honorifics
        for _, kind, event in sorted(events, key=lambda e: e[:2]):
            if kind == 0:
                pending.append(event)
                continue
            if kind == 1:
                s, speaker, verb = event
                reported_before = event
                if speaker.person:
                    last_person, pending = speaker.name, []
                else:
                    last_organisation = speaker.name, article.sentences[s].paragraph
                if s not in quoted_sentences:
                    sent = article.sentences[s]
                    rows.append((article.outlet, article.id, s, sent.paragraph, speaker.name, verb, sent.text, False,
                                 len(sent.text.split()), sent.start, sent.end))
                continue
            q = event
            # only now, and from the latest sentence back: who.subject is the costly part of the pass
            last_person = next((person for sentence in reversed(pending)
                                if (person := who.subject(sentence, last_person))), last_person)
            pending = []
            if (attribution := _attribute(article, q, who, last_person, last_organisation)) is not None:
                quoted_sentences.add(attribution)
            if q.pronoun and q.speaker and genders.get(q.speaker, q.pronoun) != q.pronoun:
                q.speaker = None  # "she said" cannot mean a man the article called "Mr"
            here = _sentence_bounds(article, q.start)[0]  # the sentence the quote starts in
            if (q.speaker is None and q.verb is None and q.opens_sentence and not q.single and reported_before
                    and reported_before[0] == here - 1  # "Tom Carper said the pier was safe. “It will hold.”"
                    and not _subordinate_report(who, article.sentences[here - 1])):
                q.speaker, q.person, q.verb = reported_before[1].name, reported_before[1].person, reported_before[2]
            if (q.speaker is None and q.verb is None and previous is not None and previous.paragraph >= q.paragraph - 1
                    and (q.opens_sentence or _PUNCT.fullmatch(article.clean_text, previous.end + 1, q.start - 1))  # “…”“…”
                    and (not q.single or previous.single and _fills_paragraph(article, q, spans))):
                q.speaker, q.verb, q.person = previous.speaker, previous.verb, previous.person  # same speaker goes on
            if q.speaker and q.person:
                last_person = q.speaker
            elif q.speaker:
                last_organisation = q.speaker, q.paragraph
            elif q.verb and not q.speaker:
                last_person = _SENTINEL  # someone unnamed spoke: a later "he said" is not the speaker before them
            previous = q
            quoted = quote_text(article, q)
            rows.append((article.outlet, article.id, here, q.paragraph, q.speaker,
                         q.verb, quoted, True, len(quoted.split()), q.start, q.end))
    return rows


def quote_frame(rows: list[tuple]) -> pd.DataFrame:
    """The quote table from :func:`article_quotes` rows (``speaker``/``verb`` None where unknown)."""
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return frame.astype({"outlet": str, "article": str, "sentence": "int64", "paragraph": "int64", "direct": bool,
                         "words": "int64", "start": "int64", "end": "int64"})


def quote_table(corpus: Corpus, lexicon: Lexicon) -> pd.DataFrame:
    """Every direct quote and reported-speech sentence of ``corpus``, one row each, with its speaker."""
    return quote_frame([row for article in corpus.articles for row in article_quotes(article, lexicon)])


def voice_table(quotes: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """Per outlet × speaker: quotes, quoted words and share of voice (of the outlet's quoted words)."""
    direct = quotes[quotes["direct"]].fillna({"speaker": "unattributed"})
    if direct.empty:
        return pd.DataFrame(columns=["outlet", "speaker", "quotes", "words", "share_of_voice", "reported", "label"])
    table = direct.groupby(["outlet", "speaker"], sort=False).agg(quotes=("text", "size"), words=("words", "sum")).reset_index()
    table["share_of_voice"] = table["words"] / table.groupby("outlet")["words"].transform("sum")
    reported = quotes[~quotes["direct"]].groupby(["outlet", "speaker"]).size().rename("reported")
    table = table.join(reported, on=["outlet", "speaker"]).fillna({"reported": 0})
    table["reported"] = table["reported"].astype(int)
    table["label"] = table["speaker"].map(labels).fillna(table["speaker"])  # actor ids shown by their labels
    return table.sort_values(["outlet", "words"], ascending=[True, False], ignore_index=True)


def verb_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Reporting verbs each outlet used, with counts."""
    used = quotes.dropna(subset=["verb"])
    return used.groupby(["outlet", "verb"]).size().rename("uses").reset_index().sort_values(
        ["outlet", "uses"], ascending=[True, False], ignore_index=True)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’]+", text.lower().replace("’", "'"))


def _agreement(a: list[str], b: list[str]) -> int:
    """How well wording ``a`` is backed by ``b``: words matched minus 3 × words of ``a`` that ``b``
    contradicts where the two overlap (so full, majority wordings beat fragments and outliers)."""
    blocks = [blk for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if blk.size]
    if not blocks:
        return 0
    matched = sum(blk.size for blk in blocks)
    interior = (blocks[-1].a + blocks[-1].size - blocks[0].a) - matched
    return matched - 3 * interior


def _tokens(text: str) -> list[str]:
    """Display words of a quote, without pure punctuation ("…")."""
    return [t for t in text.split() if _words(t)]


def word_diff(reference: str, variant: str) -> list[tuple[str, str, str]]:
    """Word-by-word differences of ``variant`` against ``reference`` as (op, reference words, variant words).

    ``op`` is equal, replace, insert or delete, or ``extra`` for the variant's words beyond the
    reference's ends. Words compare without case and punctuation; reference words outside what
    the variant quoted (a partial quote) are left out, so only wording differences show.
    """
    ref, var = _tokens(reference), _tokens(variant)

    def keys(tokens: list[str]) -> list[str]:
        return [" ".join(_words(t)) for t in tokens]

    ops = SequenceMatcher(None, keys(ref), keys(var), autojunk=False).get_opcodes()
    while ops and ops[0][0] == "delete":
        ops = ops[1:]
    while ops and ops[-1][0] == "delete":
        ops = ops[:-1]
    out = [(op, " ".join(ref[i1:i2]), " ".join(var[j1:j2])) for op, i1, i2, j1, j2 in ops]
    for edge in (0, -1):
        if out and out[edge][0] == "insert":
            out[edge] = ("extra", "", out[edge][2])
    return out


MAX_JUDGES = 50
GROUP_COLUMNS = ["group", "speaker", "outlets", "reference", "variants", "quotes"]


def quote_groups(quotes: pd.DataFrame, outlets: list[str], *, min_words: int = 4, cutoff: int = 80) -> pd.DataFrame:
    """The same remark quoted by several outlets: one row per group with each outlet's variant.

    Quotes are grouped by rapidfuzz token-set similarity (a partial quote of a longer one still
    groups). The reference wording is the variant with the fewest words the others disagree
    with; every other variant carries its word diff against it.
    """
    direct = quotes[quotes["direct"] & (quotes["words"] >= min_words)]
    rows_of = direct.index.to_numpy()  # each member's row in ``quotes``: which sentences carry the remark
    direct = direct.reset_index(drop=True)
    if len(direct) < 2:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    norm = [" ".join(_words(t)) for t in direct["text"]]
    same_outlet = direct["outlet"].to_numpy()
    pairs = [(a, b) for a, b in similar_pairs(norm, fuzz.token_set_ratio, cutoff) if same_outlet[a] != same_outlet[b]]
    labels = union_find(len(direct), pairs)
    reach = pd.Series(same_outlet).groupby(labels).nunique()
    shared = set(reach.index[reach >= 2].tolist())  # most quotes are in no group: only groups across outlets are built
    agreement, diff = cache(_agreement), cache(word_diff)  # a remark is often quoted in the same words: compare once
    rows = []
    for label in [label for label in dict.fromkeys(labels) if label in shared]:
        members = direct[labels == label]
        texts = [tuple(_words(t)) for t in members["text"]]
        judges = range(min(len(texts), MAX_JUDGES))  # the reference is chosen against at most this many wordings
        backing = [sum(agreement(t, texts[j]) for j in judges if j != i) for i, t in enumerate(texts)]
        ref = members.iloc[int(np.lexsort(([-len(t) for t in texts], [-b for b in backing]))[0])]
        ref_row, ref_text = ref.name, ref["text"]
        variants = [
            {"outlet": r.outlet, "text": r.text, "speaker": r.speaker,
             "diff": [] if r.Index == ref_row else list(diff(ref_text, r.text))}
            for r in members.itertuples()
        ]
        order = {o: i for i, o in enumerate(outlets)}
        variants.sort(key=lambda v: order.get(v["outlet"], len(order)))
        quoting = set(members["outlet"])
        rows.append((members["speaker"].mode().iloc[0] if members["speaker"].notna().any() else None,
                     [o for o in outlets if o in quoting], ref.outlet, variants, rows_of[members.index].tolist()))
    frame = pd.DataFrame(rows, columns=["speaker", "outlets", "reference", "variants", "quotes"])
    frame = frame.sort_values("outlets", key=lambda s: -s.str.len(), kind="stable", ignore_index=True)
    frame.insert(0, "group", range(len(frame)))
    return frame
