"""The chrome-line scorer: removes lines no rule names when their own signals and their place say
clearly that they are the site's, not the document's.

Each line left after the rules gets evidence for chrome (words of the site's vocabulary by class,
shapes such as a bare URL or a date-time stamp, no Chinese at all) and for text (clause
punctuation, a sentence of its own). Lines the speech protections keep (title, speaker, date,
salutation, heading, numbered point, closing, signature, notes in brackets) are never removed.
Then the line's place decides what weaker evidence is enough, as jusText relabels short blocks by
their context: in the head above the page's title a short line is navigation, after the body it
is a footer link, and in the body a short line between two chrome lines is chrome.

Every removal is an edit whose reason names its evidence (`short, no clause punctuation, above
the title`, `2 chrome words (下载, 会员)`), so a reviewer sees why. The decisions depend only on
the text as it is, so cleaning the output again removes nothing more.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from .config import DEFAULT_THRESHOLD
from .joins import broken_titles, may_continue
from .model import Edit
from .zones import HEADING_MARKER, SALUTATION, SPEAKER_TURN, Zones, iter_lines

RULE_ID = "score.chrome-line"
DESCRIPTION = ("Drops a line no rule names when its own signals (short, no clause punctuation, words of a site's "
               "vocabulary, a URL or stamp) and its place (above the title, after the body, between chrome lines) "
               "say clearly that it is the site's.")

# Words of a site's own vocabulary, by class (matched on the folded view: Simplified, half-width).
# A speech may use any one of them in a sentence; on a short line without a sentence they are
# the site talking about itself.
CHROME_WORDS = {
    "navigation": "首页 主页 返回 导航 栏目 频道 专题 专栏 目录 上一篇 下一篇 上一页 下一页 更多 列表 排行 推荐阅读 热门 热点 最新 往期",
    "account": "登录 登陆 注册 密码 用户名 会员中心 个人中心 退出",
    "sharing": "分享 收藏 打印 扫一扫 二维码 公众号 微博 微信 朋友圈 转发 点赞 关注我们 订阅 轮播",
    "comments": "评论 留言 跟帖 网友 举报 楼主 回帖 发帖",
    "documents": "文档 文库 下载 上传 预览 积分 VIP 付费 页数 范文网 素材 模板 资源网",
    "metadata": "来源 作者 责编 编辑 发布 更新时间 浏览 阅读量 点击 访问量 次数 热度 人气 标签 关键词",
    "site": "网站 本站 本网 网址 版权 备案 客服 联系我们 广告 友情链接 手机版 电脑版 客户端 APP 数字报 报刊",
}
_WORDS = sorted({word for words in CHROME_WORDS.values() for word in words.split()}, key=lambda w: (-len(w), w))
CHROME_WORD = re.compile("|".join(re.escape(word) for word in _WORDS))
# ASCII classes only: a class of \w would run over whole Chinese lines at every position.
URL = regex.compile(r"(?i:https?://|www\.)|[A-Za-z0-9._-]@[A-Za-z0-9-]+\.[A-Za-z]|[A-Za-z0-9-]\.(?:com|cn|net|org|gov|edu)\b")
STAMP = regex.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}")
PROSE_MARK = re.compile(r"[，,、；;]")
SENTENCE_MARK = re.compile(r"[。！？!?]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # the stdlib is faster on plain classes
SHORT_CHARS = 10  # non-space characters of a short line: a menu item, a site name, a label
TITLE_MIN_CHARS = 6
TITLE_END_MARKS = "。！？!?；;，,、:："  # a line ending so is a sentence, a clause or a label, not a title
TITLE_SUFFIX = re.compile(r"[(\[【][^()\[\]【】]{1,8}[)\]】]$")
TITLE_COPY_SHARED = 0.6  # of a line's character pairs found in the title: the title's copy, not navigation
TITLE_MAX_CHARS = 80

# The speech protections: lines a speech or an official document is made of.
# Template placeholders (20XX年X月X日, ×月×日, 某月某日) are a date too.
DATE = regex.compile(r"^[(（]?\s*(?:\d{4}|\d{2}[Xx×*]{2}|[〇○零一二三四五六七八九]{4})\s*年(?:\s*[\d一二三四五六七八九十Xx×*某]{1,3}\s*月)?"
                     r"(?:\s*[\d一二三四五六七八九十Xx×*某]{0,3}\s*日)?\s*[)）]?$")
CLOSING = regex.compile(r"^(?:谢谢(?:大家|各位)?|謝謝(?:大家|各位)?|此致|敬礼|特此(?:通知|通告|公告|报告|函告|说明)|"
                     r"(?:现在)?(?:散会|闭会|休会|闭幕)|(?:本次)?会议(?:到此)?结束|"
                        r"以上.{0,20}(?:发言|汇报|讲话|意见)|妥否.{0,8}|[(（]?(?:完|全文完|结束)[)）]?|"
                        r"(?:预祝|祝愿?|恭祝).{2,30})[。!！.]*$")
# A line that ends a sentence of its own (预祝大会圆满成功！) is the document speaking.
SENTENCE = regex.compile(r"\p{Han}.{2,}[。！？!?]$")
# Pieces of an enumeration end in its marks; chrome does not.
ENUMERATION_END = "、，,；;"
SIGNATURE = regex.compile(r"(?:委员会|委员|人民政府|政府|办公室|办公厅|局|厅|部|处|院|所|中心|支部|党委|党组|总支|工委|"
                          r"领导小组|小组|协会|学会|联合会|公司|集团|大学|学院|学校|医院|银行|街道|社区|村委会|居委会|委)$")
SALUTE = regex.compile(r"^(?:大家好|各位.{0,20}[:：]|.{0,30}(?:领导|同志|代表|来宾|嘉宾|朋友|同学|老师|委员|家长)(?:们)?[:：])")
NOTE = regex.compile(r"^(?:[(（【\[].{0,30}[)）】\]]|……+|…+|\.{3,}|(?:附件|附表|附录|附图).{0,40}|——.*|—.*)$")
# The fields that close an official document (版记) and the roles that sign or chair a speech.
DOCUMENT_FIELD = regex.compile(r"^(?:签发人|签发|拟稿人|拟稿|审核人|核稿人|审稿|联系人|抄送|抄报|主送|印发|主题词|发文机关|"
                               r"主持人|主持|发言人|记录人|记录)\s*[:：]")
ROLES = ("书记|副书记|主任|县长|市长|省长|区长|镇长|乡长|局长|部长|厅长|处长|科长|主席|委员|常委|院长|校长|董事长|经理|"
         "总经理|会长|秘书长|行长|所长|站长|队长|组长|社长")
ROLE_AND_NAME = regex.compile(rf"^\p{{Han}}{{0,12}}(?:{ROLES})\s+\p{{Han}}{{2,4}}$")
# Common surnames, for the speaker under a title and the name that signs a speech.
SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
                     "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
                     "钱严覃武戴莫孔向汤习温胡彭栗汪赵韩蔡丁")
NAME = regex.compile(r"^\p{Han}{2,4}$")
# A headline the head repeats that shares almost no word with the rest of the page is another
# page's, shown as a banner (a page's own title shares many: measured at 38 % and more).
BANNER_MIN_BIGRAMS = 10
BANNER_MAX_SHARED = 0.1
BANNER_MIN_REST = 200  # Han characters the rest of the page needs for the comparison to mean anything


HEAD, BODY, TAIL = "head", "body", "tail"
SHAPE_POINTS = {"a URL or e-mail address": 2.0, "a date-time stamp": 2.0, "a row of short items": 2.0,
                "no Chinese": 1.0, "separators": 1.0}
# A menu, a tag list or a widget bar: three or more short items set apart by spaces, nothing else
# (打印 关闭 收藏, 教育  时事  经济). Letter-spaced titles (主 持 词) have one-character items.
ITEM_ROW = regex.compile(r"^(?:[\p{Han}A-Za-z0-9]{2,8}(?:\s+|$)){3,}$")
# ... but a row of names (成员：… continued on the next line) or of a role, a name and a date is the document's.
ROW_ROLE_OR_DATE = regex.compile(rf"(?:{ROLES}|主持人|成员)$|\d年|\d月|\d日")
# A / or · between digits is a date, a fraction or a rhythm (2023/5/6, 1/3, 5·12, 2·2·1), not a menu's.
SEPARATORS = regex.compile(r"[|丨»>]|(?<!\d)[/·]|[/·](?!\d)")
LETTER_OR_DIGIT = regex.compile(r"[A-Za-z0-9]")


@dataclass(slots=True)  # thousands a page: slots make them quicker to make and read
class Line:
    start: int
    end: int  # in the text, without the line break
    text: str  # stripped, folded as rules see it
    zone: str
    words: list[str] = field(default_factory=list)  # chrome words found
    shapes: list[str] = field(default_factory=list)  # chrome shapes found
    prose: bool = False
    protected: str | None = None
    chrome: bool = False
    reason: str = ""

    @property
    def short(self) -> bool:
        return len(self.text.replace(" ", "")) <= SHORT_CHARS

    @property
    def points(self) -> float:
        return min(len(self.words), 3) + sum(SHAPE_POINTS[shape] for shape in self.shapes)

    def evidence(self) -> str:
        parts = ["short"] if self.short else []
        if not PROSE_MARK.search(self.text):
            parts.append("no clause punctuation")
        if self.words:
            parts.append(f"{len(self.words)} chrome word{'s' if len(self.words) > 1 else ''} ({', '.join(self.words)})")
        return ", ".join(parts + self.shapes)

    def call_chrome(self, reason: str) -> None:
        self.chrome, self.reason = True, reason


def _read(start: int, end: int, text: str, zones: Zones) -> Line:
    """A line with its evidence and its protection."""
    zone = HEAD if end <= zones.head_end else TAIL if start >= zones.tail_start else BODY
    line = Line(start, end, text, zone)
    marks = text.count(",") + text.count("、") + text.count(";")  # the view folds ，；to ASCII
    line.prose = marks >= 2 or SENTENCE_MARK.search(text, 0, len(text) - 1) is not None or (
        len(text) >= 8 and text[-1] in "。！？!?" and marks >= 1)
    if line.prose:
        return line  # prose is text: its evidence is not needed
    line.words = sorted(set(CHROME_WORD.findall(text)), key=text.find)
    if URL.search(text):
        line.shapes.append("a URL or e-mail address")
    if STAMP.search(text):
        line.shapes.append("a date-time stamp")
    if not HAN.search(text) and LETTER_OR_DIGIT.search(text):
        line.shapes.append("no Chinese")
    if len(SEPARATORS.findall(text)) >= 2:
        line.shapes.append("separators")
    if " " in text and is_item_row(text):
        line.shapes.append("a row of short items")
    line.protected = _protection(text)
    return line


NUMBERED = "a heading or numbered point"


def _protection(text: str) -> str | None:
    """Why the speech protections keep this line, if they do."""
    if HEADING_MARKER.match(text):
        return NUMBERED
    if SPEAKER_TURN.match(text):
        return "a turn of a host script"
    if SALUTATION.match(text) or SALUTE.match(text):
        return "a salutation"
    if CLOSING.match(text):
        return "a closing"
    if NOTE.match(text):
        return "a note, placeholder or subtitle"
    if DOCUMENT_FIELD.match(text):
        return "a field that closes an official document"
    if ROLE_AND_NAME.match(text):
        return "a speaker's or signer's role and name"
    if _is_date(text):
        return "a date"
    if SENTENCE.match(text):
        return "a sentence of its own"
    if text[-1] in ENUMERATION_END:
        return "a piece of an enumeration"
    if len(text) <= 40 and SIGNATURE.search(text) and not CHROME_WORD.search(text):
        return "a signature"
    return None


def is_item_row(text: str) -> bool:
    """A row of short items (ITEM_ROW) that is not a row of names, roles or dates."""
    if ITEM_ROW.match(text) is None:
        return False
    items = text.split()
    return not (all(_is_name(item) for item in items) or any(ROW_ROLE_OR_DATE.search(item) for item in items))


def _is_date(text: str) -> bool:
    return DATE.match(text.replace(" ", "")) is not None


def _is_name(text: str) -> bool:
    return NAME.match(text) is not None and text[0] in SURNAMES


def _title_like(line: Line) -> bool:
    """A candidate for the page's title: a headline's length and shape (a news title may hold
    one word of the site vocabulary, 发布会, 评论; two make a menu)."""
    return (TITLE_MIN_CHARS <= len(line.text) <= TITLE_MAX_CHARS and not line.prose and len(_title_words(line)) <= 1
            and not line.shapes and not _is_date(line.text) and line.text[-1] not in TITLE_END_MARKS)


def _title_words(line: Line) -> list[str]:
    """The chrome words of a line but those in a bracketed suffix (精选文档), (完整版), which a
    site adds to the title of the file it sells."""
    suffix = TITLE_SUFFIX.search(line.text)
    return line.words if suffix is None else CHROME_WORD.findall(line.text, 0, suffix.start())


def _exclaimed_headline(line: Line) -> bool:
    """A news headline cut by one ! or ? (首次披露!报告出炉幕后): prose by its mark, a title by its shape."""
    text = line.text
    inner = SENTENCE_MARK.findall(text, 0, len(text) - 1)
    return (line.prose and TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS and inner in (["!"], ["?"])
            and not PROSE_MARK.search(text) and text[-1] not in TITLE_END_MARKS and len(CHROME_WORD.findall(text)) <= 1)


def _page_title(head: list[Line]) -> Line | None:
    """The page's title: the longest title-like line of the head, preferring lines without a
    comma (a lede or subtitle has one), and never a numbered heading while another line is
    title-like (2.0 职责 heads a section); the earliest of equal length."""
    candidates = [line for line in head if not line.chrome and (_title_like(line) or _exclaimed_headline(line))]
    unnumbered = [line for line in candidates if line.protected != NUMBERED]
    without_comma = [line for line in unnumbered if not PROSE_MARK.search(line.text)]
    chosen = without_comma or unnumbered or candidates
    return max(chosen, key=lambda line: (len(line.text), -line.start)) if chosen else None


def _copy_of(line: Line, title: Line) -> bool:
    """A copy of the title (masked, 胡主席 as ****, or with a site's suffix): most pairs shared."""
    pairs = _bigrams(line.text)
    return bool(pairs) and sum(pair in title.text for pair in pairs) / len(pairs) >= TITLE_COPY_SHARED


def chrome_line_edits(text: str, view: str, zones: Zones, threshold: float = DEFAULT_THRESHOLD,
                      removed: tuple[int, ...] = ()) -> list[Edit]:
    """Edits dropping the lines the scorer calls chrome; `view` is the folded view of `text`;
    `removed`: offsets where rules dropped lines, each a chrome neighbour of the lines around it."""
    lines = [_read(s, e, line, zones) for s, e in iter_lines(text) if (line := view[s:e].strip())]
    for first, last in broken_titles([line.text for line in lines]):
        for line in lines[first:last + 1]:
            line.protected = line.protected or "a piece of a title set over lines (the joins make it one)"
    head = [line for line in lines if line.zone == HEAD]
    banners = _banners(lines, head)
    title = _page_title(head)
    for index, line in enumerate(lines):
        if title is not None and line.zone == HEAD and line.start < title.start and line.protected == "a date":
            line.call_chrome("a date above the title: the page's, not the speech's")
        elif not (line.chrome or line is title or line.protected or line.prose):
            _judge(line, lines, index, title, threshold)
    _relabel_between_chrome(lines, _removed_before(lines, removed), title)
    edits = [_drop(text, line) for line in lines if line.chrome] + _glued_banners(text, head, banners)
    return sorted(edits, key=lambda edit: edit.start)


def _judge(line: Line, lines: list[Line], index: int, title: Line | None, threshold: float) -> None:
    """Call `line` chrome when its evidence is enough for where it stands."""
    above = lines[index - 1] if index > 0 else None
    below = lines[index + 1] if index + 1 < len(lines) else None
    if above is not None and may_continue(above.text, line.text) and not line.shapes:
        return  # the rest of the line above: the joins decide it (a URL, a stamp or a menu is no one's rest)
    # In the body a heading may well name a website or a column: words alone decide nothing there.
    if line.points >= threshold and (line.zone != BODY or line.shapes):
        line.call_chrome(line.evidence())
    elif line.zone == HEAD and title is not None and line.start < title.start:
        if (line.short or line.points >= 1) and not _copy_of(line, title):
            line.call_chrome(f"{line.evidence()}, above the title")
    elif line.zone == TAIL and (line.short or line.points >= 1):
        signs = _is_name(line.text) and ((above is not None and (above.zone != TAIL or _is_date(above.text)))
                                         or (below is not None and _is_date(below.text)))
        if not signs:  # the name that signs a speech stays
            line.call_chrome(f"{line.evidence()}, after the body")


def _removed_before(lines: list[Line], removed: tuple[int, ...]) -> list[bool]:
    """For each line and one past the last: whether lines were removed between it and the line
    above it (a point in `removed` after the end of the line above, up to its own start)."""
    gaps, index = [], 0
    for line in lines:
        found = False
        while index < len(removed) and removed[index] <= line.start:
            found = True
            index += 1
        gaps.append(found)
    return gaps + [index < len(removed)]


_REMOVED = object()  # where rules removed lines: a chrome neighbour


def _relabel_between_chrome(lines: list[Line], removed_before: list[bool], title: Line | None = None) -> None:
    """A short line without protection whose nearest longer neighbours above and below are
    both chrome is chrome too (a menu's short items, a widget's labels). Where rules removed
    lines, the removed lines are that neighbour: the scorer sees only what they left."""
    def neighbour(index: int, step: int):
        while True:
            if removed_before[index if step < 0 else index + 1]:
                return _REMOVED
            index += step
            if not 0 <= index < len(lines):
                return None
            if not lines[index].short or lines[index].chrome:
                return lines[index]

    for index, line in enumerate(lines):
        if line.chrome or not line.short or line.protected or line.prose or line is title:
            continue
        above, below = neighbour(index, -1), neighbour(index, 1)
        if all(side is _REMOVED or (side is not None and side.chrome) for side in (above, below)):
            where = "lines the rules removed" if _REMOVED in (above, below) else "chrome lines"
            line.call_chrome(f"{line.evidence()}, between {where}")


def _bigrams(text: str) -> set[str]:
    han = "".join(HAN.findall(text))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def _banners(lines: list[Line], head: list[Line]) -> list[Line]:
    """Every copy of a headline the head repeats that shares almost no word with the rest of
    the page, called chrome."""
    found = []
    counts: dict[str, int] = {}
    for line in head:
        counts[line.text] = counts.get(line.text, 0) + 1
    for text in sorted(t for t, n in counts.items() if n >= 2):
        copies = [line for line in head if line.text == text]
        bigrams = _bigrams(text)
        if len(bigrams) < BANNER_MIN_BIGRAMS or copies[0].prose:
            continue
        rest = "\n".join(line.text for line in lines if text not in line.text)
        if len(rest) < BANNER_MIN_REST:
            continue
        shared = sum(bigram in rest for bigram in bigrams) / len(bigrams)
        if shared < BANNER_MAX_SHARED:
            for line in copies:
                line.call_chrome(f"a headline the head repeats {len(copies)} times that shares {shared:.0%} of its "
                                 "words with the rest of the page: another page's banner")
            found += copies
    return found


def _glued_banners(text: str, head: list[Line], banners: list[Line]) -> list[Edit]:
    """The banner where the scrape glued it to the start of the next line of the head."""
    edits = []
    for banner in sorted({line.text for line in banners}):
        for line in head:
            if line.text != banner and line.text.startswith(banner):
                start = line.start + len(text[line.start:line.end]) - len(text[line.start:line.end].lstrip())
                edits.append(Edit(start, start + len(banner), text[start:start + len(banner)], "", RULE_ID,
                                  "the repeated banner headline glued to the start of this line"))
    return edits


def explain(threshold: float = DEFAULT_THRESHOLD) -> str:
    """What `cleaner rules explain score.chrome-line` prints: the signals, the places, the protections."""
    words = "\n".join(f"    {kind}: {', '.join(CHROME_WORDS[kind].split())}" for kind in CHROME_WORDS)
    shapes = ", ".join(f"{shape} ({points:g})" for shape, points in SHAPE_POINTS.items())
    return "\n".join([
        f"{RULE_ID} (built-in step; --no-score turns it off, --score-threshold moves it, now {threshold:g})",
        f"  {DESCRIPTION}",
        "  Judged: lines no rule removed, that are not prose (two clause marks, or a sentence mark inside).",
        "  Chrome evidence: one point per word of the site vocabulary (at most 3):",
        words,
        f"    and shapes: {shapes}.",
        f"  Removed: a line with {threshold:g} points or more (in the body only with a shape, not by words alone);",
        "    in the head above the title (the longest title-like line, or headline cut by one ! or ?; one",
        "    with a comma or a numbered heading only where no other line is title-like), a short line",
        f"    (<= {SHORT_CHARS} characters) or one with a point, unless it is a copy of the title;",
        "    after the body, a short line or one with a point, but not a name that signs;",
        "    a short line whose nearest longer neighbours are both chrome; every copy of a headline the head",
        "    repeats that shares under 10% of its character pairs with the rest of the page.",
        "  Never removed: headings and numbered points, salutations, closings, dates (but above the title),",
        "    notes in brackets and subtitles, sentences of their own, pieces of an enumeration, signatures,",
        "    the fields that close an official document (签发人, 抄送, 印发), a role and a name (县委书记 王某),",
        "    the turns of a host script ((女)各位领导, 甲：…), a line that may continue the line above, and",
        "    the lines of a title set over lines (关于做好2024年 / …工作的通知): those are left to the joins.",
    ])


def _drop(text: str, line: Line) -> Edit:
    start, end = line.start, min(line.end + 1, len(text))
    if line.end == len(text) and start > 0:
        start -= 1  # the last line has no line break of its own: take the one before it
    return Edit(start, end, text[start:end], "", RULE_ID, line.reason)
