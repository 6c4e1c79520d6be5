"""Find where the speeches of a multi-speech page start (`一:` ... `二:` on lines of their own).

Pages that collect several speeches number them with a bare numeral line. A page is split only when
those markers run 一, 二, 三 ... in order; the first part keeps the page title and speech 一.
"""
from __future__ import annotations

import regex

from .zones import iter_lines

NUMERALS = "一二三四五六七八九十"
# `一:` alone, or `篇二` / `第三篇` / `范文1`, with or without a colon.
MARKER = regex.compile(
    rf"^(?:(?:篇|第|范文|範文)(?P<n>[{NUMERALS}]|\d{{1,2}})篇?\s*[:：]?|(?P<n>[{NUMERALS}]|\d{{1,2}})\s*[:：])$",
    regex.V1,
)


def _number(token: str) -> int:
    return int(token) if token.isdigit() else NUMERALS.index(token) + 1


def speech_starts(text: str) -> list[int]:
    """Offsets where speeches 2, 3, ... begin; empty unless the page numbers two or more speeches."""
    markers = []
    for start, end in iter_lines(text):
        match = MARKER.match(text[start:end].strip())
        if match and _number(match.group("n")) == len(markers) + 1:
            markers.append(start)
    return markers[1:] if len(markers) >= 2 else []
