"""What general Chinese knows about words, for layout decisions: does a line break split a word?

data/words2.txt holds the 40,000 most frequent two-character words of a general word list
(jieba's, see tools/build_han_ranks.py). A break between 实 and 处 splits the word 实处: the lines
are one sentence, whatever the layout says. Between paragraphs such a pair is rare (about one
boundary in twenty by chance), so it is a tie-breaker, never the only reason to join.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .normalize import to_simplified


@lru_cache(maxsize=1)
def _two_char_words() -> frozenset[str]:
    text = (Path(__file__).parent / "data" / "words2.txt").read_text(encoding="utf-8")
    return frozenset(text[i:i + 2] for i in range(0, len(text), 2))


def splits_word(before: str, after: str) -> bool:
    """True when the last character of `before` and the first of `after` make a common word."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not after:
        return False
    return to_simplified(before[-1] + after[0]) in _two_char_words()
