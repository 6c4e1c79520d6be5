"""Report data and pages: every edit once, counts match the summary, the data stays small."""
import json

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.model import Edit
from cleaner.report_data import DocumentView, load_report, looks_like_speech, mark_unusual_removals, rebuild_original
from cleaner.report_html import write_report

from .conftest import CORPUS, untimed

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


def data_of(path):
    """The JSON a data script hands to its callback: [arguments...]."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("cleanerReport.") and text.endswith(");\n")
    return json.loads("[" + text.split("(", 1)[1][:-3] + "]")


def test_the_data_holds_every_edit_with_its_rule_and_the_pages_link_the_passages(tmp_path):
    out = _run(tmp_path)
    data = load_report(out)
    (index,) = data_of(out / "report" / "data" / "index.js")
    number, docs = data_of(out / "report" / "data" / "docs-0.js")
    rules = [rule[0] for rule in index["rules"]]
    assert number == 0 and len(docs) == len(index["docs"]) == 5 and rules == sorted(data.rules)
    for document, (original, edits, outputs, parts, _speech), row in zip(data.documents, docs, index["docs"]):
        assert original == document.original and outputs == document.outputs and parts == document.parts
        assert [(e[0], e[1], rules[e[2]], e[3] if len(e) > 3 else "") for e in edits] == [
            (e.start, e.end, e.rule, e.new) for e in document.edits]
        assert row[:5] == [document.doc, document.encoding, len(document.original), len(document.cleaned), len(document.edits)]
        assert [rules[n] for n in row[5]] == sorted({e.rule for e in document.edits})
    assert len({(rule[2], rule[3]) for rule in index["rules"]}) == len(rules)  # a colour of its own per rule
    assert sorted(p.name for p in (out / "report").glob("*.html")) == ["doc.html", "index.html", "quotes.html", "repeats.html", "rule.html"]
    index_page = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert 'id="n-documents">5<' in index_page and "http" not in index_page.replace("http-equiv", "")
    assert index_page.count('class="rule-chip"') == len(rules) and 'href="rule.html#rule=related-links.header"' in index_page
    repeats = (out / "report" / "repeats.html").read_text(encoding="utf-8")
    clusters = [json.loads(line) for line in (out / "clusters.jsonl").read_text(encoding="utf-8").splitlines()]
    (cluster,) = [c for c in clusters if c["type"] == "cluster"]
    for member in cluster["members"]:  # a repeat links to its passage in the cleaned text of its document
        number = next(d.number for d in data.documents if member["doc"].endswith(d.outputs[0]))
        assert f'href="doc.html#doc={number}&amp;cat={member["start"]}-{member["end"]}"' in repeats
        assert data.documents[number].cleaned[member["start"]:member["end"]] == member["text"]
    assert "基础不牢" in repeats and "抓好黨建是本職" not in repeats  # a quote, not a duplicate
    quotes = (out / "report" / "quotes.html").read_text(encoding="utf-8")
    assert quotes.count('class="quote"') == 1 and 'href="doc.html#doc=0&amp;cat=' in quotes and 'href="doc.html#doc=4&amp;cat=' in quotes
    assert "<mark>“抓好党建是本职" in quotes  # the shared text marked in the host, across scripts


def test_documents_travel_in_chunks(tmp_path, monkeypatch):
    import cleaner.report_json as report_json
    out = _run(tmp_path)
    monkeypatch.setattr(report_json, "CHUNK_DOCS", 2)
    write_report(load_report(out), out, tmp_path / "small")
    chunks = sorted((tmp_path / "small" / "data").glob("docs-*.js"))
    assert [p.name for p in chunks] == ["docs-0.js", "docs-1.js", "docs-2.js"]
    assert [len(data_of(p)[1]) for p in chunks] == [2, 2, 1]
    assert data_of(tmp_path / "small" / "data" / "index.js")[0]["chunk"] == 2


def _view(text: str, edits: list[Edit]) -> DocumentView:
    cleaned = text
    for edit in sorted(edits, key=lambda e: -e.start):
        cleaned = cleaned[:edit.start] + edit.new + cleaned[edit.end:]
    return DocumentView(0, "d", "utf-8", ["d"], text, cleaned, edits)


SPEECH = "同志们，今年的目标任务已经明确，关键在于抓落实。各级各部门要把责任扛在肩上，把任务落到实处。"
TEASER = "市委召开常委会议研究部署全市重点工作并听取有关情况汇报强调要抓好各项工作落实落细确保取得实效。"


def test_looks_like_speech_needs_clauses_and_sentences_not_length():
    filler = "开头一行\n" * 20
    text = filler + SPEECH + "\n" + TEASER + "\n" + filler
    speech = Edit(len(filler), len(filler) + len(SPEECH) + 1, SPEECH + "\n", "", "web.x", "x")
    teaser_start = len(filler) + len(SPEECH) + 1
    teaser = Edit(teaser_start, teaser_start + len(TEASER) + 1, TEASER + "\n", "", "web.x", "x")
    view = _view(text, [speech, teaser])
    assert len(TEASER) >= len(SPEECH) - 5
    assert looks_like_speech(view, speech) and not looks_like_speech(view, teaser)
    head = Edit(0, 5, "开头一行\n", "", "web.x", "x")
    assert not looks_like_speech(_view(SPEECH + "\n" + text, [Edit(0, len(SPEECH) + 1, SPEECH + "\n", "", "web.x", "x")]), head)


def test_prose_inside_a_list_of_links_is_a_teaser_not_speech():
    filler = "开头一行\n" * 20
    links = "相关文章\n" + "".join(f"市里召开第{n}次工作会议\n2019年11月0{n}日\n" for n in range(1, 8))
    block = links + SPEECH + "\n"
    text = filler + block + filler
    removal = Edit(len(filler), len(filler) + len(block), block, "", "related-links.header", "x")
    alone = Edit(len(filler) + len(links), len(filler) + len(block), SPEECH + "\n", "", "web.x", "x")
    assert not looks_like_speech(_view(text, [removal]), removal)
    assert looks_like_speech(_view(text, [alone]), alone)


def test_a_document_that_lost_far_more_than_the_others_is_flagged():
    def doc(kept: int) -> DocumentView:
        text = "字" * 100
        return _view(text, [Edit(kept, 100, text[kept:], "", "web.x", "x")] if kept < 100 else [])
    documents = [doc(90), doc(88), doc(92), doc(85), doc(20), doc(100)]
    mark_unusual_removals(documents)
    assert [d.unusual for d in documents] == [False, False, False, False, True, False]
    alike = [doc(40), doc(45), doc(50)]  # every page lost much: none stands out
    mark_unusual_removals(alike)
    assert not any(d.unusual for d in alike)


def test_pages_never_reach_the_network(tmp_path):
    out = _run(tmp_path)
    for page in (out / "report").rglob("*"):
        if page.suffix in (".html", ".css", ".js"):
            text = page.read_text(encoding="utf-8")
            assert "://" not in text and "fetch(" not in text, page


def test_rebuild_original_inverts_the_edits():
    from cleaner.model import Edit
    edits = [Edit(0, 2, "ab", "", "r", "x"), Edit(4, 5, "e", "E", "r", "x")]
    assert rebuild_original("cdEf", edits) == "abcdef"


def test_data_scripts_carry_any_description_intact(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("广告位招租\n\n同志们：今天召开会议，部署今年的任务。\n", encoding="utf-8")
    (tmp_path / "site.toml").write_text('[[rule]]\nid = "site.ad"\ndescription = "Drops ads <!--<script> </script>&\u2028."\n'
                                        "scope = \"line\"\naction = \"drop-line\"\npattern = '^广告'\nmust_match = [\"广告\"]\n"
                                        "must_not_match = [\"同志们\"]\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--rules",
                                 str(tmp_path / "site.toml"), "--report", str(tmp_path / "report")])
    assert result.exit_code == 0, result.output
    (index,) = data_of(tmp_path / "report" / "data" / "index.js")
    assert dict((r[0], r[1]) for r in index["rules"])["site.ad"] == "Drops ads <!--<script> </script>&\u2028."
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "Drops ads &lt;!--&lt;script&gt; &lt;/script&gt;&amp;" in page and "<script> </script>" not in page


def test_the_report_reads_no_file_outside_its_run_folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("同志们：今天召开会议，部署今年的任务。\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("do not show", encoding="utf-8")
    assert runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")]).exit_code == 0
    log = tmp_path / "out" / "edit-log.jsonl"
    log.write_text(log.read_text(encoding="utf-8").replace('"outputs": ["a.txt"]', '"outputs": ["../secret.txt"]'), encoding="utf-8")
    result = runner.invoke(app, ["report", str(tmp_path / "out"), "--out", str(tmp_path / "report")])
    assert result.exit_code == 0
    assert untimed(result.stderr) == (f"warning: {tmp_path / 'in' / 'a.txt'}: not shown: its output ../secret.txt lies outside "
                             f"the run folder {tmp_path / 'out'}\n")
    assert not any("do not show" in p.read_text(encoding="utf-8") for p in (tmp_path / "report").rglob("*.*"))
