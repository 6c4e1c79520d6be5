"""Clean throughput on a large JSON Lines file made from corpus/: MB/s and peak memory, 1 and 2 jobs.

usage: python benchmarks/clean_speed.py WORK_DIR [--mb 1000] [--jobs 1 2] [--peers justext c4]

The file repeats the five corpus scrapes as records ({"id", "source", "text"}) until it reaches
--mb megabytes; `cleaner clean FILE --out DIR --jobs N` runs with the default rules, and the
resident memory of the command and its workers is sampled as it runs (flat memory means the
records stream through). Then each peer of peer_clean.py that is installed cleans the same file
in one process, as a whole command too, so that the figures of one run compare on one machine.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import peer_clean  # noqa: E402
from benchmarks.dedup_scale import run_measured  # noqa: E402


def make(path: Path, megabytes: int) -> int:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    size, n = 0, 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 1_000_000:
            name, text = texts[n % len(texts)]
            line = json.dumps({"id": n, "source": name, "text": text}, ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--mb", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--peers", nargs="*", default=sorted(peer_clean.PEERS), choices=sorted(peer_clean.PEERS))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    data = args.work / "corpus.jsonl"
    if not data.exists():
        print(f"made {data}: {make(data, args.mb):,} records")
    size = data.stat().st_size
    cleaner = str(Path(sys.executable).parent / "cleaner")
    for jobs in args.jobs:
        out = args.work / f"out-{jobs}"
        command = [cleaner, "clean", str(data), "--out", str(out), "--jobs", str(jobs)]
        wall, peak, output = run_measured(command)
        print("$ " + " ".join(command))
        print(output.strip().splitlines()[-1])
        print(f"{jobs} job(s): {size / 1e6:,.0f} MB in {wall:.1f} s = {size / 1e6 / wall:.1f} MB/s "
              f"({size / 1e6 / wall / jobs:.1f} MB/s per process), peak memory {peak / 2**20:,.0f} MiB")
    for peer in args.peers:
        missing = peer_clean.available(peer)
        if missing:
            print(f"peer {peer}: not run ({missing})")
            continue
        command = [sys.executable, str(ROOT / "benchmarks" / "peer_clean.py"), peer, str(data), str(args.work / f"peer-{peer}.jsonl")]
        wall, peak, output = run_measured(command)
        print(output.strip().splitlines()[-1])
        print(f"peer {peer}, 1 process: {size / 1e6:,.0f} MB in {wall:.1f} s = {size / 1e6 / wall:.1f} MB/s, "
              f"peak memory {peak / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
