"""Every bad-input class gets a clear message and never an exception (one test each)."""

import html
import io
import json
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.importing import SNIFF_BYTES, Options, Preview, build_preview, content_hash, read_file, stream_files

BODY = ("Biden said on Wednesday that sending US troops to Ukraine was not on the table, and warned of severe "
        "economic consequences if Russia invades. NATO allies would be reassured, officials said, and the talks "
        "with Moscow would continue at a higher level later in the week, according to the White House.")


def preview(files, **options):
    return build_preview(files, Options(**options))


def messages(p, level=None):
    return [f"{x.where}: {x.message}" for x in p.problems if level in (None, x.level)]


def csv_bytes(*rows, header="outlet,text,headline"):
    return ("\n".join([header, *rows]) + "\n").encode()


def test_empty_file_and_empty_article():
    p = preview([("empty.txt", b""), ("blank.csv", csv_bytes('A,"",h'))], outlet="X")
    assert "empty.txt: the file is empty" in messages(p, "error")
    assert "blank.csv, line 2: empty article text" in messages(p, "error")
    assert p.rows == []


@pytest.mark.parametrize("data, kind", [(b"%PDF-1.7 binary", "a PDF"), (b"\x89PNG\r\n", "a PNG image"),
                                        (b"abc\x00\x01\x02def" * 10, "binary file")])
def test_binary_files_are_refused(data, kind):
    p = preview([("report.txt", data)], outlet="X")
    assert kind in messages(p, "error")[0]


@pytest.mark.parametrize(
    "data, expected, warning",
    [
        ("\ufeffoutlet,text\nA,Café “quoted”\n".encode("utf-8"), "Café “quoted”", None),
        ("outlet,text\nA,Café “quoted”\n".encode("utf-16"), "Café “quoted”", None),  # with BOM
        ("outlet,text\nA,Café “quoted”\n".encode("utf-16-le"), "Café “quoted”", None),  # without BOM
        ("outlet,text\nA,Café “quoted”\n".encode("cp1252"), "Café “quoted”", "read as Windows-1252"),
    ],
)
def test_encodings_are_decoded(data, expected, warning):
    p = preview([("a.csv", data)])
    assert p.rows[0]["text"] == expected
    assert (warning is None) or any(warning in m for m in messages(p, "warning"))


def test_undecodable_bytes_are_reported_with_position():
    p = preview([("a.csv", b"outlet,text\nA,bad \x81 byte\n")])
    assert messages(p, "error") == ["a.csv: cannot decode byte 0x81 at position 18: save the file as UTF-8"]


@pytest.mark.parametrize(
    "header, message",
    [
        ("source,body", "missing column 'outlet': did you mean 'source'? Rename it to 'outlet'"),
        ("outlet,txt", "missing column 'text': did you mean 'txt'? Rename it to 'text'"),
        ("foo,bar", "missing column 'outlet'; found 'foo', 'bar'"),
    ],
)
def test_missing_or_misnamed_columns_say_which_and_suggest(header, message):
    p = preview([("a.csv", csv_bytes("x,y", header=header))])
    assert f"a.csv: {message}" in messages(p, "error")


def test_malformed_csv_rows_report_line_numbers_and_keep_good_rows():
    data = csv_bytes(f'A,"{BODY}",h1', 'B,"too",many,fields,here', f'C,"{BODY} More.",h3', header="outlet,text,headline")
    p = preview([("a.csv", data)])
    assert messages(p, "error") == ["a.csv, line 3: has 5 fields, expected 3 (a stray comma or quote?)"]
    assert [r["outlet"] for r in p.rows] == ["A", "C"] and p.bad_rows == 1


def test_malformed_json_lines_report_line_numbers():
    lines = [json.dumps({"outlet": "A", "text": BODY}), "{not json", json.dumps(["list"]),
             json.dumps({"outlet": "B", "text": BODY + " Again."})]
    p = preview([("a.jsonl", "\n".join(lines).encode())])
    assert messages(p, "error") == ["a.jsonl, line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
                                    "a.jsonl, line 3: is not a JSON object with outlet and text"]
    assert len(p.rows) == 2 and p.bad_rows == 2


def test_duplicates_are_skipped_and_reported():
    data = csv_bytes(f'A,"{BODY}",h', f'B,"  {BODY.upper()} ",h')
    p = build_preview([("a.csv", data)], Options(), existing_hashes=set())
    assert len(p.rows) == 1 and any("duplicate" in m for m in messages(p, "warning"))
    again = build_preview([("b.csv", csv_bytes(f'A,"{BODY}",h'))], Options(), existing_hashes={content_hash(BODY)})
    assert again.rows == [] and "b.csv, line 2: duplicate of an article already in this import or corpus: skipped" in messages(again)


def test_file_over_the_upload_limit():
    p = preview([("big.csv", b"x" * 2000)], max_bytes=1000)
    assert messages(p, "error") == ["big.csv: the file is 2.0 KB, over the 1.0 KB upload limit: split it into smaller files"]


# An invented news page: the article plus the furniture a saved page carries around it.
HEADLINE = "Westmere votes to close ferry pier for rebuild"
PARAGRAPHS = [
    "The harbour council of Westmere voted on Thursday to close the old ferry pier for two years while engineers "
    "rebuild its rotting timber piles.",
    "Councillor Ada Firth, who chairs the works committee, said the decision had been put off for too long and that "
    "the pier was no longer safe for delivery lorries.",
    "Fishing crews who land their catch at the pier will move to a temporary pontoon on the eastern quay, which the "
    "council says will open before the spring season.",
    "Several traders on Quay Street & Dock Lane warned that fewer visitors would reach their shops, and asked the "
    "council to pay for signs pointing day trippers to the new landing.",
    "The rebuilding is expected to cost about eleven million crowns, most of it from a regional fund for coastal "
    "works that was set up last year.",
    "A final design will be shown to residents at a public meeting in the town library next month, and the first "
    "new piles could be driven in the autumn.",
]
FURNITURE = ["Home page", "Politics desk", "Weather outlook", "Lighthouse keepers return to Gullrock",
             "New tide gauges installed", "Related stories", "Sign up for our morning briefing", "Subscribe now",
             "We use cookies", "Coastal Courier Media Ltd", "All rights reserved", "about time the council"]


def news_page(headline=HEADLINE, paragraphs=PARAGRAPHS, published="2021-03-04", url="https://courier.example/westmere-pier"):
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)  # inline tags stay inside their paragraph
    body = body.replace("regional fund", '<a href="/fund">regional fund</a>').replace("eastern quay", "<em>eastern</em> quay")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} | The Coastal Courier</title>
<meta property="article:published_time" content="{published}T10:00:00Z">
<link rel="canonical" href="{url}">
<script>window.tracker = "page view";</script><style>body {{ font-family: serif; }}</style>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve this site. Accept or manage them.</p>
<button>Accept</button></div>
<header><div class="masthead">The Coastal Courier</div>
<nav><ul><li><a href="/">Home page</a></li><li><a href="/politics">Politics desk</a></li>
<li><a href="/weather">Weather outlook</a></li></ul></nav></header>
<main><article>
<h1>{headline}</h1>
<p class="byline">By Jon Marsh, <time datetime="{published}">on the day</time></p>
{body}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Lighthouse keepers return to Gullrock after the storm</a></li>
<li><a href="/b">New tide gauges installed along the eastern shore</a></li></ul></aside>
<div class="newsletter"><h3>Sign up for our morning briefing</h3>
<form><input type="email" placeholder="Your email"><button>Subscribe now</button></form></div>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Reader Pat: about time the council did something about that pier.</p></div></section>
</main>
<footer><p>&copy; 2021 Coastal Courier Media Ltd. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def test_html_page_imports_its_article_and_drops_the_furniture():
    p = preview([("pier.html", news_page().encode())], outlet="Courier")
    assert len(p.rows) == 1 and not messages(p, "error")
    row = p.rows[0]
    assert (row["outlet"], row["headline"], row["published"]) == ("Courier", HEADLINE, "2021-03-04")
    assert row["url"] == "https://courier.example/westmere-pier"
    lines = row["text"].splitlines()
    assert all(paragraph in lines for paragraph in PARAGRAPHS)  # each paragraph whole, on its own line
    assert not [s for s in FURNITURE if s in row["text"]]
    assert "tracker" not in row["text"] and "font-family" not in row["text"]
    assert any("HTML: main text taken with trafilatura" in m for m in messages(p, "warning"))


def test_html_page_without_article_text_is_an_error():
    empty = (b"<!DOCTYPE html><html><head><title>Loading</title><script>render()</script></head>"
             b"<body><div id='app'></div><img src='logo.png'></body></html>")
    p = preview([("blank.html", empty)], outlet="Courier")
    assert p.rows == []
    assert messages(p, "error") == ["blank.html: HTML: no article text found in the page (only menus, scripts or other "
                                    "page furniture): save the article page itself, or paste its text"]


def test_zip_of_html_pages_gives_one_row_each():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("courier_pier.html", news_page())
        z.writestr("gazette_pier.html", news_page(headline="Pier shut for two years", paragraphs=PARAGRAPHS[::-1],
                                                  published="2021-03-05", url="https://gazette.example/pier"))
    p = preview([("pages.zip", archive.getvalue())], filename_pattern=r"^(?P<outlet>[a-z]+)_")
    assert [(r["outlet"], r["headline"], r["published"]) for r in p.rows] == [
        ("courier", HEADLINE, "2021-03-04"), ("gazette", "Pier shut for two years", "2021-03-05")]


def test_pasted_html_goes_through_the_same_extraction():
    pasted = build_preview([], Options(outlet="Blog"), pasted=news_page())
    filed = preview([("pier.html", news_page().encode())], outlet="Blog")
    assert [{k: v for k, v in r.items() if k != "_where"} for r in pasted.rows] == \
           [{k: v for k, v in r.items() if k != "_where"} for r in filed.rows]
    fragment = build_preview([], Options(outlet="Blog"), pasted="".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]))
    assert fragment.rows[0]["text"] == "\n".join(PARAGRAPHS[:2])
    assert any("pasted text: HTML: main text taken with trafilatura" in m for m in messages(fragment, "warning"))


def test_html_in_a_table_cell_is_extracted_and_the_row_fields_win():
    rows = [json.dumps({"outlet": "Courier", "text": news_page(), "headline": "Our own headline"}),
            json.dumps({"outlet": "Courier", "text": "<html><body><div></div><script>x()</script></body></html>"})]
    p = preview([("pages.jsonl", "\n".join(rows).encode())])
    assert len(p.rows) == 1 and p.bad_rows == 1
    row = p.rows[0]
    assert (row["headline"], row["published"], row["url"]) == ("Our own headline", "2021-03-04",
                                                               "https://courier.example/westmere-pier")
    assert PARAGRAPHS[0] in row["text"] and "Related stories" not in row["text"]
    assert messages(p, "error") == ["pages.jsonl, line 2: HTML: no article text found in the page (only menus, "
                                    "scripts or other page furniture): save the article page itself, or paste its text"]


def test_short_and_non_english_articles_are_warned():
    german = ("Der Präsident sagte am Mittwoch, dass die Entsendung von Truppen in die Ukraine nicht zur Debatte "
              "stehe. Die Verbündeten der NATO würden unterstützt, sagten Beamte, und die Gespräche mit Moskau "
              "würden später in der Woche auf höherer Ebene fortgesetzt werden, hieß es aus Washington heute.")
    p = preview([("a.csv", csv_bytes('A,"Too short.",h', f'B,"{german}",h'))])
    warnings = messages(p, "warning")
    assert "a.csv, line 2: very short (2 words): counts per 1,000 words will be noisy" in warnings
    assert "a.csv, line 3: does not look like English: the stop-word list and lexicons are English" in warnings
    assert len(p.rows) == 2  # warned, still imported


def test_single_outlet_is_warned():
    p = preview([("a.csv", csv_bytes(f'Solo,"{BODY}",h'))])
    assert "corpus: only one outlet (Solo): the app works, but comparisons need two outlets" in messages(p, "warning")


def test_txt_files_take_outlet_from_pattern_or_field_and_zip_is_read():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("cnn_001.txt", "A headline\n" + BODY)
        z.writestr("voa_002.txt", BODY + " More text.")
        z.writestr("notes.pdf", b"%PDF-1.4")
    p = preview([("batch.zip", archive.getvalue())], filename_pattern=r"^(?P<outlet>[a-z]+)_")
    assert [(r["outlet"], r["headline"]) for r in p.rows] == [("cnn", "A headline"), ("voa", "")]
    assert "batch.zip/notes.pdf: unsupported file type '.pdf'" in messages(p, "error")[0]
    no_outlet = preview([("x.txt", BODY.encode())])
    assert "no outlet" in messages(no_outlet, "error")[0]


def test_unsupported_type_and_bad_pattern():
    assert "unsupported file type '.docx'" in messages(preview([("a.docx", b"PK..")]), "error")[0]
    assert "not a valid regular expression" in messages(preview([("a.txt", BODY.encode())], filename_pattern="(?P<outlet>"), "error")[0]


def test_pasted_text_is_one_article():
    p = build_preview([], Options(outlet="Blog"), pasted=BODY)
    assert len(p.rows) == 1 and p.rows[0]["outlet"] == "Blog"
    nothing = build_preview([], Options())
    assert messages(nothing, "error") == ["upload: nothing to import: add files or paste an article"]


SUFFIXES = [".txt", ".csv", ".jsonl", ".json", ".html", ".zip", ".bin"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_give_only_clean_problems(data, suffix):
    p = Preview()
    read_file(f"f{suffix}", data, Options(outlet="X"), p)
    assert all(x.message and x.level in ("error", "warning") for x in p.problems)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["outlet", "text", "headline", "url", "other"]),
                                st.text(max_size=80), max_size=5), max_size=8))
def test_arbitrary_rows_give_only_clean_problems(rows):
    jsonl = "\n".join(json.dumps(r) for r in rows).encode()
    p = build_preview([("rows.jsonl", jsonl)], Options())
    assert all(r["outlet"] and r["text"] for r in p.rows)
    assert all(x.message for x in p.problems)


def test_local_files_stream_in_batches_with_the_same_rows_and_problems_as_a_whole_read(tmp_path):
    lines = [json.dumps({"outlet": "AB"[i % 2], "text": f"{BODY} Number {i}."}) for i in range(25)]
    lines += ["{not json", json.dumps({"outlet": "A", "text": f"{BODY} Number 0."})]  # a bad line, a duplicate
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    whole = build_preview([(path.name, path.read_bytes())], Options())
    p, progress = Preview(), []
    batches = list(stream_files([path], Options(max_bytes=None), p, batch_rows=10,
                                progress=lambda rows, done: progress.append((rows, done))))
    assert [len(b) for b in batches] == [10, 10, 5]
    assert [r for b in batches for r in b] == whole.rows and p.problems == whole.problems and p.rows == []
    assert progress[-1] == (25, path.stat().st_size)


def test_a_bad_byte_after_the_first_megabyte_stops_that_file_with_a_message(tmp_path):
    row = json.dumps({"outlet": "A", "text": BODY}) + "\n"
    count = SNIFF_BYTES // len(row) + 10
    path = tmp_path / "late.jsonl"
    path.write_bytes("".join(row.replace("Number", str(i)).replace("Biden", f"Biden {i}") for i in range(count)).encode()
                     + b'{"outlet": "B", "text": "\x93quoted\x94"}\n' + row.encode())
    p = Preview()
    rows = [r for b in stream_files([path], Options(max_bytes=None), p) for r in b]
    assert count - 50 < len(rows) <= count  # the rows before the bad byte's 8 KB block are kept
    assert messages(p, "error") == [f"late.jsonl, after line {len(rows)}: not valid UTF-8 within the next few lines: "
                                    "save the file as UTF-8; the rest of the file was not read"]


def test_stream_files_keeps_a_size_limit_only_when_given(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes(f'A,"{BODY}",h', f'B,"{BODY} More.",h'))
    limited = Preview()
    assert [r for b in stream_files([path], Options(max_bytes=100), limited) for r in b] == []
    assert messages(limited, "error")[0].startswith("a.csv: the file is ")
    assert len([r for b in stream_files([path], Options(max_bytes=None), Preview()) for r in b]) == 2
