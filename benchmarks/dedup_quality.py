"""Pairwise precision and recall of `cleaner dedup` on corpora with planted repeats.

usage: python benchmarks/dedup_quality.py [--rounds N] [--shingle-size N] [--threshold T] ...

Each round generates a corpus (benchmarks/generate.py, seed = round) and runs dedup at paragraph
level and at sentence level with the given settings (default: the tool's defaults). A predicted
pair is two paragraphs in one cluster; it is true when both come from the same source paragraph.
Per kind: recall of (source, variant) pairs, precision of the predicted pairs touching a variant of
that kind; hard negatives count as found when clustered with their source. At sentence level: the
share of hard negatives whose quoted sentence is clustered with the source's sentence.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import KINDS, write  # noqa: E402
from cleaner.dedup import find_repeats  # noqa: E402
from cleaner.minhash import DedupConfig  # noqa: E402


def _locate(truth: dict):
    by_place = {(p["doc"], p["start"]): p for p in truth["paragraphs"]}
    return lambda member: by_place.get((Path(member.doc).name, member.start))


def paragraph_scores(folder: Path, truth: dict, config: DedupConfig, tally: dict) -> None:
    locate = _locate(truth)
    result = find_repeats([folder], config)
    predicted = set()
    for cluster in result.clusters:
        ids = sorted(p["id"] for p in map(locate, cluster.members) if p)
        predicted.update(itertools.combinations(ids, 2))
    info = {p["id"]: p for p in truth["paragraphs"]}
    groups = defaultdict(dict)
    for p in truth["paragraphs"]:
        groups[p["group"]][p["kind"]] = p["id"]
    for group in (g for g in groups if g >= 0):
        source = groups[group]["source"]
        for kind in KINDS:
            pair = tuple(sorted((source, groups[group][kind])))
            tally[kind]["true"] += 1
            tally[kind]["found"] += pair in predicted
        negative = groups[-1 - group]["hard-negative"]
        tally["hard-negative"]["true"] += 1
        tally["hard-negative"]["found"] += tuple(sorted((source, negative))) in predicted
    for a, b in predicted:
        correct = info[a]["group"] == info[b]["group"]
        for kind in {info[a]["kind"], info[b]["kind"]} - {"source"}:
            tally[kind]["predicted"] += 1
            tally[kind]["correct"] += correct
        tally["all"]["predicted"] += 1
        tally["all"]["correct"] += correct


def sentence_scores(folder: Path, truth: dict, config: DedupConfig, tally: dict) -> None:
    """Is each hard negative's quoted sentence in one cluster with the sentence it quotes?"""
    result = find_repeats([folder], config)
    cluster_of = {}
    for cluster in result.clusters:
        for m in cluster.members:
            cluster_of[(Path(m.doc).name, m.start, m.end)] = cluster.id

    def cluster_at(doc: str, position: int):
        return next((cid for (d, start, end), cid in cluster_of.items() if d == doc and start <= position < end), None)

    texts = {name: (folder / name).read_bytes().decode("utf-8") for name in {p["doc"] for p in truth["paragraphs"]}}
    sources = {p["group"]: p for p in truth["paragraphs"] if p["kind"] == "source"}
    for p in truth["paragraphs"]:
        if p["kind"] != "hard-negative" or "quote_of" not in p:
            continue
        source = sources[p["quote_of"]]
        here = texts[p["doc"]].index(p["quote"], p["start"])
        there = texts[source["doc"]].index(p["quote"], source["start"])
        found = cluster_at(p["doc"], here)
        tally["quoted"]["true"] += 1
        tally["quoted"]["found"] += found is not None and found == cluster_at(source["doc"], there)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--shingle-size", type=int, default=DedupConfig.shingle_size)
    parser.add_argument("--threshold", type=float, default=DedupConfig.threshold)
    parser.add_argument("--containment", type=float, default=DedupConfig.containment)
    parser.add_argument("--num-perm", type=int, default=DedupConfig.num_perm)
    args = parser.parse_args()
    settings = dict(shingle_size=args.shingle_size, threshold=args.threshold, containment=args.containment, num_perm=args.num_perm)
    tally = defaultdict(lambda: defaultdict(int))
    sentence_tally = defaultdict(lambda: defaultdict(int))
    for seed in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            truth = write(Path(tmp), seed)
            paragraph_scores(Path(tmp), truth, DedupConfig(unit="paragraph", **settings), tally)
            sentence_scores(Path(tmp), truth, DedupConfig(unit="sentence", **settings), sentence_tally)
    print(f"settings: {settings}, rounds: {args.rounds}")
    print(f"{'kind':<14} {'pairs':>6} {'recall':>7} {'precision':>9}")
    for kind in (*KINDS, "hard-negative"):
        t = tally[kind]
        recall = t["found"] / t["true"] if t["true"] else float("nan")
        precision = t["correct"] / t["predicted"] if t["predicted"] else 1.0
        if kind == "hard-negative":
            print(f"{kind:<14} {t['true']:>6} {'-':>7} {precision:>9.3f}  (clustered with their source: {t['found']})")
        else:
            print(f"{kind:<14} {t['true']:>6} {recall:>7.3f} {precision:>9.3f}")
    found = sum(tally[k]["found"] for k in KINDS)
    total = sum(tally[k]["true"] for k in KINDS)
    overall_precision = tally["all"]["correct"] / tally["all"]["predicted"] if tally["all"]["predicted"] else 1.0
    print(f"{'paragraphs':<14} {total:>6} {found / total:>7.3f} {overall_precision:>9.3f}")
    q = sentence_tally["quoted"]
    print(f"sentence level: quoted sentences of hard negatives found {q['found']}/{q['true']} ({q['found'] / q['true']:.3f})")


if __name__ == "__main__":
    main()
