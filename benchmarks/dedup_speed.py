"""Signature throughput on ~200-character Chinese paragraphs, side by side with datasketch.

usage: python benchmarks/dedup_speed.py [--units N] [--baseline-units N]

All methods take the same normalised paragraphs and shingles (3-character, 128 permutations):
  datasketch update  one MinHash per paragraph, `update` per shingle (its default SHA-1 hash)
  datasketch bulk    `MinHash.bulk` over the shingle lists
  cleaner, 1 / 2 processes   `shingle_hashes` + `signatures` on batches of 256 paragraphs
and cleaner's full fingerprinting (normalisation included) is reported too.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from datasketch import MinHash  # noqa: E402

from cleaner.fingerprint import normalise  # noqa: E402
from cleaner.minhash import DedupConfig, permutations, shingle_hashes, shingles, signatures  # noqa: E402
from cleaner.passages import split_passages  # noqa: E402

BATCH = 256
CONFIG = DedupConfig()


def paragraphs(count: int, seed: int = 0, length: int = 200) -> list[str]:
    """Paragraphs of about `length` characters made of random corpus sentences."""
    pool = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pool += [text[p.start:p.end] for p in split_passages(text, "sentence") if len(text[p.start:p.end]) >= 8]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts, size = [], 0
        while size < length:
            parts.append(rng.choice(pool))
            size += len(parts[-1])
        out.append("".join(parts)[:length])
    return out


def _ours(texts: list[str]) -> int:
    perms = permutations(CONFIG.num_perm, CONFIG.seed)
    for first in range(0, len(texts), BATCH):
        hashes, counts = shingle_hashes(texts[first:first + BATCH], CONFIG.shingle_size)
        signatures(hashes, counts, perms)
    return len(texts)


def _ours_full(texts: list[str]) -> int:
    return _ours(normalise(texts))


def _timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def _parallel(function, texts: list[str], jobs: int) -> float:
    chunks = [texts[i:i + len(texts) // (jobs * 8) + 1] for i in range(0, len(texts), len(texts) // (jobs * 8) + 1)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pool.map(_ours, chunks[:jobs])  # warm the workers
        start = time.perf_counter()
        pool.map(function, chunks)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--baseline-units", type=int, default=5_000, help="paragraphs for datasketch's slow loop")
    args = parser.parse_args()
    raw = paragraphs(args.units)
    texts = normalise(raw)
    grams = [[s.encode("utf-8") for s in shingles(t, CONFIG.shingle_size)] for t in texts[:args.baseline_units]]
    print(f"{args.units:,} paragraphs, mean {np.mean([len(t) for t in raw]):.0f} characters "
          f"({np.mean([len(t) for t in texts]):.0f} after normalisation), "
          f"{CONFIG.shingle_size}-character shingles, {CONFIG.num_perm} permutations")

    def update_loop():
        for shingle_list in grams:
            m = MinHash(num_perm=CONFIG.num_perm, seed=CONFIG.seed)
            for shingle in shingle_list:
                m.update(shingle)

    def bulk():
        MinHash.bulk(grams, num_perm=CONFIG.num_perm, seed=CONFIG.seed)

    rows = [
        ("datasketch update (per shingle)", len(grams) / _timed(update_loop)),
        ("datasketch MinHash.bulk", len(grams) / _timed(bulk)),
        ("cleaner, 1 process", len(texts) / _timed(_ours, texts)),
        ("cleaner, 2 processes", len(texts) / _parallel(_ours, texts, 2)),
        ("cleaner incl. normalisation, 1 process", len(raw) / _timed(_ours_full, raw)),
        ("cleaner incl. normalisation, 2 processes", len(raw) / _parallel(_ours_full, raw, 2)),
    ]
    base = rows[0][1]
    print(f"{'method':<42} {'paragraphs/s':>13} {'vs update':>10}")
    for name, rate in rows:
        print(f"{name:<42} {rate:>13,.0f} {rate / base:>9.0f}x")


if __name__ == "__main__":
    main()
