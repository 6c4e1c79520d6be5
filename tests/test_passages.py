"""Passages keep exact offsets into the text."""
import pytest

from cleaner.passages import split_passages

TEXT = "  同志们：今天开会。抓好党建是本职，不抓党建是失职！\n他说：“好。”然后…… 结束\n\nlast line"


@pytest.mark.parametrize("unit,expected", [
    ("sentence", ["同志们：今天开会。", "抓好党建是本职，不抓党建是失职！", "他说：“好。”", "然后……", "结束", "last line"]),
    ("paragraph", ["同志们：今天开会。抓好党建是本职，不抓党建是失职！", "他说：“好。”然后…… 结束", "last line"]),
    ("document", [TEXT.strip()]),
])
def test_split(unit, expected):
    passages = split_passages(TEXT, unit)
    assert [TEXT[p.start:p.end] for p in passages] == expected
    assert [p.index for p in passages] == list(range(len(expected)))
