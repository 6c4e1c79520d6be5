"""Apply one rule to a document's text: find the lines its scope allows, return the edits its action makes.

Patterns run on the folded view (same length as the text). A rule's unit is a line, but on a line
longer than zones.LONG_LINE_CHARS (a page scraped without line breaks, a record that is one line)
it is the sentence of that line where the match is: `drop-line` drops that sentence, a block is
that sentence, and `drop-to-end` starts there, so one match never takes a whole page.

Every regex call runs with the time the rule has left on this document (a Deadline), so a
catastrophic pattern raises RuleTimeout naming the rule instead of hanging the run.
"""
from __future__ import annotations

import time

from .linefinder import next_candidate_line
from .literals import LiteralCursor
from .model import Edit
from .rules import Rule
from .zones import Zones, is_title_like, line_bounds, unit_bounds


class Deadline:
    """The moment a rule's time on a document runs out; `left()` is what a regex call may use."""

    __slots__ = ("at",)

    def __init__(self, seconds: float, now: float | None = None):
        self.at = (time.perf_counter() if now is None else now) + seconds

    def left(self) -> float:
        remaining = self.at - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError
        return remaining


def rule_edits(rule: Rule, text: str, view: str, zones: Zones | None, deadline: Deadline,
               literals: LiteralCursor | None = None) -> list[Edit]:
    """The edits `rule` makes on `text`; TimeoutError when it runs past `deadline`. `zones` may be
    None for a line rule (it looks at the whole text); `literals`: a cursor of the rule's literals
    over the whole view, when the caller has one."""
    if rule.scope == "to-end":
        return _drop_to_end(rule, text, view, zones, deadline, literals)
    start, end = _region(rule.scope, text, zones)
    lines = list(_matching_lines(rule, view, start, end, deadline, literals and literals.up_to(end)))
    if rule.scope.endswith("-block"):
        return _drop_blocks(rule, text, lines, start, end)
    if rule.action == "drop-line":
        return _drop_lines(rule, text, lines)
    edits = []
    for ls, le, _ in lines:
        edits.extend(_edit_matches(rule, text, view, ls, le, deadline))
    return edits


def _region(scope: str, text: str, zones: Zones) -> tuple[int, int]:
    if scope.startswith("head"):
        return 0, zones.head_end
    if scope.startswith("tail"):
        return zones.tail_start, len(text)
    return 0, len(text)


def _matching_lines(rule: Rule, view: str, start: int, end: int, deadline: Deadline,
                    literals: LiteralCursor | None = None):
    """(unit_start, unit_end, match) for each unit (a line, or a sentence of a long line) in
    [start, end) where the pattern matches.

    One search over the whole region finds candidates quickly; each is confirmed on its own unit,
    so a pattern whose `\\s` runs across a newline still sees one line at a time. Lines before the
    next one holding a literal the rule requires are skipped unsearched; a pattern anchored at line
    starts is then tried on that line alone, as a match on a later line holds a literal of its own.
    `literals`: the rule's literal cursor over [0, end) when the caller made one already.
    """
    if rule.literal_finder is not None and literals is None:
        literals = rule.literal_finder.cursor(view, end)
    line_by_line = literals is not None and rule.line_finder is not None
    pos, line = start, (0, -1)
    while pos < end:
        pos = next_candidate_line(literals, view, pos)
        if pos is None:
            return
        if literals is not None and rule.max_chars is not None and _line_end(view, pos, end) - pos > rule.max_chars:
            pos = _line_end(view, pos, end) + 1  # too long to match: on to the next literal
            continue
        if line_by_line:
            match = rule.match_on_line(view, pos, end, deadline.left())
            if match is None:
                pos = _line_end(view, pos, end) + 1
                continue
        else:
            match = rule.search_region(view, pos, end, deadline.left())
            if match is None:
                return
        if not line[0] <= match.start() <= line[1]:  # a long line is looked up once, not per match
            line = line_bounds(view, match.start())
        ls, le = unit_bounds(view, match.start(), line)
        le = min(le, end)
        if not (ls <= match.start() and match.end() <= le):
            match = rule.search_line(view, ls, le, deadline.left())
        if match is not None:
            yield ls, le, match
        pos = le + 1 if le >= len(view) or view[le] == "\n" else le


def _line_end(view: str, pos: int, end: int) -> int:
    stop = view.find("\n", pos, end)
    return end if stop < 0 else stop


def _whole_line(text: str, ls: int, le: int) -> bool:
    return (ls == 0 or text[ls - 1] == "\n") and (le == len(text) or text[le] == "\n")


def _drop_lines(rule: Rule, text: str, lines) -> list[Edit]:
    edits: list[Edit] = []
    for ls, le, _ in lines:
        if not _whole_line(text, ls, le):  # a sentence of a long line: that sentence goes
            edits.append(Edit(ls, le, text[ls:le], "", rule.id, rule.description))
            continue
        start, end = ls, min(le + 1, len(text))
        if le == len(text) and ls > 0 and not (edits and edits[-1].end == ls):
            start = ls - 1  # the last line has no newline of its own: take the one before it
        edits.append(Edit(start, end, text[start:end], "", rule.id, rule.description))
    return edits


def _edit_matches(rule: Rule, text: str, view: str, ls: int, le: int, deadline: Deadline) -> list[Edit]:
    edits = []
    for match in rule.compiled.finditer(view, ls, le, timeout=deadline.left()):
        if match.start() == match.end():
            continue
        new = rule.expand(match, text) if rule.action == "replace" else ""
        old = text[match.start():match.end()]
        if old != new:
            edits.append(Edit(match.start(), match.end(), old, new, rule.id, rule.description))
    return edits


def _drop_blocks(rule: Rule, text: str, lines, start: int, end: int) -> list[Edit]:
    """Drop each run of adjacent non-blank lines (inside the zone) that holds a matching line."""
    edits = []
    taken_until = -1
    for ls, le, _ in lines:
        if ls < taken_until:
            continue
        if not _whole_line(text, ls, le):  # a sentence of a long line is a block of its own
            edits.append(Edit(ls, le, text[ls:le], "", rule.id, rule.description))
            taken_until = le
            continue
        block_start = ls
        while block_start > start:
            prev_start, prev_end = line_bounds(text, block_start - 1)
            if prev_start < start or not text[prev_start:prev_end].strip():
                break
            block_start = prev_start
        block_end = le
        while block_end + 1 < end:
            next_start, next_end = line_bounds(text, block_end + 1)
            if next_end > end or not text[next_start:next_end].strip():
                break
            block_end = next_end
        stop = min(len(text), block_end + 1)
        edits.append(Edit(block_start, stop, text[block_start:stop], "", rule.id, rule.description))
        taken_until = stop
    return edits


def _drop_to_end(rule: Rule, text: str, view: str, zones: Zones, deadline: Deadline,
                 literals: LiteralCursor | None = None) -> list[Edit]:
    """From the first matching line in the back half (or tail zone) to the end of the document."""
    start = min(zones.tail_start, unit_bounds(text, zones.middle)[0])
    for ls, le, _ in _matching_lines(rule, view, start, len(text), deadline, literals):
        if rule.include_titles_above:
            ls = _titles_above(text, ls)
        return [Edit(ls, len(text), text[ls:], "", rule.id, rule.description)]
    return []


def _titles_above(text: str, ls: int) -> int:
    """Extend upwards over title-like lines directly above (bare previous/next page links)."""
    while ls > 0:
        prev_start, prev_end = line_bounds(text, ls - 1)
        if not is_title_like(text[prev_start:prev_end]):
            break
        ls = prev_start
    return ls
