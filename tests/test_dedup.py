"""Repeated passages end to end: corpus findings, --jobs invariance, --drop with replay, bad inputs."""
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.dedup import find_repeats
from cleaner.editlog import apply_edits, edits_by_document, read_log
from cleaner.config import DedupConfig

from .conftest import CORPUS, untimed

runner = CliRunner()


def _records(path):
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return lines[0], lines[1:]


def _clusters(path):
    header, records = _records(path)
    return header, [r for r in records if r["type"] == "cluster"]


def test_the_stock_formulation_quoted_in_a_longer_sentence_is_a_quote_not_a_duplicate():
    result = find_repeats([CORPUS], DedupConfig(unit="sentence"))
    assert not any("抓好黨建是本職" in m.text or "抓好党建是本职" in m.text for c in result.clusters for m in c.members)
    (quote,) = [q for q in result.quotes if "抓好黨建是本職" in q.passage.text]
    assert quote.passage.doc.rsplit("/", 1)[-1][:3] == "000" and quote.host.doc.rsplit("/", 1)[-1][:3] == "004"
    assert "抓好党建是本职、不抓党建是失职、抓不好党建是不称职" in quote.host.text and quote.containment >= 0.8
    for place in (quote.passage, quote.host):
        text = (CORPUS / place.doc.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        assert text[place.start:place.end] == place.text


def test_no_cluster_holds_two_different_titles():
    from cleaner.fingerprint import normalise

    for unit in ("sentence", "paragraph"):
        result = find_repeats([CORPUS], DedupConfig(unit=unit))
        for cluster in result.clusters:
            short = [m for m in cluster.members if len(normalise([m.text])[0]) < DedupConfig.short_chars]
            assert len(set(normalise([m.text for m in short]))) <= 1, [m.text for m in cluster.members]


def test_drop_never_removes_a_title_that_is_not_a_duplicate(tmp_path):
    from cleaner.fingerprint import normalise

    result = runner.invoke(app, ["dedup", str(CORPUS), "--unit", "sentence", "--out", str(tmp_path / "c.jsonl"),
                                 "--drop", str(tmp_path / "dd")])
    assert result.exit_code == 0, result.output
    removed = [r for r in read_log(tmp_path / "dd" / "edit-log.jsonl") if r["type"] == "edit"]
    assert removed and all(r["rule"] == "dedup.sentence" for r in removed)
    for edit in removed:
        kept = edit["reason"].split("repeats ", 1)[1].split(" (", 1)[0]
        doc, span = kept.rsplit(":", 1)
        start, end = map(int, span.split("-"))
        twin = Path(doc).read_text(encoding="utf-8")[start:end]
        short = len(normalise([twin])[0]) < DedupConfig.short_chars
        assert not short or normalise([edit["old"].strip()]) == normalise([twin])


def test_drop_quotes_removes_passages_that_stand_inside_a_kept_host(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    stock = "抓好党建是本职，不抓党建是失职，抓不好党建是不称职。"
    host = f"各级书记要牢记第一身份，树立{stock}要把党建工作摆在突出位置，亲自抓、带头干，推动责任落到实处。"
    (docs / "a.txt").write_text(f"{stock}\n另外一段不同的文字写在这里说明情况。\n", encoding="utf-8")
    (docs / "b.txt").write_text(f"{host}\n", encoding="utf-8")
    out = tmp_path / "c.jsonl"
    plain = runner.invoke(app, ["dedup", str(docs), "--out", str(out), "--drop", str(tmp_path / "d1")])
    assert plain.exit_code == 0, plain.output
    header, records = _records(out)
    assert header["clusters"] == 0 and header["quotes"] == 1
    (quote,) = records
    assert quote["type"] == "quote" and quote["passage"]["text"] == stock and quote["host"]["text"] == host
    assert set(quote) == {"type", "passage", "host", "containment", "jaccard"} and quote["containment"] == 1.0
    assert set(quote["passage"]) == {"doc", "start", "end", "unit", "index", "text"}
    assert (tmp_path / "d1" / "a.txt").read_text(encoding="utf-8") == (docs / "a.txt").read_text(encoding="utf-8")
    dropping = runner.invoke(app, ["dedup", str(docs), "--out", str(out), "--drop", str(tmp_path / "d2"), "--drop-quotes"])
    assert dropping.exit_code == 0, dropping.output
    assert (tmp_path / "d2" / "a.txt").read_text(encoding="utf-8") == "另外一段不同的文字写在这里说明情况。\n"
    assert (tmp_path / "d2" / "b.txt").read_text(encoding="utf-8") == f"{host}\n"
    (edit,) = [r for r in read_log(tmp_path / "d2" / "edit-log.jsonl") if r["type"] == "edit"]
    assert edit["rule"] == "dedup.quote" and edit["reason"].startswith(f"stands inside {docs / 'b.txt'}:0-")
    assert "1 repeated and quoted paragraph removed" in dropping.stdout
    alone = runner.invoke(app, ["dedup", str(docs), "--out", str(out), "--drop-quotes"])
    assert alone.exit_code == 2 and "--drop DIR" in alone.stderr


def test_results_are_identical_for_any_number_of_jobs(tmp_path):
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"clusters-{jobs}.jsonl"
        result = runner.invoke(app, ["dedup", str(CORPUS), "--unit", "sentence", "--out", str(out), "--jobs", str(jobs)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    header, clusters = _clusters(tmp_path / "clusters-1.jsonl")
    assert header["settings"]["unit"] == "sentence" and header["settings"]["datasketch"]
    assert header["settings"]["seed"] == 1 and header["settings"]["shingle_size"] == 3
    assert [c["id"] for c in clusters] == [f"c{n}" for n in range(1, len(clusters) + 1)]


def test_drop_removes_repeats_keeps_the_first_and_replays(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    para = "各级党组织要深刻认识加强基层党建工作的重要意义，把思想和行动统一到上级的部署要求上来。"
    (docs / "a.txt").write_text(f"第一篇\n{para}\n结尾一段话不一样的内容在这里。\n", encoding="utf-8")
    (docs / "b.txt").write_text(f"第二篇\n{para.replace('，', ',')}\n另外的一段完全不同的文字写在这里。\n", encoding="utf-8")
    result = runner.invoke(app, ["dedup", str(docs), "--out", str(tmp_path / "c.jsonl"), "--drop", str(tmp_path / "dd")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dd" / "a.txt").read_text(encoding="utf-8") == (docs / "a.txt").read_text(encoding="utf-8")
    assert (tmp_path / "dd" / "b.txt").read_text(encoding="utf-8") == "第二篇\n另外的一段完全不同的文字写在这里。\n"
    records = list(read_log(tmp_path / "dd" / "edit-log.jsonl"))
    (edit,) = [r for r in records if r["type"] == "edit"]
    assert edit["rule"] == "dedup.paragraph" and edit["reason"].startswith(f"repeats {docs / 'a.txt'}:4-")
    for doc, edits in edits_by_document(records).items():
        name = doc.rsplit("/", 1)[-1]
        assert apply_edits((docs / name).read_text(encoding="utf-8"), edits) == (tmp_path / "dd" / name).read_text(encoding="utf-8")


def test_bad_inputs_are_skipped_as_in_clean(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(CORPUS, docs)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = runner.invoke(app, ["dedup", str(docs), "--out", str(tmp_path / "c.jsonl")])
    assert result.exit_code == 1
    assert untimed(result.stderr).splitlines() == [f"warning: {docs / 'binary.txt'}: binary file (NUL bytes), not text; skipped",
                                          f"warning: {docs / 'empty.txt'}: empty file; skipped"]
    header, clusters = _clusters(tmp_path / "c.jsonl")
    assert header["documents"] == 5 and clusters  # the readable ones


def test_run_cleans_then_finds_repeats(tmp_path):
    result = runner.invoke(app, ["run", str(CORPUS), "--out", str(tmp_path / "out"), "--unit", "sentence",
                                 "--drop", str(tmp_path / "out" / "deduped")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert sorted(p.name for p in (out / "cleaned").glob("*.txt")) == sorted(p.name for p in CORPUS.glob("*.txt"))
    header, clusters = _clusters(out / "clusters.jsonl")
    assert all(m["doc"].startswith(str(out / "cleaned")) for c in clusters for m in c["members"])
    assert any("不抓黨建是失職" in q["passage"]["text"] for q in _records(out / "clusters.jsonl")[1] if q["type"] == "quote")
    assert (out / "deduped" / "edit-log.jsonl").exists()
    assert "5 cleaned, 0 skipped" in result.stdout


def test_bad_settings_are_usage_errors(tmp_path):
    result = runner.invoke(app, ["dedup", str(CORPUS), "--out", str(tmp_path / "c.jsonl"), "--bands", "4"])
    assert result.exit_code == 2 and "give both bands and rows" in result.stderr


def test_jobs_invariance_on_a_corpus_of_many_batches(tmp_path):
    from benchmarks.generate import write

    truth = write(tmp_path / "docs", seed=3, docs=100, per_doc=6)
    assert len({p["doc"] for p in truth["paragraphs"]}) == 100  # several batches of DOCS_PER_TASK
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"c{jobs}.jsonl"
        result = runner.invoke(app, ["dedup", str(tmp_path / "docs"), "--out", str(out), "--jobs", str(jobs)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b'"type": "cluster"') >= 30


def test_a_passage_quoting_two_stock_phrases_does_not_chain_their_clusters(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    first = "抓好党建是本职，不抓党建是失职，抓不好党建是不称职。"
    second = "基础不牢，地动山摇，必须夯实基层组织的战斗堡垒。"
    (docs / "a.txt").write_text(f"{first}\n{second}\n", encoding="utf-8")
    (docs / "b.txt").write_text(f"{first}\n{second}\n", encoding="utf-8")
    (docs / "c.txt").write_text(f"我们常说{first.rstrip('。')}，又说{second}\n", encoding="utf-8")
    result = find_repeats([docs], DedupConfig(unit="paragraph"))
    assert [[m.doc.rsplit("/", 1)[-1] for m in c.members] for c in result.clusters] == [["a.txt", "b.txt"]] * 2
    assert len(result.quotes) == 4 and {q.host.doc.rsplit("/", 1)[-1] for q in result.quotes} == {"c.txt"}
