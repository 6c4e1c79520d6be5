"""Project files and recipes, --limit, -q/-v, numbers and plurals, progress: exact outputs and exit codes."""
import fcntl
import json
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.render import summary_table
from cleaner.run_folder import RuleStats, RunSummary

from .conftest import CORPUS, ROOT, TIMING, untimed

runner = CliRunner()
SPEECH = "同志们：\n\n今天我们召开全区基层党建工作会议，主要任务是总结去年的工作，部署今年的任务。\n"
AD_RULE = ('[[rule]]\nid = "site.ad"\ndescription = "Drops the site ad."\nscope = "line"\naction = "drop-line"\n'
           "pattern = '^广告:'\nmust_match = [\"广告：八折\"]\nmust_not_match = [\"同志们：\"]\n")


def _scrape(tmp_path):
    scrape = tmp_path / "scrape"
    scrape.mkdir()
    (scrape / "site.toml").write_text(AD_RULE, encoding="utf-8")
    rows = [{"key": f"p{n}", "body": "广告：本站会员八折\n\n" + SPEECH} for n in range(3)]
    (scrape / "pages.data").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return scrape


def test_the_project_table_sets_how_inputs_are_read_and_a_rule_file_named_twice_loads_once(tmp_path):
    scrape = _scrape(tmp_path)
    (scrape / "pages.data").rename(scrape / "pages.jsonl")
    (scrape / "cleaner.toml").write_text('rules = ["site.toml"]\n[clean]\ntext_field = "body"\nid_field = "key"\njobs = 2\n'
                                         'glob = "*.jsonl"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(scrape), "--out", str(out), "--rules", str(scrape / "site.toml")])
    assert result.exit_code == 0, result.output
    assert untimed(result.stderr) == (f"using project settings from {scrape / 'cleaner.toml'}: rules (1 file), "
                                      "clean.text_field = 'body', clean.id_field = 'key', clean.jobs = 2, clean.glob = '*.jsonl'\n")
    assert result.stdout.splitlines()[1] == "site.ad           3       3             30"
    rows = [json.loads(line) for line in (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["key"] for r in rows] == ["p0", "p1", "p2"] and all(r["body"] == SPEECH for r in rows)


def test_rules_list_shows_the_project_rules(tmp_path, monkeypatch):
    scrape = _scrape(tmp_path)
    (scrape / "cleaner.toml").write_text('rules = ["site.toml"]\n', encoding="utf-8")
    monkeypatch.chdir(scrape)
    listed = runner.invoke(app, ["rules", "list"])
    assert listed.exit_code == 0
    assert listed.stderr == f"using project settings from {scrape / 'cleaner.toml'}: rules (1 file)\n"
    assert "\nsite.ad " in listed.stdout and re.fullmatch(r"[\d,]+ rules from [\d,]+ files, .*", listed.stdout.splitlines()[-1])
    explained = runner.invoke(app, ["rules", "explain", "site.ad"])
    assert explained.exit_code == 0 and explained.stdout.startswith(f"site.ad  ({scrape / 'site.toml'}:1)\n")


def test_a_recipe_names_inputs_out_rules_and_options_and_the_command_line_wins(tmp_path):
    _scrape(tmp_path)
    recipe = tmp_path / "recipe.toml"
    recipe.write_text('inputs = ["scrape/pages.data"]\nout = "cleaned"\nrules = ["scrape/site.toml"]\n'
                      '[clean]\ntext_field = "body"\nid_field = "key"\npinyin = false\n', encoding="utf-8")
    result = runner.invoke(app, ["clean", "--config", str(recipe)])
    assert result.exit_code == 0, result.output
    assert untimed(result.stderr) == (f"using project settings from {recipe}: inputs (1), out = '{tmp_path / 'cleaned'}', "
                                      "rules (1 file), clean.text_field = 'body', clean.id_field = 'key', clean.pinyin = False\n")
    assert (tmp_path / "cleaned" / "pages.data").read_text(encoding="utf-8").count(SPEECH) == 0  # a text file: one document
    elsewhere = runner.invoke(app, ["clean", "--config", str(recipe), "--out", str(tmp_path / "other"), "--limit", "1",
                                    str(CORPUS)])
    assert elsewhere.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "other").iterdir()) == ["000_de9f494fa85245bc.txt", "edit-log.jsonl", "summary.json"]
    bad = tmp_path / "bad.toml"
    bad.write_text('inputs = "scrape"\n', encoding="utf-8")
    refused = runner.invoke(app, ["clean", "--config", str(bad)])
    assert refused.exit_code == 2 and refused.stderr == f"error: {bad}: setting 'inputs' has the wrong type (str)\n"
    no_inputs = runner.invoke(app, ["clean", "--out", str(tmp_path / "x")])
    assert no_inputs.exit_code == 2
    assert no_inputs.stderr == "error: give the inputs (files, folders, or - for stdin), or a --config recipe naming them\n"


def test_limit_reads_only_the_first_documents_of_records_and_files(tmp_path):
    scrape = _scrape(tmp_path)
    (scrape / "pages.data").rename(scrape / "pages.jsonl")
    fields = ["--text-field", "body", "--id-field", "key", "--rules", str(scrape / "site.toml")]
    result = runner.invoke(app, ["clean", str(scrape / "pages.jsonl"), "--out", str(tmp_path / "out"), "--limit", "2", *fields])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "2 cleaned, 0 skipped; 112 -> 90 characters (19.6% removed); encodings: utf-8 2"
    assert len((tmp_path / "out" / "pages.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    learned = runner.invoke(app, ["rules", "learn", str(CORPUS), "--out", str(tmp_path / "l.toml"), "--limit", "3"])
    assert learned.exit_code == 0 and f" from 3 pages in {tmp_path / 'l.toml'}" in learned.stdout


def test_quiet_says_only_warnings_and_verbose_names_the_rules_and_settings(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("讲话 - 范文中心\n\n" + SPEECH, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    quiet = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "q"), "-q"])
    assert quiet.exit_code == 1 and quiet.stdout == ""
    assert quiet.stderr == f"warning: {tmp_path / 'in' / 'b.txt'}: empty file; skipped\n"
    loud = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "v"), "-v"])
    assert loud.exit_code == 1
    lines = untimed(loud.stderr).splitlines()
    assert lines[0].startswith("settings: CleanConfig(split=False, pinyin=True, join=True")
    assert re.fullmatch(r"rules: [\d,]+ rules from [\d,]+ files: .*/rules/widget\.toml", lines[1])
    assert lines[2:] == [f"warning: {tmp_path / 'in' / 'b.txt'}: empty file; skipped"]


def test_tables_use_thousands_separators_and_widen_for_large_counts():
    summary = RunSummary(documents=1_234_567, chars_in=10_000_000, chars_out=9_000_000, encodings={"utf-8": 1_234_567})
    summary.rules["layout.indent"] = RuleStats(edits=12_345_678, chars_removed=1_000_000, documents=1_234_567)
    summary.rules["x.y"] = RuleStats(edits=1, chars_removed=1, documents=1)
    assert summary_table(summary) == (
        "rule                docs       edits  chars removed\n"
        "layout.indent  1,234,567  12,345,678      1,000,000\n"
        "x.y                    1           1              1\n"
        "1,234,567 cleaned, 0 skipped; 10,000,000 -> 9,000,000 characters (10.0% removed); encodings: utf-8 1,234,567"
    )


def test_singular_and_plural_in_what_commands_say(tmp_path):
    (tmp_path / "a.txt").write_text("讲话 - 范文中心\n\n" + SPEECH, encoding="utf-8")
    check = runner.invoke(app, ["clean", str(tmp_path / "a.txt"), "--check"])
    assert check.exit_code == 5
    assert check.stdout == f"would change {tmp_path / 'a.txt'}: 1 edit (title.site-suffix 1)\n1 of 1 file would change\n"
    learned = runner.invoke(app, ["rules", "learn", str(tmp_path / "a.txt"), "--out", str(tmp_path / "one.toml")])
    assert learned.exit_code == 0
    assert learned.stdout == (f"0 rules proposed from 1 page in {tmp_path / 'one.toml'}; review them, "
                              f"then clean with --rules {tmp_path / 'one.toml'}\n")
    assert TIMING.fullmatch(learned.stderr) and learned.stderr.startswith("learned from 1 document in ")


def _on_a_terminal(command: list[str]):
    """Run `command` with stderr on a pseudo-terminal 100 columns wide: its result and what it showed there."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    shown = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=follower, env={**os.environ, "COLUMNS": "100"}, cwd=ROOT)
    os.close(follower)
    seen = b""
    try:
        while chunk := os.read(leader, 65536):
            seen += chunk
    except OSError:  # the terminal closed
        pass
    os.close(leader)
    return shown, seen.decode("utf-8", "replace")


def test_progress_by_document_shows_on_a_terminal_and_not_in_a_pipe(tmp_path):
    env = {**os.environ, "COLUMNS": "100"}
    command = [sys.executable, "-m", "cleaner.cli", "clean", str(CORPUS), "--out"]
    piped = subprocess.run([*command, str(tmp_path / "piped")], capture_output=True, text=True, env=env, cwd=ROOT)
    assert piped.returncode == 0 and TIMING.fullmatch(piped.stderr)  # no bar: only the closing line
    shown, text = _on_a_terminal([*command, str(tmp_path / "tty")])
    assert shown.returncode == 0
    assert "clean: 100%" in text and "5/5" in text and " documents/s]" in text
    assert text.rstrip().splitlines()[-1].startswith("cleaned 5 documents in ")
    shutil.rmtree(tmp_path / "tty")


def test_report_is_quiet_under_q_and_names_its_pages_in_the_singular_or_plural(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("讲话 - 范文中心\n\n" + SPEECH, encoding="utf-8")
    assert runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")]).exit_code == 0
    quiet = runner.invoke(app, ["report", str(tmp_path / "out"), "--out", str(tmp_path / "r1"), "-q"])
    assert quiet.exit_code == 0 and quiet.stdout == "" and (tmp_path / "r1" / "index.html").is_file()
    said = runner.invoke(app, ["report", str(tmp_path / "out"), "--out", str(tmp_path / "r2")])
    assert said.exit_code == 0 and re.fullmatch(rf"report: {re.escape(str(tmp_path / 'r2' / 'index.html'))} \(\d+ pages\)\n", said.stdout)


def test_report_shows_its_progress_by_document_and_a_closing_line(tmp_path):
    assert runner.invoke(app, ["clean", str(CORPUS), "--out", str(tmp_path / "out")]).exit_code == 0
    command = [sys.executable, "-m", "cleaner.cli", "report", str(tmp_path / "out"), "--out"]
    piped = subprocess.run([*command, str(tmp_path / "piped")], capture_output=True, text=True, cwd=ROOT)
    assert piped.returncode == 0 and piped.stderr.startswith("reported 5 documents in ") and piped.stderr.count("\n") == 1
    shown, text = _on_a_terminal([*command, str(tmp_path / "tty")])
    assert shown.returncode == 0
    assert "reading the run: 100%" in text and "writing the report: 100%" in text and "5/5" in text
    assert text.rstrip().splitlines()[-1].startswith("reported 5 documents in ")
