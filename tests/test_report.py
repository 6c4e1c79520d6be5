"""Report data and pages: every edit once, counts match the summary, pages stay small."""
import json

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.report_data import load_report, rebuild_original
from cleaner.report_html import write_report

from .conftest import CORPUS

runner = CliRunner()


def _run(tmp_path):
    result = runner.invoke(app, ["run", str(CORPUS), "--out", str(tmp_path / "out"), "--unit", "sentence",
                                 "--report", str(tmp_path / "out" / "report")])
    assert result.exit_code == 0, result.output
    return tmp_path / "out"


def test_report_data_holds_every_edit_once_and_matches_the_summary(tmp_path):
    out = _run(tmp_path)
    data = load_report(out)
    summary = json.loads((out / "cleaned" / "summary.json").read_text(encoding="utf-8"))
    log = [json.loads(l) for l in (out / "cleaned" / "edit-log.jsonl").read_text(encoding="utf-8").splitlines()]
    edits = [(d.doc, e.start, e.end, e.rule) for d in data.documents for e in d.edits]
    assert sorted(edits) == sorted((r["doc"], r["start"], r["end"], r["rule"]) for r in log if r["type"] == "edit")
    assert len(edits) == len(set(edits))
    assert {k: (v.edits, v.chars_removed, v.documents) for k, v in data.rules.items()} == {
        k: (v["edits"], v["chars_removed"], v["documents"]) for k, v in summary["rules"].items()}
    assert (data.chars_in, data.chars_out) == (summary["chars_in"], summary["chars_out"])
    for document in data.documents:
        assert document.original == (CORPUS / document.doc.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
    assert [c["id"] for c in data.clusters] == ["c1"]
    assert [q["passage"]["text"][:8] for q in data.quotes] == ["“抓好黨建是本職"]


def test_pages_mark_every_edit_with_its_rule(tmp_path):
    out = _run(tmp_path)
    data = load_report(out)
    for document in data.documents:
        page = (out / "report" / "docs" / f"{document.number}.html").read_text(encoding="utf-8")
        assert page.count('class="edit') == len(document.edits)
        for n, edit in enumerate(document.edits):
            assert f'id="e{n}" data-rule="{edit.rule}"' in page
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert 'id="n-documents">5<' in index and "http" not in index.replace("http-equiv", "")
    repeats = (out / "report" / "repeats.html").read_text(encoding="utf-8")
    assert "基础不牢" in repeats and 'href="docs/1.html"' in repeats and 'href="docs/4.html"' in repeats
    assert "抓好黨建是本職" not in repeats  # a quote, not a duplicate
    quotes = (out / "report" / "quotes.html").read_text(encoding="utf-8")
    assert quotes.count('class="quote"') == 1 and 'href="docs/0.html"' in quotes and 'href="docs/4.html"' in quotes
    assert "<mark>“抓好党建是本职" in quotes  # the shared text marked in the host, across scripts


def test_pages_never_reach_the_network(tmp_path):
    out = _run(tmp_path)
    for page in (out / "report").rglob("*"):
        if page.suffix in (".html", ".css", ".js"):
            text = page.read_text(encoding="utf-8")
            assert "://" not in text, page


def test_rebuild_original_inverts_the_edits():
    from cleaner.model import Edit
    edits = [Edit(0, 2, "ab", "", "r", "x"), Edit(4, 5, "e", "E", "r", "x")]
    assert rebuild_original("cdEf", edits) == "abcdef"


def test_rule_pages_split_into_pages_of_hits(tmp_path, monkeypatch):
    import cleaner.report_html as report_html
    out = _run(tmp_path)
    monkeypatch.setattr(report_html, "HITS_PER_PAGE", 100)
    write_report(load_report(out), out, tmp_path / "small")
    pages = sorted(p.name for p in (tmp_path / "small" / "rules").glob("pinyin.annotation*.html"))
    assert pages == ["pinyin.annotation-2.html", "pinyin.annotation-3.html", "pinyin.annotation-4.html", "pinyin.annotation.html"]


def test_embedded_json_cannot_close_its_script_element(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("广告位招租\n\n同志们：今天召开会议，部署今年的任务。\n", encoding="utf-8")
    (tmp_path / "site.toml").write_text('[[rule]]\nid = "site.ad"\ndescription = "Drops ads <!--<script> </script>&\u2028."\n'
                                        "scope = \"line\"\naction = \"drop-line\"\npattern = '^广告'\nmust_match = [\"广告\"]\n"
                                        "must_not_match = [\"同志们\"]\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--rules",
                                 str(tmp_path / "site.toml"), "--report", str(tmp_path / "report")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "report" / "docs" / "0.html").read_text(encoding="utf-8")
    embedded = page.split('<script type="application/json" id="rule-descriptions">', 1)[1].split("</script>", 1)[0]
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded and "\u2028" not in embedded
    assert json.loads(embedded)["site.ad"] == "Drops ads <!--<script> </script>&\u2028."


def test_the_report_reads_no_file_outside_its_run_folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("同志们：今天召开会议，部署今年的任务。\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("do not show", encoding="utf-8")
    assert runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")]).exit_code == 0
    log = tmp_path / "out" / "edit-log.jsonl"
    log.write_text(log.read_text(encoding="utf-8").replace('"outputs": ["a.txt"]', '"outputs": ["../secret.txt"]'), encoding="utf-8")
    result = runner.invoke(app, ["report", str(tmp_path / "out"), "--out", str(tmp_path / "report")])
    assert result.exit_code == 0
    assert result.stderr == (f"warning: {tmp_path / 'in' / 'a.txt'}: not shown: its output ../secret.txt lies outside "
                             f"the run folder {tmp_path / 'out'}\n")
    assert not any("do not show" in p.read_text(encoding="utf-8") for p in (tmp_path / "report").rglob("*.html"))
