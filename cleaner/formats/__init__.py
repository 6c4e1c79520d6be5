"""File formats: one reader and writer per kind of file, chosen by the file's suffix.

A format is a class with `name`, `suffixes` (lowercase, longest first where they nest), `groups`
(whether many small files make one shard, as text files do) and two methods: `read(item, fields)`
yields the file's records (or an InputFileError for what cannot be read, the rest still read), and
`writer(item, target, fields)` returns a Writer for the output of that file. To add a format, write
its module in this package and add one line to FORMATS below (or call `register` from your code);
the default --glob follows the registered suffixes.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..records import STDIN, Fields, Record
from .jsonl import JsonLines
from .parquet import Parquet
from .text import Text

if TYPE_CHECKING:  # the readers import the input layer when they read, not when a command starts
    from ..errors import InputFileError
    from ..io import InputFile


class Writer(Protocol):
    def write(self, record: Record, texts: list[str]) -> tuple[list[str], int | None]:
        """Write one cleaned record (its texts: one, or the parts of a split page); returns the
        output names (relative to the output folder) and the record's row in its file, if any."""

    def commit(self) -> None:
        """Move the finished output into place."""

    def abort(self) -> None:
        """Remove what was written under temporary names."""


class FileFormat(Protocol):
    name: str
    suffixes: tuple[str, ...]
    groups: bool

    def read(self, item: InputFile, fields: Fields) -> Iterator[Record | InputFileError]: ...

    def writer(self, item: InputFile, target: Path, fields: Fields) -> Writer: ...


FORMATS: list = [JsonLines(), Parquet()]
FALLBACK = Text()  # every other file is a text file, one record
FORMATS_BY_NAME = {f.name: f for f in (*FORMATS, FALLBACK)}


def register(file_format, first: bool = True) -> None:
    """Add a format; `first` lets it win over a registered one with the same suffix."""
    FORMATS.insert(0, file_format) if first else FORMATS.append(file_format)
    FORMATS_BY_NAME[file_format.name] = file_format


def format_of(path: Path | str):
    name = str(path).lower()
    if name == STDIN:  # standard input: JSON Lines or one text, as io.StdinStream found
        return FORMATS_BY_NAME[getattr(path, "format_name", "jsonl")]
    for file_format in FORMATS:
        if name.endswith(file_format.suffixes):
            return file_format
    return FALLBACK


def default_glob() -> str:
    """Which files folders give by default: text files and every registered suffix."""
    patterns = ["*" + suffix for suffix in (*FALLBACK.suffixes, *(s for f in FORMATS for s in f.suffixes))]
    return ",".join(dict.fromkeys(patterns))


def stdout_writer(item: InputFile, fields: Fields) -> Writer:
    """How the records of `item` go to standard output (`--out -`): a text read from standard
    input as text, everything else as JSON Lines."""
    from .jsonl import StdoutWriter
    from .text import TextStdoutWriter

    if str(item.path) == STDIN and format_of(item.path).name == "text":
        return TextStdoutWriter()
    return StdoutWriter(fields)


def document_count(files: list[InputFile], form: Fields) -> int | None:
    """How many documents the inputs hold, when it is known before reading them (text files:
    one each); None when a record file is among them."""
    if any(not format_of(item.path).groups for item in files):
        return None
    return len(files) if form.limit is None else min(len(files), form.limit)


def read_records(item: InputFile, fields: Fields) -> Iterator[Record | InputFileError]:
    """The records of one input file, by its format."""
    return format_of(item.path).read(item, fields)


class ShardOutputs:
    """The writers of one run of outputs, keyed by input position: opened on a file's first
    record, committed together, or all aborted."""

    def __init__(self, out_dir: Path, fields: Fields):
        self.out_dir, self.fields = out_dir, fields
        self.writers: dict[int, Writer] = {}

    def write(self, position: int, item: InputFile, record: Record, texts: list[str]) -> tuple[list[str], int | None]:
        writer = self.writers.get(position)
        if writer is None:
            writer = self.writers[position] = format_of(item.path).writer(item, self.out_dir / item.relative, self.fields)
        return writer.write(record, texts)

    def commit(self) -> None:
        for writer in self.writers.values():
            writer.commit()

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()
