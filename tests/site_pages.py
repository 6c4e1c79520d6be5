"""Pages of made-up sites in the shapes real scrapes have, for the learning tests.

Every office, title, date and line of chrome here is invented. Each builder returns the page, the
lines a cleaner must keep (in order) and the chrome lines it must remove.
"""
NOTICE_TOPICS = ["春季农田水利建设", "秸秆综合利用", "高标准农田验收", "农机安全生产检查", "耕地保护督察",
                 "农产品质量安全抽检", "冬春动物防疫", "种子市场专项整治", "农村人居环境整治", "防汛抗旱物资储备"]
NOTICE_PARAGRAPHS = [
    "各乡镇要高度重视此项工作，明确一名分管负责同志和一名具体联络人员，按照通知确定的时间节点倒排工期，确保各项任务按期保质完成。",
    "请各单位于规定时间前将工作总结和统计报表加盖公章后报送县局相关股室，同时发送电子版，逾期未报的单位将在全县范围内予以通报。",
    "要坚持问题导向和目标导向相结合，对检查中发现的各类问题逐一建立工作台账，逐项明确整改责任人、整改措施和整改时限，实行销号管理。",
    "各相关单位要进一步加强协作配合，形成上下联动、齐抓共管的工作合力，切实做到信息共享、问题共商、难题共解，推动工作落地见效。",
    "对工作推进不力、数据弄虚作假、群众反映强烈的单位，县局将按照有关规定约谈主要负责人，并严肃追究相关人员的责任，决不姑息迁就。",
    "要进一步加大宣传力度，通过村广播、微信群、明白纸等多种渠道宣传政策要点和办理流程，营造全社会关心支持、共同参与的良好氛围。",
    "各地要结合本地实际，细化实化工作方案，把目标任务分解到村、落实到户，确保每一项措施都有人抓、有人管、有人督促检查。",
    "县局将适时组织专项督查，督查结果纳入年度目标责任考核，对成效明显的乡镇予以通报表扬，对进度滞后的乡镇进行约谈提醒。",
]
SPEECH_TOPICS = ["乡村振兴", "营商环境优化", "安全生产", "基层治理", "生态环境保护",
                 "招商引资", "民生实事", "作风建设", "防汛救灾", "文明城市创建"]
SPEECH_PARAGRAPHS = [
    "过去一年，全县上下攻坚克难、真抓实干，主要经济指标好于预期，重点项目建设提速增效，群众获得感持续增强。",
    "我们也要清醒看到，发展不平衡不充分的问题依然突出，一些干部担当意识不强、工作作风不实，必须下大力气加以解决。",
    "今年的目标任务已经明确，关键在于抓落实。各级各部门要把责任扛在肩上，把任务落到实处，以钉钉子精神抓好每一项工作。",
    "要坚持以人民为中心的发展思想，聚焦群众急难愁盼问题，办好每一件民生实事，让改革发展成果更多更公平地惠及全县人民。",
    "要进一步转变作风、提升效能，大兴调查研究之风，多到基层一线听实情、解难题，坚决反对形式主义和官僚主义。",
    "要统筹发展和安全，压紧压实各方责任，深入排查整治各类风险隐患，坚决守住不发生重大安全事故的底线。",
    "各乡镇、各部门主要负责同志要亲自研究、亲自部署、亲自督办，分管同志要靠前指挥，形成一级抓一级、层层抓落实的局面。",
    "同志们，任务艰巨，使命光荣。让我们以更加饱满的热情、更加务实的作风，奋力开创全县各项事业发展新局面。",
]
DIGITS_IN_CHARACTERS = "〇一二三四五六七八九"


def in_characters(year: int, month: int, day: int) -> str:
    """二〇二三年八月二十二日"""
    def number(n: int) -> str:
        if n < 10:
            return DIGITS_IN_CHARACTERS[n]
        return ("" if n < 20 else DIGITS_IN_CHARACTERS[n // 10]) + "十" + (DIGITS_IN_CHARACTERS[n % 10] if n % 10 else "")
    return "".join(DIGITS_IN_CHARACTERS[int(d)] for d in str(year)) + "年" + number(month) + "月" + number(day) + "日"


def _page(*blocks: list[str]) -> str:
    """Blocks of adjacent lines, a blank line between two blocks."""
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def notice(n: int) -> tuple[str, list[str], list[str]]:
    """A county bureau's notice: the bureau's name above the navigation, the same office and a
    date (in figures or characters) at the end of every page, `（此件公开发布）`, some attachments."""
    month, day = n % 12 + 1, n * 3 % 28 + 1
    date = in_characters(2023, month, day) if n % 2 else f"2023年{month}月{day}日"
    title = f"云溪县农业农村局关于做好{NOTICE_TOPICS[n]}工作的通知"
    body = [NOTICE_PARAGRAPHS[(n * 3 + k) % 8] for k in range(3)]
    attachment = [f"附件：{NOTICE_TOPICS[n]}工作统计表"] if n % 3 == 0 else []
    signature = ["云溪县农业农村局", date, "（此件公开发布）"]
    banner = ["云溪县农业农村局", "首页 | 机构概况 | 政务公开 | 通知公告 | 办事服务 | 互动交流", "当前位置：首页 > 政务公开 > 通知公告"]
    meta = f"发布日期：2023-{month:02d}-{day:02d}  来源：县农业农村局  浏览次数：{n * 13 + 5}"
    footer = ["【打印本页】【关闭窗口】", "扫一扫在手机打开当前页", "主办：云溪县农业农村局  承办：云溪县信息中心",
              "地址：云溪县滨河路88号  邮编：000000  备案号：云ICP备00000000号"]
    addressee = "各乡镇人民政府，县直有关单位："
    text = _page(banner, [title], [meta], [addressee], *([p] for p in body), *([a] for a in attachment), signature, footer)
    return text, [title, addressee, *body, *attachment, *signature], [*banner[1:], meta, *footer]


def speech_title(n: int) -> str:
    return f"在全县{SPEECH_TOPICS[n]}推进会上的讲话"


def mirrored_speech(n: int, pages: int = 10, sidebar: bool = False) -> tuple[str, list[str], list[str]]:
    """A speech on an essay site that lists every other page's title: in a related-links list at
    the end, or (`sidebar`) in a list of popular pages above the title. The date is bracketed."""
    title = speech_title(n)
    others = [speech_title(k) for k in range(pages) if k != n]
    date = f"（2023年{n % 12 + 1}月{n + 3}日）"
    byline = f"作者：佚名  来源：网络  发布时间：2023-{n % 12 + 1:02d}-{n + 3:02d}"
    body = [SPEECH_PARAGRAPHS[(n * 3 + k) % 8] for k in range(3)]
    kept = [title, date, "同志们：", *body, "谢谢大家！"]
    head = [["东篱文库 > 领导讲话 > 会议讲话"]] + ([["热门文章", *others]] if sidebar else [])
    tail = [] if sidebar else [["相关阅读", *others]]
    text = _page(*head, [title, date], [byline], ["同志们："], *([p] for p in body), ["谢谢大家！"], *tail)
    return text, kept, ["东篱文库 > 领导讲话 > 会议讲话", byline] + ([] if sidebar else ["相关阅读", *others])


MIRROR_SITES = [("东篱文库 > 领导讲话", "本文由东篱文库整理"), ("南山文档 首页 | 讲话稿", "南山文档 版权所有"),
                ("当前位置：北斗范文网 > 讲话", "北斗范文网提醒：请勿转载")]


def copy_on_mirror(doc: int, site: int) -> tuple[str, list[str], list[str]]:
    """Speech `doc` as mirror site `site` carries it."""
    banner, footer = MIRROR_SITES[site]
    kept = [speech_title(doc), "同志们：", *(SPEECH_PARAGRAPHS[(doc * 3 + k) % 8] for k in range(3)), "谢谢大家！"]
    return _page([banner], *([line] for line in kept), [footer]), kept, [banner, footer]


READ_SO_FAR = ["已阅读{}页,还剩{}页未读", "已阅读{}页，还剩{}页未读", "已阅读{}页 , 还剩{}页未读", "已阅读{}页， 还剩{}页未读",
               "已阅读{}页、还剩{}页未读"]


def document_preview(n: int) -> tuple[str, list[str], list[str]]:
    """A document-sharing site's preview, cut short with a `已阅读N页,还剩N页未读` line whose comma
    and spacing differ from page to page."""
    title = f"{SPEECH_TOPICS[n]}工作情况汇报材料"
    read = 3 + n % 4
    progress = READ_SO_FAR[n % len(READ_SO_FAR)].format(read, 10 - n % 4)
    body = [SPEECH_PARAGRAPHS[(n * 3 + k) % 8] for k in range(3)]
    uploader = f"上传者：用户{n + 100}  文档页数：{read + 10}页  下载积分：{n % 3 + 1}"
    text = _page([f"{title} - 文档库"], [uploader], [title], *([p] for p in body), [progress], ["下载文档  收藏  分享"])
    return text, [title, *body], [uploader, progress, "下载文档  收藏  分享"]
