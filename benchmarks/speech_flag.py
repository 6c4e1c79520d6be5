"""How far a reviewer can trust the report's "looks like speech" flag: its precision and recall as
a detector of removed keep lines, on labelled pages.

usage: python benchmarks/speech_flag.py FOLDER [FOLDER ...]    (e.g. ../shared/scrapes/dev ../shared/scrapes/essay-sites)

Each FOLDER holds pages and gold/<name>.json ({source, keep, drop}: the lines an expert keeps and
drops). The pages are cleaned with the built-in rules; every whole line a removal takes (at least
four letters or digits) is a removed keep line when its words stand inside a gold keep line that
the cleaned page lacks (a repeated title removed once is no loss) and are no gold drop line. The
flag is right on a removed keep line and wrong on any other removed line:
precision = flagged keep lines / flagged lines, recall = flagged keep lines / removed keep lines.
The flag of the earlier report (any removed line of 40 characters that ends a sentence) is scored
beside it.

Today's rules remove almost no keep line of these pages, so each folder is scored twice: as the
built-in rules clean it, and with a planted over-broad rule (OVERREACH: it drops every line that
holds 我们, 工作 or 发展, speech and chrome alike), which gives the flag keep lines to find.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.clean import clean_text  # noqa: E402
from cleaner.normalize import fold_for_matching  # noqa: E402
from cleaner.rules import default_rules_dir, load_rules  # noqa: E402
from cleaner.report_data import SPEECH_MARGIN, DocumentView, speech_lines  # noqa: E402
from cleaner.zones import is_body_line  # noqa: E402

WORDS = regex.compile(r"[\p{L}\p{N}]+")
PINYIN = regex.compile(r"(?<=\p{Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")  # as ../shared/tools/score_clean.py has it
MIN_WORDS = 4
OVERREACH = """[[rule]]
id = "overreach.common-words"
description = "Planted for the benchmark: drops every line with a common word of speeches."
scope = "line"
action = "drop-line"
pattern = '^.*(?:我们|工作|发展).*$'
must_match = ["我们要抓好工作。"]
must_not_match = ["同志们："]
"""


def words(text: str) -> str:
    """The letters and digits of a line, folded, without pinyin readings (gold lines have none)."""
    return "".join(WORDS.findall(fold_for_matching(PINYIN.sub("", text)))).lower()


def whole_lines(original: str, edit) -> list[str]:
    """The lines an edit removes whole (not a pinyin reading or a suffix cut from a line)."""
    pieces = edit.old.split("\n")
    whole = []
    for n, piece in enumerate(pieces):
        starts = n > 0 or edit.start == 0 or original[edit.start - 1] == "\n"
        ends = n < len(pieces) - 1 or edit.end == len(original) or original[edit.end] == "\n"
        if starts and ends and piece.strip():
            whole.append(piece)
    return whole


def earlier_flag(document: DocumentView, edit) -> list[str]:
    """The flag as the report had it: a long line ending in 。 removed from the middle."""
    size = max(len(document.original), 1)
    if edit.new or not SPEECH_MARGIN <= edit.start / size <= 1 - SPEECH_MARGIN:
        return []
    return [line for line in edit.old.split("\n") if len(line.strip()) >= 40 and is_body_line(line) and line.strip().endswith("。")]


def score(folder: Path, ruleset=None) -> dict:
    counts = {"pages": 0, "removed": 0, "removed_keep": 0}
    for flag in ("now", "before"):
        counts[flag] = {"flagged": 0, "right": 0}
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (folder / gold["source"]).read_text(encoding="utf-8")
        result = clean_text(text, ruleset, doc=gold["source"])
        document = DocumentView(0, gold["source"], "utf-8", [], result.original, result.text, result.edits)
        kept = "\n".join(words(line) for line in result.text.split("\n"))
        lost = [k for k in (words(line) for line in gold["keep"]) if k not in kept]
        drop = {words(line) for line in gold["drop"]}
        counts["pages"] += 1
        for edit in result.edits:
            if edit.new:
                continue
            flagged = {"now": set(speech_lines(document, edit)), "before": set(earlier_flag(document, edit))}
            for line in whole_lines(result.original, edit):
                found = words(line)
                if len(found) < MIN_WORDS:
                    continue
                is_keep = found not in drop and any(found in k for k in lost)
                counts["removed"] += 1
                counts["removed_keep"] += is_keep
                for flag in ("now", "before"):
                    if line in flagged[flag]:
                        counts[flag]["flagged"] += 1
                        counts[flag]["right"] += is_keep
    return counts


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        planted = Path(scratch) / "overreach.toml"
        planted.write_text(OVERREACH, encoding="utf-8")
        overreaching = load_rules([default_rules_dir(), planted])
        for folder in args.folders:
            _print(folder.name, score(folder))
            _print(folder.name + " + overreach", score(folder, overreaching))


def _print(name: str, c: dict) -> None:
    line = f"{name}: {c['pages']} pages, {c['removed']} removed lines, {c['removed_keep']} of them keep lines;"
    for flag, label in (("now", "flag"), ("before", "earlier flag")):
        f = c[flag]
        line += (f" {label}: {f['flagged']} flagged, {f['right']} right, precision {_ratio(f['right'], f['flagged'])}, "
                 f"recall {_ratio(f['right'], c['removed_keep'])};")
    print(line.rstrip(";"))


if __name__ == "__main__":
    main()
