"""Decisions come back as rules: rule-file edits keep the file as written, the keep-list protects
lines from every step, and `cleaner rules review` changes rules that the next clean follows."""
import json
import shutil
import tomllib

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.keeplist import filter_edits, parse, touched_lines
from cleaner.model import Edit
from cleaner.rule_edit import append_to_list

from .conftest import CORPUS, ROOT

runner = CliRunner()

SOURCE = '''# a family
[[rule]]
id = "a.x"
must_match = ["1", "2"]  # inline
must_not_match = [
  "q",  # a comment with ] inside
  'r'
]
pattern = \'\'\'
[x]
\'\'\'
# closing comment

[[rule]]
id = "a.y"
must_not_match = []
'''


def test_appending_to_a_list_keeps_the_rest_of_the_file_as_written():
    text, first = append_to_list(SOURCE, 0, "must_match", "三")
    text, second = append_to_list(text, 0, "must_not_match", 'said "hi"\\')
    text, third = append_to_list(text, 0, "unless", "x y")
    text, fourth = append_to_list(text, 1, "must_not_match", "z")
    lines = text.split("\n")
    assert [lines[n - 1] for n in (first, second, third, fourth)] == [
        'must_match = ["1", "2", "三"]  # inline', '  "said \\"hi\\"\\\\"', 'unless = ["x y"]', 'must_not_match = ["z"]']
    assert tomllib.loads(text)["rule"] == [
        {"id": "a.x", "must_match": ["1", "2", "三"], "must_not_match": ["q", "r", 'said "hi"\\'], "pattern": "[x]\n", "unless": ["x y"]},
        {"id": "a.y", "must_not_match": ["z"]}]
    assert "# a comment with ] inside" in text and "# closing comment" in text
    assert text.replace(',\n  "said \\"hi\\"\\\\"', "").replace(', "三"', "").replace('\nunless = ["x y"]', "").replace('"z"', "") == SOURCE


def test_the_keep_list_spares_every_edit_that_touches_a_protected_line():
    keep = parse("# comment\n\n  保留这一行  \n")
    text = "标题\n保留这一行\n  正文第一段\n下一行\n"
    drop = Edit(3, 9, "保留这一行\n", "", "layout.duplicate-title", "x")
    indent = Edit(9, 11, "  ", "", "layout.indent", "x")
    join = Edit(2, 3, "\n", "", "layout.join-broken-line", "x")  # glues 标题 to the protected line
    assert touched_lines(text, 2, 3) == ["标题", "保留这一行"]
    assert touched_lines(text, 3, 9) == ["保留这一行"]
    assert filter_edits(text, [join, drop, indent], keep) == [indent]
    assert filter_edits(text, [join, drop, indent], frozenset()) == [join, drop, indent]
    assert parse("保留這一行") == keep  # compared as the rules see lines: folded


BLURB = "機關黨建工作是一項打基礎、聚人心、利長遠的事業下面就是小編給大家整理的,僅供參考。"
DOC0, DOC1 = "corpus/000_de9f494fa85245bc.txt", "corpus/001_a0ac67672984e438.txt"
DECISIONS = [
    {"doc": DOC0, "start": 12, "end": 35, "rule": "header.post-date", "text": "General 更新 2024年11月24日\n",
     "lines": ["General 更新 2024年11月24日"], "verdict": "confirmed"},
    {"doc": DOC0, "start": 38, "end": 80, "rule": "blurb.editor", "text": BLURB + "\n", "lines": [BLURB], "verdict": "rejected"},
    {"doc": DOC1, "start": 48, "end": 64, "rule": "layout.duplicate-title", "text": "在全区基层党建工作会议上的讲话\n",
     "lines": ["在全区基层党建工作会议上的讲话"], "verdict": "rejected"},
    {"doc": DOC1, "start": 40, "end": 41, "rule": "layout.blank-lines", "text": "\n", "lines": [], "verdict": "rejected"},
]


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    (tmp_path / "review.json").write_text(json.dumps(DECISIONS, ensure_ascii=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _closing_line(path, rule_line: str, key: str) -> int:
    """The number of the line that closes the rule's `key` list: where a new example goes."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(rule_line)
    opened = next(n for n in range(start, len(lines)) if lines[n].startswith(f"{key} = ["))
    return next(n for n in range(opened, len(lines)) if lines[n] == "]") + 1


def test_review_changes_the_rules_and_the_keep_list_and_the_next_clean_follows(workspace):
    result = runner.invoke(app, ["rules", "review", "review.json", "--rules-dir", "rules"])
    assert result.exit_code == 0, result.output
    closing = _closing_line(ROOT / "rules" / "blurb.toml", 'id = "blurb.editor"', "must_not_match")
    assert result.stdout == (
        'rules/header.toml:17: header.post-date: must_match + "General 更新 2024年11月24日"\n'
        f'rules/blurb.toml:{closing}: blurb.editor: must_not_match + "{BLURB}"\n'
        f'rules/blurb.toml:{closing + 2}: blurb.editor: unless + "{BLURB}"\n'
        'keep-list.txt:2: layout.duplicate-title: keep "在全区基层党建工作会议上的讲话"\n'
        "4 decisions: 4 changes in 3 files, 1 left alone\n")
    assert result.stderr == f"warning: {DOC1}: layout.blank-lines: nothing to learn from an edit of blank lines\n"
    assert (workspace / "keep-list.txt").read_text(encoding="utf-8").splitlines()[1:] == ["在全区基层党建工作会议上的讲话"]
    test = runner.invoke(app, ["rules", "test", "rules"])
    assert test.exit_code == 0 and test.stdout.endswith(" passed, 0 failed\n")

    again = runner.invoke(app, ["rules", "review", "review.json", "--rules-dir", "rules"])  # nothing new to add
    assert again.exit_code == 0 and again.stdout == "4 decisions: 0 changes in 0 files, 1 left alone\n"

    result = runner.invoke(app, ["clean", str(CORPUS / "000_de9f494fa85245bc.txt"), str(CORPUS / "001_a0ac67672984e438.txt"),
                                 "--no-default-rules", "--rules", "rules", "--keep-list", "keep-list.txt", "--out", "out"])
    assert result.exit_code == 0, result.output
    first = (workspace / "out" / "000_de9f494fa85245bc.txt").read_text(encoding="utf-8")
    second = (workspace / "out" / "001_a0ac67672984e438.txt").read_text(encoding="utf-8")
    assert BLURB in first and "更新 2024年11月24日" not in first
    assert second.count("在全区基层党建工作会议上的讲话") == 3  # the title lines a reviewer wanted kept
    log = (workspace / "out" / "edit-log.jsonl").read_text(encoding="utf-8")
    assert '"rule": "blurb.editor"' not in log and '"rule": "layout.duplicate-title"' not in log


def test_review_can_write_the_changed_files_elsewhere(workspace):
    before = (workspace / "rules" / "blurb.toml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["rules", "review", "review.json", "--rules-dir", "rules", "--out", "reviewed",
                                 "--keep-list", "keep.txt"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (workspace / "reviewed").iterdir()) == ["blurb.toml", "header.toml"]
    assert (workspace / "rules" / "blurb.toml").read_text(encoding="utf-8") == before
    assert "keep.txt:2: layout.duplicate-title" in result.stdout


def test_review_writes_nothing_when_a_change_would_break_the_rule(workspace):
    example = "发布时间：2023/05/06"  # a must_match example of header.post-date: rejecting it contradicts the rule
    (workspace / "review.json").write_text(json.dumps([{"doc": "d", "start": 0, "end": 17, "rule": "header.post-date",
                                                         "text": example + "\n", "verdict": "rejected"}]), encoding="utf-8")
    before = (workspace / "rules" / "header.toml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["rules", "review", "review.json", "--rules-dir", "rules"])
    assert result.exit_code == 3
    assert result.stderr.startswith("error: rules/header.toml:") and "the reviewed file would not hold: must_match example" in result.stderr
    assert (workspace / "rules" / "header.toml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("content, problem", [
    ("{}", "a review file is a list of decisions (export it from the report's review panel)"),
    ('[{"doc": "d", "start": 0, "end": 1, "rule": "x.y", "text": "a", "verdict": "maybe"}]',
     "decision 1: verdict must be one of rejected, confirmed, not 'maybe'"),
    ('[{"doc": "d", "start": "0", "end": 1, "rule": "x.y", "text": "a", "verdict": "rejected"}]',
     "decision 1: 'start' is missing or not a int"),
])
def test_a_file_that_is_not_a_review_is_a_usage_error(workspace, content, problem):
    (workspace / "review.json").write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["rules", "review", "review.json", "--rules-dir", "rules"])
    assert result.exit_code == 2 and result.stderr == f"error: review.json: {problem}\n"


def test_a_project_keep_list_is_found_beside_the_project_file(workspace):
    (workspace / "cleaner.toml").write_text('[clean]\nkeep_list = "lists/keep.txt"\n', encoding="utf-8")
    (workspace / "lists").mkdir()
    result = runner.invoke(app, ["rules", "review", "review.json", "--rules-dir", "rules"])
    assert result.exit_code == 0, result.output
    assert (workspace / "lists" / "keep.txt").is_file()
    (workspace / "pages").mkdir()
    shutil.copy(CORPUS / "001_a0ac67672984e438.txt", workspace / "pages")
    result = runner.invoke(app, ["clean", "pages", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert (workspace / "out" / "001_a0ac67672984e438.txt").read_text(encoding="utf-8").count("在全区基层党建工作会议上的讲话") == 3


def test_a_keep_list_that_cannot_be_read_is_a_usage_error(workspace):
    result = runner.invoke(app, ["clean", str(CORPUS / "000_de9f494fa85245bc.txt"), "--out", "out", "--keep-list", "missing.txt"])
    assert result.exit_code == 2
    assert result.stderr == "error: cannot read the keep list missing.txt: No such file or directory\n"


def test_a_rejected_line_the_rules_met_repaired_is_spared_on_the_page(tmp_path, monkeypatch):
    # the report shows the page's line with its pinyin; the rule met it with the pinyin removed
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    page = "相(xiāng)关(guān)下(xià)载(zài)\n" + "\n".join(["各级党组织要深刻认识加强基层党建工作的重要意义，确保各项任务落到实处、见到实效。"] * 3) + "\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(page, encoding="utf-8")
    decision = {"doc": "in/a.txt", "start": 0, "end": 27, "rule": "web.site-label", "text": page.split("\n")[0] + "\n",
                "lines": [page.split("\n")[0]], "verdict": "rejected"}
    (tmp_path / "review.json").write_text(json.dumps([decision], ensure_ascii=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = runner.invoke(app, ["clean", "in", "--out", "out1"])
    assert before.exit_code == 0 and not (tmp_path / "out1" / "a.txt").read_text(encoding="utf-8").startswith("相关下载")
    reviewed = runner.invoke(app, ["rules", "review", "review.json", "--rules-dir", "rules"])
    assert reviewed.exit_code == 0, reviewed.output
    assert 'web.site-label: must_not_match + "相关下载"' in reviewed.stdout and 'unless + "相关下载"' in reviewed.stdout
    after = runner.invoke(app, ["clean", "in", "--out", "out2", "--no-default-rules", "--rules", "rules"])
    assert after.exit_code == 0, after.output
    assert (tmp_path / "out2" / "a.txt").read_text(encoding="utf-8").startswith("相关下载\n")


def test_review_keeps_a_rule_files_own_line_ends_and_never_edits_the_built_in_rules_in_place(workspace):
    header = workspace / "rules" / "header.toml"
    header.write_bytes(header.read_bytes().replace(b"\n", b"\r\n"))
    assert runner.invoke(app, ["rules", "review", "review.json", "--rules-dir", "rules"]).exit_code == 0
    written = header.read_bytes()
    assert b"\r\n" in written and b"\n" not in written.replace(b"\r\n", b"")
    refused = runner.invoke(app, ["rules", "review", "review.json"])
    assert refused.exit_code == 2 and "the built-in rules are not changed in place" in refused.output
