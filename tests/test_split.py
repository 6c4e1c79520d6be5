"""Multi-speech pages split only on numbered speech markers in order."""
from cleaner.split import speech_starts


def test_split_at_markers_in_order():
    text = "标题\n一:\n同志们:\n甲。\n二:\n同志们:\n乙。\n"
    assert [text[i:i + 2] for i in speech_starts(text)] == ["二:"]


def test_no_split_without_a_sequence():
    assert speech_starts("标题\n二:\n甲。\n") == []
    assert speech_starts("一、认识\n二、措施\n") == []
