"""Loading sources: the seed folder, CSV and JSONL files, and clear errors for bad ones."""

import json

import pytest

from dashboard.corpus import CorpusError, load_source
from tests.conftest import SEEDS, VOA


def test_seed_folder_records(corpus, by_outlet):
    assert len(corpus.articles) == 5
    assert corpus.outlets == ["Al Mayadeen English", "TRT World", "The Hill", "CNN", VOA]
    voa = by_outlet[VOA]
    assert voa.id == "004_9113edbd277c3798"
    assert voa.headline == "Biden Says Deployment of US Troops to Ukraine Is 'Not on the Table'"
    assert voa.published == "2021-12-08" and voa.url.startswith("https://www.voanews.com/")
    assert voa.raw_text.startswith("President Joe Biden will speak with Ukrainian President")
    assert len(voa.paragraphs) == 19 and len(voa.sentences) == 23


def test_csv_and_jsonl_give_the_same_articles(tmp_path):
    rows = [{"outlet": "A", "text": "Biden spoke about sanctions. Putin replied.", "headline": "H1"},
            {"outlet": "B", "text": "NATO met in Riga.", "published": "2021-12-09"}]
    csv_path = tmp_path / "c.csv"
    csv_path.write_text("outlet,text,headline,published\n" + "\n".join(
        f'{r["outlet"]},"{r["text"]}",{r.get("headline", "")},{r.get("published", "")}' for r in rows), encoding="utf-8")
    jsonl_path = tmp_path / "c.jsonl"
    jsonl_path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    a, b = load_source(csv_path), load_source(jsonl_path)
    assert [x.clean_text for x in a.articles] == [x.clean_text for x in b.articles]
    assert [x.id for x in a.articles] == [x.id for x in b.articles]
    assert a.articles[0].headline == "H1" and b.articles[1].published == "2021-12-09"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("x.csv", "outlet,body\nA,hello\n", "missing column 'text': did you mean 'body'"),
        ("x.csv", "outlet,text\nA,\n", "line 2: empty article text"),
        ("x.jsonl", '{"outlet": "A", "text": "ok"}\n{broken\n', "line 2: not valid JSON"),
        ("x.jsonl", "[1, 2]\n", "line 1: is not a JSON object"),
        ("x.csv", "", "the file is empty"),
        ("x.pdf", "%PDF", "unsupported source"),
    ],
)
def test_bad_sources_raise_clear_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_source(path)


def test_missing_source_and_non_utf8(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_source(tmp_path / "nope")
    bad = tmp_path / "b.csv"
    bad.write_bytes(b"outlet,text\nA,caf\x81\n")  # 0x81 is undefined even in Windows-1252
    with pytest.raises(CorpusError, match="cannot decode byte 0x81"):
        load_source(bad)


def test_folder_without_manifest(tmp_path):
    with pytest.raises(CorpusError, match="no manifest.csv"):
        load_source(tmp_path)


def test_seed_manifest_is_the_shipped_one():
    assert (SEEDS / "manifest.csv").read_text(encoding="utf-8").startswith("file,outlet,headline,published,url")
