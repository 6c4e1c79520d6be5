"""End-to-end `cleaner dedup` on a large generated corpus: wall time and peak memory.

usage: python benchmarks/dedup_scale.py WORK_DIR [--paragraphs N] [--per-doc N] [--jobs N] [--keep]

Writes N paragraphs of about 200 characters (random common characters with Chinese punctuation,
so every paragraph is new text) into files of --per-doc paragraphs; 5 % of the paragraphs are
damaged copies of earlier ones (a character edited, punctuation changed, a tail cut). Then runs
`cleaner dedup WORK_DIR/docs --out WORK_DIR/clusters.jsonl --jobs N` and samples the resident
memory of the whole process tree (the command and its workers) every 0.2 s.
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

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
COMMON = "的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽讲布母调局根曾准团段终乐切级克精官示冷域存仍境层"


def _paragraphs(count: int, rng: np.random.Generator) -> list[str]:
    chars = np.frombuffer(COMMON.encode("utf-32-le"), dtype=np.uint32)
    comma, stop = ord("，"), ord("。")
    out = []
    for _ in range(count):
        points = rng.choice(chars, size=200)
        points[rng.integers(8, 14)::rng.integers(10, 16)] = comma
        points[-1] = stop
        out.append(points.astype("<u4").tobytes().decode("utf-32-le"))
    for i in rng.choice(np.arange(1000, count), size=count // 20, replace=False):
        source = list(out[int(rng.integers(0, i))])
        source[int(rng.integers(0, len(source)))] = COMMON[int(rng.integers(0, len(COMMON)))]
        cut = int(len(source) * rng.uniform(0.85, 1.0))
        out[i] = "".join(source[:cut]).replace("，", ",", 2)
    return out


def generate(folder: Path, paragraphs: int, per_doc: int, seed: int = 0) -> int:
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    made = 0
    batch = 100_000
    for first in range(0, paragraphs, batch):
        texts = _paragraphs(min(batch, paragraphs - first), rng)
        for offset in range(0, len(texts), per_doc):
            data = ("\n".join(texts[offset:offset + per_doc]) + "\n").encode("utf-8")
            (folder / f"doc{made:07d}.txt").write_bytes(data)
            size += len(data)
            made += 1
    return size


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
    parser.add_argument("--per-doc", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    parser.add_argument("--engine", default="local", choices=["local", "ray"])
    args = parser.parse_args()
    docs = args.work / "docs"
    if not docs.exists():
        size = generate(docs, args.paragraphs, args.per_doc)
        print(f"generated {args.paragraphs:,} paragraphs in {len(list(docs.iterdir())):,} files, {size / 1e6:.0f} MB")
    cleaner = shutil.which("cleaner") or str(Path(sys.executable).parent / "cleaner")
    command = [cleaner, "dedup", str(docs), "--out", str(args.work / f"clusters-{args.engine}.jsonl"), "--jobs", str(args.jobs),
               "--engine", args.engine]
    wall, peak, output = run_measured(command)
    print("$ " + " ".join(command))
    print(output.strip())
    print(f"wall {wall:.1f} s, peak memory {peak / 2**20:,.0f} MiB (command and workers)")
    if not args.keep:
        shutil.rmtree(docs)


if __name__ == "__main__":
    main()
