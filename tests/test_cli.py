"""The report command, run as a real subprocess the way a user runs it."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def report():
    result = run("report", "--top", "5")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_exactly_the_documented_shape(report):
    assert list(report) == ["corpus", "articles", "terms", "actors", "topics", "stories", "quotes", "quote_groups", "shared",
                            "claims", "actor_suggestions", "frames", "tone", "groups"]
    assert set(report["corpus"]) == {"source", "articles", "outlets", "words"}
    assert set(report["articles"][0]) == {"id", "outlet", "headline", "published", "url", "words", "sentences", "clean_text",
                                          "removed", "story"}
    assert set(report["stories"][0]) == {"story", "label", "headline", "first", "last", "outlets", "articles", "missing"}
    assert {a["story"] for a in report["articles"]} == {report["stories"][0]["story"]}  # five reports of one event
    assert {c["story"] for c in report["claims"]} == {report["stories"][0]["story"]}
    assert set(report["terms"][0]) == {"outlet", "term", "count", "sentences", "tfidf", "log_odds_z", "thin", "style"}
    assert set(report["actors"][0]) == {"outlet", "actor", "label", "named_mentions", "role_mentions", "per_1k_words",
                                        "first_sentence", "in_headline", "in_lede", "variants"}
    assert set(report["topics"][0]) == {"outlet", "topic", "label", "hits", "per_1k_words", "per_1k_low", "per_1k_high",
                                        "sentence_share", "share_low", "share_high", "first_sentence", "in_headline",
                                        "in_lede", "tfidf_mass"}


def test_json_values(report):
    assert report["corpus"]["articles"] == 5 and len(report["corpus"]["outlets"]) == 5
    assert len(report["terms"]) == 5 * 5  # --top 5 per outlet
    hill = next(a for a in report["articles"] if a["outlet"] == "The Hill")
    assert {"rule": "update_footers", "text": "Updated 1:28 p.m.", "note": ""} in hill["removed"]
    voa_minsk = next(t for t in report["topics"] if t["outlet"] == "VOA" and t["topic"] == "minsk")
    assert voa_minsk["hits"] == 1
    trt_minsk = next(t for t in report["topics"] if t["outlet"] == "TRT World" and t["topic"] == "minsk")
    assert trt_minsk["first_sentence"] is None


def test_outlet_filter_and_formats():
    filtered = json.loads(run("report", "--outlets", "CNN,VOA").stdout)
    assert filtered["corpus"]["outlets"] == ["CNN", "VOA"]
    assert {r["outlet"] for r in filtered["actors"]} == {"CNN", "VOA"}
    csv_out = run("report", "--format", "csv", "--table", "actors").stdout.splitlines()
    assert csv_out[0].startswith("outlet,actor,label,named_mentions") and len(csv_out) == 1 + 5 * 17
    assert "== VOA" in run("report", "--format", "text").stdout


@pytest.mark.parametrize("args, message", [
    (["report", "does/not/exist"], "no such file or folder"),
    (["report", "--outlets", "Nope"], "unknown outlet(s) Nope"),
    (["report", "--top", "0"], "--top must be a positive number"),
])
def test_errors_are_one_line_and_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and message in result.stderr


def test_sourcing_sections(report):
    assert set(report["quotes"][0]) == {"outlet", "article", "sentence", "speaker", "verb", "text", "direct"}
    assert {"group", "outlets", "variants"} <= set(report["quote_groups"][0])
    assert {"outlet", "text"} <= set(report["quote_groups"][0]["variants"][0])
    assert set(report["shared"][0]) == {"outlets", "text"}
    assert set(report["claims"][0]) == {"claim", "story", "text", "outlets", "paraphrased_by", "omitted_by", "closest"}
    table = next(c for c in report["claims"] if "not on the table" in c["text"])
    assert len(table["outlets"]) == 5 and table["omitted_by"] == [] and table["closest"] == {}
    message = next(c for c in report["claims"] if 'got "the message,"' in c["text"])
    assert message["paraphrased_by"] == ["CNN"] and set(message["closest"]["VOA"]) == {"sentence", "score"}
    ushakov = {q["outlet"] for q in report["quotes"] if q["speaker"] == "ushakov" and q["direct"]}
    assert ushakov == {"Al Mayadeen English"}
    bucharest = [c for c in report["claims"] if "Bucharest Nine group" in c["text"]]
    assert bucharest[0]["outlets"] == ["VOA"]


BODY = "Biden said sending US troops to Ukraine was not on the table, and NATO allies agreed with the plan. " * 3


def test_ingest_corpora_and_report_from_the_store(tmp_path):
    env = {"FRAMING_LENS_DB": str(tmp_path / "cli.duckdb")}
    good = tmp_path / "good.csv"
    good.write_text(f'outlet,text,headline\nPaper A,"{BODY}",H1\nPaper B,"{BODY} Putin denied it.",H2\n'
                    f'Paper B,"{BODY} Putin denied it.",H2\n', encoding="utf-8")
    result = run("ingest", str(good), "--corpus", "mine", env=env)
    assert result.returncode == 0, result.stderr
    assert "imported 2 articles into 'mine' (2 outlets); skipped 1 duplicates and 0 bad rows" in result.stdout
    kb = f"{good.stat().st_size / 1024:.1f}"
    assert f"] 2 articles, {kb} of {kb} KB\n" in result.stderr  # the progress bar: rows and bytes
    listing = run("corpora", env=env).stdout
    assert "mine\t2 articles\t2 outlets" in listing and "(seed)" in listing
    report = json.loads(run("report", "--corpus", "mine", env=env).stdout)
    assert report["corpus"]["outlets"] == ["Paper A", "Paper B"] and report["corpus"]["source"] == "store:mine"


def test_ingest_reads_a_local_file_over_the_upload_limit_unless_given_one(tmp_path):
    """The bug report: a 60 MB file was refused with the browser's 50 MB upload limit."""
    env = {"FRAMING_LENS_DB": str(tmp_path / "cli.duckdb")}
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as f:
        for i in range(52):
            f.write(json.dumps({"outlet": f"Paper {i % 2}", "text": f"Report {i}. " + BODY * 3500}) + "\n")
    size = big.stat().st_size / 1024 / 1024
    assert size > 50
    refused = run("ingest", str(big), "--corpus", "big", "--max-mb", "10", env=env)
    assert refused.returncode == 2 and f"the file is {size:.1f} MB, over the 10.0 MB upload limit" in refused.stderr
    result = run("ingest", str(big), "--corpus", "big", env=env)
    assert result.returncode == 0, result.stderr
    assert "imported 52 articles into 'big' (2 outlets)" in result.stdout
    assert f"] 52 articles, {size:.1f} of {size:.1f} MB" in result.stderr


def test_ingest_refuses_bad_input_unless_told_and_stores_nothing(tmp_path):
    env = {"FRAMING_LENS_DB": str(tmp_path / "cli.duckdb")}
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(f'outlet,text\nA,"{BODY}"\nB,"x",extra,fields\n', encoding="utf-8")
    refused = run("ingest", str(mixed), "--corpus", "m", env=env)
    assert refused.returncode == 2
    assert "error: mixed.csv, line 3: has 4 fields, expected 2" in refused.stderr
    assert refused.stderr.strip().splitlines()[-1].startswith("error: 1 errors (see above)")
    assert "m\t" not in run("corpora", env=env).stdout
    assert run("ingest", str(mixed), "--corpus", "m", "--skip-bad", env=env).returncode == 0
    unusable = tmp_path / "scan.pdf"
    unusable.write_bytes(b"%PDF-1.4")
    result = run("ingest", str(unusable), "--corpus", "m", env=env)
    assert result.returncode == 2 and "unsupported file type '.pdf'" in result.stderr


def test_ingest_is_closed_in_read_only_mode(tmp_path):
    env = {"FRAMING_LENS_DB": str(tmp_path / "cli.duckdb"), "FRAMING_LENS_READONLY": "1"}
    good = tmp_path / "good.csv"
    good.write_text(f'outlet,text\nA,"{BODY}"\n', encoding="utf-8")
    result = run("ingest", str(good), "--corpus", "mine", env=env)
    assert result.returncode == 2 and "read-only mode" in result.stderr
    assert run("corpora", env=env).returncode == 0  # reading still works


def test_report_on_a_large_corpus_shows_analysis_progress_on_stderr(tmp_path, capsys):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from make_corpus import generate, write

    from dashboard.__main__ import PROGRESS_FROM, main

    path = tmp_path / "big.jsonl"
    write(generate(PROGRESS_FROM, 5, seed=2), path)
    assert main(["report", str(path), "--format", "csv", "--table", "topics"]) == 0
    out = capsys.readouterr()
    assert f"{PROGRESS_FROM}/{PROGRESS_FROM} articles" in out.err
    assert out.out.startswith("outlet,topic") and "articles" not in out.out  # the bar never mixes into the report
