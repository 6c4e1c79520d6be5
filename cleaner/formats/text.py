"""Text files: one record each, decoded as encoding.py finds; a page split into several speeches
is written as one file per part (name-1.txt, name-2.txt ...)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import InputFileError
from ..records import Fields, Record

if TYPE_CHECKING:
    from ..io import InputFile


def part_names(relative: Path, parts: int) -> list[Path]:
    """The output names of a text file cleaned into `parts` parts."""
    if parts <= 1:
        return [relative]
    return [relative.with_name(f"{relative.stem}-{n}{relative.suffix}") for n in range(1, parts + 1)]


class Text:
    name = "text"
    suffixes = (".txt",)
    groups = True  # many text files make one shard

    def read(self, item: InputFile, fields: Fields) -> Iterator[Record | InputFileError]:
        from ..io import read_text

        try:
            text, encoding = read_text(item, fields.max_record_bytes)
            yield Record(item.doc, text, None, encoding)
        except InputFileError as exc:
            yield exc

    def writer(self, item: InputFile, target: Path, fields: Fields) -> "TextWriter":
        return TextWriter(item, target)


class TextWriter:
    """Each output written whole and atomically as soon as it is cleaned."""

    def __init__(self, item: InputFile, target: Path):
        self.relative, self.folder = Path(item.relative), target.parent

    def write(self, record: Record, texts: list[str]) -> tuple[list[str], int | None]:
        from ..io import write_atomic

        names = part_names(self.relative, len(texts))
        for name, text in zip(names, texts):
            write_atomic(self.folder / name.name, text)
        return [str(name) for name in names], None

    def commit(self) -> None:
        pass

    def abort(self) -> None:
        pass


class TextStdoutWriter:
    """A text document read from standard input, cleaned onto standard output as text (the parts
    of a split page one after the other), as ftfy and other text filters do."""

    def write(self, record: Record, texts: list[str]) -> tuple[list[str], int | None]:
        import sys

        from ..escape import utf8

        sys.stdout.buffer.write(utf8("".join(texts)))
        return ["-"], None

    def commit(self) -> None:
        import sys

        sys.stdout.buffer.flush()

    def abort(self) -> None:
        self.commit()
