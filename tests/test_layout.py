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


def test_copies_of_a_title_with_other_brackets_or_count_are_one_title():
    text = "区长防汛工作讲话【通用四篇】\n\n区长防汛工作讲话(通用4篇)\n" + PROSE + "。\n"
    assert _run(drop_duplicate_titles, text) == "区长防汛工作讲话【通用四篇】\n\n" + PROSE + "。\n"
    other = "区长防汛工作讲话（一）\n\n区长防汛工作讲话（二）\n" + PROSE + "。\n"  # two titles, not one
    assert _run(drop_duplicate_titles, other) == other


def test_the_title_with_the_sites_label_goes_and_the_plain_title_stays():
    text = "讲话稿|在全县秋收工作会议上的讲话\n\n在全县秋收工作会议上的讲话\n" + PROSE + "。\n"
    edits = drop_duplicate_titles(text)
    assert apply_edits(text, edits) == "\n在全县秋收工作会议上的讲话\n" + PROSE + "。\n"
    assert "with the site's label" in edits[0].reason
    suffix = "在全县秋收工作会议上的讲话_某某公文网\n在全县秋收工作会议上的讲话\n" + PROSE + "。\n"
    assert _run(drop_duplicate_titles, suffix) == "在全县秋收工作会议上的讲话\n" + PROSE + "。\n"


def test_a_shorter_copy_of_a_title_goes_but_not_a_subtitle_a_field_or_another_version():
    text = "2024年秋季开学典礼校长发言稿【三篇】\n\n秋季开学典礼校长发言稿【三篇】\n" + PROSE + "。\n"
    edits = drop_duplicate_titles(text)
    assert apply_edits(text, edits) == "2024年秋季开学典礼校长发言稿【三篇】\n\n" + PROSE + "。\n"
    assert "a shorter copy of the title on line 1" in edits[0].reason
    field = "标 题：某某市人民政府关于做好秋季防火工作的通知\n某某市人民政府关于做好秋季防火工作的通知\n" + PROSE + "。\n"
    assert _run(drop_duplicate_titles, field) == field
    subtitle = "奋力开创秋收工作新局面——在全县秋收工作会议上的讲话\n——在全县秋收工作会议上的讲话\n" + PROSE + "。\n"
    assert _run(drop_duplicate_titles, subtitle) == subtitle


def test_a_title_cited_with_its_number_is_a_copy_but_a_notice_that_prints_a_document_is_not():
    text = "某政发〔2023〕9号《某某县人民政府关于加强秋季防火工作的意见》\n\n某某县人民政府关于加强秋季防火工作的意见\n" + PROSE + "。\n"
    assert _run(drop_duplicate_titles, text) == "\n某某县人民政府关于加强秋季防火工作的意见\n" + PROSE + "。\n"
    notice = "某某县人民政府办公室印发《某某县秋季防火工作方案》的通知\n\n某某县秋季防火工作方案\n" + PROSE + "。\n"
    assert _run(drop_duplicate_titles, notice) == notice


def test_blank_runs_and_edges():
    assert _run(collapse_blank_lines, "甲\n\n\n\n乙\n\n丙") == "甲\n\n乙\n\n丙"
    assert _run(fix_edges, "\n\n甲\n\n\n") == "甲\n"
    assert _run(fix_edges, "甲") == "甲\n"
    assert _run(fix_edges, "\n\n") == ""


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=" \t\u3000\u00a0\n\u2003xy甲", max_size=40))
def test_indents_are_exactly_the_pattern_matches(text):
    assert indents(text) == [m.span() for m in INDENT.finditer(text)]
