"""Write a corpus with planted repeats and quotes (benchmarks/planted.py) and its ground truth.

usage: python benchmarks/generate.py OUT_DIR [--seed N] [--docs N] [--paragraphs-per-doc N] [--extra DIR ...]

Paragraphs of corpus/ (and of the --extra folders) with one damaged copy each and hard negatives;
for --docs more documents than one round fills, further rounds (seed, seed + 1, ...) are added, so
sources recur across rounds. OUT_DIR/truth.json records where every paragraph went.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import planted  # noqa: E402


def write(out_dir: Path, seed: int = 0, docs: int | None = None, per_doc: int = 8, extra: list[Path] | None = None) -> dict:
    pool = planted.pool(extra or [])
    documents = planted.build(pool, seed, per_doc)
    round_seed = seed
    while docs and len(documents) < docs:
        round_seed += 1
        documents += planted.build(pool, round_seed, per_doc)
    places = planted.write(out_dir, documents[:docs] if docs else documents)
    truth = {"seed": seed, "pool": len(pool), "kinds": list(planted.KINDS), "paragraphs": places}
    (out_dir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--docs", type=int, default=None, help="number of documents (adds rounds)")
    parser.add_argument("--paragraphs-per-doc", type=int, default=8)
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="folders of gold/*.json or *.txt paragraphs")
    args = parser.parse_args()
    truth = write(args.out, args.seed, args.docs, args.paragraphs_per_doc, args.extra)
    print(f"{len(truth['paragraphs'])} paragraphs from a pool of {truth['pool']} in {args.out}")


if __name__ == "__main__":
    main()
