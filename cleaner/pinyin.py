"""Remove pinyin a broken converter put after characters or words: `機關(guān)` -> `機關`, `全国(quánguó)` -> `全国`.

A bracket of letters goes only when the letters spell readings of the Han characters just before
it (checked with pypinyin, every reading of a heteronym): one syllable for the last character, or
else one syllable for each of the last k characters, k up to MAX_WORD, the shortest k that fits.
So `第(一)`, `件(a)`, `单位(元)` and `人工智能(AI)` stay as written. Tone marks (or tone numbers) are
optional and not compared with the character's tones; ü may be written ü, v, u: or u; syllables
may stand apart and the bracket may be padded with a space. Brackets may be ASCII or
full-width, in any pairing. Each bracket of a repeated run (`會(hui)(hui)`) is judged on its own.

Letters must be all lower case or all upper case (`(QUANGUO)`): a converter writes one case
throughout, while `China`, `WeChat` or `iPhone` are words, whatever they spell.
"""
from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import regex

from .model import Edit

RULE_ID = "pinyin.annotation"
DESCRIPTION = "Removes a pinyin annotation that a broken converter put after the characters it reads."
MAX_WORD = 8  # characters one bracket may spell: 固定资产(gùdìngzīchǎn) is 4
# Pinyin letters, tone marks precomposed or combining, and `:` of `u:`. Eight syllables of up to
# six letters, each with a tone mark and maybe a diaeresis, fit in 64.
# Converters also write syllables apart (`(dǎng jiàn)`), pad the brackets (`( guān )`) and put
# tone numbers (`(guan1)`): spaces and the digits 1-5 may follow the first letter.
_LETTER = r"a-zA-Z\u00c0-\u00fc\u0100-\u01dc\u0300-\u036f:"
_LETTERS = f" ?[{_LETTER}][{_LETTER}1-5 ]{{0,71}}"
_BRACKET = f"[(（]{_LETTERS}[)）]"
ANNOTATION = regex.compile(rf"(\p{{Han}})((?:{_BRACKET})+)")
# The same matches found faster: the stdlib finds the bracketed runs, then the character before
# is checked (ANNOTATION's \p{Han} is tried at every character). A run holds no Han character,
# so each ANNOTATION match is one run with a Han character before it. A pattern that starts with
# a literal is 2.5x faster than one that starts with a class, hence one pattern per opening bracket.
ASCII_RUNS = re.compile(rf"\({_LETTERS}[)）](?:{_BRACKET})*")
WIDE_RUNS = re.compile(rf"（{_LETTERS}[)）](?:{_BRACKET})*")
BRACKET = re.compile(r"[(（]([^()（）]+)[)）]")
HAN = regex.compile(r"\p{Han}")
HAN_BEFORE = regex.compile(rf"\p{{Han}}{{1,{MAX_WORD}}}", flags=regex.REVERSE)  # matched backwards from `end`
_DIAERESIS = "u\u0308"  # ü once decomposed
_NOT_LETTERS = frozenset(" 12345")


def _bare(letters: str) -> str:
    """`letters` in lower case without tone marks, tone numbers or spaces, with ü (or u:) written v."""
    decomposed = unicodedata.normalize("NFD", letters.lower()).replace(_DIAERESIS, "v").replace("u:", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in _NOT_LETTERS)


def _one_case(letters: str) -> bool:
    return letters.islower() or letters.isupper()


@lru_cache(maxsize=65536)
def _readings(char: str) -> frozenset[str]:
    """Every reading of `char`, bare; readings with ü also with u, as toneless pages write them."""
    from pypinyin import Style, pinyin  # imported when a page has an annotation to check (0.2 s)

    marked = pinyin(char, heteronym=True, style=Style.TONE, errors="ignore")
    bare = {_bare(reading) for reading in marked[0]} if marked else set()
    return frozenset(bare | {reading.replace("v", "u") for reading in bare})


@lru_cache(maxsize=65536)
def is_reading(char: str, syllable: str) -> bool:
    return _one_case(syllable) and _bare(syllable) in _readings(char)


@lru_cache(maxsize=65536)
def _spells(chars: str, bare: str) -> bool:
    """True when `bare` splits into one reading of each of `chars`, in order."""
    if not chars:
        return not bare
    return any(bare.startswith(reading) and _spells(chars[1:], bare[len(reading):])
               for reading in _readings(chars[0]))


@lru_cache(maxsize=65536)
def spelled_word(han: str, letters: str) -> str:
    """The shortest run of two or more characters at the end of `han` whose readings `letters`
    spell, or "" if none. Shortest first keeps the answer deterministic; where the letters split
    in more than one way (xian: xi+an or xian) any split will do, as the whole bracket goes."""
    if not _one_case(letters):
        return ""
    bare = _bare(letters)
    for k in range(2, min(len(han), len(bare)) + 1):  # a syllable has at least one letter
        if _spells(han[-k:], bare):
            return han[-k:]
    return ""


def _han_before(text: str, end: int) -> str:
    """The Han characters, MAX_WORD at most, that end at `end`."""
    match = HAN_BEFORE.match(text, 0, end)
    return match.group() if match else ""


def _runs(text: str) -> Iterator[re.Match]:
    """Each bracketed run, in order. Where one pattern finds a run inside a run the other found,
    it starts after a bracket, not after a Han character, so `annotations` passes over it."""
    if "（" not in text:  # most pages: one pattern
        return ASCII_RUNS.finditer(text)
    return heapq.merge(ASCII_RUNS.finditer(text), WIDE_RUNS.finditer(text), key=re.Match.start)


@lru_cache(maxsize=65536)
def _is_han(char: str) -> bool:
    """HAN.match on one character, remembered: a page of pinyin asks it hundreds of times."""
    return HAN.match(char) is not None


@lru_cache(maxsize=65536)
def _reading_reason(char: str, letters: str) -> str:
    """The reason for dropping `(letters)` after `char` when they are one reading of it, else ""."""
    return f"'{letters}' is a reading of {char}" if is_reading(char, letters) else ""


def annotations(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(character, bracketed run, start, end) for each ANNOTATION match, in order."""
    for match in _runs(text):
        base = match.start()
        if base > 0 and _is_han(text[base - 1]):
            yield text[base - 1], match.group(), base, match.end()


def _reason(text: str, char: str, base: int, letters: str) -> str:
    """Why `letters`, bracketed in a run at `base` after `char`, are an annotation; "" if not."""
    if is_reading(char, letters):
        return f"'{letters}' is a reading of {char}"
    word = spelled_word(_han_before(text, base), letters)
    return f"'{letters}' spells the readings of {word}" if word else ""


def _run_edits(text: str, char: str, run: str, base: int) -> Iterator[Edit]:
    """An edit for each bracket of the run at `base` that reads the characters before the run."""
    for bracket in BRACKET.finditer(run):
        reason = _reason(text, char, base, bracket.group(1))
        if reason:
            start, end = base + bracket.start(), base + bracket.end()
            yield Edit(start, end, bracket.group(), "", RULE_ID, reason)


def repair_pinyin(text: str) -> list[Edit]:
    """An edit removing each bracket of pinyin that reads the characters before it; sorted."""
    edits = []
    for char, run, base, end in annotations(text):
        reason = _reading_reason(char, run[1:-1])
        if reason:  # the usual case, one syllable: no second regex
            edits.append(Edit(base, end, run, "", RULE_ID, reason))
        else:
            edits.extend(_run_edits(text, char, run, base))
    return edits
