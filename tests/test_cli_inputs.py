"""Inputs and outputs every command treats alike: a file named twice, a reused output folder,
JSON Lines for learn and diff; exact outputs and exit codes."""
import json

from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import CORPUS, untimed

runner = CliRunner()
SPEECH = "同志们：\n\n今天我们召开全区基层党建工作会议，主要任务是总结去年的工作，部署今年的任务。\n"
PAGE = "讲话 - 范文中心\n\n" + SPEECH + "\n11\n"


def test_the_same_file_given_twice_is_cleaned_once(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    given = str(tmp_path / "a.txt")
    result = runner.invoke(app, ["clean", given, given, str(tmp_path / "." / "a.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "1 cleaned, 0 skipped; 60 -> 49 characters (18.3% removed); encodings: utf-8 1"
    docs = [json.loads(line)["doc"] for line in (tmp_path / "out" / "edit-log.jsonl").read_text(encoding="utf-8").splitlines()
            if '"document"' in line]
    assert docs == [given]


def test_a_reused_output_folder_is_refused_and_force_replaces_only_that_runs_files(tmp_path):
    scrape = tmp_path / "scrape"
    scrape.mkdir()
    (scrape / "a.txt").write_text(PAGE, encoding="utf-8")
    (scrape / "b.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(scrape), "--out", str(out)]).exit_code == 0
    (scrape / "b.txt").unlink()
    refused = runner.invoke(app, ["clean", str(scrape), "--out", str(out)])
    assert refused.exit_code == 2 and refused.stdout == ""
    assert untimed(refused.stderr) == (f"error: --out {out} holds an earlier run's outputs: give --force to replace that run, "
                              "or choose an empty or new folder\n")
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt", "edit-log.jsonl", "summary.json"]
    forced = runner.invoke(app, ["clean", str(scrape), "--out", str(out), "--force"])
    assert forced.exit_code == 0
    assert untimed(forced.stderr) == f"--force: removed 4 files of the earlier run in {out}\n"
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "edit-log.jsonl", "summary.json"]  # no stale b.txt
    (out / "notes.md").write_text("mine", encoding="utf-8")
    foreign = runner.invoke(app, ["clean", str(scrape), "--out", str(out), "--force"])
    assert foreign.exit_code == 2
    assert untimed(foreign.stderr) == (f"error: --out {out} holds {out / 'notes.md'}, which no run of cleaner wrote there; "
                              "--force removes only a run's own files: choose an empty or new folder\n")
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine" and (out / "a.txt").is_file()


def test_a_folder_of_other_files_is_refused_and_an_unfinished_run_is_resumed(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.txt").write_text("x", encoding="utf-8")
    refused = runner.invoke(app, ["clean", str(tmp_path / "a.txt"), "--out", str(out)])
    assert refused.exit_code == 2
    assert untimed(refused.stderr) == f"error: --out {out} holds files: give --force to replace that run, or choose an empty or new folder\n"
    (out / "x.txt").unlink()
    (out / ".cleaner" / "parts").mkdir(parents=True)  # what an interrupted run leaves
    (out / "a.txt").write_text("half", encoding="utf-8")
    assert runner.invoke(app, ["clean", str(tmp_path / "a.txt"), "--out", str(out)]).exit_code == 0
    assert (out / "a.txt").read_text(encoding="utf-8") == "讲话\n\n" + SPEECH


def test_rules_learn_and_diff_read_json_lines_with_the_fields_clean_reads(tmp_path):
    rows = [{"key": p.stem, "body": p.read_text(encoding="utf-8")} for p in sorted(CORPUS.glob("*.txt"))]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pages.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    fields = ["--text-field", "body", "--id-field", "key"]
    learned = runner.invoke(app, ["rules", "learn", str(tmp_path / "in"), "--out", str(tmp_path / "site.toml"), *fields])
    as_text = runner.invoke(app, ["rules", "learn", str(CORPUS), "--out", str(tmp_path / "site-text.toml")])
    assert learned.exit_code == as_text.exit_code == 0
    assert learned.stdout.replace("site.toml", "X") == as_text.stdout.replace("site-text.toml", "X")
    assert " from 5 pages in " in learned.stdout
    diffed = runner.invoke(app, ["diff", str(tmp_path / "in"), *fields])
    assert diffed.exit_code == 1  # as diff: 1 when something would change
    assert f"--- {tmp_path / 'in' / 'pages.jsonl'}#001_a0ac67672984e438" in diffed.stdout
    missing = runner.invoke(app, ["diff", str(tmp_path / "in")])
    assert missing.exit_code == 1
    assert untimed(missing.stderr) == "".join(
        f"warning: {tmp_path / 'in' / 'pages.jsonl'}:{n}: no text in field 'text'; record skipped\n" for n in range(1, 6))


def _options(command: str) -> set[str]:
    from typer.main import get_command

    group = get_command(app)
    return {flag for param in group.commands[command].params for flag in (*param.opts, *param.secondary_opts) if flag.startswith("-")}


def test_run_takes_every_option_of_clean_and_dedup_with_the_same_meaning(tmp_path):
    assert _options("clean") - {"--log", "--check"} <= _options("run")
    assert _options("dedup") <= _options("run")
    options = ["--no-pinyin", "--keep-titles", "--unit", "sentence", "--threshold", "0.5", "--shingle-size", "2"]
    ran = runner.invoke(app, ["run", str(CORPUS), "--out", str(tmp_path / "run"), *options, "--drop", str(tmp_path / "run-dropped")])
    assert ran.exit_code == 0, ran.output
    clean_options = ["--no-pinyin", "--keep-titles"]
    cleaned = runner.invoke(app, ["clean", str(CORPUS), "--out", str(tmp_path / "cleaned"), *clean_options])
    deduped = runner.invoke(app, ["dedup", str(tmp_path / "cleaned"), "--out", str(tmp_path / "clusters.jsonl"), *options[2:],
                                  "--drop", str(tmp_path / "dropped")])
    assert cleaned.exit_code == deduped.exit_code == 0
    assert ran.stdout == cleaned.stdout + deduped.stdout.replace(str(tmp_path / "dropped"), str(tmp_path / "run-dropped"))
    for name in sorted(p.name for p in CORPUS.glob("*.txt")):
        assert (tmp_path / "run" / "cleaned" / name).read_bytes() == (tmp_path / "cleaned" / name).read_bytes()
        assert (tmp_path / "run-dropped" / name).read_bytes() == (tmp_path / "dropped" / name).read_bytes()
    clusters = (tmp_path / "run" / "clusters.jsonl").read_text(encoding="utf-8").replace(str(tmp_path / "run" / "cleaned"), "X")
    assert clusters == (tmp_path / "clusters.jsonl").read_text(encoding="utf-8").replace(str(tmp_path / "cleaned"), "X")
    assert '"threshold": 0.5' in clusters and '"shingle_size": 2' in clusters
