"""Documents as records, whatever the file: text files, JSON Lines (plain, .gz, .zst), Parquet, stdin.

A text file is one record. In JSON Lines and Parquet each record is a row: `text_field` holds the
text, `id_field` names it in logs (`data.jsonl#42`, or `data.jsonl:7` by line when there is no
id), and every other field is written back unchanged (the convention of datatrove and HF datasets).
Each input file is a shard: it is read as a stream and written as one output of the same format.
"""
from __future__ import annotations

import gzip
import hashlib
from contextlib import nullcontext
import io as _io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputFileError, UsageError
from .escape import utf8
from .io import MB, InputFile, read_text, temp_beside

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst")
DEFAULT_GLOB = "*.txt,*.jsonl,*.jsonl.gz,*.jsonl.zst,*.ndjson,*.parquet"
STDIN = "-"
PARQUET_ROW_GROUP = 1024  # rows written to a Parquet output at a time (as many as are read)
MAX_RECORD_MB = 64  # the default limit on one record or text file
READ_CHUNK = 1 << 20


@dataclass
class Record:
    doc: str  # name in logs and reports
    text: str
    fields: dict | None = None  # the whole row for JSON Lines and Parquet; None for a text file
    encoding: str = "utf-8"


@dataclass
class Format:
    """How a shard is read and written: which field carries the text, which names a record, and
    the largest record (or text file) read, so one huge line cannot take all the memory."""

    text_field: str = "text"
    id_field: str = "id"
    max_record_mb: float = MAX_RECORD_MB

    @property
    def max_record_bytes(self) -> int:
        return int(self.max_record_mb * MB)


def kind_of(path: Path | str) -> str:
    name = str(path).lower()
    if name == STDIN:
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "txt"


def _binary_writer(path: Path, like: Path):
    """A binary stream writing `path`, compressed as the name of `like` says."""
    name = str(like).lower()
    if name.endswith(".gz"):
        # no file name or time in the header: the same records give the same bytes
        return _io.BufferedWriter(_ClosingGzip(gzip.GzipFile(filename="", mode="wb", fileobj=open(path, "wb"), mtime=0)))
    if name.endswith(".zst"):
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(open(path, "wb"), closefd=True)
    return open(path, "wb")


def _open_binary(path):
    """A binary stream on a local Path or a RemoteFile, decompressed as its name says."""
    name, raw = str(path).lower(), path.open("rb")
    if name.endswith(".gz"):
        return _ClosingGzip(gzip.GzipFile(fileobj=raw, mode="rb"))
    if name.endswith(".zst"):
        return _ZstdReader(raw)
    return raw


class _ZstdReader:
    """Zstandard frames, one after another, read as one stream; a stream that ends inside a frame,
    or holds bytes after the last frame that are no frame, is an error (the library's own reader
    ends such a stream quietly, losing the rest without a word)."""

    def __init__(self, raw):
        import zstandard

        self.raw, self.zstd = raw, zstandard
        self.decoder = zstandard.ZstdDecompressor().decompressobj()
        self.started = False  # bytes of the current frame have been fed

    def read(self, size: int) -> bytes:
        while True:
            chunk = self.raw.read(size)
            if not chunk:
                if self.started and not self.decoder.eof:
                    raise EOFError("the zstd stream ends inside a frame (truncated)")
                return b""
            out = self._feed(chunk)
            if out:
                return out

    def _feed(self, chunk: bytes) -> bytes:
        pieces = []
        while chunk:
            if self.decoder.eof:  # the next frame begins
                self.decoder = self.zstd.ZstdDecompressor().decompressobj()
            self.started = True
            pieces.append(self.decoder.decompress(chunk))
            chunk = self.decoder.unused_data if self.decoder.eof else b""
        return b"".join(pieces)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.raw.close()


def _parquet_source(path):
    """What pyarrow.parquet opens: a local path, or a remote file's random-access stream."""
    return path if isinstance(path, Path) else path.open("rb")


def read_records(item: InputFile, form: Format) -> Iterator[Record | InputFileError]:
    """The records of one shard; a record (or the rest of a file) that cannot be read is an error
    item naming the file and line, and the records around it are still read."""
    kind = kind_of(item.path)
    if kind == "txt":
        try:
            text, encoding = read_text(item, form.max_record_bytes)
            yield Record(item.doc, text, None, encoding)
        except InputFileError as exc:
            yield exc
        return
    records = _parquet_records(item, form) if kind == "parquet" else _jsonl_records(item, form)
    empty = True
    for record in records:
        empty = False
        yield record
    if empty:
        yield InputFileError(item.doc, "no records; skipped")


def _jsonl_records(item: InputFile, form: Format) -> Iterator[Record | InputFileError]:
    names = _UniqueNames(item.doc)
    number = 0
    try:
        with (nullcontext(sys.stdin.buffer) if str(item.path) == STDIN else _open_binary(item.path)) as stream:
            for number, line in _lines(stream, form.max_record_bytes):
                if line is None:
                    yield InputFileError(f"{item.doc}:{number}", f"record longer than {form.max_record_mb:g} MB "
                                                                 "(--max-record-mb); record skipped")
                elif line.strip():
                    yield _json_record(item.doc, number, line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line,
                                       form, names)
    except Exception as exc:  # zlib, gzip, zstandard and the filesystem each raise their own errors
        yield InputFileError(f"{item.doc}:{number + 1}", f"damaged from here on: {_reason(exc)}; rest of the file skipped")


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _lines(stream, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line without its break) for each line of a binary stream; None for a line longer
    than `limit` bytes, which is skipped as it streams, so memory stays within the limit."""
    number, pending, size, too_long = 0, [], 0, False
    while chunk := stream.read(READ_CHUNK):
        pieces = chunk.split(b"\n")
        for piece in pieces[:-1]:
            number += 1
            if too_long or size + len(piece) > limit:
                yield number, None
            else:
                yield number, b"".join(pending) + piece if pending else piece
            pending, size, too_long = [], 0, False
        tail = pieces[-1]
        if not too_long and size + len(tail) > limit:
            pending, size, too_long = [], 0, True
        elif not too_long and tail:
            pending.append(tail)
            size += len(tail)
    if pending or too_long:
        yield number + 1, None if too_long else b"".join(pending)


class _UniqueNames:
    """Names of a file's records: `FILE#ID`, or `FILE:LINE` without an id. An id seen before in
    the file gets `:LINE` after it, so every document of a run has a name of its own. Names are
    remembered as 8-byte digests (a file may hold millions of records)."""

    def __init__(self, doc: str):
        self.doc = doc
        self.seen: set[bytes] = set()

    def name(self, ident, number: int) -> str:
        if ident is None:
            return f"{self.doc}:{number}"
        name = f"{self.doc}#{ident}"
        while (key := hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=8).digest()) in self.seen:
            name = f"{name}:{number}"
        self.seen.add(key)
        return name


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


def _json_record(doc: str, number: int, line: bytes, form: Format, names: _UniqueNames) -> Record | InputFileError:
    where = f"{doc}:{number}"
    try:
        row = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return InputFileError(where, f"not UTF-8 (invalid byte 0x{line[exc.start]:02x} at byte {exc.start} of the line); record skipped")
    except json.JSONDecodeError as exc:
        return InputFileError(where, f"invalid JSON ({exc.msg}); record skipped")
    except RecursionError:
        return InputFileError(where, "invalid JSON (nested too deeply); record skipped")
    return _row_record(row, where, number, form, names)


def _row_record(row, where: str, number: int, form: Format, names: _UniqueNames) -> Record | InputFileError:
    """The record of a JSON or Parquet row, or why it has none."""
    if not isinstance(row, dict) or not isinstance(row.get(form.text_field), str):
        return InputFileError(where, f"no text in field '{form.text_field}'; record skipped")
    text = row[form.text_field]
    if "\x00" in text:
        return InputFileError(where, "binary text (NUL characters); record skipped")
    return Record(names.name(row.get(form.id_field), number), text, row)


def _parquet_records(item: InputFile, form: Format) -> Iterator[Record | InputFileError]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputFileError(item.doc, "reading Parquet needs pyarrow: pip install 'cleaner[parquet]'; skipped")
        return
    names = _UniqueNames(item.doc)
    try:
        table = pq.ParquetFile(_parquet_source(item.path))
        number = 0
        for batch in table.iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                number += 1
                text = row.get(form.text_field)
                if isinstance(text, str) and len(text) * 4 > form.max_record_bytes and len(text.encode()) > form.max_record_bytes:
                    yield InputFileError(f"{item.doc}:{number}", f"record longer than {form.max_record_mb:g} MB "
                                                                 "(--max-record-mb); record skipped")
                    continue
                yield _row_record(row, f"{item.doc}:{number}", number, form, names)
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
            self.out = _binary_writer(Path(self.tmp), like=target)

    def write(self, record: Record, text: str) -> None:
        if record.fields is None:
            raise UsageError("a text file's record is written with write_atomic, not a shard writer")
        row = {**record.fields, self.form.text_field: text}
        self.written += 1
        if self.stdout:
            sys.stdout.buffer.write(utf8(json.dumps(row, ensure_ascii=False)) + b"\n")
        elif self.kind == "jsonl":
            self.out.write(utf8(json.dumps(row, ensure_ascii=False)) + b"\n")
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
            sys.stdout.buffer.flush()
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

