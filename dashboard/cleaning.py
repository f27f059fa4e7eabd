"""Page-furniture removal as a list of named, independently testable rules.

Scraped news text carries things that are not the report: hover cards that leak into the
sentence, cross-links, captions and credits, bylines and author blocks, time stamps, newsletter
and app prompts, advertisement markers, copyright lines, comment footers, navigation strips,
and whatever template lines a site repeats on every page. Counting them would distort every
number downstream, so each rule removes one kind of furniture and records what it removed. The
raw text is never modified; a :class:`Paragraph` keeps its raw line plus the spans cut from it.

No rule is keyed to a file or an outlet: each is a pattern of the furniture itself, or (for
``repeated_boilerplate``) learned from the corpus. Line rules only drop short lines and never
a line that carries a quotation, so a sentence of the report is not lost to a loose pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dashboard.boilerplate import QUOTE, line_key

_END_MARKS = frozenset(".!?…\"”’')]")


def _ends_sentence(text: str) -> bool:
    """Whether the text ends as a sentence does (an end mark or a closing quote or bracket)."""
    text = text.rstrip()
    return bool(text) and text[-1] in _END_MARKS


@dataclass(frozen=True)
class Removal:
    """One piece of furniture: which rule removed it and the text it removed."""

    rule: str
    text: str
    note: str = ""  # e.g. how many articles carried a learned line


@dataclass
class Paragraph:
    """A raw line of the article and what the rules cut from it."""

    raw: str
    cuts: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, rule) in raw
    dropped_by: str | None = None
    note: str = ""
    #: The paragraph with inline cuts applied and whitespace folded (recomputed on each cut).
    text: str = field(init=False, repr=False, compare=False)
    #: How many words :attr:`text` has (most rules look at short lines only).
    words: int = field(init=False, repr=False, compare=False)
    _norm: str | None = field(default=None, init=False, repr=False, compare=False)
    _low: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._refold()

    def cut(self, start: int, end: int, rule: str) -> None:
        self.cuts.append((start, end, rule))
        self._refold()

    def _refold(self) -> None:
        self._norm, self._low = None, None
        if self.cuts:
            kept, pos = [], 0
            for start, end, _ in sorted(self.cuts):
                kept.append(self.raw[pos:start])
                pos = max(pos, end)
            kept.append(self.raw[pos:])
            self.text = " ".join("".join(kept).split())
        else:
            self.text = " ".join(self.raw.split())
        self.words = self.text.count(" ") + 1 if self.text else 0

    @property
    def raw_words(self) -> int:
        return len(self.raw.split()) if self.cuts else self.words

    @property
    def norm(self) -> str:
        """:attr:`text` with curly quotes straightened and case folded (what lines are compared by)."""
        if self._norm is None:
            self._norm = _fold_case(self.text)
        return self._norm

    @property
    def low(self) -> str:
        """:attr:`text` lower-cased letter for letter (:func:`_ascii_lower`)."""
        if self._low is None:
            self._low = _ascii_lower(self.text)
        return self._low

    @property
    def kept(self) -> bool:
        return self.dropped_by is None and bool(self.text)

    def removals(self) -> list[Removal]:
        if self.dropped_by:
            return [Removal(self.dropped_by, _fold(self.raw), self.note)]
        return [Removal(rule, _fold(self.raw[s:e])) for s, e, rule in sorted(self.cuts)]


@dataclass(frozen=True)
class Cleaned:
    """The outcome of cleaning one article."""

    paragraphs: list[Paragraph]

    @property
    def kept_paragraphs(self) -> list[str]:
        return [p.text for p in self.paragraphs if p.kept]

    @property
    def text(self) -> str:
        return "\n\n".join(self.kept_paragraphs)

    @property
    def removed(self) -> list[Removal]:
        return [r for p in self.paragraphs for r in p.removals()]


def _fold(text: str) -> str:
    """Whitespace (incl. no-break spaces) folded to single spaces."""
    return " ".join(text.split())


def _fold_case(folded: str) -> str:
    """Curly quotes straightened and case folded, of a text whose whitespace is already folded."""
    return folded.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").casefold()


def _ascii_lower(text: str) -> str:
    """Lower case, letter for letter (the same length, "İ" to "i"), with the letters that
    re.IGNORECASE matches to an ASCII letter ("ſ", "ı", "İ", "K") turned into it. A lower-case
    pattern then matches this case-sensitively exactly where it matches the text case-blind."""
    if text.isascii():
        return text.lower()
    return text.replace("İ", "I").lower().replace("ſ", "s").replace("ı", "i")


def _norm(text: str) -> str:
    return _fold_case(_fold(text))


def _words(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Page:
    """What the rules know of an article besides its lines."""

    headline: str = ""
    outlet: str = ""
    boilerplate: Mapping[int, int] = field(default_factory=dict)  # learned furniture keys -> articles carrying them


Rule = Callable[[list["Paragraph"], Page], None]


def _live(paragraphs: list[Paragraph]) -> list[Paragraph]:
    return [p for p in paragraphs if p.dropped_by is None and p.text]


def _open_ended(text: str) -> bool:
    """Ends neither as a sentence does nor with a colon that leads into what follows."""
    return not _ends_sentence(text) and not text.endswith(":")


def _has_quote(text: str) -> bool:
    return bool(QUOTE.search(text))


def _is_body_sentence(text: str) -> bool:
    """A complete sentence of reporting: long enough, and ends as a sentence does."""
    return _words(text) >= 8 and _ends_sentence(text)


# --- inline rules: cut spans out of a paragraph ---------------------------------------------

# "President BidenJoe BidenBiden says ... MORE on Wednesday": the surname is glued to a card
# that repeats the full name (or the formal one, "TrumpDonald John TrumpTrump"), lists related
# headlines and ends in "MORE". Some scrapes put a space where the markup joined the parts.
_HOVER_CARD = re.compile(
    r"\b(?P<last>[A-Z][\w'’-]+) ?"
    r"(?P<card>(?:[A-Z][\w.'’-]+ ){1,3}(?P=last) ?(?=[A-Z\d\"“'‘])[^\n]*? MORE\b)"
)


def hover_cards(paragraphs: list[Paragraph], page: Page) -> None:
    """Cut leaked name hover cards ("BidenJoe BidenBiden says … MORE")."""
    for p in paragraphs:
        if " MORE" not in p.raw:  # every card ends in it: skip the costly search
            continue
        for m in _HOVER_CARD.finditer(p.raw):
            p.cut(m.end("last"), m.end("card"), "hover_cards")


_INLINE_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)* ?,?)?\((?:CNN|Reuters|AP|AFP|AA|UPI|dpa|Xinhua)\)\s*[—–-]+\s+"
    r"|^\s*(?:CNN|Reuters|AP|AFP)\s+[—–]+\s+"
)
_LONE_DATELINE = re.compile(r"^\s*[A-Z][\w .,()'’/-]{0,40}?\s+[—–]+\s*$")
_COLON_DATELINE = re.compile(r"^\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}\s*:\s*$")  # "New Delhi:" alone


def datelines(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop a dateline line ("CNN  —"; before the report's first sentence, "New Delhi:") and cut a
    dateline prefix ("WASHINGTON (Reuters) - ")."""
    opening = True  # no sentence of the report yet: "Background:" further down is a subhead
    for p in _live(paragraphs):
        raw = p.raw
        opening = opening and not _is_body_sentence(p.text)
        dash = "—" in raw or "–" in raw  # every dateline pattern but the colon one needs a dash or "("
        if (dash and _LONE_DATELINE.match(raw)) or (opening and raw.rstrip().endswith(":") and _COLON_DATELINE.match(raw)):
            p.dropped_by = "datelines"
        elif (dash or "(" in raw) and (m := _INLINE_DATELINE.match(raw)):
            p.cut(m.start(), m.end(), "datelines")


# --- whole-line rules ------------------------------------------------------------------------

_RECORD_DATE = re.compile(r"^\s*date \d{4}-\d{2}(?:-\d{2})?\b\s*")  # the day may be missing ("date 2022-07")


def record_date(paragraphs: list[Paragraph], page: Page) -> None:
    """Cut the date field an export prints before the page's first line ("date 2021-08-16 …")."""
    if paragraphs and (m := _RECORD_DATE.match(paragraphs[0].raw)):
        paragraphs[0].cut(m.start(), m.end(), "record_date")


def headline_line(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop the line that repeats the headline (the headline is analysed apart): the first line, or
    the first line further down with the report after it and short lines above it (a page header,
    with at most one long banner; paragraphs of over 40 words above say the report began before,
    and the line is a link to the same story in a list); and the headline cut off
    (:func:`_cut_off_headlines`)."""
    live = _live(paragraphs)
    if not page.headline or not live:
        return
    headline = _norm(page.headline)
    _cut_off_headlines(live, headline)
    for i, p in enumerate(live):
        if p.norm == headline:
            long_above = sum(q.words > 40 for q in live[:i])
            if i == 0 or (long_above <= 1 and any(_is_body_sentence(q.text) for q in live[i + 1:])):
                p.dropped_by = "headline_line"
            return


def _cut_off_headlines(live: list[Paragraph], headline: str) -> None:
    """Drop the headline cut off (an image's alt text or a teaser's title: "Jo Smith gives first speech
    as mayor, promises") above the report's first sentence: four words or more that start the headline
    and stop short of it without a sentence's end. A lead that opens with the headline's words goes on
    past it and stays."""
    for p in live:
        if p.norm != headline and _is_body_sentence(p.text):
            return
        if p.words >= 4 and len(p.norm) < len(headline) and headline.startswith(p.norm) and _open_ended(p.text):
            p.dropped_by = "headline_line"


def page_header(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop what stands above the headline (menus, teasers of other stories, tickers): the report
    starts at its headline. A line with a quotation stays."""
    top = next((i for i, p in enumerate(paragraphs) if p.dropped_by == "headline_line"), 0)
    for p in _live(paragraphs[:top]):
        if not _has_quote(p.text):
            p.dropped_by = "page_header"


def _line_rule(name: str, start: str, max_words: int, *, anywhere: str = "", flags: int = re.I) -> Rule:
    """A rule that drops every short line that matches ``start`` at its start (with ``flags``) or
    holds ``anywhere``; a line with a quote always stays.

    ``anywhere`` is written in lower case and searched, case-sensitively, in the line lower-cased
    (:func:`_ascii_lower`): the same lines as a case-blind search, but the regex engine can skip
    ahead to the phrases' first letters instead of trying every position.
    """
    at_start = re.compile(start, flags)
    inside = re.compile(anywhere) if anywhere else None

    def rule(paragraphs: list[Paragraph], page: Page) -> None:
        for p in paragraphs:  # the live ones: not dropped, some text left
            if (p.dropped_by is None and 0 < p.words <= max_words
                    and (at_start.match(p.text) or inside and inside.search(p.low)) and not _has_quote(p.text)):
                p.dropped_by = name

    rule.__name__ = name
    rule.__doc__ = f"Drop lines of at most {max_words} words matching the {name} pattern."
    return rule


_SEP = r"\s*[:|›»>•·–—-]"
cross_links = _line_rule("cross_links", (
    r"^\W*(?:see also|also see|more|related(?: \w+){0,2}|(?:read|watch|listen)(?: more| also| next| now)?|"
    r"(?:also|must) read|recommended(?: for you)?|trending(?: now)?|most (?:read|popular|viewed)|top stories|"
    r"you (?:may|might) also (?:like|be interested in)|further reading|don'?t miss|explore more|"
    r"more (?:from|on|about|stories|news)(?: \w+){0,4}|latest(?: news| stories)?|in (?:other|related) news)" + _SEP +
    r"|^\W*(?:read more|read the full (?:story|article)|see more|show more|load more|more stories|related (?:stories|articles|content|coverage)|"
    r"(?:story|article) continue[sd]? (?:below|after)(?: (?:this )?(?:ad|advertisement))?|continue reading(?: (?:below|the main story))?|find out more|learn more|(?:read|watch|up) next)\W*$"
    r"|^\W*click here\b|^\W*(?:also|read) on [A-Z]|^\W*also read\s+(?-i:[A-Z])[^.!?]*$|^\W*(?:recent|more|latest|previous) episodes\b[^.!?]{0,60}$"
    r"|^\W*for (?:more (?:info|information|details|updates)\b[^.!?]{0,40}(?:go to|visit|see|click)\W*$"
    r"|(?:the latest|more)\b[^!?]{0,100}\b(?:visit|go to|see)\s+(?:https?://)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|news|uk|au|ca)\b)"
    r"|^\W*(?:latest|more|top|related|featured|popular|trending|recommended|editor'?s'?) (?:news|stories|posts?|articles|picks|videos?)\W*$"
    r"|^\W*must read\W*$|^\W*https?://\S+\W*$|^\W*more (?:in|from|on|about)(?: (?-i:[A-Z])[\w'’&-]*){1,4}$"
    r"|^\W*have you (?:read|seen)\b|^\W*see also\s+[^.!?]{3,}$|^\W*did you (?:read|see) (?:this|these|it)\W*$"
    r"|^[^.!?]{3,80}\ssee also\s+(?-i:[A-Z])[^.!?]*$"  # a link glued to a subhead: "… neighbors See also Title"
    r"|^\s*(?:>>|»)\s*(?-i:[A-Z0-9‘“'\"])[^.!?]{5,150}$"  # a linked headline marked by chevrons
    r"|^\W*read (?:the )?full (?:story|article|report|post)\b[^.!?]{0,60}$"  # a where-to-read line; a sentence stays
    r"|^\W*(?:read|see|view) more (?:[\w'’-]+ ){0,2}(?:news|stories|articles|posts|videos?)\W*$"
    r"|^\W*more coverage(?: (?:of|on|from|about)\b[^.!?:]{0,60})?\s*:?\s*$"
    # a link to a piece of another kind, labelled with its kind ("Edit: After the vote", "Live updates: Vote delayed");
    # an aggregator's link to the page it copied ("Source link")
    r"|^\W*(?:edit|editorial|opinion|op-ed|analysis|explainer|explained|interview|podcast|fact ?check|live(?: updates?| blog)?)"
    r"\s*:\s*(?:[^.!?:]|\.(?=\w|\s+[a-z])){3,100}$|^\W*source link\b[^.!?]{0,12}$"
    # where the piece itself can be read, by its address: "Read the original article at https://…"
    r"|^\W*(?:you can )?(?:find|read|see|view) (?:the )?(?:(?:current|original|full|latest|complete) )?(?:article|story|report|version)\b"
    r"[^!?]{0,80}?\bhttps?://\S+\s*$"
    # an editor's pointer to the latest coverage on another page: "For the latest on the fire, please see our live blog."
    r"|^\W*for (?:the latest|more|the most recent|continuing|full|complete)\b[^.!?]{0,80},\s*(?:please\s+)?"
    r"(?:see|check|visit|go to|head to|read|follow|click)\b[^!?]{0,80}\b(?:our|this link|here|homepage|home page|website|site)\b"
    r"[^!?]{0,60}$"
    # a link to a photo gallery: "Storm damage across the county - In pictures", "In pictures: Storm damage"
    r"|^[^.!?]{3,80}\s[-–—|:]\s+in (?:pictures|photos|images)\s*$|^\W*in (?:pictures|photos|images)\s*[:|–—-]\s*\S[^.!?]{0,80}$"), 30,
    anywhere=r"\bread (?:more|the full [\w ]{0,60}|more (?:on|about) [\w ]{0,60}) here\W*$|\bclick here\W*$")


_LINK_HEADER_RULES = {"cross_links"}


_TITLE_SEP = re.compile(r"\s[-|–—]\s")
# An image's size and date after the outlet's name in its alt text ("… - Ledger News, 1920, 27.03.2023").
_FIGURES_AFTER = re.compile(r"(?:\s*,\s*[\d.]+)+\s*$")


def _has_title_sep(text: str) -> bool:
    """:data:`_TITLE_SEP` in a whitespace-folded text (its only space is " ")."""
    return " - " in text or " | " in text or " – " in text or " — " in text


def link_lists(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop lists of other stories' headlines: under a cross-link header ("Latest news", "More
    News"), the lines that do not end as a sentence does, up to the first one that does; a
    headline that ends in the outlet's own name ("Jury finds Derek Chauvin guilty - NZ Herald")
    anywhere, or its image's alt text ("… - Ledger News, 1920, 27.03.2023"); a kicker glued to a
    headline ("Live updates:Storm damage across the county") or in capitals ("HAVE YOU SEEN?: Bridge
    reopens"); two or more teasers in a row, each cut off with an ellipsis, or one cut off after a
    short word ("… launched an..."); and three or more headline-shaped lines that end the page after
    its last sentence (not after a colon, which leads into a list of the report's own, unless the
    colon line speaks of articles, stories or sources: "… in the following list of articles:"), a title there
    perhaps followed by its teaser cut off with "…" or written in title case with a question mark; a
    title above its own teaser (:func:`_titles_of_teasers`); two or more headlines in a row inside the report
    (:func:`_headlines_inside`)."""
    forms = _outlet_forms(page.outlet)
    after_header = False
    for p in paragraphs:
        if p.dropped_by in _LINK_HEADER_RULES and _words(p.raw) <= 4:
            after_header = True
            continue
        if not p.kept:
            continue
        tail = _TITLE_SEP.split(p.text)[-1].strip().casefold() if forms and _has_title_sep(p.text) else ""
        tail = _FIGURES_AFTER.sub("", tail)
        if ((after_header and not _ends_sentence(p.text) and p.words <= 25) or (tail and _norm(tail) in forms)
                or (":" in p.text and p.words <= 25 and _KICKER.match(p.text) and _open_ended(p.text)
                    and not _has_quote(p.text))):
            p.dropped_by = "cross_links"
        else:
            after_header = False
    for run in _runs(_live(paragraphs), _is_teaser):
        if len(run) >= 2 or _CUT_MID_SENTENCE.search(run[0].text[-8:]):
            for p in run:
                p.dropped_by = "cross_links"
    _titles_of_teasers(paragraphs)
    _headlines_inside(_live(paragraphs))
    live = _live(paragraphs)
    last_body = next((i for i in range(len(live) - 1, -1, -1) if _has_quote(live[i].text)
                      or (_is_body_sentence(live[i].text) and not _is_title_cased(live[i].text) and not _is_teaser(live[i]))),
                     None)
    if last_body is not None and not live[last_body].text.endswith(":"):
        tail = live[last_body + 1:]
        led_in = (bool(tail) and tail[0].text.endswith(":") and tail[0].words <= 30 and not _has_quote(tail[0].text)
                  and bool(_LIST_OF_LINKS.search(tail[0].text)))  # "… in these articles:"
        titles = tail[1:] if led_in else tail
        if len(titles) >= 3 and all(_is_title(p) or (j and _is_teaser(p) and _is_title(titles[j - 1]))
                                    for j, p in enumerate(titles)):
            for p in tail:
                p.dropped_by = "cross_links"


def _headlines_inside(live: list[Paragraph]) -> None:
    """Drop two or more headlines in a row between sentences of the report: lines of four to twenty words, every long
    word capitalised, no sentence's end ("Ferry Fares Rise Again: Commuters Count The Cost"), links to other stories set
    into it. One such line is a subhead and stays."""
    sentences = [i for i, p in enumerate(live) if _has_quote(p.text)
                 or (_is_body_sentence(p.text) and not _is_title_cased(p.text) and not _is_teaser(p))]
    if not sentences:
        return
    inside = live[sentences[0] + 1:sentences[-1]]
    for run in _runs(inside, lambda p: _is_title(p) and _open_ended(p.text) and _is_title_cased(p.text)):
        if len(run) >= 2:
            for p in run:
                p.dropped_by = "cross_links"


def _titles_of_teasers(paragraphs: list[Paragraph]) -> None:
    """Drop a story's title above its removed teaser, which repeats the title and goes on ("Jo Smith
    agrees deal" / "Jo Smith agrees deal Jo Smith has reportedly agreed…"). A report's sentence is not
    the start of a link below it."""
    for p, below in zip(paragraphs, paragraphs[1:]):
        if (p.kept and below.dropped_by == "cross_links" and p.words >= 4 and _open_ended(p.text)
                and below.norm.startswith(p.norm + " ")):
            p.dropped_by = "cross_links"


# A kicker glued to a linked headline ("Live updates:Storm damage across the county", "'Gone in
# a minute':Residents return") or a kicker in capitals ("HAVE YOU SEEN?: Bridge reopens"). The
# line must not end as a sentence does, so "Note:The vote …" style typos in a report stay.
_KICKER = re.compile(r"^\W*(?:[^\s:][^:]{0,40}:(?=[A-Z'‘“\"])|[A-Z][A-Z '’?!-]{2,30}[?!]?:\s+[A-Z'‘“\"])")
# A line that leads into a list of other stories ("… in the following list of sources and articles:").
_LIST_OF_LINKS = re.compile(r"\b(?:articles|stories|sources|links|further reading|coverage|reports)\b", re.I)
_TRUNCATED = re.compile(r"\w(?:…|\.\.\.)$")
# A teaser cut off after a short word ("… where the chief launched an...", "… for a s..."): a report's sentence that
# trails off ends on a word that could end it.
_CUT_MID_SENTENCE = re.compile(r"(?:^|\s)[a-z]{1,3}(?:…|\.\.\.)$")


def _is_teaser(p: Paragraph) -> bool:
    """A story teaser: text cut off with an ellipsis ("… threw up several…")."""
    return (p.text.endswith(("…", "...")) and p.words <= 40 and bool(_TRUNCATED.search(p.text[-4:]))
            and not _has_quote(p.text))


def _is_title(p: Paragraph) -> bool:
    """A headline-shaped line: four to twenty words, no sentence punctuation at its end (or every word of four
    letters or more capitalised: "Is Driving Fast Worth Losing Your Licence?"), no quote."""
    return (4 <= p.words <= 20 and (_open_ended(p.text) or _is_title_cased(p.text)) and not _has_quote(p.text))


_LETTER_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _is_title_cased(text: str) -> bool:
    """Written as a headline is: three or more words of four letters or more, each capitalised."""
    long = [w for w in _LETTER_WORD.findall(text) if len(w) >= 4]
    return len(long) >= 3 and all(w[0].isupper() for w in long)


def _runs(live: list[Paragraph], test: Callable[[Paragraph], bool]) -> list[list[Paragraph]]:
    """The runs of consecutive lines that pass ``test``."""
    runs: list[list[Paragraph]] = [[]]
    for p in live:
        if test(p):
            runs[-1].append(p)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]

_NAME = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|del|da|al|bin|la|le)){0,4}"
_ROLE = (r"(?i:(?:(?:former|staff|senior|chief|political|white house|national|foreign|deputy|associate|contributing|special)\s+)*"
         r"(?:writer|reporter|correspondent|editor|journalist|contributor|columnist|producer|staff|team|desk)s?)")
bylines = _line_rule("bylines", (
    rf"^\W*(?i:(?:(?:written|words|reporting|story|posted|published|text|photos?|video|compiled|edited)\s+)?by)\s*:?\s+{_NAME}"
    rf"(?:(?:\s*(?:[,|/·•–—-]+|and|&|(?i:for|in|of|at))\s*|\s+)(?:{_NAME}|{_ROLE}|\d[\w:,. ]*))*\s*[,.|·•]?\s*{_ROLE}?"
    r"(?:\s*,?\s*(?i:with|and)\s+(?i:agency|agencies|wire|wires|additional)(?:\s+(?i:reports?|reporting))?)?\W*$"
    # a feed's byline: the authors, then the feed and the outlet it came from ("by Jo Smith from World news | Ledger")
    rf"|^\W*(?i:by)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*\s+(?i:from)\s+[^.!?|]{{1,60}}\|[^.!?|]{{1,60}}$"
    # a name and its role alone ("Jo Smith Former Senior Writer"); a byline whose name the scrape lost ("By | jo@ledger.com | Ledger")
    rf"|^\W*(?:[A-Z][\w'’.-]+\s+){{2,4}}{_ROLE}\W*$|^\W*(?i:by)\s*[|·•]\s*[^|]{{1,60}}(?:\|[^|]{{1,60}}){{0,2}}$"
    r"|^\W*(?i:author|authors|byline)\s*:\s*\S|^\W*(?i:author|authors|byline|written by|(?:read|narrated|voiced) by)\W*$"
    r"|^\W*(?:[A-Z][\w.'’-]*\s+){0,3}(?i:web team|news desk|desk|staff reporter|citizen reporter|staff writer|newsroom|bureau)"
    r"\W*(?:[|,]\s*[A-Z][\w .'’-]{0,30})?\W*$"
    r"|^\W*[A-Z][\w'’-]+\s+[A-Z][a-z'’-]+(?=\d)\d{1,2}\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}"
    r"|^\W*\(?(?i:(?:additional )?(?:reporting|writing|editing|research) by)\b"
    # the report's sources named after it: "Based on reporting by Ledger, Wire and dpa" (a list of names and nothing more)
    r"|^\W*\(?(?i:(?:based on|with|compiled from|includes?)\s+(?:additional\s+)?(?:wire\s+)?(?:reporting|reports|material)\s+(?:by|from))"
    # (names in capitals, short words in lower case: "the", "and", "dpa"; each word after a space, comma or "&")
    r"(?:[\s,&]+(?:[A-Z][\w.'’-]*|[a-z]{2,3}(?![\w'’-])))+\s*[.)]*\s*$"), 40, flags=0)

_TIME_WORDS = {
    "am", "pm", "a.m", "p.m", "a.m.", "p.m.", "et", "est", "edt", "pt", "pst", "pdt", "ct", "cst", "cdt", "mt", "gmt",
    "utc", "bst", "cet", "cest", "ist", "aest", "jst", "msk", "updated", "published", "posted", "last", "modified",
    "on", "at", "ago", "min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs", "h", "day", "days", "week",
    "weeks", "month", "months", "year", "years", "read", "reading", "time", "yesterday", "today", "just", "now",
    "first", "date", "of", "updt", "upd", "t", "z", "the", "edition", "issue", "update", "created",
}
_MONTHS = {"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
           "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december"}
_WEEKDAYS = {"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri",
             "friday", "sat", "saturday", "sun", "sunday"}
#: Units of a span of time written out: a number and one of them alone ("15 hours", "48 HOURS") is a
#: span (a subhead, a figure), not a time stamp, which says "ago", "read" or a clock or calendar time.
_DURATIONS = {"minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"}
_TOKEN = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?|\d+")


def _over_16_tokens(text: str) -> bool:
    """Whether the first 20 words already hold more than 16 tokens: a word with a letter or digit
    holds at least one (also case-folded), and a token never spans two words. A quick test that
    spares long paragraphs the tokenising."""
    n = 0
    for word in text.split(None, 20)[:20]:
        if word.isalnum() or word[:-1].isalnum() or word[1:].isalnum():
            n += 1
            if n > 16:
                return True
    return False


#: The labels of a time stamp: a line of two or more of them and nothing else is a stamp whose values
#: the scrape lost ("Posted , updated").
_STAMP_LABELS = {"posted", "updated", "published", "modified", "created", "first", "last", "on", "at"}
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])")  # a label glued to the date by the scrape ("HeadlineJul 08, 2022")


def _is_timestamp(text: str) -> bool:
    """A line of nothing but a date and/or time ("Updated: 3:14 PM ET, Tue August 10, 2021",
    "4 days ago", "5 min read", "Posted , updated"); two other words may stand with a full date ("Article Aug 10,
    2021", "KSA 23:53")."""
    if _over_16_tokens(text):
        return False
    tokens = _TOKEN.findall(_GLUED.sub(" ", text).casefold())
    if not tokens or len(tokens) > 16:
        return False
    tokens = [t.rstrip(".") if not t[0].isdigit() else t for t in tokens]
    if len(tokens) >= 2 and all(t in _STAMP_LABELS for t in tokens):  # "Posted , updated": the values did not load
        return True
    if "ago" not in tokens and not any(t.isdigit() for t in tokens):  # every shape below needs one
        return False
    if tokens[-1] in _DURATIONS and all(t.isdigit() or t in _DURATIONS for t in tokens):  # "15 HOURS": a span
        return False
    dated = any(t in _MONTHS or t in _WEEKDAYS for t in tokens) and any(t.isdigit() for t in tokens)
    timed = any(t.isdigit() for t in tokens) and any(t in _TIME_WORDS for t in tokens) or "ago" in tokens
    numeric = bool(re.fullmatch(r"\W*(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:(?:[T ,]+|\s+[-–—|]\s+)\d{1,2}:\d{2}(?::\d{2})?\w*)?"
                                r"|\d{1,2}:\d{2}(?::\d{2})?)\W*", text))
    other = [t for t in tokens if not (t.isdigit() or t in _TIME_WORDS or t in _MONTHS or t in _WEEKDAYS)]
    if other and tokens[-1] in other and not numeric and not _YEAR_OR_CLOCK.search(text):
        return False  # words after a day with no year or clock: a sentence's start ("On October 3, Prince Mo")
    return numeric or ((dated or timed) and len(other) <= (2 if dated else 0))


_YEAR_OR_CLOCK = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|\d:\d\d")


_STAMP_PARTS = re.compile(r"\s+[・|•·]\s+|(?<=[^\W\d_])[・·](?=\d)")  # spaced, or a dot glued to the date ("Sports·2024-07-27")


def _labelled_timestamp(text: str) -> bool:
    """A time stamp set off from a section or place label by a separator ("SOUTH CAROLINA STATE ・ 1 DAY AGO",
    "Politics | 2 hours ago", "Daily Ledger - Politics·2024-07-27 15:01"): one part a stamp, the other a label of at
    most four words (dashes not counted; not an author's: "By …" is a byline's)."""
    parts = _STAMP_PARTS.split(text)
    if len(parts) != 2:
        return False
    stamp, label = (parts[1], parts[0]) if _is_timestamp(parts[1]) else (parts[0], parts[1])
    return (_is_timestamp(stamp) and sum(any(c.isalnum() for c in w) for w in label.split()) <= 4
            and not _ends_sentence(label)
            and not label.lower().startswith("by "))


# A live blog's stamp of a post's time after the one before ("(45 minutes later)"); a span of years or days is the report's.
_LATER_STAMP = re.compile(r"^\W*\d{1,3}\s+(?:min(?:ute)?s?|hours?|hrs?)\s+(?:later|earlier)\W*$", re.I)


# A stamp's label with a colon after a few words of a section's or byline's label ("Ferry Fire Edited by Updated: …").
_STAMP_LABEL = re.compile(r"^[^.!?:\"“”]{1,60}?\s(?=(?:last )?(?:updated|published|posted|modified)\s*:)", re.I)


def _stamp_after_label(text: str) -> bool:
    """A time stamp with its label ("Updated: Mar 3, 2024, 12:50 pm") after up to six words of another label, the
    byline's name lost ("Ferry Fire Edited by Updated: …"): the stamp has a year or a clock time."""
    m = _STAMP_LABEL.match(text)
    if not m or _words(m.group()) > 6:
        return False
    stamp = text[m.end():]
    return _is_timestamp(stamp) and bool(_YEAR_OR_CLOCK.search(stamp))


def timestamps(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop time stamps and date lines alone on a line, or set off from a label (by a separator, or a stamp's own label
    after a few words: "Ferry Fire Edited by Updated: …"), and a live blog's "(45 minutes later)" (a span of time
    alone, "15 HOURS", stays)."""
    for p in _live(paragraphs):
        if (_is_timestamp(p.text) or (p.words <= 4 and _LATER_STAMP.match(p.text))
                or (p.words <= 16 and _STAMP_PARTS.search(p.text) and _labelled_timestamp(p.text))
                or (p.words <= 20 and ":" in p.text and _stamp_after_label(p.text))):
            p.dropped_by = "timestamps"


author_bios = _line_rule("author_bios", (
    r"^\W*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s+(?:is|was|has been|serves as)\s+(?:an?|the)\s+"
    r"(?:[\w-]+\s+){0,6}(?:reporter|correspondent|writer|editor|journalist|columnist|contributor|producer|anchor)\b"
    r"|^\W*(?:follow|contact|email|e-mail|reach)\b.{0,80}(?:@\w|twitter|facebook|instagram|threads|bluesky|linkedin)"
    r"|^\W*@\w+\W*$|^\W*(?:email|e-mail)\s*:\s*\S+@\S+"
    r"|^\W*(?:expertise|credentials|areas? of (?:expertise|coverage))\s*:?\s+(?-i:[A-Z])"), 60,  # an author card's field labels
    anywhere=r"can be (?:contacted|reached) (?:at|on|via)\b")

newsletter_prompts = _line_rule("newsletter_prompts", (
    r"^\W*(?:sign up|signup|subscribe|register|join|get|download|install|enter your email|never miss|stay (?:up to date|informed)|"
    r"want (?:more|the latest)|tap|click (?:here )?to (?:get|download|subscribe|sign))\b.{0,120}"
    r"(?:newsletter|inbox|e-?mail|updates|alerts|app\b|podcast|briefing|subscription|notifications)"
    r"|^\W*stay updated\b"
    r"|^\W*(?:find out|keep up|stay (?:up to date|informed|on top))\b[^.!?]{0,80}\bwith (?:the )?latest (?:updates|news|headlines|stories)\b"
    r"|^\W*(?:subscribe to|like|follow)\b[^.!?]{0,60}\b(?:channel|facebook|twitter|youtube|instagram|us|updates|coverage)\b[^.!?]{0,20}\bhere\s*:?\s*$"),
    40, anywhere=(
    r"newsletters?\s*$|delivered (?:straight |directly )?to your inbox|privacy policy|terms of (?:use|service)|"
    r"by (?:signing up|subscribing|clicking)|unsubscribe|already (?:a )?subscriber|subscribe (?:now|today)|"
    r"this (?:site|form) is protected by recaptcha|subscribe here|follow (?:and like )?us\b|"
    r"sign up (?:to|for) our\b[^.!?]{0,30}newsletter"))

advertisements = _line_rule("advertisements", (
    r"^\W*(?:(?:hide|close|skip|remove|dismiss) )?(?:advertisement|advertising|advert|ad|ads)(?: (?:hide|close|skip|feedback))?\W*$"
    r"|^\W*(?:sponsored(?: content| post| by.*)?|paid (?:content|post|partner)|promoted|"
    r"(?:story|article) continue[sd]? below(?: advertisement)?|continue reading below|scroll (?:down )?to continue(?: reading)?|"
    r"video ad feedback|report (?:this )?ad|advertiser disclosure)\W*$"),
    60, anywhere=r"using an ad ?blocker|disable (?:your )?ad ?block|adblock (?:test|detected)|\bthanks? (?:its|our) sponsors\b")

copyright_lines = _line_rule("copyright_lines", (
    r"^\W*(?:copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4}|@\s*(?:19|20)\d{2}\b)|^\W*disclaimer\s*:"
    r"|^\s*\(c\)\s+(?-i:[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|the|and)){0,5})\s*$"), 50, anywhere=(
    r"all rights reserved|may not be (?:published|reproduced|redistributed|rewritten)|"
    r"reprint(?:s| permission|s (?:and|&) permissions)|for (?:reprint|syndication) (?:rights|permission)|"
    r"trust principles|auto-(?:published|generated) from (?:an? )?(?:agency|syndicated) feed|"
    r"^\W*(?:this|the above) (?:post|article|story|piece|report|column) (?:is from (?:the )?(?:source|site|feed)\b[^.!?]{0,40}? and )?"
    r"(?:was |has been )?(?:originally|first) (?:published|posted|appeared|seen)\b"))

_comment_lines = _line_rule("comment_footers", (
    r"^\W*(?:\d+\s+|no\s+)?comments?\W*$|^\W*(?:leave|post|add|view|show|read|see) (?:a |the |all |\d+ )?(?:comments?|repl(?:y|ies))\b|"
    r"^\W*loading comments\W*$|^\W*(?:visited|viewed) \d[\d,]* times?\b[^.!?]{0,40}$|"
    r"^\W*(?:\d+(?:\.\d+)?\s+)?\d+\s+votes?\W*$|^\W*\d[\d,.]*\s*[km]?\s+views?\W*$|"
    r"^[^.!?]{0,60}?\b\d[\d,.]*\s*[km]?\s+views?\W+(?:\d+\s+)?comments?\W*$|^\W*(?:article|post|user|reader) ratings?\W*$|^\W*rate this (?:article|story|post)\W*$|"
    r"^\W*what do you think\?|^\W*please enter your (?:comment|name|e-?mail)(?: address)?(?: here)?\W*$|"
    r"^\W*(?:(?:share|tweet|email|print|facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|flipboard|copy link|"
    r"copy|link|save|x)(?:\s+(?:this|on|via|article|story))*\W*){1,8}$"), 25, anywhere=(
    r"join the (?:conversation|discussion|debate)|have (?:a|your) (?:news )?tip|(?:send|email) us (?:a |your )?(?:tip|feedback|news)|"
    r"share (?:this|your) (?:article|story|thoughts|views|opinion)|"
    r"(?:report an? (?:error|typo|correction)|found an? (?:error|typo))|we (?:welcome|value) your (?:feedback|comments)|"
    r"your comment data|share (?:it|this(?: \w+)?) with (?:your |a )?friends|"
    r"your e-?mail address will not be published|required fields are marked|"
    r"\b(?:site|website|we) uses? cookies\b|\buse of cookies\b|\bcookies to (?:improve|enhance|give|ensure|personali[sz]e)|"
    r"\bcookie (?:policy|settings|preferences|notice)|\baccept (?:all )?cookies"))

# Questions and nothing else, one of them put to the reader ("… the ferry? Are you surprised by the decision?").
_QUESTIONS = re.compile(r"^(?:[^.!?]+\?\s*)+$")
_TO_THE_READER = re.compile(r"\b(?:you|your)\b", re.I)


def comment_footers(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop comment counts, tip lines, share bars and cookie notices (lines of up to 25 words), and the page's last line
    when it is nothing but questions, one put to the reader ("Are you surprised by the decision?"): a prompt to comment."""
    _comment_lines(paragraphs, page)
    live = _live(paragraphs)
    if len(live) >= 2 and (last := live[-1]).words <= 30 and _QUESTIONS.match(last.text) and _TO_THE_READER.search(last.text) \
            and not _has_quote(last.text):
        last.dropped_by = "comment_footers"

_DOMAIN = re.compile(r"^\W*(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|news|co\.uk|uk|tv|info|io|gov|"
                     r"edu|us|ca|au|in|de|fr|ru|tr|ae|qa|ie|nz|za)(?:/\S*)?\W*$", re.I)


def _outlet_forms(outlet: str) -> set[str]:
    name = _norm(outlet)
    bare = re.sub(r"^the ", "", name)
    forms = {name, bare, bare.replace(" ", "")} | {f"{bare} {suffix}" for suffix in ("news", "staff", "online", "newsroom", "team")}
    return forms if name else set()


def outlet_name_lines(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop a line that is only the outlet's name or a web address."""
    forms = _outlet_forms(page.outlet)
    for p in _live(paragraphs):
        text = p.norm.strip(" .|·•-–—:")
        if text in forms or (p.words <= 2 and _DOMAIN.match(p.text)):
            p.dropped_by = "outlet_name_lines"


_NAV_SEPARATED = re.compile(r"^\s*[^.!?\"“”]{1,40}(?:\s*[|›»>•·/]\s*[^.!?\"“”|›»>•·/]{1,40}){2,}\s*$")


_UI_LABELS = re.compile(r"^\W*(?:(?:skip|jump)(?: directly)? to (?:the )?(?:main )?content|skip navigation|(?:back to |go to )?top(?: of page)?|(?:left |main )?menu|"
                        r"close(?: (?:[\w-]+ )?(?:banner|pop-?up|ad|advert|window|dialog))?|"
                        r"search|sign in|log ?in|open|more|live updates?|just in|breaking(?: news)?|\d+ posts?|"
                        r"home|share|print|listen(?: to (?:this |the |a )?(?:short )?(?:article|story|summary))?|toggle navigation|rechercher dans ce blog|get involved|"
                        r"(?:(?:previous|prev|next|older|newer) (?:post|article|story|entry)\W*){1,2}|"
                        r"oops|something went wrong|(?:please )?try again(?: later)?|hold tight\b[^.!?]{0,80}\bloading(?: more| the)? (?:content|comments|page|posts|results|feed)|loading(?:(?: \w+){1,2}\s*(?:\.{2,}|…))?|(?:key )?highlights|"
                        r"(?:swipe|click|tap|scroll)(?: or (?:swipe|click|tap|scroll))?(?: (?:left|right|up|down|here))? "
                        r"to (?:see|view|load|show) more)\W*$", re.I)


# A URL's query string left alone on a line ("&w=650&quality=100)"): parameters and no words.
_URL_PARAMS = re.compile(r"^\W*(?:[\w.%-]*=[\w.%:/-]*&)+[\w.%-]+=[\w.%:/-]*\W*$|^\W*[?&][\w.%-]+=[\w.%:/-]*\W*$")
_CODE_DUMP = re.compile(r"\[\w+\] =>.*\[\w+\] =>")  # a PHP array printed into the page
# An HTML tag leaked into the text, perhaps without its "<" ('div style="position: relative;">'), or an image's element
# with its source and alt text ('<image>data:image/s3,"s3://crabby-images/22d8c/22d8c0bd8c7d56d6d4fae94f86ff5a9a9f7cee5f" alt="A crowd …"</image>').
_HTML_LEAK = re.compile(r"^\W*<?/?(?:div|span|iframe|img|script|section|figure|p|a)\s+(?:style|class|id|src|href|data-[\w-]+)\s*=\s*[\"']"
                        r"|^\s*<(?:img|image|picture|figure)\b[^<>]*>?[^<>\s]*\s+(?:src|alt)\s*=\s*[\"'][^<>]*(?:</\w+>)?\s*$")
# An audio clip's label: "Listen to Jo Smith 2", "Listen: the mayor on the ferry" (short, no sentence's end).
_AUDIO_LABEL = re.compile(r"^\W*(?:listen|audio)(?:\s+to|\s*:)\s+[^.!?:]{2,50}$", re.I)
# A pager: one label numbered twice or more ("Draft 3 Draft 4", "Page 1 | Page 2 | Page 3").
_PAGER = re.compile(r"^\W*([^\W\d_]+)\s+\d{1,4}(?:\s*[|·•,]?\s*\1\s+\d{1,4})+\W*$")
# A photo gallery's slide counter ("2/13", "3 of 13").
_SLIDE_COUNTER = re.compile(r"^\s*(\d{1,3})\s*(?:/|of)\s*(\d{1,3})\s*$")


def _slide_counters(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The kept slide counters of a gallery: "N/M" lines, N at most M, where the page (removed lines
    too) has another counter out of the same M ("1/13" … "2/13"), or right under a removed link to the gallery or a
    caption ("Storm damage - In pictures" / "1/28"). One such line alone ("9/11") stays."""
    found = [(i, p, m) for i, p in enumerate(paragraphs) if p.words <= 3 and (m := _SLIDE_COUNTER.match(p.raw))
             and 0 < int(m[1]) <= int(m[2])]
    totals: dict[str, int] = {}
    for _, _, m in found:
        totals[m[2]] = totals.get(m[2], 0) + 1
    return [p for i, p, m in found if p.kept and (totals[m[2]] >= 2 or (
        i and int(m[2]) >= 2 and paragraphs[i - 1].dropped_by in ("cross_links", "captions")))]


def _is_menu_item(p: Paragraph) -> bool:
    """A short label in capitals ("• VIRAL NEWS")."""
    return p.words <= 3 and p.text.isupper() and not _ends_sentence(p.text)


# A numbered item ("1. SMACS 0723", "2) Carina Nebula"): the subhead of a listicle, since menus do not
# number their labels.
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s")


def _short_label(text: str) -> bool:
    return (_words(text) <= 5 and not _ends_sentence(text) and not re.search(r"[,;]", text)
            and not _NUMBERED.match(text))


# A name and a verb that lead into what follows ("Ledger reports:", "The minister wrote:").
_LEAD_IN = re.compile(r"\w\s+[a-z]+:$")
_BULLET = re.compile(r"^\s*[•·▪●◦]\s")
_MARKDOWN_IMAGE = re.compile(r"\W*!\[[^\]]{0,200}\]\([^()\s]*\)\W*")  # an image's markup left alone: "![]() |"
_EMPTY_QUOTES = re.compile(r"\s*(?:\"\"|“”|‘’|''|„“)\s*")  # a pair of quote marks with nothing inside: an embed's residue
_SEPARATOR = re.compile(r"[-–—_•·*|=~#.…\[\]{} ]+")  # a rule or stray bracket between parts of a page (a lone quote mark is a quote's)
# Script code leaked into the page, a statement to a line: a declaration ("var out;"), a control statement's head
# ("if (out != null)"), an assignment ending in ";" ("out = src.id;", "x += “(” + y;"), a method called on a call's
# result ("box(node).find(‘a’).text(…);"), a function opened ("… .click(function(){"), or punctuation with a brace
# or ";" ("});", "” ;"). Its quote marks (curly ones too) are string literals, not a quotation; a sentence of the report
# does not set "=" after its first word, call a method on a bracket or end its words in braces.
_CODE_LINE = re.compile(
    r"^\s*(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*[=;,]"
    r"|^\s*(?:if|for|while|switch)\s*\(.*\)\s*\{?\s*$"
    r"|^\s*[A-Za-z_$][\w$.\[\]]*\s*[-+*/]?=(?!=)\s*\S.*;\s*$"
    r"|[\w$]\([^()]*\)\.[A-Za-z_$][\w$]*\(.*[;{(),]\s*$"
    r"|\bfunction\s*\([^()]*\)\s*\{"
    r"|^[^\w]*[{};][^\w]*$"
)


# The label of a list of tags or named entities a site prints with the report ("Tags:", "Persons:", "Locations:").
_TAG_LABEL = re.compile(r"^\W*(?:(?:related )?(?:tags?|topics?|keywords?)|categor(?:y|ies)|filed under|subjects?|persons?|people|"
                        r"organi[sz]ations?|companies|locations?|places)\s*:\s*", re.I)
_PLAIN_TAG_LABEL = re.compile(r"^\W*(?:tags?|topics?|keywords?|filed under)\b", re.I)  # one alone is a tag list
# A list of names: items each opening with a capital or a digit, set off by commas, no sentence's end.
_NAME_LIST = re.compile(r"^\s*[A-Z\d][^!?:;,\"“”]{0,40}(?:,\s*[A-Z\d][^!?:;,\"“”]{0,40})*\s*$")


def _is_name_list(text: str) -> bool:
    """A list of names (:data:`_NAME_LIST`), each of up to five words."""
    return bool(_NAME_LIST.match(text)) and all(_words(item) <= 5 for item in text.split(","))


def _tag_lists(live: list[Paragraph]) -> list[Paragraph]:
    """The lines of tag lists: a label ("Persons:", "Tags:") alone with a list of names below it, or with its list after
    it on the line ("Locations: Alder, Birch"). Lists of people, organisations or places go when the page has two or
    more (an entity box); "Tags", "Topics", "Keywords" and "Filed under" need no other."""
    found: list[list[Paragraph]] = []
    for i, p in enumerate(live):
        if p.words > 40 or not (m := _TAG_LABEL.match(p.text)) or _has_quote(p.text):
            continue
        rest = p.text[m.end():]
        if rest and _is_name_list(rest):
            found.append([p])
        elif not rest and i + 1 < len(live) and live[i + 1].words <= 40 and _is_name_list(live[i + 1].text):
            found.append([p, live[i + 1]])
    if len(found) < 2:
        found = [lines for lines in found if _PLAIN_TAG_LABEL.match(lines[0].text)]
    return [p for lines in found for p in lines]


def navigation(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop navigation: page-control labels anywhere ("Skip to content", "Menu", "Close", "Close ad
    banner", "Something went wrong", "Swipe or click to see more", an audio clip's "Listen to Jo Smith 2") and separators of punctuation alone ("-",
    "• • •"), an empty pair of quote marks ('""') or an image's markup alone ("![]() |"); template code leaked into the
    page ("[menu_id] => 22", 'div style="…">', an image element with its alt text), script code a statement to a
    line (:data:`_CODE_LINE`; its quote marks are string literals, so the quotation guard does not apply), a pager
    ("Draft 3 Draft 4") and a URL's query string alone on a line
    ("&w=650&quality=100)"); a photo gallery's slide counters ("2/13" with "3/13"); three or more menu items
    in capitals in a row ("• INDIA" / "• BUSINESS" / …); before the body, a line of menu items
    joined by separators, a run of two or more short labels without sentence punctuation, or one
    section label of up to three words ("World", "Stock Market"); a numbered item ("1. SMACS 0723")
    is a listicle's subhead and stays. Tag lists and entity boxes go ("Persons:" / "Jo Smith, Kofi Mensah",
    "Locations:" / "Alder, Birch"; :func:`_tag_lists`). Before the body, a bulleted list of three or more items, half of them
    already removed (menu labels, image file names), is a menu or an advertisers' rail: its unpunctuated items go
    too ("• Shook Auto in New Philadelphia")."""
    live = _live(paragraphs)
    for p in live:
        if (_UI_LABELS.match(p.text) or _SEPARATOR.fullmatch(p.text) or _EMPTY_QUOTES.fullmatch(p.text)
                or ("![" in p.text and _MARKDOWN_IMAGE.fullmatch(p.text))
                or (_CODE_DUMP.search(p.text) and not _has_quote(p.text))
                or (p.words == 1 and "=" in p.text and _URL_PARAMS.match(p.text))
                or (p.words <= 30 and "=" in p.text and _HTML_LEAK.match(p.text))
                or (p.words <= 40 and _CODE_LINE.search(p.text)) or (p.words <= 16 and _PAGER.match(p.text))
                or (p.words <= 8 and _AUDIO_LABEL.match(p.text) and not _has_quote(p.text))):
            p.dropped_by = "navigation"
    for p in _slide_counters(paragraphs):
        p.dropped_by = "navigation"
    for p in _tag_lists([p for p in live if p.kept]):
        p.dropped_by = "navigation"
    for run in _runs([p for p in live if p.kept], _is_menu_item):
        if len(run) >= 3:
            for p in run:
                p.dropped_by = "navigation"
    live = [p for p in live if p.kept]
    first_body = next((i for i, p in enumerate(live) if _is_body_sentence(p.text) or _has_quote(p.text)), len(live))
    run: list[Paragraph] = []
    for p in live[:first_body] + [None]:
        if p is not None and _NAV_SEPARATED.match(p.text) and not _has_quote(p.text):
            p.dropped_by = "navigation"
            continue
        if p is not None and _short_label(p.text):
            run.append(p)
            continue
        if len(run) >= 2 or (run and run[0].words <= 3 and not _LEAD_IN.search(run[0].text)):
            # a strip, or one section label ("World"); words that lead into the report ("Ledger reports:") stay
            for label in run:
                label.dropped_by = "navigation"
        run = []
    top = paragraphs[:paragraphs.index(live[first_body])] if first_body < len(live) else paragraphs
    for items in _runs(top, lambda p: bool(_BULLET.match(p.raw))):
        if len(items) >= 3 and 2 * sum(not p.kept for p in items) >= len(items):
            for p in items:
                if p.kept and not _ends_sentence(p.text) and not _has_quote(p.text):
                    p.dropped_by = "navigation"


_CAP_WORD = r"(?:[A-Z][\w'’.&-]*|[A-Z]\.)"
_ORG = rf"{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|of|the|and|for|de|du|la|el))*"
_AGENCY = (r"(?:Reuters|AP|AFP|Agence France-Presse|Getty(?: Images)?|EPA(?:-EFE)?|Anadolu Agency|AA|TASS|Sputnik|Xinhua|Bloomberg|"
           r"Shutterstock|Alamy|iStock|AAP|PA(?: Media| Images| Wire)?|(?:The )?Associated Press|NurPhoto|SOPA Images|UPI)")
_CREDIT = re.compile(
    rf"^\s*(?:(?:File )?(?:Photo|Image|Credit|Picture)s?\s*[:/]\s*)?{_AGENCY}(?:\s*(?:Photo)?\s*/\s*[\w .'’-]+)?\.?\s*$",
    re.I,
)
# A courtesy credit: "Video courtesy Lt. Gov. Jo Smith", "Courtesy of the Maryland DOT" (the giver in
# capitalised words, so "Courtesy of the state's generosity, …" is a sentence).
_COURTESY = rf"(?:(?:photo|video|image|picture|footage)s?\s+)?courtesy(?:\s+of)?\s+(?:the\s+)?(?-i:{_ORG})\s*[.)\]]?\s*$"
_COURTESY_LINE = re.compile(rf"^\W*{_COURTESY}", re.I)
# A name and an e-mail address alone on a line: a photographer's or author's credit
# ("JO SMITH / JSMITH@LEDGER.COM", "Jo Smith jsmith@ledger.com").
_EMAIL_CREDIT = re.compile(rf"^\s*{_CAP_WORD}(?:\s+{_CAP_WORD}){{1,3}}\s*[/|,]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$")
_CREDITED = re.compile(
    rf"\((?:[^()]{{0,40}}(?:Photo|Image|Picture)s?\b[^()]{{0,60}}|(?:(?:source|credit)s?\s*:\s*)?{_AGENCY}[^()]{{0,40}})\)\s*\.?\s*$"
    rf"|(?:\bvia\s+|[/|©]\s*){_AGENCY}[^.]{{0,40}}$|\bGetty Images\s*\.?\s*$"
    rf"|\b{_AGENCY}\s*/\s*[\w .'’/-]*[\w'’]$|©\s*[A-Z][^.©]{{0,60}}$"
    r"|(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))(?:credit|photo|image|picture|pic)s?\s*:\s*[A-Z][^.:]{0,60}$"
    r"|(?:^|[.!?]\s+)(?-i:(?:Picture|Photo|Pic)s?(?: by)?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s*$"
    r"|\bin this (?:[\w-]+ ){0,2}(?:photo(?:graph)?|picture|image)s? (?:taken|released|provided|obtained|made|issued|dated)\b"
    r"|[(\[](?:(?:file|archive)(?: (?:photo|image|picture|pic))?|representa(?:tional|tive) (?:photo|image|picture|pic)"
    r"|courtesy|handout|supplied|video\s*:[^()\[\]]{1,80})[)\]]\s*\.?\s*$"
    # a credit word before the caption or alone with its giver: "SUPPLIED/AGENCY Ash covers …", "Uncredited - handout, …"
    r"|^\W*(?:uncredited|handout|supplied)\s*(?:/\s*(?-i:[A-Z])|[-|:–—][^.!?]*$)"
    r"|[.!?]\s*\((?-i:[A-Z][\w:]{0,12})$"  # the credit cut off by the scrape: "… southern Turkey. (Sou"
    r"|[.!?]\s+(?:file|archive|stock) (?:photo|image|picture|pic)\s*\.?\s*$"  # "… in Minsk, Belarus. File photo."
    r"|^\W*(?:(?:header|top|lead|main|cover|hero|banner|inset) )?(?:photo(?:graph)?|image|picture|credit|caption|image caption|image copyright|image source|media caption|"
    r"video caption|photo credit|file photo|illustration|pictured|featured (?:image|video)|video)\s*(?:by\s*)?[:|/]"
    r"|\b(?:image source|mandatory credit|photo credit|photo by|file photo|screenshot via)\s*:?\s*[A-Z]"
    r"|pic\.twitter\.com/|—\s*[^()]{2,60}\(@\w+\)\s+\w+ \d{1,2}, \d{4}\s*$"
    r"|^\W*(?:image copyright|image caption|media caption|(?:featured )?video play(?: icon| button)?|play video|watch video|"
    r"now playing|click to play|video (?:player|duration)|photos?|gallery|(?:view|see) (?:the )?(?:gallery|photos)|"
    r"new video loaded|representational (?:image|photo|picture|pic)|featured (?:video|image|photo))\b[^.]{0,40}$"
    rf"|[(\[]\s*(?-i:{_CAP_WORD}(?:\s+{_CAP_WORD}){{1,3}}\s*[/|]\s*{_ORG})\s*[)\]]\s*\.?\s*$"
    r"|(?<![^\W\d_])credit(?:credit|\s*…|\s*\.{3})"
    r"|(?-i:\s(?:PHOTO|PICTURE|IMAGE)S?\b:?\s+[A-Z])[^.]{0,80}$"  # "… on 5 July 2024 PHOTO Screengrab from X"
    rf"|[.!?]\s+(?:credit|photo|image|picture)s?\s*:\s*[A-Z][^.:]{{0,60}}/\s*{_AGENCY}"  # a credit glued to a caption's repeat
    rf"|[.!?]\s+{_COURTESY}"
    # a credit through an agency after the caption's sentence, the agency's name perhaps cut off
    # ("… off the side of the plane. Instagram/@jo_smith via REUTE")
    r"|[.!?]\s+(?-i:[A-Z@][\w'’.@-]*(?:[ /][A-Z@][\w'’.@-]*){0,3}) via (?-i:[A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,3})\s*$",
    re.I,
)
# Every _CREDITED match in a whitespace-folded line ends in ")" (perhaps then ".") or has a "(" near its end, holds one of
# "/", "|", "©", "via", "pic", "photo", "image", "credit" or "getty", or starts with one of these
# words (in the line lower-cased by _ascii_lower); a line with none is not searched.
_CREDITED_STARTS = ("photo", "image", "picture", "credit", "caption", "media", "video", "file", "illustration",
                    "featured", "play", "watch", "now playing", "click to play", "gallery", "view", "see", "new video",
                    "representational", "uncredited", "handout", "supplied")
_LEADING_NON_WORD = re.compile(r"\W*")


def _is_credited(p: Paragraph) -> bool:
    """A line that carries its own credit (:data:`_CREDITED`), searched only when it could."""
    low = p.low
    if not (low.rstrip().rstrip(".").rstrip().endswith((")", "]"))
            or "/" in low or "|" in low or "©" in low or "via" in low or "pic" in low or "photo" in low
            or "image" in low or "credit" in low or "getty" in low or "courtesy" in low
            or ("(@" in low and "—" in low) or "(" in low[-16:]
            or low.startswith(_CREDITED_STARTS, 0 if low[:1].isalnum() else _LEADING_NON_WORD.match(low).end())):
        return False
    return bool(_CREDITED.search(p.text))


_CONTRIBUTORS = re.compile(
    r"contributed (?:reporting )?to this (?:report|story|article)|^\s*Some information (?:came|comes) from",
    re.I,
)
_VIDEO_DURATION = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s*[-–—]\s*Source:\s*\S.*$")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# Agency caption style: what is shown, where, then the day, set off by a comma or after the
# country ("… in Kabul, Afghanistan, Aug. 24, 2021.", "… China September 26, 2021. REUTERS/…"), at
# the end but for a credit; or the day and then the place ("… on February 15, 2021 in Austin,
# Texas"), or anywhere the weekday, the day and the place without an "on" before them ("… salvage
# items Sunday, Dec. 12, 2021, in Mayfield, Ky. …"). Reporting dates an event with "on" and goes on
# after the year ("On March 3, 2021, the …").
_CAPTION_DATE = re.compile(
    rf"(?:,|\b(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b)[A-Z][a-z]+)\s+{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\.?(?:\s+[^.!?]{{0,60}})?$"
    rf"|\bon {_MONTH} \d{{1,2}}, \d{{4}},? in [A-Z][\w .,'’-]*$"
    rf"|(?<!\bon )(?<!\bOn )\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? {_MONTH} \d{{1,2}}, \d{{4}},? (?:in|at|near) [A-Z]"
    # the place, the weekday and the day closing the caption's sentence, the story's summary glued after it
    # ("… in Malatya, Turkey, Tuesday, Feb. 7, 2023. Search teams …")
    rf"|\b[A-Z][\w.'’-]+, (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, {_MONTH} \d{{1,2}}, \d{{4}}\.\s+[A-Z]"
)
# A report's own date of a weekday, after a word that measures time from it: "since last Friday, July 8,
# 2022.", "until Monday, May 2, 2022." A caption sets the weekday after its place and a comma, or after
# "on" ("… in Colombo, Friday, July 8, 2022.", "… on Thursday, July 1, 2021.").
_REPORTED_DAY = re.compile(
    rf"\b(?i:since|last|until|till|by|from|before|after|next|this|that)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+"
    rf"{_MONTH}\s+\d{{1,2}},\s+\d{{4}}"
)


def _caption_dated(p: Paragraph) -> bool:
    """Whether a line ends in an agency caption's place and day (:data:`_CAPTION_DATE`) and does not
    date an event the way a report does (:data:`_REPORTED_DAY`)."""
    return (p.words >= 8 and bool(_DAY_YEAR.search(p.text)) and bool(_CAPTION_DATE.search(p.text))
            and not _REPORTED_DAY.search(p.text))


# A wire agency signed after a sentence ("… at his home. -AP", "… in Seoul on Tuesday. Agence France-Presse"):
# above the report's first sentence or with the report going on below it, the credit of a caption (at the end
# of a report, the agency's sign-off, which stays).
_WIRE_SIGNOFF = re.compile(rf"(?<!\b[A-Z])[.!?][\"”’]?(?:\s*[-–—/]\s*|\s+){_AGENCY}\s*$", re.I)  # not "U.S. AP"
# A credit left after a caption's sentence without a mark: an agency or a name in capitals, perhaps with a
# number ("… grounded. AP", "… on Friday. FOX 12"). Next to a removed caption (a gallery) it is a caption's.
_TRAILING_CREDIT = re.compile(rf"[.!?][\"”’]?\s+(?:{_AGENCY}|(?-i:[A-Z][A-Z\d&.'’-]+(?:\s+(?:[A-Z][\w&.'’-]*|\d+)){{0,2}}))\s*$",
                              re.I)
# What a video player leaves in the text when it does not load (its notice, its keyboard help "Space to
# play or pause, M to mute", its length "Duration: 1 minute 55 seconds"), and a prompt to watch one.
_VIDEO_NOTICE = re.compile(
    r"\benable javascript\b|\bbrowser that supports html5 video|^\W*(?:video )?player (?:is )?loading\b"
    r"|^\W*watch (?:more of )?(?:the|this|our) (?:full |latest )?videos?(?: below| above| here)?\b|^\W*(?:watch|video)\s*:"
    r"|^\W*watch\b[^.!?]{0,100}\b(?:below|above)\s*:?\s*$"  # "Watch the moment the balloon was shot down below:"
    r"|\bto (?:play or pause|pause or play)\b[^.]{0,30}\bto mute\b|\bduration\s*:\s*\d+\s*(?:min|sec|:)",
    re.I,
)


def _may_be_video_notice(low: str) -> bool:
    """Every :data:`_VIDEO_NOTICE` match holds one of these words (in the line lower-cased)."""
    return "video" in low or "javascript" in low or "player" in low or "watch" in low or "mute" in low or "duration" in low


_DAY_YEAR = re.compile(r"\d,\s+\d{4}")  # in every _CAPTION_DATE match: a quick test first
# A line that is only a credit: "Image: Jane Doe/Reuters", "Photo credit: …", "Jane Doe/Getty Images".
_CREDIT_ONLY = re.compile(
    rf"^\W*(?:(?:photo|image|picture|credit|source)s?(?: credit)?\s*:\s*\S.{{0,80}}|[A-Z][\w.'’ -]{{0,40}}/\s*{_AGENCY}\W*)$",
    re.I,
)
# The link line or the signature of an embedded post, on its own line under the post's text
# ("pic.twitter.com/…", "— Jo Smith (@josmith) March 3, 2021").
_POST_LINK = re.compile(r"^\W*(?:\w+:\s*)?(?:https?://t\.co/|pic\.twitter\.com/)|^\s*[—–]\s*[^()]{2,60}\(@\w+\)", re.I)
# An embedded post's last line, its link and signature at its end ("Issued at 4:59 PM pic.twitter.com/… — Ledger (@ledger)
# May 3, 2021"): an unpunctuated short line above it is the post's first line ("Harbour Notice no. 3").
_POST_SIGNED = re.compile(r"pic\.twitter\.com/\S*\s*[—–]\s*[^()]{2,60}\(@\w+\)|[—–]\s*[^()]{2,60}\(@\w+\)\s+\w+ \d{1,2}, \d{4}\s*$")


# The label of a production credit: "Photographs curated by", "Feature Presentation:", "Graphics by".
_MADE_BY = (r"(?i:(?:photo(?:graph)?s?|images?|pictures?|videos?|graphics?|illustrations?|design|feature presentation|production)"
            r"(?:\s+(?:curated|edited|compiled|produced|presented|designed|selected))?\s*(?:by\b|:))")


# A photographer's credit alone on a line: two to four name words, a "/" or "|", then the
# organisation in capitalised words, perhaps with "via" another, a "Photo:" or "Credit…" label in
# front, in brackets ("Jo Smith / Daily Ledger", "(Jo Smith/Ledger Media)", "Credit…Jo Smith/Wire,
# via Agency"), or a production credit ("Photographs curated by Jo Smith/Ledger"). Reporting does
# not set a name against an organisation with a slash and stop there; a byline ("By Jo Smith | Daily
# Ledger") is left to the byline rule.
_PERSON_CREDIT = re.compile(
    rf"^\s*[(\[]?\s*(?:(?i:photo|image|picture|credit|photograph)s?\s*(?::|…|\.{{3}})\s*|{_MADE_BY}\s*)?"
    rf"(?!(?i:by|and|or|from|to|with)\b){_CAP_WORD}(?:\s+{_CAP_WORD}){{1,3}}\s*[/|]\s*{_ORG}(?:\s*[/,]\s*(?:(?i:via)\s+)?{_ORG})?\s*[)\]]?\s*\.?\s*$"
)


# An embedded post's credit: the account, then the platform or the agency that licensed it ("@jo_smith / Twitter",
# "@ledger | Instagram", "@jo_smith via Newsflare").
_HANDLE_CREDIT = re.compile(rf"^\s*@\w{{1,30}}\s*(?:[/|]|\s(?i:via)\s)\s*{_ORG}\s*$")


def _is_credit(p: Paragraph) -> bool:
    raw = p.raw
    return bool(_CREDIT.match(raw) or (("/" in raw or "|" in raw or " via " in raw) and p.words <= 14
                                       and (_PERSON_CREDIT.match(raw) or _HANDLE_CREDIT.match(raw)))
                or (p.words <= 12 and "courtesy" in p.low and _COURTESY_LINE.match(raw))
                or (p.words <= 8 and "@" in raw and _EMAIL_CREDIT.match(raw)))


# The document a quoted passage above came from, named by its issuer ("DockWorks blogpost", "NASA press release").
_QUOTED_FROM = re.compile(r"^\W*[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,2} "
                          r"(?:blog ?post|press release|statement|tweet|website)\s*$")
# A source's name alone in square brackets, under an aggregator's excerpt of it ("[Ledger News]"): two to five
# capitalised words. One word ("[Applause]", "[Inaudible]") is a transcript's note.
_BRACKETED_SOURCE = re.compile(rf"^\s*\[\s*{_CAP_WORD}(?:\s+{_CAP_WORD}){{1,4}}\s*\]\s*$")
# A source label alone on a line ("Source: Ledger Media", "Sources: County Court (records):").
_SOURCE_LINE = re.compile(r"^\W*sources?\s*:\s*\S", re.I)


def credit_lines(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop lone credits ("Reuters", "Jo Smith / Daily Ledger", "Photographs curated by Jo Smith/Ledger",
    "Video courtesy Lt. Gov. Jo Smith", a name and an e-mail address "JO SMITH / JSMITH@LEDGER.COM"),
    source labels of up to twelve words that do not end as a sentence does ("Source: Ledger Media"),
    contributor lines ("X contributed to this report") and, under a quoted passage, the document it was
    quoted from ("DockWorks blogpost", "Harbour Board statement")."""
    above = None
    for p in _live(paragraphs):
        if (_is_credit(p) or (p.raw_words <= 40 and _CONTRIBUTORS.search(p.raw)) or (p.words <= 5 and _BRACKETED_SOURCE.match(p.text))
                or (p.words <= 12 and not _ends_sentence(p.text) and _SOURCE_LINE.match(p.text) and not _has_quote(p.text))
                or (above is not None and _has_quote(above.text) and p.words <= 5 and _QUOTED_FROM.match(p.text))):
            p.dropped_by = "credit_lines"
        above = p


_WORD = re.compile(r"[^\W_]+")


def _reworded_caption(text: str, caption: str) -> bool:
    """Whether a line is a caption's other version (an image's alt text): no longer than the caption,
    five words or more, and at most one word in ten not in it ("Protesters hold signs outside the court
    on Friday." beside "CITY - JUNE 24: Protesters hold signs outside the court … (Photo by …)"). A
    sentence of the report beside a caption tells more than the caption does."""
    words = _WORD.findall(text.casefold())
    have = set(_WORD.findall(caption.casefold()))
    return len(words) >= 5 and len(text) <= len(caption) and sum(w in have for w in words) >= 0.9 * len(words)


def _repeats_captions(text: str, captions: list[str]) -> bool:
    """Whether a line is captions near it again: inside one (its alt text, the caption without its
    credit), reworded (:func:`_reworded_caption`), made of nothing but them (a caption glued to its
    credit) or a long caption (twelve words or more) with the gallery's next line glued after it. The
    same caption again is left to :func:`duplicate_paragraphs`."""
    rest = text
    for caption in captions:
        if text == caption:
            return False
        if text in caption or _reworded_caption(text, caption) or (text.startswith(caption + " ") and _words(caption) >= 12):
            return True
        rest = rest.replace(caption, " ")
    return not any(c.isalnum() for c in rest)


def captions(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop photo and video captions.

    The shapes: a line that carries its own credit ("… (AP Photo/J. Scott Applewhite)", "…
    Bloomberg via Getty Images", "Image copyright …", "…morningCredit: PA", "… 9 May 2022.
    Picture Jo Smith", "… in this photo taken by …", "… (Source: Associated Press)", "… at the depot.
    Courtesy of the Fire Department"); an agency-style caption that ends in its
    place and day ("… in Kabul, Afghanistan, Aug. 24, 2021."); a video duration line ("04:28 -
    Source: CNN") with the video title above it; a caption directly above a lone credit line, or
    an unpunctuated one above a credit line ("Image: …"); the text of an embedded post above its
    link line or signature ("— Jo Smith (@josmith) …"); a video player's notice ("Please enable
    JavaScript to view this video", "Watch the video below") with the video's unpunctuated title
    below it; a name alone above a caption, and above the report's first sentence an unpunctuated
    title of up to ten words above a caption or an unpunctuated line between two; a caption's text
    again near it (alt text, the caption without its credit, reworded, or glued to it; a sentence of the report
    that a caption further off repeats stays); above the report's first sentence or with the report going on
    below it, a line signed by a wire agency ("… at his home. -AP", "… on Tuesday. Agence France-Presse"); a
    gallery's next caption with its credit glued on ("… on Friday. FOX 12"); and any caption
    block that precedes a lone dateline at the top of the article; an unpunctuated line below a lone credit
    ("Photo: Jo Smith") that stands between two sentences of the report, and a caption that names its picture's
    kind ("Illustration of …") with a name alone below it, its credit. A photo's name and credit glued onto the
    report's first words ("The-leader-of-the-party photo by AgenciesThe party's …") are cut from them. A platform's
    automatic alt text ("Image may contain: two people") and a caption that opens with a picture agency's head of place
    and day in capitals ("ALDER, NORTHLAND – MARCH 3: …") go wherever they stand. A slideshow's
    numbered slides stay when they are all the page has (:func:`_keep_slideshow`).
    """
    for p in _live(paragraphs):
        if ((p.words <= 12 and _FILE_NAME.match(p.text))
                or (p.words <= 80 and (_AUTO_ALT.match(p.text) or _CAPTION_HEAD.match(p.text)) and not _has_quote(p.text))):
            p.dropped_by = "captions"
        elif (m := _GLUED_CREDIT.match(p.raw)) and _is_body_sentence(p.raw[m.end():]):
            p.cut(m.start(), m.end(), "captions")  # the photo's name and credit glued onto the report's first words
    live = _live(paragraphs)
    credit = [_is_credit(p) for p in live] + [False]
    report_began = False  # a kept sentence of the report stands above the line
    last_sentence = next((i for i in range(len(live) - 1, -1, -1) if _is_body_sentence(live[i].text)), -1)
    for i, p in enumerate(live):
        after = live[i + 1] if i + 1 < len(live) else None
        before = live[i - 1] if i else None
        report_began = report_began or (before is not None and before.kept and before.words >= 8
                                        and _ends_sentence(before.text))
        if _VIDEO_DURATION.match(p.raw):
            p.dropped_by = "captions"
            title = live[i - 1] if i else None
            if title and title.kept and title.words <= 15 and not _ends_sentence(title.text):
                title.dropped_by = "captions"
        elif (p.words <= 80 and _is_credited(p) and not _has_quote(p.text) and not credit[i]
              and not (after is None and report_began and _WIRE_SIGNOFF.search(p.text))):  # the report's sign-off
            p.dropped_by = "captions"
        elif p.words <= 30 and _may_be_video_notice(p.low) and _VIDEO_NOTICE.search(p.text) and not _has_quote(p.text):
            p.dropped_by = "captions"  # and the video's title below it
            if after and after.words <= 15 and _open_ended(after.text) and not _has_quote(after.text):
                after.dropped_by = "captions"
        elif credit[i + 1] and not credit[i] and (
                _CREDIT.match(after.raw) or _open_ended(p.text) or (not report_began and p.words <= 25)
                or (before is not None and (before.dropped_by == "captions" or credit[i - 1]))):
            # above an agency credit; above a photographer's credit ("Jo Smith / Daily Ledger"), an
            # unpunctuated line, a short line above the report's first sentence (a lead paragraph is
            # longer) or one in a photo gallery (a credit or a caption above it)
            p.dropped_by = "captions"
        elif after is not None and p.words <= 12 and _BRACKETED_CREDIT.match(after.raw) and not _has_quote(p.text):
            p.dropped_by = "captions"  # a short line above a credit alone in brackets: "(Wikipedia photo)"
        elif (p.words <= 40 and before is not None and before.dropped_by == "captions" and _TRAILING_CREDIT.search(p.text)
              and not _has_quote(p.text)):
            p.dropped_by = "captions"  # a gallery's next caption, its credit glued on ("… on Friday. FOX 12")
        elif p.words > 60:
            continue
        elif (_caption_dated(p) or (p.words <= 40 and (not report_began or i < last_sentence) and _WIRE_SIGNOFF.search(p.text))
              or (after and after.words <= 12 and _open_ended(p.text) and _CREDIT_ONLY.match(after.text))
              or (after and p.words <= 40 and not p.text.endswith(":") and _POST_LINK.match(after.text))
              or (after and p.words <= 12 and _open_ended(p.text) and _POST_SIGNED.search(after.text))):
            if not _has_quote(p.text):
                p.dropped_by = "captions"
    for i in range(2, len(paragraphs)):
        credit_line, p = paragraphs[i - 1], paragraphs[i]
        if (p.kept and p.words <= 15 and _open_ended(p.text) and not _has_quote(p.text)
                and credit_line.dropped_by == "captions" and _CREDIT_ONLY.match(credit_line.text)
                and paragraphs[i - 2].kept and _is_body_sentence(paragraphs[i - 2].text)):
            p.dropped_by = "captions"  # a credit between the report's sentences, then its picture's caption below it
    for p, below in zip(paragraphs, paragraphs[1:]):
        if (p.kept and below.kept and p.words <= 30 and below.words <= 4 and _PICTURE_KIND.match(p.text)
                and _NAME_LINE.match(below.text) and not _has_quote(p.text)):
            p.dropped_by = below.dropped_by = "captions"  # a caption that names its picture's kind, its credit a name
    first_body = next((p for p in paragraphs if p.kept and p.words >= 8 and _ends_sentence(p.text)), None)
    top = True  # above the report's first sentence
    for i, (p, below) in enumerate(zip(paragraphs, paragraphs[1:])):
        top = top and p is not first_body
        if not p.kept or below.dropped_by != "captions" or _has_quote(p.text):
            continue
        between = i > 0 and paragraphs[i - 1].dropped_by == "captions" and p.words <= 40
        if ((p.words <= 4 and _NAME_LINE.match(p.text))  # the name label of a photo ("Narendra Modi")
                or (top and (p.words <= 10 or between) and _open_ended(p.text))):  # a title or caption at the top
            p.dropped_by = "captions"
    changed = True
    while changed:  # a repeat removed may bring the next one nearer
        changed = False
        for i, p in enumerate(paragraphs):
            if p.kept and p.words >= 4 and not _has_quote(p.text):
                near = _captions_near(paragraphs, i)
                if near and _repeats_captions(p.text, near):
                    p.dropped_by, changed = "captions", True
    for i, p in enumerate(live[:6]):
        if _LONE_DATELINE.match(p.raw):
            for before in live[:i]:
                before.dropped_by = "captions"
            break
    _keep_slideshow(paragraphs)


def _captions_near(paragraphs: list[Paragraph], i: int) -> list[str]:
    """The removed captions up to three lines from line ``i``. For a sentence of the report, not past another
    kept sentence of it: a caption further down that repeats a sentence of the report with a credit after it
    ("… on Friday." / "… on Friday. FOX 12") does not make the sentence a caption's alt text."""
    sentence = _is_body_sentence(paragraphs[i].text)
    near = []
    for step in (-1, 1):
        for j in range(i + step, i + 4 * step, step):
            if not 0 <= j < len(paragraphs):
                break
            q = paragraphs[j]
            if q.dropped_by == "captions":
                near.append((j, q.text))
            elif sentence and q.kept and _is_body_sentence(q.text):
                break
    return [text for _, text in sorted(near)]


# A photo credit alone in brackets ("(Wikipedia photo)", "[Photo: Ledger Media]").
_BRACKETED_CREDIT = re.compile(r"^\s*[(\[][^()\[\]]{0,40}\b(?:photo|image|picture)s?\b[^()\[\]]{0,40}[)\]]\s*\.?\s*$", re.I)
# An image's file name left as its alt text: a screenshot's ("screen shot 2023 11 17 at 11.21.58 am"), a camera's
# ("IMG_2041") or any with an image extension ("harbour-crowd.jpg").
_FILE_NAME = re.compile(r"^\W*(?:screen ?shot[ _-]\d{4}[ _.-]\d{2}[ _.-]\d{2}"
                        r"(?:[ _]at[ _]\d{1,2}[.:]\d{2}(?:[.:]\d{2})?(?:[ _]?[ap]m)?)?"
                        r"|img[_-]?\d+|[\w-]+\.(?:jpe?g|png|webp|gif))\W*$", re.I)


# A social platform's automatic alt text for a picture ("Image may contain: two people, boat").
_AUTO_ALT = re.compile(r"^\W*(?:image|photo|picture)\s+may\s+contain\s*:", re.I)
# A picture agency's caption head: the place in capitals, a dash, the month in capitals and the day, a colon
# ("ALDER, NORTHLAND – MARCH 3: Crews clear …"). A dateline sets no colon after a day in capitals.
_CAPTION_HEAD = re.compile(r"^\W*[A-Z][A-Z.'’ -]{0,40}(?:,\s*[A-Z][A-Z.'’ -]{0,30})?\s+[-–—]\s+"
                           + _MONTH.upper()  # the dateline's month pattern in capitals ("MARCH", "SEPT.")
                           + r"\s+\d{1,2}(?:,\s+\d{4})?\s*:")


# An image's name (a slug, "The-leader-of-the-party") and its credit, glued by the scrape onto the sentence after it:
# "The-leader-of-the-party photo by AgenciesThe party's leader has …" (the credit's last word runs into a capital).
_GLUED_CREDIT = re.compile(r"^\W*(?:[\w'’]+(?:-[\w'’]+){3,}\s+)?(?:photo|image|picture)s?\s*(?:by|credit|:)\s*:?\s*"
                           r"(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][a-z]+?(?=[A-Z][a-z'’]+\s)")


def _keep_slideshow(paragraphs: list[Paragraph]) -> None:
    """A slideshow's page is nothing but its numbered slides ("1 / 6 A cluster of galaxies … (Image:
    Agency)"): when the captions rule leaves no sentence of the report and two or more of the captions
    it removed are slides, the slides that are sentences stay, as they are the story the page tells. A
    gallery of unnumbered captions, each above its credit, is still furniture."""
    if any(_is_body_sentence(p.text) for p in _live(paragraphs)):
        return
    slides = [p for p in paragraphs if p.dropped_by == "captions" and _SLIDE.match(p.text) and _is_body_sentence(p.text)]
    for p in slides if len(slides) >= 2 else []:
        p.dropped_by = None


# A caption that opens by naming the kind of picture it is ("Illustration of a ferry …", "An aerial view of the harbour").
_PICTURE_KIND = re.compile(r"^\W*(?:an? )?(?:(?:file|aerial|stock|satellite) )?(?:illustration|photo(?:graph)?|image|picture|"
                           r"screenshot|screen grab|still|rendering|view) (?:of|from|showing)\b", re.I)
_SLIDE = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}\s+\S")  # a slide's text after its counter ("2 / 6 The nebula …")


_UPDATED = re.compile(
    r"^\s*(?:Updated|Last updated|UPDATED)\b.{0,60}$"
    r"|^\s*This (?:story|article|report) (?:has been|was) updated\b"
    r"|^\s*(?:This|The) (?:story|article|report|page) has (?:been )?(?:changed|updated|edited) \d+ times\b"  # a change tracker's count
    r"|^\W*This (?:story|article|report|page|content) is (?:more than|over|at least) (?:\w+ ){1,2}old\b"
    r"|^\W*(?i:(?:live )?(?:updates|coverage|blog) (?:for|on|of) this (?:event|story|page) (?:has|have) (?:ended|concluded))\b"
    r"|^\W*This is (?:an? (?:breaking|developing)(?: news)? story|(?:breaking|developing) news)\b|^\W*This (?:story|article|report|post) (?:is developing|will be updated|is being updated)\b"
    r"|^\W*(?i:(?:more |further )?(?:details|updates|information) (?:are )?(?:coming|to come|to follow|later|soon)|more to (?:come|follow)|(?:awaiting|waiting for) (?:more |further )?(?:details|updates|information))\W*$|^\W*(?:please )?check back (?:\w+ ){0,4}for (?:updates|more)\b|^\s*All times (?:are |stated |shown )*(?:in )?[A-Z]{2,4}\b",
)


def update_footers(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop update notes ("Updated 1:28 p.m.", "This story has been updated …", "This is developing news.", a change
    tracker's "The article has changed 12 times."), archive notices
    ("This article is more than 12 months old") and a live blog's end notice ("Live updates for this
    event have ended.")."""
    for p in _live(paragraphs):
        if p.raw_words <= 25 and _UPDATED.match(p.raw):
            p.dropped_by = "update_footers"


_NAME_LINE = re.compile(r"^\W*(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+\W*$")
_BLOCK_RULES = {"bylines", "timestamps", "outlet_name_lines", "author_bios"}


def author_blocks(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop a lone name or web address next to a removed byline, time stamp or outlet line: the
    parts of an author block ("Mark Buckshon" / "floridaconstructionnews.com" / "4 days ago"), or next to
    the headline printed again ("Jo Smith" / the headline): the byline under or over it."""
    headline = _norm(page.headline) if page.headline else None
    changed = True
    while changed:
        changed = False
        for i, p in enumerate(paragraphs):
            if not p.kept or not (_NAME_LINE.match(p.text) or _DOMAIN.match(p.text)):
                continue
            near = [paragraphs[j] for j in (i - 1, i + 1) if 0 <= j < len(paragraphs)]
            if any(n.dropped_by in _BLOCK_RULES or n.dropped_by == "author_blocks"
                   or (_NAME_LINE.match(p.text) and _norm(n.raw) == headline) for n in near):
                p.dropped_by, changed = "author_blocks", True


def repeated_boilerplate(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop a line the outlet printed unchanged in several of its articles (learned from the
    corpus: :mod:`dashboard.boilerplate`)."""
    if not page.boilerplate:
        return
    for p in _live(paragraphs):
        n = page.boilerplate.get(line_key(p.raw))
        if n and not _has_quote(p.raw):
            p.dropped_by, p.note = "repeated_boilerplate", f"in {n} articles of {page.outlet}"


_LIST_MARK = re.compile(r"^(?:[-–•*▪●◦]|\d{1,3}[.)])\s")


def duplicate_paragraphs(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop a paragraph that repeats an earlier one (caption shown twice, pasted twice). An item
    of a list ("- Count two: not guilty") stays: lists repeat their items, but not a removed caption's ("• A crew
    inspects the pier..." again in a gallery). When the first copy is
    the page's first sentence and the repeat follows within three lines, the first copy is the
    standfirst and the repeat the report's lead: the first copy goes. A line that does not end as a sentence
    does, printed twice in a row, is an image's alt text and its caption: both copies go, and so do a line of up to 40 words
    and the same line cut off below it ("… at the old pier in Alder, Northland, on Sunday." / "… at the old pier in Alder,"),
    a caption and its alt text (a subhead above a sentence that opens with its words stays)."""
    lead = next((i for i, p in enumerate(paragraphs) if p.kept and _is_body_sentence(p.text)), None)
    seen: set[str] = set()
    captions_seen: set[str] = set()
    for i, p in enumerate(paragraphs):
        key = p.norm if not p.dropped_by else _norm(p.raw)
        if p.kept and key in seen and _words(key) >= 5 and (not _LIST_MARK.match(p.text) or key in captions_seen):
            first = paragraphs[lead] if lead is not None and i - lead <= 3 and paragraphs[lead].norm == key else p
            first.dropped_by = "duplicate_paragraphs"
            above = paragraphs[i - 1]
            if above.kept and above.norm == key and _open_ended(p.text) and not _has_quote(p.text):
                above.dropped_by = "duplicate_paragraphs"
        seen.add(key)
        if p.dropped_by == "captions":
            captions_seen.add(key)
    for p, below in zip(paragraphs, paragraphs[1:]):
        if (p.kept and below.kept and below.words >= 5 and p.words <= 40 and len(below.norm) < len(p.norm)
                and p.norm.startswith(below.norm) and _open_ended(below.text) and not _has_quote(p.text)):
            p.dropped_by = below.dropped_by = "duplicate_paragraphs"


_SENTENCE_OPENER = re.compile(
    r"^(?:The|A|An|In|On|At|As|But|And|Of|For|To|With|By|From|After|Before|While|When|If|He|She|It|They|We|"
    r"This|That|These|Those|His|Her|Its|Their|However|Meanwhile|Although|Though|Because|Despite|During|According|"
    r"Nevertheless|Moreover)\b"
    r"|^(?:Gov|Sen|Rep|Gen|Lt|Col|Sgt|Mr|Mrs|Ms|Dr|Prof|Rev|Pres|Supt|Insp)\. [A-Z]"  # a title and a name: "Gov. Gavin"
)


def widget_residue(paragraphs: list[Paragraph], page: Page) -> None:
    """Drop trailing scraps of page widgets: short unpunctuated lines after the last sentence. The
    last line left, right after a sentence of the report, stays when it has the shape of the
    report's next sentence cut off by the scrape (:func:`_cut_off_sentence`; after a sentence's lead-in with a colon
    too, :func:`_leads_in`), and so does the cut-off
    start of a table's next row (:func:`_spilled_cell`) and a lower-case word that goes on with the sentence
    broken off above it (:func:`_continues`). On a page that wraps its sentences over lines (:func:`_wraps_sentences`),
    two or three scraps after a sentence that read together as the start of the next one stay ("However" / "Jo Smi")."""
    live = _live(paragraphs)
    start = len(live)
    while start and len(live) - start < 4 and live[start - 1].words <= 3 and not _ends_sentence(live[start - 1].text):
        start -= 1
    if (2 <= len(live) - start <= 3 and start and _ends_sentence(live[start - 1].text)
            and _cut_off_sentence(live[start].text) and _cut_off_sentence(" ".join(p.text for p in live[start:]))
            and _wraps_sentences(live[:start])):
        return
    for i in range(len(live) - 1, -1, -1):
        p = live[i]
        if p.words > 3 or _ends_sentence(p.text):
            break
        if i == len(live) - 1 and i and ((_ends_sentence(live[i - 1].text) or _leads_in(live[i - 1]))
                                         and _cut_off_sentence(p.text)
                                         or _spilled_cell(live[i - 1].text, p.text)
                                         or _continues(live[i - 1].text, p.text)):
            break
        p.dropped_by = "widget_residue"


_OPENING_QUOTES = frozenset("“‘\"'«")


def _leads_in(p: Paragraph) -> bool:
    """A sentence's words that lead into what follows with a colon, perhaps then a dash ("Statements released by the
    harbour board:-"); a label ("Share:") is shorter."""
    return p.words >= 4 and p.text.rstrip(" -–—").endswith(":")


def _wraps_sentences(live: list[Paragraph]) -> bool:
    """Whether the page breaks its sentences over lines: a line of four words or more that ends neither as a sentence
    does nor with a colon, and below it the rest of the sentence, opening in lower case ("… has finally admitted that" /
    "the ferry was lost."). A subhead is not followed by words in lower case."""
    return any(p.words >= 4 and _open_ended(p.text) and below.text[0].islower() and _ends_sentence(below.text)
               for p, below in zip(live, live[1:]))


def _continues(above: str, text: str) -> bool:
    """Whether the last line goes on with the sentence above, which the page broke off: it opens in lower case
    after a line that does not end as a sentence does ("… in which Charles" / "pledged"). A widget's scrap is a
    label."""
    return text[0].islower() and not _ends_sentence(above)


def _spilled_cell(above: str, text: str) -> bool:
    """Whether the last line is the cut-off start of a table's next row, the scrape having carried each
    row's last cell onto the next line ("… Reform 4 (+4)" / "(+4"): one word with a figure, the start of
    the last word above. A widget's scrap does not repeat the report's figures."""
    return " " not in text and any(c.isdigit() for c in text) and above.rsplit(" ", 1)[-1].startswith(text)


def _cut_off_sentence(text: str) -> bool:
    """Whether a line is the start of a sentence cut off by the scrape: it opens with a quote mark
    ("“They", "“"), as a sentence does ("In the", "The"), or with a letter or digit and then
    lower-case words ("Labour MPs sho") or a comma at its end ("Rest in Peace,"); never with a
    colon in it ("Share :"). A scrap in capitals ("Route 6", "Search Trends") is a widget's label
    and goes."""
    if ":" in text:
        return False
    if text[0] in _OPENING_QUOTES or _SENTENCE_OPENER.match(text):
        return True
    return text[0].isalnum() and (text.endswith(",") or any(w[0].islower() for w in text.split()[1:]))


#: The rules in the order they run: inline cuts first (they see raw lines), then the line rules,
#: the specific before the general (a removal is credited to the first rule that names it).
RULES: dict[str, Rule] = {
    "hover_cards": hover_cards,
    "record_date": record_date,
    "headline_line": headline_line,
    "page_header": page_header,
    "cross_links": cross_links,
    "captions": captions,
    "datelines": datelines,
    "credit_lines": credit_lines,
    "update_footers": update_footers,
    "timestamps": timestamps,
    "bylines": bylines,
    "author_bios": author_bios,
    "newsletter_prompts": newsletter_prompts,
    "advertisements": advertisements,
    "copyright_lines": copyright_lines,
    "comment_footers": comment_footers,
    "outlet_name_lines": outlet_name_lines,
    "link_lists": link_lists,
    "author_blocks": author_blocks,
    "navigation": navigation,
    "repeated_boilerplate": repeated_boilerplate,
    "duplicate_paragraphs": duplicate_paragraphs,
    "widget_residue": widget_residue,
}


def clean(raw: str, headline: str = "", rules: dict[str, Rule] | None = None, *, outlet: str = "",
          boilerplate: Mapping[int, int] | None = None) -> Cleaned:
    """Run the cleaning rules over one article's raw text.

    ``boilerplate`` is the outlet's learned furniture (:func:`dashboard.boilerplate.learn`).
    """
    paragraphs = [Paragraph(line) for line in raw.replace("\r\n", "\n").split("\n") if line.strip()]
    page = Page(headline, outlet, boilerplate or {})
    for rule in (RULES if rules is None else rules).values():
        rule(paragraphs, page)
    return Cleaned(paragraphs)
