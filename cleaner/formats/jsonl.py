"""JSON Lines (.jsonl, .ndjson; plain, gzip or zstd): one record per line, read as a stream.

`text_field` holds a record's text, `id_field` names it in logs (`data.jsonl#42`, or `data.jsonl:7`
by line when there is no id), and every other field is written back unchanged. A line that is not
JSON, not UTF-8 or longer than --max-record-mb is reported by its line number and skipped; a
damaged compressed stream is reported where it breaks.
"""
from __future__ import annotations

import gzip
import io as _io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import InputFileError
from ..escape import utf8
from ..records import Fields, Record, UniqueNames, row_record

if TYPE_CHECKING:
    from ..io import InputFile

READ_CHUNK = 1 << 20


class JsonLines:
    name = "jsonl"
    suffixes = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst")
    groups = False

    def read(self, item: InputFile, fields: Fields) -> Iterator[Record | InputFileError]:
        empty = True
        for record in _jsonl_records(item, fields):
            empty = False
            yield record
        if empty:
            yield InputFileError(item.doc, "no records; skipped")

    def writer(self, item: InputFile, target: Path, fields: Fields) -> "JsonLinesWriter":
        return JsonLinesWriter(item, target, fields)


class JsonLinesWriter:
    """The records of one file, each row with its cleaned text, under a temporary name until commit."""

    def __init__(self, item: InputFile, target: Path, fields: Fields):
        from ..io import temp_beside

        self.relative, self.target, self.fields = str(item.relative), target, fields
        handle, self.tmp = temp_beside(target)
        os.close(handle)
        self.out = _binary_writer(Path(self.tmp), like=target)
        self.written = 0

    def write(self, record: Record, texts: list[str]) -> tuple[list[str], int | None]:
        row = {**record.fields, self.fields.text_field: "".join(texts)}
        self.out.write(utf8(json.dumps(row, ensure_ascii=False)) + b"\n")
        self.written += 1
        return [self.relative], self.written - 1

    def commit(self) -> None:
        self.out.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        self.out.close()
        Path(self.tmp).unlink(missing_ok=True)


class StdoutWriter:
    """JSON Lines on standard output (`--out -`); a text file's record becomes {"id", text_field}."""

    def __init__(self, fields: Fields):
        self.fields = fields

    def write(self, record: Record, texts: list[str]) -> tuple[list[str], int | None]:
        row = {**(record.fields if record.fields is not None else {"id": record.doc}), self.fields.text_field: "".join(texts)}
        sys.stdout.buffer.write(utf8(json.dumps(row, ensure_ascii=False)) + b"\n")
        return ["-"], None

    def commit(self) -> None:
        sys.stdout.buffer.flush()

    def abort(self) -> None:
        sys.stdout.buffer.flush()


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


def _jsonl_records(item: InputFile, form: Fields) -> Iterator[Record | InputFileError]:
    names = UniqueNames(item.doc)
    number = 0
    try:
        with _open_binary(item.path) as stream:
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


def _json_record(doc: str, number: int, line: bytes, form: Fields, names: UniqueNames) -> Record | InputFileError:
    where = f"{doc}:{number}"
    try:
        row = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return InputFileError(where, f"not UTF-8 (invalid byte 0x{line[exc.start]:02x} at byte {exc.start} of the line); record skipped")
    except json.JSONDecodeError as exc:
        return InputFileError(where, f"invalid JSON ({exc.msg}); record skipped")
    except RecursionError:
        return InputFileError(where, "invalid JSON (nested too deeply); record skipped")
    return row_record(row, where, number, form, names)
