"""The learned furniture rule (dashboard/line_model.py) on fixture lines written for these tests."""

from __future__ import annotations

import json

import numpy as np

from dashboard import cleaning, line_model
from dashboard.cleaning import Paragraph

BODY = [
    "The city council voted on Tuesday to extend the pilot programme for another two years.",
    "Officials said the cost of the scheme had risen sharply since it was first proposed in 2018.",
    "Critics argued that the money would be better spent on repairing roads and schools across the district.",
]
QUOTE = "\"We have listened to residents and we will keep listening,\" the mayor said"
FURNITURE = "READ MORE | SHARE | FOLLOW US @examplenews"
PAGE = [
    "By Jane Example and Sam Placeholder",
    BODY[0],
    QUOTE,
    BODY[1],
    "Residents welcomed the decision",
    BODY[2],
    FURNITURE,
]


def _run(lines: list[str]) -> list[Paragraph]:
    paragraphs = [Paragraph(line) for line in lines]
    line_model.learned_lines(paragraphs, cleaning.Page())
    return paragraphs


def test_model_file_loads_and_is_plain_json():
    raw = json.loads(line_model.MODEL_PATH.read_text(encoding="utf-8"))
    assert len(raw["coef"]) == len(raw["features"])
    assert 0 < raw["threshold"] < 1
    model = line_model.load_model()
    names = list(line_model.BASE_FEATURES) + [f"cue:{c}" for c in model["cues"]]
    assert model["weights"].shape == (len(names),)
    assert set(raw["features"]) <= set(names)


def test_feature_rows_have_one_value_per_feature():
    cues = ("photo", "read")
    rows = line_model.line_features(PAGE, cues)
    assert len(rows) == len(PAGE)
    assert all(len(r) == len(line_model.BASE_FEATURES) + len(cues) for r in rows)
    assert np.isfinite(np.asarray(rows)).all()


def test_clear_furniture_line_is_removed():
    paragraphs = _run(PAGE)
    assert paragraphs[-1].dropped_by == "learned_lines"


def test_body_sentences_and_quotes_stay():
    paragraphs = _run(PAGE)
    kept = {p.raw for p in paragraphs if p.kept}
    assert set(BODY) <= kept
    assert QUOTE in kept


def test_invariants_protect_lines_whatever_the_score():
    # a quotation, a complete sentence of eight words or more, and a very long line are never eligible
    assert not line_model.eligible(QUOTE, len(QUOTE.split()))
    assert not line_model.eligible(BODY[0], len(BODY[0].split()))
    long_line = " ".join(["Photo Credit Getty Images | Share"] * 8)
    assert not line_model.eligible(long_line, len(long_line.split()))
    assert line_model.eligible(FURNITURE, len(FURNITURE.split()))


def test_only_lines_other_rules_kept_are_touched():
    paragraphs = [Paragraph(line) for line in PAGE]
    paragraphs[-1].dropped_by = "cross_links"
    line_model.learned_lines(paragraphs, cleaning.Page())
    assert paragraphs[-1].dropped_by == "cross_links"


def test_rule_is_deterministic():
    first = [p.dropped_by for p in _run(PAGE)]
    assert first == [p.dropped_by for p in _run(PAGE)]
    cues = line_model.load_model()["cues"]
    assert line_model.line_features(PAGE, cues) == line_model.line_features(list(PAGE), cues)


def test_removals_are_reported_with_the_rule_name_when_run_as_a_rule():
    prompt = "Listen to the full interview @examplenews"  # no hand rule names this one
    rules = {**cleaning.RULES, "learned_lines": line_model.learned_lines}
    cleaned = cleaning.clean("\n".join([BODY[0], QUOTE, BODY[1], prompt, BODY[2]]), rules=rules)
    assert [(r.rule, r.text) for r in cleaned.removed] == [("learned_lines", prompt)]
    assert all(b in cleaned.kept_paragraphs for b in BODY)


def _feature(rows: list[list[float]], i: int, name: str) -> float:
    return rows[i][line_model.BASE_FEATURES.index(name)]


def test_layout_features_on_fixture_lines():
    lines = [
        "Harbour Bridge Closed",                 # 0: title case, first of a run of two short unfinished lines
        "Photo by Jane Example",                 # 1
        BODY[0],                                 # 2
        "harbour bridge closed for repairs",     # 3: starts lower, between two body sentences
        BODY[1],                                 # 4
        "Updated: 10:45 am, March 3, 2022",      # 5: a date, a colon inside
    ]
    rows = line_model.line_features(lines, ())
    assert _feature(rows, 0, "title_case") == 1.0 and _feature(rows, 3, "title_case") == 0.0
    assert _feature(rows, 3, "starts_lower") == 1.0 and _feature(rows, 0, "starts_lower") == 0.0
    assert _feature(rows, 3, "between_body") == 1.0 and _feature(rows, 1, "between_body") == 0.0
    assert _feature(rows, 5, "has_date") == 1.0 and _feature(rows, 0, "has_date") == 0.0
    assert _feature(rows, 5, "inner_colon") == 1.0 and _feature(rows, 1, "inner_colon") == 0.0
    assert _feature(rows, 0, "short_run") == _feature(rows, 1, "short_run") > _feature(rows, 3, "short_run") > 0
    assert _feature(rows, 2, "short_run") == 0.0
    # "harbour", "bridge", "closed" of line 0 are three lines away from line 3: no overlap counted;
    # line 1 shares nothing with its neighbours; a caption repeating the line above it shares all
    assert _feature(rows, 3, "near_overlap") == 0.0 and _feature(rows, 1, "near_overlap") == 0.0
    echo = line_model.line_features([BODY[0], "Council voted Tuesday", "The council voted on Tuesday"], ())
    assert _feature(echo, 1, "near_overlap") == 1.0


def test_features_ignore_what_other_rules_removed():
    # the model scores a line by the page's text only: a neighbour removed by another rule changes nothing
    paragraphs = [Paragraph(line) for line in PAGE]
    paragraphs[0].dropped_by = "bylines"
    line_model.learned_lines(paragraphs, cleaning.Page())
    assert [p.dropped_by for p in paragraphs[1:]] == [p.dropped_by for p in _run(PAGE)[1:]]


def test_short_texts_are_left_alone():
    short = [BODY[0], FURNITURE, BODY[1]]
    assert len(short) < line_model.MIN_LINES
    assert all(p.dropped_by is None for p in _run(short))
    assert _run(PAGE)[-1].dropped_by == "learned_lines"  # the same line on a whole page goes


def test_model_was_trained_on_development_sets_only_and_is_off():
    raw = json.loads(line_model.MODEL_PATH.read_text(encoding="utf-8"))
    assert raw["training"]["sets"] == ["pages", "heldout", "heldout2", "heldout3"]
    assert not any("heldout4" in name for name in raw["training"]["sets"])  # the unseen test set
    # off until it has been scored on the unseen heldout4 (README)
    assert "learned_lines" not in cleaning.RULES


def test_short_complete_sentences_and_long_lines_are_never_eligible():
    for line in ("He was 53.", "It fits perfectly!", "What did the president say?", "“We will rebuild.”"):
        assert not line_model.eligible(line, len(line.split())), line
    # twelve words or more without sentence punctuation: a standfirst or a paragraph cut off
    standfirst = "Haitian officials said the president was killed overnight in an attack on his home"
    assert len(standfirst.split()) > line_model.MAX_WORDS
    assert not line_model.eligible(standfirst, len(standfirst.split()))
    for line in ("Guy R.", "Photo: Jo Smith", "2/13", "Share this article"):  # too short to be a sentence, or none
        assert line_model.eligible(line, len(line.split())), line


def test_subheads_between_paragraphs_are_never_eligible():
    page = [
        BODY[0],
        "RESCUE EFFORTS",                        # 1: a section head above the report's text
        BODY[1],
        "Jo Smith / Daily Ledger",               # 3: a credit carries a slash
        BODY[2],
        "Advertisement Hide",                    # 5: printed twice on the page
        BODY[0] + " It went on.",
        "Advertisement Hide",
        BODY[1],
        "Share this article",                    # 9: nothing of the report below it
    ]
    sub = line_model.subheads(page)
    assert sub[1] and not sub[3] and not sub[5] and not sub[7] and not sub[9]
    ok = line_model.eligible_lines(page)
    assert not ok[1] and ok[3] and ok[5] and ok[9]
    # above the report's first sentence a short line is a title or a label, unless the page is built of subheads
    assert not line_model.subheads(["Partial Building Collapse", BODY[0], BODY[1]])[0]
    built = ["The Global Scale", BODY[0], "Initial Impact", BODY[1], "Broader Implications", BODY[2]]
    assert all(line_model.subheads(built)[0::2])
    # the report's text below may be a long paragraph cut off by the scrape (no full stop)
    cut = "Secretary Jo Smith said the federal government will step in to provide assistance and that his department is now ready"
    assert line_model.subheads([BODY[0], "FEDERAL ASSISTANCE", cut])[1]


def test_a_list_the_report_leads_into_is_never_eligible():
    page = [
        BODY[0],
        "The jury found the defendant guilty as follows:",
        "- Count one: NOT GUILTY",
        "- Count two: GUILTY",
        "Related:",
        "Council budget rises again",
    ]
    assert line_model.listed(page) == [False, False, True, True, False, False]
    ok = line_model.eligible_lines(page)
    assert not ok[2] and not ok[3] and ok[5]  # "Related:" is too short to lead into the report's list


def test_guarded_lines_stay_whatever_the_model_scores():
    page = [BODY[0], "RESCUE EFFORTS", BODY[1], "He was 53.", BODY[2], FURNITURE]
    paragraphs = _run(page)
    assert paragraphs[1].kept and paragraphs[3].kept
    assert paragraphs[-1].dropped_by == "learned_lines"
