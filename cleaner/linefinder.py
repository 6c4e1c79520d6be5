"""Find a rule's matching lines quickly: a line-start finder and a required-literal finder.

The regex module tries a pattern like `^\\s*\\d{1,3}\\s*$` at every position of the text, about
10 ns a character, and most default rules start with `^`. The same pattern written as
`\\n(?:\\s*\\d{1,3}\\s*$)` starts with a literal, so the engine jumps from line break to line break.
That finder only proposes positions: the match itself always comes from the rule's own pattern, so
results are the same either way.

A rule whose every match contains one of a few literals (literals.py) also gets a literal finder:
lines before the first of those literals cannot hold a match, so the scan jumps to that line, and a
page without them is not scanned by the rule at all. A rule that has both is tried only on the
lines that hold a literal, at their start (match_on_line), instead of searching on from the first
of them to the end of the page: a match further on holds a literal of its own.

Both are chosen by what the pattern is, never by timing, so loading a rule file gives the same rule
objects every time (and fast). A finder is kept only where it agrees with the pattern on the
rule's examples and a sample of typical text (a check on the rewrite and on the analysis).
Measured on real pages (benchmarks/clean_speed.py), always taking both finders where they exist
beats choosing per rule on a small sample.
"""
from __future__ import annotations


import regex

from .literals import LiteralCursor, LiteralSearch, literal_search, required_literals

# Typical page text: long prose lines and a few short ones, folded as rules see it.
_SAMPLE = "\n".join([
    "同志们:",
    ("今天召开全体干部大会,主要任务是深入学习贯彻党的二十大精神,总结上半年工作,分析当前形势,"
     "安排部署下半年重点任务,动员全体干部职工进一步统一思想、坚定信心,奋力完成全年目标任务。"),
    "一、充分肯定上半年取得的成绩",
    ("上半年以来,在上级党委的坚强领导下,我们坚持以高质量发展为主题,扎实推进各项工作,"
     "经济运行总体平稳、稳中有进,主要指标完成情况好于预期,全年目标任务完成过半。"),
    "2023年7月15日",
    ("(一)坚持稳中求进,经济发展质量持续提升。全年地区生产总值同比增长6.5%,"
     "规模以上工业增加值增长8.2%,固定资产投资增长10.1%,社会消费品零售总额增长7.3%。"),
] * 6)
_TIMEOUT = 1.0  # per search while choosing: a pattern that hangs gets no finder


def _top_level_branches(pattern: str) -> list[str]:
    """`a|b|c` split at its top-level bars (not inside groups, classes or escapes)."""
    branches, depth, i, in_class, begin = [], 0, 0, False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":  # a ] right after [ or [^ is a literal
                i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[begin:i])
            begin = i + 1
        i += 1
    return branches + [pattern[begin:]]


def _line_start_form(pattern: str, flags: int) -> regex.Pattern | None:
    """`\\n(?:a|b)` for a pattern `^a|^b` whose every match starts at a line start, else None."""
    if regex.search(r"\(\?[a-zA-Z]*(?:x|V1)[a-zA-Z]*[:)]|\(\?[a-zA-Z]+\)", pattern):
        return None  # verbose or version-1 syntax, or global inline flags: leave as written
    branches = _top_level_branches(pattern)
    if not all(branch.startswith("^") for branch in branches):
        return None
    try:
        return regex.compile("\n(?:" + "|".join(branch[1:] for branch in branches) + ")", flags)
    except regex.error:
        return None


_LENGTH_GUARD = regex.compile(r"\^\(\?=\.\{\d*,(\d+)\}\$\)")


def line_length_limit(pattern: str) -> int | None:
    """The longest line `pattern` can match, when every top-level branch starts with a guard
    `^(?=.{m,N}$)` (a line of at most N characters); else None. The engine then skips longer
    lines where a literal brought it, without running the pattern there."""
    guards = [_LENGTH_GUARD.match(branch) for branch in _top_level_branches(pattern)]
    return max(int(guard.group(1)) for guard in guards) if all(guards) else None


def _agrees(compiled: regex.Pattern, finder: regex.Pattern, texts: list[str]) -> bool:
    """Both ways find the same first match from every line start (a check on the rewrite)."""
    for text in texts:
        starts = _SAMPLE_STARTS if text is _SAMPLE else _line_starts(text)
        for start in starts:
            expected = compiled.search(text, start, timeout=_TIMEOUT)
            found = search_region(compiled, finder, text, start, len(text), _TIMEOUT)
            if (expected and expected.span()) != (found and found.span()):
                return False
    return True


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]


_SAMPLE_STARTS = _line_starts(_SAMPLE)


def line_finder(compiled: regex.Pattern, examples: list[str]) -> regex.Pattern | None:
    """The line-start form of `compiled` when it exists and agrees with it on `examples` and the
    sample; else None."""
    finder = _line_start_form(compiled.pattern, compiled.flags)
    try:
        if finder is None or not _agrees(compiled, finder, ["\n".join(examples), _SAMPLE]):
            return None
    except TimeoutError:  # a pattern that hangs: left as written, for the example check to report
        return None
    return finder


def search_region(compiled: regex.Pattern, finder: regex.Pattern | None, view: str, start: int, end: int, timeout: float | None):
    """Exactly `compiled.search(view, start, end)` for a `start` at a line start, using `finder`.
    (Arguments are passed by position to the regex calls here and in the rule's other searches:
    the module reads keywords more slowly than it tries a short line.)"""
    if finder is None or (start > 0 and view[start - 1] != "\n"):
        return compiled.search(view, start, end, None, False, timeout)
    if start == 0:
        match = compiled.match(view, 0, end, None, False, timeout)
        if match is not None:
            return match
    pos = max(start - 1, 0)
    while (hit := finder.search(view, pos, end, None, False, timeout)) is not None:
        match = compiled.match(view, hit.start() + 1, end, None, False, timeout)
        if match is not None:  # always, as `^` holds after the line break; kept for safety
            return match
        pos = hit.start() + 1
    return None


def next_candidate_line(literals: LiteralCursor | None, view: str, start: int) -> int | None:
    """The first line start at or after `start` (itself a line start) whose line may hold a match:
    the line of the first required literal from `start` on (`literals` looks in the region); None
    when there is none.

    Why this skips no matching line: a match holds one of the literals, so a match that starts on
    an earlier line runs on past the line's end, and there the line itself is searched for a
    match it wholly holds, which would need a literal on that line (actions._matching_lines)."""
    if literals is None:
        return start
    hit = literals.first(start)
    if hit is None:
        return None
    return max(start, view.rfind("\n", start, hit) + 1)


def match_on_line(compiled: regex.Pattern, view: str, pos: int, end: int, timeout: float | None):
    """For a pattern whose every match starts at a line start (it has a line finder): exactly the
    match `compiled.search(view, pos, end)` finds when it starts on pos's line, else None."""
    if pos > 0 and view[pos - 1] != "\n":
        return None  # the next line start is past this line
    return compiled.match(view, pos, end, None, False, timeout)


def literal_finder(compiled: regex.Pattern, line_start: regex.Pattern | None, examples: list[str]) -> LiteralSearch | None:
    """A search for the literals every match of `compiled` holds, when the pattern has such
    literals and every match in `examples` and the sample holds one (a check on the analysis);
    else None."""
    if compiled.flags & (regex.VERSION1 | regex.FULLCASE):
        return None  # set operations, full case folding: not what the stdlib reads
    required = required_literals(compiled.pattern, bool(compiled.flags & regex.IGNORECASE))
    if required is None:
        return None
    finder = literal_search(required, _SAMPLE)
    if finder is None:
        return None
    try:
        for text in [*examples, _SAMPLE]:
            for match in compiled.finditer(text, timeout=_TIMEOUT):
                if match.end() > match.start() and finder.first(text, match.start(), match.end()) is None:
                    return None
    except TimeoutError:
        return None
    return finder
