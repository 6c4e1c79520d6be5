"""Inputs on S3, read through pyarrow's S3 filesystem from a real S3 server (moto) started here."""
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.remote import uri_of

from .conftest import CORPUS, untimed

moto_server = pytest.importorskip("moto.server")
pafs = pytest.importorskip("pyarrow.fs")

runner = CliRunner()
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """A bucket on a local S3 server; yields (filesystem, the query that points URIs at it)."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}.items():
            patch.setenv(name, value)
        filesystem = pafs.S3FileSystem(endpoint_override=f"{host}:{port}", scheme="http", region="us-east-1",
                                       access_key="test", secret_key="test", allow_bucket_creation=True)
        filesystem.create_dir("crawl")
        yield filesystem, f"?endpoint_override={host}:{port}&scheme=http&region=us-east-1"
    server.stop()


def _put(filesystem, path: str, data: bytes) -> None:
    with filesystem.open_output_stream(path) as out:
        out.write(data)


def test_uris_survive_being_paths():
    from pathlib import Path
    assert uri_of(Path("s3://bucket/a/b.jsonl")) == "s3://bucket/a/b.jsonl"
    assert uri_of(Path("file:///tmp/x")) == "file:///tmp/x"
    assert uri_of(Path("corpus/a.txt")) is None and uri_of(Path("C:/data")) is None


def test_clean_reads_text_jsonl_and_parquet_from_s3_like_local_files(s3, tmp_path):
    filesystem, query = s3
    rows = [{"id": f"d{n}", "url": f"https://example.org/{n}", "text": t} for n, t in enumerate(TEXTS)]
    for n, text in enumerate(TEXTS[:2]):
        _put(filesystem, f"crawl/pages/p{n}.txt", text.encode("utf-8"))
    _put(filesystem, "crawl/records/r.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode())
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist(rows), sink)
    _put(filesystem, "crawl/records/r.parquet", sink.getvalue().to_pybytes())
    local = tmp_path / "local"
    (local / "pages").mkdir(parents=True)
    (local / "records").mkdir()
    for n, text in enumerate(TEXTS[:2]):
        (local / "pages" / f"p{n}.txt").write_text(text, encoding="utf-8")
    (local / "records" / "r.jsonl").write_bytes(filesystem.open_input_file("crawl/records/r.jsonl").read())
    (local / "records" / "r.parquet").write_bytes(sink.getvalue().to_pybytes())

    glob = "*.txt,*.jsonl,*.parquet"
    remote = runner.invoke(app, ["clean", f"s3://crawl/{query}", "--out", str(tmp_path / "from-s3"), "--glob", glob])
    assert remote.exit_code == 0, remote.output
    here = runner.invoke(app, ["clean", str(local), "--out", str(tmp_path / "from-disk"), "--glob", glob])
    assert here.exit_code == 0, here.output
    for name in ("pages/p0.txt", "pages/p1.txt", "records/r.jsonl", "records/r.parquet"):
        assert (tmp_path / "from-s3" / name).read_bytes() == (tmp_path / "from-disk" / name).read_bytes(), name
    log = (tmp_path / "from-s3" / "edit-log.jsonl").read_text(encoding="utf-8")
    assert '"doc": "s3://crawl/pages/p0.txt"' in log  # documents are named by URI, without the options


def test_a_missing_s3_object_is_a_one_line_warning(s3, tmp_path):
    _, query = s3
    result = runner.invoke(app, ["clean", f"s3://crawl/nothing-here.jsonl{query}", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


def test_clean_writes_to_s3_what_it_writes_to_disk(s3, tmp_path, monkeypatch):
    filesystem, query = s3
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "in").mkdir()
    for n, text in enumerate(TEXTS):
        (tmp_path / "in" / f"p{n}.txt").write_text(text, encoding="utf-8")
    remote = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", f"s3://crawl/cleaned/{query}"])
    assert remote.exit_code == 0, remote.output
    assert "uploaded 7 files to s3://crawl/cleaned/" in remote.output  # 5 texts, edit log, summary
    here = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert here.exit_code == 0, here.output
    selector = pafs.FileSelector("crawl/cleaned", recursive=True)
    uploaded = {info.path.removeprefix("crawl/cleaned/") for info in filesystem.get_file_info(selector) if info.type == pafs.FileType.File}
    assert uploaded == {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
                        if p.is_file() and ".cleaner" not in p.parts}
    for name in uploaded:
        assert filesystem.open_input_file(f"crawl/cleaned/{name}").read() == (tmp_path / "out" / name).read_bytes(), name
    assert not list((tmp_path / "cache").rglob("*.txt"))  # the staging folder is gone once uploaded


def test_several_inputs_lay_out_remote_files_under_bucket_and_path(s3, tmp_path):
    filesystem, query = s3
    _put(filesystem, "crawl/more/q.txt", TEXTS[0].encode("utf-8"))
    (tmp_path / "here.txt").write_text(TEXTS[1], encoding="utf-8")
    result = runner.invoke(app, ["clean", f"s3://crawl/more/{query}", str(tmp_path / "here.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "crawl" / "more" / "q.txt").is_file()


def test_uri_queries_are_redacted_in_messages(s3, tmp_path):
    _, query = s3
    result = runner.invoke(app, ["clean", f"s3://crawl/nothing-here.jsonl{query}", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    assert untimed(result.stderr) == ("warning: s3://crawl/nothing-here.jsonl?endpoint_override=***&scheme=***&region=***: "
                             "no such file or folder; skipped\n")
    secret = f"{query}&secret_key=sEcReT-do-not-print"
    result = runner.invoke(app, ["clean", f"s3://crawl/nothing-here.jsonl{secret}", "--out", str(tmp_path / "o2")])
    assert result.exit_code == 2 and "sEcReT" not in result.output and "&secret_key=***" in result.stderr


def test_redact_keeps_the_keys_and_the_message_around_them():
    from cleaner.remote import redact

    assert redact("s3://b/k/?access_key=AK&secret_key=SK: not found") == "s3://b/k/?access_key=***&secret_key=***: not found"
    assert redact("'gs://b/x?token=abc' failed") == "'gs://b/x?token=***' failed"
    assert redact("no URI here?x=1") == "no URI here?x=1"
