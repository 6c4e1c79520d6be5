"""The chrome-line scorer: what it removes, what the speech protections keep, and the evidence it gives."""
import pytest
from hypothesis import given, settings, strategies as st

from cleaner import CleanConfig, apply_edits, clean_text
from cleaner.normalize import fold_for_matching
from cleaner.rules import RuleSet
from cleaner.line_evidence import is_item_row
from cleaner.scorer import RULE_ID, chrome_line_edits
from cleaner.zones import find_zones

NO_RULES = RuleSet()  # the scorer alone, as it sees what the rules leave
BODY = ("今天我们召开全镇春季农业生产工作会议，主要任务是总结去年的工作，安排部署今年的春耕备耕。"
        "各村各部门要提高认识，强化措施，确保各项任务落到实处。")
MORE = "二要抓好农田水利建设，加快推进高标准农田项目，做到早谋划、早开工、早见效，确保汛前全部完工并发挥效益。"


def _scored(text: str) -> tuple[str, list]:
    result = clean_text(text, NO_RULES)
    assert apply_edits(text, result.edits) == result.text
    assert clean_text(result.text, NO_RULES).text == result.text  # cleaning the output removes nothing more
    return result.text, [edit for edit in result.edits if edit.rule == RULE_ID]


def test_short_lines_above_the_title_are_navigation():
    page = f"网站首页\n乡镇动态\n工作部署\n在全镇春季农业生产工作会议上的讲话\n同志们：\n{BODY}\n{MORE}\n"
    text, edits = _scored(page)
    assert text == f"在全镇春季农业生产工作会议上的讲话\n同志们：\n{BODY}\n{MORE}\n"
    assert [(e.old, e.reason) for e in edits] == [
        ("网站首页\n", "short, no clause punctuation, 2 chrome words (网站, 首页)"),
        ("乡镇动态\n", "short, no clause punctuation, above the title"),
        ("工作部署\n", "short, no clause punctuation, above the title")]


def test_the_first_line_of_an_official_title_set_over_lines_is_not_navigation_above_it():
    page = f"关于做好2024年\n春季农业生产工作的通知\n各乡镇人民政府：\n{BODY}\n"
    assert clean_text(page, NO_RULES).text == f"关于做好2024年春季农业生产工作的通知\n各乡镇人民政府：\n{BODY}\n"


def test_the_turns_of_a_host_script_stay_wherever_they_stand():
    page = f"（女）各位领导\n（男）各位来宾\n（合）大家好！\n{BODY}\n{MORE}\n（女）让我们共同\n"
    assert clean_text(page, NO_RULES).text == page
    lettered = f"毕业晚会主持词\n{BODY}\n{MORE}\nA：难忘今宵\nB：难忘同窗\nC：我们用青春写下\nD：一首不老的歌\n"
    assert clean_text(lettered, NO_RULES).text == lettered


def test_a_dot_or_slash_between_digits_is_no_separator():
    """5·12, 2·2·1 and 2023/5/6 are a date, a rhythm or a fraction: a line holding them after the
    body has no separators shape (a menu's `·` and `/` stand between words)."""
    page = f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{MORE}\n从“5·12”到“8·8”的重建之路\n首页·新闻·图片\n"
    cleaned = clean_text(page, NO_RULES).text
    assert "从“5·12”到“8·8”的重建之路" in cleaned and "首页·新闻·图片" not in cleaned


def test_a_numbered_heading_longer_than_the_title_does_not_take_its_place():
    """A document's short title above a contents list: the title and the list stay, as the
    headings of its sections are not the page's title."""
    page = f"春耕工作手册\n目  录\n1.0  总体要求\n2.0  各村农田水利建设任务分解\n1.0  总体要求\n{BODY}\n{MORE}\n"
    text, edits = _scored(page)
    assert text.startswith("春耕工作手册\n目  录\n1.0  总体要求\n2.0  各村农田水利建设任务分解\n") and edits == []


def test_the_title_is_not_the_lede_and_its_masked_copy_is_not_navigation():
    """The lede below the title is longer but has a comma; the masked copy of the title stays."""
    page = ("县长上午与网友在线交流\n**上午与网友在线交流\n"
            f"历时两小时回答十个提问,为群众解决实际困难\n{BODY}\n{MORE}\n")
    text, edits = _scored(page)
    assert text == page and edits == []


def test_a_headline_cut_by_an_exclamation_mark_is_the_title():
    """Short lines under it (a video's subtitles) are below the title, not navigation above it."""
    page = f"重磅!全县春耕动员会今日召开\n镜头记录下\n会场上的讨论\n稿子刚端过去\n一份报告如何诞生\n{BODY}\n{MORE}\n"
    text, edits = _scored(page)
    assert text == page and edits == []


def test_the_speaker_date_and_salutation_under_the_title_stay():
    page = f"栏目导航\n在全镇春季农业生产工作会议上的讲话\n（2024年3月6日）\n刘建华\n同志们：\n{BODY}\n"
    text, _ = _scored(page)
    assert text == f"在全镇春季农业生产工作会议上的讲话\n（2024年3月6日）\n刘建华\n同志们：\n{BODY}\n"


def test_footer_links_after_the_body_go_and_the_signature_stays():
    page = (f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{MORE}\n谢谢大家！\n某某镇人民政府\n2024年3月6日\n"
            "关于本站\n网站导航\n手机版\n")
    text, edits = _scored(page)
    assert text == f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{MORE}\n谢谢大家！\n某某镇人民政府\n2024年3月6日\n"
    assert [(e.old, e.reason) for e in edits] == [
        ("关于本站\n", "short, no clause punctuation, 1 chrome word (本站), after the body"),
        ("网站导航\n", "short, no clause punctuation, 2 chrome words (网站, 导航)"),
        ("手机版\n", "short, no clause punctuation, 1 chrome word (手机版), after the body")]


def test_a_name_that_signs_the_speech_stays_and_a_menu_word_goes():
    page = f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{MORE}\n王立新\n2024年3月6日\n豫见\n"
    text, _ = _scored(page)
    assert text == f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{MORE}\n王立新\n2024年3月6日\n"


@pytest.mark.parametrize("kept", [
    "一、充分认识做好春耕工作的重要意义", "（一）加强组织领导", "3.落实责任", "同志们：", "各位代表、各位来宾：",
    "谢谢大家！", "预祝大会圆满成功！", "特此通知。", "（掌声）", "……", "附件：春耕物资清单", "（此件公开发布）",
    "某某县农业农村局", "2024年3月6日", "二〇二四年三月六日",
    "第二，要抓好农田水利", "现在散会。", "会议到此结束", "附表3", "签发人：周立平", "抄送：各乡镇人民政府",
    "镇党委书记 孙国强", "常务副县长 欧阳明",
])
def test_the_speech_protections_keep_short_lines_anywhere(kept):
    page = f"{BODY}\n网站导航\n{kept}\n本站首页\n{MORE}\n"
    text, _ = _scored(page)
    assert f"\n{kept}\n" in text


@pytest.mark.parametrize("kept", ["现在散会。", "签发人：周立平", "镇党委书记 孙国强", "附表3", "20XX年X月X日", "2023年×月×日"])
def test_the_lines_that_close_a_speech_or_a_document_stay_after_the_body(kept):
    text, _ = _scored(f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{MORE}\n{kept}\n")
    assert text.endswith(f"\n{kept}\n")


def test_a_short_line_between_two_chrome_lines_in_the_body_is_chrome():
    page = f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n发布时间 2024-03-06 10:12 浏览 1,204\n楼上说得好\nhttps://bbs.example.cn/t/8812\n{MORE}\n"
    text, edits = _scored(page)
    assert "楼上说得好" not in text and "https://" not in text and BODY in text and MORE in text
    assert any(e.reason.endswith("between chrome lines") for e in edits)


def test_lines_the_rules_removed_are_chrome_neighbours_of_a_short_line_between_them():
    page = f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{{widget}}\n点个在看\n{{widget}}\n{MORE}\n"
    widget = "分享到：QQ空间 新浪微博 微信"
    text = page.format(widget=widget)
    alone = chrome_line_edits(text, fold_for_matching(text), find_zones(text))
    assert not any("点个在看" in edit.old for edit in alone)  # between prose and a line no rule named: kept
    # what the rules leave, and where they removed the widget's lines
    left = text.replace(widget + "\n", "")
    removed = (left.index("点个在看"), left.index(MORE))
    edits = chrome_line_edits(left, fold_for_matching(left), find_zones(left), removed=removed)
    assert [edit.old for edit in edits] == ["点个在看\n"]
    assert edits[0].reason.endswith("between lines the rules removed")
    protected = left.replace("点个在看", "同志们：")
    assert chrome_line_edits(protected, fold_for_matching(protected), find_zones(protected), removed=removed) == []


def test_a_site_word_alone_on_its_line_is_a_widget_label_outside_the_body_only():
    page = f"在全镇春季农业生产工作会议上的讲话\n【收藏】\n{BODY}\n{MORE}\n"
    text, edits = _scored(page)
    assert "收藏" not in text and edits[0].reason.endswith("alone on its line")
    inside = f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n专题\n{MORE}\n{BODY}\n"
    assert _scored(inside)[0] == inside  # in the body a word alone decides nothing


def test_a_count_in_brackets_is_no_numbered_point_and_goes_between_removed_lines():
    page = f"在全镇春季农业生产工作会议上的讲话\n(15)\n(3)\n{BODY}\n{MORE}\n"
    removed = (page.index("(15)"), page.index(BODY))
    edits = chrome_line_edits(page, fold_for_matching(page), find_zones(page), removed=removed)
    assert [edit.old for edit in edits] == ["(15)\n", "(3)\n"]
    numbered = page.replace("(15)", "(一)").replace("(3)", "(二)")
    assert chrome_line_edits(numbered, fold_for_matching(numbered), find_zones(numbered), removed=removed) == []


def test_an_id_between_removed_field_lines_goes_but_not_beside_text():
    page = f"某某县人民政府工作规则\n3301270000/2023-004512\n第一章 总则\n{BODY}\n{MORE}\n"
    code = page.index("3301270000")
    both = (code, page.index("第一章"))
    edits = chrome_line_edits(page, fold_for_matching(page), find_zones(page), removed=both)
    assert [edit.old for edit in edits] == ["3301270000/2023-004512\n"]
    assert "no Chinese" in edits[0].reason and edits[0].reason.endswith("between lines the rules removed")
    assert chrome_line_edits(page, fold_for_matching(page), find_zones(page), removed=(code,)) == []
    numbered = page.replace("3301270000/2023-004512", "某政发〔2023〕12号")
    code = numbered.index("某政发")
    edits = chrome_line_edits(numbered, fold_for_matching(numbered), find_zones(numbered), removed=(code, numbered.index("第一章")))
    assert [edit.old for edit in edits] == ["某政发〔2023〕12号\n"]
    assert chrome_line_edits(numbered, fold_for_matching(numbered), find_zones(numbered), removed=(code,)) == []


def test_a_news_abstract_that_copies_a_sentence_of_the_text_goes_and_a_papers_stays():
    sentence = "各村各部门要提高认识，强化措施，确保各项任务落到实处。"
    page = f"在全镇春季农业生产工作会议上的讲话\n摘要：{sentence}\n{BODY}\n{MORE}\n"
    text, edits = _scored(page)
    assert f"摘要：{sentence}" not in text and edits[0].reason == "a site's abstract that copies a sentence of the text"
    own = page.replace(f"摘要：{sentence}", "摘要：本文回顾了全镇的春耕备耕工作，提出了三点意见。")
    assert _scored(own)[0] == own
    paper = page.replace(f"{BODY}\n", f"关键词：春耕；农业生产\n{BODY}\n")
    assert f"摘要：{sentence}" in _scored(paper)[0]


def test_a_summary_the_text_below_repeats_from_its_start_goes_and_a_repeated_paragraph_stays():
    summary = BODY[:40] + "..."
    page = f"在全镇春季农业生产工作会议上的讲话\n{summary}\n文档格式：doc\n{BODY}\n{MORE}\n"
    text, edits = _scored(page)
    assert summary not in text and BODY in text
    assert any(edit.reason == "a summary of the text that the text below repeats from its start" for edit in edits)
    repeated = f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{BODY}\n{MORE}\n"  # the same paragraph twice: dedup's to judge
    assert _scored(repeated)[0] == repeated
    short = f"在全镇春季农业生产工作会议上的讲话\n同志们：\n同志们：今天我们召开全镇春季农业生产工作会议。\n{MORE}\n"
    assert _scored(short)[0] == short
    heading = "一、统一思想认识"  # the site's copy runs the heading and its paragraph into one, then goes its own way
    labelled = f"在全镇春季农业生产工作会议上的讲话\n【摘要】：{heading}{BODY[:45]}另有一句摘自后文的话。\n{heading}\n{BODY}\n{MORE}\n"
    text, edits = _scored(labelled)
    assert "【摘要】" not in text and f"{heading}\n{BODY}" in text
    parallel = f"在全镇春季农业生产工作会议上的讲话\n{BODY[:40]}另一段的话。\n{BODY}\n{MORE}\n"  # no label, one line shared
    assert _scored(parallel)[0] == parallel


def test_an_english_paragraph_on_a_chinese_page_is_a_translation_and_a_papers_abstract_stays():
    english = ("We will focus on two issues today, as the meeting comes to its end. The first is the review of our "
               "past work and of the rules we found, and the second is the plan for the years to come.")
    page = f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{english}\n{MORE}\n{BODY}\n{MORE}\n"
    text, edits = _scored(page)
    assert english not in text and edits[0].reason.startswith("a paragraph of English on a Chinese page")
    paper = page.replace(english, f"Abstract: {english}")
    assert _scored(paper)[0] == paper


def test_a_short_clause_after_the_body_is_the_texts_and_a_row_of_fields_is_no_title():
    page = f"全镇春季农业生产表彰大会主持词\n{BODY}\n{MORE}\n下面，颁发先进集体奖\n下面，请获奖代表发言\n"
    assert _scored(page)[0] == page
    signed = f"关于开展秋季义务植树活动的倡议书\n{BODY}\n{MORE}\n某某大学党委宣传部\n2021312\n"  # its 年月日 lost
    assert _scored(signed)[0] == signed
    lead_in = f"全镇春季农业生产表彰大会主持词\n{BODY}\n{MORE}\n参加今天发布会的新闻单位主要有：\n"
    assert _scored(lead_in)[0] == lead_in
    fields = f"[ 字体: 稿源:县融媒体中心 ]\n全镇召开春耕会议\n{BODY}\n{MORE}\n"
    assert "全镇召开春耕会议" in _scored(fields)[0]


def test_the_last_words_of_an_excerpt_cut_off_after_a_clause_stay():
    cut = MORE[:-1] + "；"
    page = f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{cut}\n全镇上下先后被\n"
    assert _scored(page)[0] == page
    apart = page.replace(f"{cut}\n", f"{cut}\n\n")  # set apart by a blank line: a line after the body
    assert "全镇上下先后被" not in _scored(apart)[0]


def test_a_site_name_beside_its_latin_name_is_the_sites_banner():
    page = f"某某华人网 | ExampleBBS\n在全镇春季农业生产工作会议上的讲话\n{BODY}\n{MORE}\n"
    text, edits = _scored(page)
    assert "ExampleBBS" not in text and "a site's name with its Latin name" in edits[0].reason


def test_the_lines_of_a_poem_the_speech_quotes_stay_after_the_body():
    verse = "如何让我们遇见春天\n在田野最美的时刻\n我已等了很多年\n风吹过你的窗前\n那是我们的期盼\n"
    page = f"在全镇春季农业生产工作会议上的讲话\n同志们：\n{BODY}\n{verse}"
    assert _scored(page)[0] == page
    menu = "工作总结\n工作计划\n述职报告\n思想汇报\n入党申请书\n"  # names of the site's columns: no particles
    assert "述职报告" not in _scored(f"在全镇春季农业生产工作会议上的讲话\n同志们：\n{BODY}\n{menu}")[0]


def test_the_title_is_not_a_subtitle_a_stamped_line_or_a_line_after_the_first_section():
    subtitle = f"政府工作报告\n——2024年1月8日在某某县第十八届人民代表大会第三次会议上\n县长 王某\n各位代表：\n{BODY}\n{MORE}\n"
    assert _scored(subtitle)[0] == subtitle
    stamped = f"秋季运动会致辞\n2024-09-12运动会致辞\n同学们：\n{BODY}\n{MORE}\n"
    assert _scored(stamped)[0].startswith("秋季运动会致辞\n")
    outline = f"领导干部讲党课的意义\n大纲\n一、党课是优良传统\n要点:学习型党组织建设的五项修炼与实践路径\n{BODY}\n{MORE}\n"
    assert _scored(outline)[0] == outline


def test_a_title_set_as_a_row_of_phrases_above_the_speaker_is_no_menu():
    page = f"凝心聚力 真抓实干 开创新局面\n某某集团有限公司党委书记 王某\n同志们：\n{BODY}\n{MORE}\n"
    assert _scored(page)[0] == page
    menu = f"首页 新闻 政务 服务\n在全镇春季农业生产工作会议上的讲话\n同志们：\n{BODY}\n{MORE}\n"
    assert "首页" not in _scored(menu)[0]


def test_a_line_that_names_a_text_stays_between_removed_lines_and_a_speaker_line_is_no_title():
    # what the rules leave of 某某文库 / TITLE / 共计3200字 / …, and where they removed lines
    left = f"秋季开学典礼发言稿3篇\n秋季开学典礼发言稿:让我们一起奋斗\n同学们：\n{BODY}\n{MORE}\n"
    removed = (0, left.index("秋季开学典礼发言稿:"))
    assert chrome_line_edits(left, fold_for_matching(left), find_zones(left), removed=removed) == []
    speaker = f"“守初心 担使命”专题党课\n某某市供水集团有限公司党支部书记 王某某\n同志们：\n{BODY}\n{MORE}\n"
    assert _scored(speaker)[0] == speaker  # the speaker line is longer, but it is no title


def test_the_excerpts_last_line_that_holds_a_clause_of_its_own_stays():
    page = f"在全镇春季农业生产工作会议上的讲话\n同志们：\n{BODY}\n\n因此，我希望各村\n"
    assert _scored(page)[0] == page


def test_a_urls_question_mark_makes_no_sentence_of_its_line():
    page = f"在全镇春季农业生产工作会议上的讲话\nSaved from: https://www.example.cn/show.php?id=88&page=2\n{BODY}\n{MORE}\n"
    text, edits = _scored(page)
    assert "example.cn" not in text and "a URL or e-mail address" in edits[0].reason
    asked = f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n大家想一想？我们靠什么\n{MORE}\n"
    assert "大家想一想" in _scored(asked)[0]  # a real question mark still makes prose


def test_removal_points_move_with_later_edits_and_mark_only_whole_lines_a_rule_dropped():
    from cleaner.clean import removal_points
    from cleaner.model import Edit
    text = "甲\n菜单\n乙\n丙丁\n"
    dropped = [Edit(2, 5, "菜单\n", "", "web.nav", "menu")]
    assert removal_points(text, (), dropped) == (2,)
    after = "甲\n乙\n丙丁\n"
    shortened = [Edit(0, 2, "甲\n", "", "web.head", "head"), Edit(4, 5, "丁", "", "x.y", "a character, not a line")]
    assert removal_points(after, (2,), shortened) == (0,)
    blank = [Edit(1, 2, "\n", "", "layout.blank-lines", "blank")]
    assert removal_points("甲\n\n乙\n", (), blank) == ()


def test_a_row_of_short_items_is_a_menu_anywhere_but_names_roles_and_dates_stay():
    page = (f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n乡镇动态  部门动态  图片新闻  政策解读\n{MORE}\n"
            f"领导小组成员：\n王建国 李卫东 张秀英 刘志强\n镇长 王建国 2024年3月6日\n{BODY}\n")
    text, edits = _scored(page)
    assert "乡镇动态" not in text and [e.reason for e in edits] == ["no clause punctuation, a row of short items"]
    for kept in ("王建国 李卫东 张秀英 刘志强", "镇长 王建国 2024年3月6日"):
        assert kept in text
    assert not is_item_row("主 持 词")  # a letter-spaced title


def test_a_repeated_headline_unrelated_to_the_page_is_another_pages_banner():
    banner = "校园足球联赛开幕 青春飞扬——第八中学举行春季运动会暨校园足球联赛开幕式"
    page = f"{banner}\n{banner}\n{banner}本报记者 李明\n{BODY}\n{MORE}\n{BODY}\n{MORE}\n"
    text, edits = _scored(page)
    assert banner not in text and text.startswith("本报记者 李明\n")
    assert "another page's banner" in edits[0].reason


def test_a_title_the_page_repeats_is_not_a_banner():
    title = "在全镇春季农业生产工作会议上的讲话稿"
    page = f"{title}\n{title}\n{BODY}\n{MORE}\n{BODY}\n"
    text, _ = _scored(page)
    assert text.startswith(title)


def test_a_slogan_title_over_its_subtitle_is_no_banner_where_a_contents_list_repeats_it():
    slogan = "凝心聚力勇毅前行奋力谱写高质量发展崭新篇章"  # a speech's own title shares few words with it
    page = (f"目录\n{slogan}\n3\n在县第六届人民代表大会第三次会议闭幕式上的讲话\n9\n"
            f"{slogan}\n——在县第六届人民代表大会第二次会议闭幕式上的讲话\n{BODY}\n{MORE}\n{BODY}\n")
    text, edits = _scored(page)
    assert text.count(slogan) == 1 and not any("banner" in edit.reason for edit in edits)


def test_a_photos_caption_after_the_report_stays_and_a_footers_section_links_go():
    page = f"全镇召开春季农业生产工作会议\n{BODY}\n{MORE}\n与会人员合影留念\n镇党委书记主持会议\n"
    assert _scored(page)[0] == page
    footer = f"全镇召开春季农业生产工作会议\n{BODY}\n{MORE}\n乡镇概况\n机构设置\n"
    assert [edit.old for edit in _scored(footer)[1]] == ["乡镇概况\n", "机构设置\n"]


def test_a_caption_that_repeats_the_lede_with_its_credit_goes_and_one_of_its_own_words_stays():
    lede = "3月2日，县委书记王某某在全县春季农业生产工作会议上讲话。"
    page = f"全县召开春季农业生产工作会议\n{lede}\n{BODY}\n{lede}新华社记者 李某某 摄\n{MORE}\n与会人员合影留念（赵某 摄）\n"
    text, edits = _scored(page)
    assert [edit.reason for edit in edits] == ["a photo's caption that repeats a paragraph of the text"]
    assert text == page.replace(f"{lede}新华社记者 李某某 摄\n", "")


def test_a_notices_contact_address_above_its_signature_stays_and_a_footers_goes():
    notice = (f"关于征集2024年民生实事项目建议的公告\n{BODY}\n联系人：钱某\n电子邮箱：msss2024@example.gov.cn\n\n"
              "某某县人民政府办公室\n2024年3月6日\n")
    assert _scored(notice)[0] == notice
    footer = f"关于征集2024年民生实事项目建议的公告\n{BODY}\n{MORE}\n电子邮箱：webmaster@example.gov.cn\n"
    text, edits = _scored(footer)
    assert [edit.old for edit in edits] == ["电子邮箱：webmaster@example.gov.cn\n"]


def test_words_of_the_site_vocabulary_decide_nothing_inside_the_body():
    heading = "完善政务网站栏目设置和信息发布机制"  # three vocabulary words, but a heading of the speech
    page = f"在全镇政务公开工作会议上的讲话\n{BODY}\n{heading}\n{MORE}\n"
    assert heading in _scored(page)[0]
    view = fold_for_matching(page)
    assert chrome_line_edits(page, view, find_zones(page)) == []


def test_the_scorer_can_be_switched_off_and_its_threshold_moved():
    page = f"在全镇春季农业生产工作会议上的讲话\n{BODY}\n{MORE}\n关于本站\n"
    assert clean_text(page, NO_RULES, CleanConfig(score=False)).text == page
    menu = f"{BODY}\n作者 发布 浏览\n{MORE}\n"  # three words of the vocabulary on a line of the head or tail
    assert "作者 发布 浏览" in clean_text(menu, NO_RULES, CleanConfig(score_threshold=9)).text


# Pieces of pages of the kinds the scorer and the new joins read: menus, stamps, titles, list
# items broken where links were, document pages led by their number, signatures, footers, and a
# sentence's inline pieces on lines of their own (sentence_pieces.py).
PIECES = ["网站首页", "栏目导航", "在全镇春季农业生产工作会议上的讲话", "2024-03-06 10:12:33", "来源：某某日报",
          "同志们：", BODY, MORE, "1、会前准备：确定议程", "、印发通知；", "2、材料", "准备：主题报告；",
          "3、" + BODY[:30], BODY[30:], "某某镇人民政府", "2024年3月6日", "关于本站", "手机版", "楼上说得好",
          "https://bbs.example.cn/t/8812", "\u3000\u3000", "（掌声）", "王立新", "预祝大会圆满成功！",
          "关于做好2024年", "春季农业生产工作的通知", "(15)", "【收藏】", "3301270000/2023-004512",
          "摘要：各村各部门要提高认识，强化措施，确保各项任务落到实处。", "全镇上下先后被", "某某华人网 | ExampleBBS",
          "新华社南京9月3日电", "女士们，先生们，", "同志们，朋友们：", "“", "”", "(", ")", "三农服务", "共计", "600",
          "余名干部参加。", "5G"]


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=18), st.lists(st.sampled_from(["\n", "\n\n", ""]), min_size=18, max_size=18))
def test_scored_and_joined_pages_replay_and_clean_to_themselves(pieces, breaks):
    page = "".join(piece + gap for piece, gap in zip(pieces, breaks))
    result = clean_text(page, NO_RULES)
    assert apply_edits(page, result.edits) == result.text
    assert all(edit.reason for edit in result.edits if edit.rule == RULE_ID)
    assert clean_text(result.text, NO_RULES).text == result.text


SOME_RULES = None


def _some_rules():
    """Two chrome rules of the default set, so that the scorer also sees where rules removed lines."""
    global SOME_RULES
    if SOME_RULES is None:
        from cleaner.rules import default_rules_dir, load_rules
        SOME_RULES = RuleSet([rule for rule in load_rules([default_rules_dir()]) if rule.id in ("meta.post-stamp", "meta.fields")])
    return SOME_RULES


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["来源：某某日报 发布时间：2024-03-06 10:12", "2024-03-06 10:12 某某网"]), max_size=18),
       st.lists(st.sampled_from(["\n", "\n\n", ""]), min_size=18, max_size=18))
def test_pages_scored_after_rule_removals_replay_and_clean_to_themselves(pieces, breaks):
    page = "".join(piece + gap for piece, gap in zip(pieces, breaks))
    rules = _some_rules()
    result = clean_text(page, rules)
    assert apply_edits(page, result.edits) == result.text
    assert clean_text(result.text, rules).text == result.text
