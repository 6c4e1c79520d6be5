"""Repeated passages end to end: corpus findings, --jobs invariance, --drop with replay, bad inputs."""
import json
import shutil

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.dedup import find_repeats
from cleaner.editlog import apply_edits, edits_by_document, read_log
from cleaner.minhash import DedupConfig

from .conftest import CORPUS

runner = CliRunner()


def _clusters(path):
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return lines[0], lines[1:]


def test_sentence_repeats_in_the_corpus_include_the_stock_formulation_across_scripts():
    result = find_repeats([CORPUS], DedupConfig(unit="sentence"))
    formula = [c for c in result.clusters if any("抓好黨建是本職" in m.text for m in c.members)]
    assert len(formula) == 1
    members = formula[0].members
    assert {m.doc.rsplit("/", 1)[-1][:3] for m in members} == {"000", "004"}
    assert any("抓好党建是本职、不抓党建是失职、抓不好党建是不称职" in m.text for m in members)
    for m in members:
        text = (CORPUS / m.doc.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        assert text[m.start:m.end] == m.text


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
    assert result.stderr.splitlines() == [f"warning: {docs / 'binary.txt'}: binary file (NUL bytes), not text; skipped",
                                          f"warning: {docs / 'empty.txt'}: empty file; skipped"]
    header, clusters = _clusters(tmp_path / "c.jsonl")
    assert header["documents"] == 5 and clusters  # the readable ones


def test_run_cleans_then_finds_repeats(tmp_path):
    result = runner.invoke(app, ["run", str(CORPUS), "--out", str(tmp_path / "out"), "--unit", "sentence", "--drop"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert sorted(p.name for p in (out / "cleaned").glob("*.txt")) == sorted(p.name for p in CORPUS.glob("*.txt"))
    header, clusters = _clusters(out / "clusters.jsonl")
    assert all(m["doc"].startswith(str(out / "cleaned")) for c in clusters for m in c["members"])
    assert any("抓好黨建是本職" in m["text"] for c in clusters for m in c["members"])
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
    assert [len(c.members) for c in result.clusters] == [3, 2]
    assert [m.doc.rsplit("/", 1)[-1] for m in result.clusters[0].members] == ["a.txt", "b.txt", "c.txt"]
