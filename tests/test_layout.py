"""Layout repairs: whitespace, repeated titles, broken lines, blank lines, edges."""
import pytest
from hypothesis import given, settings, strategies as st

from cleaner.editlog import apply_edits
from cleaner.layout import (INDENT, collapse_blank_lines, drop_duplicate_titles, fix_edges, indents, is_broken_line,
                            join_broken_lines, normalise_newlines, strip_whitespace)

PROSE = "贯彻落实科学发展观、构建社会主义和谐社会，重心在基层，根本靠党建。为落实好上级党委的部署和要"


def _run(step, text):
    return apply_edits(text, step(text))


def test_whitespace_with_ascii_and_full_width_spaces():
    assert _run(strip_whitespace, "  甲\n\u3000\u3000乙 \n   \n") == "甲\n乙\n\n"


def test_newlines_and_bom():
    assert _run(normalise_newlines, "\ufeff甲\r\n乙\r丙") == "甲\n乙\n丙"


@pytest.mark.parametrize("line,broken", [
    (PROSE, True),
    ("1.要配强基层班子。要配强乡镇、街道领导班子。大力", True),
    ("一、统一抓党建工作的认识", False),
    ("在全区基层党建工作会议上的讲话", False),
    ("王孝山", False),
    ("同志们:", False),
    ("统计年报工作讲话 统计是监测国民经济运行态势的仪表,涉及到社会的各个方面 ...", False),
    ("首页 要闻动态 政务公开 政务服务 政民互动 统计数据 内蒙古概况 网站地图 联系我们", False),
])
def test_what_counts_as_a_broken_line(line, broken):
    assert is_broken_line(line) is broken


def test_join_keeps_headings_and_numbered_points_apart():
    text = f"{PROSE}\n\n求,区委近年来作了一些探索。\n\n{PROSE}\n\n一、统一抓党建工作的认识\n"
    assert _run(join_broken_lines, text) == f"{PROSE}求,区委近年来作了一些探索。\n\n{PROSE}\n\n一、统一抓党建工作的认识\n"


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
