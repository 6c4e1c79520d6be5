"""The Step protocol: everything that edits a document while it is cleaned, and the registry of the
built-in steps.

A step has an `id`, a `description`, a `phase` and `edits(doc) -> list[Edit]`, edits in the
coordinates of `doc.text`. Each rule is a step through its action (actions.py); the built-in
repairs are registered here with `register(BuiltinStep(...))` by repairs.py, which also builds
the pipeline of one document from the config (`repairs.pipeline`), the rule set in between:

- PREPARE steps run before the rules in every pass (line ends, pinyin, whitespace), so rules
  see tidy lines;
- RULES: the rule set, in file order;
- LAYOUT steps read what the rules left (the scorer, repeated titles, joins); a change by one
  earns another pass of everything.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .config import CleanConfig
    from .model import Edit
    from .zones import Zones

PREPARE, RULES, LAYOUT = "prepare", "rules", "layout"
PHASES = (PREPARE, RULES, LAYOUT)


class DocView:
    """What a step sees of the document being cleaned: the text, its folded view (same length,
    what patterns run on), the zones (computed on first use: most line rules never ask), the
    settings, the time a rule has left and where earlier steps removed lines."""

    __slots__ = ("text", "view", "_zones", "config", "deadline", "literals", "removed")

    def __init__(self, text: str, view: str, zones: "Zones | Callable[[], Zones]", config: "CleanConfig",
                 deadline=None, literals=None, removed: tuple[int, ...] = ()):
        self.text = text
        self.view = view
        self._zones = zones
        self.config = config
        self.deadline = deadline  # actions.Deadline of the rule being run
        self.literals = literals  # literals.LiteralCursor of the rule over the whole view, if known
        self.removed = removed  # offsets in `text` where a rule or the scorer dropped whole lines, sorted

    @property
    def zones(self) -> "Zones":
        if callable(self._zones):
            self._zones = self._zones()
        return self._zones


class Step(Protocol):
    id: str
    description: str
    phase: str

    def edits(self, doc: DocView) -> "list[Edit]": ...


@dataclass(frozen=True)
class BuiltinStep:
    """A built-in repair. `produces`: the rule ids its edits carry, with their descriptions (one
    step may make several kinds, as the whitespace step makes indent and trailing-space edits);
    `small`: those of them that a later removal of the text around them absorbs into its own log
    entry; `switch`: the CleanConfig field that turns the step on, if it can be turned off."""

    id: str
    description: str
    phase: str
    run: Callable[[DocView], "list[Edit]"]
    produces: dict[str, str] = field(default_factory=dict)
    small: frozenset[str] = frozenset()
    switch: str | None = None

    def edits(self, doc: DocView) -> "list[Edit]":
        return self.run(doc)

    def enabled(self, config: "CleanConfig") -> bool:
        return self.switch is None or bool(getattr(config, self.switch))


_BUILTIN: list[BuiltinStep] = []


def register(step: BuiltinStep) -> BuiltinStep:
    """Add a built-in step at the end of its phase; its ids must be new."""
    if step.phase not in (PREPARE, LAYOUT):
        raise ValueError(f"a built-in step runs in phase {PREPARE!r} or {LAYOUT!r}, not {step.phase!r}")
    known = {rule_id for other in _BUILTIN for rule_id in (other.id, *other.produces)}
    clash = {step.id, *step.produces} & known
    if clash:
        raise ValueError(f"step ids already registered: {', '.join(sorted(clash))}")
    _BUILTIN.append(step)
    return step


def unregister(step_id: str) -> None:
    """Remove a built-in step (for tests that add a toy one)."""
    _BUILTIN[:] = [step for step in _BUILTIN if step.id != step_id]


def registered() -> list[BuiltinStep]:
    """The built-in steps registered so far, in order (repairs.py registers the package's own)."""
    return list(_BUILTIN)
