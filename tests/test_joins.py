"""Joins: sentences broken mid-way, page segments of document sites, list items broken where links
were, and what must never be joined."""
import pytest

from cleaner import apply_edits, clean_text
from cleaner.joins import is_broken_line, join_broken_lines
from cleaner.rules import RuleSet

PROSE = "贯彻落实科学发展观、构建社会主义和谐社会，重心在基层，根本靠党建。为落实好上级党委的部署和要"


def _run(step, text):
    return apply_edits(text, step(text))


@pytest.mark.parametrize("line,broken", [
    (PROSE, True),
    ("1.要配强基层班子。要配强乡镇、街道领导班子。大力", True),
    ("一、统一抓党建工作的认识", False),
    ("第三条 各级人民政府应当加强对档案工作的领导，把档案事业纳入规划，", True),  # an article cut at a comma
    ("第三条 档案工作的领导", False),
    ("在全区基层党建工作会议上的讲话", False),
    ("王孝山", False),
    ("同志们:", False),
    ("统计年报工作讲话 统计是监测国民经济运行态势的仪表,涉及到社会的各个方面 ...", False),
    ("首页 要闻动态 政务公开 政务服务 政民互动 统计数据 内蒙古概况 网站地图 联系我们", False),
    ("集团总经理在全省民营企业座谈会上发言，", True),  # a line that stops at a comma
    ("全面推进乡村振兴，加快建设农业强国、", True),  # or at an enumeration comma
    ("二、请县应急局局长宣读《关于全县防汛工作的通", True),  # an item that stops inside 《…》
])
def test_what_counts_as_a_broken_line(line, broken):
    assert is_broken_line(line) is broken


def test_join_keeps_headings_and_numbered_points_apart():
    text = f"{PROSE}\n\n求,区委近年来作了一些探索。\n\n{PROSE}\n\n一、统一抓党建工作的认识\n"
    assert _run(join_broken_lines, text) == f"{PROSE}求,区委近年来作了一些探索。\n\n{PROSE}\n\n一、统一抓党建工作的认识\n"



def _rules(edits):
    return [edit.rule for edit in edits]


PAGES = [
    pytest.param("1、各位来宾：今天我们在这里隆重集会，庆祝新校区落成。" + "近年来，全县教育事业取得长足进步，办学条件明显改善，" * 4 + "优质教育资源",
                 "2、不断向乡村延伸，教育公平迈出坚实步伐。" + "我们要继续加大投入，补齐短板，办好人民满意的教育。" * 2,
                 "\n", "", id="on the next line"),
    pytest.param("1、同志们：今天召开全县秋季农业生产工作会议。" + "今年以来，全县农业生产总体平稳，粮食播种面积稳中有增，" * 4 + "农田水利",
                 "2、建设扎实推进，防灾减灾能力进一步提升。" + "我们要抓住有利时机，统筹抓好秋收秋种各项工作。" * 2,
                 "\n\n", "上传人：某某\n页数：3\n", id="set apart by a blank line on a page of adjacent lines"),
    # a slide deck's text has commas, no full stops: its first page (`1、…`) is prose, not a heading
    pytest.param("1、公文写作基础，2021年3月，" + "一、公文的种类，按行文方向划分，上行文、平行文、下行文，" * 4 + "公文",
                 "2、的格式要素以及写作要求；公文的常见错误；公文写作应掌握的范例。" + "第二章，公文的结构。" * 2,
                 "\n\n", "", id="the first page of slides"),
]


@pytest.mark.parametrize("page_one,page_two,gap,above", PAGES)
def test_a_document_sites_next_page_starts_with_its_number_and_is_joined(page_one, page_two, gap, above):
    text = f"{above}{page_one}{gap}{page_two}\n"
    edits = join_broken_lines(text)
    assert _rules(edits) == ["layout.join-page-segment"]
    assert apply_edits(text, edits) == f"{above}{page_one}{page_two}\n"  # the page number stays: it is what the site shows
    assert "is the next page of the text" in edits[0].reason


def test_the_last_page_an_excerpt_cuts_short_is_joined_but_not_a_short_item_that_is_not_the_last_line():
    page_one = "1、同志们：今天召开全县秋季农业生产工作会议。" + "今年以来，全县农业生产总体平稳，粮食播种面积稳中有增，" * 4 + "农田水利"
    cut = "3、建设扎实推进，防灾"
    edits = join_broken_lines(f"{page_one}\n{cut}\n")
    assert _rules(edits) == ["layout.join-page-segment"]
    assert join_broken_lines(f"{page_one}\n{cut}\n{PROSE}。\n") == []  # not the excerpt's end: a short item
    assert join_broken_lines(f"{page_one}\n3、加强组织领导\n") == []  # no clause mark: a heading


def test_a_page_that_starts_with_the_comma_its_break_fell_before_is_joined():
    page_one = "1、同志们：今天召开全县秋季农业生产工作会议。" + "今年以来，全县农业生产总体平稳，粮食播种面积稳中有增，" * 4 + "农田水利"
    page_two = "2、，建设扎实推进，防灾减灾能力进一步提升。" + "我们要抓住有利时机，统筹抓好秋收秋种各项工作。" * 2
    edits = join_broken_lines(f"{page_one}\n{page_two}\n")
    assert _rules(edits) == ["layout.join-page-segment"]


def test_a_news_dateline_on_its_own_line_is_joined_to_its_paragraph_with_a_space():
    for dateline in ("新华社南京9月3日电", "某某网10月8日讯", "本报讯（记者 王某）"):
        text = f"{dateline}\n全省秋粮收购工作会议3日在南京召开，会议部署了今年的收购工作。\n"
        edits = join_broken_lines(text)
        assert _rules(edits) == ["layout.join-dateline"]
        assert apply_edits(text, edits) == f"{dateline} 全省秋粮收购工作会议3日在南京召开，会议部署了今年的收购工作。\n"
    heading = "新华社南京9月3日电\n一、总体要求\n"
    assert join_broken_lines(heading) == []


def test_a_salutation_set_over_two_lines_is_one_salutation():
    text = f"尊敬的各位领导，各位来宾，\n同志们，朋友们：\n{PROSE}。\n"
    edits = join_broken_lines(text)
    assert apply_edits(text, edits) == f"尊敬的各位领导，各位来宾，同志们，朋友们：\n{PROSE}。\n"
    finished = f"各位代表：\n同志们：\n{PROSE}。\n"  # each line a salutation of its own
    assert join_broken_lines(finished) == []


def test_a_speech_title_above_its_salutation_is_not_joined_to_the_page_header_above_it():
    header = "2023年在全县乡村振兴工作推进会上的讲话——抓重点，补短板，强弱项"
    title = "2023年在全县乡村振兴工作推进会上的讲话"
    text = f"{header}\n{title}\n同志们：\n{PROSE}。\n"
    assert join_broken_lines(text) == []
    in_the_speech = f"{header}\n{title}，今天我们召开会议。\n同志们，{PROSE}。\n"  # 同志们，… opens a paragraph
    assert _rules(join_broken_lines(in_the_speech)) == ["layout.join-broken-line"]


TITLE_CASES = [
    pytest.param("某某市人民政府办公厅关于印发\n2024年城乡环境整治行动方案的通知\n各区县人民政府：\n",
                 "某某市人民政府办公厅关于印发2024年城乡环境整治行动方案的通知\n各区县人民政府：\n", id="two lines above the addressee"),
    pytest.param("某某省人民政府关于进一步\n加强耕地保护和\n改进占补平衡的意见\n",
                 "某某省人民政府关于进一步加强耕地保护和改进占补平衡的意见\n", id="three lines"),
    pytest.param("某某縣人民政府關於做好\n2023年防汛工作的通知\n", "某某縣人民政府關於做好2023年防汛工作的通知\n", id="Traditional"),
    pytest.param("在全市乡村振兴工作推进\n会议上的讲话\n同志们：\n", "在全市乡村振兴工作推进会议上的讲话\n同志们：\n", id="a speech's"),
    pytest.param("（2024年4月12日在全县\n教育工作会议上）\n", "（2024年4月12日在全县教育工作会议上）\n", id="a dated occasion line"),
    pytest.param("——2022年1月6日在某某镇第十八届人民代表大会\n第二次会议上\n", "——2022年1月6日在某某镇第十八届人民代表大会第二次会议上\n",
                 id="an occasion line under a dash"),
]


@pytest.mark.parametrize("text,joined", TITLE_CASES)
def test_a_title_set_over_lines_is_joined_from_its_opening_to_its_end(text, joined):
    edits = join_broken_lines(text)
    assert set(_rules(edits)) == {"layout.join-title"}
    assert apply_edits(text, edits) == joined


@pytest.mark.parametrize("text", [
    "关于开展安全生产大检查的通知\n关于做好秋冬季疫情防控工作的通知\n",  # two whole titles
    "关于加强农村人居环境整治\n关于印发某某办法的通知\n",  # a link list: each line opens its own 关于
    "关于做好2024年春耕备耕工作的通知\n某政办发〔2024〕3号\n",  # the document number is no part of the title
    "关于这个问题，我讲三点意见\n一是要提高认识的通知\n",  # a sentence, not a title
    "一、关于抓好基层党建\n工作的意见\n",  # a numbered heading
    "在全县脱贫攻坚总结大会上的讲话\n在全县乡村振兴推进会上的讲话\n",  # two whole titles
])
def test_lines_that_are_not_one_title_are_not_joined_as_one(text):
    assert "layout.join-title" not in _rules(join_broken_lines(text))


@pytest.mark.parametrize("turn", ["女：同学们，新的学期开始了。", "（男）让我们以热烈的掌声欢迎", "甲：让我们共同努力", "男1：尊敬的各位领导", "b：连接词", "A：难忘今宵"])
def test_a_turn_of_a_host_script_is_never_the_rest_of_the_line_above(turn):
    text = f"{PROSE}\n{turn}\n"
    assert join_broken_lines(text) == []


def test_a_line_may_continue_with_a_templates_placeholder_but_not_with_a_bullet():
    for placeholder in ("***区新的发展目标，集中力量抓经济。", "*县长对下步工作提出了明确要求。"):
        assert _rules(join_broken_lines(f"{PROSE}\n{placeholder}\n")) == ["layout.join-broken-line"]
    assert join_broken_lines(f"{PROSE}\n* 关于我们\n") == []


REGULATION = [  # a regulation copied from a PDF: one column width, each article led by its number
    "第一章 总则",
    "第一条 为规范本会计师事务所的内部管理，提高执业质量，根据",
    "《中华人民共和国注册会计师法》等有关规定，结合本所实际，制",
    "定本办法。",
    "第二条 本办法适用于本所全体执业人员及其他工作人员，包括",
    "合伙人、项目经理、审计助理和行政人员。",
    "第三条 本所实行合伙人会议领导下的所长负责制，所长对合伙",
    "人会议负责，主持本所的日常管理工作。",
    "第四条 执业人员应当遵守职业道德守则，保持独立、客观和公",
    "正，不得以个人名义承接业务。",
    "第五条 本所建立执业质量复核制度，项目经理、部门负责人和",
    "合伙人分别对工作底稿进行三级复核。",
]


def test_a_regulations_articles_are_joined_where_the_pdf_column_wrapped_them():
    text = "\n".join(REGULATION) + "\n"
    joined = apply_edits(text, join_broken_lines(text)).split("\n")
    assert joined[:4] == ["第一章 总则",
                          "第一条 为规范本会计师事务所的内部管理，提高执业质量，根据《中华人民共和国注册会计师法》等有关规定，结合本所实际，制定本办法。",
                          "第二条 本办法适用于本所全体执业人员及其他工作人员，包括合伙人、项目经理、审计助理和行政人员。",
                          "第三条 本所实行合伙人会议领导下的所长负责制，所长对合伙人会议负责，主持本所的日常管理工作。"]


def test_a_pdf_wrap_before_a_decimal_number_is_joined():
    """4.2亿人 at a line start is the rest of a sentence, not a numbered heading (4.2 节)."""
    first = "今年以来，全县旅游业持续回暖。全年接待游客总人次较上年明显增长，旅游总收入达到"
    text = f"{first}\n4.2亿元，同比增长百分之十二。\n"
    edits = join_broken_lines(text)
    assert _rules(edits) == ["layout.join-broken-line"]
    assert apply_edits(text, edits) == f"{first}4.2亿元，同比增长百分之十二。\n"


PDF_COLUMN = ["刚才，县农业农村局通报了全县秋粮收购进展情", "况，各乡镇和有关部门作了表态发言，讲得都很",
              "实在，我都同意。下面，我就做好今冬明春农田", "水利建设再强调几点，请大家抓好贯彻落实，确",
              "保各项任务按时保质完成。"]


def test_lines_that_fill_a_pdf_column_are_joined_though_few_have_two_commas():
    text = "\n".join(PDF_COLUMN) + "\n"
    edits = join_broken_lines(text)
    assert apply_edits(text, edits) == "".join(PDF_COLUMN) + "\n"
    assert set(_rules(edits)) == {"layout.join-broken-line"}


def test_headlines_of_one_width_are_not_a_pdf_column():
    headlines = ["全县秋粮收购工作推进会召开部署下阶段任务", "县农业农村局开展农机安全生产专项检查行动",
                 "某镇召开冬春农田水利建设动员大会部署工作", "县委宣传部举办基层理论宣讲骨干培训班开班"]
    assert join_broken_lines("\n".join(headlines) + "\n") == []
    # nor when a page holds many of them between lines of other widths: no clause marks, no column
    page = [line for headline in headlines * 2 for line in (headline, "某某县人民政府网站", "2024-03-06")]
    assert join_broken_lines("\n".join(page) + "\n") == []


def test_a_numbered_paragraph_after_a_finished_one_is_not_a_page():
    text = "1、" + "我们要继续加大投入，补齐短板，办好人民满意的教育。" * 5 + "\n2、" + "要抓好队伍建设，提高教师素质，" * 4 + "\n"
    assert join_broken_lines(text) == []


LIST_PAGE = "\n".join([
    "1、会前准备：确定议程、印发通知、布置会场；",
    "2、材料准备：主题",
    "报告、",
    "典型发言、会议须知、议程表；",
    "3、后勤",
    "保障：食宿安排、车辆调度、医疗保障；",
    "4、会后工作：整理纪要、",
    "督办落实。",
    "5、总结评估：形成书面报告；",
]) + "\n"


def test_list_items_broken_where_links_were_are_joined_on_a_page_whose_items_end_with_semicolons():
    edits = join_broken_lines(LIST_PAGE)
    assert set(_rules(edits)) <= {"layout.join-list-item", "layout.join-broken-line"}
    assert apply_edits(LIST_PAGE, edits).splitlines() == [
        "1、会前准备：确定议程、印发通知、布置会场；",
        "2、材料准备：主题报告、典型发言、会议须知、议程表；",
        "3、后勤保障：食宿安排、车辆调度、医疗保障；",
        "4、会后工作：整理纪要、督办落实。",
        "5、总结评估：形成书面报告；",
    ]


def test_a_list_item_that_ends_with_an_address_is_finished_and_the_signature_below_stays_apart():
    items = ("1、各单位要高度重视，认真组织干部职工积极参与；\n\n2、各单位要认真梳理，及时汇总本单位的意见建议；\n\n"
             "3、请于10月8日前报送。纸质材料送办公室，电子文档请发送至电子邮箱：bgs2024@example.cn\n\n党委办公室\n\n2024年9月1日\n")
    assert join_broken_lines(items) == []


def test_headings_above_paragraphs_are_not_list_items():
    text = "\n".join(["一、提高认识", "各级党组织要高度重视，切实加强领导，把各项工作落到实处。", "二、明确任务",
                   "今年的主要任务是抓好三件事，一是抓学习，二是抓整改，三是抓落实。", "三、强化保障",
                   "要加强经费保障，确保工作顺利推进，按期完成各项目标任务。", "四、严格考核",
                   "要把考核结果作为评先评优的重要依据，对工作不力的要严肃问责。"]) + "\n"
    assert join_broken_lines(text) == []


@pytest.mark.parametrize("first,second", [
    ("习近平出席会议并发表重要讲话。新华社记者 李学仁 摄", "会议强调，要坚持稳中求进工作总基调，推动高质量发展。"),
    ("当前我县经济运行总体平稳，主要指标好于预期 3 k! M8 q, x# d", "下一步要抓好项目建设，确保全年目标完成。"),
    ("纸质材料请送至办公室，电子文档请发送至电子邮箱：bgs2024@example.cn", "县委办公室"),
    ("相关政策解读请登录县政府门户网站查看，网址：http://www.example.gov.cn/zcjd", "县人民政府办公室"),
])
def test_a_photo_credit_a_jammer_tail_or_an_address_ends_a_line(first, second):
    assert join_broken_lines(f"{first}\n{second}\n") == []


def test_an_indented_line_after_an_unfinished_one_opens_a_paragraph_unless_a_word_is_split():
    unfinished = "在人民大会堂举行盛大招待会，党和国家领导人与各界代表共聚一堂，共同庆祝佳节"
    page = f"{unfinished}\n\u3000\u3000简单说，地点是人民大会堂，事件是招待会。\n"
    cleaned = clean_text(page, RuleSet()).text
    assert cleaned == f"{unfinished}\n\u3000\u3000简单说，地点是人民大会堂，事件是招待会。\n"  # the indent tells a paragraph
    assert clean_text(cleaned, RuleSet()).text == cleaned
    split = "各级机关党组织要切实担负起管党治党的政治责任，抓好班子，带好队伍，把各项任务落到实"
    assert clean_text(f"{split}\n\u3000\u3000处，推动工作不断取得新成效。\n", RuleSet()).text == f"{split}处，推动工作不断取得新成效。\n"
    comma = "接下来，我们进行第二项议程，请各代表团分组讨论。在此，"  # no paragraph ends at a comma
    assert clean_text(f"{comma}\n\n\u3000\u3000让我们以热烈的掌声表示欢迎！\n", RuleSet()).text == f"{comma}让我们以热烈的掌声表示欢迎！\n"


@pytest.mark.parametrize("second,joined", [
    ("1 工作目标。经过几年来的努力，创建工作取得了阶段性成果。", "工作目标。经过几年来的努力，创建工作取得了阶段性成果。"),
    ("3 个乡镇，共涉及农户两千余户。", "3 个乡镇，共涉及农户两千余户。"),  # a quantity: the number is the text's
])
def test_a_page_number_the_break_left_at_the_start_of_the_rest_goes_with_the_join(second, joined):
    first = "通过视察了解到，我县已通过了省级考核验收。2006年，县委、县政府又确立了创建国家级卫生县城的"
    text = f"{first}\n{second}\n"
    edits = join_broken_lines(text)
    assert apply_edits(text, edits) == f"{first}{joined}\n"
    assert _rules(edits) == ["layout.join-page-break" if joined != second else "layout.join-broken-line"]
