"""Clean one document: run the repairs and the rules in order and keep one replayable edit log.

Order: line ends, pinyin, whitespace (so rules see tidy lines), the rules in file order, then the
layout repairs that depend on what is left (repeated titles, broken lines, blank lines, edges).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import layout, pinyin
from .editlog import compose
from .engine import rule_edits
from .errors import RuleTimeout
from .model import CleanResult, Edit
from .normalize import fold_for_matching
from .rules import DEFAULT_TIMEOUT, RuleSet
from .split import speech_starts
from .zones import find_zones

BUILTIN_DESCRIPTIONS = {pinyin.RULE_ID: pinyin.DESCRIPTION, **layout.DESCRIPTIONS}
# Small repairs: when a later rule removes the text around them they are reported as part of
# that removal. Removals by rules keep their own entry.
REPAIRS = frozenset({pinyin.RULE_ID, "layout.newline", "layout.indent", "layout.trailing-space"})


def _is_repair(edit: Edit) -> bool:
    return edit.rule in REPAIRS


@dataclass(frozen=True)
class CleanConfig:
    """One field per option of `cleaner clean`."""

    repair_pinyin: bool = True
    join_broken_lines: bool = True
    drop_duplicate_titles: bool = True
    split: bool = False
    regex_timeout: float = DEFAULT_TIMEOUT


def _splice(text: str, edits: list[Edit], fold: Callable[[str], str] | None = None) -> str:
    pieces, pos = [], 0
    for edit in edits:
        pieces.append(text[pos:edit.start])
        pieces.append(fold(edit.new) if fold else edit.new)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces)


class _Document:
    """The text being cleaned, its folded view and the log so far."""

    def __init__(self, original: str):
        self.original = original
        self.text = original
        self.view = fold_for_matching(original)
        self.log: list[Edit] = []

    def apply(self, edits: list[Edit]) -> None:
        edits = sorted((e for e in edits if e.old != e.new), key=lambda e: (e.start, e.end))
        if not edits:
            return
        self.log = compose(self.original, self.log, self.text, edits, _is_repair)
        self.text = _splice(self.text, edits)
        self.view = _splice(self.view, edits, fold_for_matching)


def clean_text(text: str, ruleset: RuleSet, config: CleanConfig = CleanConfig(), doc: str = "") -> CleanResult:
    """Clean `text` with `ruleset`; raises RuleTimeout naming the rule and `doc` if a pattern hangs."""
    document = _Document(text)
    document.apply(layout.normalise_newlines(document.text))
    if config.repair_pinyin:
        document.apply(pinyin.repair_pinyin(document.text))
    document.apply(layout.strip_whitespace(document.text))
    for rule in ruleset:
        try:
            edits = rule_edits(rule, document.text, document.view, find_zones(document.text), config.regex_timeout)
        except RuleTimeout as exc:
            raise RuleTimeout(exc.rule_id, exc.seconds, doc) from None
        document.apply(edits)
    if config.drop_duplicate_titles:
        document.apply(layout.drop_duplicate_titles(document.text))
    if config.join_broken_lines:
        document.apply(layout.join_broken_lines(document.text))
    document.apply(layout.collapse_blank_lines(document.text))
    document.apply(layout.fix_edges(document.text))
    parts = speech_starts(document.text) if config.split else []
    return CleanResult(original=text, text=document.text, edits=document.log, parts=parts)
