"""Start-up time: `cleaner --help` against `python -c "import typer"`, and `clean` of one page.

usage: python benchmarks/startup.py [--runs 5]

Each command runs --runs times in a fresh process; the median wall time is reported, with the
ratio of `cleaner --help` to importing typer (the floor of any typer command; the goal is at most
3), and the machine's load average, since other processes change every figure.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "corpus" / "001_a0ac67672984e438.txt"


def cleaner_command() -> list[str]:
    """The installed `cleaner` script beside this interpreter, else `python -m cleaner.cli`."""
    script = Path(sys.executable).with_name("cleaner")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "cleaner.cli"]


def median_seconds(command: list[str], runs: int, stdin: bytes | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(runs: int = 5) -> dict[str, float]:
    cleaner = cleaner_command()
    typer_s = median_seconds([sys.executable, "-c", "import typer"], runs)
    help_s = median_seconds([*cleaner, "--help"], runs)
    work = Path(tempfile.mkdtemp(prefix="cleaner-startup-"))
    try:
        log = work / "edits.jsonl"
        page_s = median_seconds([*cleaner, "clean", "-", "--log", str(log), "-q"], runs, PAGE.read_bytes())
    finally:
        shutil.rmtree(work)
    return {"import_typer_s": typer_s, "help_s": help_s, "ratio": help_s / typer_s, "clean_one_page_s": page_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    figures = measure(args.runs)
    print(f"median of {args.runs} runs, load average {load:.2f} on {os.cpu_count()} CPUs")
    print(f"python -c 'import typer'        {figures['import_typer_s']:.3f} s")
    print(f"cleaner --help                  {figures['help_s']:.3f} s  ({figures['ratio']:.2f}x import typer; goal <= 3)")
    print(f"cat page.txt | cleaner clean -  {figures['clean_one_page_s']:.3f} s  (goal < 0.5 s)")


if __name__ == "__main__":
    main()
