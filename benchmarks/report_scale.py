"""Build the review report of a 10,000-document run and measure it: time, pages, largest page.

usage: python benchmarks/report_scale.py WORK_DIR [--docs N]

Generates N documents with benchmarks/generate.py (paragraphs of corpus/ with planted repeats),
runs `cleaner run` on them (clean and dedup), then times `cleaner report` alone.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import write  # noqa: E402


def _cleaner() -> str:
    return shutil.which("cleaner") or str(Path(sys.executable).parent / "cleaner")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--docs", type=int, default=10_000)
    args = parser.parse_args()
    docs, run, report = args.work / "docs", args.work / "run", args.work / "report"
    for folder in (docs, run, report):
        shutil.rmtree(folder, ignore_errors=True)
    truth = write(docs, seed=1, docs=args.docs, per_doc=8)
    print(f"generated {args.docs:,} documents, {len(truth['paragraphs']):,} paragraphs")
    started = time.perf_counter()
    subprocess.run([_cleaner(), "run", str(docs), "--out", str(run), "--jobs", "2"], check=True, stdout=subprocess.DEVNULL)
    print(f"cleaner run: {time.perf_counter() - started:.1f} s")
    command = [_cleaner(), "report", str(run), "--out", str(report)]
    started = time.perf_counter()
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()
    elapsed = time.perf_counter() - started
    pages = [p for p in report.rglob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    total = sum(p.stat().st_size for p in report.rglob("*") if p.is_file())
    print("$ " + " ".join(command))
    print(output)
    print(f"report: {elapsed:.1f} s, {len(pages):,} pages, {total / 1e6:.0f} MB in all, "
          f"largest page {largest.relative_to(report)} {largest.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
