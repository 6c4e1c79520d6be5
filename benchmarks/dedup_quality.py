"""Precision and recall of `cleaner dedup --unit paragraph` on real paragraphs with planted damage.

usage: python benchmarks/dedup_quality.py [--seeds N] [--corpus-only] [--extra DIR ...] [--grid]
                                          [--threshold T] [--containment C] [--length-ratio R] ...

The pool is the paragraphs of corpus/ plus, unless --corpus-only, the kept lines of the labelled
pages in ../shared/scrapes/*/gold (or the --extra folders), pruned of paragraphs that contain or
resemble each other (benchmarks/planted.py). Each seed plants one damaged copy of one of 14 kinds
per source paragraph, whole-paragraph quotes and one-sentence partial quotes, and runs dedup.

Scored per seed and over all seeds:
- duplicates, per kind: recall of the (source, copy) pairs (both in one cluster) and precision of
  the predicted pairs (two paragraphs in one cluster) that touch a copy of that kind; overall
  precision over every predicted pair;
- quotes: the planted whole-paragraph quotes found as a quote record (passage -> host), and how many
  of them were clustered with their host instead (must be none); quote precision: planted quotes
  among all quote records;
- partial, splice and title negatives: the two in one cluster or in a quote record (must be none).
--grid sweeps the settings the defaults were chosen on, one at a time, and prints a line per value
(* marks the default).
"""
from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import planted  # noqa: E402
from cleaner.dedup import find_repeats  # noqa: E402
from cleaner.config import DedupConfig  # noqa: E402

# the settings swept, one at a time around the defaults, to choose the defaults
GRID = {"threshold": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8), "containment": (0.5, 0.6, 0.7, 0.8, 0.9, 0.95),
        "length_ratio": (0.5, 0.6, 0.7, 0.8, 0.9), "short_threshold": (0.5, 0.6, 0.7, 0.8, 0.9)}


def score(folder: Path, places: list[dict], config: DedupConfig) -> dict:
    """Counts for one planted corpus (see the module docstring)."""
    result = find_repeats([folder], config)
    at = {(p["doc"], p["start"]): p for p in places}

    def truth(member):
        return at.get((Path(member.doc).name, member.start))

    ids = {id(p): n for n, p in enumerate(places)}
    cluster_of: dict[int, str] = {}
    predicted = set()
    for cluster in result.clusters:
        found = sorted(ids[id(p)] for p in map(truth, cluster.members) if p)
        predicted.update(itertools.combinations(found, 2))
        cluster_of.update((n, cluster.id) for n in found)
    quotes = getattr(result, "quotes", [])  # (older versions of the tool had no quote relation)
    quoted = {(ids[id(truth(q.passage))], ids[id(truth(q.host))]) for q in quotes if truth(q.passage) and truth(q.host)}
    tally: dict = defaultdict(lambda: defaultdict(int))
    by_group = defaultdict(dict)
    for n, p in enumerate(places):
        if p["group"] is not None:
            by_group[p["group"]][p["role"]] = n
    for group, roles in by_group.items():
        if "copy" in roles:
            kind = places[roles["copy"]]["kind"]
            pair = tuple(sorted((roles["source"], roles["copy"])))
            tally[kind]["true"] += 1
            tally[kind]["found"] += pair in predicted
            continue
        first, second = roles["first"], roles["second"]
        kind = places[first]["kind"]
        clustered = cluster_of.get(first, -1) == cluster_of.get(second, -2)
        tally[kind]["true"] += 1
        tally[kind]["clustered"] += clustered
        if kind == "quote":
            tally[kind]["found"] += (first, second) in quoted
        else:
            tally[kind]["wrong"] += clustered or (first, second) in quoted or (second, first) in quoted
    planted_quotes = {(roles["first"], roles["second"]) for roles in by_group.values()
                      if "first" in roles and places[roles["first"]]["kind"] == "quote"}
    tally["quote"]["records"] += len(quoted)
    tally["quote"]["correct"] += len(quoted & planted_quotes)
    for a, b in predicted:
        planted_pair = {places[a]["role"], places[b]["role"]} == {"source", "copy"}
        correct = planted_pair and places[a]["group"] == places[b]["group"]  # a negative's two are never a duplicate
        for kind in {places[a]["kind"] for _ in [0] if places[a]["role"] == "copy"} | \
                {places[b]["kind"] for _ in [0] if places[b]["role"] == "copy"}:
            tally[kind]["predicted"] += 1
            tally[kind]["correct"] += correct
        tally["all"]["predicted"] += 1
        tally["all"]["correct"] += correct
    return tally


def run(pool: list[planted.Paragraph], seeds: int, settings: dict) -> tuple[dict, list[dict]]:
    """(tally over all seeds, tally per seed)."""
    total: dict = defaultdict(lambda: defaultdict(int))
    per_seed = []
    for seed in range(seeds):
        with tempfile.TemporaryDirectory() as tmp:
            places = planted.write(Path(tmp), planted.build(pool, seed))
            tally = score(Path(tmp), places, DedupConfig(unit="paragraph", **settings))
        per_seed.append(tally)
        for kind, counts in tally.items():
            for name, value in counts.items():
                total[kind][name] += value
    return total, per_seed


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def overall(tally: dict) -> tuple[float, float]:
    found = sum(tally[k]["found"] for k in planted.KINDS)
    true = sum(tally[k]["true"] for k in planted.KINDS)
    return _ratio(tally["all"]["correct"], tally["all"]["predicted"]), _ratio(found, true)


def report(total: dict, per_seed: list[dict], settings: dict, pool_size: int, sources: int) -> None:
    print(f"pool: {pool_size} paragraphs from {sources} sources; seeds: {len(per_seed)}; settings: {settings or 'defaults'}")
    print(f"{'kind':<20} {'pairs':>5} {'recall':>7} {'precision':>9}  {'recall per seed':<30}")
    for kind in planted.KINDS:
        t = total[kind]
        seeds = " ".join(f"{_ratio(s[kind]['found'], s[kind]['true']):.2f}" for s in per_seed)
        print(f"{kind:<20} {t['true']:>5} {_ratio(t['found'], t['true']):>7.3f} {_ratio(t['correct'], t['predicted']):>9.3f}  {seeds}")
    precision, recall = overall(total)
    seeds = " ".join(f"{overall(s)[0]:.3f}/{overall(s)[1]:.3f}" for s in per_seed)
    print(f"{'duplicates':<20} {sum(total[k]['true'] for k in planted.KINDS):>5} {recall:>7.3f} {precision:>9.3f}  "
          f"(precision/recall per seed: {seeds})")
    q = total["quote"]
    print(f"quotes: {q['found']}/{q['true']} found as quote records ({_ratio(q['found'], q['true']):.3f}), "
          f"{q['clustered']} clustered with their host; {q['correct']}/{q['records']} quote records are planted quotes")
    for kind in planted.NEGATIVES[1:]:
        t = total[kind]
        print(f"{kind} negatives: {t['wrong']}/{t['true']} in one cluster or a quote record")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--corpus-only", action="store_true", help="only the paragraphs of corpus/ (no labelled pages)")
    parser.add_argument("--extra", type=Path, nargs="*", help="folders of gold/*.json or *.txt paragraphs to add to the pool")
    parser.add_argument("--grid", action="store_true", help="run the settings grid")
    for name in ("threshold", "containment", "length_ratio", "short_threshold"):
        parser.add_argument("--" + name.replace("_", "-"), type=float)
    for name in ("shingle_size", "num_perm", "short_chars", "min_chars", "seed"):
        parser.add_argument("--" + name.replace("_", "-"), type=int)
    args = parser.parse_args()
    extra = [] if args.corpus_only else (args.extra if args.extra is not None else planted.default_extra())
    pool = planted.pool(extra)
    sources = len({p.source for p in pool})
    settings = {k: v for k, v in vars(args).items() if k in DedupConfig.__dataclass_fields__ and v is not None}
    if not args.grid:
        total, per_seed = run(pool, args.seeds, settings)
        report(total, per_seed, settings, len(pool), sources)
        return
    print(f"pool: {len(pool)} paragraphs from {sources} sources; seeds: {args.seeds}; each setting swept with the others at their defaults")
    print(f"{'setting':<16} {'value':>6} {'precision':>9} {'recall':>7} {'worst kind':>10} {'quotes':>7} "
          f"{'quotes clustered':>16} {'wrong negatives':>15}")
    for name, values in GRID.items():
        for value in values:
            total, _ = run(pool, args.seeds, {**settings, name: value})
            precision, recall = overall(total)
            worst = min(_ratio(total[k]["found"], total[k]["true"]) for k in planted.KINDS)
            q = total["quote"]
            wrong = sum(total[k]["wrong"] for k in planted.NEGATIVES[1:])
            default = " *" if value == getattr(DedupConfig, name) else ""
            print(f"{name:<16} {value:>6} {precision:>9.3f} {recall:>7.3f} {worst:>10.3f} {_ratio(q['found'], q['true']):>7.3f} "
                  f"{q['clustered']:>16} {wrong:>15}{default}")


if __name__ == "__main__":
    main()
