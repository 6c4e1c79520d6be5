"""Built-in layout repairs where a regex is the wrong tool: whitespace, repeated titles, blank lines.

Each function takes the current text and returns edits in its coordinates, with a rule id of the
`layout` family so the log and the summary name them like any rule.
"""
from __future__ import annotations

import regex

from .model import Edit
from .normalize import fold_for_matching
from .joins import opens_paragraph
from .line_evidence import DOCUMENT_NUMBER, SENTENCE_MARK
from .split import NUMERALS
from .zones import HEADING_MARKER, SALUTATION, Zones, find_zones, iter_lines

DESCRIPTIONS = {
    "layout.newline": "Turns Windows and old Mac line ends into \\n and drops a byte-order mark.",
    "layout.indent": "Removes indentation made of ASCII or full-width spaces at the start of a line.",
    "layout.trailing-space": "Removes spaces at the end of a line.",
    "layout.duplicate-title": "Drops a title line the page repeats in its head, keeping the first, a version header "
                              "(第二篇：TITLE) whose title the next line repeats, short head lines made of words of "
                              "the title right below them (a column or tag label: 主持词 over 表彰大会主持词), the title "
                              "with the site's label (演讲稿|TITLE) and a shorter copy of a title line (it without its year).",
    "layout.blank-lines": "Collapses a run of blank lines into one.",
    "layout.edges": "Removes blank lines at the start and end and ends the text with one newline.",
}
LINE_BREAKS = regex.compile(r"\r\n?|\ufeff")
INDENT = regex.compile(r"^[ \t\u3000\u00a0]+(?=\S)", regex.MULTILINE)
# INDENT after a line break, written to start with one: the regex module tries `^` at every
# character, and this runs on every page in every pass (4x faster; same spans, see indents()).
INDENT_AFTER_BREAK = regex.compile(r"\n([ \t\u3000\u00a0]+)(?=\S)")
TRAILING = regex.compile(r"[ \t\u3000\u00a0]+$", regex.MULTILINE)
SPACES = " \t\u3000\u00a0"  # what INDENT and TRAILING take
BLANK_RUN = regex.compile(r"\n{3,}")
TITLE_DUPLICATE_MAX_CHARS = 60
# A site's column or tag label set on lines of its own over the title (主持词 over 七一表彰大会主持词,
# 党课 / 讲稿 over 党课讲稿：…): short lines of Han only, each a piece of the title line below them.
TITLE_PIECE = regex.compile(r"^[\p{Han}]{2,8}$")
TITLE_PIECE_MAX_LINES = 6
# Two copies of one title that differ only in brackets, spaces and how the count of versions is
# written (【通用三篇】 and (通用3篇)) are one title.
TITLE_KEY_IGNORES = regex.compile(r"[\s()\[\]【】〔〕《》「」<>]")
VERSION_COUNT = regex.compile(rf"[{NUMERALS}两]{{1,3}}(?=篇)")
DIGIT_VALUES = {char: value for value, char in enumerate("一二三四五六七八九", 1)} | {"两": 2}
# A copy of the title with the site's label joined by a separator (演讲稿|TITLE, TITLE_某某网).
TITLE_LABEL_SEPARATOR = regex.compile(r"\s*[|｜_]\s*|\s+[-–—]\s+")
LABEL_MARKS = "|｜_-–—"
# ... or cited with its number (某政发〔2024〕3号《TITLE》).
QUOTED_TITLE = regex.compile(r"《([^《》\n]{4,60})》")
# A shorter copy of the title (it without its year, 在 or count): most of the title line it is in.
TITLE_COPY_MIN_SHARE = 0.6
VERSION_NUMBER = regex.compile(rf"^(?:篇|第)?(?:\d{{1,2}}|[{NUMERALS}]{{1,3}})篇?$")  # what sets versions apart
TITLE_COPY_MIN_CHARS = 6
# A 范文 site's header over each version of a multi-version page (第二篇：TITLE, 篇三:TITLE), when the
# version's own title line follows: the header only numbers the site's list.
VERSION_HEADER = regex.compile(
    rf"^[ \t\u3000]*(?:篇(?:[{NUMERALS}]{{1,3}}|\d{{1,2}})|第(?:[{NUMERALS}]{{1,3}}|\d{{1,2}})篇|(?:范文|範文)(?:[{NUMERALS}]{{1,3}}|\d{{1,2}}))"
    rf"[ \t\u3000]*[:：][ \t\u3000]*(?P<title>\S.{{1,{TITLE_DUPLICATE_MAX_CHARS}}}?)[ \t\u3000]*$", regex.MULTILINE)


def _edit(rule: str, text: str, start: int, end: int, new: str, reason: str | None = None) -> Edit:
    return Edit(start, end, text[start:end], new, rule, reason or DESCRIPTIONS[rule])


def normalise_newlines(text: str) -> list[Edit]:
    if "\r" not in text and "\ufeff" not in text:  # nearly every page: skip the scan
        return []
    return [_edit("layout.newline", text, m.start(), m.end(), "\n" if m.group() != "\ufeff" else "")
            for m in LINE_BREAKS.finditer(text)]


def indents(text: str) -> list[tuple[int, int]]:
    """The spans of INDENT.finditer(text)."""
    first = INDENT.match(text)
    return ([first.span()] if first else []) + [m.span(1) for m in INDENT_AFTER_BREAK.finditer(text)]


def trailing_spaces(text: str) -> list[tuple[int, int]]:
    """The spans of TRAILING.finditer(text): each line's run of spaces at its end. Found line by
    line with rstrip, 2x quicker than the pattern, which tries its class at every character."""
    spans, start = [], 0
    for line in text.split("\n"):
        kept = len(line.rstrip(SPACES))
        if kept < len(line):
            spans.append((start + kept, start + len(line)))
        start += len(line) + 1
    return spans


def strip_whitespace(text: str) -> list[Edit]:
    spans = [(start, end, "layout.indent") for start, end in indents(text) if not opens_paragraph(text, start)]
    spans += [(start, end, "layout.trailing-space") for start, end in trailing_spaces(text)]
    edits, last_end = [], -1
    for start, end, rule in sorted(spans):
        start = max(start, last_end)  # a whitespace-only line is matched by both patterns
        if start < end:
            edits.append(_edit(rule, text, start, end, ""))
            last_end = end
    return edits


def drop_duplicate_titles(text: str, zones: Zones | None = None) -> list[Edit]:
    """In the head zone, drop a short line equal (script-folded) to an earlier non-blank line.
    `zones`: the text's zones, when the caller has them."""
    zones = zones or find_zones(text)
    seen: dict[str, int] = {}
    heads = []  # (line number, start, end, stripped line, title_key) of the lines that may be titles
    edits = []
    for number, (start, end) in enumerate(iter_lines(text, 0, zones.head_end)):
        line = text[start:end].strip()
        if not line or len(line) > TITLE_DUPLICATE_MAX_CHARS or SALUTATION.match(line):
            continue
        key = title_key(line)
        if len(key) < 2:
            continue  # a lone mark or character (“, (, 区) repeated is no title: nothing of one is left
        heads.append((number, start, end, line, key))
        if key in seen:
            stop = min(end + 1, len(text))
            edits.append(_edit("layout.duplicate-title", text, start, stop, "",
                               f"repeats the title on line {seen[key] + 1} of the head"))
        else:
            seen[key] = number
    edits += _title_pieces(text, zones.head_end, {edit.start for edit in edits})
    edits += _title_copies(text, heads, {edit.start for edit in edits})
    return sorted(edits + _version_headers(text, {edit.start for edit in edits}), key=lambda edit: edit.start)


def title_key(line: str) -> str:
    """What two copies of a title share (TITLE_KEY_IGNORES, VERSION_COUNT): the folded line
    without brackets and spaces, its count of versions in digits."""
    key = TITLE_KEY_IGNORES.sub("", fold_for_matching(line))
    return VERSION_COUNT.sub(lambda match: str(_numeral_value(match.group())), key) if "篇" in key else key


def _cited_title(line: str) -> list[str]:
    """The key of the title a line cites in 《》 with nothing else but its document number
    (某政发〔2024〕3号《TITLE》); a title that names another document (印发《…》的通知) cites none."""
    quoted = QUOTED_TITLE.search(line)
    if quoted is None:
        return []
    rest = (line[:quoted.start()] + line[quoted.end():]).strip(" :：")
    return [title_key(quoted.group(1))] if not rest or DOCUMENT_NUMBER.fullmatch(rest) else []


def _numeral_value(numeral: str) -> int:
    if "十" not in numeral:
        return DIGIT_VALUES.get(numeral[-1], 0)
    tens, _, ones = numeral.partition("十")
    return DIGIT_VALUES.get(tens, 1) * 10 + DIGIT_VALUES.get(ones, 0)


def _title_copies(text: str, heads: list[tuple[int, int, int, str, str]], dropped: set[int]) -> list[Edit]:
    """Copies of a title line of the head that are not the line itself: the title with the
    site's label after a separator (TITLE_LABEL_SEPARATOR: 演讲稿|TITLE, where TITLE stands on
    a line of its own) or cited in 《》 with its number, and a shorter copy (the title without
    its year) that is most of a longer title line (TITLE_COPY_MIN_SHARE); the plain or the
    longer one stays. A subtitle (——…) is no copy, and a field that holds the title (标题：TITLE)
    no longer title. `heads`: the head lines drop_duplicate_titles read, with their title_key."""
    lines = [(start, end, key, line, number) for number, start, end, line, key in heads
             if start not in dropped and TITLE_COPY_MIN_CHARS <= len(line) and not SENTENCE_MARK.search(line)
             and line[0] not in "—-"]
    keys = {key: index for index, (_, _, key, _, _) in enumerate(lines)}
    edits, copies = [], set()
    for number, (start, end, key, line, _) in enumerate(lines):
        pieces = []
        if any(mark in line for mark in LABEL_MARKS):  # most lines hold no separator: no split
            pieces = [title_key(piece) for piece in TITLE_LABEL_SEPARATOR.split(line) if piece.strip()]
            pieces = pieces if len(pieces) > 1 else []
        pieces += _cited_title(line) if "《" in line else []
        plain = next((keys[piece] for piece in pieces if keys.get(piece, number) != number), None)
        if plain is not None:
            copies.add(number)
            edits.append(_edit("layout.duplicate-title", text, start, min(end + 1, len(text)), "",
                               f"the title on line {lines[plain][4] + 1} with the site's "
                               "label or its number"))
    for number, (start, end, key, line, _) in enumerate(lines):
        longer = next((other for other, (_, _, key_other, _, _) in enumerate(lines)
                       if TITLE_COPY_MIN_SHARE * len(key_other) <= len(key) < len(key_other) and key in key_other
                       and other != number and other not in copies
                       and ":" not in key_other  # a field (标题：TITLE) holds the title, it is no title
                       and not HEADING_MARKER.match(lines[other][3])  # 五、TITLE: the text's section of that name
                       and not VERSION_NUMBER.match(key_other.replace(key, "", 1))), None)  # TITLE2: another version's
        if number not in copies and longer is not None:
            edits.append(_edit("layout.duplicate-title", text, start, min(end + 1, len(text)), "",
                               f"a shorter copy of the title on line {lines[longer][4] + 1}"))
    return edits


def _title_pieces(text: str, head_end: int, dropped: set[int]) -> list[Edit]:
    """Runs of short Han lines in the head (TITLE_PIECE) each of which the next longer line, a
    title, holds: the site's column or tag label, said again by the title itself. A line equal
    to the title is a duplicate, not a piece; a piece of a sentence is no label."""
    edits, run = [], []
    for start, end in iter_lines(text, 0, head_end):
        line = text[start:end].strip()
        if not line or start in dropped:
            continue
        if TITLE_PIECE.match(line) and len(run) < TITLE_PIECE_MAX_LINES:
            run.append((start, end, line))
            continue
        if run and len(line) <= TITLE_DUPLICATE_MAX_CHARS and not SENTENCE_MARK.search(line) and not SALUTATION.match(line):
            title = fold_for_matching(line)
            pieces = [fold_for_matching(piece) for _, _, piece in run]
            if all(piece in title and 2 * len(piece) <= len(title) for piece in pieces):
                number = text.count("\n", 0, start) + 1
                edits += [_edit("layout.duplicate-title", text, s, min(e + 1, len(text)), "",
                                f"a piece of the title on line {number}: the site's column or tag label")
                          for s, e, _ in run]
        run = []
    return edits


def _version_headers(text: str, dropped: set[int]) -> list[Edit]:
    """Version headers (VERSION_HEADER) whose title the next non-blank line repeats; not where
    either line is `dropped` already (a header stays when its title line goes). Found by one
    search of the page, which most pages pass without a match."""
    if "篇" not in text and "范文" not in text and "範文" not in text:
        return []
    edits = []
    for match in VERSION_HEADER.finditer(text):
        start, end = match.span()
        following = _next_line(text, end + 1)
        if following is None or dropped & {start, following[0]}:
            continue
        if fold_for_matching(text[following[0]:following[1]].strip()) == fold_for_matching(match.group("title")):
            edits.append(_edit("layout.duplicate-title", text, start, min(end + 1, len(text)), "",
                               "a version header whose title the next line repeats"))
    return edits


def _next_line(text: str, pos: int) -> tuple[int, int] | None:
    """[start, end) of the first non-blank line at or after `pos`, None if there is none."""
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            return pos, end
        pos = end + 1
    return None


def collapse_blank_lines(text: str) -> list[Edit]:
    return [_edit("layout.blank-lines", text, m.start() + 2, m.end(), "") for m in BLANK_RUN.finditer(text)]


def fix_edges(text: str) -> list[Edit]:
    edits = []
    lead = len(text) - len(text.lstrip("\n"))
    if lead:
        edits.append(_edit("layout.edges", text, 0, lead, ""))
    body_end = len(text.rstrip("\n"))
    if body_end > lead and text[body_end:] != "\n":
        edits.append(_edit("layout.edges", text, body_end, len(text), "\n"))
    elif body_end <= lead and len(text) > lead:
        edits.append(_edit("layout.edges", text, lead, len(text), ""))
    return edits
