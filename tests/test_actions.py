"""Scopes and actions of one rule over a document."""
from pathlib import Path

from cleaner.editlog import apply_edits
from cleaner.actions import Deadline, rule_edits
from cleaner.normalize import fold_for_matching
from cleaner.rules import load_rules
from cleaner.zones import find_zones

BODY = "各级党组织要深刻认识加强基层党建工作的重要意义，把思想和行动统一到上级的部署要求上来，确保任务落实。"


def _rule(tmp_path: Path, body: str):
    path = tmp_path / "t.toml"
    path.write_text('[[rule]]\nid = "t.r"\ndescription = "Test."\n' + body, encoding="utf-8")
    return load_rules([path]).rules[0]


def _apply(rule, text):
    return apply_edits(text, rule_edits(rule, text, fold_for_matching(text), find_zones(text), Deadline(1.0)))


def test_head_scope_only_touches_the_head(tmp_path):
    rule = _rule(tmp_path, "scope = \"head\"\naction = \"drop-line\"\npattern = '^广告$'\nmust_match = [\"广告\"]\nmust_not_match = [\"正文\"]\n")
    assert _apply(rule, f"广告\n{BODY}\n广告\n") == f"{BODY}\n广告\n"


def test_block_scope_drops_the_adjacent_lines(tmp_path):
    rule = _rule(tmp_path, "scope = \"head-block\"\naction = \"drop-block\"\npattern = 'QQ群'\nmust_match = [\"QQ群\"]\nmust_not_match = [\"正文\"]\n")
    assert _apply(rule, f"口号\nQQ群:1\n\n标题\n{BODY}\n") == f"\n标题\n{BODY}\n"


def test_a_block_never_runs_on_over_the_documents_text(tmp_path):
    """A page whose only paragraph is cut off mid-sentence has no body line, so its head zone is
    the whole page: the block of a notice under the paragraph is the notice, not the page."""
    rule = _rule(tmp_path, "scope = \"head-block\"\naction = \"drop-block\"\npattern = '开通会员'\nmust_match = [\"开通会员\"]\nmust_not_match = [\"正文\"]\n")
    cut_off = BODY * 3 + "要加强"
    page = f"在全县安全生产工作会议上的讲话\n{cut_off}\n试读已结束，开通会员可下载全文\n"
    assert _apply(rule, page) == f"在全县安全生产工作会议上的讲话\n{cut_off}\n"


def test_drop_match_cuts_its_match_out_of_a_long_line_across_sentence_marks(tmp_path):
    """On a long line a match lies in one sentence, so that one match never takes a page; what only
    cuts its match out may run over `;` (a style sheet pasted in front of the text)."""
    rule = _rule(tmp_path, "scope = \"line\"\naction = \"drop-match\"\npattern = 'p \\{[^}]*\\} '\n"
                 "must_match = [\"p { margin: 0; color: red } \"]\nmust_not_match = [\"正文\"]\n"
                 "fixes = [[\"p { margin: 0; color: red } 正文\", \"正文\"]]\n")
    line = "p { margin: 0; color: red } " + BODY * 4
    assert _apply(rule, f"{line}\n") == f"{BODY * 4}\n"


def test_to_end_takes_the_title_links_above(tmp_path):
    rule = _rule(tmp_path, "scope = \"to-end\"\naction = \"drop-to-end\"\ninclude_titles_above = true\n"
                 "pattern = '^相关知识$'\nmust_match = [\"相關知識\"]\nmust_not_match = [\"相关\"]\n")
    assert _apply(rule, f"{BODY}\n\n上篇讲话稿\n下篇讲话稿\n相關知識\n链接\n") == f"{BODY}\n\n"


def test_replace_fills_groups_from_the_real_text(tmp_path):
    rule = _rule(tmp_path, "scope = \"line\"\naction = \"replace\"\npattern = '(党建)工作'\nreplacement = '\\1任务'\n"
                 "must_match = [\"黨建工作\"]\nmust_not_match = [\"正文\"]\nfixes = [[\"黨建工作\", \"黨建任务\"]]\n")
    assert _apply(rule, "抓黨建工作\n") == "抓黨建任务\n"


def test_the_last_line_without_newline_is_dropped_cleanly(tmp_path):
    rule = _rule(tmp_path, "scope = \"line\"\naction = \"drop-line\"\npattern = '^\\d+$'\nmust_match = [\"3\"]\nmust_not_match = [\"正文\"]\n")
    assert _apply(rule, "甲\n2\n3") == "甲\n"
    assert _apply(rule, "甲\n3") == "甲"


# A page scraped without line breaks: its sentences, one long line.
LONG = ("会议认真总结了过去一年的工作。" + BODY * 4 + "本文由小编整理发布，仅供参考。" + BODY * 3 + "更多精彩内容请关注本站。")


def test_on_a_long_line_drop_line_takes_the_sentence_not_the_page(tmp_path):
    rule = _rule(tmp_path, "scope = \"line\"\naction = \"drop-line\"\npattern = '小编整理'\nmust_match = [\"小编整理\"]\nmust_not_match = [\"正文\"]\n")
    assert len(LONG) > 300
    assert _apply(rule, LONG + "\n") == LONG.replace("本文由小编整理发布，仅供参考。", "") + "\n"
    short = "本文由小编整理发布，仅供参考。下面是正文。\n"  # a line of normal length goes whole
    assert _apply(rule, short + BODY + "\n") == BODY + "\n"


def test_a_site_sentence_glued_to_the_speech_goes_alone_from_a_line_of_normal_length(tmp_path):
    rule = _rule(tmp_path, "scope = \"line\"\naction = \"drop-line\"\npattern = '小编整理'\nmust_match = [\"小编整理\"]\nmust_not_match = [\"正文\"]\n")
    blurb = "下面是小编整理的在全镇春耕生产会议上的讲话，供大家参考。"
    opening = "同志们：" + BODY * 3 + "今天，我讲三点意见。"
    assert 100 < len(blurb + opening) <= 300
    assert _apply(rule, f"{blurb}{opening}\n{BODY}\n") == f"{opening}\n{BODY}\n"
    assert _apply(rule, f"{opening}{blurb}\n") == f"{opening}\n"  # glued at the end alike
    notices = blurb + "本站所有文章均来自网络。如有侵权请联系删除，谢谢。欢迎收藏本站。" * 3  # no text beside it
    assert 100 < len(notices) <= 300
    assert _apply(rule, f"{notices}\n{BODY}\n") == f"{BODY}\n"


def test_on_a_long_line_a_block_is_its_sentence_and_to_end_starts_there(tmp_path):
    block = _rule(tmp_path, "scope = \"line\"\naction = \"drop-line\"\npattern = '关注本站'\nmust_match = [\"关注本站\"]\nmust_not_match = [\"正文\"]\n")
    assert _apply(block, LONG) == LONG.removesuffix("更多精彩内容请关注本站。")
    to_end = _rule(tmp_path, "scope = \"to-end\"\naction = \"drop-to-end\"\npattern = '更多精彩'\n"
                   "must_match = [\"更多精彩\"]\nmust_not_match = [\"正文\"]\n")
    assert _apply(to_end, LONG) == LONG.removesuffix("更多精彩内容请关注本站。")
    early = _rule(tmp_path, "scope = \"to-end\"\naction = \"drop-to-end\"\npattern = '认真总结'\n"
                  "must_match = [\"认真总结\"]\nmust_not_match = [\"正文\"]\n")
    assert _apply(early, LONG) == LONG  # in the front half of the page: not where the tail can start


def test_anchored_rules_do_not_take_a_sentence_inside_a_long_line(tmp_path):
    rule = _rule(tmp_path, "scope = \"line\"\naction = \"drop-line\"\npattern = '^本文由.*$'\nmust_match = [\"本文由某网\"]\nmust_not_match = [\"正文\"]\n")
    assert _apply(rule, LONG) == LONG


def test_a_rules_time_budget_covers_all_its_searches_on_a_document(tmp_path):
    import pytest
    from cleaner.errors import RuleTimeout
    from cleaner import CleanConfig, clean_text
    from cleaner.rules import RuleSet

    # each line costs the pattern some milliseconds, far less than the budget; a hundred do not
    rule = _rule(tmp_path, "scope = \"line\"\naction = \"drop-match\"\npattern = 'X(?:a|aa)+$|X'\n"
                 "must_match = [\"X\"]\nmust_not_match = [\"正文\"]\n")
    page = "".join("X" + "a" * 26 + "b\n" for _ in range(100))
    with pytest.raises(RuleTimeout, match="rule t.r timed out after 0.3s"):
        clean_text(page, RuleSet([rule]), CleanConfig(regex_timeout=0.3), "page.txt")


def test_unless_spares_the_lines_it_lists_and_only_them(tmp_path):
    rule = _rule(tmp_path, "scope = \"line\"\naction = \"drop-line\"\npattern = '^(?:广告|推广).{0,6}$'\n"
                 "unless = [\"  推廣服务站  \"]\nmust_match = [\"广告位招租\"]\nmust_not_match = [\"推广服务站\", \"正文\"]\n")
    # the listed line is compared stripped and folded, as the rule sees it (推廣 is 推广)
    assert _apply(rule, f"广告位招租\n{BODY}\n推广服务站\n") == f"{BODY}\n推广服务站\n"


def test_unless_keeps_a_block_or_tail_that_would_take_a_listed_line(tmp_path):
    rule = _rule(tmp_path, "scope = \"to-end\"\naction = \"drop-to-end\"\npattern = '^相关知识$'\n"
                 "unless = [\"联系电话：12345\"]\nmust_match = [\"相关知识\"]\nmust_not_match = [\"相关\"]\n")
    assert _apply(rule, f"{BODY}\n\n相关知识\n链接\n") == f"{BODY}\n\n"
    assert _apply(rule, f"{BODY}\n\n相关知识\n联系电话：12345\n") == f"{BODY}\n\n相关知识\n联系电话：12345\n"


def test_unless_must_list_lines(tmp_path):
    import pytest
    from cleaner.errors import RuleFileError

    with pytest.raises(RuleFileError, match="'unless' must be a list of non-empty strings"):
        _rule(tmp_path, "scope = \"line\"\naction = \"drop-line\"\npattern = '^广告$'\nunless = [\"\"]\n"
              "must_match = [\"广告\"]\nmust_not_match = [\"正文\"]\n")


def test_to_end_stops_where_the_speech_resumes(tmp_path):
    rule = _rule(tmp_path, "scope = \"to-end\"\naction = \"drop-to-end\"\npattern = '^推荐阅读$'\n"
                 "must_match = [\"推荐阅读\"]\nmust_not_match = [\"阅读\"]\n")
    more = "二要强化责任担当，层层压实工作责任，确保各项任务落到实处、见到实效，让群众看到实实在在的变化。"
    last = "三要严格督查问责，对工作不力、进展缓慢的单位和个人，坚决予以通报批评，形成一级抓一级的工作格局。"
    links = "推荐阅读\n乡镇党委书记述职报告\n2023年机关党建工作要点\n"
    # a block set inside the page goes, and the two prose lines after it stay
    before = f"{BODY}\n" * 5
    assert _apply(rule, f"{before}\n{links}\n{more}\n{last}\n") == f"{before}\n{more}\n{last}\n"
    # titles and cut excerpts never make two prose lines in a row: to the end, as before
    excerpts = f"{links}{more[:30]}……\n县委书记在全县经济工作会议上的讲话\n{last[:30]}……\n"
    assert _apply(rule, f"{BODY}\n{BODY}\n\n{excerpts}") == f"{BODY}\n{BODY}\n\n"
    # one prose line after the list is not yet the speech resuming (an excerpt may end with 。)
    assert _apply(rule, f"{BODY}\n{BODY}\n\n{links}{more}\n") == f"{BODY}\n{BODY}\n\n"


def test_to_end_stops_before_short_sentences_of_the_speech(tmp_path):
    rule = _rule(tmp_path, "scope = \"to-end\"\naction = \"drop-to-end\"\npattern = '^相关资料$'\n"
                 "must_match = [\"相关资料\"]\nmust_not_match = [\"资料\"]\n")
    before = f"{BODY}\n" * 5
    page = f"{before}\n相关资料\n乡镇党委书记述职报告\n\n第一，要提高认识。\n第二，要狠抓落实。\n"
    assert _apply(rule, page) == f"{before}\n第一，要提高认识。\n第二，要狠抓落实。\n"


def test_to_end_stops_where_a_numbered_heading_opens_the_speech_again(tmp_path):
    rule = _rule(tmp_path, "scope = \"to-end\"\naction = \"drop-to-end\"\npattern = '^相关阅读$'\n"
                 "must_match = [\"相关阅读\"]\nmust_not_match = [\"阅读\"]\n")
    before = f"{BODY}\n" * 5
    rest = f"二、狠抓工作落实\n{BODY}\n三、强化督查问责\n{BODY}\n"
    assert _apply(rule, f"{before}\n相关阅读\n乡镇党委书记述职报告\n{rest}") == f"{before}\n{rest}"
    # a numbered title in a list of links, not followed by prose, is a link like the others
    assert _apply(rule, f"{before}\n相关阅读\n一、关于加强党建工作的思考\n乡镇党委书记述职报告\n") == f"{before}\n"
