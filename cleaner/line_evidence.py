"""What the chrome-line scorer reads off one line on its own: evidence for chrome (words of the
site's vocabulary by class, shapes such as a bare URL, a date-time stamp or a row of short
items), evidence for text (clause punctuation, a sentence of its own), and the speech
protections that keep a line whatever it looks like (headings, salutations, closings, dates,
notes, signatures, a role and a name). `scorer` weighs them with the line's place on the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from .zones import HEADING_MARKER, SALUTATION, SPEAKER_TURN, Zones
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
# What may stand around a site word that is alone on its line (【收藏】, 分享:, > 更多): no words.
LONE_WORD_MAX_CHARS = 12
LONE_WORD_ORNAMENT = re.compile(r"[\s\[\]【】()<>《》|:：»>·•*+-]")
# ASCII classes only: a class of \w would run over whole Chinese lines at every position.
URL = regex.compile(r"(?i:https?://|www\.)|[A-Za-z0-9._-]@[A-Za-z0-9-]+\.[A-Za-z]|[A-Za-z0-9-]\.(?:com|cn|net|org|gov|edu)\b")
# A whole URL, taken out before the prose check: its query's ? is no question mark.
WHOLE_URL = regex.compile(r"https?://[!-~]+")
# A document's number (某政发〔2024〕5号, 某办字【2023】第12号): a field's value, never a title.
DOCUMENT_NUMBER = regex.compile(r"\p{Han}{1,12}\s*[〔\[(（【]\s*\d{4}\s*[〕\])）】]\s*第?\s*\d{1,5}\s*号")
STAMP = regex.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}")
PROSE_MARK = re.compile(r"[，,、；;]")
SENTENCE_MARK = re.compile(r"[。！？!?]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # the stdlib is faster on plain classes
SHORT_CHARS = 10  # non-space characters of a short line: a menu item, a site name, a label

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
COUNTER = regex.compile(r"^[(（\[【]\s*\d{1,7}\s*[)）\]】]$")  # (15) by a share button: a count, no note
NOTE = regex.compile(r"^(?:[(（【\[].{0,30}[)）】\]]|……+|…+|\.{3,}|(?:附件|附表|附录|附图).{0,40}|——.*|—.*)$")
# The fields that close an official document (版记) and the roles that sign or chair a speech.
DOCUMENT_FIELD = regex.compile(r"^(?:签发人|签发|拟稿人|拟稿|审核人|核稿人|审稿|联系人|抄送|抄报|主送|印发|主题词|发文机关|"
                               r"主持人|主持|发言人|记录人|记录)\s*[:：]")
ROLES = ("书记|副书记|主任|县长|市长|省长|区长|镇长|乡长|局长|部长|厅长|处长|科长|主席|委员|常委|院长|校长|董事长|经理|"
         "总经理|会长|秘书长|行长|所长|站长|队长|组长|社长|总裁|副总裁|董事|监事长|理事长|总监|馆长|台长|团长|政委|主编")
ROLE_AND_NAME = regex.compile(rf"^\p{{Han}}{{0,20}}(?:{ROLES})\s+\p{{Han}}{{2,4}}$")
# Common surnames, for the speaker under a title and the name that signs a speech.
SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
                     "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
                     "钱严覃武戴莫孔向汤习温胡彭栗汪赵韩蔡丁")
NAME = regex.compile(r"^\p{Han}{2,4}$")
# A photo's caption under a news report (会后合影, 各支部书记参加大会, 签约仪式现场): words of the event,
# where a footer's links are names of sections (学校概况, 领导讲话).
CAPTION = regex.compile(r"^(?=[\p{Han}、·]{4,30}$).*(?:合影|留念|参加|出席|主持|颁奖|签约|揭牌|现场|会场)")


HEAD, BODY, TAIL = "head", "body", "tail"
ROW = "a row of short items"
SHAPE_POINTS = {"a URL or e-mail address": 2.0, "a date-time stamp": 2.0, ROW: 2.0,
                "a site's name with its Latin name": 2.0, "no Chinese": 1.0, "separators": 1.0}
# A site's name beside its Latin name (某某网 | ExampleBBS, 某某论坛 - Forum): the site's banner.
SITE_NAME = regex.compile(r"^\p{Han}{1,12}(?:网|網|论坛|論壇|社区|社區|之家|在线|在線)\s*[|｜_\-–—]\s*[A-Za-z][A-Za-z0-9.\- ]{1,30}$")
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


def read_line(start: int, end: int, text: str, zones: Zones) -> Line:
    """A line with its evidence and its protection."""
    zone = HEAD if end <= zones.head_end else TAIL if start >= zones.tail_start else BODY
    line = Line(start, end, text, zone)
    marks = text.count(",") + text.count("、") + text.count(";")  # the view folds ，；to ASCII
    inner = text if "?" not in text or "://" not in text else WHOLE_URL.sub("", text)  # a query's ? is no mark
    line.prose = marks >= 2 or SENTENCE_MARK.search(inner, 0, len(inner) - 1) is not None or (
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
        line.shapes.append(ROW)
    if text[-1].isascii() and SITE_NAME.match(text):  # it ends with the Latin name: most lines do not
        line.shapes.append("a site's name with its Latin name")
    line.protected = protection(text)
    return line


# The protections, as the reasons a line is kept (the scorer asks which one it was).
NUMBERED = "a heading or numbered point"
TURN = "a turn of a host script"
GREETING = "a salutation"
CLOSE = "a closing"
NOTED = "a note, placeholder or subtitle"
FIELD = "a field that closes an official document"
SPEAKER = "a speaker's or signer's role and name"
DATED = "a date"
OWN_SENTENCE = "a sentence of its own"
ENUMERATED = "a piece of an enumeration"
SIGNED = "a signature"
CAPTIONED = "a photo's caption"


def protection(text: str) -> str | None:
    """Why the speech protections keep this line, if they do."""
    if (text[0] in "(（[【" and COUNTER.match(text)) or lone_site_word(text):
        return None  # a number or a site word alone in brackets is a button's, not a point or a note
    if HEADING_MARKER.match(text):
        return NUMBERED
    if SPEAKER_TURN.match(text):
        return TURN
    if SALUTATION.match(text) or SALUTE.match(text):
        return GREETING
    if CLOSING.match(text):
        return CLOSE
    if NOTE.match(text):
        return NOTED
    if DOCUMENT_FIELD.match(text):
        return FIELD
    if ROLE_AND_NAME.match(text):
        return SPEAKER
    if is_date(text):
        return DATED
    if SENTENCE.match(text):
        return OWN_SENTENCE
    if text[-1] in ENUMERATION_END:
        return ENUMERATED
    if len(text) <= 40 and SIGNATURE.search(text) and not CHROME_WORD.search(text):
        return SIGNED
    if CAPTION.match(text) and not CHROME_WORD.search(text):
        return CAPTIONED
    return None


def lone_site_word(text: str) -> bool:
    """One word of the site vocabulary and nothing else but ornaments (浏览, 【收藏】, 分享:); not
    目录, which heads a document's own contents as well as a site's."""
    if len(text) > LONE_WORD_MAX_CHARS:
        return False
    word = CHROME_WORD.fullmatch(LONE_WORD_ORNAMENT.sub("", text))
    return word is not None and word.group() != "目录"


def is_item_row(text: str) -> bool:
    """A row of short items (ITEM_ROW) that is not a row of names, roles or dates."""
    if ITEM_ROW.match(text) is None:
        return False
    items = text.split()
    return not (all(is_name(item) for item in items) or any(ROW_ROLE_OR_DATE.search(item) for item in items))


def is_date(text: str) -> bool:
    return DATE.match(text.replace(" ", "")) is not None


def is_name(text: str) -> bool:
    return NAME.match(text) is not None and text[0] in SURNAMES
