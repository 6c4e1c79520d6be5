"""Documents as records, whatever the file: text files, JSON Lines (plain, .gz, .zst), Parquet, stdin.

A text file is one record. In JSON Lines and Parquet each record is a row: `text_field` holds the
text, `id_field` names it in logs (`data.jsonl#42`, or `data.jsonl:7` by line when there is no
id), and every other field is written back unchanged (the convention of datatrove and HF datasets).
Each input file is a shard: it is read as a stream and written as one output of the same format.
"""
from __future__ import annotations

import gzip
from contextlib import nullcontext
import io as _io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputFileError, UsageError
from .io import InputFile, read_text, temp_beside

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst")
DEFAULT_GLOB = "*.txt,*.jsonl,*.jsonl.gz,*.jsonl.zst,*.ndjson,*.parquet"
STDIN = "-"
PARQUET_ROW_GROUP = 1024  # rows written to a Parquet output at a time (as many as are read)


@dataclass
class Record:
    doc: str  # name in logs and reports
    text: str
    fields: dict | None = None  # the whole row for JSON Lines and Parquet; None for a text file
    encoding: str = "utf-8"


@dataclass
class Format:
    """How a shard is read and written, and which field carries the text."""

    text_field: str = "text"
    id_field: str = "id"
    extra: dict = field(default_factory=dict)


def kind_of(path: Path | str) -> str:
    name = str(path).lower()
    if name == STDIN:
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "txt"


def _open_text(path: Path, mode: str, like: Path | None = None):
    """A text stream on `path`, compressed as the name of `like` (or of `path`) says."""
    if mode == "r":
        return _read_text(path)
    name = str(like or path).lower()
    if name.endswith(".gz"):
        # no file name or time in the header: the same records give the same bytes
        raw = gzip.GzipFile(filename="", mode="wb", fileobj=open(path, "wb"), mtime=0)
        return _io.TextIOWrapper(_ClosingGzip(raw), encoding="utf-8", newline="")
    if name.endswith(".zst"):
        import zstandard

        stream = zstandard.ZstdCompressor().stream_writer(open(path, "wb"), closefd=True)
        return _io.TextIOWrapper(stream, encoding="utf-8", newline="")
    return open(path, mode, encoding="utf-8", newline="")


def _read_text(path) -> _io.TextIOBase:
    """A text stream on a local Path or a RemoteFile, decompressed as its name says."""
    name, raw = str(path).lower(), path.open("rb")
    if name.endswith(".gz"):
        raw = _ClosingGzip(gzip.GzipFile(fileobj=raw, mode="rb"))
    elif name.endswith(".zst"):
        import zstandard

        raw = zstandard.ZstdDecompressor().stream_reader(raw)
    return _io.TextIOWrapper(raw, encoding="utf-8", newline="")


def _parquet_source(path):
    """What pyarrow.parquet opens: a local path, or a remote file's random-access stream."""
    return path if isinstance(path, Path) else path.open("rb")


def read_records(item: InputFile, form: Format) -> Iterator[Record | InputFileError]:
    """The records of one shard; a record (or a whole file) that cannot be read is an error item."""
    kind = kind_of(item.path)
    if kind == "txt":
        try:
            text, encoding = read_text(item)
            yield Record(item.doc, text, None, encoding)
        except InputFileError as exc:
            yield exc
        return
    if kind == "parquet":
        yield from _parquet_records(item, form)
        return
    try:
        stream = nullcontext(sys.stdin) if str(item.path) == STDIN else _read_text(item.path)
        with stream as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    yield _json_record(item.doc, number, line, form)
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        yield InputFileError(item.doc, f"cannot read: {exc}; rest of the file skipped")


class _ClosingGzip(_io.RawIOBase):
    """A GzipFile that also closes the file it reads or writes."""

    def __init__(self, gz: gzip.GzipFile):
        self.gz = gz

    def readable(self) -> bool:
        return self.gz.readable()

    def readinto(self, buffer) -> int:
        return self.gz.readinto(buffer)

    def writable(self) -> bool:
        return self.gz.writable()

    def write(self, data) -> int:
        return self.gz.write(data)

    def close(self) -> None:
        if not self.closed:
            fileobj = self.gz.fileobj
            self.gz.close()
            fileobj.close()
        super().close()


def _json_record(doc: str, number: int, line: str, form: Format) -> Record | InputFileError:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputFileError(f"{doc}:{number}", f"invalid JSON ({exc.msg}); record skipped")
    if not isinstance(row, dict) or not isinstance(row.get(form.text_field), str):
        return InputFileError(f"{doc}:{number}", f"no text in field '{form.text_field}'; record skipped")
    ident = row.get(form.id_field)
    return Record(f"{doc}#{ident}" if ident is not None else f"{doc}:{number}", row[form.text_field], row)


def _parquet_records(item: InputFile, form: Format) -> Iterator[Record | InputFileError]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputFileError(item.doc, "reading Parquet needs pyarrow: pip install 'cleaner[parquet]'; skipped")
        return
    try:
        table = pq.ParquetFile(_parquet_source(item.path))
        number = 0
        for batch in table.iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                number += 1
                text = row.get(form.text_field)
                if not isinstance(text, str):
                    yield InputFileError(f"{item.doc}:{number}", f"no text in field '{form.text_field}'; record skipped")
                    continue
                ident = row.get(form.id_field)
                yield Record(f"{item.doc}#{ident}" if ident is not None else f"{item.doc}:{number}", text, row)
    except Exception as exc:  # pyarrow raises its own error types for damaged files
        yield InputFileError(item.doc, f"cannot read Parquet: {exc}; skipped")


class ShardWriter:
    """Writes one shard's output in the input's format under a temporary name; `commit` moves it
    into place, so a final name never holds half a shard. Parquet rows go out a row group at a
    time, so memory does not grow with the rows of a file."""

    def __init__(self, item: InputFile, target: Path | None, form: Format):
        self.item = item
        self.kind = kind_of(item.path)
        self.form = form
        self.target = target
        self.rows: list[dict] = []  # Parquet rows not yet written
        self.parquet = None  # the pyarrow writer, opened with the first row group
        self.written = 0  # rows so far: a document's place in the output file
        self.stdout = target is None
        if self.stdout:
            self.tmp = None
            return
        handle, self.tmp = temp_beside(target)
        os.close(handle)
        if self.kind == "jsonl":
            self.out = _open_text(Path(self.tmp), "w", like=target)

    def write(self, record: Record, text: str) -> None:
        if record.fields is None:
            raise UsageError("a text file's record is written with write_atomic, not a shard writer")
        row = {**record.fields, self.form.text_field: text}
        self.written += 1
        if self.stdout:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.kind == "jsonl":
            self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            self.rows.append(row)
            if len(self.rows) >= PARQUET_ROW_GROUP:
                self._write_row_group()

    def _write_row_group(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.parquet is None:
            schema = pq.read_schema(_parquet_source(self.item.path))  # keep every field's type as it was
            self.parquet = pq.ParquetWriter(self.tmp, schema)
        self.parquet.write_table(pa.Table.from_pylist(self.rows, schema=self.parquet.schema))
        self.rows = []

    def commit(self) -> None:
        if self.stdout:
            sys.stdout.flush()
            return
        if self.kind == "jsonl":
            self.out.close()
        else:
            if self.rows or self.parquet is None:  # the last rows (a writer has at least one)
                self._write_row_group()
            self.parquet.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        if self.tmp is None:
            return
        if self.kind == "jsonl":
            self.out.close()
        elif self.parquet is not None:
            self.parquet.close()
        Path(self.tmp).unlink(missing_ok=True)


class ShardOutputs:
    """The writers of the record files of one run of outputs, keyed by input position: opened on the
    first record, committed together, or all aborted."""

    def __init__(self, out_dir: Path, form: Format):
        self.out_dir, self.form = out_dir, form
        self.writers: dict[int, ShardWriter] = {}

    def write(self, position: int, item: InputFile, record: Record, text: str) -> int:
        """Write `record` with `text`; returns its row in the output file."""
        writer = self.writers.get(position)
        if writer is None:
            writer = self.writers[position] = ShardWriter(item, self.out_dir / item.relative, self.form)
        row = writer.written
        writer.write(record, text)
        return row

    def commit(self) -> None:
        for writer in self.writers.values():
            writer.commit()

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()


def stdin_source() -> InputFile:
    return InputFile(Path(STDIN), "<stdin>", Path("stdin.jsonl"))

