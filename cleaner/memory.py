"""What the passes over one document remember about each rule, so that a later pass skips a rule
that cannot find anything new.

The passes repeat until nothing changes, and each pass would run every rule over the whole page.
Most rules find nothing on most pages, and what they did not find cannot appear where the text
did not change:
- a line rule whose literals (literals.py) are not in the view stays skipped until an edit brings
  one in; the text around each change is kept to look for it;
- a line rule that matched nothing stays skipped unless it matches one of the lines an edit
  changed since (a line rule's match lies inside one line, and the other lines are as before);
- a zone rule (head, tail, block, to-end) that matched nothing stays skipped while the text of its
  zone is the same.
Rules are remembered by identity: a RuleSet made in code may repeat an id.
"""
from __future__ import annotations

from .literals import MAX_NEEDLE
from .model import Edit
from .rules import Rule
from .zones import Zones, line_bounds, unit_bounds

LINE = "line"


class RuleMemory:
    def __init__(self):
        self.lacking: dict[int, int] = {}  # rule -> len(self.windows) when it lacked its literals
        self.quiet_lines: dict[int, int] = {}  # line rule -> len(self.lines) when it matched nothing
        self.quiet_zones: dict[int, str] = {}  # zone rule -> the view of its zone when it matched nothing
        self.windows: list[str] = []  # the new view around each change (for literals)
        self.lines: list[str] = []  # the new view's whole lines around each change

    def record(self, view: str, edits: list[Edit]) -> None:
        """Remember where `edits` (sorted, in the old coordinates) changed the text, now `view`."""
        if not (self.lacking or self.quiet_lines):
            return
        windows, lines, shift = [], [], 0
        for edit in edits:
            start = edit.start + shift
            stop = start + len(edit.new)
            windows.append(view[max(0, start - MAX_NEEDLE):stop + MAX_NEEDLE])
            first, _ = line_bounds(view, start)
            _, last = line_bounds(view, stop)
            lines.append(view[first:last])
            shift += len(edit.new) - (edit.end - edit.start)
        self.windows.append("\0".join(windows))
        self.lines.append("\n".join(lines))

    def can_skip(self, rule: Rule, view: str, zones: Zones, timeout: float) -> bool:
        """True when `rule` cannot find anything it has not already found (or lacked)."""
        return self._lacks_literals(rule, view) or self._still_quiet(rule, view, zones, timeout)

    def found_nothing(self, rule: Rule, view: str, zones: Zones) -> None:
        if rule.scope == LINE:
            self.quiet_lines[id(rule)] = len(self.lines)
        else:
            self.quiet_zones[id(rule)] = zone_view(rule, view, zones)

    def found_something(self, rule: Rule) -> None:
        self.quiet_lines.pop(id(rule), None)
        self.quiet_zones.pop(id(rule), None)

    def _lacks_literals(self, rule: Rule, view: str) -> bool:
        """A line rule none of whose literals is in the view: the whole view is searched once,
        then only the text around the changes made since."""
        if rule.literal_finder is None or rule.scope != LINE:
            return False
        since = self.lacking.get(id(rule))
        text = view if since is None else "\0".join(self.windows[since:])
        if rule.literal_finder.first(text) is None:
            self.lacking[id(rule)] = len(self.windows)
            return True
        self.lacking.pop(id(rule), None)
        return False

    def _still_quiet(self, rule: Rule, view: str, zones: Zones, timeout: float) -> bool:
        if rule.scope == LINE:
            since = self.quiet_lines.get(id(rule))
            if since is None:
                return False
            changed = "\n".join(self.lines[since:])
            try:
                if changed and rule.compiled.search(changed, timeout=timeout) is not None:
                    return False
            except TimeoutError:
                return False  # let the rule run, and time out where its budget is kept
            self.quiet_lines[id(rule)] = len(self.lines)
            return True
        before = self.quiet_zones.get(id(rule))
        return before is not None and before == zone_view(rule, view, zones)


def zone_view(rule: Rule, view: str, zones: Zones) -> str:
    """The part of the view a zone rule searches (engine._region, engine._drop_to_end)."""
    if rule.scope == "to-end":
        return view[min(zones.tail_start, unit_bounds(view, zones.middle)[0]):]
    if rule.scope.startswith("head"):
        return view[:zones.head_end]
    if rule.scope.startswith("tail"):
        return view[zones.tail_start:]
    return view
