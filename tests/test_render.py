"""User text is escaped before any markup is added."""

from dashboard.render import escape_markdown, highlight_html, term_spans


def test_highlight_escapes_text_and_marks_spans():
    text = "<script>alert(1)</script> Putin said"
    start = text.index("Putin")
    out = highlight_html(text, [(start, start + 5)])
    assert out == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Putin</mark> said"


def test_overlapping_spans_merge_and_titles_are_escaped():
    out = highlight_html("abcdef", [(0, 3), (2, 5)], tag="del", title='x" onmouseover="y')
    assert out == '<del title="x&quot; onmouseover=&quot;y">abcde</del>f'


def test_markdown_escaping_neutralises_links_latex_and_directives():
    out = escape_markdown("[click](javascript:alert(1)) $x$ :red[boom] **b**")
    assert "[" not in out.replace("\\[", "") and "$" not in out.replace("\\$", "")
    assert out.startswith("\\[click\\]\\(javascript\\:alert\\(1\\)\\)")


def test_term_spans_ignore_case_and_punctuation():
    text = "No “minced words” – Minced words, he said."
    assert [text[s:e] for s, e in term_spans(text, "minced words")] == ["minced words", "Minced words"]


def test_term_spans_bridge_removed_stop_words():
    text = "He announced a meeting with Russia soon."
    assert [text[s:e] for s, e in term_spans(text, "meeting russia")] == ["meeting with Russia"]


def test_the_largest_outlets_never_share_a_colour_in_a_corpus_of_many_outlets():
    import pandas as pd

    from dashboard.charts import outlet_colours

    outlets = [f"Outlet {i:03d}" for i in range(300)]
    articles = pd.Series({o: (1000 - 3 * i if i % 24 == 0 else 1) for i, o in enumerate(outlets)})  # by position all one colour
    colours = outlet_colours(outlets, articles)
    largest = articles.sort_values(ascending=False, kind="stable").index[:8]
    assert len({colours[o] for o in largest}) == 8
    assert outlet_colours(outlets, articles) == colours  # fixed for the corpus
    assert outlet_colours(outlets[:5], pd.Series(1, index=outlets[:5])) == outlet_colours(outlets[:5])  # ties: corpus order


def test_a_term_scatter_of_many_terms_draws_the_most_distinctive_and_most_used_and_says_so():
    import numpy as np
    import pandas as pd

    from dashboard.charts import term_scatter

    n = 50
    frame = pd.DataFrame({"term": [f"t{i}" for i in range(n)], "rate_a": np.arange(n, dtype=float), "rate_b": 1.0,
                          "z": np.linspace(-1, 1, n) ** 3, "count_a": 1, "count_b": 1, "leans": "A"})
    fig = term_scatter(frame, "A", "B", points=10)
    drawn = set(fig.data[0].customdata[:, 1])
    assert {"t0", "t49"} <= drawn and {"t45", "t46", "t47", "t48"} <= drawn  # largest |z|; most used
    assert len(drawn) <= 10 and "t25" not in drawn and "of 50 terms" in fig.layout.title.text
    assert len(term_scatter(frame, "A", "B", points=100).data[0].x) == n
    layout = fig.to_dict()["layout"]  # written in full: plotly.js ignores the shorthand an unvalidated figure keeps
    assert layout["xaxis"]["title"]["text"] == "A: uses per 1,000 terms" and layout["yaxis"]["title"]["text"]
    scale = fig.data[0].marker.colorscale
    assert scale[0][1] == "rgb(5,48,97)" and scale[-1][1] == "rgb(103,0,31)"  # blue for B's terms, red for A's
