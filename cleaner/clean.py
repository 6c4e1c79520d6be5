"""Clean one document: run the steps in order and keep one replayable edit log.

The pipeline (steps.py, repairs.pipeline) is built from the config and the rule set: the PREPARE steps (line ends,
pinyin, whitespace, so rules see tidy lines), the rules in file order, then the LAYOUT steps that
depend on what is left (the scorer, repeated titles, broken lines). One step can expose work for
an earlier one (removing a site suffix leaves a bare page number), so the passes repeat until
nothing changes: cleaning a cleaned text changes nothing.
"""
from __future__ import annotations

import time
from bisect import bisect_left
from itertools import accumulate
from functools import lru_cache
from collections.abc import Callable

from . import repairs, watchdog
from .actions import Deadline
from .editlog import compose
from .errors import RuleTimeout
from .model import CleanResult, Edit
from .keeplist import filter_edits, load as load_keep_list
from .normalize import fold_for_matching
from .memory import LINE, RuleMemory
from .rules import Rule, RuleSet, default_rules_dir, load_rules
from .config import CleanConfig
from .split import speech_starts
from .steps import LAYOUT, PREPARE, DocView
from .zones import Zones, find_zones


# A pass that changes nothing ends the loop; real pages settle in two. The bound only stops a
# user rule whose replacement keeps re-creating its own match.
MAX_PASSES = 20


def _span(edit: Edit) -> tuple[int, int]:
    return edit.start, edit.end


@lru_cache(maxsize=1)
def default_ruleset() -> RuleSet:
    """The built-in rules, loaded once per process."""
    return load_rules([default_rules_dir()])


def _splice(text: str, edits: list[Edit], fold: Callable[[str], str] | None = None) -> str:
    pieces, pos = [], 0
    for edit in edits:
        pieces.append(text[pos:edit.start])
        pieces.append(fold(edit.new) if fold else edit.new)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces)


def removal_points(text: str, points: tuple[int, ...], edits: list[Edit]) -> tuple[int, ...]:
    """`points` (offsets in `text` where lines were dropped) moved through `edits` (sorted), with
    the place of each edit that drops whole lines for a rule or the scorer (a layout repair's
    blank lines and spaces are no chrome): what the scorer counts as a chrome neighbour there."""
    drops = [index for index, edit in enumerate(edits)
             if not edit.new and "\n" in edit.old and not edit.rule.startswith("layout.")
             and (edit.start == 0 or text[edit.start - 1] == "\n") and edit.old.strip()]
    if not points and not drops:  # most passes: nothing dropped, no point to move
        return ()
    starts = [edit.start for edit in edits]
    shifts = list(accumulate((len(edit.new) - edit.end + edit.start for edit in edits), initial=0))
    moved = [edits[index].start + shifts[index] for index in drops]
    for point in points:
        index = bisect_left(starts, point)  # the edits before it start before the point
        inside = index and point < edits[index - 1].end
        # a point inside an edit lands where the edit's text ends
        moved.append(starts[index - 1] + shifts[index - 1] + len(edits[index - 1].new) if inside
                     else point + shifts[index])
    return tuple(sorted(set(moved)))


def _fold(text: str) -> str:
    return fold_for_matching(text) if text else text


class _Document:
    """The text being cleaned, its folded view and the log so far."""

    def __init__(self, original: str, rules: list[Rule], config: CleanConfig):
        self.original = original
        self.config = config
        self.small = repairs.small_repairs()  # absorbed into a later removal around them
        # the lines of the keep-list (keeplist.py): no step's edit may touch them
        self.keep = load_keep_list(config.keep_list) if config.keep_list else frozenset()
        self.text = original
        self.view = fold_for_matching(original)
        self.log: list[Edit] = []
        self._zones: Zones | None = None
        self.memory = RuleMemory(rules)  # what later passes may skip
        self.removed: tuple[int, ...] = ()  # where lines were dropped (removal_points), for the scorer
        self.time_left: dict[int, float] = {}  # id(rule) -> seconds of its budget not yet spent
        self.watched = False  # the watchdog keeps each rule's time (clean_text installs it)

    @property
    def zones(self) -> Zones:
        """Head and tail zones of the current text, computed once per version of it."""
        if self._zones is None:
            self._zones = find_zones(self.text)
        return self._zones

    def zones_for(self, rule: Rule) -> Zones | None:
        """The zones, for a rule that looks in them; None for a line rule (it looks at the whole
        page), so that a version of the text only line rules see is not split into zones."""
        return None if rule.scope == LINE else self.zones

    def apply(self, edits: list[Edit]) -> bool:
        if not edits:  # most steps find nothing
            return False
        edits = sorted((e for e in edits if e.old != e.new), key=_span)
        if self.keep:
            edits = filter_edits(self.text, edits, self.keep)
        if not edits:
            return False
        self.log = compose(self.original, self.log, self.text, edits, lambda edit: edit.rule in self.small)
        self.removed = removal_points(self.text, self.removed, edits)
        self.text = _splice(self.text, edits)
        self.view = _splice(self.view, edits, _fold)
        self._zones = None
        self.memory.record(self.view, edits)
        return True

    def view_for(self, deadline: Deadline | None = None, literals=None) -> DocView:
        """What a step sees now; the zones are worked out if the step asks (a line rule never does)."""
        return DocView(self.text, self.view, lambda: self.zones, self.config, deadline, literals, self.removed)

    def run(self, step) -> bool:
        return self.apply(step.edits(self.view_for()))

    def skips(self, rule: Rule, timeout: float) -> bool:
        if self.memory.still_lacks(rule):  # the usual answer, given before the zones are needed
            return True
        return self.memory.can_skip(rule, self.view, self.zones_for(rule), timeout)

    def ran(self, rule: Rule, changed: bool) -> None:
        if changed:
            self.memory.found_something(rule)
        else:
            self.memory.found_nothing(rule, self.view, self.zones_for(rule))


def clean_text(text: str, ruleset: RuleSet | None = None, config: CleanConfig = CleanConfig(), doc: str = "") -> CleanResult:
    """Clean `text` with `ruleset` (by default the built-in rules, loaded once); raises
    RuleTimeout naming the rule and `doc` if a pattern hangs."""
    ruleset = ruleset if ruleset is not None else default_ruleset()
    rules = list(ruleset)
    document = _Document(text, rules, config)
    prepare, layout_steps = repairs.pipeline(config, PREPARE), repairs.pipeline(config, LAYOUT)
    installed = watchdog.install()
    document.watched = installed is not None
    try:
        for _ in range(MAX_PASSES):
            pending = len(rules)
            for _ in range(MAX_PASSES):  # the rules settle before lines are joined
                pending = _rule_pass(document, prepare, rules[:pending], config, doc)
                if pending == 0:
                    break
            if not _layout_pass(document, layout_steps):
                break
    finally:
        watchdog.restore(installed)
    parts = speech_starts(document.text) if config.split else []
    return CleanResult(original=text, text=document.text, edits=document.log, parts=parts)


def _rule_pass(document: _Document, prepare: list, rules: list, config: CleanConfig, doc: str) -> int:
    """Run the PREPARE steps and `rules`; return how many leading rules must run again: those up
    to the last rule that changed the text (it saw the text before its own edit); the ones after
    it already saw the final text."""
    for step in prepare:
        document.run(step)
    last = 0
    for index, rule in enumerate(rules):
        if document.skips(rule, config.regex_timeout):
            continue
        changed = document.apply(_timed_edits(document, rule, config.regex_timeout, doc))
        document.ran(rule, changed)
        if changed:
            last = index + 1
    return last


def _timed_edits(document: _Document, rule: Rule, budget: float, doc: str) -> list[Edit]:
    """The rule's edits, within what is left of its `budget` seconds on this document: the
    budget covers every regex call of the rule in every pass, so thirty slow calls cannot each
    take the whole of it."""
    key = id(rule)
    left = document.time_left.get(key, budget)
    began = time.perf_counter()
    if left <= 0:
        raise RuleTimeout(rule.id, budget, doc)
    try:  # the timer may fire anywhere from arming to disarming
        if document.watched:
            watchdog.arm(left)
        try:
            deadline = Deadline(left, began, document.watched)
            return rule.edits(document.view_for(deadline, document.memory.literals_found(rule, document.view)))
        finally:
            if document.watched:
                watchdog.disarm()
            document.time_left[key] = left - (time.perf_counter() - began)
    except TimeoutError:
        raise RuleTimeout(rule.id, budget, doc) from None


def _layout_pass(document: _Document, layout_steps: list) -> bool:
    """The LAYOUT steps (they read the whole page's layout); true if one of them changed the text,
    which earns another pass of everything, so only a pass that changes nothing leaves a text
    that cleans to itself. The whitespace repairs run with the rules: they move nothing a rule
    looks at (zones.middle counts visible characters)."""
    changed = False
    for step in layout_steps:
        changed |= document.run(step)
    return changed
