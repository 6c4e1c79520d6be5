"""Standard input and output, as text filters and data tools use them: a page through a pipe, JSON
Lines through a pipe, dedup from stdin and onto stdout; exact outputs and exit codes."""
import json
import shutil

from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import CORPUS, GOLDEN, TIMING, untimed

runner = CliRunner()
PAGE = CORPUS / "001_a0ac67672984e438.txt"
SUMMARY_OF_PAGE = (
    "rule                      docs   edits  chars removed\n"
    "related-links.header         1       1          1,402\n"
    "layout.duplicate-title       1       2             32\n"
    "layout.join-broken-line      1       9             18\n"
    "title.site-suffix            1       1              7\n"
    "header.bare-date             1       1              6\n"
    "layout.blank-lines           1       5              5\n"
    "page-number.bare             1       1              3\n"
    "layout.edges                 1       1              1\n"
    "1 cleaned, 0 skipped; 7,305 -> 5,831 characters (20.2% removed); encodings: utf-8 1\n"
)


def test_a_page_through_a_pipe_prints_exactly_what_clean_writes_for_it(tmp_path):
    log = tmp_path / "edits.jsonl"
    result = runner.invoke(app, ["clean", "-", "--log", str(log)], input=PAGE.read_bytes())
    assert result.exit_code == 0
    assert result.stdout_bytes == (GOLDEN / "corpus" / PAGE.name).read_bytes()
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(CORPUS), "--out", str(out)]).exit_code == 0
    assert result.stdout_bytes == (out / PAGE.name).read_bytes()
    assert untimed(result.stderr) == SUMMARY_OF_PAGE
    assert TIMING.fullmatch(result.stderr.removeprefix(SUMMARY_OF_PAGE))
    assert result.stderr.removeprefix(SUMMARY_OF_PAGE).startswith("cleaned 1 document in ")
    header, *edits = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert header["doc"] == "<stdin>" and header["outputs"] == ["-"] and len(edits) == 21


def test_without_log_the_edit_log_goes_to_a_temporary_file_named_on_stderr():
    result = runner.invoke(app, ["clean", "-"], input=PAGE.read_bytes())
    assert result.exit_code == 0
    first = result.stderr.splitlines()[0]
    assert first.startswith("edit log: ") and first.endswith(".jsonl (give --log FILE to choose where)")
    from pathlib import Path

    written = Path(first.removeprefix("edit log: ").split(" (give")[0])
    try:
        assert written.read_text(encoding="utf-8").count('"type": "edit"') == 21
    finally:
        written.unlink()


def test_json_lines_on_stdin_are_found_by_their_first_line_and_format_overrides_it(tmp_path):
    rows = "\n" + json.dumps({"id": "a", "text": PAGE.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n"
    log = str(tmp_path / "log.jsonl")
    as_rows = runner.invoke(app, ["clean", "-", "--log", log], input=rows.encode())
    assert as_rows.exit_code == 0
    (row,) = [json.loads(line) for line in as_rows.stdout.splitlines()]
    assert row == {"id": "a", "text": (GOLDEN / "corpus" / PAGE.name).read_text(encoding="utf-8")}
    as_text = runner.invoke(app, ["clean", "-", "--format", "text", "--log", log], input=rows.encode())
    assert as_text.exit_code == 0 and as_text.stdout.startswith('{"id": "a", "text": ')  # one text, kept as written
    wrong = runner.invoke(app, ["clean", "-", "--format", "csv"], input=b"x")
    assert wrong.exit_code == 2 and "Invalid value for '--format': must be text or jsonl" in wrong.stderr
    alone = runner.invoke(app, ["clean", str(PAGE), "--check", "--format", "text"])
    assert alone.exit_code == 2
    assert alone.stderr == "error: --format says what standard input holds: give - as an input too\n"


def test_dedup_reads_stdin_and_writes_clusters_to_stdout_never_to_a_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = "".join(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n"
                   for p in sorted(CORPUS.glob("*.txt")))
    piped = runner.invoke(app, ["dedup", "-", "--out", "-", "--unit", "sentence"], input=rows.encode())
    assert piped.exit_code == 0
    assert not (tmp_path / "-").exists()
    header, *records = [json.loads(line) for line in piped.stdout.splitlines()]
    assert header["type"] == "header" and header["documents"] == 5
    assert piped.stderr.splitlines()[0] == (
        "495 sentences in 5 documents; 4 clusters, 4 repeated sentences, 0.2% of characters repeated; "
        "18 quotes (sentences standing inside a longer one)")
    # the same as dedup of the files, but for the document names
    shutil.copytree(CORPUS, tmp_path / "corpus")
    filed = runner.invoke(app, ["dedup", "corpus", "--out", "clusters.jsonl", "--unit", "sentence"])
    assert filed.exit_code == 0
    as_stdin = lambda line: line.replace('"corpus/', '"<stdin>#').replace('.txt"', '"')  # noqa: E731
    expected = [json.loads(as_stdin(line)) for line in (tmp_path / "clusters.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records == expected[1:]
    again = runner.invoke(app, ["dedup", "-", "--out", "-", "--unit", "sentence"], input=rows.encode())
    assert again.exit_code == 0 and again.stdout == piped.stdout


def test_a_text_whose_first_line_opens_with_a_brace_is_text_and_a_record_longer_than_the_look_ahead_is_json(tmp_path):
    from cleaner.io import LOOK_AHEAD, _json_object_line

    text = "{注：以下为讲话全文\n同志们：\n今天我们召开会议，研究部署下一阶段工作任务。\n"
    cleaned = runner.invoke(app, ["clean", "-", "--log", str(tmp_path / "log.jsonl")], input=text.encode())
    assert cleaned.exit_code == 0 and cleaned.stdout == text
    long_record = json.dumps({"id": "a", "text": "讲" * LOOK_AHEAD}, ensure_ascii=False).encode()
    assert _json_object_line(long_record[:LOOK_AHEAD])  # cut off by the look-ahead: judged by its start
    assert not _json_object_line("{注：以下为讲话全文}\n".encode())
