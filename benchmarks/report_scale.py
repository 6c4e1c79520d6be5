"""Build the review report of runs of 1,000 and 10,000 real-looking pages and measure it: the
report's size against the input's, the time to build it, its files and its largest file.

usage: python benchmarks/report_scale.py WORK_DIR [--docs 1000 10000] [--jobs N]

The pages are remixes of corpus/ and the tests' golden pages: each page is one of them with two
in five of the Han characters of its prose lines redrawn (seeded), its chrome lines untouched, so
every page is new text that the rules clean as they clean the real page. `cleaner clean` makes the
run, then `cleaner report` alone is timed.
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "golden" / "cases").glob("*.in.txt"))
PROSE_MIN_CHARS = 20  # a line this long with clause punctuation is prose to remix; shorter lines are kept
CLAUSES = "，、；。,;"


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def remixed_pages(count: int, seed: int = 1) -> list[tuple[str, str]]:
    """(file name, text) of `count` pages remixed from the templates."""
    templates = [path.read_text(encoding="utf-8") for path in TEMPLATES]
    alphabet = [ch for text in templates for ch in text if _is_han(ch)]
    rng = random.Random(seed)
    pages = []
    for n in range(count):
        lines = []
        for line in templates[n % len(templates)].split("\n"):
            if len(line.strip()) >= PROSE_MIN_CHARS and any(c in line for c in CLAUSES):
                line = "".join(rng.choice(alphabet) if _is_han(ch) and rng.random() < 0.4 else ch for ch in line)
            lines.append(line)
        pages.append((f"{n // 1000:03d}/{n:06d}.txt", "\n".join(lines)))
    return pages


def write_pages(folder: Path, count: int, seed: int = 1) -> int:
    """Write the pages under `folder`; returns their bytes."""
    size = 0
    for name, text in remixed_pages(count, seed):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        size += len(data)
    return size


def _cleaner() -> str:
    return shutil.which("cleaner") or str(Path(sys.executable).parent / "cleaner")


def _folder_bytes(folder: Path) -> tuple[int, int, Path]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    largest = max(files, key=lambda p: p.stat().st_size)
    return sum(p.stat().st_size for p in files), len(files), largest


def measure(work: Path, docs: int, jobs: int) -> None:
    pages, run, report = work / f"pages-{docs}", work / f"run-{docs}", work / f"report-{docs}"
    for folder in (pages, run, report):
        shutil.rmtree(folder, ignore_errors=True)
    size_in = write_pages(pages, docs)
    started = time.perf_counter()
    subprocess.run([_cleaner(), "clean", str(pages), "--out", str(run), "--jobs", str(jobs)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cleaning = time.perf_counter() - started
    command = [_cleaner(), "report", str(run), "--out", str(report)]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, text=True)
    building = time.perf_counter() - started
    size_out, files, largest = _folder_bytes(report)
    print(f"{docs:,} pages, {size_in / 1e6:.1f} MB in (clean {cleaning:.0f} s): report {size_out / 1e6:.1f} MB "
          f"({size_out / size_in:.2f}x the input) in {files:,} files, built in {building:.1f} s; "
          f"largest file {largest.relative_to(report)} {largest.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--docs", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    for docs in args.docs:
        measure(args.work, docs, args.jobs)


if __name__ == "__main__":
    main()
