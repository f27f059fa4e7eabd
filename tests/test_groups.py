"""Outlet groups: edited in the app (checked), read from an import's ``group`` column, named in links,
and the evidence behind a group's number pooled from its outlets."""

import json

import pytest

from dashboard.__main__ import main
from dashboard.analysis.evidence import Evidence, evidence
from dashboard.analysis.groups import group_members, group_terms
from dashboard.groups import SEED_GROUPS, add_groups, check_groups, groups_path, load_groups, parse_groups, save_groups
from dashboard.importing import Options, Preview, build_preview, stream_files
from dashboard.state import Choices, ViewState

SEED_GROUP_MAP = parse_groups(SEED_GROUPS.read_text())
OUTLETS = ["Al Mayadeen English", "TRT World", "The Hill", "CNN", "VOA"]
BODY = "Biden said sending US troops to Ukraine was not on the table, and NATO allies agreed with the plan. " * 3


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_LENS_DB", str(tmp_path / "groups.duckdb"))
    monkeypatch.delenv("FRAMING_LENS_READONLY", raising=False)
    return tmp_path


# --- the editor's check ---------------------------------------------------------------------------

def test_edited_rows_become_a_grouping_names_trimmed_blank_means_no_group():
    rows = [("CNN", " US "), ("VOA", "US"), ("TRT World", ""), ("The Hill", None), ("Al Mayadeen English", "Non-US")]
    mapping, problems = check_groups(rows, OUTLETS)
    assert problems == []
    assert mapping == {"CNN": "US", "VOA": "US", "Al Mayadeen English": "Non-US"}


@pytest.mark.parametrize("rows, says", [
    ([("CNN", "US"), ("CNN", "Cable")], "outlet 'CNN' is in two groups, 'US' and 'Cable'"),
    ([("", "US")], "group 'US' is on a row with no outlet"),
    ([("CNN", "US|left")], "cannot contain '|'"),
    ([("CNN", "VOA")], "group 'VOA' has the name of an outlet"),
])
def test_bad_edits_are_named(rows, says):
    _, problems = check_groups(rows, OUTLETS)
    assert len(problems) == 1 and says in problems[0]


def test_saving_and_merging_an_imported_grouping(db):
    save_groups("mine", {"A": "left", "B": "right"})
    assert load_groups("mine") == {"A": "left", "B": "right"}
    add_groups("mine", {"B": "left", "C": "right"})
    assert load_groups("mine") == {"A": "left", "B": "left", "C": "right"}
    assert groups_path("mine").parent == db / "groups"
    add_groups("seedlike", {"CNN": "cable"}, seed=True)  # the seed corpus starts from the shipped grouping
    assert load_groups("seedlike") == {**SEED_GROUP_MAP, "CNN": "cable"}


def test_saving_is_refused_in_read_only_mode(db, monkeypatch):
    monkeypatch.setenv("FRAMING_LENS_READONLY", "1")
    with pytest.raises(ValueError, match="read-only"):
        save_groups("mine", {"A": "left"})
    assert not groups_path("mine").exists()


# --- the import's group column --------------------------------------------------------------------

def test_a_group_column_gives_the_grouping_and_a_conflict_is_a_warning():
    csv = (f'outlet,text,group\nPaper A,"{BODY} one",US\nPaper B,"{BODY} two",Europe\n'
           f'Paper A,"{BODY} three",Europe\nPaper C,"{BODY} four",\n').encode()
    preview = build_preview([("a.csv", csv)], Options())
    assert len(preview.rows) == 4 and not preview.errors  # a conflict loses no article
    assert preview.groups == {"Paper A": "US", "Paper B": "Europe"}  # the first group kept, no group for C
    [warning] = [p for p in preview.problems if "group" in p.message]
    assert warning.where == "a.csv, line 4" and warning.level == "warning"
    assert "'Paper A' is in group 'US' on an earlier row and in 'Europe' here: kept 'US'" in warning.message


def test_jsonl_group_column_and_no_group_column():
    jsonl = "\n".join(json.dumps({"outlet": o, "text": f"{BODY} {o}", "group": g}) for o, g in [("X", "g1"), ("Y", "g2")])
    assert build_preview([("a.jsonl", jsonl.encode())], Options()).groups == {"X": "g1", "Y": "g2"}
    plain = f'outlet,text\nPaper A,"{BODY}"\n'.encode()
    assert build_preview([("b.csv", plain)], Options()).groups == {}


def test_streamed_import_collects_groups_across_batches(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("outlet,text,group\n" + "".join(f'P{i % 3},"{BODY} {i}",G{i % 3}\n' for i in range(7))
                    + f'P0,"{BODY} last",other\n', encoding="utf-8")
    preview = Preview()
    batches = list(stream_files([path], Options(), preview, batch_rows=2))
    assert len(batches) == 4
    assert preview.groups == {"P0": "G0", "P1": "G1", "P2": "G2"}
    assert any("kept 'G0'" in p.message for p in preview.problems)


def test_cli_ingest_writes_the_groups_file(db, capsys):
    path = db / "grouped.csv"
    path.write_text(f'outlet,text,group\nPaper A,"{BODY} a",left\nPaper B,"{BODY} b",right\n', encoding="utf-8")
    assert main(["ingest", str(path), "--corpus", "grouped"]) == 0
    out = capsys.readouterr().out
    assert "saved the groups of 2 outlets from the 'group' column" in out
    assert load_groups("grouped") == {"Paper A": "left", "Paper B": "right"}


# --- links and evidence ---------------------------------------------------------------------------

CHOICES = Choices(outlets=OUTLETS, topics=["sanctions"], actors=["biden"], groups=["Non-US outlets", "US outlets"])


def test_a_group_may_be_named_in_the_link_only_with_groups_on():
    on = ViewState.from_query({"groups": "1", "a": "US outlets", "b": "Non-US outlets", "ev": "term|troops|US outlets"},
                              CHOICES, "compare")
    assert (on.a, on.b, on.ev) == ("US outlets", "Non-US outlets", Evidence("term", "troops", "US outlets"))
    assert not on.notices
    assert ViewState.from_query(dict(on.to_query()), CHOICES, "compare") == on  # the link round-trips
    off = ViewState.from_query({"a": "US outlets", "ev": "term|troops|US outlets"}, CHOICES, "compare")
    assert off.a is None and off.ev is None and len(off.notices) == 2


def test_group_evidence_pools_its_outlets_and_matches_the_count(analysis):
    members = group_members(SEED_GROUP_MAP, analysis.outlets)
    assert members == {"Non-US outlets": ["Al Mayadeen English", "TRT World"], "US outlets": ["The Hill", "CNN", "VOA"]}
    terms = group_terms(analysis.term_matrix, analysis.outlets, SEED_GROUP_MAP, "US outlets", "Non-US outlets").set_index("term")
    rows = evidence(analysis, Evidence("term", "troops", "US outlets"), members=members)
    assert set(rows["outlet"]) <= set(members["US outlets"]) and len(set(rows["outlet"])) > 1
    assert rows["matches"].sum() == terms.at["troops", "count_a"]
    assert len(rows) == terms.at["troops", "sentences_a"]
    topic = evidence(analysis, Evidence("topic", "sanctions", "Non-US outlets"), members=members)
    per_outlet = sum(len(evidence(analysis, Evidence("topic", "sanctions", o))) for o in members["Non-US outlets"])
    assert len(topic) == per_outlet > 0
    assert evidence(analysis, Evidence("term", "troops", "US outlets")).empty  # without members a group is no outlet
