"""compose works out where earlier edits lie only as far as a step needs (editlog._Placed); the
log it makes is the one the whole-log computation made, which is kept here as the reference."""
from bisect import bisect_right
from itertools import accumulate

from hypothesis import given, settings, strategies as st

from cleaner.editlog import _merge, apply_edits, compose
from cleaner.model import Edit


def _reference_compose(original, log, current, step, absorbs=lambda edit: False):
    """compose as it was before _Placed: every position worked out up front."""
    if not step:
        return log
    if not log:
        return list(step)
    deltas = [len(edit.new) - edit.end + edit.start for edit in log]
    shifts = list(accumulate(deltas, initial=0))
    starts = [edit.start + shift for edit, shift in zip(log, shifts)]
    ends = [start + len(edit.new) for start, edit in zip(starts, log)]
    out, i, k, n = [], 0, 0, len(log)
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
        if i == j and len(group) == 1:
            lo, hi = first.start - shift_before, first.end - shift_before
            if original[lo:hi] != first.new:
                out.append(Edit(lo, hi, original[lo:hi], first.new, first.rule, first.reason))
            continue
        spans = list(zip(starts[i:j], ends[i:j]))
        out.extend(_merge(original, current, log[i:j], spans, group, shift_before, absorbs))
        i = j
    out.extend(log[i:])
    return out


@st.composite
def _step(draw, text):
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        new = draw(st.sampled_from(["", "", "X", "YZ"]))
        if text[a:b] != new:
            edits.append(Edit(a, b, text[a:b], new, draw(st.sampled_from(["r", "s"])), "test"))
    return edits


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.data(), st.text(alphabet="ab\n 关(guān)", max_size=60), st.integers(1, 6))
def test_compose_makes_the_log_the_whole_log_computation_made(data, original, steps):
    log, current = [], original
    absorbs = lambda edit: edit.rule == "r"  # noqa: E731
    for _ in range(steps):
        step = data.draw(_step(current))
        assert compose(original, log, current, step, absorbs) == _reference_compose(original, log, current, step, absorbs)
        log = compose(original, log, current, step, absorbs)
        current = apply_edits(current, step)
