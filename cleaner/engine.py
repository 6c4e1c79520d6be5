"""Apply one rule to a document's text: find the lines its scope allows, return the edits its action makes.

Patterns run on the folded view (same length as the text), with the regex module's timeout, so a
catastrophic pattern raises RuleTimeout naming the rule instead of hanging the run.
"""
from __future__ import annotations

from .errors import RuleTimeout
from .linefinder import next_candidate_line
from .model import Edit
from .rules import Rule
from .zones import Zones, is_title_like, line_bounds


def rule_edits(rule: Rule, text: str, view: str, zones: Zones, timeout: float) -> list[Edit]:
    try:
        if rule.scope == "to-end":
            return _drop_to_end(rule, text, view, zones, timeout)
        start, end = _region(rule.scope, text, zones)
        lines = list(_matching_lines(rule, view, start, end, timeout))
        if rule.scope.endswith("-block"):
            return _drop_blocks(rule, text, lines, start, end)
        if rule.action == "drop-line":
            return _drop_lines(rule, text, lines)
        edits = []
        for ls, le, _ in lines:
            edits.extend(_edit_matches(rule, text, view, ls, le, timeout))
        return edits
    except TimeoutError:
        raise RuleTimeout(rule.id, timeout) from None


def _region(scope: str, text: str, zones: Zones) -> tuple[int, int]:
    if scope.startswith("head"):
        return 0, zones.head_end
    if scope.startswith("tail"):
        return zones.tail_start, len(text)
    return 0, len(text)


def _matching_lines(rule: Rule, view: str, start: int, end: int, timeout: float):
    """(line_start, line_end, match) for each line in [start, end) where the pattern matches.

    One search over the whole region finds candidates quickly; each is confirmed on its own line,
    so a pattern whose `\\s` runs across a newline still sees one line at a time. Lines before the
    next one holding a literal the rule requires are skipped unsearched.
    """
    pos = start
    while pos < end:
        pos = next_candidate_line(rule.literal_finder, view, pos, end)
        if pos is None:
            return
        match = rule.search_region(view, pos, end, timeout)
        if match is None:
            return
        ls, le = line_bounds(view, match.start())
        le = min(le, end)
        if not (ls <= match.start() and match.end() <= le):
            match = rule.search_line(view, ls, le, timeout)
        if match is not None:
            yield ls, le, match
        pos = le + 1


def _drop_lines(rule: Rule, text: str, lines) -> list[Edit]:
    edits: list[Edit] = []
    for ls, le, _ in lines:
        start, end = ls, min(le + 1, len(text))
        if le == len(text) and ls > 0 and not (edits and edits[-1].end == ls):
            start = ls - 1  # the last line has no newline of its own: take the one before it
        edits.append(Edit(start, end, text[start:end], "", rule.id, rule.description))
    return edits


def _edit_matches(rule: Rule, text: str, view: str, ls: int, le: int, timeout: float) -> list[Edit]:
    edits = []
    for match in rule.compiled.finditer(view, ls, le, timeout=timeout):
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


def _drop_to_end(rule: Rule, text: str, view: str, zones: Zones, timeout: float) -> list[Edit]:
    """From the first matching line in the back half (or tail zone) to the end of the document."""
    start = min(zones.tail_start, _line_start(text, len(text) // 2))
    for ls, le, _ in _matching_lines(rule, view, start, len(text), timeout):
        if rule.include_titles_above:
            ls = _titles_above(text, ls)
        return [Edit(ls, len(text), text[ls:], "", rule.id, rule.description)]
    return []


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _titles_above(text: str, ls: int) -> int:
    """Extend upwards over title-like lines directly above (bare previous/next page links)."""
    while ls > 0:
        prev_start, prev_end = line_bounds(text, ls - 1)
        if not is_title_like(text[prev_start:prev_end]):
            break
        ls = prev_start
    return ls
