"""End-to-end `cleaner dedup` on a large corpus: wall time and peak memory, local and Ray.

usage: python benchmarks/dedup_scale.py WORK_DIR [--paragraphs N] [--jobs N] [--engine local ray] [--keep]

Writes N paragraphs (benchmarks/remix.py: real paragraphs with two in five Han characters redrawn,
one in ten a damaged copy of an earlier one; 100 a file), then runs
`cleaner dedup WORK_DIR/docs --out WORK_DIR/clusters-ENGINE.jsonl --jobs N --engine ENGINE` for each
engine, sampling the proportional memory of the whole process tree (the command and its workers)
every 0.2 s, and says whether the engines wrote the same bytes.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import planted, remix  # noqa: E402
def generate(folder: Path, paragraphs: int, seed: int = 0) -> int:
    pool = planted.pool(planted.default_extra())
    return remix.write(folder, remix.remixed(paragraphs, pool, seed))


def _tree_pss(root: int) -> int:
    """Proportional resident memory (bytes) of a process and all its descendants: pages shared by
    forked workers are counted once in total, not once per process."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/smaps_rollup") as rollup:
                pss = next(line for line in rollup if line.startswith("Pss:"))
                rss[int(entry)] = int(pss.split()[1]) * 1024
            children.setdefault(parent, []).append(int(entry))
        except (OSError, ValueError, IndexError, StopIteration):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_measured(command: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0

    def sample():
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_pss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output = process.communicate()[0]
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"command failed ({process.returncode}):\n{output}")
    return time.perf_counter() - start, peak, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--paragraphs", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    parser.add_argument("--engine", nargs="+", default=["local"], choices=["local", "ray"])
    args = parser.parse_args()
    docs = args.work / "docs"
    if not docs.exists():
        size = generate(docs, args.paragraphs)
        print(f"generated {args.paragraphs:,} paragraphs in {len(list(docs.iterdir())):,} files, {size / 1e6:.0f} MB")
    cleaner = shutil.which("cleaner") or str(Path(sys.executable).parent / "cleaner")
    outputs = {}
    for engine in args.engine:
        out = args.work / f"clusters-{engine}.jsonl"
        command = [cleaner, "dedup", str(docs), "--out", str(out), "--jobs", str(args.jobs), "--engine", engine]
        wall, peak, output = run_measured(command)
        load = os.getloadavg()
        print("$ " + " ".join(command))
        print(output.strip())
        print(f"wall {wall:.1f} s, peak memory {peak / 2**20:,.0f} MiB (command and workers), "
              f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
        outputs[engine] = out.read_bytes()
    if len(outputs) > 1:
        print(f"clusters identical across engines: {len(set(outputs.values())) == 1}")
    if not args.keep:
        shutil.rmtree(docs)


if __name__ == "__main__":
    main()
