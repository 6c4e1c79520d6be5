"""Built-in layout repairs where a regex is the wrong tool: whitespace, repeated titles, broken lines.

Each function takes the current text and returns edits in its coordinates, with a rule id of the
`layout` family so the log and the summary name them like any rule.
"""
from __future__ import annotations

import regex

from .model import Edit
from .normalize import fold_for_matching
from .words import splits_word
from .zones import HEADING_MARKER, SALUTATION, SENTENCE_END, find_zones, is_heading, iter_lines

DESCRIPTIONS = {
    "layout.newline": "Turns Windows and old Mac line ends into \\n and drops a byte-order mark.",
    "layout.indent": "Removes indentation made of ASCII or full-width spaces at the start of a line.",
    "layout.trailing-space": "Removes spaces at the end of a line.",
    "layout.duplicate-title": "Drops a title line the page repeats in its head, keeping the first.",
    "layout.join-broken-line": "Joins a line the scrape broke mid-sentence to the line that continues it.",
    "layout.blank-lines": "Collapses a run of blank lines into one.",
    "layout.edges": "Removes blank lines at the start and end and ends the text with one newline.",
}
LINE_BREAKS = regex.compile(r"\r\n?|\ufeff")
INDENT_CHARS = " \t\u3000\u00a0"
INDENT = regex.compile(r"^[ \t\u3000\u00a0]+(?=\S)", regex.MULTILINE)
# INDENT after a line break, written to start with one: the regex module tries `^` at every
# character, and this runs on every page in every pass (4x faster; same spans, see indents()).
INDENT_AFTER_BREAK = regex.compile(r"\n([ \t\u3000\u00a0]+)(?=\S)")
TRAILING = regex.compile(r"[ \t\u3000\u00a0]+$", regex.MULTILINE)
BLANK_RUN = regex.compile(r"\n{3,}")
# A line that continues a sentence may not open with a heading, a bullet or a salutation.
CONTINUES = regex.compile(r"^[\p{Han}，,、“”\"《》（(A-Za-z0-9]")
MIN_BROKEN_CHARS = 15
LONG_PROSE_CHARS = 60
CLAUSE_MARK = regex.compile(r"[，,、！？!?]")
FULL_STOP = regex.compile(r"[。；;]")
COMMA = regex.compile(r"[，,]")
# `发文机关：`, `来源：`: a metadata field starts a new line, it does not continue a sentence.
FIELD_LABEL = regex.compile(r"^\p{Han}[\p{Han} ]{1,7}[:：]")
TITLE_DUPLICATE_MAX_CHARS = 60


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


def opens_paragraph(text: str, start: int, end: int) -> bool:
    """An indented line [start, end) right after a line that looks broken off: its indent is
    the page's own mark that a new paragraph begins there, so it is kept for the join to see
    (and cleaning the output again sees it too)."""
    before = text[:start].rstrip()  # back over blank lines to the line before
    if not before:
        return False
    previous = before[before.rfind("\n") + 1:]
    return is_broken_line(previous) and continues_sentence(text[start:end])


def strip_whitespace(text: str) -> list[Edit]:
    spans = [(start, end, "layout.indent") for start, end in indents(text)
             if not opens_paragraph(text, start, text.find("\n", end) % (len(text) + 1))]
    spans += [(m.start(), m.end(), "layout.trailing-space") for m in TRAILING.finditer(text)]
    edits, last_end = [], -1
    for start, end, rule in sorted(spans):
        start = max(start, last_end)  # a whitespace-only line is matched by both patterns
        if start < end:
            edits.append(_edit(rule, text, start, end, ""))
            last_end = end
    return edits


def drop_duplicate_titles(text: str) -> list[Edit]:
    """In the head zone, drop a short line equal (script-folded) to an earlier non-blank line."""
    zones = find_zones(text)
    seen: dict[str, int] = {}
    edits = []
    for number, (start, end) in enumerate(iter_lines(text, 0, zones.head_end)):
        line = text[start:end].strip()
        if not line or len(line) > TITLE_DUPLICATE_MAX_CHARS or SALUTATION.match(line):
            continue
        key = fold_for_matching(line)
        if key in seen:
            stop = min(end + 1, len(text))
            edits.append(_edit("layout.duplicate-title", text, start, stop, "",
                               f"repeats the title on line {seen[key] + 1} of the head"))
        else:
            seen[key] = number
    return edits


# A sentence broken off ends in a character it can go on from: Han, a letter or digit, a clause
# mark or an opening bracket; a line ending in other ASCII symbols ends in junk (forum jammer).
CAN_GO_ON = regex.compile(r"[\p{Han}A-Za-z0-9%，,、：:“\"《（(—\-]$")
# Forum jammer glued to the end of a line: short ASCII tokens with symbols among them.
JAMMER_TAIL = regex.compile(r"(?:\s*[!-~]{1,3}){3,}\s*$")
JAMMER_SYMBOL = regex.compile(r"[!-/:-@\[-`{-~]")
# A photo caption ends with its credit (新华社记者 张三 摄): a complete line.
PHOTO_CREDIT = regex.compile(r"(?:(?:记者|記者|摄影|攝影|通讯员|通訊員)\s*\S{1,8}\s*[/／]?\s*|\s\S{1,4}\s*[/／]\s*|\s\S{2,4}\s+)[摄攝]$")


def _ends_in_jammer(line: str) -> bool:
    tail = JAMMER_TAIL.search(line)
    return tail is not None and " " in tail.group().strip() and len(JAMMER_SYMBOL.findall(tail.group())) >= 2


def is_broken_line(line: str) -> bool:
    """Prose that stops mid-sentence: no closing mark at its end, not a numbered heading, and
    prose inside: a full stop, two commas, or clause marks in a line longer than any title.
    Titles (which may carry '！', '、' or one comma), menus, link lists, photo captions and lines
    ending in junk do not qualify."""
    stripped = line.strip()
    if len(stripped) < MIN_BROKEN_CHARS or stripped[-1] in SENTENCE_END + "…" or stripped.endswith("..."):
        return False
    if not CAN_GO_ON.search(stripped) or PHOTO_CREDIT.search(stripped) or _ends_in_jammer(stripped):
        return False
    if is_heading(stripped):
        return False
    if FULL_STOP.search(stripped) or len(COMMA.findall(stripped)) >= 2:
        return True
    return len(stripped) >= LONG_PROSE_CHARS and bool(CLAUSE_MARK.search(stripped))


def continues_sentence(line: str) -> bool:
    """A line that can carry on a sentence: not a numbered point, heading or salutation."""
    stripped = line.strip()
    return (bool(CONTINUES.match(stripped)) and not HEADING_MARKER.match(stripped)
            and not SALUTATION.match(stripped) and not FIELD_LABEL.match(stripped))


def join_broken_lines(text: str, indented: frozenset[int] = frozenset()) -> list[Edit]:
    """Join each broken line to the next line when that line continues the sentence.

    The gap may hold a blank line only where the document separates its paragraphs with blank
    lines; where paragraphs follow line by line, a blank line ends the paragraph. A line that was
    indented in the original (`indented`: its start in `text`) opens a paragraph: the scrape's
    line before it ended a paragraph without a full stop, it was not broken.
    """
    lines = [(s, e) for s, e in iter_lines(text) if text[s:e].strip()]
    gaps = [text.count("\n", e1, s2) - 1 for (_, e1), (s2, _) in zip(lines, lines[1:])]
    blank_separated = sum(g >= 1 for g in gaps) > sum(g == 0 for g in gaps)
    edits = []
    for ((s1, e1), (s2, e2)), gap in zip(zip(lines, lines[1:]), gaps):
        if gap > (1 if blank_separated else 0):
            continue
        first, second = text[s1:e1], text[s2:e2]
        if second[:1] in INDENT_CHARS and not splits_word(first, second):
            continue
        if is_broken_line(first) and continues_sentence(second):
            indent = len(second) - len(second.lstrip(INDENT_CHARS))  # kept where it told a paragraph
            edits.append(_edit("layout.join-broken-line", text, e1, s2 + indent, "",
                               f"'…{first.strip()[-6:]}' breaks off mid-sentence and '{second.strip()[:6]}…' continues it"))
    return edits


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
