"""Rule files: every inline example holds, and every kind of broken file gives a located error."""
import dataclasses
from pathlib import Path

import pytest

from cleaner.errors import RuleFileError
from cleaner.rules import check_examples, check_rule_file, default_rules_dir, load_rules, rule_files

DEFAULT_RULES = load_rules([default_rules_dir()])


def _examples():
    for rule in DEFAULT_RULES:
        for kind in ("must_match", "must_not_match", "fixes"):
            for n, _ in enumerate(getattr(rule, kind)):
                yield pytest.param(rule, kind, n, id=f"{rule.id}:{kind}[{n}]")


@pytest.mark.parametrize("rule,kind,index", list(_examples()))
def test_rule_example_holds(rule, kind, index):
    single = {"must_match": (), "must_not_match": (), "fixes": ()}
    single[kind] = (getattr(rule, kind)[index],)
    probe = dataclasses.replace(rule, **single)
    assert check_examples(probe) == []


def test_every_default_rule_has_both_kinds_of_example():
    assert DEFAULT_RULES.rules
    assert all(rule.must_match and rule.must_not_match for rule in DEFAULT_RULES)


def test_rule_files_come_one_family_per_file():
    for path in rule_files([default_rules_dir()]):
        rules, errors = check_rule_file(path)
        assert not errors
        assert {rule.family for rule in rules} == {path.stem}


GOOD = '''[[rule]]
id = "demo.page"
description = "Drops a bare page number."
scope = "line"
action = "drop-line"
pattern = '^\\d+$'
must_match = ["12"]
must_not_match = ["12 个"]
'''


def _load(tmp_path: Path, text: str) -> RuleFileError:
    path = tmp_path / "demo.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules([path])
    return caught.value


def test_a_good_file_loads(tmp_path):
    path = tmp_path / "demo.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert [r.id for r in load_rules([path])] == ["demo.page"]


@pytest.mark.parametrize("broken,line,message", [
    (GOOD.replace('scope = "line"', 'scope = "line"\ncolour = "red"'), 5,
     "rule demo.page: unknown key 'colour'"),
    (GOOD.replace('description = "Drops a bare page number."\n', ""), 1,
     "rule demo.page: missing field 'description'"),
    (GOOD.replace("'^\\d+$'", "'^(\\d+$'"), 6,
     "rule demo.page: pattern does not compile: missing )"),
    (GOOD.replace('must_match = ["12"]', 'must_match = ["twelve"]'), 7,
     "rule demo.page: must_match example does not match: 'twelve'"),
    (GOOD.replace('must_not_match = ["12 个"]', 'must_not_match = ["7"]'), 8,
     "rule demo.page: must_not_match example matches: '7'"),
    (GOOD.replace('scope = "line"', 'scope = "page"'), 4,
     "rule demo.page: unknown scope 'page'"),
    (GOOD.replace('action = "drop-line"', 'action = "drop-block"'), 5,
     "rule demo.page: action 'drop-block' does not apply to scope 'line'"),
    (GOOD.replace('id = "demo.page"', 'id = "other.page"'), 2,
     "rule other.page: id must be 'demo.<name>'"),
    (GOOD.replace('must_match = ["12"]', 'must_match = "12"'), 7,
     "rule demo.page: 'must_match' must be a non-empty list of strings"),
    (GOOD.replace('action = "drop-line"', 'action = "replace"\nreplacement = "x"'), 5,
     "rule demo.page: a replace rule needs at least one [input, output] pair in 'fixes'"),
    (GOOD.replace("[[rule]]", "[[rule]\n"), 1, "invalid TOML"),
])
def test_a_broken_rule_file_names_file_line_rule_and_problem(tmp_path, broken, line, message):
    error = _load(tmp_path, broken)
    assert str(error).startswith(f"{tmp_path / 'demo.toml'}:{line}:")
    assert message in str(error)


def test_a_fix_that_does_not_hold_points_at_its_line(tmp_path):
    text = GOOD.replace('action = "drop-line"', 'action = "drop-match"') + 'fixes = [\n  ["a 12", "a "],\n  ["b 3", "b 3"],\n]\n'
    text = text.replace("'^\\d+$'", "'\\d+$'").replace('must_not_match = ["12 个"]', 'must_not_match = ["十二"]')
    error = _load(tmp_path, text)
    assert str(error) == f"{tmp_path / 'demo.toml'}:11: rule demo.page: fix of 'b 3' gives 'b ', expected 'b 3'"


def test_duplicate_ids_across_files_are_an_error(tmp_path):
    (tmp_path / "demo.toml").write_text(GOOD, encoding="utf-8")
    other = tmp_path / "more"
    other.mkdir()
    (other / "demo.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleFileError, match="duplicate id, also in"):
        load_rules([tmp_path, other])


def test_patterns_match_the_folded_view():
    rule = DEFAULT_RULES.get("related-links.header")
    assert rule.matches_line("相關知識")  # Traditional script, pattern written in Simplified
    assert rule.matches_line("推荐阅读：")  # full-width colon folds to ':'


REPLACE = GOOD.replace('action = "drop-line"', 'action = "replace"\nreplacement = "第\\\\1页"').replace(
    "'^\\d+$'", "'^(\\d+)$'") + 'fixes = [["12", "第12页"]]\n'


@pytest.mark.parametrize("replacement,problem", [
    ("第\\\\5页", "replacement refers to group \\5, but the pattern has 1 group(s)"),
    ("第\\\\g<nope>页", "replacement refers to group \\g<nope>, which the pattern does not name"),
    ("第\\\\g<2>页", "replacement refers to group \\g<2>, but the pattern has 1 group(s)"),
])
def test_a_replacement_naming_a_missing_group_is_caught_when_loading(tmp_path, replacement, problem):
    assert [r.id for r in load_rules([_write(tmp_path, REPLACE)])] == ["demo.page"]
    error = _load(tmp_path, REPLACE.replace("第\\\\1页", replacement))
    assert str(error) == f"{tmp_path / 'demo.toml'}:6: rule demo.page: {problem}"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "demo.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rules_test_reports_missing_groups_and_duplicate_ids_like_clean_does(tmp_path):
    from typer.testing import CliRunner

    from cleaner.cli import app

    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "demo.toml").write_text(REPLACE.replace("第\\\\1页", "第\\\\5页"), encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "test", str(folder)])
    assert result.exit_code == 3
    assert result.stdout == (f"FAIL {folder / 'demo.toml'}:6: rule demo.page: replacement refers to group \\5, "
                             "but the pattern has 1 group(s)\nrules: 0 passed, 1 failed\n")
    (folder / "demo.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "demo.toml").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "test", str(folder), str(tmp_path / "more")])
    assert result.exit_code == 3
    assert result.stdout == (f"FAIL {tmp_path / 'more' / 'demo.toml'}:1: rule demo.page: duplicate id, also in "
                             f"{folder / 'demo.toml'}:1\nrules: 1 passed, 1 failed\n")


def test_examples_are_the_class_not_lines_copied_from_the_samples():
    """A rule's must_match examples are written as the class, with other words and numbers:
    none is a line of the sample scrapes (benchmarks/generalisation.py checks the shared pages)."""
    from .conftest import CORPUS

    sample_lines = {line.strip() for page in CORPUS.glob("*.txt") for line in page.read_text(encoding="utf-8").splitlines()}
    copied = [(rule.id, example) for rule in DEFAULT_RULES for example in rule.must_match if example.strip() in sample_lines]
    assert copied == []


def _facts(rule):
    finder = rule.line_finder
    return (rule.id, rule.pattern, rule.compiled.pattern, rule.compiled.flags, rule.line_start,
            finder and (finder.pattern, finder.flags), rule.literal_finder, rule.max_chars, rule.unless)


def test_rules_from_the_cache_are_the_rules_checked(tmp_path, monkeypatch):
    from cleaner.clean import clean_text

    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    checked = load_rules([default_rules_dir()])  # nothing cached yet: every check runs, then kept
    assert len(list((tmp_path / "cache").glob("rules-*.json"))) == len(list(default_rules_dir().glob("*.toml")))
    cached = load_rules([default_rules_dir()])
    assert "compiled" in checked.rules[0].__dict__ and "compiled" not in cached.rules[0].__dict__
    assert [_facts(rule) for rule in cached] == [_facts(rule) for rule in checked]
    page = (Path(__file__).parent.parent / "corpus" / "001_a0ac67672984e438.txt").read_text(encoding="utf-8")
    assert clean_text(page, cached) == clean_text(page, checked)


def test_a_changed_rule_file_is_checked_again_and_a_damaged_cache_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "t.toml"
    good = '[[rule]]\nid = "t.r"\ndescription = "Test."\nscope = "line"\naction = "drop-line"\npattern = \'^广告$\'\nmust_match = ["广告"]\nmust_not_match = ["正文"]\n'
    path.write_text(good, encoding="utf-8")
    load_rules([path])
    for stored in (tmp_path / "cache").glob("rules-*.json"):
        stored.write_text("{not json", encoding="utf-8")
    assert load_rules([path]).rules[0].line_start is not None  # checked again, not read from the damage
    path.write_text(good.replace('must_not_match = ["正文"]', 'must_not_match = ["广告"]'), encoding="utf-8")
    with pytest.raises(RuleFileError, match="must_not_match example matches"):
        load_rules([path])
