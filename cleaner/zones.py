"""Where a document's lines sit: line bounds, the head and tail zones, and what a line looks like.

The body is the run from the first to the last body line (a long line that ends a sentence). The
head zone is everything before it, however long a site's menus are (on a page without any body
line, the first HEAD_MAX_LINES non-blank lines), the tail zone everything after it. Site chrome lives in these zones; head- and tail-scoped rules only look there.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import regex

HEAD_MAX_LINES = 30
# A line longer than this is not one line of chrome but a page or paragraph scraped without its
# line breaks: rules take its sentences one by one (unit_bounds).
LONG_LINE_CHARS = 300
# A shorter line is taken sentence by sentence too where a site glued its sentence (a 小编 blurb, a
# notice) to the text: beside the matched sentence stand this many characters with clause marks
# (a speech's opening, run on after the blurb), which a removal of the whole line would take along.
GLUED_LINE_CHARS = 100
GLUED_TEXT_CHARS = 120
GLUED_TEXT_CLAUSES = 3
SENTENCE_MARKS = "。！？!?；;"
CLOSING_QUOTES = "”’」』）)\"'"
_MARK = regex.compile(f"[{regex.escape(SENTENCE_MARKS)}]")
_MARK_BEFORE = regex.compile(f"[{regex.escape(SENTENCE_MARKS)}]", regex.REVERSE)  # the nearest one before
BODY_MIN_CHARS = 40
PREVIEW_CUT_MIN_CHARS = 80  # a cut-off line this long is the document's text, not a teaser, after a body line
# Marks that end a sentence or a clause the speaker completes. The ellipsis is left out on purpose:
# related-link excerpts end in '...' or '…' and must not count as body text.
SENTENCE_END = "。！？!?；;：:”’」』）)"
TITLE_MAX_CHARS = 40
CLAUSE_INSIDE = regex.compile(r"[，,。；;]")
SENTENCE_INSIDE = regex.compile(r"[。！？!?；;]")

# A section number (一、 (二) 3. 1.2 第四章 ...); a decimal that starts a line (4.2亿人, 3.5%) is the
# rest of a sentence a PDF wrapped, not a number.
HEADING_MARKER = regex.compile(
    r"""^(?:[一二三四五六七八九十百]+\s*[、.．:：]
        |[（(]\s*[一二三四五六七八九十百\d]+\s*[)）]
        |\d{1,2}(?:\.\d{1,2})*\s*[、.．)）](?!\d)
        |\d{1,2}(?:\.\d{1,2})+(?!\d|\s*[亿万千百十元角个月年日天倍%％‰])
        |第[一二三四五六七八九十百\d]+[章节節条條部篇]
        |[一二三四五六七八九十]+[是要]
        |[①-⑳]
        |[A-Za-z]\s*[、.．]
        |(?:首先|其次|再次|最后|最後)[，,、]
        |第[一二三四五六七八九十]+[，,、])""",
    regex.VERBOSE,
)
SALUTATION = regex.compile(r"^(?:同志们|同志們|尊敬的|各位|女士们|女士們|朋友们|朋友們)")
# A turn of a host script (主持词): its speaker in brackets or before a colon (男：, （女）, 甲：, 合：).
SPEAKER_TURN = regex.compile(
    r"^\s*(?:[(（【\[]\s*(?:男|女|甲|乙|丙|丁|合|齐|齊|众|眾|主持人?)\s*[\d一二三]?\s*[)）】\]]"
    r"|(?:男|女|甲|乙|丙|丁|合|齐|齊|众|眾|主持人?)\s*[\d一二三]?\s*[:：]"
    r"|[A-FQa-fq]\s*[:：](?=\s*\p{Han}))")  # A：相逢是首歌, Q：…: a turn or a question, never a URL (http:)


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the line holding `pos`, without its newline."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def touched_lines(text: str, start: int, end: int) -> list[str]:
    """The whole lines of `text` that an edit of [start, end) changes or removes: removing whole
    lines (from a line's start through its line break) touches those lines, not the next; an
    edit that takes only a line break from inside a line (a join) touches the line after too;
    the break before a last line removed with it belongs to that line."""
    if start < len(text) and text[start] == "\n" and end > start + 1:
        start += 1
    first = text.rfind("\n", 0, start) + 1
    whole_lines = start == first and end > start and text[end - 1] == "\n"
    stop = text.find("\n", end - 1 if whole_lines else end)
    return text[first:len(text) if stop < 0 else stop].split("\n")


def unit_bounds(text: str, pos: int, line: tuple[int, int] | None = None) -> tuple[int, int]:
    """[start, end) of the unit holding `pos`: its line, or on a line longer than LONG_LINE_CHARS
    the sentence holding it (up to and with its closing marks and quotes), as on a line longer than
    GLUED_LINE_CHARS where text stands beside that sentence. `line` is the line's bounds when the
    caller knows them. The marks are searched outwards from `pos`, so the cost is the sentence's
    length, not the line's."""
    start, end = line or line_bounds(text, pos)
    if end - start <= GLUED_LINE_CHARS:
        return start, end
    sentence = _sentence_bounds(text, pos, start, end)
    if end - start > LONG_LINE_CHARS or holds_text(text, start, sentence[0]) or holds_text(text, sentence[1], end):
        return sentence
    return start, end


def holds_text(text: str, start: int, end: int) -> bool:
    """[start, end) is a stretch of the document's text: long, with clause marks (GLUED_TEXT_*)."""
    return end - start >= GLUED_TEXT_CHARS and len(CLAUSE_INSIDE.findall(text, start, end)) >= GLUED_TEXT_CLAUSES


def _sentence_bounds(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    """The sentence of the line [start, end) that holds `pos`."""
    sentence_start = start
    mark = _MARK_BEFORE.search(text, start, pos)
    if mark is not None:
        sentence_start = _after_marks(text, mark.start(), end)
        if sentence_start > pos:  # pos is on the closing marks of the sentence before
            earlier = _MARK_BEFORE.search(text, start, mark.start())
            return (_after_marks(text, earlier.start(), end) if earlier else start), sentence_start
    mark = _MARK.search(text, pos, end)
    return sentence_start, _after_marks(text, mark.start(), end) if mark else end


def _after_marks(text: str, pos: int, end: int) -> int:
    """Just after the run of sentence marks and closing quotes that starts at `pos`."""
    while pos < end and (text[pos] in SENTENCE_MARKS or text[pos] in CLOSING_QUOTES):
        pos += 1
    return pos


def iter_lines(text: str, start: int = 0, end: int | None = None):
    """(line_start, line_end) for each line that starts in [start, end)."""
    if start == 0 and end is None:
        return iter(line_spans(text))
    return _lines_between(text, start, len(text) if end is None else end)


def line_spans(text: str) -> list[tuple[int, int]]:
    """(line_start, line_end) of every line: the text split once, not searched line by line."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    if spans[-1][0] == len(text):  # after a final line break (or in an empty text) no line starts
        spans.pop()
    return spans


def _lines_between(text: str, start: int, end: int):
    pos = start
    while pos < end:
        stop = text.find("\n", pos)
        if stop < 0:
            stop = len(text)
        yield pos, stop
        pos = stop + 1


def is_body_line(line: str) -> bool:
    """A line of prose: long, ends a sentence, and has clause punctuation inside (footer lines of
    `label：value` fields end in ')' or '：' too, but carry no comma or full stop)."""
    stripped = line.strip()
    return (len(stripped) >= BODY_MIN_CHARS and stripped[-1] in SENTENCE_END
            and bool(CLAUSE_INSIDE.search(stripped, 0, len(stripped) - 1)))


def is_heading(line: str) -> bool:
    """A numbered heading that carries no sentence of its own (`一、统一抓党建工作的认识`)."""
    stripped = line.strip()
    return bool(HEADING_MARKER.match(stripped)) and not SENTENCE_INSIDE.search(stripped)


def is_title_like(line: str) -> bool:
    """A short line that reads like a title: no sentence punctuation at its end, no numbering."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= TITLE_MAX_CHARS
        and stripped[-1] not in SENTENCE_END + "，,、"
        and not HEADING_MARKER.match(stripped)
        and not SALUTATION.match(stripped)
    )


@dataclass(frozen=True)
class Zones:
    head_end: int  # offset where the head zone ends (the first body line starts)
    tail_start: int  # offset where the tail zone starts (after the last body line)
    text: str = field(default="", repr=False, compare=False)

    @cached_property
    def middle(self) -> int:
        """Where the back half of the page starts (to-end rules look there); found when asked."""
        return middle(self.text)


def find_zones(text: str) -> Zones:
    zones = _zones(text)
    return Zones(zones.head_end, zones.tail_start, text)


def middle(text: str) -> int:
    """Where half of the text's visible characters lie before: blank lines, indentation and
    trailing spaces do not move it, so the whitespace repairs never change what a rule sees."""
    lines = text.split("\n")
    half = sum(len(line.strip()) for line in lines) / 2
    seen = pos = 0
    for line in lines:
        size = len(line.strip())
        if seen + size >= half and size:
            lead = len(line) - len(line.lstrip())
            return pos + lead + max(0, int(half - seen))
        seen += size
        pos += len(line) + 1
    return len(text) // 2


def _zones(text: str) -> Zones:
    head_end = None
    seen = 0
    last_nonblank_end = 0
    cap_end = None  # where the head would end on a page without a body line
    for start, end in iter_lines(text):
        line = text[start:end]
        if is_body_line(line):
            head_end = start
            break
        if line.strip():
            seen += 1
            last_nonblank_end = end
            if seen == HEAD_MAX_LINES:
                cap_end = end
    if head_end is None and cap_end is not None:
        seen, last_nonblank_end = HEAD_MAX_LINES, cap_end
    if head_end is None:
        head_end = min(len(text), last_nonblank_end + 1) if seen else 0
        if seen < HEAD_MAX_LINES:  # no body line at all: the document has no tail zone
            return Zones(head_end, len(text))
    tail_start = len(text)
    end = len(text)
    while True:
        start = text.rfind("\n", 0, end) + 1
        if start < head_end:
            break
        if is_body_line(text[start:end]) or _preview_cut_after_body(text, start, end):
            tail_start = min(len(text), end + 1)
            break
        if start == 0:
            break
        end = start - 1
    return Zones(head_end, max(tail_start, head_end))


def _preview_cut_after_body(text: str, start: int, end: int) -> bool:
    """A long line of sentences cut off with … right after a body line or a numbered heading: the
    document's own text where a site stops its preview (a paywall follows), not a linked page's
    teaser in the tail."""
    stripped = text[start:end].strip()
    if (len(stripped) < PREVIEW_CUT_MIN_CHARS or not stripped.endswith(("…", "..."))
            or len(CLAUSE_INSIDE.findall(stripped)) < 2):
        return False
    above = text[:start].rstrip("\n ")
    line_above = above[above.rfind("\n") + 1:]
    return bool(above) and (is_body_line(line_above) or is_heading(line_above))
