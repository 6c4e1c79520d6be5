"""The datasketch peer: near-duplicate paragraphs the way datasketch's documentation shows it.

usage: python benchmarks/peer_datasketch.py DIR [--threshold 0.7] [--num-perm 128]

Per paragraph (a non-blank line of a .txt file under DIR), one `MinHash` updated with the UTF-8 of
each character 5-gram, then `MinHashLSH.query` (the paragraphs seen so far that are near it) and
`insert`: the code a user writes from https://ekzhu.com/datasketch/lsh.html. Prints how many
paragraphs had a near-duplicate before them. No normalisation, no verification, no output files.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from datasketch import MinHash, MinHashLSH


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--threshold", type=float, default=0.7)
    parser.add_argument("--num-perm", type=int, default=128)
    args = parser.parse_args()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm)
    paragraphs = repeated = 0
    for path in sorted(args.folder.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if not text:
                continue
            signature = MinHash(num_perm=args.num_perm)
            for i in range(max(1, len(text) - 4)):
                signature.update(text[i:i + 5].encode("utf-8"))
            key = f"{path.name}:{paragraphs}"
            repeated += bool(lsh.query(signature))
            lsh.insert(key, signature)
            paragraphs += 1
    print(f"{paragraphs} paragraphs, {repeated} with a near-duplicate before them")


if __name__ == "__main__":
    main()
