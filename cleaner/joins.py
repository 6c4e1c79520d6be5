"""Joins for how real pages break lines: a sentence broken mid-way, a document site's page-segment
numbers, list items broken where their inline links were.

Each kind has its own rule id, so the log says which reading of the page joined two lines. A join
never takes a heading, a title, a field label or a complete list item: an over-join glues two
paragraphs the author kept apart, and that is an error too.
"""
from __future__ import annotations

import re
from collections import Counter

import regex

from .model import Edit
from .words import splits_word
from .zones import HEADING_MARKER, SALUTATION, SENTENCE_END, SPEAKER_TURN, is_heading, iter_lines

DESCRIPTIONS = {
    "layout.join-broken-line": "Joins a line the scrape broke mid-sentence to the line that continues it.",
    "layout.join-page-segment": "Joins a long line broken off mid-sentence to the next page of a document site's text, "
                                "which starts with the page's number (kept, as it is part of what the site shows).",
    "layout.join-list-item": "Joins a list item broken where an inline link was to the fragment that continues it, "
                             "on a page whose list items end with ； or 。",
    "layout.join-title": "Joins a title that the page sets over several lines: an official document's, from its 关于 "
                         "to the kind of document it names (…关于印发 / …的通知), or a speech's, from its 在 to the "
                         "meeting it was given at (在全县安全生产工作会议 / 上的讲话).",
    "layout.join-dateline": "Joins a news dateline the page sets on a line of its own (新华社北京3月5日电, 本报讯（记者 某某）) "
                            "to the paragraph it opens, with a space.",
    "layout.join-page-break": "Joins a sentence a converted document broke at a page break to its rest, without the page "
                              "number the break left at the start of the line (…确立了创建工作的 / 1 工作目标。…).",
}
REASONS = {
    "layout.join-broken-line": "'…{end}' breaks off mid-sentence and '{start}…' continues it",
    "layout.join-page-segment": "'…{end}' breaks off mid-sentence and '{start}…' is the next page of the text",
    "layout.join-list-item": "the list item ending '…{end}' is unfinished (the page's items end with ； or 。) and '{start}…' continues it",
    "layout.join-dateline": "'{end}' is a news dateline and '{start}…' the paragraph it opens",
    "layout.join-page-break": "'…{end}' breaks off mid-sentence and '{start}…' goes on after the page's number",
    "layout.join-title": "the title '…{end}' is open (关于 without the kind of document, 在 without the meeting) and '{start}…' goes on to its end",
}
JOINED_WITH = {"layout.join-dateline": " "}  # what stands between the joined lines; nothing for the others
INDENT_CHARS = " \t\u3000\u00a0"
ENDS_LINE = frozenset(SENTENCE_END + "…")
# A line that continues a sentence may not open with a heading, a bullet or a salutation; it may
# open with a template's placeholder for a name (***区, *县长, ××县, ○○同志), which a `*` bullet
# set apart by a space is not.
CONTINUES = regex.compile(r"^(?:[\p{Han}，,、“”\"《》（(A-Za-z0-9]|[*＊×○]+(?=\p{Han}))")
MIN_BROKEN_CHARS = 15
TITLE_MIN_CHARS = 12  # shorter, the line above a salutation may be the end of a title broken in two
LONG_PROSE_CHARS = 60
CLAUSE_MARK = regex.compile(r"[，,、！？!?]")
CLAUSE_ENDS = "，,、"  # a line ending so goes on, numbered or not
FULL_STOP = regex.compile(r"[。；;]")
COMMA = regex.compile(r"[，,]")
# `发文机关：`, `来源：`: a metadata field starts a new line, it does not continue a sentence; nor
# does a letter that labels a part (`b：连接词`, `A：`).
FIELD_LABEL = regex.compile(r"^(?:\p{Han}[\p{Han} ]{1,7}|[A-Za-z]\d?\s*)[:：](?!//)")
# A sentence broken off ends in a character it can go on from: Han, a letter or digit, a clause
# mark or an opening bracket; a line ending in other ASCII symbols ends in junk (forum jammer).
CAN_GO_ON = regex.compile(r"[\p{Han}A-Za-z0-9%，,、：:“\"《（(—\-]$")
# Forum jammer glued to the end of a line: short ASCII tokens with symbols among them.
JAMMER_TAIL = regex.compile(r"(?:\s*[!-~]{1,3}){3,}\s*$")
JAMMER_SYMBOL = regex.compile(r"[!-/:-@\[-`{-~]")
# A photo caption ends with its credit (新华社记者 张三 摄): a complete line.
# A photographer's credit ending a line (新华社记者 某某 摄, 文/图 某某/摄): a caption, not a broken sentence;
# it starts at the agency before 记者, where a caption that repeats the lede has its copy end.
PHOTO_CREDIT = regex.compile(r"(?:\p{Han}{0,6}?(?:记者|記者|摄影|攝影|通讯员|通訊員)\s*\S{1,8}\s*[/／]?\s*|\s\S{1,4}\s*[/／]\s*|\s\S{2,4}\s+)[摄攝]$")
SALUTATION_MAX_CHARS = 40
# A news dateline (新华社北京3月5日电, 某某网1月4日讯, 本报讯（记者 某某）) opens its paragraph: on a line
# of its own, the page broke it off.
DATELINE = regex.compile(
    r"^(?:(?:\p{Han}{1,12}?(?:网|網|社|报|報|台|客户端|客戶端))?\p{Han}{0,8}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|電|讯|訊)"
    r"|(?:本报|本報|本网|本網|本台|本刊)\p{Han}{0,4}?(?:讯|訊))(?:\s*[(（][^()（）\n]{1,20}[)）])?$")
DATELINE_ENDS = frozenset("电電讯訊）)")
# What follows a number that is a quantity (800 / 余人, 2023 / 年底, 3 个乡镇), not a page's number.
UNIT_START = regex.compile(r"^(?:[年月日号时点分秒万亿千百余多个名人位家户项件次元块角亩米吨斤克岁天周届期批倍座条所台辆套本篇份张支只头株棵间栋层度级%％‰]"
                           r"|平方|公里|公顷|小时|以上|以下|左右)")
# A page number a converted document left at the start of the line its page break fell in.
PAGE_NUMBER_LEAD = regex.compile(r"^(\d{1,3})[ \u3000]+(?=\p{Han})")
# A document site shows a file page by page, each page's text led by its number (`2、`); a page
# may start with the comma its break fell before (`2、,共同为…`), which no list item does.
PAGE_SEGMENT = regex.compile(r"^(\d{1,3})、\s*(?=[\p{Han}“\"《（(，,；;])")
SEGMENT_MIN_CHARS = 100  # a page of a document, not a list item (the last page may be cut short)
LAST_SEGMENT_MIN_CHARS = 40
# Numbered list items; sections headed 一、 are headings, not items.
LIST_ITEM = regex.compile(r"^(?:\d{1,2}\s*[、.．]|[（(]\s*\d{1,2}\s*[)）])")
FRAGMENT_MAX_CHARS = 60  # what a broken link leaves is a piece of an item, not a paragraph
LAST_FRAGMENT_MAX_CHARS = 20  # the piece that ends the item may end it with 。
ITEM_END = "；;。"
LIST_MIN_ITEMS = 4
LIST_CONVENTION = 0.7  # share of items ending with ITEM_END that makes it the page's convention


# An article of a regulation (第五条 …) is led by a heading marker but is prose: past this many
# characters it is the article's text, which a PDF wraps like any other.
ARTICLE = regex.compile(r"^第[一二三四五六七八九十百\d]+[条條]")
ARTICLE_TEXT_CHARS = 20


def _heading(stripped: str) -> bool:
    """A numbered heading, not the first line of an article's text."""
    return is_heading(stripped) and not (ARTICLE.match(stripped) and len(stripped) >= ARTICLE_TEXT_CHARS)


ADDRESS_END = re.compile(r"(?:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|(?:https?://|www\.)[!-~]+)$")


def _ends_in_address(line: str) -> bool:
    """The line ends with an e-mail or web address; most lines end in Chinese, told at once."""
    return line[-1:].isascii() and ADDRESS_END.search(line) is not None


def _ends_in_jammer(line: str) -> bool:
    tail = JAMMER_TAIL.search(line)
    return tail is not None and " " in tail.group().strip() and len(JAMMER_SYMBOL.findall(tail.group())) >= 2


def is_broken_line(line: str) -> bool:
    """Prose that stops mid-sentence: no closing mark at its end, not a numbered heading, and
    prose inside: a full stop, two commas, a comma or 、 at its end, an unclosed 《 or （, or
    clause marks in a line longer than any title.
    Titles (which may carry '！', '、' or one comma), menus, link lists, photo captions and lines
    ending in junk or in an e-mail or web address do not qualify."""
    stripped = line.strip()
    if len(stripped) < MIN_BROKEN_CHARS or stripped[-1] in SENTENCE_END + "…" or stripped.endswith("..."):
        return False
    if not CAN_GO_ON.search(stripped) or PHOTO_CREDIT.search(stripped) or _ends_in_jammer(stripped):
        return False
    if _ends_in_address(stripped):
        return False  # …电子邮箱：x@example.com: the address ends it, and a signature may well follow
    if _opens_more_than_it_closes(stripped):
        return True  # stops inside 《…》 or （…）: mid-sentence, numbered or not (一、请…宣读《关于…的通)
    if _heading(stripped) and stripped[-1] not in CLAUSE_ENDS:
        return False  # a heading, but not a numbered article cut at a comma (第一条 为做好…工作，)
    if FULL_STOP.search(stripped) or len(COMMA.findall(stripped)) >= 2 or stripped[-1] in CLAUSE_ENDS:
        return True  # a line that stops at a comma is mid-sentence: no title ends so
    return len(stripped) >= LONG_PROSE_CHARS and bool(CLAUSE_MARK.search(stripped))


def _opens_more_than_it_closes(line: str) -> bool:
    return line.count("《") > line.count("》") or line.count("（") + line.count("(") > line.count("）") + line.count(")")


def continues_sentence(line: str) -> bool:
    """A line that can carry on a sentence: not a numbered point, heading, salutation, field or
    turn of a host script (男：…)."""
    stripped = line.strip()
    return (bool(CONTINUES.match(stripped)) and not HEADING_MARKER.match(stripped)
            and not SALUTATION.match(stripped) and not FIELD_LABEL.match(stripped)
            and not SPEAKER_TURN.match(stripped))


def opens_paragraph(text: str, start: int) -> bool:
    """An indented line starting at `start`, right after a line that looks broken off: its
    indent is the page's own mark that a new paragraph begins there, so it is kept for the join
    to see (and cleaning the output again sees it too)."""
    end = text.find("\n", start)
    line = text[start:end if end >= 0 else len(text)]
    stop = start - 1
    while stop > 0:  # back over blank lines to the line before
        begin = text.rfind("\n", 0, stop) + 1
        if text[begin:stop].strip():
            return is_broken_line(text[begin:stop]) and continues_sentence(line)
        stop = begin - 1
    return False


def _continues_page(first: str, second: str, ends_page: bool = False) -> bool:
    """`second` is the next page of a document site's text: `first` is long and broken off,
    `second` starts with the next page's number and is long prose itself, or, where it ends the
    excerpt (`ends_page`), the start of the page the excerpt cuts off (`3、著热爱，对读书的`)."""
    segment = PAGE_SEGMENT.match(second.strip())
    if segment is None or int(segment.group(1)) < 2 or len(first.strip()) < SEGMENT_MIN_CHARS:
        return False
    if ends_page:
        rest = _page_text(second)
        prose = CLAUSE_MARK.search(rest) is not None or FULL_STOP.search(rest) is not None
    else:
        prose = len(second.strip()) >= LAST_SEGMENT_MIN_CHARS and FULL_STOP.search(second) is not None
    return prose and is_broken_line(_page_text(first))


def _page_text(line: str) -> str:
    """A page of a document site's text without its number: the first page (`1、…`) is prose,
    not the numbered heading its number alone would make it."""
    stripped = line.strip()
    segment = PAGE_SEGMENT.match(stripped)
    return stripped[segment.end():] if segment is not None else stripped


def _list_convention(lines: list[str]) -> bool:
    """True when the page's list items (N、, (N)) mostly end with ； or 。, so an item that does
    not is unfinished. An item runs from its number to the line before the next one: the
    convention is read off the items' last lines, as broken ones are continued below."""
    ends = []
    for line in (line.strip() for line in lines):
        if LIST_ITEM.match(line):
            ends.append(line[-1])
        elif ends:
            ends[-1] = line[-1]
    finished = sum(end in ITEM_END for end in ends)
    return len(ends) >= LIST_MIN_ITEMS and finished >= LIST_CONVENTION * len(ends)


def _link_fragment(line: str) -> bool:
    """A piece of a list item that a broken link left on a line of its own: short, no number,
    no heading or salutation, not a sentence of its own. It may start like a field label
    (`3、制发` / `通知：会议内容…`): inside an open item the label is the item's own."""
    stripped = line.strip()
    return (0 < len(stripped) <= FRAGMENT_MAX_CHARS and (stripped[-1] not in "。！？!?" or len(stripped) <= LAST_FRAGMENT_MAX_CHARS)
            and not LIST_ITEM.match(stripped) and not HEADING_MARKER.match(stripped)
            and not SALUTATION.match(stripped) and bool(CONTINUES.match(stripped)) and not is_heading(stripped))


# A title set over lines: an official document's (…关于…的通知) opens with 关于 and ends with the
# kind of document; a speech's or its occasion line (2025年3月21日在…会议上, 在…会议上的讲话) opens
# with 在 and ends with the meeting. The lines between are short and hold no sentence or clause marks.
TITLE_OPENS = regex.compile(r"关于|關於|關于")
TITLE_ENDS = regex.compile(
    r"(?:通知|通告|公告|通报|通報|意见|意見|决定|決定|决议|決議|报告|報告|请示|請示|批复|批復|复函|復函|函|办法|辦法|"
    r"规定|規定|细则|細則|方案|规划|規劃|计划|計劃|要点|要點|条例|條例|纪要|紀要|公报|公報|指引|措施)[》〉」”\"）)]*$")
OCCASION_OPENS = regex.compile(r"^(?:[(（]|——|—|--)?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*)?在")
OCCASION_ENDS = regex.compile(
    r"(?:会议|會議|大会|大會|会|會|典礼|典禮|仪式|儀式|论坛|論壇|活动|活動|集会|集會)上"
    r"(?:的(?:讲话|講話|报告|報告|工作报告|工作報告|发言|發言|致辞|致辭|主持词|主持詞))?\s*[)）]?$")
TITLE_KINDS = ((TITLE_OPENS.search, TITLE_ENDS), (OCCASION_OPENS.match, OCCASION_ENDS))
TITLE_LINE_MAX_CHARS = 40
TITLE_MAX_LINES = 4
NOT_IN_TITLE = regex.compile(r"[。，,；;！!？?：:]")


def _title_line(stripped: str) -> bool:
    """A stripped line that can be a piece of a title: short, no sentence or clause marks, no number."""
    return (0 < len(stripped) <= TITLE_LINE_MAX_CHARS and not NOT_IN_TITLE.search(stripped)
            and not HEADING_MARKER.match(stripped))


def broken_titles(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) index of each title set over lines: from a line that opens one (关于, 在) but
    does not end it to the first of the next lines that does (the kind of document, the
    meeting), all of them title-short and without sentence or clause marks (a title has none).
    A line that opens another title is a title of its own, as in a list of links. The scorer
    leaves these lines to the joins, which make one title of them."""
    titles = []
    for first, line in enumerate(lines):
        stripped = line.strip()
        if not ("关" in stripped or "關" in stripped or "在" in stripped) or not _title_line(stripped):
            continue  # most lines open no title: told by a substring test before any regex
        for opens, ends in TITLE_KINDS:
            if not opens(stripped) or ends.search(stripped):
                continue
            joined = stripped
            for last in range(first + 1, min(first + TITLE_MAX_LINES, len(lines))):
                following = lines[last].strip()
                if not _title_line(following) or opens(following):
                    break
                joined += following
                if ends.search(joined):
                    titles.append((first, last))
                    break
            break
    return titles


# A PDF's column, copied line by line: a run of adjacent lines of about one width.
WRAP_MIN_CHARS = 15
WRAP_SLACK = 3  # digits and half-width marks make a full line a few characters shorter
WRAP_MIN_RUN = 4


def _wrapped_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines that fill a PDF's column width (adjacent lines of about one width, most
    of them with clause marks: prose wrapped by its layout, not a list of headlines). Such a line
    that does not end a sentence is broken, even without the commas `is_broken_line` asks for."""
    wrapped: set[int] = set()
    start = 0
    while start < len(lines):
        stop = start
        width = len(lines[start])
        while (stop < len(lines) and len(lines[stop]) >= WRAP_MIN_CHARS
               and abs(len(lines[stop]) - width) <= WRAP_SLACK):
            width = max(width, len(lines[stop]))
            stop += 1
        run = [i for i in range(start, stop) if len(lines[i]) >= width - WRAP_SLACK]
        if len(run) >= WRAP_MIN_RUN and 2 * sum(bool(CLAUSE_MARK.search(lines[i])) for i in run) >= len(run):
            wrapped.update(run)
        start = max(stop, start + 1)
    return wrapped | _column_lines(lines)


COLUMN_MIN_LINES = 6


def _column_lines(lines: list[str]) -> set[int]:
    """The lines that fill the page's column where a PDF's text runs in one width throughout, its
    runs of full lines cut short by the ends of paragraphs and numbered articles (第二条 …): the
    width that half the page's lines or more reach, COLUMN_MIN_LINES lines at least, most of them
    with clause marks."""
    slack = WRAP_SLACK // 2 + 1
    widths = Counter(len(line) for line in lines if len(line) >= WRAP_MIN_CHARS)
    if sum(widths.values()) < COLUMN_MIN_LINES:
        return set()
    near = {width: sum(widths[other] for other in range(width - slack, width + slack + 1)) for width in widths}
    width = max(near, key=lambda w: (near[w], w))
    if near[width] < COLUMN_MIN_LINES or 2 * near[width] < sum(widths.values()):
        return set()  # too few lines of that width, or not most of the page's: no column
    full = [i for i, line in enumerate(lines) if abs(len(line) - width) <= slack]
    if len(full) < COLUMN_MIN_LINES or 2 * sum(bool(CLAUSE_MARK.search(lines[i])) for i in full) < len(full):
        return set()
    return set(full)


def join_broken_lines(text: str) -> list[Edit]:
    """Join each broken line to the next line when that line continues it.

    The gap may hold a blank line only where the document separates its paragraphs with blank
    lines; where paragraphs follow line by line, a blank line ends the paragraph. An indented
    line (strip_whitespace keeps the indent only there) opens a paragraph: the line before it
    ended a paragraph without a full stop, it was not broken, unless the break splits a word
    (落到实 / 处).
    """
    lines = [(s, e) for s, e in iter_lines(text) if text[s:e].strip()]
    gaps = [text.count("\n", e1, s2) - 1 for (_, e1), (s2, _) in zip(lines, lines[1:])]
    blank_separated = sum(g >= 1 for g in gaps) > sum(g == 0 for g in gaps)
    in_list_page = _list_convention([text[s:e] for s, e in lines])
    wrapped = _wrapped_lines([text[s:e].strip() for s, e in lines])
    titles = {index for first, last in broken_titles([text[s:e] for s, e in lines]) for index in range(first, last)}
    open_item = False  # a list item above has not reached its ； or 。 yet
    edits = []
    for index, (((s1, e1), (s2, e2)), gap) in enumerate(zip(zip(lines, lines[1:]), gaps)):
        first, second = text[s1:e1], text[s2:e2]
        last = first.rstrip()[-1]
        if in_list_page and LIST_ITEM.match(first.strip()):
            open_item = last not in ITEM_END + "：:"
        # a document site may set each page of the file apart with a blank line: its number says so
        ends_page = index + 2 == len(lines)
        if gap > (1 if blank_separated else 0) and not (gap == 1 and _continues_page(first, second, ends_page)):
            open_item = False
            continue
        dateline = last in DATELINE_ENDS and DATELINE.match(first.strip()) is not None
        if last in ENDS_LINE and not open_item and not dateline:
            continue  # nearly every line of prose: it ends a sentence, no join to look for
        if index in titles:
            rule = "layout.join-title"
        elif index + 2 < len(lines) and _titles_a_speech(second, text[slice(*lines[index + 2])]):
            continue
        elif dateline and continues_sentence(second) and CLAUSE_MARK.search(second):
            rule = "layout.join-dateline"
        elif _salutation_goes_on(first, second):
            rule = "layout.join-broken-line"
        else:
            rule = _join_kind(first, second, open_item, index in wrapped and gap == 0, ends_page)
        open_item = open_item and rule is not None and second.strip()[-1] not in ITEM_END
        if rule is None:
            continue
        indent = len(second) - len(second.lstrip(INDENT_CHARS))  # kept where it told a paragraph
        if rule == "layout.join-broken-line" and (number := _page_number_lead(first, second[indent:])):
            rule, indent = "layout.join-page-break", indent + number
        edits.append(Edit(e1, s2 + indent, text[e1:s2 + indent], JOINED_WITH.get(rule, ""), rule,
                          REASONS[rule].format(end=first.strip()[-6:], start=second.strip()[:6])))
    return edits


def _page_number_lead(first: str, second: str) -> int:
    """How many characters of `second` are the page number its page break left at its start
    (`1 工作目标。…` below `…确立了创建工作的`): a number and a space before Chinese, where `first`
    stops mid-clause and the number is no quantity (`3 个乡镇`); 0 where there is none."""
    lead = PAGE_NUMBER_LEAD.match(second)
    if lead is None or first.rstrip()[-1] in CLAUSE_ENDS or not regex.match(r"\p{Han}", first.rstrip()[-1]):
        return 0
    return 0 if UNIT_START.match(second[lead.end():]) else lead.end()


def _salutation_goes_on(first: str, second: str) -> bool:
    """A salutation set over two lines (女士们，先生们， / 同志们，朋友们：): the first stops at a comma,
    the second is a salutation too and ends it with a colon."""
    first, second = first.strip(), second.strip()
    return (first[-1] in "，,、" and len(first) <= SALUTATION_MAX_CHARS and len(second) <= SALUTATION_MAX_CHARS
            and second[-1] in "：:" and bool(SALUTATION.match(first)) and bool(SALUTATION.match(second)))


def _titles_a_speech(line: str, after: str) -> bool:
    """`line` is a speech's whole title: a title-long line right above its salutation (同志们：).
    The line above it is the page's copy of the title or its header, not the start of the title."""
    after = after.strip()  # a salutation line, not a paragraph that turns to its hearers (同志们，…)
    return len(line.strip()) >= TITLE_MIN_CHARS and bool(SALUTATION.match(after)) and after[-1] in ":："


def may_continue(previous: str, line: str) -> bool:
    """`line` may be the rest of `previous` (a broken sentence or an unfinished list item), so
    it is not judged on its own: the joins decide it (the scorer asks before it drops a line)."""
    stripped = previous.strip()
    if is_broken_line(previous) and continues_sentence(line):
        return True
    unfinished = stripped[-1] not in ITEM_END + "：:。！？!?" and (LIST_ITEM.match(stripped) or "、" in stripped)
    return bool(unfinished) and _link_fragment(line)


def _join_kind(first: str, second: str, open_item: bool, wrapped: bool = False, ends_page: bool = False) -> str | None:
    """Which join, if any, makes one paragraph of `first` and the line after it; `wrapped`: the
    first fills the column of a PDF's wrapped text (_wrapped_lines); `ends_page`: the second is
    the page's last line."""
    if second[:1] in INDENT_CHARS and not splits_word(first, second) and first.rstrip()[-1] not in CLAUSE_ENDS:
        return None  # the indent opens a paragraph, unless the line above stops at a comma
    if (is_broken_line(first) or (wrapped and not _heading(first.strip()))) and continues_sentence(second):
        return "layout.join-broken-line"
    if _continues_page(first, second, ends_page):
        return "layout.join-page-segment"
    if open_item and first.strip()[-1] not in ITEM_END + "：:" and _link_fragment(second) and not _ends_in_address(first.strip()):
        return "layout.join-list-item"
    return None
