"""The normalised copy of a passage that fingerprints are computed on (never the output text).

Pinyin annotations are removed, Traditional folded to Simplified, full-width to half-width, ASCII
lowercased, and everything but letters and digits dropped, so the damage of a scrape and the
script of a site do not change a passage's fingerprint. Clauses (runs between punctuation) of the
same copy serve as anchors for finding a short passage inside a longer one.
"""
from __future__ import annotations

import regex

from .editlog import apply_edits
from .normalize import fold_width, to_simplified
from .pinyin import repair_pinyin

NORMALISATION = "pinyin annotations removed, Traditional->Simplified (OpenCC t2s), full-width->half-width, lowercase, punctuation and whitespace removed"
SEPARATOR = "\ue000"  # joins a batch of passages; a private-use character that no fold touches
NOT_TEXT = regex.compile(rf"[^\p{{L}}\p{{N}}{SEPARATOR}]+")
CLAUSE_BREAK = regex.compile(rf"[^\p{{L}}\p{{N}}{SEPARATOR}]+")
MIN_ANCHOR_CHARS = 6


def _fold_batch(texts: list[str]) -> str:
    joined = SEPARATOR.join(t.replace(SEPARATOR, " ") for t in texts)
    joined = apply_edits(joined, repair_pinyin(joined))
    return to_simplified(fold_width(joined)).lower()


def normalise(texts: list[str]) -> list[str]:
    """The normalised copy of each text, computed for the whole batch at once."""
    if not texts:
        return []
    return NOT_TEXT.sub("", _fold_batch(texts)).split(SEPARATOR)


def normalise_with_clauses(texts: list[str]) -> tuple[list[str], list[list[str]]]:
    """Normalised copies and, for each, its clauses of at least MIN_ANCHOR_CHARS characters."""
    if not texts:
        return [], []
    folded = _fold_batch(texts).split(SEPARATOR)
    normalised, clauses = [], []
    for text in folded:
        parts = [p for p in CLAUSE_BREAK.split(text) if p]
        normalised.append("".join(parts))
        clauses.append([p for p in parts if len(p) >= MIN_ANCHOR_CHARS])
    return normalised, clauses
