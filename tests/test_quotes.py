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
    assert not_in_cards["omitted_by"] == [HILL, CNN]


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
    assert result.voices.empty and result.quote_groups.empty and list(result.claims["outlets"].explode().unique())
    filtered = result.for_outlets(["A"])
    assert filtered.quote_groups.empty and all(o == ["A"] for o in filtered.claims["outlets"])


def test_claims_fall_back_to_ledes_then_first_sentences_then_none(analysis, monkeypatch):
    import dashboard.analysis.coverage as coverage

    s = analysis.sentences
    monkeypatch.setattr(coverage, "MAX_CLAIM_SENTENCES", len(s[s["paragraph"] < 2]))
    assert (coverage.claim_pool(s)["paragraph"] < 2).all()
    monkeypatch.setattr(coverage, "MAX_CLAIM_SENTENCES", len(analysis.articles))
    assert (coverage.claim_pool(s)["sentence"] == 0).all()
    monkeypatch.setattr(coverage, "MAX_CLAIM_SENTENCES", 2)
    table, claim_of = coverage.claims(s, analysis.outlets)
    assert table.empty and (claim_of == -1).all() and len(claim_of) == len(s)
