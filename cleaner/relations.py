"""How two verified passages relate, and the clusters that duplicates make.

Two relations, decided on the exact shingle sets and normalised lengths of a candidate pair:
- *duplicates*: the same passage, damaged. Their lengths are alike (shorter / longer at least
  `length_ratio`) and their Jaccard similarity reaches `threshold`, or the shorter lies inside the
  longer (containment reaches `containment`: a filled-in template, a clause added). Two passages
  under `short_chars` (titles, headings) need near-identity instead: Jaccard `short_threshold`, so two
  different titles that share a phrase never count as one (unless one is a template, with
  placeholders where the other has names, that lies inside the other).
- *a quote*: the shorter passage stands inside a clearly longer one (containment reaches
  `containment`, lengths not alike): a stock formulation quoted in a longer paragraph.
Clusters are the connected components of the duplicate edges only; a quote never joins clusters,
so two hosts quoting the same sentence stay apart.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

DUPLICATE, QUOTE = "duplicate", "quote"


def similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) of two sorted unique hash arrays."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common), common / min(len(a), len(b))


@dataclass
class Fingerprints:
    """What verification needs of the candidate passages, by unit id."""

    sets: dict[int, np.ndarray]  # sorted unique shingle hashes
    lengths: np.ndarray  # normalised length of every passage
    templated: frozenset[int] = frozenset()  # passages holding a template placeholder

    def score(self, i: int, j: int) -> tuple[float, float]:
        return similarity(self.sets[i], self.sets[j])


def relation(jaccard: float, containment: float, shorter: int, longer: int, config, template: bool = False) -> str | None:
    """DUPLICATE, QUOTE or None for a pair of these similarities and normalised lengths;
    `template`: one of the two holds a placeholder."""
    alike = shorter >= config.length_ratio * longer
    if longer < config.short_chars:
        near = jaccard >= max(config.threshold, config.short_threshold) or (template and containment >= config.containment)
        if alike and near:
            return DUPLICATE
    elif alike and (jaccard >= config.threshold or containment >= config.containment):
        return DUPLICATE
    return QUOTE if not alike and containment >= config.containment else None


def oriented(i: int, j: int, lengths) -> tuple[int, int]:
    """(passage, host) of a quote: the shorter stands inside the longer; of equal ones, the later."""
    return (i, j) if (lengths[i], -i) < (lengths[j], -j) else (j, i)


def link(pairs: Iterable[tuple[int, int]], prints: Fingerprints, config) -> tuple["UnionFind", list[tuple[int, int, float, float]]]:
    """Duplicate edges joined into components and the quote pairs (passage, host, jaccard,
    containment), in pair order. A pair already in one component is not verified: it is a
    duplicate through others, and no quote."""
    union, lengths, templated = UnionFind(), prints.lengths, prints.templated
    quotes = []
    for i, j in pairs:
        if union.connected(i, j):
            continue
        jaccard, containment = prints.score(i, j)
        shorter, longer = sorted((int(lengths[i]), int(lengths[j])))
        found = relation(jaccard, containment, shorter, longer, config, i in templated or j in templated)
        if found == DUPLICATE:
            union.union(i, j)
        elif found == QUOTE:
            quotes.append((*oriented(i, j, lengths), round(jaccard, 4), round(containment, 4)))
    return union, quotes


def quotes_between_clusters(union: "UnionFind", quotes: list[tuple[int, int, float, float]]) -> list[tuple[int, int, float, float]]:
    """The quote pairs whose passages did not end up duplicates of each other, one per passage and
    cluster of hosts (its first host), by passage then host."""
    kept, seen = [], set()
    for quote in sorted(quotes):
        passage, host = quote[0], quote[1]
        if union.connected(passage, host):
            continue
        hosts = union.find(host) if host in union.parent else host
        if (passage, hosts) not in seen:
            seen.add((passage, hosts))
            kept.append(quote)
    return kept


class UnionFind:
    """Connected components whose root is always the smallest member (the first occurrence)."""

    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def connected(self, x: int, y: int) -> bool:
        """Whether x and y are already in one component (without adding them)."""
        return x in self.parent and y in self.parent and self.find(x) == self.find(y)

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)

    def forest(self) -> tuple[list[int], list[int]]:
        """Every member and its root, members in order: all a component needs to be rebuilt."""
        nodes = sorted(self.parent)
        return nodes, [self.find(x) for x in nodes]

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for x in sorted(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return out
