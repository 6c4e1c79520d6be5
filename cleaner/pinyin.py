"""Remove pinyin a broken converter put after characters: `機關(guān)` -> `機關`.

An annotation is removed only when its syllable is a reading of the character before it (checked
with pypinyin, all readings of heteronyms, tone marks optional), so `第(一)`, `件(a)` and `单位(元)`
stay as written.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex
from pypinyin import Style, pinyin

from .model import Edit

RULE_ID = "pinyin.annotation"
DESCRIPTION = "Removes a pinyin annotation that a broken converter put after the character it reads."
ANNOTATION = regex.compile(r"(\p{Han})((?:\([a-zA-Z\u00e0-\u00fc\u0100-\u01dc\u0300-\u036f:]{1,8}\))+)")
# The same matches found faster: the stdlib finds the bracketed runs (they start with a literal,
# where ANNOTATION's \p{Han} is tried at every character), then the character before is checked.
# A run holds no Han character, so each ANNOTATION match is one run with a Han character before it.
_SYLLABLE = r"\([a-zA-Z\u00e0-\u00fc\u0100-\u01dc\u0300-\u036f:]{1,8}\)"
BRACKETED = re.compile(f"{_SYLLABLE}(?:{_SYLLABLE})*")  # written to start with a literal: 2.5x faster
HAN = regex.compile(r"\p{Han}")
SYLLABLE = regex.compile(r"\(([^()]+)\)")


def _bare(syllable: str) -> str:
    """A syllable without tone marks, with ü written as v."""
    decomposed = unicodedata.normalize("NFD", syllable.lower().replace("ü", "v").replace("u:", "v"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _readings(char: str) -> frozenset[str]:
    marked = pinyin(char, heteronym=True, style=Style.TONE, errors="ignore")
    if not marked:
        return frozenset()
    return frozenset(r.lower() for r in marked[0]) | frozenset(_bare(r) for r in marked[0])


@lru_cache(maxsize=65536)
def is_reading(char: str, syllable: str) -> bool:
    syllable = unicodedata.normalize("NFC", syllable.lower())
    readings = _readings(char)
    return syllable in readings or _bare(syllable) in readings


def annotations(text: str):
    """(character, bracketed syllables, start, end) for each ANNOTATION match, in order."""
    for match in BRACKETED.finditer(text):
        base = match.start()
        if base > 0 and HAN.match(text, base - 1):
            yield text[base - 1], match.group(), base, match.end()


def repair_pinyin(text: str) -> list[Edit]:
    edits = []
    for char, annotation, base, end in annotations(text):
        if annotation.count("(") == 1:  # the usual case, one syllable: no second regex
            if is_reading(char, annotation[1:-1]):
                edits.append(Edit(base, end, annotation, "", RULE_ID, f"'{annotation[1:-1]}' is a reading of {char}"))
            continue
        for syllable in SYLLABLE.finditer(annotation):
            if is_reading(char, syllable.group(1)):
                start, end = base + syllable.start(), base + syllable.end()
                edits.append(Edit(start, end, text[start:end], "", RULE_ID,
                                  f"'{syllable.group(1)}' is a reading of {char}"))
    return edits
