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
import warnings
from dataclasses import dataclass, field
from re import _constants as sre  # the stdlib parser's opcodes (Python 3.11+)
from re import _parser as sre_parse

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


@dataclass(frozen=True)
class LiteralSearch:
    """Finds the first of a few needle strings in a text; every match of the rule holds one."""

    needles: tuple[str, ...]
    _patterns: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if len(self.needles) > _MAX_SEPARATE:
            alternatives = "|".join(map(re.escape, sorted(self.needles, key=lambda s: (-len(s), s))))
            patterns = ((re.compile(alternatives), 1),)  # a match's start is the first needle's start
        else:
            patterns = tuple((re.compile(re.escape(needle)), len(needle)) for needle in self.needles)
        object.__setattr__(self, "_patterns", patterns)

    def first(self, text: str, start: int = 0, end: int | None = None) -> int | None:
        """Where the first needle in text[start:end] starts, or None."""
        end = len(text) if end is None else end
        found = None
        for pattern, length in self._patterns:
            # after a hit, only a needle starting before it matters (it may run past the hit)
            bound = end if found is None else min(end, found + length - 1)
            hit = pattern.search(text, start, bound)
            if hit is not None:
                found = hit.start()
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
    while left:  # greedy cover: most literals left covered, then rare in typical text, then long
        covers: dict[tuple[str, ...], set[str]] = {}
        for literal in left:
            for option in options[literal]:
                covers.setdefault(option, set()).add(literal)
        best = max(covers, key=lambda o: (len(covers[o]) * (_SINGLE_WEIGHT if len(o[0]) == 1 else 1),
                                          -sum(map(typical.count, o)), len(o[0]), -len(o), o))
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
