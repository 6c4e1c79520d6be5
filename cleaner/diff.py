"""Diffs of a cleaning for people, read from the edit log rather than guessed by a line matcher.

Lines are paired by the edits themselves: a line an edit removes whole is shown as `-line`; a line
an edit changes inside (a join, a pinyin reading, glued chrome, lost indentation) is shown once,
as `~line`, with the removed characters as [-…-] and the inserted ones as {+…+} (a removed line
break as ⏎), so a two-character join does not print two paragraphs twice. Each changed line ends
with the rules behind it (`  ← rule`), and each hunk header names the rules of the hunk. A long
changed line shows ELIDE kept characters on each side of a change, the rest as ….
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .escape import shown
from .model import CleanResult, Edit

COLOURS = {"-": "\033[31m", "+": "\033[32m", "@": "\033[36m", "rule": "\033[33m", "end": "\033[0m"}
BREAK = "⏎"
ELIDE = 40  # kept characters shown on each side of a change inside a long line


def _paint(text: str, key: str, colour: bool) -> str:
    return f"{COLOURS[key]}{text}{COLOURS['end']}" if colour and text else text


@dataclass(frozen=True)
class _Change:
    start: int
    end: int
    new: str
    rule: str


def _changes(edits: list[Edit]) -> list[_Change]:
    """The edits without what their old and new text share at either end ('\\n\\n' -> '\\n' removes
    one line break, the second), in the order of the text."""
    out = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        old, new, start = edit.old, edit.new, edit.start
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
            tail += 1
        out.append(_Change(start + head, start + len(old) - tail, new[head:len(new) - tail], edit.rule))
    return out


class _Lines:
    """The lines of a text: where each starts and ends (before its line break)."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        if self.starts[-1] == len(text) and len(self.starts) > 1:
            self.starts.pop()  # a final line break closes the last line; no empty line after it

    def __len__(self) -> int:
        return len(self.starts)

    def of(self, pos: int) -> int:
        return max(0, min(bisect_right(self.starts, pos) - 1, len(self.starts) - 1))

    def end(self, line: int) -> int:
        """Where the line's text ends (its line break, or the end of the text)."""
        stop = self.text.find("\n", self.starts[line])
        return len(self.text) if stop < 0 else stop

    def span(self, line: int) -> tuple[int, int]:
        """The line with its line break."""
        end = self.end(line)
        return self.starts[line], end + (end < len(self.text))


def _groups(lines: _Lines, changes: list[_Change]) -> list[tuple[int, int, list[_Change]]]:
    """(first line, last line, changes) of each run of lines that one output line or a run of
    removed lines shows; a change that takes the line break after kept text joins the next line."""
    groups: list[tuple[int, int, list[_Change]]] = []
    for change in changes:
        first = lines.of(change.start)
        last = lines.of(max(change.start, change.end - 1))
        line_start = lines.starts[first]
        if change.end > change.start and lines.text[change.end - 1] == "\n" and change.start > line_start:
            last = min(last + 1, len(lines) - 1)  # kept text before the removed break: joined with the next line
        if groups and first <= groups[-1][1]:
            g_first, g_last, members = groups[-1]
            groups[-1] = (g_first, max(g_last, last), members + [change])
        else:
            groups.append((first, last, [change]))
    return groups


def _render_group(lines: _Lines, first: int, last: int, changes: list[_Change], colour: bool) -> list[str]:
    """The output lines of a group: `-` for a line removed whole, `~` for a changed line."""
    text = lines.text
    out: list[str] = []
    pieces: list[list[str]] = []  # [kind, text]: "=" kept, "-" removed, "+" inserted
    rules: list[str] = []
    open_chain = False

    def add(kind: str, piece: str) -> None:
        if not piece:
            return
        if pieces and pieces[-1][0] == kind:
            pieces[-1][1] += piece
        else:
            pieces.append([kind, piece])

    for line in range(first, last + 1):
        start, stop = lines.span(line)
        inside = [c for c in changes if c.start < stop and c.end > start
                  or c.start == c.end and (start <= c.start < stop or c.start == stop == len(text))]
        removed = sum(min(c.end, stop) - max(c.start, start) for c in inside)
        if not open_chain and inside and removed == stop - start and not any(c.new for c in inside):
            out.append(_line("-", shown(text[start:lines.end(line)]), [c.rule for c in inside], colour))
            continue
        if not inside and not open_chain:
            out.append(" " + shown(text[start:lines.end(line)]) + "\n")
            continue
        pos, line_end = start, lines.end(line)
        for change in inside:
            lo, hi = max(change.start, start), min(change.end, stop)
            add("=", text[pos:lo])
            add("-", text[lo:hi])
            if change.start >= start:
                add("+", change.new)
            rules += [change.rule] if change.rule not in rules else []
            pos = max(pos, hi)
        add("=", text[pos:line_end])
        if line_end >= len(text) or not any(c.start <= line_end < c.end for c in inside):  # its line break is kept
            out.append(_line("~", _marked(pieces, colour), rules, colour))
            pieces, rules, open_chain = [], [], False
        else:
            open_chain = True
    if open_chain:
        out.append(_line("~", _marked(pieces, colour), rules, colour))
    return out


def _marked(pieces: list[list[str]], colour: bool) -> str:
    """A changed line: removed text as [-...-], inserted as {+...+}, long kept runs shortened to
    the ELIDE characters beside each change."""
    out = []
    for n, (kind, piece) in enumerate(pieces):
        if kind == "=":
            before, after = n > 0, n + 1 < len(pieces)
            if len(piece) > 2 * ELIDE + 1 or (len(piece) > ELIDE + 1 and not (before and after)):
                head = piece[:ELIDE] if before else ""
                tail = piece[-ELIDE:] if after else ""
                piece = head + "…" + tail
            out.append(shown(piece))
        else:
            marks = ("[-", "-]") if kind == "-" else ("{+", "+}")
            out.append(_paint(marks[0] + shown(piece.replace("\n", BREAK)) + marks[1], "-" if kind == "-" else "+", colour))
    return "".join(out)


def _line(prefix: str, body: str, rules: list[str], colour: bool) -> str:
    """An output line (`body` already escaped) and the rules behind it."""
    body = _paint(prefix + body, "-", colour) if prefix == "-" else prefix + body
    return body + "  " + _paint("← " + ", ".join(dict.fromkeys(rules)), "rule", colour) + "\n"


def _cleaned_offset(changes: list[_Change], pos: int) -> int:
    """Where an original offset outside every change lands in the cleaned text."""
    return pos + sum(len(c.new) - (c.end - c.start) for c in changes if c.end <= pos)


def _count_lines(text: str, start: int, stop: int) -> int:
    return text.count("\n", start, stop) + (stop > start and text[stop - 1] != "\n")


def rule_diff(doc: str, result: CleanResult, context: int = 3, colour: bool = False) -> str:
    """The diff of one document's cleaning, from its edits (module docstring)."""
    lines = _Lines(result.original)
    changes = _changes(result.edits)
    groups = _groups(lines, changes)
    out = [_paint(f"--- {shown(doc)}", "-", colour) + "\n", _paint(f"+++ {shown(doc)} (cleaned)", "+", colour) + "\n"]
    hunks: list[list[tuple[int, int, list[_Change]]]] = []
    for group in groups:
        if hunks and group[0] - hunks[-1][-1][1] - 1 <= 2 * context:
            hunks[-1].append(group)
        else:
            hunks.append([group])
    for hunk in hunks:
        first = max(0, hunk[0][0] - context)
        last = min(len(lines) - 1, hunk[-1][1] + context)
        members = [c for _, _, cs in hunk for c in cs]
        a_start, a_stop = lines.starts[first], lines.span(last)[1]
        b_start, b_stop = _cleaned_offset(changes, a_start), _cleaned_offset(changes, a_stop)
        header = (f"@@ -{first + 1},{_count_lines(result.original, a_start, a_stop)} "
                  f"+{result.text.count(chr(10), 0, b_start) + 1},{_count_lines(result.text, b_start, b_stop)} @@")
        rules = ", ".join(dict.fromkeys(c.rule for c in members))
        out.append(_paint(header, "@", colour) + " " + _paint(rules, "rule", colour) + "\n")
        pos = first
        for g_first, g_last, group_changes in hunk:
            out += [" " + shown(result.original[lines.starts[n]:lines.end(n)]) + "\n" for n in range(pos, g_first)]
            out += _render_group(lines, g_first, g_last, group_changes, colour)
            pos = g_last + 1
        out += [" " + shown(result.original[lines.starts[n]:lines.end(n)]) + "\n" for n in range(pos, last + 1)]
    return "".join(out)
