"""Layout repairs: whitespace, repeated titles, blank lines, edges."""
from hypothesis import given, settings, strategies as st

from cleaner.editlog import apply_edits
from cleaner.layout import INDENT, collapse_blank_lines, drop_duplicate_titles, fix_edges, indents, normalise_newlines, strip_whitespace

PROSE = "贯彻落实科学发展观、构建社会主义和谐社会，重心在基层，根本靠党建。为落实好上级党委的部署和要"


def _run(step, text):
    return apply_edits(text, step(text))


def test_whitespace_with_ascii_and_full_width_spaces():
    assert _run(strip_whitespace, "  甲\n\u3000\u3000乙 \n   \n") == "甲\n乙\n\n"


def test_newlines_and_bom():
    assert _run(normalise_newlines, "\ufeff甲\r\n乙\r丙") == "甲\n乙\n丙"


def test_duplicate_titles_in_the_head_keep_the_first():
    text = "讲话稿\n\n讲话\n\n講話\n\n同志们:\n\n同志们:\n\n" + PROSE + "。\n"
    assert _run(drop_duplicate_titles, text) == "讲话稿\n\n讲话\n\n\n同志们:\n\n同志们:\n\n" + PROSE + "。\n"


def test_blank_runs_and_edges():
    assert _run(collapse_blank_lines, "甲\n\n\n\n乙\n\n丙") == "甲\n\n乙\n\n丙"
    assert _run(fix_edges, "\n\n甲\n\n\n") == "甲\n"
    assert _run(fix_edges, "甲") == "甲\n"
    assert _run(fix_edges, "\n\n") == ""


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=" \t\u3000\u00a0\n\u2003xy甲", max_size=40))
def test_indents_are_exactly_the_pattern_matches(text):
    assert indents(text) == [m.span() for m in INDENT.finditer(text)]
