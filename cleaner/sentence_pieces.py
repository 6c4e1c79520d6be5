"""A sentence the page set over lines in pieces: its inline elements (a quote mark, a bracket, a
number, a Latin word, the words inside quotes or brackets) each on a line of their own, as a page
whose spans the scrape turned into lines shows them:

    特别是文明城市创建，在 / “ / 四城同创 / ” / 工作中处于统领地位…
    参会人员共计 / 800 / 余人。        截至 / 2023 / 年底，全县…

The pieces are joined before the rules run (a PREPARE step), so that no rule or scorer reads a
lone number as a page number or a lone bracket as junk, and the sentence is whole for the rules.
A number alone joins only where it reads as a quantity (a unit or measure word follows it, or a
word that asks for one precedes it): a page number between the halves of a sentence does not, and
page-number.bare drops it as before.
"""
from __future__ import annotations

import re

import regex

from .joins import CAN_GO_ON, INDENT_CHARS, UNIT_START, continues_sentence, is_broken_line
from .model import Edit
from .zones import SENTENCE_END

RULE_ID = "layout.join-inline-piece"
DESCRIPTION = ("Joins the pieces of a sentence that the page set on lines of their own (a quote mark, a bracket, "
               "the words inside them, a number with its unit, a Latin word) to the sentence around them.")
OPENING, CLOSING = "“‘《〈「『（(【[", "”’》〉」』）)】]"
MARK_LINE = regex.compile(r"^[“”‘’《》〈〉「」『』（）()【】\[\]]{1,3}$")
NUMBER_LINE = regex.compile(r"^(?:\d+(?:[.,]\d+)*\s*[%％‰]?|\d+[A-Za-z]{1,4}|[A-Za-z][A-Za-z0-9.+\-]{0,15})$")
LATIN = regex.compile(r"[A-Za-z]")
# A word that asks for a number after it (共计 / 800); joins.UNIT_START is what follows one.
ASKS_FOR_NUMBER = regex.compile(r"(?:共计|合计|累计|总计|截至|截止|达到|超过|共有|约|近|逾|第)$")
PROSE_MIN_CHARS = 15  # a line this long with a clause mark inside is prose, whatever it ends with
CLAUSE_MARK = regex.compile(r"[，,、；;]")
PIECE_MAX_CHARS = 30  # the words inside a quote or bracket set apart: a phrase, not a paragraph
# A line that can be a piece, with the line break above it: a lone mark or a lone number or word.
# Most pages have none; the stdlib scans for it several times faster than the regex module.
PIECE_LINE = re.compile(r"\n[ \t\u3000]*(?:[“”‘’《》〈〉「」『』（）()【】\[\]]{1,3}|[A-Za-z0-9][A-Za-z0-9.,+%％‰\-]{0,15})[ \t\u3000]*(?=\n)")


def join_inline_pieces(text: str) -> list[Edit]:
    """Edits joining each run of pieces to the line it breaks off from and the line that goes on."""
    edits: list[Edit] = []
    joined_up_to = 0
    for found in PIECE_LINE.finditer(text):
        if found.start() < joined_up_to:
            continue  # a piece of a run already joined
        host, inside = (text.rfind("\n", 0, found.start()) + 1, found.start()), False
        while (run := _piece_run(text, host, inside)) is not None:
            breaks, following = run
            start = text[host[0]:host[1]].strip()[-6:]
            for at in breaks:
                edits.append(Edit(at, at + 1, "\n", "", RULE_ID,
                                  f"'{text[at + 1:at + 7].strip()}' is a piece of the sentence '…{start}' goes on with"))
            joined_up_to, host, inside = following[1], following, True  # the line that goes on may break off again
    return edits


def _line_at(text: str, start: int) -> tuple[int, int]:
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def _piece_run(text: str, host: tuple[int, int], inside: bool) -> tuple[list[int], tuple[int, int]] | None:
    """The line breaks to take out between line `host` (start, end), the pieces right below it
    and the line after them that goes on, and that line; None if they are no such run.
    `inside`: the host goes on from a sentence above it."""
    first = text[host[0]:host[1]].strip()
    if not first or first[-1] in SENTENCE_END + "…" or not (CAN_GO_ON.search(first) or first[-1] in OPENING):
        return None
    depth, marks, pieces = max(0, _opened(first)), 0, []
    breaks, line = [host[1]], host
    while True:
        if line[1] >= len(text):
            return None  # the text ends inside the run
        line = _line_at(text, line[1] + 1)
        raw = text[line[0]:line[1]]
        piece = raw.strip()
        if not piece or raw[0] in INDENT_CHARS:
            return None  # a blank line or an indent opens a paragraph: nothing goes on
        if MARK_LINE.match(piece):
            depth, marks = max(0, depth + _opened(piece)), marks + 1
        elif depth > 0 and len(piece) <= PIECE_MAX_CHARS and not any(mark in piece for mark in SENTENCE_END):
            pass  # the words inside an open quote or bracket
        elif NUMBER_LINE.match(piece):
            pieces.append(piece)
        else:
            break  # the line that goes on
        breaks.append(line[1])
    if len(breaks) == 1 or not (continues_sentence(piece) or piece[0] in CLOSING + "，,、；;：:。！？!?"):
        return None
    if marks:  # a title above a bracketed date is no broken sentence: prose is
        broken = inside or is_broken_line(first) or first[-1] in OPENING + "，,、" or (
            len(first) >= PROSE_MIN_CHARS and CLAUSE_MARK.search(first) is not None)
        return (breaks, line) if broken else None
    return (breaks, line) if len(pieces) == len(breaks) - 1 and _reads_on(first, pieces, piece) else None


def _reads_on(first: str, numbers: list[str], following: str) -> bool:
    """Lone numbers and Latin words read as part of the sentence: a Latin word inside a broken
    sentence (推进 / 5G / 基站建设), a number with its unit after it or a word that asks for one."""
    if all(LATIN.search(number) for number in numbers):
        return is_broken_line(first) and continues_sentence(following)
    return bool(UNIT_START.match(following) or ASKS_FOR_NUMBER.search(first))


def _opened(text: str) -> int:
    return sum(char in OPENING for char in text) - sum(char in CLOSING for char in text)
