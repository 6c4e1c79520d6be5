"""Patterns for the lines a batch repeats, whatever punctuation and spacing each page gave them.

A line is seen as its line key sees it (learn.line_key): its letters and numbers, in order, with
the punctuation and spaces between them left out. Here those are the line's tokens (an escaped
letter, or `\\d+` for a run of digits), and what stands between two tokens is a gap. A pattern
is built from the tokens all the lines share and, for each gap, from what every one of the lines
put there, so the result does not depend on which page came first:
- nothing on any page: nothing;
- spaces only: optional spaces (`\\s*`);
- punctuation on some page: any punctuation or none (`[\\W_]*`), so `,` `，` `、` and ` , ` are
  alike (rules match the folded view, where `，` is already `,` but `、` and `。` are not);
- between two numbers the gap stays required (`\\d+[\\W_]+\\d+`), or they would read as one.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .normalize import fold_for_matching

TOKEN = regex.compile(r"(?P<digits>\d+)|[\p{L}\p{N}#]")  # what a line key keeps; a run of digits is one
MARKS = r"[\W_]"  # punctuation or a space
SITE_SEPARATOR = r"\s*[-–—_|]\s*"  # what comes between a page's title and the site name after it


@dataclass(frozen=True)
class Shape:
    """A folded line as tokens with their spans."""
    text: str
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> Shape:
        folded = fold_for_matching(text.strip())
        found = list(TOKEN.finditer(folded))
        return cls(folded, tuple(r"\d+" if m.group("digits") else regex.escape(m.group()) for m in found),
                   tuple(m.span() for m in found))

    def gap(self, index: int) -> str:
        """The punctuation and spaces before token `index` (len(tokens): after the last)."""
        start = self.spans[index][0] if index < len(self.spans) else len(self.text)
        return self.text[self.spans[index - 1][1] if index else 0:start]

    def middle(self, prefix: int, suffix: int) -> tuple[int, int]:
        """[start, end) of the text after the first `prefix` tokens and before the last `suffix`."""
        start = self.spans[prefix - 1][1] if prefix else 0
        return start, self.spans[len(self.spans) - suffix][0] if suffix else len(self.text)

    def between(self, prefix: int, suffix: int) -> str:
        start, end = self.middle(prefix, suffix)
        return self.text[start:end]


def alike(texts: list[str]) -> list[Shape]:
    """The shapes of `texts` that have the tokens of the first in text order (lines of one key
    differ in case at most): the lines one pattern is for."""
    shapes = sorted((Shape.of(text) for text in texts), key=lambda s: s.text)
    return [s for s in shapes if s.tokens == shapes[0].tokens]


def same_line_pattern(texts: list[str]) -> str:
    """One pattern for lines of one key."""
    shapes = alike(texts)
    return f"^{_edge(shapes, False)}{_tokens(shapes, len(shapes[0].tokens))}{_edge(shapes, True)}$"


def shared_frame(shapes: list[Shape]) -> tuple[int, int]:
    """How many first and last tokens all `shapes` share (the two never overlap)."""
    prefix = _shared([s.tokens for s in shapes])
    suffix = _shared([s.tokens[::-1] for s in shapes])
    return prefix, min(suffix, min(len(s.tokens) for s in shapes) - prefix)


def frame_pattern(shapes: list[Shape], prefix: int, suffix: int) -> str:
    """Lines that share their first `prefix` and last `suffix` tokens around a varying middle of
    about the lengths seen (half the shortest to twice the longest, and ten more)."""
    lengths = [len(s.between(prefix, suffix)) for s in shapes]
    middle = f".{{{min(lengths) // 2},{max(lengths) * 2 + 10}}}"
    return (f"^{_edge(shapes, False)}{_tokens(shapes, prefix)}{middle}"
            f"{_tokens(shapes, suffix, from_end=True)}{_edge(shapes, True)}$")


def suffix_pattern(shapes: list[Shape], count: int) -> str:
    """A site name after a separator at the end of a title: the shapes' last `count` tokens."""
    return f"{SITE_SEPARATOR}{_tokens(shapes, count, from_end=True)}{_edge(shapes, True)}$"


def _shared(sequences: list[tuple[str, ...]]) -> int:
    """How many first items all `sequences` share (the first and last in sort order decide)."""
    first, last = min(sequences), max(sequences)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return size


def _gap(gaps: list[str], between_numbers: bool = False) -> str:
    """What the lines put between two tokens, as a pattern (see the module's notes)."""
    if not any(gaps):
        return ""
    kind = r"\s" if all(gap.isspace() for gap in gaps if gap) else MARKS
    return kind + ("+" if between_numbers else "*")


def _tokens(shapes: list[Shape], count: int, from_end: bool = False) -> str:
    """The first (or last) `count` tokens the shapes share, with the gaps between them."""
    tokens = shapes[0].tokens
    first = len(tokens) - count if from_end else 0
    pieces = []
    for k in range(first, first + count):
        at = (lambda s: len(s.tokens) - len(tokens) + k) if from_end else (lambda s: k)
        if k > first:
            pieces.append(_gap([s.gap(at(s)) for s in shapes], tokens[k - 1] == tokens[k] == r"\d+"))
        pieces.append(tokens[k])
    return "".join(pieces)


def _edge(shapes: list[Shape], at_end: bool) -> str:
    """Before the first token or after the last: spaces, or punctuation where a line has some."""
    return _gap([s.gap(len(s.tokens) if at_end else 0) for s in shapes]) or r"\s*"
