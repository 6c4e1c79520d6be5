"""Build a corpus with planted repeats from the paragraphs of corpus/, and its ground truth.

usage: python benchmarks/generate.py OUT_DIR [--seed N] [--docs N] [--paragraphs-per-doc N]

Each source paragraph appears once as written and once per kind of damage, in other documents:
exact copy, Traditional<->Simplified flip, punctuation and width changes, a few character edits,
pinyin annotations inserted, truncation to 85-95 %, a clause inserted. Hard negatives are
paragraphs of held-out text that quote one sentence of a source paragraph: not a repeat as
paragraphs, but the quoted sentence is one. OUT_DIR/truth.json records where everything went.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import opencc
from pypinyin import Style, pinyin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import clean_text, load_rules  # noqa: E402
from cleaner.fingerprint import normalise  # noqa: E402
from cleaner.minhash import shingles  # noqa: E402
from cleaner.passages import split_passages  # noqa: E402
from cleaner.rules import default_rules_dir  # noqa: E402

KINDS = ("exact", "script", "punctuation", "edits", "pinyin", "truncation", "clause")
MIN_PARAGRAPH = 80
TO_TRADITIONAL = opencc.OpenCC("s2t")
TO_SIMPLIFIED = opencc.OpenCC("t2s")
PUNCT_SWAP = {"，": ",", ",": "，", "。": ".", "：": ":", ":": "：", "；": ";", "、": ",", "“": "\"", "”": "\""}


def base_paragraphs() -> list[str]:
    """Distinct long paragraphs of the cleaned corpus (no two of them alike)."""
    rules = load_rules([default_rules_dir()])
    found, seen = [], []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8"), rules).text
        for p in split_passages(text, "paragraph"):
            para = text[p.start:p.end]
            if len(para) < MIN_PARAGRAPH:
                continue
            grams = set(shingles(normalise([para])[0], 5))
            if all(len(grams & other) / len(grams | other) < 0.2 for other in seen):
                found.append(para)
                seen.append(grams)
    return found


def sentences(text: str) -> list[str]:
    return [text[p.start:p.end] for p in split_passages(text, "sentence")]


def flip_script(text: str) -> str:
    simplified = TO_SIMPLIFIED.convert(text)
    return TO_TRADITIONAL.convert(text) if simplified == text else simplified


def change_punctuation(text: str, rng: random.Random) -> str:
    out = []
    for char in text:
        if char in PUNCT_SWAP and rng.random() < 0.7:
            char = PUNCT_SWAP[char]
        elif char.isascii() and char.isalnum() and rng.random() < 0.7:
            char = chr(ord(char) + 0xFEE0)  # to full width
        out.append(char)
        if rng.random() < 0.03:
            out.append(rng.choice([" ", "\u3000"]))
    return "".join(out)


def edit_characters(text: str, rng: random.Random, pool: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(2, 4)):
        at = rng.randrange(len(chars))
        action = rng.choice(("replace", "delete", "insert"))
        if action == "replace":
            chars[at] = rng.choice(pool)
        elif action == "delete":
            del chars[at]
        else:
            chars.insert(at, rng.choice(pool))
    return "".join(chars)


def add_pinyin(text: str, rng: random.Random) -> str:
    out = []
    for char in text:
        out.append(char)
        if "\u4e00" <= char <= "\u9fff" and rng.random() < 0.3:
            out.append("(" + pinyin(char, style=Style.TONE)[0][0] + ")")
    return "".join(out)


def truncate(text: str, rng: random.Random) -> str:
    return text[: max(1, round(len(text) * rng.uniform(0.85, 0.95)))]


def insert_clause(text: str, rng: random.Random, clause: str) -> str:
    commas = [i for i, c in enumerate(text) if c in "，,"] or [len(text) // 2]
    at = rng.choice(commas)
    return text[:at] + "，" + clause + text[at:]


def variant(kind: str, text: str, rng: random.Random, pool: str, clause: str) -> str:
    if kind == "exact":
        return text
    if kind == "script":
        return flip_script(text)
    if kind == "punctuation":
        return change_punctuation(text, rng)
    if kind == "edits":
        return edit_characters(text, rng, pool)
    if kind == "pinyin":
        return add_pinyin(text, rng)
    if kind == "truncation":
        return truncate(text, rng)
    return insert_clause(text, rng, clause)


def _one_sentence(paragraph: str, rng: random.Random) -> str:
    """A sentence that is a minor part of the paragraph (at most 40 %), as a quotation would be."""
    found = sentences(paragraph)
    minor = [x for x in found if 12 <= len(x) <= 0.4 * len(paragraph)]
    return rng.choice(minor) if minor else min(found, key=len)


def _rotation(items: list[str], rng: random.Random):
    """Items in shuffled rounds, so that no two hard negatives share much filler text."""
    while True:
        order = items[:]
        rng.shuffle(order)
        yield from order


def build(seed: int = 0, docs: int | None = None, per_doc: int = 8) -> tuple[list[list[dict]], dict]:
    """Documents as lists of planted paragraphs {id, group, kind, text, quote}, and the truth."""
    rng = random.Random(seed)
    paragraphs = base_paragraphs()
    rng.shuffle(paragraphs)
    fillers = paragraphs[: len(paragraphs) // 3]
    sources = paragraphs[len(paragraphs) // 3:]
    pool = "".join(sorted({c for p in sources for c in p if "\u4e00" <= c <= "\u9fff"}))
    filler_sentences = [s for f in fillers for s in sentences(f) if len(s) >= 10]
    rotation = _rotation(filler_sentences, rng)
    planted: list[dict] = []
    for group, source in enumerate(sources):
        planted.append({"group": group, "kind": "source", "text": source})
        for kind in KINDS:
            clause = rng.choice(filler_sentences).rstrip("。！？；")[:16]
            planted.append({"group": group, "kind": kind, "text": variant(kind, source, rng, pool, clause)})
        quoted = _one_sentence(source, rng)
        filler = [next(rotation) for _ in range(3)]
        filler.insert(rng.randint(1, 2), quoted)
        planted.append({"group": -1 - group, "kind": "hard-negative", "quote_of": group, "quote": quoted,
                        "text": "".join(filler)})
    originals = [p for p in planted if p["kind"] == "source"]
    while docs and len(planted) < docs * per_doc:  # padding for large runs: more damaged copies
        source = rng.choice(originals)
        kind = rng.choice(KINDS)
        planted.append({"group": source["group"], "kind": kind,
                        "text": variant(kind, source["text"], rng, pool, rng.choice(filler_sentences)[:12])})
    for number, item in enumerate(planted):
        item["id"] = number
    order = list(range(len(planted)))
    rng.shuffle(order)
    count = docs or max(1, len(planted) // per_doc)
    documents = [[planted[i] for i in order[d::count]] for d in range(count)]
    return documents, {"seed": seed, "sources": len(sources), "kinds": list(KINDS)}


def write(out_dir: Path, seed: int = 0, docs: int | None = None, per_doc: int = 8) -> dict:
    """Write the documents (one paragraph per line) and truth.json with every paragraph's place."""
    documents, truth = build(seed, docs, per_doc)
    out_dir.mkdir(parents=True, exist_ok=True)
    places = []
    for number, paragraphs in enumerate(documents):
        name = f"doc{number:05d}.txt"
        text, offset = [], 0
        for item in paragraphs:
            places.append({**{k: v for k, v in item.items() if k != "text"}, "doc": name, "start": offset,
                           "end": offset + len(item["text"])})
            text.append(item["text"])
            offset += len(item["text"]) + 1
        (out_dir / name).write_text("\n".join(text) + "\n", encoding="utf-8")
    truth["paragraphs"] = places
    (out_dir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--docs", type=int, default=None, help="number of documents (pads with more repeats)")
    parser.add_argument("--paragraphs-per-doc", type=int, default=8)
    args = parser.parse_args()
    truth = write(args.out, args.seed, args.docs, args.paragraphs_per_doc)
    print(f"{len(truth['paragraphs'])} paragraphs from {truth['sources']} sources in {args.out}")


if __name__ == "__main__":
    main()
