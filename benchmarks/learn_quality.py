"""Learn rules from one batch of scraped pages, clean a second batch with only those rules, score it.

usage: python benchmarks/learn_quality.py [--pages N] [--dev]

Pages are composed for four sites that copy the chrome of the sites in corpus/ (a header with a
post date, an editor's blurb, membership ads, a title suffix, related-links lists with other
pages' titles and excerpts), with dates, prices and link titles varied per page, around speech
text taken from corpus/. Batch 1 (seed 1) is learned from; batch 2 (seed 2, new dates, titles and
speeches) is cleaned with `--no-default-rules --rules learned.toml` and scored by line:
  chrome removed: share of the chrome characters gone from the output
  document lost:  share of the speech characters missing from the output
With --dev it also learns from ../shared/scrapes/dev plus batch 1 and reports score_clean.py's keep
and drop on the dev pages with the default rules, before and after adding the learned rules.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import clean_text, load_rules  # noqa: E402
from cleaner.passages import split_passages  # noqa: E402
from cleaner.rules import default_rules_dir  # noqa: E402
from cleaner.zones import HEADING_MARKER, is_title_like  # noqa: E402

DEV = ROOT.parent / "shared" / "scrapes" / "dev"


def speech_paragraphs() -> list[str]:
    rules = load_rules([default_rules_dir()])
    out = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8"), rules).text
        out += [text[p.start:p.end] for p in split_passages(text, "paragraph")]
    return out


def titles(paragraphs: list[str]) -> list[str]:
    """Title-like lines for other pages: short headings of the corpus plus composed ones."""
    heads = [p for p in paragraphs if 6 <= len(p) <= 30 and not p.endswith(("。", "：", ":")) and not HEADING_MARKER.match(p) and is_title_like(p)]
    topics = ["机关党建", "基层党建", "党风廉政", "组织工作", "宣传思想", "统战工作", "作风建设", "意识形态"]
    kinds = ["工作会议上的讲话", "述职报告", "心得体会", "工作总结", "讲话稿范文", "专题党课讲稿"]
    return heads + [f"在全市{t}{k}" for t in topics for k in kinds]


def page(site: str, rng: random.Random, paragraphs: list[str], all_titles: list[str]) -> list[tuple[str, bool]]:
    """(line, is_chrome) pairs of one page of `site`."""
    title = rng.choice(all_titles)
    start = rng.randrange(0, len(paragraphs) - 8)
    body = [(p, False) for p in paragraphs[start:start + rng.randint(4, 8)] if len(p) >= 20]
    date = f"{rng.randint(2015, 2024)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    others = rng.sample(all_titles, 8)
    if site == "fanwen":  # like seed 001
        head = [(f"{title} - 范文中心", True), ("", False), (title, False), ("", False),
                (f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}", True), ("", False), (title, True), ("", False)]
        tail = [("", False), (str(rng.randint(2, 40)), True), ("", False), ("相关内容", True), ("", False)]
        for other in others[:5]:
            tail += [(f"  • {other}", True), (f"    {other} {rng.choice(paragraphs)[:60]} ...", True)]
        return head + _spaced(body) + tail
    if site == "general":  # like seed 000
        head = [(title, False), ("", False), (f"General 更新 {date}", True), ("", False),
                (f"  {title}是一项重要工作下面就是小编给大家整理的,仅供参考。", True), ("", False)]
        tail = [(others[0], True), (others[1], True), ("相关知识", True)] + [(o, True) for o in others[2:8]]
        return head + _spaced([("  " + line, chrome) for line, chrome in body]) + [("", False)] + tail
    if site == "kule":  # like seed 002
        price = rng.randint(2, 5)
        head = [("仅供学习 禁止外传", True), ("酷乐文行", True), ("自建平台、实时分享", True), ("根据实际需求和形式任务不断迭代", True),
                (f"现在订阅立享前{price}年的所有权益和资料 ", True), ("", False), ("【打击倒卖活动】", True),
                ("举报倒卖会员资料的人，举报成功免费赠送一年会员材料！", True), (f"会员群：{rng.randint(100000, 999999)}  免费QQ群：{rng.randint(100000, 999999)}", True),
                ("", False), ("", False), (title, False), ("同志们：", False)]
        return head + body
    # "wenmi", like seed 003
    stamp = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"
    head = [(title, False), ("", False), (f"時間:{stamp}", True), ("", False),
            (f"導語:{title}一文來源於網友上傳,不代表本站觀點,若需要原創文章可咨詢客服老師,歡迎參考。", True), ("", False), (title, True), ("", False)]
    return head + _spaced(body)


def _spaced(lines: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    out = []
    for line in lines:
        out += [line, ("", False)]
    return out


SITES = ("fanwen", "general", "kule", "wenmi")


def write_batch(folder: Path, seed: int, pages: int) -> list[list[tuple[str, bool]]]:
    rng = random.Random(seed)
    paragraphs = speech_paragraphs()
    all_titles = titles(paragraphs)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for site in SITES:
        for n in range(pages):
            lines = page(site, rng, paragraphs, all_titles)
            (folder / f"{site}-{n:03d}.txt").write_text("\n".join(line for line, _ in lines) + "\n", encoding="utf-8")
            made.append(lines)
    return made


def score(truth_folder: Path, cleaned: Path, batch: list[list[tuple[str, bool]]]) -> tuple[float, float]:
    chrome = chrome_gone = speech = speech_lost = 0
    names = sorted(p.name for p in truth_folder.glob("*.txt"))
    for name, lines in zip(names, batch):
        output = (cleaned / name).read_text(encoding="utf-8")
        kept = {line.strip() for line in output.splitlines()}
        text = "".join(output.split())
        for line, is_chrome in lines:
            content = line.strip()
            if not content:
                continue
            if is_chrome:
                chrome += len(content)
                chrome_gone += len(content) * (content not in kept)
            else:
                speech += len(content)
                speech_lost += len(content) * ("".join(content.split()) not in text)
    return chrome_gone / chrome, speech_lost / speech


def cleaner(*args: str) -> str:
    command = [str(Path(sys.executable).parent / "cleaner"), *args]
    return subprocess.run(command, capture_output=True, text=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30, help="pages per site in each batch")
    parser.add_argument("--dev", action="store_true", help="also score the dev scrapes before and after learning")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_batch(work / "batch1", 1, args.pages)
        batch2 = write_batch(work / "batch2", 2, args.pages)
        learned = work / "learned-sites.toml"
        print(cleaner("rules", "learn", str(work / "batch1"), "--out", str(learned)).strip())
        print(cleaner("rules", "test", str(learned)).strip())
        cleaner("clean", str(work / "batch2"), "--out", str(work / "clean2"), "--no-default-rules", "--rules", str(learned))
        removed, lost = score(work / "batch2", work / "clean2", batch2)
        print(f"second batch, learned rules only: chrome removed {removed:.3f}, document lost {lost:.4f}")
        cleaner("clean", str(work / "batch2"), "--out", str(work / "clean2-default"))
        removed, lost = score(work / "batch2", work / "clean2-default", batch2)
        print(f"second batch, default rules only: chrome removed {removed:.3f}, document lost {lost:.4f}")
        if args.dev and DEV.is_dir():
            scorer = ROOT.parent / "shared" / "tools" / "score_clean.py"
            dev_learned = work / "learned-dev.toml"
            print(cleaner("rules", "learn", str(DEV), str(work / "batch1"), "--out", str(dev_learned)).strip())
            for label, extra in (("default rules", []), ("default + learned", ["--rules", str(dev_learned)])):
                out = work / f"dev-{len(extra)}"
                cleaner("clean", str(DEV), "--out", str(out), *extra)
                result = subprocess.run([sys.executable, str(scorer), str(DEV / "gold"), str(out)], capture_output=True, text=True)
                print(f"dev scrapes, {label}: {result.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
