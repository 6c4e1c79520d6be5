"""End to end: `cleaner dedup` against the datasketch peer on the same 50,000 paragraphs.

usage: python benchmarks/dedup_speed.py WORK_DIR [--paragraphs 50000] [--runs 3] [--extra DIR ...]

The paragraphs (benchmarks/remix.py): the real paragraphs of the pool (corpus/ and, when present,
the labelled pages beside the repository), each used many times with a different two in five of
its Han characters redrawn, so that every paragraph is new text of a real length, script,
punctuation and damage; one in ten is a damaged copy of an earlier one. 100 paragraphs a file.

Each run times the whole command from outside (start-up included) in turn, peer and cleaner, and
reports the median wall time of each and the ratio, with the machine's load average:
  peer             python benchmarks/peer_datasketch.py DIR  (MinHash + MinHashLSH, 5-grams, threshold 0.7)
  cleaner          cleaner dedup DIR --out WORK_DIR/clusters.jsonl
  cleaner --jobs 2 the same with two worker processes
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import planted, remix  # noqa: E402


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--paragraphs", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--extra", type=Path, nargs="*", help="folders for the pool (default: the labelled pages, if present)")
    args = parser.parse_args()
    docs = args.work / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    pool = planted.pool(args.extra if args.extra is not None else planted.default_extra())
    texts = remix.remixed(args.paragraphs, pool)
    size = remix.write(docs, texts)
    mean = statistics.mean(len(t) for t in texts)
    print(f"{len(texts):,} paragraphs ({mean:.0f} characters on average, {size / 1e6:.1f} MB) in {len(list(docs.iterdir()))} files, "
          f"from a pool of {len(pool)} real paragraphs")
    cleaner = shutil.which("cleaner") or str(Path(sys.executable).parent / "cleaner")
    commands = {
        "peer (datasketch)": [sys.executable, str(ROOT / "benchmarks" / "peer_datasketch.py"), str(docs)],
        "cleaner dedup": [cleaner, "dedup", str(docs), "--out", str(args.work / "clusters.jsonl")],
        "cleaner dedup --jobs 2": [cleaner, "dedup", str(docs), "--out", str(args.work / "clusters-2.jsonl"), "--jobs", "2"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):  # in turn, so a drift in the machine's speed touches all alike
        for name, command in commands.items():
            times[name].append(timed(command))
    load = os.getloadavg()
    peer = statistics.median(times["peer (datasketch)"])
    print(f"{'command':<24} {'median s':>9} {'runs':>24} {'peer / this':>12}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<24} {median:>9.2f} {' '.join(f'{v:.2f}' for v in values):>24} {peer / median:>11.1f}x")
    same = (args.work / "clusters.jsonl").read_bytes() == (args.work / "clusters-2.jsonl").read_bytes()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores; "
          f"--jobs 1 and --jobs 2 clusters identical: {same}")


if __name__ == "__main__":
    main()
