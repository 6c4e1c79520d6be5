"""Find matches of a line-anchored pattern (`^...`) quickly.

The regex module tries a pattern like `^\\s*\\d{1,3}\\s*$` at every position of the text, about
10 ns a character, and most default rules start with `^`. The same pattern written as
`\\n(?:\\s*\\d{1,3}\\s*$)` starts with a literal, so the engine jumps from line break to line break.
That finder only proposes positions: the match itself always comes from the rule's own pattern, so
results are the same either way. Some anchored patterns are faster as written (the engine finds a
literal they require), so each rule keeps the finder only where it measures faster on a sample.
"""
from __future__ import annotations

import time

import regex

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
_ROUNDS = 3


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


def _seconds(pattern: regex.Pattern) -> float:
    best = float("inf")
    for _ in range(_ROUNDS):
        start = time.perf_counter()
        for _ in pattern.finditer(_SAMPLE):
            pass
        best = min(best, time.perf_counter() - start)
    return best


def _agrees(compiled: regex.Pattern, finder: regex.Pattern, texts: list[str]) -> bool:
    """Both ways find the same first match from every line start (a check on the rewrite)."""
    for text in texts:
        starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
        for start in starts:
            expected = compiled.search(text, start)
            found = search_region(compiled, finder, text, start, len(text), 1.0)
            if (expected and expected.span()) != (found and found.span()):
                return False
    return True


def line_finder(compiled: regex.Pattern, examples: list[str]) -> regex.Pattern | None:
    """The line-start form of `compiled` when it exists, agrees with it on `examples` and the
    sample, and searches faster; else None."""
    finder = _line_start_form(compiled.pattern, compiled.flags)
    if finder is None or not _agrees(compiled, finder, ["\n".join(examples), _SAMPLE]):
        return None
    if _seconds(finder) >= _seconds(compiled):
        return None
    return finder


def search_region(compiled: regex.Pattern, finder: regex.Pattern | None, view: str, start: int, end: int, timeout: float):
    """Exactly `compiled.search(view, start, end)` for a `start` at a line start, using `finder`."""
    if finder is None or (start > 0 and view[start - 1] != "\n"):
        return compiled.search(view, start, end, timeout=timeout)
    if start == 0:
        match = compiled.match(view, 0, end, timeout=timeout)
        if match is not None:
            return match
    pos = max(start - 1, 0)
    while (hit := finder.search(view, pos, end, timeout=timeout)) is not None:
        match = compiled.match(view, hit.start() + 1, end, timeout=timeout)
        if match is not None:  # always, as `^` holds after the line break; kept for safety
            return match
        pos = hit.start() + 1
    return None
