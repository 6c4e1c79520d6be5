"""Pinyin annotations go only when the syllable is a reading of the character before it."""
import pytest

from cleaner.editlog import apply_edits
from cleaner.pinyin import is_reading, repair_pinyin


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
