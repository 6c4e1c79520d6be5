"""Pinyin annotations go only when the syllable is a reading of the character before it."""
import pytest
from hypothesis import given, settings, strategies as st

from cleaner.editlog import apply_edits
from cleaner.pinyin import ANNOTATION, annotations, is_reading, repair_pinyin


@pytest.mark.parametrize("given,expected", [
    ("機關(guān)", "機關"),
    ("建設(shè)幾點", "建設幾點"),
    ("監(jiān)督", "監督"),
    ("发(fa)展", "发展"),  # tone marks are optional
    ("女(nǚ)士", "女士"),
    ("第(一)", "第(一)"),
    ("件(a)", "件(a)"),
    ("单位(元)", "单位(元)"),
    ("部(特別是行政負責人)", "部(特別是行政負責人)"),
    ("中国(China)", "中国(China)"),
    ("關(guān)(guān)", "關"),
])
def test_repair(given, expected):
    assert apply_edits(given, repair_pinyin(given)) == expected


def test_heteronyms_accept_every_reading():
    assert is_reading("行", "háng") and is_reading("行", "xíng")
    assert not is_reading("行", "guān")


def test_edits_name_the_reading():
    (edit,) = repair_pinyin("機關(guān)")
    assert (edit.start, edit.end, edit.rule, edit.reason) == (2, 8, "pinyin.annotation", "'guān' is a reading of 關")


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["關", "a", "x", "(", ")", "guān", "(fa)", "ǚ", "𠌥", " ", "\n", "1"]), max_size=40).map("".join))
def test_annotations_are_exactly_the_pattern_matches(text):
    expected = [(m.group(1), m.group(2), m.start(2), m.end()) for m in ANNOTATION.finditer(text)]
    assert list(annotations(text)) == expected
