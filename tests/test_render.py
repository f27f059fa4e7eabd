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
