"""Learning rules from a batch: a reviewable file that cleans the next batch, and speech protected."""
import re
import random

import pytest
import regex
from typer.testing import CliRunner

from cleaner import clean_text, load_rules
from cleaner.cli import app
from cleaner.learn import learn, line_key, to_toml
from cleaner.config import LearnConfig
from cleaner.normalize import fold_for_matching
from cleaner.rules import check_rule_file

from . import site_pages

runner = CliRunner()
BODY = ["各级党组织要深刻认识加强基层党建工作的重要意义，把思想和行动统一到上级的部署要求上来，确保任务落实。",
        "要坚持问题导向，聚焦群众反映强烈的突出问题，拿出过硬措施，切实把各项工作抓实抓细抓出成效。",
        "要加强督促检查，对工作不力、敷衍塞责的单位和个人严肃追责问责，推动责任层层压实、落到实处。"]


def _page(n: int, date: str) -> str:
    title = f"在第{n}次全县组织工作会议上的讲话"
    links = "\n".join(f"• 关于第{n + k}项重点工作的通知" for k in range(1, 4))
    return (f"{title}_某某范文网\n发布时间：{date} 浏览：{n * 7}次\n\n同志们：\n\n{BODY[n % 3]}\n\n{BODY[(n + 1) % 3]}\n\n"
            f"一、统一思想，提高认识\n\n{BODY[(n + 2) % 3]}\n\n谢谢大家！\n\n猜你喜欢\n{links}\n")


def test_line_keys_fold_numbers_script_and_punctuation():
    assert line_key("發布時間：2023-01-05 浏览：12次") == line_key("发布时间:2024-11-30 浏览: 7次")


def test_learned_rules_clean_the_next_batch_and_spare_the_speech(tmp_path):
    first = [_page(n, f"2023-0{n % 9 + 1}-1{n % 9}") for n in range(8)]
    proposals = learn(first)
    path = tmp_path / "learned-demo.toml"
    path.write_text(to_toml(proposals, "learned-demo", "8 pages"), encoding="utf-8")
    rules, errors = check_rule_file(path)
    assert not errors and {r.scope for r in rules} >= {"head", "to-end"}
    assert all(r.support >= 3 and r.must_match and r.must_not_match for r in rules)
    ruleset = load_rules([path])
    for n in range(20, 24):  # a second batch: other titles, dates, counts and links
        page = _page(n, f"2024-1{n % 3}-2{n % 9}")
        text = clean_text(page, ruleset).text
        assert "_某某范文网" not in text and "发布时间" not in text and "猜你喜欢" not in text and "通知" not in text
        for line in ("同志们：", "一、统一思想，提高认识", "谢谢大家！", f"在第{n}次全县组织工作会议上的讲话", *BODY):
            assert line in text


def test_formulaic_speech_lines_are_never_proposed():
    formulas = ["同志们：", "一、统一思想，提高认识", "尊敬的各位领导：", "谢谢大家！"]
    pages = [f"第{n}号讲话\n\n{formulas[0]}\n\n{BODY[n % 3]}\n\n{formulas[1]}\n\n{BODY[(n + 1) % 3]}\n\n"
             f"{formulas[2]}\n\n{formulas[3]}\n" for n in range(10)]
    proposals = learn(pages, LearnConfig(min_support=3))
    for proposal in proposals:
        pattern = regex.compile(proposal.pattern)
        assert not any(pattern.search(line) for line in formulas + BODY), proposal.pattern


def test_cli_learn_writes_a_file_that_passes_rules_test_and_a_broken_one_is_located(tmp_path):
    scrape = tmp_path / "scrape"
    scrape.mkdir()
    for n in range(6):
        (scrape / f"p{n}.txt").write_text(_page(n, f"2022-0{n + 1}-0{n + 1}"), encoding="utf-8")
    out = tmp_path / "learned-site.toml"
    result = runner.invoke(app, ["rules", "learn", str(scrape), "--out", str(out)])
    assert result.exit_code == 0, result.output
    found = re.fullmatch(rf"(\d+) rules proposed from 6 pages in {re.escape(str(out))}; review them, then clean with "
                         rf"--rules {re.escape(str(out))}\n", result.stdout)
    assert found and int(found.group(1)) >= 1
    assert runner.invoke(app, ["rules", "test", str(out)]).exit_code == 0
    listed = runner.invoke(app, ["rules", "list", str(out)])
    assert listed.exit_code == 0 and "learned-site.line-1" in listed.stdout
    explained = runner.invoke(app, ["rules", "explain", "learned-site.line-1", str(out)])
    assert explained.exit_code == 0 and "support:" in explained.stdout and "matches:" in explained.stdout
    broken = out.read_text(encoding="utf-8").replace("pattern = '''^", "pattern = '''^(", 1)
    out.write_text(broken, encoding="utf-8")
    result = runner.invoke(app, ["rules", "test", str(out)])
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if text.startswith("pattern = '''^("))
    assert result.exit_code == 3 and f"{out}:{line}: rule learned-site." in result.stdout and "does not compile" in result.stdout


def test_rules_list_counts_hits_of_a_run(tmp_path):
    from .conftest import CORPUS
    runner.invoke(app, ["clean", str(CORPUS), "--out", str(tmp_path / "out")])
    result = runner.invoke(app, ["rules", "list", "--run", str(tmp_path / "out")])
    row = next(line for line in result.stdout.splitlines() if line.startswith("related-links.header"))
    assert row.split() == ["related-links.header", "related-links", "to-end", "drop-to-end", "2"]


def test_explain_a_built_in_step_and_an_unknown_rule():
    assert "Joins a line" in runner.invoke(app, ["rules", "explain", "layout.join-broken-line"]).stdout
    result = runner.invoke(app, ["rules", "explain", "nope.rule"])
    assert result.exit_code == 2 and "no rule nope.rule" in result.stderr


@pytest.mark.parametrize("name", ["bad name", "x.y"])
def test_learn_refuses_an_output_name_that_cannot_be_a_family(tmp_path, name):
    (tmp_path / "in").mkdir()
    result = runner.invoke(app, ["rules", "learn", str(tmp_path / "in"), "--out", str(tmp_path / f"{name}.toml")])
    assert result.exit_code == 3


def _nonblank(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _learn_file(tmp_path, pages: list[str], name: str = "learned-site"):
    path = tmp_path / f"{name}.toml"
    path.write_text(to_toml(learn(pages), name, f"{len(pages)} pages"), encoding="utf-8")
    return path


def test_a_notice_site_keeps_signature_date_note_and_title_when_every_page_ends_with_the_office(tmp_path):
    """Learn from 5 notices of one bureau, clean 5 others with the learned rules only."""
    scrape, held_out = tmp_path / "scrape", tmp_path / "next"
    scrape.mkdir(), held_out.mkdir()
    pages = [site_pages.notice(n) for n in range(10)]
    for n, (text, _, _) in enumerate(pages):
        (scrape if n < 5 else held_out).joinpath(f"notice-{n}.txt").write_text(text, encoding="utf-8")
    rules = tmp_path / "learned-bureau.toml"
    assert runner.invoke(app, ["rules", "learn", str(scrape), "--out", str(rules)]).exit_code == 0
    result = runner.invoke(app, ["clean", str(held_out), "--out", str(tmp_path / "out"), "--no-default-rules", "--rules", str(rules)])
    assert result.exit_code == 0, result.output
    for n, (_, kept, chrome) in enumerate(pages[5:], 5):
        cleaned = _nonblank((tmp_path / "out" / f"notice-{n}.txt").read_text(encoding="utf-8"))
        assert cleaned == kept  # title, addressee, body, attachment, office, date and note; no chrome
        assert not set(chrome) & set(cleaned)


@pytest.mark.parametrize("sidebar", [False, True], ids=["related-links", "sidebar"])
def test_titles_that_mirror_sites_list_on_every_page_are_never_removed(tmp_path, sidebar):
    """Every page lists every other page's title; learn from 5 pages, clean all 10."""
    pages = [site_pages.mirrored_speech(n, sidebar=sidebar) for n in range(10)]
    ruleset = load_rules([_learn_file(tmp_path, [text for text, _, _ in pages[:5]])])
    assert not any(rule.matches_line(site_pages.speech_title(n)) for rule in ruleset for n in range(10))
    for text, kept, _ in pages:
        cleaned = _nonblank(clean_text(text, ruleset).text)
        assert [line for line in cleaned if line in kept] == kept  # title, bracketed date, speech
        if not sidebar:  # and the chrome goes; a sidebar's links stay, as no rule may take one
            assert cleaned == kept


def test_copies_of_one_document_on_mirror_sites_teach_no_rule_against_it():
    pages = [site_pages.copy_on_mirror(doc, site) for doc in range(4) for site in range(3)]
    for proposal in learn([text for text, _, _ in pages]):
        pattern = regex.compile(proposal.pattern)
        for _, kept, _ in pages:
            assert not any(pattern.search(fold_for_matching(line)) for line in kept), proposal.pattern


def test_the_learned_file_does_not_depend_on_the_order_of_the_pages():
    pages = [builder(n)[0] for n in range(8) for builder in (site_pages.notice, site_pages.mirrored_speech, site_pages.document_preview)]
    expected = to_toml(learn(pages), "learned-mixed", "24 pages")
    assert to_toml(learn(pages[::-1]), "learned-mixed", "24 pages") == expected
    for seed in range(3):
        shuffled = pages[:]
        random.Random(seed).shuffle(shuffled)
        assert to_toml(learn(shuffled), "learned-mixed", "24 pages") == expected


def test_a_line_whose_comma_and_spacing_differ_between_pages_is_one_rule():
    pages = [site_pages.document_preview(n) for n in range(10)]
    proposals = [p for p in learn([text for text, _, _ in pages]) if "已阅读" in p.pattern]
    assert len(proposals) == 1 and proposals[0].support == 10
    rule = regex.compile(proposals[0].pattern)
    for variant in ("已阅读5页,还剩13页未读", "已阅读5页，还剩13页未读", "已阅读5页 ， 还剩13页未读", "已阅读5页还剩13页未读"):
        assert rule.search(fold_for_matching(variant)), variant
    assert not rule.search(fold_for_matching("已阅读513页未读"))


def test_rules_list_ends_with_the_built_in_steps(tmp_path):
    from .conftest import CORPUS
    runner.invoke(app, ["clean", str(CORPUS), "--out", str(tmp_path / "out")])
    lines = runner.invoke(app, ["rules", "list", "--run", str(tmp_path / "out")]).stdout.splitlines()
    assert [line.split() for line in lines if line.startswith(("pinyin.", "layout.joins", "layout.whitespace"))] == [
        ["pinyin.annotation", "pinyin", "prepare", "built-in", "391"],
        ["layout.whitespace", "layout", "prepare", "built-in", "29"],
        ["layout.joins", "layout", "layout", "built-in", "9"],
    ]
    assert lines[-1].endswith(" files, 9 built-in steps")
