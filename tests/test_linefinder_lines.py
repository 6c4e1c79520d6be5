"""Trying an anchored pattern on one line (linefinder.match_on_line) finds what the search finds."""
from pathlib import Path

import pytest

from cleaner.linefinder import match_on_line, search_region
from cleaner.normalize import fold_for_matching
from cleaner.rules import default_rules_dir, load_rules

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ANCHORED = [rule for rule in load_rules([default_rules_dir()]) if rule.line_finder is not None]
VIEWS = [fold_for_matching(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


def _on_line(match, view: str, start: int):
    """`match` when it starts on the line (or mid-line piece) that starts at `start`, else None."""
    stop = view.find("\n", start)
    return match if match is not None and (stop < 0 or match.start() <= stop) else None


@pytest.mark.parametrize("rule", ANCHORED, ids=lambda rule: rule.id)
def test_an_anchored_rule_tried_on_one_line_finds_the_search_s_match_on_that_line(rule):
    for view in VIEWS:
        starts = [0] + [i + 1 for i, char in enumerate(view) if char == "\n"] + list(range(5, len(view), 97))
        for start in starts:
            expected = _on_line(search_region(rule.compiled, rule.line_finder, view, start, len(view), 1.0), view, start)
            found = match_on_line(rule.compiled, view, start, len(view), 1.0)
            assert (expected and expected.span()) == (found and found.span()), (rule.id, start)
