"""Decode the bytes of a text file: UTF-8, UTF-16 with a BOM, GB18030 or Big5, or a reason it is not text.

UTF-8 is tried first (strictly). Otherwise GB18030 and Big5 are both tried and the one that reads
most like Chinese wins: the mean cost of its Han characters, where a character costs the log of
its frequency rank in general Chinese (data/han_ranks.txt, from jieba's word list) and a private-use
or unassigned code point, or a stray Cyrillic, Greek, kana or box-drawing character, costs more
than any Han character. A wrong decoding of Chinese bytes gives rare characters and such strays,
so it costs far more; bytes that are not Chinese at all cost more than MAX_COST either way.

Text with a NUL character anywhere is binary; text of only whitespace or byte-order marks is empty.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import regex

from .errors import InputFileError
from .normalize import to_simplified

SCORED_CHARS = 20000  # the cost is read off the start of the text
MAX_COST = 12.0  # mean cost (bits) above which bytes are not taken for Chinese text
_STRAY = regex.compile(r"[\p{Co}\p{Cn}\p{Cyrillic}\p{Greek}\p{Hiragana}\p{Katakana}\p{Bopomofo}\u2500-\u257f]")
_HAN = regex.compile(r"[\u4e00-\u9fff]")
_BOMS = (b"\xff\xfe", b"\xfe\xff")


@lru_cache(maxsize=1)
def _ranks() -> tuple[dict[str, float], float]:
    ranked = (Path(__file__).parent / "data" / "han_ranks.txt").read_text(encoding="utf-8")
    unknown = math.log2(len(ranked) * 4)
    return {char: math.log2(rank + 2) for rank, char in enumerate(ranked)}, unknown


def chinese_cost(text: str) -> float:
    """Mean cost in bits of the Han characters and strays of `text` (lower reads more like Chinese)."""
    costs, unknown = _ranks()
    folded = to_simplified(text[:SCORED_CHARS])
    han = _HAN.findall(folded)
    strays = len(_STRAY.findall(folded))
    if not han:
        return math.inf
    total = sum(costs.get(char, unknown) for char in han) + strays * unknown * 1.5
    return total / (len(han) + strays)


def decode(data: bytes, doc: str) -> tuple[str, str]:
    """(text, encoding name) or InputFileError saying why the bytes are not a text we read."""
    if b"\x00" in data and not data.startswith(_BOMS):
        raise InputFileError(doc, "binary file (NUL bytes), not text; skipped")
    text, encoding = _decoded(data, doc)
    if "\x00" in text:
        raise InputFileError(doc, "binary file (NUL characters), not text; skipped")
    if not text.replace("\ufeff", "").strip():
        raise InputFileError(doc, "empty file; skipped")
    return text, encoding


def _decoded(data: bytes, doc: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", doc), "utf-8-sig"
    if data.startswith(_BOMS):
        return _strict(data, "utf-16", doc), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            raise InputFileError(doc, f"truncated UTF-8: incomplete character at byte {exc.start}; skipped") from None
        utf8_error = exc
    scored = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((chinese_cost(text), encoding, text))
    if scored:
        cost, encoding, text = min(scored)
        if cost <= MAX_COST:
            return text, encoding
    raise InputFileError(doc, f"not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at {utf8_error.start}), "
                              "GB18030 or Big5 text; skipped")


def _strict(data: bytes, encoding: str, doc: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputFileError(doc, f"invalid {encoding} at byte {exc.start}; skipped") from None
