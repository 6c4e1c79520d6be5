"""The literal strings every match of a rule's pattern must contain, and a quick search for them.

Most rules match nothing on most pages, yet the regex module scans a page once per rule, at 3 to
20 ns a character. Many patterns cannot match without one of a few literal strings (web.icp needs
`ICP备`, `公网安备` ...), so a rule whose literals are absent from the rest of a page is not run
there at all. The literals only say where a match cannot be; every match still comes from the
rule's own pattern, so results are the same.

The literals are read from the stdlib parser's tree of the pattern. Anything the analysis does not
understand (classes with categories, back references, lookarounds, non-ASCII letters in a
case-insensitive part) counts as "no literal required", so the set it returns is always safe;
syntax only the regex module has is either replaced by a class that requires nothing (`\\p{Han}`)
or makes the analysis give up.

The search looks for a few short needles cut from the literals, one at a time: the stdlib finds
one plain string at about 0.2 ns a character, an alternation of many at 2.5 (15 when it ignores
case), as it must then test every character against a set. A needle of a case-insensitive literal
is either a piece without letters or one letter in all its cases, the Kelvin sign for k and the
long s for s included (tests/test_literals.py checks every code point against the regex module).
"""
from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from re import _constants as sre  # the stdlib parser's opcodes (Python 3.11+)
from re import _parser as sre_parse

import numpy as np

# Sets of exact strings grow by products (`(?:a|b)(?:c|d)`): past this many the run is cut.
_MAX_STRINGS = 64
# A class of up to this many plain characters counts as that many one-character literals.
_MAX_CLASS = 32
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
# Unicode property classes (regex module only) require no literal: parse them as \w.
_PROPERTY = re.compile(r"\\\\|\\[pP](?:\{[^}]*\}|[A-Za-z])")
# After escapes and plain quantifiers are gone, a brace is fuzzy matching (`{e<=1}`), and `[:alpha:]`
# a POSIX class: syntax the stdlib would read as literals.
_REGEX_ONLY = re.compile(r"[{}]|\[:\^?[A-Za-z]+:\]")
_ESCAPE_OR_QUANTIFIER = re.compile(r"\\.|\{\d*(?:,\d*)?\}", re.DOTALL)

Strings = frozenset[str]
_CASE_FLAGS = re.compile(r"\(\?[a-zA-Z]*i")  # (?i) or (?i:...) somewhere in the pattern


@dataclass(frozen=True)
class Required:
    """Every match holds one of `literals` (compared without case for ASCII if `ignore_case`)."""

    literals: Strings
    ignore_case: bool = False


def required_literals(pattern: str, ignore_case: bool = False) -> Required | None:
    """What every match of `pattern` (compiled with IGNORECASE if `ignore_case`) must hold, or None
    when nothing is known. The set is chosen for long literals, then for few of them."""
    stdlib_pattern = _PROPERTY.sub(lambda m: m.group() if m.group() == "\\\\" else r"\w", pattern)
    if _REGEX_ONLY.search(_ESCAPE_OR_QUANTIFIER.sub("", stdlib_pattern)):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set": read the same by both engines
            tree = sre_parse.parse(stdlib_pattern)
    except (re.error, RecursionError, OverflowError):
        return None  # syntax only the regex module knows
    if tree.state.flags & sre.SRE_FLAG_VERBOSE:
        return None
    ignore_case = ignore_case or bool(tree.state.flags & sre.SRE_FLAG_IGNORECASE)
    literals = _sequence(tree.data, ignore_case)[1]
    if literals is None:
        return None
    return Required(literals, ignore_case or bool(_CASE_FLAGS.search(pattern)))


def _sequence(items, icase: bool) -> tuple[Strings | None, Strings | None]:
    """(the exact strings the sequence matches if few, the best required set) for parse items;
    `icase`: the items match without case."""
    run, whole_run, candidates = {""}, True, []
    for op, av in items:
        exact, required = _node(op, av, icase)
        if required:
            candidates.append(required)
        if exact is not None and len(run) * len(exact) <= _MAX_STRINGS:
            run = {a + b for a in run for b in exact}
            continue
        whole_run = False
        if "" not in run:
            candidates.append(frozenset(run))
        run = set(exact) if exact is not None else {""}
    if "" not in run:
        candidates.append(frozenset(run))
    best = max(candidates, key=lambda s: (min(map(len, s)), -len(s)), default=None)
    return (frozenset(run) if whole_run else None), best


def _node(op, av, icase: bool) -> tuple[Strings | None, Strings | None]:
    if op is sre.LITERAL:
        if icase and av > 0x7F:
            return None, None  # non-ASCII case folding differs between the engines: no claim
        char = frozenset({chr(av)})
        return char, char
    if op is sre.IN:
        chars = _class_chars(av)
        if chars is not None and icase and not all(c.isascii() for c in chars):
            return None, None
        return chars, chars
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, pattern = av
        icase = (icase or bool(add_flags & sre.SRE_FLAG_IGNORECASE)) and not del_flags & sre.SRE_FLAG_IGNORECASE
        return _sequence(pattern.data, icase)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av.data, icase)
    if op is sre.BRANCH:
        return _branch([_sequence(pattern.data, icase) for pattern in av[1]])
    if op in _REPEATS:
        return _repeat(*av, icase)
    if op in _ZERO_WIDTH:  # consumes nothing; what a lookaround sees need not be in the match
        return frozenset({""}), None
    return None, None  # any character, categories, back references, conditionals


def _class_chars(items) -> Strings | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:  # negation, categories, wide ranges
            return None
    return frozenset(chars) if len(chars) <= _MAX_CLASS else None


def _branch(branches) -> tuple[Strings | None, Strings | None]:
    exacts = [exact for exact, _ in branches]
    exact = None if None in exacts else frozenset().union(*exacts)
    requireds = [required for _, required in branches]
    required = None if None in requireds else frozenset().union(*requireds)
    return (exact if exact is not None and len(exact) <= _MAX_STRINGS else None), required


def _repeat(low: int, high: int, pattern, icase: bool) -> tuple[Strings | None, Strings | None]:
    exact, required = _sequence(pattern.data, icase)
    if low == 0:
        return (exact | {""} if exact is not None and high == 1 else None), None
    return (exact if low == high == 1 else None), required


# Needles are cut up to this long; longer ones find no fewer lines and cover fewer literals.
MAX_NEEDLE = 4
# A one-character needle counts a quarter of a literal it covers: it hits often in prose (群 of
# 群众 for QQ群), and each line it brings up costs a regex search.
_SINGLE_WEIGHT = 0.25
# Past this many needles, one alternation of them (2.5 ns a character) beats a search for each.
_MAX_SEPARATE = 8
# What an ASCII letter matches when case is ignored, beyond its upper and lower case.
_OTHER_CASES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def needle_search(needle: str):
    """What finds `needle`: the character itself for str.find when it is one (4x quicker than a
    regex, whose every call costs setting up), else a compiled pattern (str.find is 2x slower on
    Chinese pairs: its filter of last characters skips little in CJK text)."""
    return needle if len(needle) == 1 else re.compile(re.escape(needle))


@dataclass(frozen=True)
class LiteralSearch:
    """Finds the first of a few needle strings in a text; every match of the rule holds one."""

    needles: tuple[str, ...]
    _patterns: tuple = field(init=False, repr=False, compare=False)
    _longest: int = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if len(self.needles) > _MAX_SEPARATE:
            alternatives = "|".join(map(re.escape, sorted(self.needles, key=lambda s: (-len(s), s))))
            patterns = ((re.compile(alternatives), 1),)  # a match's start is the first needle's start
        else:
            patterns = tuple((needle_search(needle), len(needle)) for needle in self.needles)
        object.__setattr__(self, "_patterns", patterns)
        object.__setattr__(self, "_longest", max(map(len, self.needles), default=0))

    def first(self, text: str, start: int = 0, end: int | None = None) -> int | None:
        """Where the first needle in text[start:end] starts, or None."""
        end = len(text) if end is None else end
        found = None
        for pattern, length in self._patterns:
            # after a hit, only a needle starting before it matters (it may run past the hit)
            bound = end if found is None else min(end, found + length - 1)
            if pattern.__class__ is str:  # one character (needle_search), written out: a hot loop
                at = text.find(pattern, start, bound)
                if at >= 0:
                    found = at
                continue
            hit = pattern.search(text, start, bound)
            if hit is not None:
                found = hit.start()
        return found

    def cursor(self, text: str, end: int | None = None, patterns: tuple | None = None) -> "LiteralCursor":
        """`first` over text[:end] for starts that only grow, each needle's text scanned once.
        `patterns`: searches for only those needles that may be in `text` (LiteralPresence)."""
        return LiteralCursor(self._patterns if patterns is None else patterns, self._longest, text,
                             len(text) if end is None else end)


class LiteralCursor:
    """`LiteralSearch.first(text, start, end)` for a growing `start`: where each needle was found
    is kept, and its search goes on from there only once `start` passes it, so a rule that asks
    line after line scans the text about once, not once a line (an absent needle once in all)."""

    __slots__ = ("patterns", "longest", "text", "end", "_next")

    def __init__(self, patterns: tuple, longest: int, text: str, end: int, known: list[int | None] | None = None):
        self.patterns, self.longest, self.text, self.end = patterns, longest, text, end
        # each needle's next start (-1: not looked for yet, None: none left)
        self._next: list[int | None] = [-1] * len(patterns) if known is None else known

    def up_to(self, end: int) -> "LiteralCursor":
        """The same search in text[:end], for end <= self.end, keeping what was found before it
        (a needle found where a needle would not fit before `end` is looked for again)."""
        if end == self.end:
            return self
        known = [at if at is None or at + self.longest <= end else -1 for at in self._next]
        return LiteralCursor(self.patterns, self.longest, self.text, end, known)

    def first(self, start: int) -> int | None:
        """Where the first needle in text[start:end] starts, or None; `start` never goes back."""
        found = None
        for index, (pattern, _length) in enumerate(self.patterns):
            at = self._next[index]
            if at is not None and at < start:
                if pattern.__class__ is str:  # one character (needle_search)
                    at = self.text.find(pattern, start, self.end)
                    at = self._next[index] = None if at < 0 else at
                else:
                    hit = pattern.search(self.text, start, self.end)
                    at = self._next[index] = None if hit is None else hit.start()
            if at is not None and (found is None or at < found):
                found = at
        return found


def literal_search(required: Required, typical: str = "") -> LiteralSearch | None:
    """A search for needles such that every string holding one of the literals holds a needle;
    None when a literal offers none (a case-insensitive one made only of non-ASCII letters).
    Between needles that cover as much, the one seen least in `typical` text is taken (学习 and
    仅供 both cover 仅供学习, but speeches are full of 学习)."""
    options = {literal: _needle_options(literal, required.ignore_case) for literal in required.literals}
    if not options or not all(options.values()):
        return None
    left, needles = set(required.literals), set()
    seen: dict[tuple[str, ...], int] = {}  # times an option's needles occur in `typical`, counted once

    def times_seen(option: tuple[str, ...]) -> int:
        if option not in seen:
            seen[option] = sum(map(typical.count, option))
        return seen[option]

    while left:  # greedy cover: most literals left covered, then rare in typical text, then long
        covers: dict[tuple[str, ...], set[str]] = {}
        for literal in left:
            for option in options[literal]:
                covers.setdefault(option, set()).add(literal)
        best = max(covers, key=lambda o: (len(covers[o]) * (_SINGLE_WEIGHT if len(o[0]) == 1 else 1),
                                          -times_seen(o), len(o[0]), -len(o), o))
        needles.update(best)
        left -= covers[best]
    return LiteralSearch(tuple(sorted(needles)))


def _needle_options(literal: str, ignore_case: bool) -> set[tuple[str, ...]]:
    """The ways to find `literal`: pieces of it, or (ignoring case) one letter in all its cases."""
    options = set()
    for start in range(len(literal)):
        for end in range(start + 1, min(len(literal), start + MAX_NEEDLE) + 1):
            piece = literal[start:end]
            if not ignore_case or not any(map(_has_case, piece)):
                options.add((piece,))
        char = literal[start]
        if ignore_case and char.isascii() and char.isalpha():
            lower = char.lower()
            options.add(tuple(sorted({lower, lower.upper(), *_OTHER_CASES.get(lower, "")})))
    return options


def _has_case(char: str) -> bool:
    return char.lower() != char or char.upper() != char


# --- which of many searches can find nothing in a text, told for all of them at once --------

_PAIR_BITS = 20  # a page of 10,000 characters marks under 1 % of the pair slots: few needles pass wrongly
_CHAR_SLOTS = 1 << 16  # one slot for each character of the BMP; an astral one shares its slot


def _keys(codes: np.ndarray) -> np.ndarray:
    """Slots of a table a text marks: one for each character (its code point, cut to 16 bits),
    then one for each pair of neighbours (a hash of the pair): a needle can be in a text only
    where all of its keys are marked."""
    n = len(codes)
    keys = np.empty(max(2 * n - 1, 0), dtype=np.uint32)  # written in place: each step of a page counts
    chars, pairs = keys[:n], keys[n:]
    np.bitwise_and(codes, np.uint32(_CHAR_SLOTS - 1), out=chars)
    np.multiply(codes[:-1], np.uint32(0x9E3779B1), out=pairs)
    np.add(pairs, codes[1:], out=pairs)
    np.multiply(pairs, np.uint32(0x85EBCA6B), out=pairs)
    np.right_shift(pairs, np.uint32(32 - _PAIR_BITS), out=pairs)
    np.add(pairs, np.uint32(_CHAR_SLOTS), out=pairs)
    return keys


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


class _Marks:
    """A table of slots marked with the number of the text that marked them, so that a new text
    needs no clearing first (once the numbers run out, the table is cleared and they start over)."""

    def __init__(self):
        self.table = np.zeros(_CHAR_SLOTS + (1 << _PAIR_BITS), dtype=np.uint16)
        self.number = 0

    def mark(self, keys: np.ndarray) -> int:
        self.number += 1
        if self.number > np.iinfo(np.uint16).max:
            self.table[:] = 0
            self.number = 1
        self.table[keys] = self.number
        return self.number


class LiteralPresence:
    """Which of many literal searches can find nothing in a text, for all of them at once.

    A rule's skip check searches the page for each of its needles; for the seventy default rules
    that is a few hundred scans of every page. Here the page marks a slot for each of its
    characters and (hashed) neighbouring pairs once (numpy), and a needle is looked up by the
    slot of its character (one) or of its pairs (the rest). A marked slot may belong to another
    character or pair, so the answer "may be there" is sometimes wrong, and the search itself
    then decides; "not there" is always right, as every pair of a needle in the text is in it."""

    def __init__(self, searches: Sequence[LiteralSearch]):
        needles = sorted({needle for search in searches for needle in search.needles})
        number = {needle: n for n, needle in enumerate(needles)}
        keys = [self._needle_keys(needle) for needle in needles]
        self._keys = np.concatenate(keys)
        self._needle_starts = np.cumsum([0] + [len(k) for k in keys[:-1]])
        owned = [[number[needle] for needle in search.needles] for search in searches]
        self._owned_by = owned
        self._needle_patterns = [(needle_search(needle), len(needle)) for needle in needles]
        self._owned = np.array([n for needles_of in owned for n in needles_of], dtype=np.intp)
        self._search_starts = np.cumsum([0] + [len(n) for n in owned[:-1]])
        self._local = threading.local()  # a table of marks per thread

    @staticmethod
    def _needle_keys(needle: str) -> np.ndarray:
        keys = _keys(_code_points(needle))
        return keys[:1] if len(needle) == 1 else keys[len(needle):]

    def absent(self, text: str) -> list[bool]:
        """For each search (in the order given), True when none of its needles is in `text`."""
        return self.check(text).absent

    def check(self, text: str) -> "PresenceCheck":
        """What may be in `text`: the searches that find nothing, and the needles each may find."""
        marks = getattr(self._local, "marks", None)
        if marks is None:
            marks = self._local.marks = _Marks()
        number = marks.mark(_keys(_code_points(text)) if text else np.zeros(0, dtype=np.uint32))
        present = np.logical_and.reduceat(marks.table[self._keys] == number, self._needle_starts)
        found = np.logical_or.reduceat(present[self._owned], self._search_starts)
        return PresenceCheck(self, (~found).tolist(), present.tolist())


class PresenceCheck:
    """LiteralPresence's answer for one text."""

    def __init__(self, presence: LiteralPresence, absent: list[bool], present: list[bool]):
        self.presence, self.absent, self._present = presence, absent, present

    def patterns(self, index: int) -> tuple | None:
        """Searches for the needles of search `index` that may be in the text, one per needle,
        for LiteralSearch.cursor; None where that is all of them, or too many to look for one
        by one (the search's own alternation is then as quick)."""
        needles = self.presence._owned_by[index]
        owned = [n for n in needles if self._present[n]]
        if len(owned) > _MAX_SEPARATE or len(owned) == len(needles):
            return None
        return tuple(self.presence._needle_patterns[n] for n in owned)
