"""Rule actions: what a rule does where its pattern matches. Each action is a registered class that
declares the scopes it applies to and whether it takes a `replacement` or `fixes`; the rule file
loader checks rules against the registry, and a rule's edits (cleaning and its inline examples
alike) come from its action's `edits(rule, doc)`.

Patterns run on the folded view (same length as the text). A rule's unit is a line, but on a line
longer than zones.LONG_LINE_CHARS (a page scraped without line breaks, a record that is one line),
or a shorter one where text stands beside the matched sentence (a blurb glued to the speech's
opening), it is the sentence of that line where the match is: `drop-line` drops that sentence, a
block is that sentence, and `drop-to-end` starts there, so one match never takes a whole page.
`drop-match` cuts out only its match, which may run over sentence marks (a style sheet's `;`).

Every regex call runs with the time the rule has left on this document (a Deadline), so a
catastrophic pattern raises RuleTimeout naming the rule instead of hanging the run.

A new action: a subclass of Action in a module of its own, with `register(MyAction())`.
"""
from __future__ import annotations

import time
from typing import Protocol

from .linefinder import next_candidate_line
from .literals import LiteralCursor
from .model import Edit
from .steps import DocView
from .zones import Zones, holds_text, is_body_line, is_heading, is_title_like, line_bounds, touched_lines, unit_bounds

SENTENCE_MIN_CHARS = 8  # a short sentence of a speech still has a subject and a verb


class Rule(Protocol):
    """What an action reads of a rule (rules.Rule): its identity, where it looks, its pattern and
    the fast ways to it, and what it never touches."""

    id: str
    description: str
    scope: str
    action: str
    replacement: str | None
    include_titles_above: bool
    max_chars: int | None
    protected: frozenset[str]
    compiled: object  # a compiled regex pattern
    line_finder: object | None
    literal_finder: object | None

    def edits(self, doc: DocView) -> list[Edit]: ...
    def expand(self, match, text: str) -> str: ...
    def search_region(self, view: str, start: int, end: int, timeout: float): ...
    def match_on_line(self, view: str, pos: int, end: int, timeout: float): ...
    def search_line(self, view: str, start: int, end: int, timeout: float): ...
class Deadline:
    """The moment a rule's time on a document runs out; `left()` is what a regex call may use:
    None when the watchdog (watchdog.py) keeps the time instead."""

    __slots__ = ("at", "watched")

    def __init__(self, seconds: float, now: float | None = None, watched: bool = False):
        self.at = (time.perf_counter() if now is None else now) + seconds
        self.watched = watched

    def left(self) -> float | None:
        if self.watched:
            return None
        remaining = self.at - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError
        return remaining


class Action:
    """What a rule does with the lines its scope allows. `scopes`: where the action applies (the
    first action registered for a scope is the one its error messages name first);
    `takes_replacement` / `takes_fixes`: the optional rule keys it accepts; `needs_fixes`: a rule
    with this action must show at least one [input, output] pair."""

    name: str = ""
    scopes: tuple[str, ...] = ()
    takes_replacement = False
    takes_fixes = False
    needs_fixes = False
    # The unit a match must lie in: a line, or on a long line the sentence of the match (so that
    # one match never takes a page). What only cuts its match out may cross sentence marks.
    whole_lines = False

    def edits(self, rule: Rule, doc: DocView) -> list[Edit]:
        raise NotImplementedError


ACTIONS: dict[str, Action] = {}


def register(action: Action) -> Action:
    if not action.name or not action.scopes:
        raise ValueError("an action needs a name and the scopes it applies to")
    if action.name in ACTIONS:
        raise ValueError(f"action {action.name!r} is already registered")
    ACTIONS[action.name] = action
    return action


def unregister(name: str) -> None:
    """Remove an action (for tests that add a toy one)."""
    ACTIONS.pop(name, None)


def actions_by_scope() -> dict[str, tuple[str, ...]]:
    """Each scope with the names of the actions that apply to it, in registration order."""
    by_scope: dict[str, tuple[str, ...]] = {}
    for action in ACTIONS.values():
        for scope in action.scopes:
            by_scope[scope] = by_scope.get(scope, ()) + (action.name,)
    return by_scope


def rule_edits(rule: Rule, text: str, view: str, zones: Zones | None, deadline: "Deadline",
               literals: LiteralCursor | None = None) -> list[Edit]:
    """The edits `rule` makes on `text`; TimeoutError when it runs past `deadline`. `zones` may be
    None for a line rule (it looks at the whole text); `literals`: a cursor of the rule's literals
    over the whole view, when the caller has one."""
    return rule.edits(DocView(text, view, zones, None, deadline, literals))


def spares_protected(rule: Rule, view: str, edits: list[Edit]) -> list[Edit]:
    """`edits` less those that would change a line the rule's `unless` list protects. A protected
    line is never a match (_matching_lines passes over it, so a to-end rule looks for the next
    one); this second check is for the lines a block or a to-end removal takes with its match."""
    return [edit for edit in edits
            if not any(line.strip() in rule.protected for line in touched_lines(view, edit.start, edit.end))]


def matching_units(rule: Rule, doc: DocView) -> tuple[int, int, list]:
    """The region of the rule's scope and (unit_start, unit_end, match) for each unit in it
    where the pattern matches."""
    start, end = _region(rule.scope, doc)
    literals = doc.literals and doc.literals.up_to(end)
    return start, end, list(_matching_lines(rule, doc.view, start, end, doc.deadline, literals))


class DropLine(Action):
    name, scopes = "drop-line", ("line", "head", "tail")

    def edits(self, rule, doc):
        return _drop_lines(rule, doc.text, matching_units(rule, doc)[2])


class DropMatch(Action):
    name, scopes, takes_fixes = "drop-match", ("line", "head", "tail"), True
    whole_lines = True  # a style sheet's `;` are no sentence ends

    def edits(self, rule, doc):
        return [edit for ls, le, _ in matching_units(rule, doc)[2] for edit in _edit_matches(rule, doc, ls, le)]


class Replace(DropMatch):
    name, takes_replacement, needs_fixes = "replace", True, True
    whole_lines = False


class DropBlock(Action):
    name, scopes = "drop-block", ("head-block", "tail-block")

    def edits(self, rule, doc):
        start, end, lines = matching_units(rule, doc)
        return _drop_blocks(rule, doc.text, lines, start, end)


class DropToEnd(Action):
    name, scopes = "drop-to-end", ("to-end",)

    def edits(self, rule, doc):
        return _drop_to_end(rule, doc)


for _action in (DropLine(), DropMatch(), Replace(), DropBlock(), DropToEnd()):
    register(_action)


def _region(scope: str, doc: DocView) -> tuple[int, int]:
    if scope.startswith("head"):
        return 0, doc.zones.head_end
    if scope.startswith("tail"):
        return doc.zones.tail_start, len(doc.text)
    return 0, len(doc.text)


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
    whole_lines = ACTIONS[rule.action].whole_lines
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
            # with literals, a match holding this line's literal lies in this line: search no
            # further (a match found further on would be confined to its own line below anyway)
            stop = end if literals is None else _line_end(view, pos, end)
            match = rule.search_region(view, pos, stop, deadline.left())
            if match is None:
                pos = stop + 1  # past `end` when the whole region was searched
                continue
        if not line[0] <= match.start() <= line[1]:  # a long line is looked up once, not per match
            line = line_bounds(view, match.start())
        ls, le = line if whole_lines else unit_bounds(view, match.start(), line)
        le = min(le, end)
        if not (ls <= match.start() and match.end() <= le):
            match = rule.search_line(view, ls, le, deadline.left())
        if match is not None and not (rule.protected and view[ls:le].strip() in rule.protected):
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


def _edit_matches(rule: Rule, doc: DocView, ls: int, le: int) -> list[Edit]:
    text, edits = doc.text, []
    for match in rule.compiled.finditer(doc.view, ls, le, False, None, False, doc.deadline.left()):
        if match.start() == match.end():
            continue
        new = rule.expand(match, text) if rule.replacement is not None else ""
        old = text[match.start():match.end()]
        if old != new:
            edits.append(Edit(match.start(), match.end(), old, new, rule.id, rule.description))
    return edits


def _drop_blocks(rule: Rule, text: str, lines, start: int, end: int) -> list[Edit]:
    """Drop each run of adjacent non-blank lines (inside the zone) that holds a matching line. A
    block of chrome is short lines: it never runs on over a stretch of the document's text (a
    page whose only paragraph is cut off has no body line, so its head zone is the whole page)."""
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
            if prev_start < start or not text[prev_start:prev_end].strip() or holds_text(text, prev_start, prev_end):
                break
            block_start = prev_start
        block_end = le
        while block_end + 1 < end:
            next_start, next_end = line_bounds(text, block_end + 1)
            if next_end > end or not text[next_start:next_end].strip() or holds_text(text, next_start, next_end):
                break
            block_end = next_end
        stop = min(len(text), block_end + 1)
        edits.append(Edit(block_start, stop, text[block_start:stop], "", rule.id, rule.description))
        taken_until = stop
    return edits


def _drop_to_end(rule: Rule, doc: DocView) -> list[Edit]:
    """From the first matching line in the back half (or tail zone) to the end of the document."""
    text, zones = doc.text, doc.zones
    start = min(zones.tail_start, unit_bounds(text, zones.middle)[0])
    for ls, le, _ in _matching_lines(rule, doc.view, start, len(text), doc.deadline, doc.literals):
        if rule.include_titles_above:
            ls = _titles_above(text, ls)
        stop = _text_resumes(text, le)
        return [Edit(ls, stop, text[ls:stop], "", rule.id, rule.description)]
    return []


def _text_resumes(text: str, pos: int) -> int:
    """Where the document's own text starts again after `pos`: the first of two sentences in a
    row, or a numbered heading followed by a line of prose (a block of related links set inside
    a page is followed by the rest of the speech; link titles and cut excerpts never make either
    pair), else the end."""
    first, heading = None, None
    while pos < len(text):
        ls, le = line_bounds(text, pos + 1) if text[pos] == "\n" else line_bounds(text, pos)
        line = text[ls:le]
        if heading is not None and is_body_line(line):
            return heading
        if _is_sentence(line):
            if first is not None:
                return first
            first, heading = ls, None
        elif line.strip():
            first, heading = None, (ls if is_heading(line) else None)
        pos = le
    return len(text)


def _is_sentence(line: str) -> bool:
    """A line of prose, or a short sentence of the speech that ends with a full stop
    (`第一，要提高认识。`); never a cut excerpt, a list item, or a teaser's question or cry."""
    stripped = line.strip()
    return is_body_line(line) or (len(stripped) >= SENTENCE_MIN_CHARS and stripped[-1] == "。" and "…" not in stripped
                                  and stripped[0] not in "*•·-")


def _titles_above(text: str, ls: int) -> int:
    """Extend upwards over title-like lines directly above (bare previous/next page links)."""
    while ls > 0:
        prev_start, prev_end = line_bounds(text, ls - 1)
        if not is_title_like(text[prev_start:prev_end]):
            break
        ls = prev_start
    return ls
