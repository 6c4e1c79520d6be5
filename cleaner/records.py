"""Documents as records: what every file format (formats/) reads and writes.

A text file is one record. In JSON Lines and Parquet each record is a row: `text_field` holds the
text, `id_field` names it in logs (`data.jsonl#42`, or `data.jsonl:7` by line when there is no
id), and every other field is written back unchanged (the convention of datatrove and HF datasets).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .errors import InputFileError

STDIN = "-"
STDIN_FORMATS = ("text", "jsonl")  # what --format may say standard input holds
MB = 1 << 20
MAX_RECORD_MB = 64  # the default limit on one record or text file


@dataclass
class Record:
    doc: str  # name in logs and reports
    text: str
    fields: dict | None = None  # the whole row for JSON Lines and Parquet; None for a text file
    encoding: str = "utf-8"


@dataclass
class Fields:
    """How a file's records are read and written: which field carries the text, which names a record, and
    the largest record (or text file) read, so one huge line cannot take all the memory."""

    text_field: str = "text"
    id_field: str = "id"
    max_record_mb: float = MAX_RECORD_MB
    limit: int | None = None  # only the first N documents of the run (--limit), as datatrove's readers' `limit`

    @property
    def max_record_bytes(self) -> int:
        return int(self.max_record_mb * MB)


class UniqueNames:
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


def row_record(row, where: str, number: int, form: Fields, names: UniqueNames) -> Record | InputFileError:
    """The record of a JSON or Parquet row, or why it has none."""
    if not isinstance(row, dict) or not isinstance(row.get(form.text_field), str):
        return InputFileError(where, f"no text in field '{form.text_field}'; record skipped")
    text = row[form.text_field]
    if "\x00" in text:
        return InputFileError(where, "binary text (NUL characters); record skipped")
    return Record(names.name(row.get(form.id_field), number), text, row)


class Budget:
    """The documents a run may still read under --limit, spent in input order; records that are
    errors do not count."""

    def __init__(self, limit: int | None):
        self.left = limit

    def take(self, records):
        if self.left is None:
            yield from records
            return
        for record in records:
            if self.left <= 0:
                return
            if isinstance(record, Record):
                self.left -= 1
            yield record
