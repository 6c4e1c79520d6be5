"""Each extension point takes a new entry in one place: a toy of each, added from outside the
package, works through the real commands."""
import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import actions, engines, formats, passages, repairs, steps
from cleaner.model import Edit
from cleaner.zones import line_bounds
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


class DropParagraph(actions.Action):
    """A toy action: drop the whole paragraph (the run of non-blank lines) holding a matching line."""

    name, scopes = "drop-paragraph", ("line",)

    def edits(self, rule, doc):
        edits, taken = [], -1
        for ls, le, _ in actions.matching_units(rule, doc)[2]:
            if ls < taken:
                continue
            start, end = ls, le
            while start > 0 and doc.text[line_bounds(doc.text, start - 1)[0]:start - 1].strip():
                start = line_bounds(doc.text, start - 1)[0]
            while end < len(doc.text) and doc.text[end + 1:line_bounds(doc.text, end + 1)[1]].strip():
                end = line_bounds(doc.text, end + 1)[1]
            end = min(end + 1, len(doc.text))
            edits.append(Edit(start, end, doc.text[start:end], "", rule.id, rule.description))
            taken = end
        return edits


@pytest.fixture
def drop_paragraph():
    actions.register(DropParagraph())
    yield
    actions.unregister("drop-paragraph")


def test_a_new_rule_action_is_one_class_and_one_registration(tmp_path, drop_paragraph):
    rules = tmp_path / "toy.toml"
    rules.write_text(
        '[[rule]]\nid = "toy.notice"\ndescription = "Drops the paragraph of a notice."\nscope = "line"\n'
        'action = "drop-paragraph"\npattern = \'^附件说明\'\nmust_match = ["附件说明：共三份"]\nmust_not_match = ["正文"]\n',
        encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(f"{PAGE.rstrip()}\n\n附件说明：共三份，请各单位按时报送\n第一份为人员名册\n", encoding="utf-8")
    tested = runner.invoke(app, ["rules", "test", str(rules)])
    assert tested.exit_code == 0, tested.output
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--rules", str(rules)])
    assert result.exit_code == 0, result.output
    cleaned = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert "附件说明" not in cleaned and "人员名册" not in cleaned
    log = [json.loads(line) for line in (tmp_path / "out" / "edit-log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["old"] for e in log if e.get("rule") == "toy.notice"] == ["附件说明：共三份，请各单位按时报送\n第一份为人员名册\n"]
    actions.unregister("drop-paragraph")  # without the action the same file is refused, naming it
    refused = runner.invoke(app, ["rules", "test", str(rules)])
    assert refused.exit_code == 3 and "action 'drop-paragraph' does not apply to scope 'line'" in refused.output


def _ascii_digits(doc):
    return [Edit(i, i + 1, char, chr(ord(char) - 0xFEE0), "toy.digits", "Full-width digits as ASCII.")
            for i, char in enumerate(doc.text) if "０" <= char <= "９"]


@pytest.fixture
def digits_step():
    repairs.register(steps.BuiltinStep("toy.digits", "Full-width digits as ASCII.", steps.PREPARE, _ascii_digits))
    yield
    repairs.unregister("toy.digits")


def test_a_new_repair_is_one_function_and_one_registration(tmp_path, digits_step):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(f"{PAGE.rstrip()}\n全年完成２０２４项任务。\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "全年完成2024项任务。" in (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    explained = runner.invoke(app, ["rules", "explain", "toy.digits"])
    assert explained.output == "toy.digits (built-in step)\n  Full-width digits as ASCII.\n"
    with pytest.raises(ValueError, match="already registered: toy.digits"):
        repairs.register(steps.BuiltinStep("toy.digits", "Again.", steps.PREPARE, _ascii_digits))
