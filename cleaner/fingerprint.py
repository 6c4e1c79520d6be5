"""The normalised copy of a passage that fingerprints are computed on (never the output text).

In this order, so that one kind of damage never hides another:
1. every bracketed run of Latin letters right after a Han character goes, ASCII or full-width
   brackets and letters, syllable or word level, repeated or not, a true reading or not
   (`機關(guān)`, `鎮（zhèn）`, `全国(quánguó)`, `會(hui)(hui)`, `组织(WTO)`): the output keeps its
   checked pinyin repair, a fingerprint only needs the damage gone;
2. each character folded on its own: NFKC (full-width to ASCII, ① to 1, compatibility
   ideographs to unified ones), lowercase, Traditional to Simplified (OpenCC t2s, character by
   character), and everything but letters and digits dropped;
3. template placeholders (`X`, `XX`, `某某`, `××`, `○○`) become one wildcard, whose shingles and
   anchors are left out, so a filled-in template and its blank share what is theirs.

Step 2 is one lookup table over the code points of a whole batch (numpy), built once per process
from unicodedata and the installed OpenCC; the result stays a code-point array, which shingles and
anchors are computed on directly.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import regex

NORMALISATION = ("bracketed Latin after Han removed; NFKC, lowercase, Traditional->Simplified (OpenCC t2s) per character; "
                 "template placeholders -> one wildcard; only letters and digits kept")
WILDCARD = "\ue001"  # stands for a template placeholder in a normalised text
SEPARATOR = "\ue000"  # joins a batch of passages; no fold touches it
ANNOTATION = regex.compile(r"(?<=\p{Han})[ \t\u3000]*(?:[(（][ \t\u3000]*(?=[^()（）\n]{0,60}?\p{Latin})"
                           r"[\p{Latin}\p{M}\d'’ ·\u3000-]{1,60}[)）][ \t\u3000]*)+")
_SEP, _WILD = ord(SEPARATOR), ord(WILDCARD)
_ALWAYS, _PAIRED = 0xE002, 0xE003  # marks of placeholder symbols: × (any run), ○ □ △ ＊ * (runs of two or more)
_X, _MOU = ord("x"), ord("某")
_LOWER_A, _LOWER_Z = ord("a"), ord("z")
_NOT_LETTER = re.compile(r"[^\w\n]|_")


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, dict[str, str], re.Pattern | None]:
    """(folded code point of every BMP character, 0 where it is dropped; the characters whose fold
    is more than one letter, with their folds; a pattern that finds those). Every step runs once
    over all the characters, a line each: NFKC, lowercase and OpenCC never join two lines."""
    import opencc

    codes = [c for c in range(0x10000) if c != 0x0A and not 0xD800 <= c < 0xE000]
    lines = unicodedata.normalize("NFKC", "\n".join(map(chr, codes))).lower()
    folds = _NOT_LETTER.sub("", lines).split("\n")
    single = "\n".join(f if len(f) == 1 else "" for f in folds)
    simplified = opencc.OpenCC("t2s").convert(single).split("\n")
    if len(simplified) != len(folds):  # a dictionary that maps a character to a line break: none known
        simplified = single.split("\n")
    table = np.zeros(0x10000, dtype=np.uint32)
    table[codes] = [ord(s) if len(s) == 1 else (ord(f) if len(f) == 1 else 0) for s, f in zip(simplified, folds)]
    expand = {chr(code): fold for code, fold in zip(codes, folds) if len(fold) > 1}
    table[_SEP] = _SEP
    for char in "×✕╳":
        table[ord(char)] = _ALWAYS
    for char in "○□△＊*":
        table[ord(char)] = _PAIRED
    finder = re.compile("[" + "".join(re.escape(c) for c in expand) + "]") if expand else None
    return table, expand, finder


def prepare() -> None:
    """Build the tables now (before worker processes fork, so that they share them)."""
    _tables()


def _astral(points: np.ndarray) -> np.ndarray:
    """Folds of the characters beyond the BMP (rare: extension ideographs, emoji): kept if a letter."""
    out = points.copy()
    for code in np.unique(points).tolist():
        char = unicodedata.normalize("NFKC", chr(code)).lower()
        out[points == code] = ord(char) if len(char) == 1 and char.isalnum() else 0
    return out


def _placeholders(mapped: np.ndarray) -> None:
    """Runs of placeholder marks become one wildcard (in place): x not next to another Latin
    letter, 某 twice or more, ×, and ○ □ △ ＊ * twice or more. Only the marks are looked at."""
    at = np.flatnonzero((mapped == _X) | (mapped == _MOU) | (mapped == _ALWAYS) | (mapped == _PAIRED))
    if len(at) == 0:
        return
    values = mapped[at]
    new_run = np.concatenate([[True], (at[1:] != at[:-1] + 1) | (values[1:] != values[:-1])])
    starts = at[new_run]
    sizes = np.diff(np.concatenate([np.flatnonzero(new_run), [len(at)]]))
    values = mapped[starts]
    ends = starts + sizes
    before = np.where(starts > 0, mapped[np.maximum(starts - 1, 0)], 0)
    after = np.where(ends < len(mapped), mapped[np.minimum(ends, len(mapped) - 1)], 0)
    latin = lambda v: (v >= _LOWER_A) & (v <= _LOWER_Z)  # noqa: E731
    wild = (((values == _X) & ~latin(before) & ~latin(after)) | ((values == _MOU) & (sizes >= 2))
            | (values == _ALWAYS) | ((values == _PAIRED) & (sizes >= 2)))
    mapped[at[wild[np.cumsum(new_run) - 1]]] = 0
    mapped[starts[wild]] = _WILD
    symbols = at[(mapped[at] == _ALWAYS) | (mapped[at] == _PAIRED)]  # a lone ○ is punctuation
    mapped[symbols] = 0


def normalised_points(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The normalised copies of a batch of texts as one uint32 code-point array and the length of
    each copy."""
    if not texts:
        return np.empty(0, np.uint32), np.empty(0, np.int64)
    table, expand, finder = _tables()
    joined = SEPARATOR.join(t.replace(SEPARATOR, " ").replace(WILDCARD, " ") for t in texts)
    if "(" in joined or "（" in joined:
        joined = ANNOTATION.sub("", joined)
    if finder is not None and finder.search(joined):
        joined = finder.sub(lambda m: expand[m.group()], joined)
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    mapped = table[np.minimum(points, 0xFFFF)]
    beyond = points > 0xFFFF
    if beyond.any():
        mapped[beyond] = _astral(points[beyond])
    _placeholders(mapped)
    mapped = mapped[mapped != 0]
    breaks = np.flatnonzero(mapped == _SEP)
    lengths = np.diff(np.concatenate([[-1], breaks, [len(mapped)]])) - 1
    return mapped[mapped != _SEP], lengths


def normalise(texts: list[str]) -> list[str]:
    """The normalised copy of each text, as strings (for reading; fingerprints use the points)."""
    points, lengths = normalised_points(texts)
    joined = points.astype("<u4").tobytes().decode("utf-32-le")
    ends = np.cumsum(lengths).tolist()
    return [joined[end - size:end] for end, size in zip(ends, lengths.tolist())]
