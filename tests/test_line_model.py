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
