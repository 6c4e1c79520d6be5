"""Keep one edit log per document in the coordinates of the original text, and replay it.

Each pipeline step reports edits in the text it received. `compose` maps them back onto the
original: a step edit that touches text an earlier edit produced is merged with that edit, so the
log stays a sorted list of non-overlapping spans and `apply_edits(original, log)` reproduces the
output exactly.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from itertools import accumulate
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
    # Where each earlier edit's text now lies in `current`; built with comprehensions and a
    # binary search over untouched stretches, as logs of pages full of pinyin run to hundreds.
    deltas = [len(edit.new) - edit.end + edit.start for edit in log]
    shifts = list(accumulate(deltas, initial=0))  # shifts[i]: total change made before edit i
    starts = [edit.start + shift for edit, shift in zip(log, shifts)]
    ends = [start + len(edit.new) for start, edit in zip(starts, log)]

    out: list[Edit] = []
    i, k, n = 0, 0, len(log)
    while k < len(step):
        first = step[k]
        skip_to = bisect_right(ends, first.start, i)
        out.extend(log[i:skip_to])
        i = skip_to
        shift_before = shifts[i]
        group = [first]
        k += 1
        j = i
        while True:
            end = group[-1].end
            while j < n and starts[j] < end:
                j += 1
            reach = max(end, ends[j - 1]) if j > i else end
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
        spans = list(zip(starts[i:j], ends[i:j]))
        out.extend(_merge(original, current, log[i:j], spans, group, shift_before, absorbs))
        i = j
    out.extend(log[i:])
    return out


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
