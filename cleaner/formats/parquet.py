"""Parquet: one record per row, read and written 1,024 rows at a time (needs pyarrow), every
field's type kept as it was."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import InputFileError
from ..records import Fields, Record, UniqueNames, row_record

if TYPE_CHECKING:
    from ..io import InputFile

ROW_GROUP = 1024  # rows written to a Parquet output at a time (as many as are read)


class Parquet:
    name = "parquet"
    suffixes = (".parquet",)
    groups = False

    def read(self, item: InputFile, fields: Fields) -> Iterator[Record | InputFileError]:
        empty = True
        for record in _parquet_records(item, fields):
            empty = False
            yield record
        if empty:
            yield InputFileError(item.doc, "no records; skipped")

    def writer(self, item: InputFile, target: Path, fields: Fields) -> "ParquetWriter":
        return ParquetWriter(item, target, fields)


class ParquetWriter:
    """Rows out a row group at a time, so memory does not grow with the rows of a file; the schema
    is the input's."""

    def __init__(self, item: InputFile, target: Path, fields: Fields):
        from ..io import temp_beside

        self.item, self.target, self.fields = item, target, fields
        self.relative = str(item.relative)
        handle, self.tmp = temp_beside(target)
        os.close(handle)
        self.rows: list[dict] = []
        self.parquet = None  # the pyarrow writer, opened with the first row group
        self.written = 0

    def write(self, record: Record, texts: list[str]) -> tuple[list[str], int | None]:
        self.rows.append({**record.fields, self.fields.text_field: "".join(texts)})
        self.written += 1
        if len(self.rows) >= ROW_GROUP:
            self._write_row_group()
        return [self.relative], self.written - 1

    def _write_row_group(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.parquet is None:
            schema = pq.read_schema(_parquet_source(self.item.path))  # keep every field's type as it was
            self.parquet = pq.ParquetWriter(self.tmp, schema)
        self.parquet.write_table(pa.Table.from_pylist(self.rows, schema=self.parquet.schema))
        self.rows = []

    def commit(self) -> None:
        if self.rows or self.parquet is None:  # the last rows (a writer has at least one)
            self._write_row_group()
        self.parquet.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        if self.parquet is not None:
            self.parquet.close()
        Path(self.tmp).unlink(missing_ok=True)


def _parquet_source(path):
    """What pyarrow.parquet opens: a local path, or a remote file's random-access stream."""
    return path if isinstance(path, Path) else path.open("rb")


def _parquet_records(item: InputFile, form: Fields) -> Iterator[Record | InputFileError]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputFileError(item.doc, "reading Parquet needs pyarrow: pip install 'cleaner[parquet]'; skipped")
        return
    names = UniqueNames(item.doc)
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
                yield row_record(row, f"{item.doc}:{number}", number, form, names)
    except Exception as exc:  # pyarrow raises its own error types for damaged files
        yield InputFileError(item.doc, f"cannot read Parquet: {exc}; skipped")
