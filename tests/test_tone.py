"""Tone toward actors: VADER per sentence naming the actor, mean and t interval per outlet, evidence ordered."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from dashboard.analysis import analyse
from dashboard.analysis.tone import actor_sentences, actor_tone, sentence_tone, t_interval, tone_evidence
from dashboard.corpus import Corpus
from dashboard.lexicons import parse_lexicon

LEXICON = parse_lexicon("actors:\n  - {id: smith, label: Jane Smith, aliases: [Jane Smith, Smith]}\n",
                        "topics:\n  - {id: weather, terms: [weather]}\n")
TEXTS = {
    "Harsh Post": "Jane Smith was condemned as a corrupt and dishonest failure. Critics said Smith lied and caused a "
                  "terrible disaster. The weather was mild.",
    "Kind Times": "Jane Smith won praise for a brilliant, generous success. Smith is a wonderful and beloved leader, "
                  "and Smith smiled.",
}


@pytest.fixture(scope="module")
def small():
    rows = [{"id": f"a{i}", "outlet": o, "headline": f"About {o}", "published": "", "url": "", "text": t}
            for i, (o, t) in enumerate(TEXTS.items())]
    return analyse(Corpus("tone", rows=rows), LEXICON)


def test_vader_signs():
    negative, neutral, positive = sentence_tone(["This is a terrible, awful failure.", "The meeting is at noon.",
                                                 "What a wonderful success."])
    assert negative < -0.5 and positive > 0.5 and neutral == 0.0


def test_t_interval_matches_scipy_and_needs_two_values():
    def interval(values):
        values = np.array(values)
        low, high = t_interval(np.array([values.mean()]), np.array([np.std(values, ddof=1) if len(values) > 1 else np.nan]),
                               np.array([len(values)]))
        return low[0], high[0]

    values = np.array([0.1, 0.3, 0.5, -0.2])
    expected = stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=stats.sem(values))
    assert interval(values) == pytest.approx(expected)
    assert all(np.isnan(interval([0.4])))
    assert interval([0.99, 0.98, -0.99, 0.97])[0] >= -1.0


def test_each_sentence_counts_once_per_actor(small):
    scored = actor_sentences(small.sentences, small.matches)
    kind = scored[scored["outlet"] == "Kind Times"]
    assert len(kind) == 2  # "Smith is … and Smith smiled" names Smith twice in one sentence
    rows = tone_evidence(small.sentences, small.articles, small.matches, scored, "smith", ["Kind Times"])
    assert sorted(len(s) for s in rows["spans"]) == [1, 2]


def test_the_scores_stored_with_the_analysis_are_the_same(small):
    from dashboard.analysis.frames import default_frames
    from dashboard.analysis.framing import analyse_framing

    stored = analyse_framing(small, default_frames()).tone
    pd.testing.assert_frame_equal(stored, actor_sentences(small.sentences, small.matches))


def test_outlets_differ_in_the_expected_direction(small):
    tone = actor_tone(actor_sentences(small.sentences, small.matches), LEXICON).set_index("outlet")
    harsh, kind = tone.loc["Harsh Post"], tone.loc["Kind Times"]
    assert harsh["mean"] < 0 < kind["mean"]
    assert harsh["sentences"] == 2 and kind["sentences"] == 2
    assert harsh["low"] <= harsh["mean"] <= harsh["high"]
    texts = ["Jane Smith was condemned as a corrupt and dishonest failure.", "Critics said Smith lied and caused a terrible disaster."]
    scores = sentence_tone(texts)
    assert small.sentences.at[harsh["most_negative"], "text"] == texts[int(np.argmin(scores))]
    assert harsh["negative_score"] == pytest.approx(scores.min()) and harsh["mean"] == pytest.approx(scores.mean())


def test_groups_pool_outlets(small):
    scored = actor_sentences(small.sentences, small.matches)
    pooled = actor_tone(scored, LEXICON, groups={"Harsh Post": "All", "Kind Times": "All"})
    assert list(pooled["outlet"]) == ["All"] and pooled["sentences"].iloc[0] == 4
    assert pooled["mean"].iloc[0] == pytest.approx(scored["tone"].mean())


def test_evidence_is_most_negative_first_with_spans(small):
    scored = actor_sentences(small.sentences, small.matches)
    rows = tone_evidence(small.sentences, small.articles, small.matches, scored, "smith", ["Harsh Post"])
    assert list(rows["tone"]) == sorted(rows["tone"])
    assert set(rows["headline"]) == {"About Harsh Post"}
    assert [[t[a:b] for a, b in spans] for t, spans in zip(rows["text"], rows["spans"])] in (
        [["Smith"], ["Jane Smith"]], [["Jane Smith"], ["Smith"]])


def test_seed_tone_covers_lexicon_actors(analysis):
    tone = actor_tone(actor_sentences(analysis.sentences, analysis.matches), analysis.lexicon)
    assert set(tone["outlet"]) == set(analysis.outlets)
    biden = tone[tone["actor"] == "biden"].set_index("outlet")["sentences"]
    named = analysis.matches[(analysis.matches["kind"] == "actor") & (analysis.matches["key"] == "biden")]
    assert biden.to_dict() == named.drop_duplicates(["article", "sentence"]).groupby("outlet", observed=True).size().to_dict()
