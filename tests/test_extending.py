"""Each extension point takes a new entry in one place: a toy of each, added from outside the
package, works through the real commands."""
import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import engines, formats, passages
from cleaner.cli import app
from cleaner.errors import InputFileError
from cleaner.io import temp_beside
from cleaner.records import Record

from .conftest import CORPUS

runner = CliRunner()
PAGE = (CORPUS / "002_d6b92f23921d179d.txt").read_text(encoding="utf-8")


class Csv:
    """A toy format: one record per row of a CSV file with a `text` column."""

    name = "csv"
    suffixes = (".csv",)
    groups = False

    def read(self, item, fields):
        with open(item.path, encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), 1):
                if fields.text_field not in row:
                    yield InputFileError(f"{item.doc}:{number}", "no text column")
                    continue
                yield Record(f"{item.doc}#{row.get(fields.id_field, number)}", row[fields.text_field], row)

    def writer(self, item, target, fields):
        return CsvWriter(item, target, fields)


class CsvWriter:
    def __init__(self, item, target, fields):
        import os

        self.relative, self.target, self.fields = str(item.relative), target, fields
        handle, self.tmp = temp_beside(target)
        os.close(handle)
        self.rows = []

    def write(self, record, texts):
        self.rows.append({**record.fields, self.fields.text_field: "".join(texts)})
        return [self.relative], len(self.rows) - 1

    def commit(self):
        import os

        with open(self.tmp, "w", encoding="utf-8", newline="") as handle:
            out = csv.DictWriter(handle, fieldnames=list(self.rows[0]))
            out.writeheader()
            out.writerows(self.rows)
        os.replace(self.tmp, self.target)

    def abort(self):
        Path(self.tmp).unlink(missing_ok=True)


@pytest.fixture
def csv_format():
    formats.register(Csv())
    yield
    formats.FORMATS[:] = [f for f in formats.FORMATS if f.name != "csv"]
    formats.FORMATS_BY_NAME.pop("csv")


def test_a_new_format_is_one_class_and_one_registration(tmp_path, csv_format):
    (tmp_path / "in").mkdir()
    with open(tmp_path / "in" / "pages.csv", "w", encoding="utf-8", newline="") as handle:
        out = csv.DictWriter(handle, fieldnames=["id", "site", "text"])
        out.writeheader()
        out.writerow({"id": "a", "site": "x.cn", "text": PAGE})
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--glob", "*.csv"])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "out" / "pages.csv", encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    cleaned = runner.invoke(app, ["clean", str(CORPUS / "002_d6b92f23921d179d.txt"), "--out", str(tmp_path / "txt")])
    assert cleaned.exit_code == 0
    assert row["site"] == "x.cn" and row["text"] == (tmp_path / "txt" / "002_d6b92f23921d179d.txt").read_text(encoding="utf-8")


class Counting(engines.LocalEngine):
    """A toy engine: the local one, counting the tasks it ran."""

    tasks = 0

    def ordered_map(self, task, items, state):
        for result in super().ordered_map(task, items, state):
            Counting.tasks += 1
            yield result


def test_a_new_engine_is_one_class_and_one_registration(tmp_path, monkeypatch):
    monkeypatch.setitem(engines.ENGINES, "counting", f"{__name__}:Counting")
    result = runner.invoke(app, ["run", str(CORPUS), "--out", str(tmp_path / "out"), "--engine", "counting"])
    assert result.exit_code == 0, result.output
    assert Counting.tasks >= 3  # cleaning, fingerprints and shingle sets all ran on it


def test_a_new_dedup_unit_is_one_splitter_and_one_registration(tmp_path, monkeypatch):
    import regex

    clauses = passages.Unit("clause", passages._matches(regex.compile(r"[^，,。；;！？\n]+")))
    monkeypatch.setitem(passages.UNITS, "clause", clauses)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("各级党组织要提高政治站位，切实把思想统一到部署上来。\n", encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_text("推动工作落地见效，切实把思想统一到部署上来。\n", encoding="utf-8")
    out = tmp_path / "c.jsonl"
    result = runner.invoke(app, ["dedup", str(tmp_path / "docs"), "--unit", "clause", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (cluster,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()[1:] if '"cluster"' in line]
    assert [m["text"] for m in cluster["members"]] == ["切实把思想统一到部署上来"] * 2
    assert cluster["members"][0]["unit"] == "clause"
