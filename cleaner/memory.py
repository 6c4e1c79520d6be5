"""What the passes over one document remember about each rule, so that a later pass skips a rule
that cannot find anything new.

The passes repeat until nothing changes, and each pass would run every rule over the whole page.
Most rules find nothing on most pages, and what they did not find cannot appear where the text
did not change:
- a rule whose literals (literals.py) are not in the view stays skipped until an edit brings one
  in; the text around each change is kept to look for it. The first look, on the whole page, is
  made for all such rules at once (LiteralPresence). This holds for zone rules too: what is in
  no part of the view is in none of their zones, wherever the zones move;
- a line rule that matched nothing stays skipped unless it matches one of the lines an edit
  changed since (a line rule's match lies inside one line, and the other lines are as before);
  those lines are joined once for all the rules that ask, and searched the rule's fast ways: a
  rule with a length guard and literals only where a line short enough holds a literal;
- a zone rule (head, tail, block, to-end) that matched nothing stays skipped while the text of its
  zone is the same.
Rules are remembered by identity: a RuleSet made in code may repeat an id.
"""
from __future__ import annotations

from collections.abc import Sequence

from .actions import Deadline, _matching_lines
from .literals import MAX_NEEDLE, LiteralCursor, LiteralPresence, PresenceCheck
from .model import Edit
from .rules import Rule
from .zones import Zones, line_bounds, unit_bounds

LINE = "line"
_SHORT_KEPT = 16  # joined windows or changed lines kept (rules marked at different times ask for different ones)
_PRESENCE_KEPT = 8  # rule sets whose literal presence index is kept (an index takes a few ms)
_presences: dict[tuple[int, ...], tuple[tuple[Rule, ...], LiteralPresence, dict[int, int]]] = {}


def _literal_rules(rules: Sequence[Rule]) -> tuple[tuple[Rule, ...], LiteralPresence | None, dict[int, int]]:
    """The rules with literals, one presence index for them, and each rule's place in it (id ->
    index); made once per rule set."""
    chosen = tuple(rule for rule in rules if rule.literal_finder is not None)
    if not chosen:
        return chosen, None, {}
    key = tuple(map(id, chosen))  # the rules are kept with their index, so the ids stay theirs
    if key not in _presences:
        if len(_presences) >= _PRESENCE_KEPT:
            _presences.clear()
        presence = LiteralPresence([rule.literal_finder for rule in chosen])
        _presences[key] = (chosen, presence, {id(rule): n for n, rule in enumerate(chosen)})
    return _presences[key]


class RuleMemory:
    def __init__(self, rules: Sequence[Rule] = ()):
        self._unchecked = _literal_rules(rules)  # looked for all at once, on the first skip check
        self.lacking: dict[int, int] = {}  # rule -> len(self.windows) when it lacked its literals
        self.quiet_lines: dict[int, int] = {}  # line rule -> len(self.lines) when it matched nothing
        self.quiet_zones: dict[int, str] = {}  # zone rule -> the view of its zone when it matched nothing
        self.windows: list[str] = []  # the new view around each change (for literals)
        self.lines: list[str] = []  # the new view's whole lines around each change
        self.literals: tuple[Rule, LiteralCursor] | None = None  # the last whole-view literal search
        self._windows_joined: dict[tuple[int, int], str] = {}  # (since, up to) -> those windows, joined
        self._lines_joined: tuple[int, int, str] = (-1, -1, "")
        self._short_lines: dict[tuple[int, int, int], str] = {}  # (since, up to, limit) -> those lines
        self.changes = 0  # edits applied so far: what the presence check saw is the view until the next
        self._presence: tuple[PresenceCheck, dict[int, int], int, int] | None = None  # check, places, changes, windows

    def record(self, view: str, edits: list[Edit]) -> None:
        """Remember where `edits` (sorted, in the old coordinates) changed the text, now `view`."""
        self.changes += 1
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

    def can_skip(self, rule: Rule, view: str, zones: Zones | None, timeout: float) -> bool:
        """True when `rule` cannot find anything it has not already found (or lacked)."""
        self.literals = None
        if self._unchecked is not None:
            self._mark_lacking(view)
        # a rule that found nothing is asked about the changed lines first: far less to search
        # than the whole view, which its literal check would search again
        return self._still_quiet(rule, view, zones, timeout) or self._lacks_literals(rule, view)

    def still_lacks(self, rule: Rule) -> bool:
        """True when the rule lacked its literals and no edit was made since (can_skip says so too)."""
        since = self.lacking.get(id(rule))
        return since is not None and since == len(self.windows)

    def found_nothing(self, rule: Rule, view: str, zones: Zones | None) -> None:
        if rule.scope == LINE:
            self.quiet_lines[id(rule)] = len(self.lines)
        else:
            self.quiet_zones[id(rule)] = zone_view(rule, view, zones)

    def found_something(self, rule: Rule) -> None:
        self.quiet_lines.pop(id(rule), None)
        self.quiet_zones.pop(id(rule), None)

    def _mark_lacking(self, view: str) -> None:
        """Every rule none of whose literals is in the view lacks them from now on."""
        rules, presence, places = self._unchecked
        self._unchecked = None
        if presence is not None:
            check = presence.check(view)
            self._presence = (check, places, self.changes, len(self.windows))
            for rule, absent in zip(rules, check.absent):
                if absent:
                    self.lacking[id(rule)] = len(self.windows)

    def _present_needles(self, rule: Rule) -> tuple | None:
        """Searches for only the rule's needles that may be in the view: those the presence check
        saw, while no edit since has brought one of the others in (the windows of the changes
        hold none); None for all of them."""
        if self._presence is None:
            return None
        check, places, changes, windows = self._presence
        if self.changes != changes:
            if len(self.windows) - windows != self.changes - changes:
                return None  # a change went unrecorded: its window is not there to look in
            if rule.literal_finder.first(self._changed_windows(windows)) is not None:
                return None
        return check.patterns(places[id(rule)])

    def _lacks_literals(self, rule: Rule, view: str) -> bool:
        """A rule none of whose literals is in the view: the whole view is searched once (for a
        zone rule only by the presence index), then only the text around the changes since."""
        if rule.literal_finder is None:
            return False
        since = self.lacking.get(id(rule))
        if since == len(self.windows):
            return True  # nothing changed since it lacked them
        if since is None and rule.scope != LINE:
            return False  # its run looks in its zone, a smaller search than this one would be
        if since is None:
            literals = rule.literal_finder.cursor(view, patterns=self._present_needles(rule))
            found = literals.first(0)
            self.literals = (rule, literals)  # the rule's run goes on from where this search got
        else:
            found = rule.literal_finder.first(self._changed_windows(since))
        if found is None:
            self.lacking[id(rule)] = len(self.windows)
            return True
        self.lacking.pop(id(rule), None)
        return False

    def _changed_windows(self, since: int) -> str:
        """The windows of the changes made since `since`, joined (the same for many rules)."""
        key = (since, len(self.windows))
        if key not in self._windows_joined:
            if len(self._windows_joined) >= _SHORT_KEPT:
                self._windows_joined.clear()
            self._windows_joined[key] = "\0".join(self.windows[since:])
        return self._windows_joined[key]

    def _changed_lines(self, since: int) -> str:
        """The lines changed since `since`, joined (the same for many rules)."""
        if self._lines_joined[:2] != (since, len(self.lines)):
            self._lines_joined = (since, len(self.lines), "\n".join(self.lines[since:]))
        return self._lines_joined[2]

    def _lines_for(self, rule: Rule, since: int) -> str:
        """The lines changed since `since` that the rule can match: for a rule with a length
        guard and literals only those short enough (the engine tries no longer line), joined
        once per limit for all the rules that ask. After the joins the changed lines are mostly
        paragraphs, far longer than any chrome line."""
        changed = self._changed_lines(since)
        if rule.max_chars is None or rule.literal_finder is None:
            return changed
        key = (since, len(self.lines), rule.max_chars)
        if key not in self._short_lines:
            if len(self._short_lines) >= _SHORT_KEPT:
                self._short_lines.clear()
            self._short_lines[key] = "\n".join(line for line in changed.split("\n") if len(line) <= rule.max_chars)
        return self._short_lines[key]

    def literals_found(self, rule: Rule, view: str) -> LiteralCursor | None:
        """A cursor of the rule's literals over the view: the one its skip check made, or one
        that looks only for the needles the presence check left; None if neither is known."""
        made = self.literals
        self.literals = None
        if made is not None and made[0] is rule:
            return made[1]
        patterns = self._present_needles(rule) if rule.literal_finder is not None else None
        return None if patterns is None else rule.literal_finder.cursor(view, patterns=patterns)

    def _still_quiet(self, rule: Rule, view: str, zones: Zones | None, timeout: float) -> bool:
        """`zones` is None for a line rule."""
        if rule.scope == LINE:
            since = self.quiet_lines.get(id(rule))
            if since is None:
                return False
            changed = self._lines_for(rule, since)
            try:
                if changed and _may_match(rule, changed, timeout):
                    return False
            except TimeoutError:
                return False  # let the rule run, and time out where its budget is kept
            self.quiet_lines[id(rule)] = len(self.lines)
            return True
        before = self.quiet_zones.get(id(rule))
        return before is not None and before == zone_view(rule, view, zones)


def _may_match(rule: Rule, lines: str, timeout: float) -> bool:
    """The engine finds a match of `rule` in `lines` (whole lines, as changed): it looks where it
    would look on the page, on the lines that hold a literal only, and not on lines too long for
    the rule's length guard (actions._matching_lines), so a quiet rule is woken by what could
    make it find something, not by a literal on a paragraph it never tries."""
    if rule.literal_finder is not None and rule.literal_finder.first(lines) is None:
        return False  # the usual answer, found without setting up the engine's search
    return next(_matching_lines(rule, lines, 0, len(lines), Deadline(timeout)), None) is not None


def zone_view(rule: Rule, view: str, zones: Zones) -> str:
    """The part of the view a zone rule searches (actions._region, actions._drop_to_end)."""
    if rule.scope == "to-end":
        return view[min(zones.tail_start, unit_bounds(view, zones.middle)[0]):]
    if rule.scope.startswith("head"):
        return view[:zones.head_end]
    if rule.scope.startswith("tail"):
        return view[zones.tail_start:]
    return view
