"""Patterns for repeated lines: punctuation and spacing from every page, in one class."""
import regex

from cleaner.line_patterns import Shape, frame_pattern, same_line_pattern, shared_frame
from cleaner.normalize import fold_for_matching


def _matches(pattern: str, line: str) -> bool:
    return bool(regex.search(pattern, fold_for_matching(line)))


def test_one_key_with_different_commas_and_spaces_is_one_pattern_in_any_order():
    lines = ["已阅读5页,还剩13页未读", "已阅读4页，还剩9页未读", "已阅读3页 、 还剩8页未读"]
    pattern = same_line_pattern(lines)
    assert pattern == r"^\s*已阅读\d+页[\W_]*还剩\d+页未读\s*$"
    assert same_line_pattern(lines[::-1]) == pattern
    assert _matches(pattern, "已阅读6页还剩2页未读")


def test_spaces_stay_spaces_and_two_numbers_stay_apart():
    assert same_line_pattern(["下载文档  收藏  分享", "下载文档 收藏 分享"]) == r"^\s*下载文档\s*收藏\s*分享\s*$"
    pattern = same_line_pattern(["05/08", "11/23"])
    assert pattern == r"^\s*\d+[\W_]+\d+\s*$" and not _matches(pattern, "2023")


def test_a_frame_around_a_varying_middle_is_cut_at_words_not_at_punctuation():
    shapes = [Shape.of(t) for t in ("导语：在某会上的讲话一文来源于网友上传，欢迎参考。", "导语:关于某事的通知一文来源于网友上传,欢迎参考")]
    prefix, suffix = shared_frame(shapes)
    pattern = frame_pattern(shapes, prefix, suffix)
    assert pattern == r"^\s*导语.{4,26}一文来源于网友上传[\W_]*欢迎参考[\W_]*$"
    assert _matches(pattern, "导语 : 在另一会上的发言一文来源于网友上传 , 欢迎参考 。")
