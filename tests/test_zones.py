"""Head and tail zones around the body."""
from cleaner.zones import find_zones, is_body_line, is_heading, is_title_like

BODY = "各级党组织要深刻认识加强基层党建工作的重要意义，把思想和行动统一到上级的部署要求上来，确保任务落实。"


def test_zones_sit_before_the_first_and_after_the_last_body_line():
    text = f"标题\n07/14\n{BODY}\n{BODY}\n相关内容\n• 链接\n"
    zones = find_zones(text)
    assert text[:zones.head_end] == "标题\n07/14\n"
    assert text[zones.tail_start:] == "相关内容\n• 链接\n"


def test_a_text_without_body_lines_is_all_head():
    text = "标题\n作者\n"
    assert find_zones(text).head_end == len(text) and find_zones(text).tail_start == len(text)


def test_line_kinds():
    assert is_body_line(BODY) and not is_body_line("相关内容 ...")
    assert is_heading("一、统一抓党建工作的认识") and not is_heading("1.要配强基层班子。要配强乡镇。")
    assert is_title_like("在全区基层党建工作会议上的讲话") and not is_title_like("同志们") and not is_title_like("一、认识")


def test_a_preview_cut_off_after_the_body_is_body_and_a_teaser_after_links_is_tail():
    body = "同志们：今天召开全镇安全生产工作会议，主要任务是总结上半年工作，部署下半年任务。"
    cut = ("近年来，镇党委、镇政府高度重视安全生产工作，多次专题研究部署，但一些企业主体责任落实不到位，"
           "隐患排查流于形式，应急演练走过场，个别村组在汛期巡查中还存在人员不到位、台账不齐全等问题……")
    paywall = "预览结束，获取全文请登录"
    page = f"{body}\n{cut}\n{paywall}\n"
    assert find_zones(page).tail_start == len(f"{body}\n{cut}\n")
    links = f"{body}\n相关文章\n某镇召开秋季防火工作会议\n{cut}\n"
    assert find_zones(links).tail_start == len(f"{body}\n")  # after a link's title: another page's teaser
    heading = "二、压实责任，抓好隐患排查整治"  # a preview may stop right after a section heading too
    assert find_zones(f"{body}\n{heading}\n{cut}\n{paywall}\n").tail_start == len(f"{body}\n{heading}\n{cut}\n")
