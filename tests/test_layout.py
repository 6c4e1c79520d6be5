"""Layout repairs: whitespace, repeated titles, blank lines, edges."""
import pytest
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


def test_a_version_header_goes_where_the_next_line_repeats_its_title():
    versions = ("篇三：关于加强机关作风建设的实施方案\n\n关於加強機關作風建設的實施方案\n" + PROSE + "。\n"
                "第四篇:村委会换届选举工作总结\n" + PROSE + "。\n")  # no title line under it: kept
    head = "".join(f"行{n}\n" for n in range(40))  # the versions lie past the head, where repeats are not looked for
    assert _run(drop_duplicate_titles, head + versions).removeprefix(head) == (
        "\n关於加強機關作風建設的實施方案\n" + PROSE + "。\n第四篇:村委会换届选举工作总结\n" + PROSE + "。\n")


def test_a_version_header_stays_where_its_title_line_goes_as_a_repeat():
    text = "年度述职报告\n第2篇：年度述职报告\n年度述职报告\n" + PROSE + "。\n"
    assert _run(drop_duplicate_titles, text) == "年度述职报告\n第2篇：年度述职报告\n" + PROSE + "。\n"


def test_a_column_or_tag_label_over_the_title_goes_as_a_piece_of_it():
    text = "致辞\n\n庆祝建校六十周年大会校长致辞\n" + PROSE + "。\n"
    edits = drop_duplicate_titles(text)
    assert apply_edits(text, edits) == "\n庆祝建校六十周年大会校长致辞\n" + PROSE + "。\n"
    assert "a piece of the title on line 3" in edits[0].reason
    tags = "团课\n心得\n青春\n团课心得：让青春在奋斗中闪光\n" + PROSE + "。\n"
    assert _run(drop_duplicate_titles, tags) == "团课心得：让青春在奋斗中闪光\n" + PROSE + "。\n"


def test_a_title_the_next_line_only_numbers_and_a_word_the_title_lacks_stay():
    numbered = "国庆节演讲稿简短\n\n国庆节演讲稿简短2\n" + PROSE + "。\n"  # the title, then its second version's
    assert _run(drop_duplicate_titles, numbered) == numbered
    other = "党建\n\n庆祝建校六十周年大会校长致辞\n" + PROSE + "。\n"
    assert _run(drop_duplicate_titles, other) == other


TITLE_COPIES = [  # (head, what stays of it, the reason of the first removal)
    pytest.param("区长防汛工作讲话【通用四篇】\n\n区长防汛工作讲话(通用4篇)\n", "区长防汛工作讲话【通用四篇】\n\n",
                 "repeats the title on line 1", id="other brackets and count"),
    pytest.param("讲话稿|在全县秋收工作会议上的讲话\n\n在全县秋收工作会议上的讲话\n", "\n在全县秋收工作会议上的讲话\n",
                 "with the site's label", id="the site's label before a separator"),
    pytest.param("在全县秋收工作会议上的讲话_某某公文网\n在全县秋收工作会议上的讲话\n", "在全县秋收工作会议上的讲话\n",
                 "with the site's label", id="the site's name after a separator"),
    pytest.param("某政发〔2023〕9号《某某县人民政府关于加强秋季防火工作的意见》\n\n某某县人民政府关于加强秋季防火工作的意见\n",
                 "\n某某县人民政府关于加强秋季防火工作的意见\n", "or its number", id="cited with its number"),
    pytest.param("2024年秋季开学典礼校长发言稿【三篇】\n\n秋季开学典礼校长发言稿【三篇】\n", "2024年秋季开学典礼校长发言稿【三篇】\n\n",
                 "a shorter copy of the title on line 1", id="without its year"),
]
NOT_COPIES = [
    pytest.param("区长防汛工作讲话（一）\n\n区长防汛工作讲话（二）\n", id="two titles"),
    pytest.param("标 题：某某市人民政府关于做好秋季防火工作的通知\n某某市人民政府关于做好秋季防火工作的通知\n", id="a field holds the title"),
    pytest.param("奋力开创秋收工作新局面——在全县秋收工作会议上的讲话\n——在全县秋收工作会议上的讲话\n", id="a subtitle"),
    pytest.param("某某县人民政府办公室印发《某某县秋季防火工作方案》的通知\n\n某某县秋季防火工作方案\n", id="a notice prints a document"),
    pytest.param("秋季防火工作的基本要求\n\n三、秋季防火工作的基本要求\n", id="the text's section of that name"),
]


@pytest.mark.parametrize("head,kept,reason", TITLE_COPIES)
def test_copies_of_the_title_go_and_one_title_stays(head, kept, reason):
    edits = drop_duplicate_titles(head + PROSE + "。\n")
    assert apply_edits(head + PROSE + "。\n", edits) == kept + PROSE + "。\n"
    assert reason in edits[0].reason


@pytest.mark.parametrize("head", NOT_COPIES)
def test_titles_that_only_share_words_stay(head):
    assert drop_duplicate_titles(head + PROSE + "。\n") == []


def test_blank_runs_and_edges():
    assert _run(collapse_blank_lines, "甲\n\n\n\n乙\n\n丙") == "甲\n\n乙\n\n丙"
    assert _run(fix_edges, "\n\n甲\n\n\n") == "甲\n"
    assert _run(fix_edges, "甲") == "甲\n"
    assert _run(fix_edges, "\n\n") == ""


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=" \t\u3000\u00a0\n\u2003xy甲", max_size=40))
def test_indents_are_exactly_the_pattern_matches(text):
    assert indents(text) == [m.span() for m in INDENT.finditer(text)]
