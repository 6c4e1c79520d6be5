"""Keep one edit log per document in the coordinates of the original text, and replay it.

Each pipeline step reports edits in the text it received. `compose` maps them back onto the
original: a step edit that touches text an earlier edit produced is merged with that edit, so the
log stays a sorted list of non-overlapping spans and `apply_edits(original, log)` reproduces the
output exactly.
"""
from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import EditLogError
from .model import Edit


def apply_edits(original: str, edits: Iterable[Edit]) -> str:
    """Replay `edits` (spans in `original`) and return the resulting text."""
    pieces: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            raise EditLogError(f"edit {edit.rule} at {edit.start} overlaps the previous edit")
        if original[edit.start:edit.end] != edit.old:
            raise EditLogError(f"edit {edit.rule} at {edit.start}:{edit.end} does not match the text")
        pieces.append(original[pos:edit.start])
        pieces.append(edit.new)
        pos = edit.end
    pieces.append(original[pos:])
    return "".join(pieces)


def _delta(edit: Edit) -> int:
    return len(edit.new) - (edit.end - edit.start)


def compose(original: str, log: list[Edit], current: str, step: list[Edit],
            absorbs: Callable[[Edit], bool] = lambda edit: False) -> list[Edit]:
    """Fold `step` (spans in `current`) into `log` (spans in `original`); return the new log.

    `current` must equal `apply_edits(original, log)`. Step edits must be sorted and disjoint.
    Earlier edits for which `absorbs` is true (small repairs) are merged into a step edit that
    covers them instead of splitting it.
    """
    if not step:
        return log
    if not log:  # nothing earlier: the current text is the original
        return list(step)
    placed = _Placed(log)
    out: list[Edit] = []
    i, k = 0, 0
    while k < len(step):
        first = step[k]
        skip_to = placed.first_ending_after(first.start, i)
        out.extend(log[i:skip_to])
        i = skip_to
        shift_before = placed.shift(i)
        group = [first]
        k += 1
        j = i
        while True:
            end = group[-1].end
            j = placed.first_starting_at(end, j)
            reach = max(end, placed.ends[j - 1]) if j > i else end
            if k < len(step) and step[k].start < reach:
                group.append(step[k])
                k += 1
                continue
            break
        if i == j and len(group) == 1:  # the common case: a step edit in text no earlier edit touched
            lo, hi = first.start - shift_before, first.end - shift_before
            if original[lo:hi] != first.new:
                out.append(Edit(lo, hi, original[lo:hi], first.new, first.rule, first.reason))
            continue
        spans = list(zip(placed.starts[i:j], placed.ends[i:j]))
        out.extend(_merge(original, current, log[i:j], spans, group, shift_before, absorbs))
        i = j
    out.extend(log[i:])
    return out


class _Placed:
    """Where the earlier edits' text lies in the current text, worked out from the first edit
    on only as far as a step edit needs: a step in the head of a page whose log holds hundreds
    of pinyin repairs below it looks at a few of them, not all (a step at the end still walks
    them all, once)."""

    __slots__ = ("log", "shifts", "starts", "ends")

    def __init__(self, log: list[Edit]):
        self.log = log
        self.shifts = [0]  # shifts[i]: total change made before edit i
        self.starts: list[int] = []
        self.ends: list[int] = []

    def _place(self, upto: int) -> None:
        """Work out the positions of the edits before index `upto`."""
        log, shifts, starts, ends = self.log, self.shifts, self.starts, self.ends
        for index in range(len(starts), min(upto, len(log))):
            edit = log[index]
            start = edit.start + shifts[index]
            starts.append(start)
            ends.append(start + len(edit.new))
            shifts.append(shifts[index] + len(edit.new) - edit.end + edit.start)

    def shift(self, index: int) -> int:
        self._place(index)
        return self.shifts[index]

    def first_ending_after(self, pos: int, index: int) -> int:
        """The first edit from `index` on whose text ends after `pos` (ends never decrease)."""
        ends = self.ends
        while not (len(ends) > index and ends[-1] > pos):
            if len(ends) == len(self.log):
                return len(self.log)
            self._place(max(2 * len(ends), index + 16))
        return bisect_right(ends, pos, index)

    def first_starting_at(self, pos: int, index: int) -> int:
        """The first edit from `index` on whose text starts at or after `pos`."""
        starts = self.starts
        while not (len(starts) > index and starts[-1] >= pos):
            if len(starts) == len(self.log):
                return len(self.log)
            self._place(max(2 * len(starts), index + 16))
        return bisect_left(starts, pos, index)


def _merge(original, current, overlapped, spans, group, shift_before, absorbs) -> list[Edit]:
    """Log edits for a group of step edits and the earlier edits they overlap.

    Earlier edits that produced text the group changes, and absorbable repairs, are merged into it.
    Other earlier deletions the group spans stay as they are (their rule keeps the credit) and the
    group is split around them.
    """
    lo, hi = group[0].start, group[-1].end
    first_cur, last_cur = (spans[0], spans[-1]) if overlapped else (None, None)
    if overlapped and overlapped[0].new and first_cur[0] <= lo:
        cur_lo, orig_lo = first_cur[0], overlapped[0].start
    else:
        cur_lo, orig_lo = lo, lo - shift_before
    overlapped_shift = sum(_delta(e) for e in overlapped)
    if overlapped and overlapped[-1].new and last_cur[1] >= hi:
        cur_hi, orig_hi = last_cur[1], overlapped[-1].end
    else:
        cur_hi, orig_hi = hi, hi - shift_before - overlapped_shift
    pieces = [current[cur_lo:group[0].start]]
    for edit, nxt in zip(group, group[1:] + [None]):
        pieces.append(edit.new)
        pieces.append(current[edit.end:nxt.start if nxt else cur_hi])
    new = "".join(pieces)
    kept = [e for e in overlapped if not e.new and not absorbs(e)]
    merged = [e for e in overlapped if e not in kept]
    reason = group[0].reason
    earlier = sorted({e.rule for e in merged} - {group[0].rule})
    if earlier:
        reason += f" (includes earlier edits by {', '.join(earlier)})"
    out: list[Edit] = []
    bounds = [orig_lo] + [b for e in kept for b in (e.start, e.end)] + [orig_hi]
    for n, (a, b) in enumerate(zip(bounds[::2], bounds[1::2])):
        piece_new = new if n == 0 else ""
        if original[a:b] != piece_new:
            out.append(Edit(a, b, original[a:b], piece_new, group[0].rule, reason))
        if n < len(kept):
            out.append(kept[n])
    return out


def edit_lines(doc: str, edits: list[Edit]) -> list[str]:
    """The edit-log lines of one document's edits."""
    doc_json = json.dumps(doc, ensure_ascii=False)
    return [edit.to_json_line(doc_json) for edit in edits]


def read_log(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def edits_by_document(records: Iterable[dict]) -> dict[str, list[Edit]]:
    """Group the edit records of a log by document path."""
    grouped: dict[str, list[Edit]] = {}
    for record in records:
        if record.get("type") == "edit":
            grouped.setdefault(record["doc"], []).append(Edit.from_record(record))
    return grouped
