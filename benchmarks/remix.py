"""Many new paragraphs from a few hundred real ones, for the speed and scale benchmarks.

Each paragraph is a real paragraph of the pool (benchmarks/planted.py) with two in five of its Han
characters redrawn from the pool's own characters: new text with a real length, script,
punctuation and damage (pinyin annotations, placeholders, forum junk stay where they were). One in
ten is instead a damaged copy (any planted kind) of an earlier paragraph, so there is something to
find. Drawn with numpy, so a million paragraphs take seconds.
"""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from benchmarks import planted

PER_FILE = 100
HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF


def remixed(count: int, pool: list[planted.Paragraph], seed: int = 0, copies: float = 0.1) -> list[str]:
    texts = [p.text for p in pool if len(planted.folded(p.text)) >= planted.MIN_CHARS]
    rng = np.random.default_rng(seed)
    points = [np.frombuffer(t.encode("utf-32-le"), dtype=np.uint32) for t in texts]
    alphabet = np.concatenate([p[(p >= HAN_FIRST) & (p <= HAN_LAST)] for p in points])
    chosen = rng.integers(0, len(texts), size=count)
    out: list[str] = []
    for n, which in enumerate(chosen.tolist()):
        source = points[which].copy()
        han = (source >= HAN_FIRST) & (source <= HAN_LAST) & (rng.random(len(source)) < 0.4)
        source[han] = alphabet[rng.integers(0, len(alphabet), size=int(han.sum()))]
        out.append(source.astype("<u4").tobytes().decode("utf-32-le"))
    damage = random.Random(seed)
    letters = "".join(chr(c) for c in alphabet[:3000].tolist())
    for n in range(1, count):
        if damage.random() < copies:
            kind = damage.choice(planted.KINDS)
            source = out[damage.randrange(n)]
            if planted.eligible(kind, source):
                out[n] = planted.damaged(kind, source, damage, letters, "在上级党委的正确领导下")
    return out


def write(folder: Path, texts: list[str]) -> int:
    """PER_FILE paragraphs a file, one a line; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for number in range(0, len(texts), PER_FILE):
        data = "".join(t.strip() + "\n" for t in texts[number:number + PER_FILE]).encode("utf-8")
        (folder / f"doc{number // PER_FILE:06d}.txt").write_bytes(data)
        size += len(data)
    return size
