"""Pure str -> str folds: script and width folding that keep every character's position.

Rules match a folded view of the text (Simplified script, half-width ASCII), so one pattern written
in Simplified covers both scripts; because the fold maps each character to exactly one character,
a match in the view is a span in the real text.
"""
from __future__ import annotations

from functools import lru_cache

import opencc

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, and the ideographic space to a space.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _char_t2s(char: str) -> str:
    folded = _t2s().convert(char)
    return folded if len(folded) == 1 else char


def fold_width(text: str) -> str:
    return text.translate(_WIDTH)


def to_simplified(text: str) -> str:
    """Traditional to Simplified, one character for one; phrase-level conversion when it keeps length."""
    folded = _t2s().convert(text)
    if len(folded) == len(text):
        return folded
    return "".join(_char_t2s(c) for c in text)


def fold_for_matching(text: str) -> str:
    """The view rules are matched against: same length as `text`, Simplified, half-width."""
    return to_simplified(fold_width(text))
