"""The line-start finder gives exactly the matches the rule's own pattern gives."""
from pathlib import Path

import pytest
import regex

from cleaner.linefinder import _line_start_form, _top_level_branches, line_finder, search_region
from cleaner.normalize import fold_for_matching
from cleaner.rules import default_rules_dir, load_rules

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]


def test_every_default_rule_finds_the_same_first_match_from_every_line_start():
    views = [fold_for_matching(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    rules = load_rules([default_rules_dir()]).rules
    assert sum(rule.line_finder is not None for rule in rules) > len(rules) // 2
    for rule in rules:
        finder = _line_start_form(rule.pattern, rule.compiled.flags)  # checked even where not chosen
        for view in views:
            for start in _line_starts(view):
                expected = rule.compiled.search(view, start, len(view))
                found = search_region(rule.compiled, finder, view, start, len(view), 1.0)
                assert (expected and expected.span()) == (found and found.span()), (rule.id, start)


@pytest.mark.parametrize("pattern, branches", [
    ("^a|^b", ["^a", "^b"]),
    ("^(?:a|b)", ["^(?:a|b)"]),
    (r"^[|]x|^\|y", ["^[|]x", r"^\|y"]),
    ("^[]|]z", ["^[]|]z"]),
    ("^[^]|]z|^w", ["^[^]|]z", "^w"]),
])
def test_top_level_branches_ignore_bars_in_groups_classes_and_escapes(pattern, branches):
    assert _top_level_branches(pattern) == branches


@pytest.mark.parametrize("pattern", ["a^b", "^a|b", "(?i)^a", "^a(?x) b", "x|^a"])
def test_patterns_not_anchored_in_every_branch_get_no_finder(pattern):
    assert _line_start_form(pattern, regex.MULTILINE) is None


def test_anchored_alternatives_share_one_finder():
    compiled = regex.compile(r"^\s*\d+$|^第\d+页$", regex.MULTILINE)
    finder = _line_start_form(compiled.pattern, compiled.flags)
    text = "正文\n第3页\n正文 12\n  7\n"
    for start in _line_starts(text):
        expected = compiled.search(text, start)
        found = search_region(compiled, finder, text, start, len(text), 1.0)
        assert (expected and expected.span()) == (found and found.span())


def test_a_finder_is_kept_only_where_it_agrees_with_the_examples():
    compiled = regex.compile(r"^\s*\d{1,3}\s*$", regex.MULTILINE)
    assert line_finder(compiled, ["12", "正文"]) is not None  # faster: no literal to start from
    assert line_finder(regex.compile("上一篇", regex.MULTILINE), ["上一篇"]) is None  # not anchored
