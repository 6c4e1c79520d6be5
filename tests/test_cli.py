"""The command line, in-process with CliRunner: outputs, exact messages and exit codes."""
import hashlib
import os
import json
import shutil

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.errors import ExitCode

from .conftest import CORPUS, GOLDEN, untimed

runner = CliRunner()
SPEECH = "同志们：\n\n今天我们召开全区基层党建工作会议，主要任务是总结去年的工作，部署今年的任务。\n"


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_clean_corpus_writes_golden_outputs_log_and_summary(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    before = _digest(corpus)
    result = runner.invoke(app, ["clean", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("5 cleaned, 0 skipped; 28,879 -> ")
    for golden in sorted((GOLDEN / "corpus").glob("*.txt")):
        assert (tmp_path / "out" / golden.name).read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")
    records = [json.loads(line) for line in (tmp_path / "out" / "edit-log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["doc"] for r in records if r["type"] == "document"] == [str(corpus / g.name) for g in sorted(CORPUS.glob("*.txt"))]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 5 and summary["rules"]["related-links.header"]["edits"] == 2
    assert _digest(corpus) == before  # inputs are never modified


def test_small_clean_prints_the_exact_summary(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("讲话 - 范文中心\n\n" + SPEECH + "\n11\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert result.stdout == (
        "rule                docs   edits  chars removed\n"
        "title.site-suffix      1       1              7\n"
        "page-number.bare       1       1              3\n"
        "layout.edges           1       1              1\n"
        "1 cleaned, 0 skipped; 60 -> 49 characters (18.3% removed); encodings: utf-8 1\n"
    )
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "讲话\n\n" + SPEECH


def test_bad_inputs_are_skipped_with_one_line_each_and_the_rest_is_written(tmp_path):
    scrape = tmp_path / "scrape"
    scrape.mkdir()
    (scrape / "good.txt").write_text(SPEECH, encoding="utf-8")
    (scrape / "gb.txt").write_bytes(SPEECH.encode("gb18030"))
    (scrape / "big5.txt").write_bytes("同志們：\n\n今天我們召開全區基層黨建工作會議，主要任務是總結去年的工作。\n".encode("big5"))
    (scrape / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (scrape / "empty.txt").write_bytes(b"")
    (scrape / "truncated.txt").write_bytes(SPEECH.encode("utf-8")[:-2])
    (scrape / "latin.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    result = runner.invoke(app, ["clean", str(scrape), "--out", str(tmp_path / "out")])
    assert result.exit_code == ExitCode.INPUT_SKIPPED == 1
    assert untimed(result.stderr).splitlines() == [
        f"warning: {scrape / 'binary.txt'}: binary file (NUL bytes), not text; skipped",
        f"warning: {scrape / 'empty.txt'}: empty file; skipped",
        f"warning: {scrape / 'latin.txt'}: not UTF-8 (invalid byte 0x80 at 0), GB18030 or Big5 text; skipped",
        f"warning: {scrape / 'truncated.txt'}: truncated UTF-8: incomplete character at byte 125; skipped",
    ]
    out = tmp_path / "out"
    assert sorted(p.name for p in out.glob("*.txt")) == ["big5.txt", "gb.txt", "good.txt"]
    assert (out / "gb.txt").read_text(encoding="utf-8") == SPEECH
    encodings = {json.loads(l)["doc"]: json.loads(l)["encoding"] for l in (out / "edit-log.jsonl").read_text(encoding="utf-8").splitlines() if '"document"' in l}
    assert encodings == {str(scrape / "big5.txt"): "big5", str(scrape / "gb.txt"): "gb18030", str(scrape / "good.txt"): "utf-8"}
    assert result.stdout.splitlines()[-1].startswith("3 cleaned, 4 skipped;")


def test_a_broken_rule_file_stops_the_run_with_a_located_message(tmp_path):
    rules = tmp_path / "site.toml"
    rules.write_text('[[rule]]\nid = "site.ad"\ndescription = "Drops ads."\nscope = "line"\naction = "drop-line"\n'
                     "pattern = '广告('\nmust_match = [\"广告\"]\nmust_not_match = [\"正文\"]\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(CORPUS), "--out", str(tmp_path / "out"), "--rules", str(rules)])
    assert result.exit_code == ExitCode.RULES == 3
    assert untimed(result.stderr) == (f"error: {rules}:6: rule site.ad: pattern does not compile: missing ) at position 3 "
                             "(fix the rule file, then run 'cleaner rules test FILE')\n")
    assert not (tmp_path / "out").exists()


def test_a_timed_out_rule_skips_that_document_only(tmp_path):
    rules = tmp_path / "slow.toml"
    rules.write_text('[[rule]]\nid = "slow.backtrack"\ndescription = "Backtracks."\nscope = "line"\n'
                     "action = \"drop-line\"\npattern = '^(a|aa)+$'\nmust_match = [\"aa\"]\nmust_not_match = [\"b\"]\n",
                     encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "slow.txt").write_text("a" * 40 + "c\n", encoding="utf-8")
    (tmp_path / "in" / "fine.txt").write_text(SPEECH, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                 "--rules", str(rules), "--regex-timeout", "0.2"])
    assert result.exit_code == 1
    assert untimed(result.stderr) == f"warning: {tmp_path / 'in' / 'slow.txt'}: rule slow.backtrack timed out after 0.2s; document skipped\n"
    assert [p.name for p in (tmp_path / "out").glob("*.txt")] == ["fine.txt"]


def test_output_inside_an_input_folder_is_refused(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    result = runner.invoke(app, ["clean", str(tmp_path / "corpus"), "--out", str(tmp_path / "corpus" / "cleaned")])
    assert result.exit_code == ExitCode.USAGE == 2
    assert untimed(result.stderr) == (f"error: --out {tmp_path / 'corpus' / 'cleaned'} lies inside the input folder {tmp_path / 'corpus'}: "
                             "inputs are never written; choose an output outside the inputs\n")


def test_split_writes_one_file_per_speech(tmp_path):
    source = CORPUS / "000_de9f494fa85245bc.txt"
    result = runner.invoke(app, ["clean", str(source), "--out", str(tmp_path), "--split"])
    assert result.exit_code == 0
    parts = sorted(p.name for p in tmp_path.glob("*.txt"))
    assert parts == ["000_de9f494fa85245bc-1.txt", "000_de9f494fa85245bc-2.txt"]
    assert (tmp_path / parts[1]).read_text(encoding="utf-8").startswith("二:\n")


def test_a_missing_input_is_a_usage_error_and_nothing_is_written(tmp_path):
    (tmp_path / "a.txt").write_text(SPEECH, encoding="utf-8")
    for command in (["clean", "--out", str(tmp_path / "out")], ["dedup", "--out", str(tmp_path / "out" / "c.jsonl")],
                    ["run", "--out", str(tmp_path / "out")], ["rules", "learn", "--out", str(tmp_path / "out" / "r.toml")],
                    ["diff"], ["clean", "--out", "-"]):
        result = runner.invoke(app, [*command, str(tmp_path / "a.txt"), str(tmp_path / "nope.txt")])
        assert result.exit_code == ExitCode.USAGE == 2, command
        assert result.stdout == ""
        assert untimed(result.stderr) == f"error: {tmp_path / 'nope.txt'}: no such file or folder (check the path; nothing was written)\n"
        assert not (tmp_path / "out").exists()


def test_rules_test_passes_on_defaults_and_locates_failures(tmp_path):
    result = runner.invoke(app, ["rules", "test"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].endswith(" passed, 0 failed")
    broken = tmp_path / "x.toml"
    broken.write_text('[[rule]]\nid = "x.y"\ndescription = "d."\nscope = "line"\naction = "drop-line"\n'
                      "pattern = 'ab'\nmust_match = [\"ab\", \"cd\"]\nmust_not_match = [\"zz\"]\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "test", str(broken)])
    assert result.exit_code == 3
    assert result.stdout == f"FAIL {broken}:7: rule x.y: must_match example does not match: 'cd'\nrules: 0 passed, 1 failed\n"


def test_check_writes_nothing_and_exits_5_when_something_would_change(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(SPEECH, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(clean), "--check"])
    assert result.exit_code == 0 and result.stdout == "0 of 1 file would change\n"
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("讲话 - 范文中心\n\n" + SPEECH, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(clean), str(dirty), "--check"])
    assert result.exit_code == ExitCode.WOULD_CHANGE == 5
    assert result.stdout == f"would change {dirty}: 1 edit (title.site-suffix 1)\n1 of 2 files would change\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt", "dirty.txt"]


def test_clean_needs_out_or_check():
    result = runner.invoke(app, ["clean", str(CORPUS)])
    assert result.exit_code == 2
    assert untimed(result.stderr) == "error: give --out DIR for the cleaned files, or --check to write nothing\n"


def test_diff_names_the_rules_of_each_change_and_is_plain_when_piped(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("讲话 - 范文中心\n\n" + SPEECH + "\n11\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(page)])
    assert result.exit_code == 1  # there are differences, as diff says it
    assert result.stdout == (
        f"--- {page}\n+++ {page} (cleaned)\n"
        "@@ -1,7 +1,5 @@ title.site-suffix, layout.edges, page-number.bare\n~讲话[- - 范文中心-]  ← title.site-suffix\n \n 同志们：\n \n"
        " 今天我们召开全区基层党建工作会议，主要任务是总结去年的工作，部署今年的任务。\n-  ← layout.edges\n-11  ← page-number.bare\n"
    )
    coloured = runner.invoke(app, ["diff", str(page), "--color"])
    assert "\033[33mtitle.site-suffix, layout.edges, page-number.bare\033[0m" in coloured.stdout
    assert "\033[31m-11\033[0m  \033[33m← page-number.bare\033[0m\n" in coloured.stdout
    assert "~讲话\033[31m[- - 范文中心-]\033[0m  " in coloured.stdout


def test_diff_exits_0_when_cleaning_changes_nothing(tmp_path):
    page = tmp_path / "clean.txt"
    page.write_text(SPEECH, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(page)])
    assert result.exit_code == 0 and result.stdout == ""


def test_diff_pairs_lines_by_the_edit_log_and_marks_the_characters_inside(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("同志们：\n\n  今天召开全区基层党建工作会议。\n\n  部署今年的任务，抓好關(guān)鍵環節。\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(page), "--context", "0"])
    assert result.exit_code == 1
    assert result.stdout == (  # each line paired with itself, not with a neighbour, and only the change marked
        f"--- {page}\n+++ {page} (cleaned)\n"
        "@@ -3,1 +3,1 @@ layout.indent\n~[-  -]今天召开全区基层党建工作会议。  ← layout.indent\n"
        "@@ -5,1 +5,1 @@ layout.indent, pinyin.annotation\n~[-  -]部署今年的任务，抓好關[-(guān)-]鍵環節。  ← layout.indent, pinyin.annotation\n")
    joined = runner.invoke(app, ["diff", str(CORPUS / "001_a0ac67672984e438.txt"), "--context", "0"])
    line = next(line for line in joined.stdout.splitlines() if "的部署和要" in line)
    assert line == ("~…进基层党建工作作出了重要部署,提出了明确的任务和要求。为落实好上级党委的部署和要[-⏎⏎-]求,区委近年来在加强基层党的建设上作了"
                    "一些探索,取得了初步成效。但不容质疑,当前…  ← layout.join-broken-line")


def test_a_project_file_sets_rules_and_options_and_the_command_line_wins(tmp_path):
    scrape = tmp_path / "scrape"
    (scrape / "pages").mkdir(parents=True)
    (scrape / "pages" / "a.txt").write_text("广告：本站会员八折\n\n" + SPEECH, encoding="utf-8")
    (scrape / "site.toml").write_text('[[rule]]\nid = "site.ad"\ndescription = "Drops the site ad."\nscope = "line"\n'
                                      "action = \"drop-line\"\npattern = '^广告:'\nmust_match = [\"广告：八折\"]\n"
                                      "must_not_match = [\"同志们：\"]\n", encoding="utf-8")
    (scrape / "cleaner.toml").write_text('rules = ["site.toml"]\n[clean]\npinyin = false\n', encoding="utf-8")
    result = runner.invoke(app, ["clean", str(scrape / "pages"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "site.ad" in result.stdout
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == SPEECH
    (scrape / "cleaner.toml").write_text('colour = "red"\n', encoding="utf-8")
    result = runner.invoke(app, ["clean", str(scrape / "pages"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and f"{scrape / 'cleaner.toml'}: unknown setting 'colour'" in result.stderr


def test_diff_and_check_honour_the_project_file_alike(tmp_path):
    scrape = tmp_path / "scrape"
    (scrape / "pages").mkdir(parents=True)
    (scrape / "pages" / "a.txt").write_text("广告：本站会员八折\n\n" + SPEECH, encoding="utf-8")
    (scrape / "site.toml").write_text('[[rule]]\nid = "site.ad"\ndescription = "Drops the site ad."\nscope = "line"\n'
                                      "action = \"drop-line\"\npattern = '^广告:'\nmust_match = [\"广告：八折\"]\n"
                                      "must_not_match = [\"同志们：\"]\n", encoding="utf-8")
    (scrape / "cleaner.toml").write_text('rules = ["site.toml"]\n[clean]\npinyin = false\n', encoding="utf-8")
    check = runner.invoke(app, ["clean", str(scrape / "pages"), "--check"])
    shown = runner.invoke(app, ["diff", str(scrape / "pages"), "--no-color"])
    assert check.exit_code == 5 and "site.ad 1" in check.stdout
    assert shown.exit_code == 1 and "-广告：本站会员八折  ← site.ad\n" in shown.stdout


def test_pyproject_tool_cleaner_sets_dedup_options(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.cleaner.dedup]\nunit = "sentence"\n', encoding="utf-8")
    result = runner.invoke(app, ["dedup", str(tmp_path / "corpus"), "--out", str(tmp_path / "c.jsonl")])
    assert result.exit_code == 0 and " sentences in 5 documents" in result.stdout
    result = runner.invoke(app, ["dedup", str(tmp_path / "corpus"), "--out", str(tmp_path / "c.jsonl"), "--unit", "paragraph"])
    assert " paragraphs in 5 documents" in result.stdout


def test_the_relations_settings_come_from_the_project_file_and_reach_the_header(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    (tmp_path / "cleaner.toml").write_text("[dedup]\nlength_ratio = 0.5\nshort_chars = 12\nshort_threshold = 0.9\n"
                                           "drop_quotes = true\n", encoding="utf-8")
    out = tmp_path / "c.jsonl"
    result = runner.invoke(app, ["dedup", str(tmp_path / "corpus"), "--out", str(out), "--drop", str(tmp_path / "d"),
                                 "--containment", "0.9"])
    assert result.exit_code == 0, result.output
    settings = json.loads(out.read_text(encoding="utf-8").splitlines()[0])["settings"]
    assert (settings["length_ratio"], settings["short_chars"], settings["short_threshold"], settings["containment"]) == (0.5, 12, 0.9, 0.9)
    assert "repeated and quoted paragraphs removed" in result.stdout  # drop_quotes from the file
    assert any(r["rule"] == "dedup.quote" for r in map(json.loads, (tmp_path / "d" / "edit-log.jsonl").read_text(encoding="utf-8").splitlines())
               if r["type"] == "edit")


def test_a_folder_of_bad_entries_and_one_good_page_warns_once_per_entry_and_writes_the_rest(tmp_path):
    from cleaner import apply_edits
    from cleaner.editlog import edits_by_document, read_log

    scrape = tmp_path / "scrape"
    scrape.mkdir()
    (scrape / "good.txt").write_text("讲话 - 范文中心\n\n" + SPEECH, encoding="utf-8")
    (scrape / "bad.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd not really zstd")
    os.mkfifo(scrape / "pipe.txt")
    odd = os.path.join(os.fsencode(scrape), b"caf\xe9.txt")
    with open(odd, "wb") as page:
        page.write(("讲话_公文写作网\n\n" + SPEECH).encode("gb18030"))
    odd_name = os.fsdecode(odd)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(scrape), "--out", str(out)])
    assert result.exit_code == 1, result.output
    warnings = untimed(result.stderr).splitlines()
    assert len(warnings) == 3
    assert warnings[0] == f"warning: {scrape / 'pipe.txt'}: not a regular file (a FIFO); skipped"
    assert warnings[1] == f"warning: {scrape}/caf\\xe9.txt: file name is not valid UTF-8; cleaned, shown here with \\x escapes"
    assert warnings[2].startswith(f"warning: {scrape / 'bad.jsonl.zst'}:1: damaged from here on: ")
    assert warnings[2].endswith("; rest of the file skipped")
    assert (out / "good.txt").read_text(encoding="utf-8") == "讲话\n\n" + SPEECH
    assert open(os.path.join(os.fsencode(out), b"caf\xe9.txt"), "rb").read().decode("utf-8") == "讲话\n\n" + SPEECH
    log_bytes = (out / "edit-log.jsonl").read_bytes()
    log_bytes.decode("utf-8")  # the log stays valid UTF-8: the odd byte is a JSON escape
    assert b'caf\\udce9.txt' in log_bytes
    edits = edits_by_document(read_log(out / "edit-log.jsonl"))
    assert apply_edits(open(odd, "rb").read().decode("gb18030"), edits[odd_name]) == "讲话\n\n" + SPEECH
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 2 and len(summary["skipped"]) == 2
    again = runner.invoke(app, ["clean", str(scrape), "--out", str(out), "--force"])  # a second run does not trip on the name
    assert again.exit_code == 1
    assert untimed(again.stderr) == f"--force: removed 4 files of the earlier run in {out}\n" + untimed(result.stderr)
    report = runner.invoke(app, ["report", str(out), "--out", str(tmp_path / "report")])
    assert report.exit_code == 0, report.output
    index = json.loads((tmp_path / "report" / "data" / "index.js").read_text(encoding="utf-8")[len("cleanerReport.index("):-3])
    assert any(doc[0].endswith("caf\\xe9.txt") for doc in index["docs"])  # the name as a terminal shows it


def test_large_removals_are_flagged_and_a_document_cleaned_to_nothing_is_a_warning(tmp_path):
    (tmp_path / "in").mkdir()
    ads = tmp_path / "in" / "ads.txt"
    ads.write_text(SPEECH + "".join(f"广告：本站会员第{n}期八折优惠\n" for n in range(8)), encoding="utf-8")
    nav = tmp_path / "in" / "nav.txt"
    nav.write_text("首页\n\n11\n", encoding="utf-8")
    fine = tmp_path / "in" / "fine.txt"
    fine.write_text(SPEECH, encoding="utf-8")
    site = tmp_path / "site.toml"
    site.write_text('[[rule]]\nid = "site.ad"\ndescription = "Drops the site ad."\nscope = "line"\n'
                    "action = \"drop-line\"\npattern = '^广告:'\nmust_match = [\"广告：八折\"]\n"
                    "must_not_match = [\"同志们：\"]\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--rules", str(site)])
    assert result.exit_code == 0, result.output
    assert untimed(result.stderr) == (f"warning: {nav}: cleaned to nothing (page-number.bare removed 43% of it); "
                             "its empty output is written, see the edit log\n")
    assert result.stdout.splitlines()[-1] == ("flagged: 1 document where one rule removed most of the text, 1 document cleaned "
                                              "to nothing (summary.json and the report list them)")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["large_removals"], summary["emptied"]) == (1, 1)
    assert summary["flagged"] == [{"doc": str(ads), "rule": "site.ad", "share": 0.7273, "emptied": False},
                                  {"doc": str(nav), "rule": "page-number.bare", "share": 0.4286, "emptied": True}]
    assert (tmp_path / "out" / "nav.txt").read_text(encoding="utf-8") == ""
    report = runner.invoke(app, ["report", str(tmp_path / "out"), "--out", str(tmp_path / "report")])
    index = json.loads((tmp_path / "report" / "data" / "index.js").read_text(encoding="utf-8")[len("cleanerReport.index("):-3])
    flags = {doc[0]: doc[6].get("large") for doc in index["docs"]}
    assert report.exit_code == 0 and flags == {str(ads): {"rule": "site.ad", "share": 0.7273, "emptied": False},
                                               str(nav): {"rule": "page-number.bare", "share": 0.4286, "emptied": True}, str(fine): None}
    looser = runner.invoke(app, ["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out2"), "--rules", str(site),
                                 "--flag-share", "0.8"])
    assert json.loads((tmp_path / "out2" / "summary.json").read_text(encoding="utf-8"))["large_removals"] == 0, looser.output


def test_control_characters_of_scraped_text_reach_no_terminal(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("讲话 - 范文中心\n\n同志们：\x1b]0;pwned\x07今天\x1b[2J召开会议\u202e，部署今年的任务。\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(page), "--color"])
    assert "\x1b]" not in result.stdout and "\x1b[2J" not in result.stdout and "\u202e" not in result.stdout
    assert "同志们：\\x1b]0;pwned\\x07今天\\x1b[2J召开会议\\u202e，" in result.stdout
    copy = tmp_path / "copy.txt"
    copy.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["dedup", str(page), str(copy), "--out", str(tmp_path / "c.jsonl")])
    assert result.exit_code == 0 and "\x1b" not in result.stdout and "\\x1b]0;pwned" in result.stdout


def test_the_project_file_in_use_is_named_on_stderr_with_what_it_sets(tmp_path):
    (tmp_path / "scrape" / "pages").mkdir(parents=True)
    (tmp_path / "scrape" / "pages" / "a.txt").write_text(SPEECH, encoding="utf-8")
    project = tmp_path / "scrape" / "cleaner.toml"
    project.write_text('glob = "*.txt"\n[clean]\nsplit = true\n', encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "scrape" / "pages"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert untimed(result.stderr) == f"using project settings from {project}: glob = '*.txt', clean.split = True\n"
    os.chown(project, 54321, -1)  # as another user wrote it (the tests run as a user who may do this)
    result = runner.invoke(app, ["clean", str(tmp_path / "scrape" / "pages"), "--out", str(tmp_path / "out2")])
    assert untimed(result.stderr) == (f"using project settings from {project} (owned by uid 54321, not by you): "
                             "glob = '*.txt', clean.split = True\n")


def test_a_fifo_named_on_the_command_line_is_skipped_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text(SPEECH, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "pipe.txt"), str(tmp_path / "a.txt"), "/dev/zero", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert untimed(result.stderr) == (f"warning: {tmp_path / 'pipe.txt'}: not a regular file (a FIFO); skipped\n"
                             "warning: /dev/zero: not a regular file (a character device); skipped\n")
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == SPEECH
