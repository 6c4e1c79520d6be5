"""Whole documents: golden outputs, replay of the edit log, idempotence, and what must go or stay."""
import dataclasses
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings, strategies as st

from cleaner import CleanConfig, apply_edits, clean_text, load_rules
from cleaner.clean import _Document
from cleaner.literals import literal_search, required_literals
from cleaner.rules import RuleSet, default_rules_dir

from .conftest import CORPUS, GOLDEN

CORPUS_FILES = sorted(CORPUS.glob("*.txt"))
CASES = sorted((GOLDEN / "cases").glob("*.in.txt"))


def _check_golden(path: Path, text: str, regen: bool) -> None:
    if regen:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run pytest --regen-golden and review it"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_file_matches_its_reviewed_golden_output(source, default_rules, regen):
    result = clean_text(source.read_text(encoding="utf-8"), default_rules)
    _check_golden(GOLDEN / "corpus" / source.name, result.text, regen)


@pytest.mark.parametrize("source", CASES, ids=lambda p: p.name.removesuffix(".in.txt"))
def test_crafted_case_matches_its_golden_output(source, default_rules, regen):
    result = clean_text(source.read_text(encoding="utf-8"), default_rules)
    _check_golden(source.with_name(source.name.replace(".in.txt", ".out.txt")), result.text, regen)


@pytest.mark.parametrize("source", CORPUS_FILES + CASES, ids=lambda p: p.name)
def test_edit_log_replays_and_cleaning_is_idempotent(source, default_rules):
    original = source.read_text(encoding="utf-8")
    result = clean_text(original, default_rules)
    assert apply_edits(original, result.edits) == result.text
    assert all(edit.rule and edit.reason for edit in result.edits)
    again = clean_text(result.text, default_rules)
    assert again.text == result.text and again.edits == []


def _cleaned_corpus(default_rules) -> str:
    return "\n".join(clean_text(p.read_text(encoding="utf-8"), default_rules).text for p in CORPUS_FILES)


CHROME = ["General 更新", "小編", "時間:2022", "導語", "不代表本站", "范文中心", "07/14", "现在订阅", "会员群",
          "QQ群", "打击倒卖", "仅供学习", "酷乐文行", "相关内容", "相關知識", "公路统计年报", "鄉鎮黨委書記任職會議講話",
          "(guān)", "(shè)", "\n11\n"]
SPEECH = ["王孝山", "(2010年2月 日)", "同志们:", "同志們:", "一、统一抓党建工作的认识", "一:", "二:", "20*年", "黨的*",
          "XXX", "在X系统党建工作座谈会上的讲话", "在专题研究机关党的建设工作会上的讲话提纲", "部(特別是行政負責人)",
          "党(工)委", "機關黨建工作會議講話", "在全区基层党建工作会议上的讲话", "加強機關黨建設幾點思考"]


@pytest.mark.parametrize("chrome", CHROME)
def test_corpus_chrome_is_removed(chrome, default_rules):
    assert chrome not in _cleaned_corpus(default_rules)


@pytest.mark.parametrize("speech", SPEECH)
def test_corpus_speech_lines_are_kept(speech, default_rules):
    assert speech in _cleaned_corpus(default_rules)


def test_broken_lines_are_joined_and_headings_stay_apart(default_rules):
    text = clean_text((CORPUS / "001_a0ac67672984e438.txt").read_text(encoding="utf-8"), default_rules).text
    assert "上级党委的部署和要求,区委近年来" in text
    assert "\n一、统一抓党建工作的认识\n" in text
    assert text.count("在全区基层党建工作会议上的讲话") == 1


def test_split_starts_a_part_at_each_numbered_speech(default_rules):
    source = (CORPUS / "000_de9f494fa85245bc.txt").read_text(encoding="utf-8")
    result = clean_text(source, default_rules, CleanConfig(split=True))
    first, second = result.part_texts()
    assert first.startswith("機關黨建工作會議講話\n") and "\n一:\n" in first
    assert second.startswith("二:\n") and "".join(result.part_texts()) == result.text


_DEFAULT_RULES = load_rules([default_rules_dir()])
_JUNK_RULE = """[[rule]]
id = "junk.marker"
description = "Removes a marker that splits words."
scope = "line"
action = "drop-match"
pattern = '#+'
must_match = ["a#b"]
must_not_match = ["ab"]
"""


def _split_literal(rule) -> str | None:
    """An example of `rule` with a marker inside its first literal (公网##安备), if it has one."""
    for example in rule.must_match:
        for needle in rule.literal_finder.needles:
            at = example.find(needle)
            if at >= 0 and len(needle) > 1:
                middle = at + len(needle) // 2
                return example[:middle] + "##" + example[middle:]
    return None


def _with_literal_finder(rule):
    """`rule` with its literal finder, whether or not loading chose it (a choice made by timing)."""
    required = required_literals(rule.pattern, bool(rule.compiled.flags & regex.IGNORECASE))
    finder = literal_search(required) if required else None
    return dataclasses.replace(rule, literal_finder=finder) if finder else None


# Line rules with literals (the ones skipped while they lack them) and an example to split.
_LINE_RULES = [rule for rule in map(_with_literal_finder, _DEFAULT_RULES) if rule and rule.scope == "line"]
_SPLIT_EXAMPLES = [(rule, _split_literal(rule)) for rule in _LINE_RULES if _split_literal(rule)]


def test_most_line_rules_with_literals_have_an_example_to_split():
    assert len(_SPLIT_EXAMPLES) >= 8


@pytest.mark.parametrize("rule, split", _SPLIT_EXAMPLES, ids=[rule.id for rule, _ in _SPLIT_EXAMPLES])
def test_a_rule_lacking_its_literals_runs_again_when_a_later_edit_brings_one_in(rule, split, tmp_path):
    (tmp_path / "junk.toml").write_text(_JUNK_RULE, encoding="utf-8")
    # the rule finds no literal; junk.marker joins the literal's halves; the next pass runs the rule
    ruleset = RuleSet([rule, *load_rules([tmp_path / "junk.toml"]).rules])
    text = "正文。\n" + split + "\n"
    assert clean_text(text, ruleset).text == clean_text(text.replace("##", ""), ruleset).text != text.replace("##", "")


# Pages made of the default rules' own example lines and their halves, with line breaks and
# characters other steps remove, so that literals come in as lines are joined and edits go on.
_EXAMPLES = {line for rule in _DEFAULT_RULES for text in rule.must_match for line in text.split("\n") if line}
_PIECES = sorted(_EXAMPLES | {line[:len(line) // 2] for line in _EXAMPLES} | {line[len(line) // 2:] for line in _EXAMPLES}
                 | {"\n", "\u3000", "(gōng)", "。", "同志们", "我们要"})


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_skipping_rules_that_cannot_find_anything_new_changes_nothing(pieces):
    """Rules skipped in later passes (memory.py: literals absent, or nothing found and nothing
    changed where they look) give the same text and log as running every rule every pass."""
    text = "".join(pieces)
    skipping = clean_text(text, _DEFAULT_RULES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Document, "skips", lambda self, rule, timeout: False)
        running = clean_text(text, _DEFAULT_RULES)
    assert (skipping.text, skipping.edits) == (running.text, running.edits)


def _han(text: str) -> str:
    return "".join(regex.findall(r"\p{Han}", text))


@pytest.mark.parametrize("source", CORPUS_FILES, ids=lambda p: p.stem)
def test_a_page_without_line_breaks_keeps_its_text(source, default_rules):
    """Scrapes that arrive one line per page: rules take sentences of the long line, not the line."""
    import difflib

    flat = source.read_text(encoding="utf-8").replace("\r", "").replace("\n", "")
    kept = _han((GOLDEN / "corpus" / source.name).read_text(encoding="utf-8"))
    result = clean_text(flat, default_rules)
    found = difflib.SequenceMatcher(None, kept, _han(result.text), autojunk=False).get_matching_blocks()
    assert sum(block.size for block in found) >= 0.8 * len(kept)
    assert clean_text(result.text, default_rules).text == result.text


# The smallest cases the fuzz of the cleaner found; each cleaned differently the second time.
IDEMPOTENCE_CASES = [
    "经济社会事业的发展。为更好地适\n\n\n到",  # the join became possible once blank lines collapsed
    "工作负总责。基层党(工)委书记\n\n\n加",
    "相关内容\n\n\n\n\n\n",  # the edges moved the back half of the page over the header
    "的信心,砥砺开拓进取的勇气,容\n\n\n一",
]


@pytest.mark.parametrize("text", IDEMPOTENCE_CASES)
def test_found_cases_clean_to_themselves(text, default_rules):
    once = clean_text(text, default_rules).text
    assert clean_text(once, default_rules).text == once


# Documents rebuilt from the corpus's own lines, cut anywhere and joined with every kind of break.
_LINES = sorted({line for p in CORPUS_FILES for line in p.read_text(encoding="utf-8").split("\n")})
_BREAKS = ["\n", "\n\n", "\n\n\n", "", " ", "\r\n", "\n \n", "\n\u3000\n"]


@st.composite
def _rebuilt_page(draw):
    pieces = []
    for _ in range(draw(st.integers(1, 10))):
        line = draw(st.sampled_from(_LINES))
        if line and draw(st.booleans()):
            start = draw(st.integers(0, len(line) - 1))
            line = line[start:draw(st.integers(start + 1, len(line)))]
        pieces += [line, draw(st.sampled_from(_BREAKS))]
    return "".join(pieces)


@settings(max_examples=250, derandomize=True, deadline=None)
@given(_rebuilt_page())
def test_cleaning_a_cleaned_page_changes_nothing(default_rules, page):
    result = clean_text(page, default_rules)
    assert apply_edits(page, result.edits) == result.text
    assert clean_text(result.text, default_rules).text == result.text
