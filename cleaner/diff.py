"""Unified diffs of a cleaning, with the ids of the rules behind each hunk."""
from __future__ import annotations

import difflib

from .escape import shown
from .model import CleanResult

COLOURS = {"-": "\033[31m", "+": "\033[32m", "@": "\033[36m", "rule": "\033[33m", "end": "\033[0m"}


def _paint(text: str, key: str, colour: bool) -> str:
    return f"{COLOURS[key]}{text}{COLOURS['end']}" if colour else text


def _line(prefix: str, line: str, key: str | None, colour: bool) -> str:
    """One diff line, painted without its line end; a last line without one says so, as diff does.
    Control characters of the text are shown escaped (a CR as \\r), never sent to the terminal."""
    text = prefix + shown(line.rstrip("\n"))
    out = (_paint(text, key, colour) if key else text) + "\n"
    return out if line.endswith("\n") else out + "\\ No newline at end of file\n"


def _rules_between(result: CleanResult, lo: int, hi: int) -> list[str]:
    """Rules of the edits touching the original characters [lo, hi) (or the point lo)."""
    found = []
    for edit in result.edits:
        touches = edit.start < hi and edit.end > lo if hi > lo else edit.start <= lo <= edit.end
        if touches and edit.rule not in found:
            found.append(edit.rule)
    return found


def rule_diff(doc: str, result: CleanResult, context: int = 3, colour: bool = False) -> str:
    """`diff -u` of the original and the cleaned text; each hunk header names its rules."""
    before = result.original.splitlines(keepends=True)
    after = result.text.splitlines(keepends=True)
    starts = [0]
    for line in before:
        starts.append(starts[-1] + len(line))
    out = [_line("--- ", doc + "\n", "-", colour), _line("+++ ", f"{doc} (cleaned)\n", "+", colour)]
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        rules = []
        for tag, a1, a2, _, _ in group:
            if tag != "equal":
                rules += [r for r in _rules_between(result, starts[a1], starts[a2]) if r not in rules]
        header = f"@@ -{i1 + 1},{i2 - i1} +{j1 + 1},{j2 - j1} @@"
        out.append(_paint(header, "@", colour) + " " + _paint(", ".join(rules), "rule", colour) + "\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out += [_line(" ", line, None, colour) for line in before[a1:a2]]
                continue
            out += [_line("-", line, "-", colour) for line in before[a1:a2]]
            out += [_line("+", line, "+", colour) for line in after[b1:b2]]
    return "".join(out)

