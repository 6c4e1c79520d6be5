"""The built-in repairs, registered as steps in the order they run (see steps.py), and what the
pipeline, the command line and the report read of them.

A new repair is a function from a DocView to edits in a module of its own, and one `register`
line here (or in the user's own module, imported before cleaning). `switch` names the CleanConfig
field that turns it off; the flag, the project key and the README row come from that field.
"""
from __future__ import annotations

from . import joins, layout, pinyin, scorer, sentence_pieces
from .config import CleanConfig
from .steps import LAYOUT, PREPARE, BuiltinStep, register, registered, unregister

# A step of your own: `repairs.register(BuiltinStep(...))`: importing this module first puts the
# package's own steps before it.
__all__ = ["register", "unregister", "builtin_steps", "pipeline", "builtin_descriptions", "small_repairs"]

_LAYOUT = layout.DESCRIPTIONS


def _produces(*rule_ids: str) -> dict[str, str]:
    return {rule_id: _LAYOUT[rule_id] for rule_id in rule_ids}


register(BuiltinStep(
    "layout.newline", _LAYOUT["layout.newline"], PREPARE,
    lambda doc: layout.normalise_newlines(doc.text), small=frozenset({"layout.newline"})))
register(BuiltinStep(
    pinyin.RULE_ID, pinyin.DESCRIPTION, PREPARE,
    lambda doc: pinyin.repair_pinyin(doc.text), small=frozenset({pinyin.RULE_ID}), switch="pinyin"))
register(BuiltinStep(
    "layout.whitespace", "Removes indentation and spaces at line ends.", PREPARE,
    lambda doc: layout.strip_whitespace(doc.text), produces=_produces("layout.indent", "layout.trailing-space"),
    small=frozenset({"layout.indent", "layout.trailing-space"})))
register(BuiltinStep(
    "layout.blank-lines", _LAYOUT["layout.blank-lines"], PREPARE, lambda doc: layout.collapse_blank_lines(doc.text)))
register(BuiltinStep(
    "layout.edges", _LAYOUT["layout.edges"], PREPARE, lambda doc: layout.fix_edges(doc.text)))
register(BuiltinStep(  # before the rules, so that none of them reads a piece of a sentence as a line of its own
    sentence_pieces.RULE_ID, sentence_pieces.DESCRIPTION, PREPARE,
    lambda doc: sentence_pieces.join_inline_pieces(doc.text), switch="join"))

register(BuiltinStep(
    scorer.RULE_ID, scorer.DESCRIPTION, LAYOUT,
    lambda doc: scorer.chrome_line_edits(doc.text, doc.view, doc.zones, doc.config.score_threshold, doc.removed),
    switch="score"))
register(BuiltinStep(
    "layout.duplicate-title", _LAYOUT["layout.duplicate-title"], LAYOUT,
    lambda doc: layout.drop_duplicate_titles(doc.text, doc.zones), switch="dedupe_titles"))
register(BuiltinStep(
    "layout.joins", "Joins lines the scrape broke apart.", LAYOUT,
    lambda doc: joins.join_broken_lines(doc.text), produces=dict(joins.DESCRIPTIONS), switch="join"))


def builtin_steps() -> list[BuiltinStep]:
    """Every built-in step, the package's and those registered since, in order."""
    return registered()


def pipeline(config: CleanConfig, phase: str) -> list[BuiltinStep]:
    """The built-in steps of `phase` that `config` turns on, in registration order."""
    return [step for step in registered() if step.phase == phase and step.enabled(config)]


def builtin_descriptions() -> dict[str, str]:
    """Every rule id a built-in step writes in the log, with its description."""
    return {rule_id: text for step in registered() for rule_id, text in (step.produces or {step.id: step.description}).items()}


def small_repairs() -> frozenset[str]:
    """The ids of the repairs a later removal of the text around them absorbs."""
    return frozenset(rule_id for step in registered() for rule_id in step.small)
