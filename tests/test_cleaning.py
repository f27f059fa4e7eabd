"""Cleaning rules, on the seeds (exact outcomes read off the files) and on unseen furniture."""

import pytest

from dashboard.cleaning import RULES, clean
from tests.conftest import AL_MAYADEEN, CNN, HILL, TRT, VOA


def removed(article, rule):
    return [r.text for r in article.removed if r.rule == rule]


def test_hill_hover_cards_collapse_to_the_name(by_outlet):
    text = by_outlet[HILL].clean_text
    assert text.startswith("President Biden on Wednesday said the United States is not considering")
    assert "Russian President Vladimir Putin, during which White House officials" in text
    assert "White House national security adviser Jake Sullivan told reporters Tuesday" in text
    assert "press secretary Karine Jean-Pierre told reporters aboard Air Force One" in text
    assert " MORE" not in text and "BidenJoe" not in text and "Blinken" not in text
    cards = removed(by_outlet[HILL], "hover_cards")
    assert len(cards) == 4
    assert cards[0].startswith("Joe BidenBiden says he didn't 'overpromise'") and cards[0].endswith("MORE")


def test_trt_read_more_credit_caption_duplicate_and_widget(by_outlet):
    trt = by_outlet[TRT]
    assert removed(trt, "cross_links") == [
        "READ MORE: Why Ukraine matters to Russia so much",
        "READ MORE: Amid the threat of a Russian invasion, how capable is Ukraine’s military?",
        "READ MORE: Ukraine: Large-scale Russian offensive possible in January",
        "READ MORE: NATO: Russia will pay heavy price if it attacks Ukraine",
    ]
    assert removed(trt, "credit_lines") == ["Reuters"]
    caption = "Biden says US had a moral and legal obligation to defend NATO allies if they are attacked, but that obligation did not extend to Ukraine."
    assert removed(trt, "captions") == [caption]
    assert removed(trt, "duplicate_paragraphs") == [caption]
    assert removed(trt, "widget_residue") == ["Route 6"]
    assert caption not in trt.clean_text
    assert trt.clean_text.endswith("says its troop buildup is defensive in nature.")


def test_cnn_captions_dateline_and_footer(by_outlet):
    cnn = by_outlet[CNN]
    assert removed(cnn, "captions") == [
        "Russian President Vladimir Putin attends a meeting with US President Joe Biden via a video call in the Black Sea resort of Sochi on December 7, 2021.",
        "Biden confronts Putin as tensions escalate over Ukraine",
        "04:28 - Source: CNN",
    ]
    assert removed(cnn, "datelines") == ["CNN —"]  # raw has a no-break space; reports fold it
    assert removed(cnn, "update_footers") == ["This story has been updated with additional reporting."]
    assert cnn.clean_text.startswith("President Joe Biden on Wednesday ruled out sending US troops")


def test_hill_update_footer_and_voa_contributor_credit(by_outlet):
    assert removed(by_outlet[HILL], "update_footers") == ["Updated 1:28 p.m."]
    assert removed(by_outlet[VOA], "credit_lines") == [
        "VOA's Jeff Seldin and Carla Babb contributed to this report. Some information came from The Associated Press and Reuters."
    ]
    assert by_outlet[VOA].clean_text.endswith("might launch their own offensive.")


def test_headline_line_is_dropped_only_where_the_text_repeats_it(by_outlet):
    assert removed(by_outlet[AL_MAYADEEN], "headline_line") == ['Biden: Sending US troops to confront Russia was "not on the table"']
    assert removed(by_outlet[VOA], "headline_line") == []  # VOA's text has no headline line
    assert len(by_outlet[AL_MAYADEEN].removed) == 1


def test_raw_text_is_kept_intact(by_outlet):
    assert "Route 6" in by_outlet[TRT].raw_text
    assert "BidenJoe BidenBiden" in by_outlet[HILL].raw_text


@pytest.mark.parametrize(
    "raw, expected, rule",
    [
        # hover card on a name the seeds never use
        ("Secretary of State Antony BlinkenAntony BlinkenBlinken warns Moscow Other story MORE said on Friday the talks went well.",
         "Secretary of State Antony Blinken said on Friday the talks went well.", "hover_cards"),
        ("Body text one is here.\nRead more: Another story about gas\nBody text two is here.",
         "Body text one is here.\n\nBody text two is here.", "cross_links"),
        ("A caption of a photo taken in Kyiv on Monday.\nAP Photo/Efrem Lukatsky\nThe actual report starts here.",
         "The actual report starts here.", "captions"),
        ("Washington (Reuters) - Officials met on Monday.", "Officials met on Monday.", "datelines"),
        ("Officials met on Monday.\nUpdated 9:05 a.m. ET", "Officials met on Monday.", "update_footers"),
        ("Officials met on Monday in Geneva.\nOfficials met on Monday in Geneva.", "Officials met on Monday in Geneva.", "duplicate_paragraphs"),
        ("Officials met on Monday in Geneva to discuss the talks.\nRoute 6", "Officials met on Monday in Geneva to discuss the talks.", "widget_residue"),
        ("02:15 - Source: CNN Business\nOfficials met on Monday.", "Officials met on Monday.", "captions"),
    ],
)
def test_rules_work_on_unseen_articles(raw, expected, rule):
    result = clean(raw)
    assert result.text == expected
    assert rule in {r.rule for r in result.removed}


def test_clean_prose_is_left_alone():
    raw = "Biden met Putin. The Kremlin said more talks would follow.\nNATO allies met in Riga on Tuesday."
    result = clean(raw)
    assert result.removed == [] and result.text == raw.replace("\n", "\n\n")


def test_rules_can_be_switched_off():
    raw = "READ MORE: x y z\nBody."
    assert "READ MORE" in clean(raw, rules={k: v for k, v in RULES.items() if k != "cross_links"}).text
