"""What the passes remember lets them skip rules, never change what they find: the presence index
and the quiet check's shortcuts (the engine's own search on the changed lines short enough for
the rule, asked before the literal check) give the same text and log as the plain searches."""
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cleaner import memory
from cleaner.clean import clean_text
from cleaner.rules import default_rules_dir, load_rules

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RULES = load_rules([default_rules_dir()])
_EXAMPLES = {line for rule in RULES for text in rule.must_match for line in text.split("\n") if line}
_PIECES = sorted(_EXAMPLES | {line[:len(line) // 2] for line in _EXAMPLES} | {line[len(line) // 2:] for line in _EXAMPLES}
                 | {"\n", "\u3000", "(gōng)", "。", "同志们", "我们要"})


def _plain_search(rule, lines, timeout):
    return rule.compiled.search(lines, timeout=timeout) is not None


def _literals_first(self, rule, view, zones, timeout):
    """can_skip as it was: the literal check before the quiet one."""
    self.literals = None
    if self._unchecked is not None:
        self._mark_lacking(view)
    return self._lacks_literals(rule, view) or self._still_quiet(rule, view, zones, timeout)


def _the_long_way(text: str):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(memory, "_literal_rules", lambda rules: ((), None, {}))  # each rule looks for itself
        patch.setattr(memory, "_may_match", _plain_search)
        patch.setattr(memory.RuleMemory, "_lines_for", lambda self, rule, since: self._changed_lines(since))
        patch.setattr(memory.RuleMemory, "can_skip", _literals_first)
        return clean_text(text, RULES)


def _same(text: str) -> None:
    fast, slow = clean_text(text, RULES), _the_long_way(text)
    assert (fast.text, fast.edits) == (slow.text, slow.edits)


@pytest.mark.parametrize("page", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_the_shortcuts_change_nothing_on_the_corpus(page):
    _same(page.read_text(encoding="utf-8"))


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_the_shortcuts_change_nothing_on_generated_pages(pieces):
    _same("".join(pieces))


def test_a_rule_set_s_presence_index_is_made_once():
    rules = list(RULES)
    assert memory._literal_rules(rules)[1] is memory._literal_rules(list(RULES))[1]
