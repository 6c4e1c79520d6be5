"""Inputs are never written: outputs that overlap inputs are refused, one run writes to an output
at a time, and what a killed run left behind is removed."""
import hashlib
import os

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.errors import OutputError, UsageError
from cleaner.guard import refuse_overlap, remove_stale_temporaries, writing_to
from .conftest import untimed

runner = CliRunner()
SPEECH = "同志们：\n\n今天我们召开全区基层党建工作会议，主要任务是总结去年的工作，部署今年的任务。\n"
PAGE = "讲话 - 范文中心\n\n" + SPEECH + "\n11\n"


def _hashes(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def scrape(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(PAGE, encoding="utf-8")
    return folder


def _refusal(option, out, problem, given):
    return f"error: {option} {out} {problem} {given}: inputs are never written; choose an output outside the inputs\n"


def test_clean_of_files_into_their_own_folder_is_refused_and_the_inputs_stay(scrape, monkeypatch):
    before = _hashes(scrape)
    monkeypatch.chdir(scrape)
    result = runner.invoke(app, ["clean", "a.txt", "b.txt", "--out", "."])
    assert result.exit_code == 2
    assert untimed(result.stderr) == _refusal("--out", ".", "holds the input", "a.txt")
    assert _hashes(scrape) == before


@pytest.mark.parametrize("command", [
    ["clean", "{in}/a.txt", "--out", "{in}"],
    ["clean", "{in}", "--out", "{in}/sub/.."],
    ["dedup", "{in}", "--out", "{in}/a.txt"],
    ["dedup", "{in}/a.txt", "--out", "{tmp}/c.jsonl", "--drop", "{in}"],
    ["run", "{in}", "--out", "{in}/out"],
    ["rules", "learn", "{in}", "--out", "{in}/learned.toml"],
    ["clean", "{in}", "--out", "{tmp}/out", "--report", "{in}/report"],
    ["clean", "{in}/a.txt", "--out", "-", "--log", "{in}/a.txt"],
])
def test_every_writing_command_refuses_outputs_that_overlap_inputs(scrape, tmp_path, command):
    before = _hashes(scrape)
    args = [part.format(**{"in": scrape, "tmp": tmp_path}) for part in command]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert untimed(result.stderr).startswith("error: --") and untimed(result.stderr).endswith(
        ": inputs are never written; choose an output outside the inputs\n")
    assert result.stderr.count("\n") == 1
    assert _hashes(scrape) == before
    assert not (tmp_path / "out").exists() and not (tmp_path / "c.jsonl").exists()


def test_an_output_reached_through_a_link_is_the_input(scrape, tmp_path):
    (tmp_path / "link").symlink_to(scrape)
    result = runner.invoke(app, ["clean", str(scrape / "a.txt"), "--out", str(tmp_path / "link")])
    assert result.exit_code == 2
    assert untimed(result.stderr) == _refusal("--out", tmp_path / "link", "holds the input", scrape / "a.txt")
    with pytest.raises(UsageError, match="lies inside the input folder"):
        refuse_overlap([tmp_path / "link"], [("--out", scrape / "out")])
    refuse_overlap([scrape], [("--out", tmp_path / "out"), ("--log", None), ("--out", "-")])  # clear of it: no error


@pytest.mark.parametrize("command", [["clean", "{in}", "--out", ""], ["dedup", "{in}", "--out", ""],
                                     ["run", "{in}", "--out", ""], ["report", "{in}", "--out", ""],
                                     ["rules", "learn", "{in}", "--out", ""]])
def test_an_empty_output_path_is_a_usage_error(scrape, command):
    result = runner.invoke(app, [part.format(**{"in": scrape}) for part in command])
    assert result.exit_code == 2
    assert "Invalid value for '--out'" in result.output and "must not be empty" in result.output


def test_a_report_may_sit_in_its_run_folder_but_not_be_it(scrape, tmp_path):
    assert runner.invoke(app, ["clean", str(scrape), "--out", str(tmp_path / "run")]).exit_code == 0
    result = runner.invoke(app, ["report", str(tmp_path / "run"), "--out", str(tmp_path / "run")])
    assert result.exit_code == 2 and "is the input" in result.stderr
    result = runner.invoke(app, ["report", str(tmp_path / "run"), "--out", str(tmp_path / "run" / "report")])
    assert result.exit_code == 0, result.output


def test_a_second_run_on_the_same_output_is_refused_while_one_holds_it(scrape, tmp_path):
    out = tmp_path / "out"
    with writing_to(out):
        result = runner.invoke(app, ["clean", str(scrape), "--out", str(out)])
        assert result.exit_code == 4
        assert untimed(result.stderr) == f"error: another run is writing to {out}; wait for it to end, or choose another output\n"
        with pytest.raises(OutputError):
            with writing_to(out):
                pass
    assert runner.invoke(app, ["clean", str(scrape), "--out", str(out)]).exit_code == 0
    assert not (out / ".cleaner.lock").exists()


def test_the_next_run_removes_temporary_files_a_killed_run_left(scrape, tmp_path):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    left = [out / ".a.txt.k3j2h1.cleaner.tmp", out / "sub" / ".edit-log.jsonl.x9y8z7.cleaner.tmp"]
    for path in left:
        path.write_bytes(b"half a file")
    (out / "notes.tmp").write_text("not ours", encoding="utf-8")
    (out / ".cleaner").mkdir()  # the killed run's state: this run resumes it
    assert runner.invoke(app, ["clean", str(scrape), "--out", str(out)]).exit_code == 0
    assert not any(path.exists() for path in left)
    assert (out / "notes.tmp").exists()
    beside = tmp_path / ".clusters.jsonl.abcdef.cleaner.tmp"
    beside.write_bytes(b"")
    assert remove_stale_temporaries(tmp_path / "clusters.jsonl", folder=False) == 1 and not beside.exists()


def test_output_errors_of_every_command_are_one_line_with_exit_4(scrape, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for command in (["clean", str(scrape), "--out", str(blocker / "out")],
                    ["dedup", str(scrape), "--out", str(blocker / "c.jsonl")],
                    ["run", str(scrape), "--out", str(blocker / "run")],
                    ["rules", "learn", str(scrape), "--out", str(blocker / "x.toml")]):
        result = runner.invoke(app, command)
        assert result.exit_code == 4, (command, result.output)
        lines = untimed(result.stderr).splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: cannot write {blocker}")
        assert lines[0].endswith("(check that the output location is writable and has free space)")
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_refusal_happens_before_anything_is_read(tmp_path):
    fifo = tmp_path / "in" / "pipe.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)  # reading it would block: the refusal must come first
    result = runner.invoke(app, ["clean", str(fifo.parent), "--out", str(fifo.parent / "out")])
    assert result.exit_code == 2
