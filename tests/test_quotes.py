"""Quotes, attribution, variants, shared passages and claims, with expectations read off the seeds."""

import pytest

from dashboard.analysis import analyse
from dashboard.analysis.quotes import find_quotes, quote_table, quote_text, word_diff
from dashboard.analysis.sourcing import analyse_sourcing
from dashboard.corpus import Corpus, make_article
from tests.conftest import AL_MAYADEEN, CNN, HILL, TRT, VOA

ALL = [AL_MAYADEEN, TRT, HILL, CNN, VOA]


@pytest.fixture(scope="module")
def sourcing(analysis):
    return analyse_sourcing(analysis)


def direct(sourcing):
    return sourcing.quotes[sourcing.quotes["direct"]]


def test_not_on_the_table_is_found_in_all_five_outlets_and_attributed_to_biden(sourcing):
    q = direct(sourcing)
    hits = q[q["text"].str.contains("not on the table", case=False)]
    assert sorted(set(hits["outlet"])) == sorted(ALL)
    assert set(hits["speaker"]) == {"biden"}


def test_who_is_quoted_where(sourcing):
    q = direct(sourcing)
    speakers = q.groupby("speaker")["outlet"].agg(set)
    assert speakers["ushakov"] == {AL_MAYADEEN}
    for official in ("kahl", "kirby", "sullivan"):
        assert speakers[official] == {VOA}
    assert speakers["jean_pierre"] == {HILL}
    sullivan = q[(q["outlet"] == VOA) & (q["speaker"] == "sullivan")]
    assert len(sullivan) == 3  # "…set the table," Sullivan told; the next sentence; "…incursion," he said


def test_pronoun_goes_to_the_last_speaker_not_the_last_name(sourcing):
    q = direct(sourcing)
    # CNN: "Biden said he warned Putin he would impose sanctions …" then "“That is not on the table,” he said."
    table = q[(q["outlet"] == CNN) & q["text"].str.startswith("That is not on the table")]
    assert table["speaker"].tolist() == ["biden"]
    assert q[(q["outlet"] == CNN) & q["text"].str.startswith("We agreed")]["speaker"].tolist() == ["putin"]


def test_share_of_voice_and_verbs(sourcing):
    v = sourcing.voices.set_index(["outlet", "speaker"])
    assert v.loc[(TRT, "biden"), "share_of_voice"] == 1.0
    assert v.loc[(VOA, "sullivan"), "quotes"] == 3
    assert sourcing.voices.groupby("outlet")["share_of_voice"].sum().round(6).eq(1).all()
    verbs = sourcing.verbs.set_index(["outlet", "verb"])["uses"]
    assert verbs.loc[(AL_MAYADEEN, "stressed")] >= 1 and verbs.loc[(HILL, "replied")] == 1


def test_cards_variant_is_shown_for_al_mayadeen(sourcing):
    group = next(g for g in sourcing.quote_groups.itertuples()
                 if any("cards" in v["text"] for v in g.variants))
    assert set(group.outlets) >= {AL_MAYADEEN, TRT, VOA}
    mayadeen = next(v for v in group.variants if v["outlet"] == AL_MAYADEEN)
    assert ("replace", "in", "on") in mayadeen["diff"]  # "not on the cards" where others say "in the cards"
    voa = next(v for v in group.variants if v["outlet"] == VOA)
    assert all(op in ("equal", "extra") for op, _, _ in voa["diff"])


def test_bucharest_nine_call_is_carried_only_by_voa(sourcing):
    claims = sourcing.claims
    bucharest = claims[claims["text"].str.contains("call the leaders of the Bucharest Nine")]
    assert len(bucharest) == 1
    assert bucharest["outlets"].iloc[0] == [VOA] and bucharest["omitted_by"].iloc[0] == []


def test_majority_claims_name_who_left_them_out(sourcing):
    claims = sourcing.claims
    not_in_cards = claims[claims["text"].str.contains("in the cards right now")].iloc[0]
    assert not_in_cards["outlets"] == [AL_MAYADEEN, TRT, VOA]
    assert not_in_cards["paraphrased_by"] == [HILL]  # "unilaterally use force to confront Russia", partly quoted
    assert not_in_cards["omitted_by"] == [CNN]
    assert not_in_cards["closest"][CNN]["score"] < 0.4


def _claim(sourcing, words: str):
    return sourcing.claims[sourcing.claims["text"].str.contains(words, regex=False)].iloc[0]


def test_one_quoted_remark_is_one_claim_carried_by_every_outlet_that_quotes_it(sourcing):
    """"That is not on the table" is quoted whole by four outlets and in part by Al Mayadeen."""
    table = _claim(sourcing, "not on the table")
    assert table["outlets"] == [AL_MAYADEEN, TRT, HILL, CNN, VOA] and table["omitted_by"] == []
    assert (sourcing.claims["text"].str.contains("not on the table")).sum() == 1


def test_paraphrases_are_not_omissions(sourcing):
    message = _claim(sourcing, "got \"the message,\"")
    assert CNN in message["paraphrased_by"]  # "his Russian counterpart received the message"
    assert "received the message" in message["closest"][CNN]["sentence"]
    assert message["omitted_by"] == [VOA]  # VOA never reports the exchange
    obligation = _claim(sourcing, "moral obligation and a legal obligation")
    assert TRT in obligation["paraphrased_by"]  # "a moral and legal obligation to defend NATO allies"
    assert obligation["omitted_by"] == [VOA]


def test_every_cell_has_one_state_and_its_sentence(sourcing, analysis):
    cells = sourcing.claim_cells
    assert set(cells["state"]) == {"carried", "paraphrased", "not found"}
    message = _claim(sourcing, "got \"the message,\"")
    cnn = cells[(cells["claim"] == message["claim"]) & (cells["outlet"] == CNN)].iloc[0]
    assert cnn["state"] == "paraphrased" and analysis.sentences.at[cnn["row"], "text"] == message["closest"][CNN]["sentence"]


def test_shared_passages_and_excluding_them_from_terms(corpus, lexicon, sourcing, analysis):
    shared = sourcing.shared
    pooled = shared[shared["text"].str.contains("We have a moral obligation and a legal obligation")]
    assert pooled["outlets"].iloc[0] == [HILL, CNN]
    excluded = analyse(corpus, lexicon, exclude_shared=True)
    before = analysis.terms.query("outlet == @CNN and term == 'sacred obligation'")["count"].item()
    after = excluded.terms.query("outlet == @CNN and term == 'sacred obligation'")["count"]
    assert before == 1 and after.empty  # CNN's only use is inside the pooled quote


def test_similarity_is_symmetric_and_ordered(sourcing):
    sim = sourcing.similarity
    assert list(sim.index) == list(sim.columns) and sorted(sim.index) == sorted(ALL)
    assert (sim.values.round(9) == sim.values.T.round(9)).all()


def article(text, outlet="X", id="a"):
    return make_article(id=id, outlet=outlet, text=text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We will act,” he said, “and we will act soon.”", ["We will act,", "and we will act soon."]),
        ('"Mixed marks here,” she said.', ["Mixed marks here,"]),
        ("“First paragraph of a long quote.\n“And it goes on here,” Biden said.",
         ["First paragraph of a long quote. And it goes on here,"]),
        ("“An unbalanced quote that never closes.\nNext paragraph is plain.", ["An unbalanced quote that never closes."]),
        ("It does not extend to … Ukraine,” he added.", []),  # a stray closing mark alone
        ("He is 6\" tall and said nothing.", []),
    ],
)
def test_quote_marks(text, expected):
    a = article(text)
    quotes = find_quotes(a)
    assert [quote_text(a, q) for q in quotes] == expected


def test_split_quote_and_reported_speech_attribution(lexicon):
    text = ("“We will act,” Putin said, “and we will act soon.”\n"
            "Sullivan also said the U.S. would provide more aid.\n"
            "According to Kirby, the deliveries arrive this week.")
    q = quote_table(Corpus("x", (article(text),)), lexicon)
    assert q[q["direct"]]["speaker"].tolist() == ["putin", "putin"]
    reported = q[~q["direct"]]
    assert reported[["speaker", "verb"]].values.tolist() == [["sullivan", "said"], ["kirby", "according to"]]


def test_word_diff():
    assert word_diff("is not in the cards right now", "not on the cards") == [
        ("equal", "not", "not"), ("replace", "in", "on"), ("equal", "the cards", "the cards")]


def test_quotes_checked_against_a_primary_source(lexicon):
    transcript = article("THE PRESIDENT: That is not on the table. We have a moral obligation to our NATO allies.",
                         outlet="White House transcript", id="t")
    exact = article("“That is not on the table,” Biden said.", outlet="A", id="a")
    altered = article("“We have a legal obligation to our NATO allies,” Biden said.", outlet="B", id="b")
    invented = article("“We will send troops tomorrow,” Biden said.", outlet="C", id="c")
    corpus = Corpus("x", (transcript, exact, altered, invented))
    result = analyse_sourcing(analyse(corpus, lexicon), primary="t").quotes.set_index("outlet")
    assert result.loc["A", "source_check"] == "verbatim"
    assert result.loc["B", "source_check"] == "close"
    assert ("replace", "moral", "legal") in result.loc["B", "source_diff"]
    assert result.loc["C", "source_check"] == "not in source"


def test_a_corpus_without_quotes_still_analyses(lexicon):
    corpus = Corpus("x", (article("Biden spoke. Putin listened. NATO met.", outlet="A"),
                          article("Sanctions were discussed at length.", outlet="B", id="b")))
    result = analyse_sourcing(analyse(corpus, lexicon))
    assert result.voices.empty and result.quote_groups.empty
    assert len(result.stories) == 2 and result.claims.empty  # two unrelated reports: no story to compare within
    filtered = result.for_outlets(["A"])
    assert filtered.quote_groups.empty and filtered.claims.empty


def test_claims_fall_back_to_ledes_then_first_sentences_then_none(analysis, monkeypatch):
    import dashboard.analysis.coverage as coverage

    s = analysis.sentences
    monkeypatch.setattr(coverage, "MAX_CLAIM_SENTENCES", len(s[s["paragraph"] < 2]))
    assert (coverage.claim_pool(s)[0]["paragraph"] < 2).all()
    monkeypatch.setattr(coverage, "MAX_CLAIM_SENTENCES", len(analysis.articles))
    assert (coverage.claim_pool(s)[0]["sentence"] == 0).all()
    monkeypatch.setattr(coverage, "MAX_CLAIM_SENTENCES", 2)
    table, claim_of, cells = coverage.claims(s, analysis.outlets)
    assert table.empty and cells.empty and (claim_of == -1).all() and len(claim_of) == len(s)


# --- attribution beyond the lexicon: titles, reporting verbs, names, organisations (sentences written for these tests)

REPORTING_VERBS = (
    "said", "says", "told", "continued", "responded", "added", "replied", "insisted", "noted", "stressed", "warned",
    "explained", "argued", "wrote", "tweeted", "posted", "asked", "answered", "recalled", "admitted", "conceded",
    "cautioned", "vowed", "pledged", "joked", "quipped", "complained", "countered", "remarked", "observed",
    "announced", "declared", "acknowledged",
)
LISTENER_FOLLOWS = {"told"}  # "…," told X is not English: after "told" comes the listener
FERRY = "“The ferry will run again in June,”"


def speakers(text, lexicon, direct=True):
    q = quote_table(Corpus("x", (article(text),)), lexicon)
    q = q[q["direct"] == direct]
    return [None if s != s else s for s in q["speaker"]]  # NaN -> None


def speaker_and_verb(text, lexicon):
    q = quote_table(Corpus("x", (article(text),)), lexicon)
    row = q[q["direct"]].iloc[0]
    return (None if row.speaker != row.speaker else row.speaker), row.verb


def test_every_listed_reporting_verb_is_known():
    from dashboard.analysis.quotes import VERBS

    assert set(REPORTING_VERBS) | {"according to"} <= set(VERBS)


@pytest.mark.parametrize("verb", REPORTING_VERBS)
def test_each_reporting_verb_after_the_name(lexicon, verb):
    assert speaker_and_verb(f"{FERRY} Ada Verne {verb}.", lexicon) == ("Ada Verne", verb)


@pytest.mark.parametrize("verb", [v for v in REPORTING_VERBS if v not in LISTENER_FOLLOWS])
def test_each_reporting_verb_before_the_name(lexicon, verb):
    assert speaker_and_verb(f"{FERRY} {verb} Ada Verne.", lexicon) == ("Ada Verne", verb)


def test_according_to_before_and_after_the_quote(lexicon):
    assert speaker_and_verb(f"{FERRY} according to Ada Verne.", lexicon) == ("Ada Verne", "according to")
    assert speaker_and_verb("According to Ada Verne, “the ferry will run again in June.”", lexicon) == (
        "Ada Verne", "according to")


TITLES = ["Mr.", "Mr", "Mrs.", "Ms.", "Ms", "Dr.", "Dr", "Sen.", "Rep.", "Gov.", "President", "Secretary",
          "Prime Minister", "Gen.", "Lt. Gen.", "Adm.", "Sir", "Lady", "spokesman", "spokeswoman", "Minister",
          "Foreign Minister", "Secretary of State", "Harbour Board spokesman"]


@pytest.mark.parametrize("title", TITLES)
def test_titles_are_stripped_from_full_names(lexicon, title):
    assert speakers(f"{FERRY} {title} Ada Verne said.", lexicon) == ["Ada Verne"]
    assert speakers(f"{FERRY} said {title} Ada Verne.", lexicon) == ["Ada Verne"]


@pytest.mark.parametrize("title", ["Mr.", "Mr", "Mrs.", "Dr.", "Sen.", "Gov.", "Lt. Gen.", "Sir", "Minister"])
def test_a_title_makes_a_bare_surname_a_speaker(lexicon, title):
    assert speakers(f"{FERRY} {title} Verne said.", lexicon) == ["Verne"]


@pytest.mark.parametrize(
    "text",
    [
        "“The ferry will run again in June,” said Sen. Tom Carper of Delaware.",
        "“The ferry will run again in June,” the senator from Delaware, Tom Carper, said.",
        "“The ferry will run again in June,” Tom Carper, a Democrat, said on Tuesday.",
        "“The ferry will run again in June,” Sen. Tom Carper (D-Del.) told reporters.",
        "“The ferry will run again in June,” Sen. Tom Carper, D-Del., said.",
        "Tom Carper said: “The ferry will run again in June.”",
        "But Tom Carper told the harbour board that “the ferry will run again in June.”",
        "“The ferry will run again in June” — Tom Carper",
        "“The ferry will run again in June,” said state senator Tom Carper.",
        "“The ferry will run again in June,” Harbour Weekly's Tom Carper wrote.",
    ],
)
def test_names_outside_the_lexicon(lexicon, text):
    assert speakers(text, lexicon) == ["Tom Carper"]


def test_a_surname_resolves_to_the_full_name_used_earlier(lexicon):
    text = ("Sen. Rob Portman visited the harbour on Monday.\n"
            "“The ferry will run again in June,” Portman said. “The pier is another matter,” he added.\n"
            "“Nobody asked the fishermen,” Mr. Portman replied.")
    assert speakers(text, lexicon) == ["Rob Portman"] * 3


def test_two_people_with_one_surname_resolve_to_the_nearest(lexicon):
    text = ("Ada Verne runs the ferry company. Her brother, Otto Verne, sits on the harbour board.\n"
            "“The board has not met since May,” Verne said.")
    assert speakers(text, lexicon) == ["Otto Verne"]


def test_lexicon_actors_win_and_keep_their_ids(lexicon):
    assert speakers(f"{FERRY} Russian President Vladimir Putin said.", lexicon) == ["putin"]
    assert speakers(f"{FERRY} said the Russian president.", lexicon) == ["putin"]
    assert speakers(f"{FERRY} said Kremlin spokesman Dmitry Peskov.", lexicon) == ["Dmitry Peskov"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"{FERRY} the White House said.", "white_house"),
        (f"{FERRY} the Kremlin said in a statement.", "kremlin"),
        (f"{FERRY} the ministry said in a statement.", "ministry"),
        (f"{FERRY} Norway's transport ministry said.", "Norway's transport ministry"),
        (f"{FERRY} the Harbour Department said.", "Harbour Department"),
        (f"{FERRY} said the port authority.", "port authority"),
    ],
)
def test_organisation_speakers(lexicon, text, expected):
    assert speakers(text, lexicon) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "“The ferry will run again in June.”",
        "The harbour was quiet on Monday. “The ferry will run again in June,” the sign by the pier read.",
        f"{FERRY} officials said.",
        f"{FERRY} one official said.",
        f"{FERRY} said a resident.",
        f"{FERRY} a source close to Tom Carper said.",
        f"{FERRY} an aide told Harbour Weekly.",
        f"{FERRY} Whitlock said.",  # a bare surname nobody introduced: too often a place, a day or an outlet
        f"{FERRY} said Tuesday.",
        f"{FERRY} she said at the White House.",  # a pronoun with nobody before it
        "In Dover, the ferry is late. “The ferry will run again in June,” the timetable says.",
    ],
)
def test_quotes_without_an_attribution_stay_unattributed(lexicon, text):
    assert speakers(text, lexicon) == [None]


def test_pronouns_go_to_the_last_person_who_spoke_not_to_an_organisation(lexicon):
    text = ("Tom Carper said the ferry was safe.\n"
            "“It will run again in June,” he said.\n"
            "The harbour ministry said the pier would be repaired.\n"
            "“The pier is next,” she said.")
    assert speakers(text, lexicon) == ["Tom Carper", "Tom Carper"]


def test_an_unresolved_attribution_is_not_inherited_from_the_previous_quote(lexicon):
    text = f"{FERRY} Tom Carper said.\n“It is a gift to the developers,” one resident countered."
    assert speakers(text, lexicon) == ["Tom Carper", None]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Said Ada Verne, “The ferry will run again in June.”", "Ada Verne"),
        ("Otto Lund, Chief Engineer, Harbour Works, said: “The ferry will run again in June.”", "Otto Lund"),
        (f"{FERRY} Otto Lund, Chief Engineer, Harbour Works, said.", "Otto Lund"),
        (f"{FERRY} Ada Verne, the top official in Kent County, which includes Dover, warned.", "Ada Verne"),
        ("After meeting Biden, Tom Carper, a Democrat, said “the ferry will run again in June.”", "Tom Carper"),
        ("Asked about the pier, Tom Carper said “the ferry will run again in June.”", "Tom Carper"),
    ],
)
def test_appositives_and_inverted_openings(lexicon, text, expected):
    assert speakers(text, lexicon) == [expected]


def test_a_person_introduced_with_an_appositive_takes_the_next_pronoun(lexicon):
    text = ("Tom Carper said the pier was safe.\n"
            "The harbour board's chair, Ada Verne, toured the pier on Monday.\n"
            "“The ferry will run again in June,” she said.")
    assert speakers(text, lexicon) == ["Ada Verne"]
    # a bare subject is not enough: "he" is still the last speaker (Carper), not the harbour master
    text = ("Tom Carper said the pier was safe.\nIn the afternoon, Otto Lund inspected the pier.\n"
            "“The ferry will run again in June,” he said.")
    assert speakers(text, lexicon) == ["Tom Carper"]


@pytest.mark.parametrize(
    "text",
    [
        f"{FERRY} The British PM said.",  # a role, not a name
        f"{FERRY} The United States said.",  # a country is not a person
        "Tom Carper said the pier was safe.\nA harbour source said: “The ferry will run again in June.”",
    ],
)
def test_roles_places_and_unnamed_sources_are_not_people(lexicon, text):
    assert speakers(text, lexicon) == [None]


def test_reported_speech_by_names_and_organisations(lexicon):
    text = ("Tom Carper said the ferry would run again in June.\n"
            "Tom Carper continued to tour the harbour.\n"
            "Ada Verne posted a photograph of the pier.\n"
            "The harbour ministry announced that repairs would start in March.\n"
            "Officials said the pier was safe.")
    q = quote_table(Corpus("x", (article(text),)), lexicon)
    assert q[["speaker", "verb"]].values.tolist() == [["Tom Carper", "said"], ["harbour ministry", "announced"]]


@pytest.mark.parametrize("attribution", ["Mr. Biden responded", "Biden continued", "Mr Biden insisted", "said Mr. Biden"])
def test_seed_quotes_with_other_verbs_and_titles(by_outlet, lexicon, attribution):
    """TRT World's "…," Biden said. rewritten with titles and other verbs: still Biden's quotes."""
    seed = by_outlet[TRT]
    text = seed.raw_text.replace('," Biden said.', f'," {attribution}.')
    rewritten = make_article(id=seed.id, outlet=seed.outlet, text=text, headline=seed.headline)
    q = quote_table(Corpus("x", (rewritten,)), lexicon)
    ends = q["end"].map(lambda end: rewritten.clean_text.startswith(f'" {attribution}.', end))  # end: the closing mark
    q = q[q["direct"] & ends]
    assert len(q) == seed.raw_text.count('," Biden said.') == 3
    assert set(q["speaker"]) == {"biden"}
    assert set(q["verb"]) == {"said" if attribution.startswith("said") else attribution.split()[-1]}


# --- rules for real scraped news (sentences written for these tests; none copied from the evaluation pages)

@pytest.mark.parametrize(
    "text, expected",
    [
        # the segmenter ends a sentence after "Rev." and "E.J.": the attribution goes on in the next one
        (f"{FERRY} said Rev. Ada Verne.", "Ada Verne"),
        ("Harbour Director E.J. Lund said the ferry “will run again in June.”", "E.J. Lund"),
        # lower-case titles and name particles inside a name
        ("Harbour Board chief Greta von der Berg said: “The ferry will run again in June.”", "Greta von der Berg"),
        # more reporting verbs, next to a quote only
        ("Ada Verne assured the board that the ferry would “run again in June and every week after”.", "Ada Verne"),
        ("The delay was what Fire Chief Otto Lund called “a very long winter.”", "Otto Lund"),
        ("Ada Verne runs the ferry.\n“The ferry will run again in June,” Verne was quoted as saying.", "Ada Verne"),
        # "X, who … said" without a closing comma
        ("Ada Verne runs the ferry.\nVerne, who has run it for a decade said “the ferry will run again in June.”",
         "Ada Verne"),
    ],
)
def test_titles_initials_verbs_and_clauses(lexicon, text, expected):
    assert speakers(text, lexicon) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The harbour board screened a film called “The Long Winter” on Monday.",  # a title of a work
        "The so-called “harbour tax” was dropped in May.",  # scare quotes
        "Locals describe the storm as “the worst in living memory.”",
        "The ferry, known locally as “the old lady of the bay”, is late again.",
    ],
)
def test_titles_of_works_and_scare_quotes_are_not_attributed(lexicon, text):
    assert speakers(text, lexicon) == [None]


def test_a_quoted_single_word_is_not_a_quote(lexicon):
    assert speakers("Ada Verne called the plan “reckless” on Monday.", lexicon) == []
    assert speakers("Ada Verne said she was ‘saddened’ by the news.", lexicon) == []


def test_a_scare_quote_after_a_quote_does_not_inherit_its_speaker(lexicon):
    text = f"{FERRY} Ada Verne said.\nLocals describe the storm as “the worst in living memory.”"
    assert speakers(text, lexicon) == ["Ada Verne", None]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a long quote whose writer did not reopen it in the next paragraphs: it runs to its closing mark
        ("Ada Verne said: “The ferry will run again in June.\nThe pier is next.\nThe board agrees with us.”\n"
         "The harbour was quiet.", ["The ferry will run again in June. The pier is next. The board agrees with us."]),
        # without a closing mark soon after, an unclosed quote ends with its paragraph
        ("Ada Verne said: “The ferry will run again in June.\nThe pier is next.\nThe board agrees.\nIt rained.\n"
         "The harbour was quiet.”", ["The ferry will run again in June."]),
        # a quote opening in a later paragraph is a new quote, not the close of the old one
        ("Ada Verne said: “The ferry will run again in June.\nThe pier is next.\n“The board agrees,” she said.",
         ["The ferry will run again in June.", "The board agrees,"]),
        # single curly marks quote too, but not inside double marks and not as apostrophes
        ("Ada Verne said: ‘The ferry will run again in June.’", ["The ferry will run again in June."]),
        ("“We called it ‘the long winter’ back then,” Ada Verne said.", ["We called it ‘the long winter’ back then,"]),
        ("The skippers’ union met at Ada’s house. Nobody’s boat left.", []),
    ],
)
def test_multi_paragraph_and_single_mark_quotes(text, expected):
    a = article(text)
    assert [quote_text(a, q) for q in find_quotes(a)] == expected


def test_single_mark_quotes_are_attributed_but_a_single_mark_headline_inherits_nothing(lexicon):
    assert speakers("Ada Verne said: ‘The ferry will run again in June.’", lexicon) == ["Ada Verne"]
    text = f"{FERRY} Ada Verne said.\n‘A long winter’: the harbour waits for spring"
    assert speakers(text, lexicon) == ["Ada Verne", None]


def test_the_next_sentence_can_attribute_a_quote(lexicon):
    q = quote_table(Corpus("x", (article("“The ferry will run again in June.” Ada Verne said on Monday."),)), lexicon)
    assert q[["speaker", "verb", "direct"]].values.tolist() == [["Ada Verne", "said", True]]  # no reported-speech row
    # a next sentence that reports more than the quote does not attribute it
    q = quote_table(Corpus("x", (article("“The ferry will run again in June.” Ada Verne said that the pier would "
                                         "reopen too."),)), lexicon)
    assert q[q["direct"]]["speaker"].isna().all()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Harbour Board President Ada Verne had this to say:\n“The ferry will run again in June.”", "Ada Verne"),
        ("Ada Verne, who chairs the harbour board, told the local radio station:\n“The ferry will run again in June.”",
         "Ada Verne"),
        ("Harbour Safety Board (HSB) Chair Ada Verne also welcomed the plan, saying on Monday:\n"
         "“The ferry will run again in June.”", "Ada Verne"),
        ("The timetable reads as follows:\n“The ferry will run again in June.”", None),  # no speaker, just a colon
        ("One Dover resident had a warning:\n“The ferry will run again in June.”", None),  # "One Dover" is nobody
        ("Boats are moored in the harbour town, Port Ellen, all winter.\n“The ferry will run again in June,” she said.",
         None),  # a place after a comma is no appositive subject
    ],
)
def test_a_colon_introduces_the_speaker_of_the_next_paragraph(lexicon, text, expected):
    assert speakers(text, lexicon) == [expected]


def test_according_to_later_in_the_sentence(lexicon):
    text = "The pier remains “closed until further notice”, according to the harbour authority."
    assert speakers(text, lexicon) == ["harbour authority"]
    # a speaker named in the sentence wins over the source it came through
    text = "Tom Carper accused the board “of ignoring the fishermen”, according to the harbour authority."
    assert speakers(text, lexicon) == ["Tom Carper"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # nobody has spoken yet: the only person just named, with a title
        ("Fire Chief Otto Lund inspected the pier on Monday.\n“The ferry will run again in June,” he said.",
         ["Otto Lund"]),
        # two people named: ambiguous
        ("Harbour Master Otto Lund met Mayor Ada Verne on Monday.\n“The ferry will run again in June,” she said.", [None]),
        # an untitled capitalised pair may be a place
        ("The storm hit Palm Cove on Monday.\n“The ferry will run again in June,” she said.", [None]),
        # someone unnamed spoke last: "he" is not the named speaker before them
        ("Tom Carper said the pier was safe.\n“The pier is closed,” a harbour source said.\n"
         "“It will reopen in June,” he added.", [None, None]),
    ],
)
def test_pronouns_when_unambiguous(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gov. Ada Verne toured the pier.\n“The ferry will run again in June,” the governor said.", "Ada Verne"),
        ("Norwegian Prime Minister Ada Verne toured the pier.\n“The ferry will run again in June,” said the "
         "Norwegian PM.", "Ada Verne"),
        # two governors: ambiguous
        ("Gov. Ada Verne met Gov. Otto Lund.\n“The ferry will run again in June,” the governor said.", None),
        # the role's country is not the one introduced
        ("Norwegian Prime Minister Ada Verne toured the pier.\n“The ferry will run again in June,” the Danish prime "
         "minister said.", None),
    ],
)
def test_a_role_refers_back_to_the_one_person_with_that_title(lexicon, text, expected):
    assert speakers(text, lexicon) == [expected]


def test_an_acronym_spelled_out_in_the_article_speaks_by_its_name(lexicon):
    text = "The Harbour Safety Board (HSB) met on Monday.\n“The ferry will run again in June,” the HSB said."
    assert speakers(text, lexicon) == ["Harbour Safety Board"]
    assert speakers(f"{FERRY} the HSB said.", lexicon) == [None]  # never spelled out: unknown


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"{FERRY} the Harbour Pilots Guild said.", "Harbour Pilots Guild"),
        ("A statement from the Harbour Board said: “The ferry will run again in June.”", "Harbour Board"),
        (f"{FERRY} Sen. Tom Carper of Delaware.", "Tom Carper"),  # a titled name and no verb
        (f"{FERRY} Tom Carper.", None),  # an untitled name and no verb: perhaps a caption or a list
        # the speaker of the sentence before goes on in a quote with no attribution of its own
        ("Harbour chief Ada Verne said the ferry was safe. “It will run again in June.”", "Ada Verne"),
        ("Harbour chief Ada Verne said the ferry was safe.\n“It will run again in June.”", "Ada Verne"),
        # a partial quote inside a sentence is not the previous sentence's speaker's
        ("Harbour chief Ada Verne said the ferry was safe. Locals call it “the old lady of the bay”.", None),
        # "it said": the organisation that spoke just before
        ("The harbour ministry said the pier was closed.\n“The ferry will run again in June,” it said.",
         "harbour ministry"),
        ("The pier was closed all winter.\n“The ferry will run again in June,” it said.", None),
    ],
)
def test_organisations_statements_and_neighbouring_sentences(lexicon, text, expected):
    assert speakers(text, lexicon)[-1:] == [expected]


def test_a_possessive_names_the_only_person_a_pronoun_can_mean(lexicon):
    text = ("The vote went to Mrs Ada Verne’s party.\n"
            "She urged her supporters to “stay calm and wait for the count”.")
    assert speakers(text, lexicon) == ["Ada Verne"]


def test_an_opening_mark_used_to_close_ends_the_quote(lexicon):
    a = article("“The ferry will run again in June,“ the harbour ministry said.")
    assert [quote_text(a, q) for q in find_quotes(a)] == ["The ferry will run again in June,"]
    assert speakers("“The ferry will run again in June,“ the harbour ministry said.", lexicon) == ["harbour ministry"]


def test_reporting_verbs_that_only_count_next_to_a_quote(lexicon):
    text = ("Tom Carper called a meeting for Monday.\n"
            "Ada Verne said the pier was safe, adding that the ferry would run in June.")
    q = quote_table(Corpus("x", (article(text),)), lexicon)
    assert q[["speaker", "verb"]].values.tolist() == [["Ada Verne", "said"]]


def test_a_role_that_refers_to_a_lexicon_actor_keeps_the_actor_id(lexicon):
    text = "U.S. President Joe Biden toured the harbour.\n“The ferry will run again in June,” the president said."
    assert speakers(text, lexicon) == ["biden"]


@pytest.mark.parametrize(
    "text",
    [
        f"{FERRY} said Ada Verne, who has run it for a decade.",
        f"{FERRY} said Kent-Sussex County Mayor Ada Verne.",
        "Kent-Sussex County Mayor Ada Verne told reporters “the ferry will run again in June.”",
    ],
)
def test_relative_clauses_and_place_titles_around_the_name(lexicon, text):
    assert speakers(text, lexicon) == ["Ada Verne"]


# --- attribution patterns added from the errors on heldout2 (fixtures written for these tests) ----

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mayor Ada Verne toured the pier.\nHearing the crowd, Verne implored, “Please stay behind the rope!”", "Ada Verne"),
        ("Mayor Ada Verne toured the pier.\nAs the ferry left, Verne marveled, “It floats after all.”", "Ada Verne"),
        ("Ada Verne: “The ferry will run again in June.”", "Ada Verne"),
        ("A statement from the Harbour Board this morning said that “the ferry will run again in June.”", "Harbour Board"),
        ("The ferry sank in the storm before it reached the harbour on Monday night, said harbour master Ada Verne.\n"
         "“We lost it in minutes,” she said.", "Ada Verne"),
        ("DockWorks said in a statement that the ferry would “run again in June.”", "DockWorks"),
    ],
)
def test_attribution_shapes_added_for_heldout2(lexicon, text, expected):
    assert speakers(text, lexicon)[-1] == expected


def test_the_statement_read_goes_to_the_organisation_that_just_spoke(lexicon):
    text = ("DockWorks said in a statement that the ferry would “run again in June.”\n"
            "“Our crews are working around the clock,” the statement read.")
    assert speakers(text, lexicon) == ["DockWorks", "DockWorks"]
    nobody = "Ada Verne toured the pier.\n“Our crews are working around the clock,” the statement read."
    assert speakers(nobody, lexicon) == [None]  # a person spoke before, not an organisation


@pytest.mark.parametrize(
    "text",
    [
        "McCarthy walked out.\n“The ferry will run again in June,” McCarthy said.",  # a surname, not an organisation
        "Washington: “The ferry will run again in June.”",  # a place label
        "The pier closed early, said to be unsafe.\n“The ferry will run again in June.”",  # no speaker after "said"
    ],
)
def test_look_alikes_of_the_new_attribution_shapes_name_nobody(lexicon, text):
    assert speakers(text, lexicon)[-1] is None


# --- attribution patterns added from the errors on the four development sets (fixtures written for these tests) ---

@pytest.mark.parametrize(
    "text, expected",
    [
        # a titled person opening a sentence (after a short clause) is whom the next "she" means
        ("Tom Carper said the pier was safe.\nAcross the bay at the town hall, Mayor Ada Verne looked at the clouds.\n"
         f"{FERRY} she said.", ["Ada Verne"]),
        # so is a bare surname of someone named in full before, and a name with an appositive
        ("Ada Verne, a ferry captain, spoke first.\n“The pier is safe,” Tom Carper said.\nVerne later thanked the crew.\n"
         "“I was wrong about the storm,” she said.", ["Tom Carper", "Ada Verne"]),
        ("“The pier is safe,” Tom Carper said.\nAt the meeting, Ada Verne, the harbour board's chair, thanked the crew.\n"
         "She said of the divers: “They never gave up.”", ["Tom Carper", "Ada Verne"]),
        # and the first name of the one person named in full before
        ("Ada Verne toured the pier with Otto Lund.\n“The pier is safe,” Otto Lund said.\n"
         "Ada was born on the island and has run the ferry for years.\n“I was wrong,” she said.", ["Otto Lund", "Ada Verne"]),
    ],
)
def test_the_subject_of_a_sentence_takes_the_next_pronoun(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text",
    [
        # two titled people in the sentence: ambiguous, "she" stays with the last speaker
        "Tom Carper said the pier was safe.\nMayor Ada Verne met Gov. Otto Lund on Monday.\n“The ferry will run,” he said.",
        # a list of titled people is not a name and its appositive
        "Tom Carper said the pier was safe.\nJudge Ada Verne, Judge Otto Lund and Judge Eva Holm ruled on Monday.\n"
        "“The ferry will run,” he said.",
        # a run opened by a preposition is not the sentence's subject
        "Tom Carper said the pier was safe.\nTo Mayor Ada Verne the storm came as a surprise.\n“The ferry will run,” he said.",
    ],
)
def test_look_alike_subjects_leave_the_pronoun_with_the_last_speaker(lexicon, text):
    assert speakers(text, lexicon) == ["Tom Carper"]


def test_a_gendered_honorific_vetoes_the_other_pronoun(lexicon):
    assert speakers(f"Mr Otto Lund toured the pier.\n{FERRY} she said.", lexicon) == [None]
    assert speakers(f"Ms Ada Verne toured the pier.\n{FERRY} she said.", lexicon) == ["Ada Verne"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mayor Ada Verne praised the crews for saving the pier, saying “the worst is over.”", "Ada Verne"),
        ("The harbour board's new chair, Ada Verne, opened the meeting by saying: “We will rebuild the pier.”",
         "Ada Verne"),
        ("Mayor Ada Verne thanked the divers, saying in a statement, “They never gave up.”", "Ada Verne"),
        # not a participle of the main clause: the crews are saying it
        ("Mayor Ada Verne praised the crews, who kept saying “the worst is over.”", None),
    ],
)
def test_a_participle_reports_for_the_sentence_subject(lexicon, text, expected):
    assert speakers(text, lexicon) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ms Ada Verne lost her appeal.\nHer full statement read: “I am disappointed with the ruling.”", ["Ada Verne"]),
        ("DockWorks said in a statement that the pier was shut.\nIts statement concluded: “Our crews are working hard.”",
         ["DockWorks"]),
        # no owner: a statement nobody is said to have made
        ("Tom Carper toured the pier.\nThe full statement read: “I am disappointed with the ruling.”", [None]),
    ],
)
def test_a_possessed_statement_introduces_its_owners_quote(lexicon, text, expected):
    assert speakers(text, lexicon)[-1:] == expected


def test_a_trailing_name_and_said_reports_a_long_sentence(lexicon):
    text = ("The debris found near the pier this morning came from the ferry that sank last week, DockWorks said in a "
            "statement.\n“Our hearts are with the crew,” the statement read.")
    assert speakers(text, lexicon, direct=False) == ["DockWorks"]
    assert speakers(text, lexicon) == ["DockWorks"]
    nobody = ("The debris found near the pier this morning came from the ferry that sank last week, as people on the "
              "island have long said.")
    assert speakers(nobody, lexicon, direct=False) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"{FERRY} said British tourist Ada Verne, 50.", "Ada Verne"),
        (f"{FERRY} declared harbour pilots' spokesman Otto Lund.", "Otto Lund"),
        (f"{FERRY} Port Commissioner Otto G. Lund, Jr. said in a statement.", "Otto G. Lund"),  # a suffix
        (f"{FERRY} said officials in Palm Cove.", None),  # a preposition, not a describing phrase
        (f"{FERRY} Lund, Jr. said.", None),  # the suffix does not make a surname nobody introduced a speaker
    ],
)
def test_described_names_after_inverted_verbs_and_name_suffixes(lexicon, text, expected):
    assert speakers(text, lexicon) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("”The ferry will run again in June,” Ada Verne said.", ["The ferry will run again in June,"]),
        ("„The ferry will run again in June,” Ada Verne said.", ["The ferry will run again in June,"]),
        ("„The ferry will run again in June,“ Ada Verne said.", ["The ferry will run again in June,"]),
        # a closing mark after a word still closes
        ("Locals call it “the old lady of the bay” and love it.", ["the old lady of the bay"]),
    ],
)
def test_misturned_and_low_opening_marks(text, expected):
    a = article(text)
    assert [quote_text(a, q) for q in find_quotes(a)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Several children were taken to Kent Memorial Hospital.\n“Two children have been moved,” the hospital said.",
         "Kent Memorial Hospital"),
        ("Several children were taken to hospital.\n“Two children have been moved,” the hospital said.", None),
    ],
)
def test_a_definite_description_refers_back_to_a_name_ending_in_its_noun(lexicon, text, expected):
    assert speakers(text, lexicon) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a colon after a verb with no subject next to it: the subject after any short opening clause
        ("Ada Verne toured the pier.\nLooking visibly tired, Verne paused for a moment and then told the crowd: "
         "“We will rebuild.”", "Ada Verne"),
        # the subject issued a document the sentence quotes
        ("Shortly before noon, DockWorks released a statement that the crew had “sadly been lost.”", "DockWorks"),
        ("Mayor Ada Verne posted a message on Facebook: “Stay away from the pier.”", "Ada Verne"),
        # a statement someone else issued: the subject is not said to have written it
        ("Shortly before noon, DockWorks released a statement and the pier was called “a total loss” by divers.", None),
    ],
)
def test_opening_clauses_and_issued_statements(lexicon, text, expected):
    assert speakers(text, lexicon) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # no name opens the sentence after its opening clause: nobody
        ("After the storm, the pier was closed and a diver told the crowd: “We will rebuild.”", [None]),
        # a first name two people share names neither: "she" stays with the last speaker
        ("Ada Verne and Ada Holm toured the pier.\n“The pier is safe,” Tom Carper said.\nAda was born on the island.\n"
         "“I was wrong,” she said.", ["Tom Carper", "Tom Carper"]),
    ],
)
def test_look_alikes_of_opening_clauses_and_first_names(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


def test_a_subject_sentence_that_also_names_the_last_speaker_leaves_the_pronoun_with_them(lexicon):
    text = ("Tom Carper said the pier was safe.\nIn the meeting, Mayor Ada Verne asked for a ferry that Tom Carper would "
            "not fund.\n“We cannot pay for it,” he said.")
    assert speakers(text, lexicon) == ["Tom Carper"]


def test_a_subject_sentence_naming_the_last_speaker_as_an_object_still_takes_the_pronoun(lexicon):
    text = ("Tom Carper said the pier was safe.\nIn the meeting, Mayor Ada Verne thanked Tom Carper for the ferry.\n"
            "“We will pay for it,” she said.")
    assert speakers(text, lexicon) == ["Ada Verne"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # people who speak together are credited to the first of them
        ("“We are devastated by the loss,” Ada Verne, Otto Lund and Tom Carper said in a joint statement.", ["Ada Verne"]),
        ("In a statement, Ada Verne, Otto Lund and Tom Carper wrote: “We are a family.”", ["Ada Verne"]),
        # look-alike: the names before the speaker are the object of an opening clause, not a list of speakers
        ("After meeting Ada Verne and Otto Lund, Tom Carper said: “We will rebuild the pier.”", ["Tom Carper"]),
    ],
)
def test_a_list_of_speakers_is_credited_to_the_first(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


def test_a_knight_called_by_title_and_first_name_is_the_person_named_in_full(lexicon):
    text = "Sir Otto Lund won the vote.\nSpeaking in the square, Sir Otto said “change begins now” to the crowd."
    assert speakers(text, lexicon) == ["Otto Lund"]
    # look-alike: a prince is called by his first name and is no one named before
    prince = "Otto Lund won the vote.\nSpeaking in the square, Prince Otto said “change begins now” to the crowd."
    assert speakers(prince, lexicon) == ["Otto"]


def test_a_reporting_verb_after_and_is_the_sentence_subjects(lexicon):
    text = ("Tom Carper was gutted after the game and said the club “came back from the dead” in the second half.\n"
            "“We had some regrets about the first half,” he said.")
    assert speakers(text, lexicon) == ["Tom Carper", "Tom Carper"]
    # look-alike: another subject between "and" and the verb is the verb's own
    other = "Tom Carper scored twice and the coach said the club “came back from the dead” in the second half."
    assert speakers(other, lexicon) == [None]


# --- attribution patterns added from the errors on heldout5 (fixtures written for these tests) ----

@pytest.mark.parametrize(
    "text, expected",
    [
        ("DockWorks has closed its ferry line.\nThe company said the pier was “no longer safe for passengers.”",
         "DockWorks"),
        ("Harbourline Holdings Inc sold the pier on Monday.\n“We wish the buyers well,” the firm said.",
         "Harbourline Holdings Inc"),
        # look-alike: a camel-case product named as an object is not the company
        ("Ada Verne praised the makers of PierPass.\n“We wish the buyers well,” the company said.", "company"),
    ],
)
def test_the_company_refers_back_to_the_company_named_as_a_subject(lexicon, text, expected):
    assert speakers(text, lexicon) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the subject of the participle speaks, not the person named as its object or inside the reported clause
        ("Harbour chief Ada Verne sided with Vladimir Putin, saying that her crews “have left for the pier” and would "
         "“do everything to keep it open.”", ["Ada Verne", "Ada Verne"]),
        ("Mayor Ada Verne toured the pier, adding that the ferry “will run again in June.”", ["Ada Verne"]),
    ],
)
def test_a_participle_reporting_a_that_clause_is_the_sentence_subjects(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


def test_a_pronoun_inside_a_reported_clause_is_not_the_speaker(lexicon):
    text = "“We will rebuild the pier,” Mayor Ada Verne said.\nFriends say she will “take a long break” after the vote."
    assert speakers(text, lexicon) == ["Ada Verne", None]
    # look-alikes: the pronoun is the verb's subject, or follows a verb whose subject comes after it
    said = "“We will rebuild the pier,” Mayor Ada Verne said.\nLater she said the vote was “a relief.”"
    assert speakers(said, lexicon) == ["Ada Verne", "Ada Verne"]
    inverted = "“We were packed in,” said diver Ada Verne, showing how she was squeezed like “a fish in a tin.”"
    assert speakers(inverted, lexicon) == ["Ada Verne", "Ada Verne"]


def test_a_statement_named_for_another_issuer_is_not_the_last_organisations(lexicon):
    text = ("DockWorks said in a statement that the ferry would “run again in June.”\n"
            "“The harbour stays open to all boats,” the Norland statement said.")
    assert speakers(text, lexicon) == ["DockWorks", None]
    # the organisation named before with the modifier issued it
    named = ("The talks were announced by the Norland presidency on Monday.\n"
             "DockWorks said in a statement that the ferry would “run again in June.”\n"
             "“The harbour stays open to all boats,” the Norland statement said.")
    assert speakers(named, lexicon) == ["DockWorks", "Norland presidency"]
    # look-alike: the modifier is the organisation's own name
    own = ("DockWorks said in a statement that the ferry would “run again in June.”\n"
           "“The harbour stays open to all boats,” the DockWorks statement said.")
    assert speakers(own, lexicon) == ["DockWorks", "DockWorks"]


def test_a_family_name_written_first_is_the_titled_person_it_opens(lexicon):
    text = ("Vice Minister Wen Taoli lodged a complaint.\n“The ferry entered our waters by mistake,” Wen said.\n"
            "“We will respond,” he said.")
    assert speakers(text, lexicon) == ["Wen Taoli", "Wen Taoli"]
    # untitled, the one person named in full with that first word is still the speaker next to the verb
    untitled = "Wen Taoli lodged a complaint.\n“The ferry entered our waters by mistake,” Wen said."
    assert speakers(untitled, lexicon) == ["Wen Taoli"]
    # look-alike: two people named in full open with that word, so it names neither
    two = "Wen Taoli and Wen Lund lodged a complaint.\n“The ferry entered our waters by mistake,” Wen said."
    assert speakers(two, lexicon) == [None]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In a statement, DockWorks’ board said the ferry would “run again in June.”", ["DockWorks"]),
        ("DockWorks’s board said the ferry would “run again in June.”", ["DockWorks"]),
        ("After the vote, the DockWorks board said the ferry would “run again in June.”", ["DockWorks"]),
        ("The board of directors of DockWorks says in a statement: “The ferry will run again in June.”", ["DockWorks"]),
        ("Mayor Ada Verne praised DockWorks.\n“We will look for a new chief,” the Harbour Trust Board said.",
         ["Harbour Trust Board"]),
        # look-alike: the owner is a company noun that names no company in the text
        ("Ada Verne will leave the pier, the company’s board announced, calling her “a true pioneer.”", [None]),
    ],
)
def test_a_board_speaks_for_the_organisation_it_governs(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“The pier will close in June,” reports Ada Verne of the Harbour Gazette.", ["Ada Verne"]),
        ("Mayor Ada Verne toured the pier.\n“The crews were told to wait,” Verne explains.", ["Ada Verne"]),
        ("Mayor Ada Verne toured the pier.\n“It cannot stay open,” Verne insists.", ["Ada Verne"]),
        ("DockWorks said in a statement that the ferry would “run again in June.”\n"
         "“Our crews are working around the clock,” the post states.", ["DockWorks", "DockWorks"]),
        # look-alikes: "reports" as a noun names nobody; "States" in a name is no verb
        ("“The pier will close in June,” reports from the harbour said.", [None]),
        ("“The pier will close in June,” the United States said.", ["United States"]),
    ],
)
def test_present_tense_reporting_verbs(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


def test_the_statement_reads_introduces_the_organisation_that_just_spoke(lexicon):
    text = ("The ferry has been sold, the Harbour Board announced on Monday. The statement reads: “The press office "
            "announced that the ferry was sold at noon.”")
    assert speakers(text, lexicon) == ["Harbour Board"]  # not the press office named inside the quote
    # look-alike: a statement named for another issuer
    other = ("The ferry has been sold, the Harbour Board announced on Monday. The Norland statement reads: “The ferry "
             "was sold at noon.”")
    assert speakers(other, lexicon) == [None]


def test_single_quoted_speech_with_apostrophes_and_its_next_paragraph(lexicon):
    text = ("‘From my time on the pier I’m sure we can’t wait,’ Ms Ada Verne said.\n"
            "‘We need a ferry that runs all year and doesn’t stop for storms.’")
    assert speakers(text, lexicon) == ["Ada Verne", "Ada Verne"]
    # look-alike: a single-quoted phrase inside a sentence is no continuation
    phrase = "‘We’re ready,’ Ms Ada Verne said.\nThe plan was called ‘a bold bet’ by critics."
    assert speakers(phrase, lexicon) == ["Ada Verne", None]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“The line is open again,” officials with the Alder Valley railroad said in a statement.", ["Alder Valley"]),
        ("The crews went home and “the pier is safe,” Harbour 24 news channel said.", ["Harbour 24"]),
        ("“We will rebuild,” the Northland Ledger newspaper said in an editorial.", ["Northland Ledger"]),
        # look-alikes: "the company" is no name, and a railroad named after a preposition does not speak
        ("“The line is open again,” the company said.", ["company"]),
        ("“The line is open again,” Ada Verne told reporters at the Alder Valley railroad.", ["Ada Verne"]),
    ],
)
def test_an_organisation_named_with_its_kind_speaks_by_its_name(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


def test_it_opening_a_sentence_before_a_quote_is_the_organisation_that_just_spoke(lexicon):
    text = ("DockWorks said in a statement that the ferry would “run again in June.”\n"
            "It also said the crews were “working around the clock.”\n"
            "In a later update, it said that “the pier is safe.”")
    assert speakers(text, lexicon) == ["DockWorks", "DockWorks", "DockWorks"]
    # look-alike: a person spoke last, so "it" names no one known
    person = "Mayor Ada Verne toured the pier.\n“It is safe,” she said.\nIt also said the crews were “working hard.”"
    assert speakers(person, lexicon) == ["Ada Verne", None]
    # look-alike: a sentence about another body comes between, so "it" may mean that body
    other = ("DockWorks said the ferry would “run again in June.”\n"
             "The Harbour Board had 40 staff on the quay. It has warned of “long delays.”")
    assert speakers(other, lexicon) == ["DockWorks", None]
    after = ("DockWorks said the ferry would “run again in June.”\n"
             "The Harbour Board had 40 staff on the quay. “Expect long delays,” it said.")
    assert speakers(after, lexicon) == ["DockWorks", None]  # the same rule for "it said" after the quote


@pytest.mark.parametrize(
    "text, expected",
    [
        # the nearest verb's subject is someone unnamed: the quote is theirs, not the relaying reporter's
        ("Ada Verne posted that the harbour master says the diver who died was “someone from the crew.”", [None]),
        # look-alikes: a pronoun or a relative pronoun as that subject goes back to the named speaker
        ("Mayor Ada Verne said she told reporters the pier was “safe for now.”", ["Ada Verne"]),
        ("The pier is safe, according to Ada Verne, who stressed that the numbers “continue to change.”", ["Ada Verne"]),
    ],
)
def test_a_quote_belongs_to_the_subject_of_the_nearest_reporting_verb(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


def test_they_after_an_organisations_officials_is_the_organisation(lexicon):
    text = ("“The line is open again,” officials with the Alder Valley railroad said in a statement.\n"
            "“Trains will run late for a week,” they added.")
    assert speakers(text, lexicon) == ["Alder Valley", "Alder Valley"]
    # look-alike: people spoke last, not an organisation
    people = "“We are tired,” Ada Verne and Otto Lund said.\n“We want to go home,” they added."
    assert speakers(people, lexicon)[-1] is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“The telescope sees through the dust,” NASA writes.", ["NASA"]),
        ("The ferry will “run again in June,” DWH said in a statement.", ["DWH"]),
        # look-alike: two letters are a country
        ("“The ferry will run again in June,” US said.", [None]),
    ],
)
def test_an_organisations_initials_between_a_quote_and_its_verb_speak(lexicon, text, expected):
    assert speakers(text, lexicon) == expected
    # initials before the quote relay someone else's words
    assert speakers("NHK reports Ada Verne as saying she was “tired of waiting.”", lexicon) != ["NHK"]


def test_a_statement_named_by_the_organisations_initials_is_its_own(lexicon):
    text = ("“The ferry will run again in June,” the Harbour Safety Board said in a statement.\n"
            "“Crews are working around the clock,” HSB statement added.")
    assert speakers(text, lexicon) == ["Harbour Safety Board", "Harbour Safety Board"]
    # look-alike: initials of another body
    other = ("“The ferry will run again in June,” the Harbour Safety Board said in a statement.\n"
             "“Crews are working around the clock,” NRA statement added.")
    assert speakers(other, lexicon) == ["Harbour Safety Board", None]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In a statement, the Met said: “Officers have received the files.”", ["Met"]),
        ("“Officers have received the files,” said the Met.", ["Met"]),
        # look-alikes: a title ("the Queen") is a role, and a role after the name ("the EU chief") is a person
        ("“Officers have received the files,” the Queen said.", [None]),
        ("“Officers have received the files,” said the EU chief.", [None]),
    ],
)
def test_the_and_one_capitalised_word_name_an_institution(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A DockWorks spokesman said: “The ferry will run again in June.”", ["DockWorks spokesman"]),
        ("“The ferry will run again in June,” a Pier 9 spokeswoman told reporters.", ["Pier 9 spokeswoman"]),
        # look-alikes: a spokesperson of no named body, and one named after the role
        ("A police spokesman said: “The ferry will run again in June.”", [None]),
        ("DockWorks spokesman Otto Lund said: “The ferry will run again in June.”", ["Otto Lund"]),
    ],
)
def test_an_organisations_unnamed_spokesperson_speaks_as_its_spokesperson(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a title the name list did not know, after a place: the surname later is that person's
        ("Northland County Sheriff Ada Verne spoke on Sunday.\n\n“The ferry will run again in June,” Verne said.",
         ["Ada Verne"]),
        ("Cardinal Otto Lund read the notice.\n\n“The ferry will run again in June,” Lund said.", ["Otto Lund"]),
        # a surname that opens with a particle ("al-", "el-") is the surname, not a dangling particle
        ("Interim leader Tom Ghazi al-Verne spoke.\n\n“The ferry will run again in June,” al-Verne said.",
         ["Tom Ghazi al-Verne"]),
        # a given name a regnal or church title goes with alone
        ("Pope Ambrose spoke on Sunday.\n\n“The ferry will run again in June,” Ambrose said.", ["Ambrose"]),
        # look-alikes: a bare surname nobody was introduced with names nobody; a title before a place is no person
        ("The council met on Sunday.\n\n“The ferry will run again in June,” Verne said.", [None]),
        ("King County met on Sunday.\n\n“The ferry will run again in June,” County said.", [None]),
    ],
)
def test_a_surname_goes_to_the_person_introduced_with_it(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a relative pronoun's antecedent speaks, after a preposition too; "which" makes it an organisation
        ("Ada Verne chairs the Harbour Trust, which said the ferry was “safe for now.”", ["Harbour Trust"]),
        ("The ferry was met by Mayor Ada Verne, who said it was “safe for now.”", ["Ada Verne"]),
        # names inside the relative clause are not the speaker
        ("Mayor Ada Verne spoke.\n\nVerne, who has sons Prince Otto, 10, and Prince Tom, 8, with her husband, added, "
         "“We will rebuild the pier.”", ["Ada Verne"]),
        # look-alike: the relative clause's own list, with no speaker before it that we know, names nobody
        ("Her mother, who has sons Prince Otto, 10, and Prince Tom, 8, with her husband, added, “We will rebuild.”",
         [None]),
    ],
)
def test_a_relative_pronoun_speaks_for_the_name_before_it(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


def test_a_title_held_of_a_place_makes_the_role_ambiguous(lexicon):
    text = ("The Princess of Norland, 40, spoke on Friday. Her children are Prince Otto, 9, and Princess Ada, 7.\n"
            "The princess said she was “getting stronger every day.”")
    assert speakers(text, lexicon) == [None]
    # look-alike: no other holder of the title, so the role is the one person introduced with it
    one = "Her children are Prince Otto, 9, and Princess Ada, 7.\nThe princess said she was “getting stronger every day.”"
    assert speakers(one, lexicon) == ["Ada"]
    # a title of a place right after the name is that person's, not another holder
    named = ("Ada Verne, the Governor of Norland, toured the pier. Governor Ada Verne met Judge Otto Lund.\n"
             "The governor said the pier was “safe for now.”")
    assert speakers(named, lexicon) == ["Ada Verne"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the pronoun stands in the clause an earlier verb with another subject reports
        ("“We will rebuild,” Mayor Ada Verne said.\nThe club confirmed that she had been a member, and that if the "
         "facts were confirmed “the membership would be cancelled.”", ["Ada Verne", None]),
        # a pronoun that undergoes the verb, with no reporting verb, did not speak
        ("“We will rebuild,” Mayor Otto Lund said.\nHe was charged on Friday with “reckless endangerment.”",
         ["Otto Lund", None]),
        # look-alikes: the pronoun is the subject of the reporting verb, or of an active verb
        ("“We will rebuild,” Mayor Ada Verne said.\nThe club confirmed the news, and she later said it was “a relief.”",
         ["Ada Verne", "Ada Verne"]),
        ("“We will rebuild,” Mayor Otto Lund said.\nHe thanked the crews for their “tireless work.”",
         ["Otto Lund", "Otto Lund"]),
    ],
)
def test_a_pronoun_that_is_reported_about_or_undergoes_the_verb_is_not_the_speaker(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "revealed that" reports speech: the revealer is whom the next "he" means
        ("“We will rebuild,” Mayor Otto Lund said.\nInterior Minister Abel Strand revealed that the diver acted alone "
         "and had met Judge Tom Carper.\n“It will hold,” he said.", ["Otto Lund", "Abel Strand"]),
        # look-alike: "revealed" with an object reports nothing
        ("“We will rebuild,” Mayor Otto Lund said.\nInterior Minister Abel Strand revealed a plan to Judge Tom Carper."
         "\n“It will hold,” he said.", ["Otto Lund", "Otto Lund"]),
    ],
)
def test_revealed_that_reports_speech(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a later verb's unnamed subject says the quote, not the relaying outlet's speaker
        ("The Harbour Times reported that the diver's son stated that the boat was his and said, “I had no idea.”",
         [None]),
        ("Mayor Ada Verne said that the diver's son stated that the boat was his and said, “I had no idea.”", [None]),
        # look-alike: the nearest verb's subject is named
        ("The diver's son told reporters that Mayor Ada Verne said, “I had no idea.”", ["Ada Verne"]),
        ("Mayor Ada Verne toured the pier and said, “I had no idea.”", ["Ada Verne"]),
    ],
)
def test_an_unnamed_subject_of_a_later_verb_keeps_the_quote(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # after a dash, a phrase with a relative clause describes the quote, not its speaker
        ("Crowds on the pier shouted “down with the tolls” – a chant which is aimed at their mayor, Ada Verne.", [None]),
        # look-alikes: a dash and a name, and an inverted verb with a role before the name
        ("“The ferry will run again in June” — Ada Verne", ["Ada Verne"]),
        ("“The ferry will run again in June,” said the harbour master of Norland, Ada Verne.", ["Ada Verne"]),
    ],
)
def test_a_relative_clause_before_a_name_after_a_dash_names_no_speaker(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Norland’s Vox news agency confirmed the news, reporting that “all crew were rescued.”", ["Vox"]),
        ("The Vox news agency confirmed the news, reporting that “all crew were rescued.”", ["Vox"]),
        # look-alike: a lower-case word after the possessor is no name
        ("Norland’s state news agency confirmed the news, reporting that “all crew were rescued.”",
         ["Norland’s state news agency"]),
    ],
)
def test_a_possessor_before_an_organisation_named_with_its_kind_is_not_its_name(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bare first name next to its verb is the one person named in full with it
        ("Ada Verne spoke on Friday.\n\nAda explained, “It has taken me time to recover.”", ["Ada Verne"]),
        ("Ada Verne spoke on Friday.\n\n“It has taken me time to recover,” Ada said.", ["Ada Verne"]),
        # look-alikes: two people share the first name; nobody was named in full with it
        ("Ada Verne and Ada Lund spoke on Friday.\n\nAda explained, “It has taken me time to recover.”", [None]),
        ("The council spoke on Friday.\n\nAda explained, “It has taken me time to recover.”", [None]),
    ],
)
def test_a_first_name_is_the_one_person_named_in_full_with_it(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a possessed post is its owner's; an inverted "read a … statement" names its issuer in the modifiers
        ("Mayor Ada Verne thanked the crews.\n“The pier will hold,” Verne’s post said.", ["Ada Verne"]),
        ("“The pier will hold,” read a Harbour Palace statement on Friday.", ["Harbour Palace"]),
        ("DockWorks said the pier was “safe for now.” “The pier will hold,” read the statement.",
         ["DockWorks", "DockWorks"]),
        # look-alikes: a statement of nobody named, and one whose modifiers name no organisation
        ("“The pier will hold,” read the statement.", [None]),
        ("“The pier will hold,” read a short statement.", [None]),
    ],
)
def test_possessed_and_inverted_documents(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a time between a titled subject and its predicate: the subject is whom "he" means
        ("“We will rebuild,” said a diver.\nMayor Otto Lund on Monday called for calm.\n“It will hold,” he said.",
         [None, "Otto Lund"]),
        # look-alike: without the time phrase the same; with another person named, "he" is not settled by it
        ("“We will rebuild,” said a diver.\nMayor Otto Lund on Monday called Judge Abel Strand.\n“It will hold,” he said.",
         [None, None]),
    ],
)
def test_a_time_between_subject_and_predicate(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a name before an appositive role left open before the verb
        ("Ada Verne, the club president stated on Friday, “The pier will hold.”", ["Ada Verne"]),
        # look-alike: the role alone, with nobody introduced with that title
        ("The club president stated on Friday, “The pier will hold.”", [None]),
    ],
)
def test_a_name_before_an_open_appositive_role_speaks(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a participle with an object reports the subject's words
        ("Mayor Ada Verne rejected the report, accusing the U.S. council of “shedding crocodile tears.”", ["Ada Verne"]),
        ("Mayor Ada Verne closed the pier, calling it “a danger to all.”", ["Ada Verne"]),
        # look-alikes: the name right before the participle's comma is an object, not the subject; a reporting verb
        # with an unnamed subject comes between
        ("The council blasted the ruling over North Norland, accusing the judges of “ignoring the law.”", ["council"]),
        ("Ada Verne will leave the pier, the company’s board announced, calling her “a true pioneer.”", [None]),
    ],
)
def test_a_participle_with_an_object_reports_the_subjects_words(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


def test_reported_speech_in_a_subordinate_clause_does_not_carry_to_the_next_quote(lexicon):
    text = ("A day after Mayor Ada Verne said she would resign, a spokesperson for the Harbour Trust released a note.\n"
            "“The pier will stay open,” the note went on.")
    assert speakers(text, lexicon) == [None]
    # look-alike: the reported speech is the sentence's main clause
    main = "Mayor Ada Verne said she would resign.\n“The pier will stay open.”"
    assert speakers(main, lexicon) == ["Ada Verne"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mayor Ada Verne spoke.\n“The pier will hold,” she was quoted as saying by local papers.", ["Ada Verne"]),
        ("“The pier will hold,” Mayor Ada Verne is quoted as saying.", ["Ada Verne"]),
        # look-alike: a passive "told" has the listener as its subject
        ("Mayor Ada Verne spoke.\n“The pier will hold,” she was told by the engineers.", [None]),
    ],
)
def test_was_quoted_as_saying(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # after a preposition, a name glued to the organisation it heads is the subject
        ("The head of the Harbour Board Ada Verne said that “the pier will hold.”", ["Ada Verne"]),
        # look-alikes: a titled name after a preposition is the preposition's; so is a name alone
        ("A letter to Mayor Ada Verne said that “the pier will hold.”", [None]),
        ("A letter to Ada Verne said that “the pier will hold.”", [None]),
    ],
)
def test_a_name_glued_to_the_organisation_after_a_preposition(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "spoke of" and "describes … as" report the quote next to them; "noting" is the subject's participle
        ("Mayor Ada Verne spoke of a storm “unlike any we have seen.”", ["Ada Verne"]),
        ("The Harbour Institute describes itself as “a home for all who work the sea.”", ["Harbour Institute"]),
        ("Mayor Ada Verne called the storm a “huge shock,” noting her plans to “rebuild the pier quickly.”",
         ["Ada Verne", "Ada Verne"]),
        # look-alikes: "spoke" alone reports no quote; "noting" after a verb whose subject is unnamed
        ("Mayor Ada Verne spoke on Friday, and the crowd was “very happy.”", [None]),
        ("Ada Verne will leave the pier, the board announced, noting her “many years of service.”", [None]),
    ],
)
def test_spoke_of_describes_and_noting(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


def test_a_quote_right_after_another_continues_it(lexicon):
    text = "Mayor Ada Verne said, “The storm was long.”“The pier held.” The crowd cheered."
    assert speakers(text, lexicon) == ["Ada Verne", "Ada Verne"]
    # look-alike: words between the two quotes give the second its own (unknown) speaker
    apart = "Mayor Ada Verne said, “The storm was long.” A diver told us: “The pier held.”"
    assert speakers(apart, lexicon) == ["Ada Verne", None]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an office named by its country in the possessive is one person, named by it when the text names nobody
        ("The harbour was closed, Norland's president said, adding that the pier had been “badly damaged.”",
         ["Norland's president"]),
        ("“The pier is badly damaged,” Norland’s foreign minister declared.", ["Norland’s foreign minister"]),
        # the one person introduced with that title and country is that office's holder
        ("Norland President Ada Verne flew in.\n“The pier is badly damaged,” Norland's president said.", ["Ada Verne"]),
        # look-alike: a possessed word that is no title
        ("“The pier is badly damaged,” Norland's harbour said.", [None]),
    ],
)
def test_an_office_named_by_its_country_in_the_possessive(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # after the quote, a conjunction opens another clause: its verb is not this quote's attribution
        ("Mayor Ada Verne wrote on X, “The pier will hold” while Norland's president said that the pier was closed.",
         ["Ada Verne"]),
        # look-alike: an adverbial clause closed by a comma comes before the quote's own attribution
        ("“We expect the pier to hold” as the storm moves north, Mayor Ada Verne said.", ["Ada Verne"]),
    ],
)
def test_a_verb_in_another_clause_after_the_quote_does_not_attribute_it(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


def test_a_closing_mark_glued_after_a_sentence_end_opens_a_quote(lexicon):
    text = "Ada Verne said on Monday that the pier was shut.”We will reopen it soon,” Verne said."
    assert speakers(text, lexicon) == ["Ada Verne"]
    # look-alike: with a quote open, the same mark closes it
    assert speakers("Ada Verne said, “The pier is shut.”We left at noon.", lexicon) == ["Ada Verne"]
    assert quote_text(article("Ada Verne said, “The pier is shut.”We left at noon."),
                      find_quotes(article("Ada Verne said, “The pier is shut.”We left at noon."))[0]) == "The pier is shut."


@pytest.mark.parametrize(
    "text, expected",
    [
        # an organisation's head word and what it is "of": the whole name speaks, not a person "Federal Bureau"
        ("“The pier will hold,” the Federal Bureau of Harbours said.", ["Federal Bureau of Harbours"]),
        ("The Department of Piers called the storm “a rare event.”", ["Department of Piers"]),
        # look-alikes: a person "of" an organisation is the person; a spokesman "for" it is nobody named
        ("“The pier will hold,” Capt. Ada Verne of the Harbour Board said.", ["Ada Verne"]),
        ("“The pier will hold,” a spokesman for the Department of Piers said.", [None]),
    ],
)
def test_an_organisation_named_with_of(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the quote goes on the pronoun's clause with a passive verb: it tells what befell him
        ("Mayor Ada Verne spoke.\nLater, he “was rescued from the pier by divers.”", [None]),
        # look-alike: an active verb keeps today's attribution to the person the pronoun means
        ("Mayor Ada Verne spoke.\nLater, he “rescued the divers from the pier.”", ["Ada Verne"]),
    ],
)
def test_a_pronoun_whose_quoted_predicate_is_passive_did_not_speak(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a participle clause that addresses someone opens no name; the subject after it speaks
        ("Addressing Norland, Mayor Ada Verne thanked the crews and said, “The pier will hold.”", ["Ada Verne"]),
        # with no named subject after the clause, nobody (not "Addressing Norland")
        ("Addressing Norland, the crews cheered and said, “The pier will hold.”", [None]),
        # look-alike: the participle inside an appositive after the subject, as today
        ("Mayor Ada Verne, addressing Norland, thanked the crews and said, “The pier will hold.”", ["Ada Verne"]),
    ],
)
def test_an_addressing_clause_is_not_the_subject(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a role and a comma before a new name introduce that person: "he" then means them
        ("Ada Verne, the mayor, spoke first. “The pier will hold,” she said.\n"
         "Former harbour chief, Otto Lund thanked the crews on the pier. “We are proud of them,” he said.",
         ["Ada Verne", "Otto Lund"]),
        # look-alike: a place clause before a new untitled name does not (it may be a place or a team)
        ("Ada Verne, the mayor, spoke first. “The pier will hold,” she said.\n"
         "After a storm in Kent, Otto Lund thanked the crews on the pier. “We are proud of them,” he said.",
         ["Ada Verne", "Ada Verne"]),
    ],
)
def test_a_role_before_a_name_introduces_the_person(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“The pier will hold,” announces Mayor Ada Verne after the storm.", ["Ada Verne"]),
        ("Mayor Ada Verne proclaimed “a new day for the harbour” as the storm passed.", ["Ada Verne"]),
        # look-alike: without quote marks "proclaimed" reports no speech
        ("Mayor Ada Verne proclaimed a holiday. The crowd was “very happy.”", [None]),
    ],
)
def test_announces_and_proclaimed(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a role as a sentence's subject is its one holder, whom the next "he" means
        ("Mayor Ada Verne spoke first. “The pier will hold,” she said.\nThe crowd greeted Gov. Otto Lund at noon. "
         "The governor toured the pier. “We are proud of the crews,” he said.", ["Ada Verne", "Otto Lund"]),
        # look-alike: the role as an object introduces nobody
        ("Mayor Ada Verne spoke first. “The pier will hold,” she said.\nThe crowd greeted Gov. Otto Lund at noon. "
         "The crowd cheered the governor loudly. “We are proud of the crews,” she said.", ["Ada Verne", "Ada Verne"]),
    ],
)
def test_a_role_as_subject_introduces_its_holder(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a role in an appositive after a name makes that person "the director"
        ("“The pier will hold,” Ada Verne, director of the Harbour Institute, said on Monday.\n"
         "“We will reopen soon,” the director added.", ["Ada Verne", "Ada Verne"]),
        # look-alike: the role inside a relative clause is someone else's
        ("“The pier will hold,” Ada Verne, who met the director of the port, said on Monday.\n"
         "“We will reopen soon,” the director added.", ["Ada Verne", None]),
    ],
)
def test_a_role_in_an_appositive_names_its_holder(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # capitalised words before a describing noun are modifiers: the organisation named after it speaks
        ("The pier “will hold,” according to Norland-owned Kentish broadcaster Harbour News.", ["Harbour News"]),
        # look-alike: without a describing noun the run stays as today
        ("The pier “will hold,” according to Mayor Ada Verne.", ["Ada Verne"]),
    ],
)
def test_an_organisation_after_a_describing_phrase(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the statement" is the statement the last speaker gave
        ("Mayor Ada Verne spoke on Monday.\n“The pier will hold,” Verne said in a statement.\n"
         "“We will reopen soon,” the statement continued.", ["Ada Verne", "Ada Verne"]),
        # look-alikes: "the statement" she spoke in may be another's; an organisation's statement long before
        ("Mayor Ada Verne spoke on Monday.\n“The pier will hold,” Verne said in the statement.\n"
         "“We will reopen soon,” the statement continued.", ["Ada Verne", None]),
        ("Mayor Ada Verne spoke on Monday. The council said in a statement that it would meet.\n"
         "“The pier will hold,” Verne said.\n“We will reopen soon,” the statement continued.", ["Ada Verne", None]),
    ],
)
def test_the_statement_of_the_last_speaker(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a trailing "…, she added." after other words and a verb that names nobody
        ("Mayor Ada Verne spoke on Monday. “Ten boats sank” with most crews reported safe, she added.", ["Ada Verne"]),
        # look-alike: a clause that goes on reporting more is not a bare attribution
        ("Mayor Ada Verne spoke on Monday. “Ten boats sank” with most crews reported safe, she added that the pier "
         "would hold.", [None]),
    ],
)
def test_a_trailing_pronoun_attribution(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a paper that reports what a source said relays the source's words
        ("According to Mayor Ada Verne, the pier “will hold through the winter,” the Harbour Times reported.",
         ["Ada Verne"]),
        ("According to harbour staff, the pier “will hold through the winter,” the Harbour Times reported.", [None]),
        # look-alike: with no source, the paper that reported it
        ("After the storm, the pier “will hold through the winter,” the Harbour Times reported.", ["Harbour Times"]),
    ],
)
def test_a_paper_relays_the_source_a_sentence_opens_with(lexicon, text, expected):
    assert speakers(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a new untitled full name that "his" and then "he" go on in its own sentence is a person: the next "he"
        ("Ada Verne spoke first. “The pier will hold,” she said.\nOtto Lund lost his boat in the storm, but he stayed "
         "on the pier. “We are proud of the crews,” he said.", [None, "Otto Lund"]),
        # look-alikes: "he" alone does not make a new pair a person; nor "she" after a place-like subject
        ("Ada Verne spoke first. “The pier will hold,” she said.\nOtto Lund lost many boats in the storm, but he "
         "stayed on the pier. “We are proud of the crews,” he said.", [None, None]),
        ("Mayor Ada Verne spoke first. “The pier will hold,” she said.\nNorth Kent was hit hard, but she said the "
         "harbour would recover. “We are proud of the crews,” she said.", ["Ada Verne", "Ada Verne"]),
    ],
)
def test_a_new_name_that_his_and_he_go_on_is_a_person(lexicon, text, expected):
    assert speakers(text, lexicon) == expected
