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
the text as it is and where the rules removed lines, so cleaning the output again removes
nothing more. What one line says on its own is read in `line_evidence`, the lines that copy
other text of the page in `page_copies`.
"""
from __future__ import annotations

import re

import regex

from .config import DEFAULT_THRESHOLD
from .joins import broken_titles, may_continue
from .line_evidence import (BODY, CHROME_WORD, CHROME_WORDS, CLOSE, DATED, DOCUMENT_NUMBER, FIELD, GREETING, HAN, HEAD,
                            LETTER_OR_DIGIT, NUMBERED, PROSE_MARK, ROW, SENTENCE_MARK, SHAPE_POINTS, SHORT_CHARS, SIGNED,
                            SPEAKER, TAIL, TURN, Line, is_date, is_name, lone_site_word, read_line)
from .model import Edit
from .page_copies import (abstract_copies, banners as page_banners, bigrams, caption_copies, summaries_of_the_text,
                          translations)
from .zones import Zones, iter_lines

RULE_ID = "score.chrome-line"
DESCRIPTION = ("Drops a line no rule names when its own signals (short, no clause punctuation, words of a site's "
               "vocabulary, a URL or stamp) and its place (above the title, after the body, between chrome lines) "
               "say clearly that it is the site's.")
TITLE_MIN_CHARS = 6
TITLE_END_MARKS = "。！？!?；;，,、:："  # a line ending so is a sentence, a clause or a label, not a title
TITLE_SUFFIX = re.compile(r"[(\[【][^()\[\]【】]{1,8}[)\]】]$")
TITLE_COPY_SHARED = 0.6  # of a line's character pairs found in the title: the title's copy, not navigation
TITLE_MAX_CHARS = 80
STAMP_LEAD = regex.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
SECTION_HEADING = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*、|第[一二三四五六七八九十]{1,3}\s*[章节部分篇])")
# A short line after the body with a comma and no site word is a clause of the text (下面，请领奖).
CLAUSE_OF_ITS_OWN = re.compile(r"[\u4e00-\u9fff]{2}[，,；;][\u4e00-\u9fff]{2}")
# A signature's date that lost its 年月日 (2008519 under 某某大学党委组织部): the document's, not a number.
RUN_TOGETHER_DATE = re.compile(r"^(?:19|20)\d{2}(?:1[0-2]|0?[1-9])(?:3[01]|[12]\d|0?[1-9])$")
LEAD_IN_MIN_HAN = 10  # a line this long that ends with a colon opens what follows (a label is shorter)
CODE_MAX_CHARS = 40  # a value of no Chinese between removed fields (_code_between_removed)
CUT_OFF_ABOVE_MIN_CHARS = 40  # a paragraph of the body, not a label
CUT_OFF_AFTER = ",;、:"  # the folded view's clause ends: the paragraph goes on below
# Protected lines that are never the page's title: who speaks, when, to whom.
NEVER_TITLE = frozenset({SPEAKER, GREETING, DATED, CLOSE, TURN, FIELD, SIGNED})
# A line that names a text (…研讨发言2篇, 建党95周年征文): a title, even between removed lines.
NAMES_A_TEXT = regex.compile(r"^\p{Han}.{2,40}(?:讲话|发言|致辞|报告|总结|方案|通知|意见|心得|体会|征文|演讲稿|主持词|讲稿|"
                             r"党课|汇报|倡议书|贺信|慰问信|决定|公告|通告|范文|发言稿|讲话稿)(?:\d{1,2}篇|[一二三四五六七八九十]{1,3}篇)?"
                             r"(?:[(（【][^()（）【】]{1,8}[)）】])?$")
TITLE_FOLLOWERS = frozenset({SPEAKER, GREETING})
# Verse: short lines of Chinese words alone, with the particles of a sentence (menus have none).
VERSE_LINE = regex.compile(r"^[\p{Han}\s]{2,}[,!?、~…]?$")
VERSE_PARTICLE = regex.compile(r"[的了我你他她它们是在着把被地得吗呢吧啊呀]")
VERSE_MIN_LINES = 4
# An e-mail address under its label: a notice's own contact details when its signature follows
# (意见请发送至… / 电子邮箱：… / 某某办公室 / 2024年5月8日); a footer's have no signature below.
CONTACT_FIELD = regex.compile(r"^(?:电子邮箱|电子信箱|邮箱|电子邮件|邮件地址|E-?mail)\s*:\s*[!-~]+@[!-~]+$", regex.IGNORECASE)
CONTACT_SIGNATURE_WITHIN = 4  # lines below the address in which the signature or its date stands


def _title_like(line: Line) -> bool:
    """A candidate for the page's title: a headline's length and shape (a news title may hold
    one word of the site vocabulary, 发布会, 评论; two make a menu), not led by a post's
    date stamp (2018-07-22演讲稿) nor a subtitle's dash, and not a row of labelled fields."""
    return (TITLE_MIN_CHARS <= len(line.text) <= TITLE_MAX_CHARS and not line.prose and len(_title_words(line)) <= 1
            and not line.shapes and not is_date(line.text) and line.text[-1] not in TITLE_END_MARKS
            and not STAMP_LEAD.match(line.text) and line.text[0] not in "—-"  # ——在…会议上 is its subtitle
            and line.text.count(":") < 2)  # two labels (字体: 稿源:…) make a row of fields; 某某：… may be a title


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
    title-like (2.0 职责 heads a section), nor a line after the text's first section heading
    (一、…) while one stands before it, nor a document number; the earliest of equal length."""
    first_section = next((line.start for line in head if SECTION_HEADING.match(line.text)), None)
    candidates = [line for line in head if not line.chrome and line.protected not in NEVER_TITLE
                  and (_title_like(line) or _exclaimed_headline(line)) and not DOCUMENT_NUMBER.fullmatch(line.text)]
    if first_section is not None and any(line.start < first_section for line in candidates):
        candidates = [line for line in candidates if line.start < first_section]  # a title opens the text
    unnumbered = [line for line in candidates if line.protected != NUMBERED]
    without_comma = [line for line in unnumbered if not PROSE_MARK.search(line.text)]
    chosen = without_comma or unnumbered or candidates
    return max(chosen, key=lambda line: (len(line.text), -line.start)) if chosen else None


def _copy_of(line: Line, title: Line) -> bool:
    """A copy of the title (masked, 胡主席 as ****, or with a site's suffix): most pairs shared."""
    pairs = bigrams(line.text)
    return bool(pairs) and sum(pair in title.text for pair in pairs) / len(pairs) >= TITLE_COPY_SHARED


def chrome_line_edits(text: str, view: str, zones: Zones, threshold: float = DEFAULT_THRESHOLD,
                      removed: tuple[int, ...] = ()) -> list[Edit]:
    """Edits dropping the lines the scorer calls chrome; `view` is the folded view of `text`;
    `removed`: offsets where rules dropped lines, each a chrome neighbour of the lines around it."""
    lines = [read_line(s, e, line, zones) for s, e in iter_lines(text) if (line := view[s:e].strip())]
    for first, last in broken_titles([line.text for line in lines]):
        for line in lines[first:last + 1]:
            line.protected = line.protected or "a piece of a title set over lines (the joins make it one)"
    _titles_in_rows(lines)
    _verses(lines)
    abstract_copies(lines)
    summaries_of_the_text(lines)
    _contacts_above_signature(lines)
    translations(lines)
    caption_copies(lines)
    if _cut_off_end(text, lines):
        lines[-1].protected = "the last words of an excerpt cut off mid-sentence"
    head = [line for line in lines if line.zone == HEAD]
    banners = page_banners(lines, head)
    title = _page_title(head)
    for index, line in enumerate(lines):
        if title is not None and line.zone == HEAD and line.start < title.start and line.protected == DATED:
            line.call_chrome("a date above the title: the page's, not the speech's")
        elif not (line.chrome or line is title or line.protected or line.prose):
            _judge(line, lines, index, title, threshold)
    _relabel_between_chrome(lines, _removed_before(lines, removed), title)
    edits = [_drop(text, line) for line in lines if line.chrome] + _glued_banners(text, head, banners)
    return sorted(edits, key=lambda edit: edit.start)


def _titles_in_rows(lines: list[Line]) -> None:
    """A row of phrases right above the speaker or the salutation is the speech's title set with
    spaces (振奋精神 转变观念 搞好第二次创业 / 党委书记 某某), not a menu: it loses that shape."""
    for line, below in zip(lines, lines[1:]):
        if ROW in line.shapes and below.protected in TITLE_FOLLOWERS:
            line.shapes.remove(ROW)


def _verses(lines: list[Line]) -> None:
    """Protect runs of VERSE_MIN_LINES or more short lines of plain words outside the head, most
    of them with a particle (的, 了, 我, 是…): the lines of a poem or a slogan the text quotes
    (如何让你遇见我 / 在我最美丽的时刻), where a footer's links are names (关于我们 aside)."""
    run: list[Line] = []
    for line in lines + [None]:
        if line is not None and not (line.words or line.shapes or line.chrome) and line.zone != HEAD \
                and line.short and VERSE_LINE.match(line.text):
            run.append(line)
            continue
        if len(run) >= VERSE_MIN_LINES and 2 * sum(bool(VERSE_PARTICLE.search(verse.text)) for verse in run) >= len(run):
            for verse in run:
                verse.protected = verse.protected or "a line of verse the text quotes"
        run = []


def _contacts_above_signature(lines: list[Line]) -> None:
    """Protect a labelled e-mail address with the document's signature or date a few lines below:
    where a notice asks for answers, not the site's footer."""
    for index, line in enumerate(lines):
        if line.shapes and line.text[0] in "电邮Ee" and CONTACT_FIELD.match(line.text):
            below = lines[index + 1:index + 1 + CONTACT_SIGNATURE_WITHIN]
            if any(other.protected in (SIGNED, DATED) for other in below):
                line.protected = "the document's contact details, above its signature"


def _cut_off_end(text: str, lines: list[Line]) -> bool:
    """The page's last line is where an excerpt stops, in the middle of the text: Chinese words
    without a site word or shape and without an end mark, below a paragraph of prose, either right
    below one that ends at a clause mark (…取得了可喜的成绩； / 学校近年来先后被) or itself holding one
    (因此，我希望你们)."""
    if len(lines) < 2:
        return False
    last, above = lines[-1], lines[-2]
    if (last.words or last.shapes or last.chrome or HAN.search(last.text) is None or last.text[-1] in "。！？!?"
            or len(above.text) < CUT_OFF_ABOVE_MIN_CHARS or above.chrome):
        return False
    goes_on = above.text[-1] in CUT_OFF_AFTER and text.count("\n", above.end, last.start) == 1
    return goes_on or PROSE_MARK.search(last.text) is not None  # 因此，我希望你们: a clause begun


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
    elif line.zone == TAIL and _may_be_footer(line):
        signs = is_name(line.text) and ((above is not None and (above.zone != TAIL or is_date(above.text)))
                                         or (below is not None and is_date(below.text)))
        signs = signs or (above is not None and above.protected == SIGNED and RUN_TOGETHER_DATE.match(line.text) is not None)
        if not signs:  # the name that signs a speech stays, and the date under a signature
            line.call_chrome(f"{line.evidence()}, after the body")
    elif line.zone != BODY and lone_site_word(line.text):
        line.call_chrome(f"{line.evidence()}, alone on its line")  # a widget's label: 浏览, 【收藏】


def _may_be_footer(line: Line) -> bool:
    """A line after the body that may be a footer's: short or with site words, but not a clause
    of the text (下面，颁发先进集体奖) nor a lead-in to what follows (…新闻单位主要有：)."""
    lead_in = line.text[-1] == ":" and len(HAN.findall(line.text)) >= LEAD_IN_MIN_HAN
    return not lead_in and (line.points >= 1 or (line.short and CLAUSE_OF_ITS_OWN.search(line.text) is None))


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
        if line.chrome or line.protected or line.prose or line is title:
            continue
        if not (line.short or _code_between_removed(line, removed_before[index], removed_before[index + 1])):
            continue
        above, below = neighbour(index, -1), neighbour(index, 1)
        if _REMOVED in (above, below) and NAMES_A_TEXT.match(line.text):
            continue  # what the rules removed says less than a chrome line: a title stays
        if all(side is _REMOVED or (side is not None and side.chrome) for side in (above, below)):
            where = "lines the rules removed" if _REMOVED in (above, below) else "chrome lines"
            line.call_chrome(f"{line.evidence()}, between {where}")


def _code_between_removed(line: Line, removed_above: bool, removed_below: bool) -> bool:
    """A longer line of no Chinese (an index number, an ID, a file name) or a document number
    with removed lines right above and right below it: a value whose field labels the rules took
    (索引号： / 0012-2024-0005, 发文字号： / 某政发〔2024〕5号)."""
    return (removed_above and removed_below and len(line.text) <= CODE_MAX_CHARS
            and (HAN.search(line.text) is None and LETTER_OR_DIGIT.search(line.text) is not None
                 or DOCUMENT_NUMBER.fullmatch(line.text) is not None))


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
        "    outside the body, a site word alone on its line (浏览, 【收藏】);",
        "    a short line whose nearest longer neighbours are both chrome or lines the rules removed (and a",
        "    line of no Chinese, an ID or index number, with removed lines right above and below); every copy",
        "    of a headline the head repeats that shares under 10% of its character pairs with the rest of the",
        "    page; a news site's abstract (摘要：…) that copies a sentence of the text, and a summary of the text",
        "    that the text right below repeats from its start.",
        "  Never removed: headings and numbered points, salutations, closings, dates (but above the title),",
        "    notes in brackets and subtitles, sentences of their own, pieces of an enumeration, signatures,",
        "    a photo's caption (会后合影, 各支部书记参加大会),",
        "    the fields that close an official document (签发人, 抄送, 印发), a role and a name (县委书记 王某),",
        "    the turns of a host script ((女)各位领导, 甲：…), a line that may continue the line above, and",
        "    the lines of a title set over lines (关于做好2024年 / …工作的通知): those are left to the joins,",
        "    the page's last line where an excerpt stops after a clause mark (…的成绩； / 学校近年来先后被),",
        "    runs of short verse lines with particles, and, beside removed lines, a line naming a text (…发言2篇),",
        "    and a labelled e-mail address with the document's signature or date a few lines below.",
        "    A number alone in brackets ((15) by a share button) is a count, not a numbered point.",
    ])


def _drop(text: str, line: Line) -> Edit:
    start, end = line.start, min(line.end + 1, len(text))
    if line.end == len(text) and start > 0:
        start -= 1  # the last line has no line break of its own: take the one before it
    return Edit(start, end, text[start:end], "", RULE_ID, line.reason)