"""How well the rules clean pages of sites they were not written for: one table, and the worst pages.

usage: python benchmarks/generalisation.py [--shared ../shared] [--rules FILE ...] [--worst N] [--verbose]

Cleans `../shared/scrapes/essay-sites` (范文, document-sharing and forum pages of ~36 hosts),
`../shared/scrapes/dev` (news and government pages) and the five samples of `corpus/` with the
default rules (plus any --rules), and scores each with `../shared/tools/score_clean.py` against the
expert labels: keep (letters and digits of the lines to keep that survive), drop (characters of
the site's lines that are gone), joins (broken lines joined), over-joins (paragraphs glued that the
labels keep apart) and pinyin annotations left. The samples have no expert labels: their reviewed
golden outputs (tests/golden/corpus) stand in, every line of a golden output to keep and every
input line absent from it to drop.

The pages are a sample of the web, not the test: the same figures are measured on pages of other
sites. Use this to see whether a change generalises, never to tune a rule to one page.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import apply_edits  # noqa: E402
from cleaner.pinyin import repair_pinyin  # noqa: E402

SUMMARY = re.compile(r"keep ([\d.]+) drop ([\d.]+) joins ([\d.]+) overjoins (\d+)/(\d+) pinyin-left (\d+) docs-missing (\d+)")
PAGE = re.compile(r"^(\S+): keep ([\d.]+)  drop ([\d.]+)  joins (\d+)/(\d+)")


def sample_gold(folder: Path) -> Path:
    """Labels for the samples made from their reviewed golden outputs."""
    gold = folder / "gold"
    gold.mkdir(parents=True)
    for source in sorted((ROOT / "corpus").glob("*.txt")):
        golden = (ROOT / "tests" / "golden" / "corpus" / source.name).read_text(encoding="utf-8")
        kept = [line.strip() for line in golden.splitlines() if line.strip()]
        text = source.read_text(encoding="utf-8")
        text = apply_edits(text, repair_pinyin(text))  # an annotation is repaired, not a dropped line
        flat = "".join(golden.split())
        dropped = [line.strip() for line in text.splitlines() if line.strip() and "".join(line.split()) not in flat]
        (gold / f"{source.stem}.json").write_text(json.dumps(
            {"source": source.name, "keep": kept, "drop": dropped, "joins": []}, ensure_ascii=False), encoding="utf-8")
    return gold


def clean(pages: Path, out: Path, rules: list[str]) -> None:
    command = [sys.executable, "-m", "cleaner.cli", "clean", str(pages), "--out", str(out), "--glob", "*.txt"]
    for rule_file in rules:
        command += ["--rules", rule_file]
    subprocess.run(command, check=False, capture_output=True)


def score(scorer: Path, gold: Path, out: Path, verbose: bool) -> tuple[dict, list[dict], list[str]]:
    done = subprocess.run([sys.executable, str(scorer), str(gold), str(out), "-v"], capture_output=True, text=True)
    pages, details, current = [], [], []
    for line in done.stdout.splitlines():
        if line.startswith("  "):
            current.append(line.strip())
        elif match := PAGE.match(line):
            name, keep, drop, joined, joins = match.groups()
            pages.append({"page": name, "keep": float(keep), "drop": float(drop), "joins": f"{joined}/{joins}",
                          "notes": current})
            current = []
    summary = SUMMARY.search(done.stdout)
    if summary is None:
        raise SystemExit(f"score_clean.py gave no summary:\n{done.stdout}\n{done.stderr}")
    keep, drop, joins, over, pairs, pinyin, missing = summary.groups()
    figures = {"pages": len(pages), "keep": float(keep), "drop": float(drop), "joins": float(joins),
               "over-joins": f"{over}/{pairs}", "pinyin-left": int(pinyin), "missing": int(missing)}
    return figures, pages, details


def copied_examples(pages: list[Path], rule_files: list[str]) -> list[tuple[str, str]]:
    """must_match examples that are verbatim lines of the measuring pages: a rule must be written
    as the class, with other words and numbers, or its figure here measures nothing."""
    from cleaner import load_rules
    from cleaner.rules import default_rules_dir

    lines = {line.strip() for folder in pages for page in folder.glob("*.txt")
             for line in page.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()}
    rules = load_rules([default_rules_dir(), *map(Path, rule_files)])
    return [(rule.id, example) for rule in rules for example in rule.must_match if example.strip() in lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rules", action="append", default=[], help="extra rule files, as for cleaner clean --rules")
    parser.add_argument("--worst", type=int, default=5, help="worst pages listed per set")
    parser.add_argument("--verbose", action="store_true", help="list every missed line of the worst pages")
    args = parser.parse_args()
    scorer = args.shared / "tools" / "score_clean.py"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        sets = [("essay-sites", args.shared / "scrapes" / "essay-sites", args.shared / "scrapes" / "essay-sites" / "gold"),
                ("dev", args.shared / "scrapes" / "dev", args.shared / "scrapes" / "dev" / "gold"),
                ("samples", ROOT / "corpus", sample_gold(work / "samples"))]
        print(f"{'pages':<12} {'n':>3}  {'keep':>5}  {'drop':>5}  {'joins':>5}  {'over-joins':>10}  {'pinyin left':>11}")
        worst = []
        for name, pages, gold in sets:
            out = work / f"out-{name}"
            clean(pages, out, args.rules)
            figures, per_page, _ = score(scorer, gold, out, args.verbose)
            print(f"{name:<12} {figures['pages']:>3}  {figures['keep']:>5.3f}  {figures['drop']:>5.3f}  "
                  f"{figures['joins']:>5.3f}  {figures['over-joins']:>10}  {figures['pinyin-left']:>11}")
            ranked = sorted(per_page, key=lambda p: (min(p["keep"], p["drop"]), p["keep"], p["page"]))[:args.worst]
            worst += [(name, p) for p in ranked if min(p["keep"], p["drop"]) < 1.0]
        copied = copied_examples([path for _, path, _ in sets], args.rules)
        print(f"\nrule examples copied from these pages: {len(copied)}" + "".join(f"\n  {rule}: {example}" for rule, example in copied))
        print("\nworst pages (keep, drop, joins):")
        for name, page in worst:
            print(f"  {name:<12} {page['page'][:60]:<60} {page['keep']:.3f} {page['drop']:.3f} {page['joins']}")
            for note in page["notes"] if args.verbose else page["notes"][:3]:
                print(f"      {note[:110]}")


if __name__ == "__main__":
    main()
