"""Scopes and actions of one rule over a document."""
from pathlib import Path

from cleaner.editlog import apply_edits
from cleaner.engine import rule_edits
from cleaner.normalize import fold_for_matching
from cleaner.rules import load_rules
from cleaner.zones import find_zones

BODY = "各级党组织要深刻认识加强基层党建工作的重要意义，把思想和行动统一到上级的部署要求上来，确保任务落实。"


def _rule(tmp_path: Path, body: str):
    path = tmp_path / "t.toml"
    path.write_text('[[rule]]\nid = "t.r"\ndescription = "Test."\n' + body, encoding="utf-8")
    return load_rules([path]).rules[0]


def _apply(rule, text):
    return apply_edits(text, rule_edits(rule, text, fold_for_matching(text), find_zones(text), 1.0))


def test_head_scope_only_touches_the_head(tmp_path):
    rule = _rule(tmp_path, "scope = \"head\"\naction = \"drop-line\"\npattern = '^广告$'\nmust_match = [\"广告\"]\nmust_not_match = [\"正文\"]\n")
    assert _apply(rule, f"广告\n{BODY}\n广告\n") == f"{BODY}\n广告\n"


def test_block_scope_drops_the_adjacent_lines(tmp_path):
    rule = _rule(tmp_path, "scope = \"head-block\"\naction = \"drop-block\"\npattern = 'QQ群'\nmust_match = [\"QQ群\"]\nmust_not_match = [\"正文\"]\n")
    assert _apply(rule, f"口号\nQQ群:1\n\n标题\n{BODY}\n") == f"\n标题\n{BODY}\n"


def test_to_end_takes_the_title_links_above(tmp_path):
    rule = _rule(tmp_path, "scope = \"to-end\"\naction = \"drop-to-end\"\ninclude_titles_above = true\n"
                 "pattern = '^相关知识$'\nmust_match = [\"相關知識\"]\nmust_not_match = [\"相关\"]\n")
    assert _apply(rule, f"{BODY}\n\n上篇讲话稿\n下篇讲话稿\n相關知識\n链接\n") == f"{BODY}\n\n"


def test_replace_fills_groups_from_the_real_text(tmp_path):
    rule = _rule(tmp_path, "scope = \"line\"\naction = \"replace\"\npattern = '(党建)工作'\nreplacement = '\\1任务'\n"
                 "must_match = [\"黨建工作\"]\nmust_not_match = [\"正文\"]\nfixes = [[\"黨建工作\", \"黨建任务\"]]\n")
    assert _apply(rule, "抓黨建工作\n") == "抓黨建任务\n"


def test_the_last_line_without_newline_is_dropped_cleanly(tmp_path):
    rule = _rule(tmp_path, "scope = \"line\"\naction = \"drop-line\"\npattern = '^\\d+$'\nmust_match = [\"3\"]\nmust_not_match = [\"正文\"]\n")
    assert _apply(rule, "甲\n2\n3") == "甲\n"
    assert _apply(rule, "甲\n3") == "甲"
