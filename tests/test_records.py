"""Formats: JSON Lines (plain, gz, zst) and Parquet keep every other field; stdin/stdout; --jobs;
an interrupted run restarts where it stopped."""
import gzip
import io
import json
import signal
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

from cleaner import records
from cleaner.formats import jsonl, read_records
from cleaner.errors import InputFileError
from cleaner.io import InputFile
from cleaner.cli import app

from .conftest import CORPUS, untimed

runner = CliRunner()
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
ROWS = [{"id": f"d{n}", "url": f"https://example.org/{n}", "meta": {"site": "x", "n": n}, "text": t} for n, t in enumerate(TEXTS)]


def _jsonl(rows) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _read_jsonl(path):
    if path.suffix == ".gz":
        stream = gzip.open(path, "rt", encoding="utf-8")
    elif path.suffix == ".zst":
        stream = io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(path.open("rb")), encoding="utf-8")
    else:
        stream = path.open(encoding="utf-8")
    with stream:
        return [json.loads(line) for line in stream]


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(_jsonl(ROWS), encoding="utf-8")
    with gzip.open(folder / "b.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write(_jsonl(ROWS))
    (folder / "c.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(_jsonl(ROWS).encode()))
    pq.write_table(pa.Table.from_pylist(ROWS), folder / "d.parquet")
    return folder


def test_every_format_round_trips_with_its_other_fields(inputs, tmp_path):
    result = runner.invoke(app, ["clean", str(inputs), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    plain = _read_jsonl(out / "a.jsonl")
    assert [{k: v for k, v in r.items() if k != "text"} for r in plain] == [{k: v for k, v in r.items() if k != "text"} for r in ROWS]
    expected = (CORPUS.parent / "tests" / "golden" / "corpus" / "001_a0ac67672984e438.txt").read_text(encoding="utf-8")
    assert plain[1]["text"] == expected
    assert _read_jsonl(out / "b.jsonl.gz") == plain and _read_jsonl(out / "c.jsonl.zst") == plain
    table = pq.read_table(out / "d.parquet")
    assert table.schema == pq.read_schema(inputs / "d.parquet") and table.to_pylist() == plain
    docs = [json.loads(l)["doc"] for l in (out / "edit-log.jsonl").read_text(encoding="utf-8").splitlines() if '"document"' in l]
    assert docs[:2] == [f"{inputs / 'a.jsonl'}#d0", f"{inputs / 'a.jsonl'}#d1"] and len(docs) == 20


def test_parquet_is_written_a_row_group_at_a_time(tmp_path, monkeypatch):
    from cleaner.formats import parquet

    monkeypatch.setattr(parquet, "ROW_GROUP", 2)  # 5 rows: groups of 2, 2 and 1
    (tmp_path / "in").mkdir()
    pq.write_table(pa.Table.from_pylist(ROWS), tmp_path / "in" / "d.parquet")
    (tmp_path / "in" / "e.jsonl").write_text(_jsonl(ROWS), encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = pq.ParquetFile(tmp_path / "out" / "d.parquet")
    assert written.metadata.num_row_groups == 3
    assert written.read().to_pylist() == _read_jsonl(tmp_path / "out" / "e.jsonl")


def test_bad_records_are_skipped_and_named_by_file_and_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(_jsonl(ROWS[:1]) + '{"id": 2, "text": 7}\n{broken\n' + _jsonl(ROWS[1:2]), encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    path = tmp_path / "in" / "a.jsonl"
    assert untimed(result.stderr).splitlines() == [f"warning: {path}:2: no text in field 'text'; record skipped",
                                          f"warning: {path}:3: invalid JSON (Expecting property name enclosed in double quotes); record skipped"]
    assert [r["id"] for r in _read_jsonl(tmp_path / "out" / "a.jsonl")] == ["d0", "d1"]


def test_other_text_and_id_fields(tmp_path):
    rows = [{"key": "k1", "content": TEXTS[1]}]
    (tmp_path / "x.jsonl").write_text(_jsonl(rows), encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "x.jsonl"), "--out", str(tmp_path / "out"),
                                 "--text-field", "content", "--id-field", "key"])
    assert result.exit_code == 0
    (row,) = _read_jsonl(tmp_path / "out" / "x.jsonl")
    assert row["key"] == "k1" and "相关内容" not in row["content"]
    assert f'"doc": "{tmp_path / "x.jsonl"}#k1"' in (tmp_path / "out" / "edit-log.jsonl").read_text(encoding="utf-8")


def test_stdin_to_stdout(tmp_path):
    command = [sys.executable, "-m", "cleaner.cli", "clean", "-", "--out", "-", "--log", str(tmp_path / "log.jsonl")]
    done = subprocess.run(command, input=_jsonl(ROWS), capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in ROWS] and "相关内容" not in rows[1]["text"]
    assert "5 cleaned, 0 skipped" in done.stderr
    assert (tmp_path / "log.jsonl").read_text(encoding="utf-8").count('"type": "document"') == 5


def test_output_is_identical_for_any_number_of_jobs(inputs, tmp_path):
    for jobs in ("1", "2"):
        assert runner.invoke(app, ["clean", str(inputs), "--out", str(tmp_path / jobs), "--jobs", jobs]).exit_code == 0
    for name in ("a.jsonl", "b.jsonl.gz", "c.jsonl.zst", "d.parquet", "edit-log.jsonl", "summary.json"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_a_killed_run_restarts_where_it_stopped_and_ends_the_same(tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    for n in range(5):
        (shards / f"s{n}.jsonl").write_text(_jsonl([{**row, "id": f"{n}-{k}"} for k in range(16) for row in ROWS]), encoding="utf-8")
    command = [sys.executable, "-m", "cleaner.cli", "clean", str(shards), "--out"]
    subprocess.run(command + [str(tmp_path / "whole")], check=True, capture_output=True)

    out = tmp_path / "interrupted"
    process = subprocess.Popen(command + [str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = out / ".cleaner" / "done"
    deadline = time.time() + 120
    while time.time() < deadline and not (done.is_dir() and any(done.iterdir())):
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished = sorted(p.name for p in done.iterdir())
    assert 1 <= len(finished) < 5, "the run must be killed part way"
    assert not (out / "edit-log.jsonl").exists()
    assert not any(p.name.endswith(".jsonl") and p.name.startswith(".") is False and p.stat().st_size == 0 for p in out.iterdir())
    first_output = out / "s0.jsonl"
    stamp = first_output.stat().st_mtime_ns

    subprocess.run(command + [str(out)], check=True, capture_output=True)
    assert first_output.stat().st_mtime_ns == stamp  # a finished shard is not cleaned again
    for path in sorted((tmp_path / "whole").iterdir()):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    assert not (out / ".cleaner").exists() and not [p for p in out.iterdir() if p.name.startswith(".")]


def test_dedup_and_drop_work_on_records_and_keep_their_format(inputs, tmp_path):
    result = runner.invoke(app, ["dedup", str(inputs), "--unit", "document", "--out", str(tmp_path / "c.jsonl"),
                                 "--drop", str(tmp_path / "dd")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("20 documents in 20 documents; 5 clusters, 15 repeated documents")
    assert _read_jsonl(tmp_path / "dd" / "a.jsonl") == ROWS  # the first copies are kept whole
    assert not (tmp_path / "dd" / "b.jsonl.gz").exists() or _read_jsonl(tmp_path / "dd" / "b.jsonl.gz") == []
    clusters = [json.loads(l) for l in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()[1:]]
    assert [m["doc"].rsplit("/", 1)[-1] for m in clusters[0]["members"]] == ["a.jsonl#d0", "b.jsonl.gz#d0", "c.jsonl.zst#d0", "d.parquet#d0"]


def test_a_bad_byte_loses_only_its_own_record(tmp_path):
    (tmp_path / "in").mkdir()
    lines = _jsonl(ROWS[:3]).encode().split(b"\n")
    lines[1] = lines[1][:40] + b"\xff\xfe" + lines[1][40:]
    path = tmp_path / "in" / "a.jsonl"
    path.write_bytes(b"\n".join(lines))
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert untimed(result.stderr) == f"warning: {path}:2: not UTF-8 (invalid byte 0xff at byte 40 of the line); record skipped\n"
    assert [r["id"] for r in _read_jsonl(tmp_path / "out" / "a.jsonl")] == ["d0", "d2"]


def test_records_with_the_same_id_get_names_of_their_own_and_replay(tmp_path):
    from cleaner import apply_edits
    from cleaner.editlog import edits_by_document, read_log

    path = tmp_path / "a.jsonl"
    path.write_text(_jsonl([{**row, "id": "same"} for row in ROWS[:3]]), encoding="utf-8")
    assert runner.invoke(app, ["clean", str(path), "--out", str(tmp_path / "out")]).exit_code == 0
    log = list(read_log(tmp_path / "out" / "edit-log.jsonl"))
    names = [r["doc"] for r in log if r["type"] == "document"]
    assert names == [f"{path}#same", f"{path}#same:2", f"{path}#same:3"]
    edits = edits_by_document(log)
    outputs = _read_jsonl(tmp_path / "out" / "a.jsonl")
    for name, row, out in zip(names, ROWS, outputs):
        assert apply_edits(row["text"], edits.get(name, [])) == out["text"]


def test_names_stay_unique_when_an_id_looks_like_a_renamed_one():
    names = records.UniqueNames("f")
    assert [names.name(i, n) for n, i in enumerate(["a:3", "a", "a", "a:3"], 1)] == ["f#a:3", "f#a", "f#a:3:3", "f#a:3:4"]


@pytest.mark.parametrize("damage", ["not zstd", "truncated", "trailing garbage"])
def test_a_damaged_compressed_file_is_a_warning_and_the_run_goes_on(tmp_path, damage):
    (tmp_path / "in").mkdir()
    packed = zstandard.ZstdCompressor(write_checksum=True).compress(_jsonl(ROWS).encode())
    data = {"not zstd": b"this is not zstd at all", "truncated": packed[:len(packed) // 2],
            "trailing garbage": packed + b"\x00garbage\xff"}[damage]
    (tmp_path / "in" / "a.jsonl.zst").write_bytes(data)
    (tmp_path / "in" / "b.txt").write_text(TEXTS[0], encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    (warning,) = untimed(result.stderr).splitlines()
    assert warning.startswith(f"warning: {tmp_path / 'in' / 'a.jsonl.zst'}:") and warning.endswith("; rest of the file skipped")
    assert (tmp_path / "out" / "b.txt").exists() and (tmp_path / "out" / "edit-log.jsonl").exists()
    assert (tmp_path / "out" / "summary.json").exists()
    result = runner.invoke(app, ["dedup", str(tmp_path / "in"), "--out", str(tmp_path / "c.jsonl")])
    assert result.exit_code == 1 and result.stderr.count("warning:") == 1


def test_a_first_line_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + _jsonl(ROWS[:2]).encode())
    result = runner.invoke(app, ["clean", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and untimed(result.stderr) == ""
    assert [r["id"] for r in _read_jsonl(tmp_path / "out" / "a.jsonl")] == ["d0", "d1"]


def test_a_record_over_the_limit_is_skipped_and_the_others_are_kept(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    rows = [ROWS[0], {"id": "huge", "text": "长" * 400_000}, ROWS[1]]  # 1.2 MB of UTF-8
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(_jsonl(rows))
    result = runner.invoke(app, ["clean", str(path), "--out", str(tmp_path / "out"), "--max-record-mb", "1"])
    assert result.exit_code == 1
    assert untimed(result.stderr) == f"warning: {path}:2: record longer than 1 MB (--max-record-mb); record skipped\n"
    assert [r["id"] for r in _read_jsonl(tmp_path / "out" / "a.jsonl.gz")] == ["d0", "d1"]


def test_lines_over_the_limit_are_dropped_as_they_stream():
    class Chunks(io.RawIOBase):  # hands out 3 bytes at a time and records the largest piece held
        def __init__(self, data):
            self.data, self.pos = data, 0

        def read(self, size=-1):
            piece = self.data[self.pos:self.pos + 3]
            self.pos += len(piece)
            return piece

    data = b"ab\n" + b"x" * 50 + b"\ncd\nlast"
    assert list(jsonl._lines(Chunks(data), limit=10)) == [(1, b"ab"), (2, None), (3, b"cd"), (4, b"last")]
    assert list(jsonl._lines(io.BytesIO(b"x" * 20), limit=10)) == [(1, None)]
    assert list(jsonl._lines(io.BytesIO(b""), limit=10)) == []


@pytest.mark.parametrize("name,data", [("a.jsonl", b""), ("b.jsonl", b"\n\n"), ("c.parquet", None)])
def test_a_file_without_records_is_a_warning(tmp_path, name, data):
    path = tmp_path / name
    if data is None:
        pq.write_table(pa.Table.from_pylist(ROWS).slice(0, 0), path)
    else:
        path.write_bytes(data)
    result = runner.invoke(app, ["clean", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert untimed(result.stderr) == f"warning: {path}: no records; skipped\n"


def test_a_record_holding_nul_characters_is_skipped(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(_jsonl([ROWS[0], {"id": "bin", "text": "PK\u0000\u0003"}]), encoding="utf-8")
    result = runner.invoke(app, ["clean", str(path), "--out", str(tmp_path / "out")])
    assert untimed(result.stderr) == f"warning: {path}:2: binary text (NUL characters); record skipped\n"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([b"\xef\xbb\xbf", b"\n", b"\r\n", b'{"text": "', b'"}', b"\xff\xfe", b"\x00",
                                 b'{"id": 1, "text": "\\ud800"}', b"\\", b"{", b"x" * 300]) | st.binary(max_size=40),
                max_size=30),
       st.sampled_from(["", ".gz", ".zst"]), st.integers(0, 200))
def test_the_reader_never_raises_whatever_the_bytes(tmp_path_factory, pieces, compression, cut):
    data = b"".join(pieces)
    if compression == ".gz":
        data = gzip.compress(data, mtime=0)
    elif compression == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    data = data[:len(data) - cut] if cut < len(data) else data  # truncated streams too
    path = tmp_path_factory.mktemp("fuzz") / f"x.jsonl{compression}"
    path.write_bytes(data)
    item = InputFile(path, str(path), path.name)
    out = list(read_records(item, records.Fields(max_record_mb=0.0002)))  # a limit of 209 bytes
    assert out and all(isinstance(x, (records.Record, InputFileError)) for x in out)


def test_resume_notices_a_same_size_edit_with_its_mtime_restored(tmp_path, monkeypatch):
    import os

    from cleaner import batch

    (tmp_path / "in").mkdir()
    first, second = tmp_path / "in" / "a.jsonl", tmp_path / "in" / "b.jsonl"
    first.write_text(_jsonl([{"id": "x", "text": "甲乙丙丁"}]), encoding="utf-8")
    second.write_text(_jsonl(ROWS[:1]), encoding="utf-8")
    real = batch._clean_shard

    def crash_on_second(shard, *args):
        if shard[0].path == second:
            raise KeyboardInterrupt  # the run stops after the first shard, as a killed one would
        return real(shard, *args)

    monkeypatch.setattr(batch, "_clean_shard", crash_on_second)
    runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert (tmp_path / "out" / ".cleaner" / "done").is_dir()
    monkeypatch.setattr(batch, "_clean_shard", real)
    stamp = first.stat()
    first.write_text(_jsonl([{"id": "x", "text": "戊己庚辛"}]), encoding="utf-8")  # same size
    os.utime(first, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert first.stat().st_size == stamp.st_size and first.stat().st_mtime_ns == stamp.st_mtime_ns
    assert runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")]).exit_code == 0
    assert _read_jsonl(tmp_path / "out" / "a.jsonl")[0]["text"] == "戊己庚辛\n"
