"""The edit log composes step edits onto the original and replays exactly."""
import json

from hypothesis import given, settings, strategies as st

from cleaner.editlog import apply_edits, compose
from cleaner.model import Edit


@st.composite
def step_edits(draw, text):
    """Disjoint sorted edits over `text`, some deletions, some replacements, some insertions."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        new = draw(st.sampled_from(["", "", "X", "YZ"]))
        if text[a:b] != new:
            edits.append(Edit(a, b, text[a:b], new, "r", "test"))
    return edits


@settings(max_examples=400, derandomize=True)
@given(st.data(), st.text(alphabet="ab\n 关(guān)", max_size=30), st.integers(1, 5), st.booleans())
def test_composed_log_replays_to_the_final_text(data, original, steps, absorb_deletions):
    log, current = [], original
    for _ in range(steps):
        step = data.draw(step_edits(current))
        after = apply_edits(current, step)
        log = compose(original, log, current, step, lambda e: absorb_deletions)
        current = after
        assert apply_edits(original, log) == current
    assert all(a.end <= b.start for a, b in zip(log, log[1:]))
    assert all(original[e.start:e.end] == e.old and e.old != e.new for e in log)


def test_a_drop_over_an_earlier_deletion_is_split_around_it():
    original = "關(guān)於\nnext"
    first = [Edit(1, 7, "(guān)", "", "pinyin.annotation", "reading")]
    current = apply_edits(original, first)
    log = compose(original, first, current, [Edit(0, 3, "關於\n", "", "x.drop", "chrome")])
    assert log == [
        Edit(0, 1, "關", "", "x.drop", "chrome"),
        Edit(1, 7, "(guān)", "", "pinyin.annotation", "reading"),
        Edit(7, 9, "於\n", "", "x.drop", "chrome"),
    ]


def test_an_edit_of_replaced_text_is_merged_with_the_replacement():
    original = "a,b"
    first = [Edit(1, 2, ",", "，", "punct.comma", "full-width comma")]
    current = apply_edits(original, first)
    log = compose(original, first, current, [Edit(0, 2, "a，", "", "x.drop", "chrome")])
    assert log == [Edit(0, 2, "a,", "", "x.drop", "chrome (includes earlier edits by punct.comma)")]
    assert apply_edits(original, log) == "b"


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.text(), st.text(), st.text(), st.text(), st.integers(0, 10**6), st.integers(0, 10**6))
def test_edit_json_lines_are_what_json_dumps_writes(doc, old, new, reason, start, end):
    edit = Edit(start, end, old, new, "x.rule", reason)
    assert edit.to_json_line(json.dumps(doc, ensure_ascii=False)) == json.dumps(edit.to_record(doc), ensure_ascii=False)
