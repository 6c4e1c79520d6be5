"""Split a text into passages (document, paragraph or sentence) that keep their character offsets.

A paragraph is a non-blank line, as a reader of the text sees it. A sentence ends at 。！？；… (or
their ASCII forms) or at a line end, and keeps its closing marks and quotes.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

UNITS = ("document", "paragraph", "sentence")
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


def split_passages(text: str, unit: str) -> list[Passage]:
    """The non-empty passages of `text`, with whitespace around them left out of the span."""
    if unit == "document":
        start, end = _trimmed(text, 0, len(text))
        return [Passage(start, end, 0)] if start < end else []
    pattern = PARAGRAPH if unit == "paragraph" else SENTENCE
    passages = []
    for match in pattern.finditer(text):
        start, end = _trimmed(text, match.start(), match.end())
        if start < end:
            passages.append(Passage(start, end, len(passages)))
    return passages
