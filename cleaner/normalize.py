"""Pure str -> str folds: script and width folding that keep every character's position.

Rules match a folded view of the text (Simplified script, half-width ASCII), so one pattern written
in Simplified covers both scripts; because the fold maps each character to exactly one character,
a match in the view is a span in the real text.

Folding runs on every document, so it only touches what needs it: the full-width characters
present are replaced one by one, and OpenCC converts only the lines that hold a character it can
change (most pages are Simplified throughout). OpenCC's dictionaries hold no line breaks, so a
line converts the same on its own as inside the whole text.
"""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, and the ideographic space to a space.
_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_WIDTH["\u3000"] = " "
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

# The CJK blocks OpenCC's t2s dictionaries cover (unified, extension A, compatibility, B to H).
_CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x323B0))
# Characters t2s leaves alone on their own but changes inside a TSPhrases entry (OpenCC 1.4:
# 么 in 幺麼, 瞭 in 瞭望 ...); a line holding one is converted as a whole.
_CONTEXT_CHANGED = "么俱哩坏彷沈甦瞭藉衹覆"
# Once this share of the lines so far (and a few) held such a character, the rest of the text is
# converted in one call: a call costs about as much as converting a line.
_WHOLE_TEXT_SHARE = 0.25
_FEW_LINES = 4


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _char_t2s(char: str) -> str:
    folded = _t2s().convert(char)
    return folded if len(folded) == 1 else char


def _char_class(chars: set[str]) -> str:
    """A character class of `chars` written as ranges (what keeps the stdlib `re` set compact)."""
    ranges: list[list[int]] = []
    for code in sorted(map(ord, chars)):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]"


@lru_cache(maxsize=1)
def _convertible() -> tuple[re.Pattern, re.Pattern]:
    """Classes of every character t2s may change (BMP, and all planes), probed from the installed
    OpenCC once (20 ms). The stdlib `re` scans a BMP class at about 2 ns a character; the regex
    module and classes with astral characters are a hundred times slower, so astral characters are
    only looked for in the rare text that has any."""
    chars = "\n".join(chr(code) for start, stop in _CJK_BLOCKS for code in range(start, stop))
    converted = _t2s().convert(chars)
    if len(converted) == len(chars):
        changed = {a for a, b in zip(chars, converted) if a != b}
    else:  # a newer dictionary maps some character to two: probe one at a time
        changed = {c for c in chars if c != "\n" and _t2s().convert(c) != c}
    changed.update(_CONTEXT_CHANGED)
    return re.compile(_char_class({c for c in changed if c <= "\uffff"})), re.compile(_char_class(changed))


def prepare() -> None:
    """Build the lookup tables now (before worker processes fork, so they share them)."""
    _convertible()


def fold_width(text: str) -> str:
    # One replace per distinct character; the scan goes on from where the last one was found,
    # as every full-width character before it is gone (Chinese prose has a full-width comma
    # every few characters: collecting them all cost more than the replacing).
    pos = 0
    while (found := _FULL_WIDTH.search(text, pos)) is not None:
        char = found.group()
        text = text.replace(char, _WIDTH[char])
        pos = found.start() + 1
    return text


def _convert(text: str) -> str:
    folded = _t2s().convert(text)
    if len(folded) == len(text):
        return folded
    return "".join(_char_t2s(c) for c in text)


def to_simplified(text: str) -> str:
    """Traditional to Simplified, one character for one; phrase-level conversion when it keeps length."""
    bmp, every_plane = _convertible()
    convertible = every_plane if _ASTRAL.search(text) else bmp
    match = convertible.search(text)
    if match is None:
        return text
    pieces, done, converted, lines_before = [], 0, 0, 0
    while match is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        lines_before += text.count("\n", done, start)
        if converted >= _FEW_LINES and converted > _WHOLE_TEXT_SHARE * lines_before:
            # most lines so far needed it: the rest in one call (lines convert independently)
            pieces.append(text[done:start])
            pieces.append(_convert(text[start:]))
            return "".join(pieces)
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        pieces.append(text[done:start])
        pieces.append(_convert(text[start:end]))
        converted += 1
        done = end
        match = convertible.search(text, end)
    pieces.append(text[done:])
    return "".join(pieces)


def fold_for_matching(text: str) -> str:
    """The view rules are matched against: same length as `text`, Simplified, half-width."""
    return to_simplified(fold_width(text))


def line_key(line: str) -> str:
    """A line as `unless` lists and keep-lists compare it: stripped and folded as rules see it."""
    return fold_for_matching(line.strip()).strip()
