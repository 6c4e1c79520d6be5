"""Split a text into passages (document, paragraph or sentence) that keep their character offsets.

A paragraph is a non-blank line, as a reader of the text sees it. A sentence ends at 。！？；… (or
their ASCII forms) or at a line end, and keeps its closing marks and quotes. Units are registered
by name (`register`): a new one is a splitter and one line.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

PARAGRAPH = regex.compile(r"[^\n]+")
SENTENCE = regex.compile(r"[^\n。！？；!?;…]+(?:(?:[。！？；!?;]|…+|\.{3,})[”’」』）)\"']*|$)|(?:[。！？；!?;]|…+)+", regex.MULTILINE)


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    index: int  # position among the document's passages of this unit


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _document(text: str) -> list[Passage]:
    start, end = _trimmed(text, 0, len(text))
    return [Passage(start, end, 0)] if start < end else []


def _matches(pattern: regex.Pattern):
    def split(text: str) -> list[Passage]:
        passages = []
        for match in pattern.finditer(text):
            start, end = _trimmed(text, match.start(), match.end())
            if start < end:
                passages.append(Passage(start, end, len(passages)))
        return passages
    return split


@dataclass(frozen=True)
class Unit:
    """A passage size for dedup: how a text splits into passages, and what follows from it."""

    name: str
    split: Callable[[str], list[Passage]]
    with_line_end: bool = False  # a removed passage takes its line break with it
    whole: bool = False  # a passage is its document: a removed one leaves no output at all
    quotes: bool = True  # look for one passage standing inside another


UNITS: dict[str, Unit] = {}


def register(unit: Unit) -> None:
    """Add a unit (`--unit NAME`)."""
    UNITS[unit.name] = unit


register(Unit("document", _document, whole=True, quotes=False))
register(Unit("paragraph", _matches(PARAGRAPH), with_line_end=True))
register(Unit("sentence", _matches(SENTENCE)))


def split_passages(text: str, unit: str) -> list[Passage]:
    """The non-empty passages of `text`, with whitespace around them left out of the span."""
    return UNITS[unit].split(text)
