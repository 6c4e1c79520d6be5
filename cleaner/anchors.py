"""Anchors: candidates for one passage standing inside another (a quote, a filled-in template).

Band keys find passages that are alike as wholes; a short passage inside a long one shares too
few shingles for that. Anchors are winnowed character k-grams of the normalised text (Schleimer,
Wilkerson and Aiken's winnowing, as MOSS uses it): of every window of WINDOW consecutive k-grams
the one with the smallest hash is kept. A window that lies inside a passage keeps the same k-gram
wherever the passage stands, so a passage of at least ANCHOR_CHARS + WINDOW - 1 characters that
stands inside another shares all of its anchors with it (a shorter one keeps its smallest k-gram,
which the host usually keeps too). Windows over a placeholder are left out, so a template shares
its anchors with its filled-in copies.

Pairing every two passages that share an anchor would pair every two that share a stock phrase.
Instead a passage *probes*: when most of its anchors occur in other passages (as they all do for
a passage standing inside another), it is paired with the longer holders of its PROBES rarest
shared anchors. A passage of its own text, with a stock phrase or two, probes nothing; of many
copies probing one anchor, the shortest few do (the band keys pair copies with each other).
"""
from __future__ import annotations

import numpy as np

from .candidates import distinct
from .minhash import FNV32_OFFSET, FNV32_PRIME, WILDCARD_POINT, fmix32

ANCHOR_CHARS = 6  # characters per anchor k-gram
WINDOW = 12  # k-grams per winnowing window: about one anchor in 6.5 characters
PROBE_SHARE = 0.5  # a passage probes when at least this share of its anchors occur elsewhere
PROBES = 2  # ... with its this many rarest shared anchors
MAX_ANCHOR_BUCKET = 5000  # an anchor held by more passages is a stock phrase: it finds nothing
PROBERS_PER_ANCHOR = 8  # of the passages probing one anchor, the shortest this many pair up
EXPANSION_BATCH = 4_000_000  # candidate pairs made at once (memory: about 50 bytes each)
NONE = np.uint32(0xFFFFFFFF)


def anchor_table(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(anchor hashes, index of the passage each belongs to) of a batch of normalised texts,
    each anchor once per passage."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return point_anchor_table(np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32), lengths)


def point_anchor_table(points: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """anchor_table of texts given as one code-point array and the length of each."""
    if len(lengths) == 0 or lengths.max(initial=0) < ANCHOR_CHARS:
        return np.empty(0, np.uint32), np.empty(0, np.int32)
    grams = len(points) - ANCHOR_CHARS + 1
    hashes = np.full(grams, FNV32_OFFSET, dtype=np.uint32)
    for offset in range(ANCHOR_CHARS):
        hashes ^= points[offset:offset + grams]
        hashes *= FNV32_PRIME
    hashes = fmix32(hashes)
    hashes[hashes == NONE] -= np.uint32(1)  # NONE marks k-grams that are not anchors
    ends = np.cumsum(lengths)
    owner = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)[:grams]
    # a k-gram across two passages, or holding the wildcard, is no anchor
    last_start = (ends - ANCHOR_CHARS)[owner]
    hashes[np.arange(grams) > last_start] = NONE
    wild = points == WILDCARD_POINT
    if wild.any():
        seen = np.concatenate([[0], np.cumsum(wild)])
        hashes[seen[ANCHOR_CHARS:ANCHOR_CHARS + grams] != seen[:grams]] = NONE
    owners, values = [], []
    if grams >= WINDOW:
        # a window counts when every k-gram in it is an anchor k-gram: one that holds a placeholder's
        # place would pick differently in the filled-in text
        bad = np.concatenate([[0], np.cumsum(hashes == NONE)])
        clean = np.flatnonzero(bad[WINDOW:] == bad[:-WINDOW])
        owners.append(owner[clean])
        values.append(_window_minima(hashes)[clean])
    # a passage without a clean window keeps its smallest k-gram (found in its host more often than not)
    has = np.zeros(len(lengths), bool)
    if owners:
        has[owners[0]] = True
    starts = ends - lengths
    lonely = np.flatnonzero(~has & (lengths >= ANCHOR_CHARS))
    if len(lonely):
        bounds = np.stack([starts[lonely], starts[lonely] + lengths[lonely] - ANCHOR_CHARS + 1], axis=1).reshape(-1)
        smallest = np.minimum.reduceat(np.append(hashes, NONE), bounds)[::2]
        found = smallest != NONE
        owners.append(lonely[found].astype(np.int32))
        values.append(smallest[found])
    if not owners:
        return np.empty(0, np.uint32), np.empty(0, np.int32)
    packed = (np.concatenate(owners).astype(np.uint64) << np.uint64(32)) | np.concatenate(values).astype(np.uint64)
    packed = distinct(packed)
    return (packed & np.uint64(0xFFFFFFFF)).astype(np.uint32), (packed >> np.uint64(32)).astype(np.int32)


def _window_minima(hashes: np.ndarray) -> np.ndarray:
    """The smallest of every WINDOW consecutive values (by doubling: minima of 2, 4, 8, ...)."""
    span, minima = 1, hashes
    while span * 2 <= WINDOW:
        minima = np.minimum(minima[:-span], minima[span:])
        span *= 2
    count = len(hashes) - WINDOW + 1
    return np.minimum(minima[:count], minima[WINDOW - span:WINDOW - span + count])


def packed(keys: np.ndarray, owners: np.ndarray, first: int = 0) -> np.ndarray:
    """Anchors as one uint64 each, hash << 32 | passage (numbered from `first`)."""
    out = keys.astype(np.uint64) << np.uint64(32)
    out |= (owners.astype(np.int64) + first).astype(np.uint64)
    return out


def anchor_pairs(anchors: np.ndarray, held: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Candidate pairs (packed as in candidates.py) from the anchors of every passage, packed
    (see `packed`) and sorted here in place; `held`: how many anchors each passage has. Each
    passage most of whose anchors occur elsewhere, with the longer holders of its PROBES rarest
    shared anchors. Beyond the anchors themselves, memory goes only to the shared ones."""
    if len(anchors) == 0:
        return np.empty(0, np.uint64)
    anchors.sort()
    halves = anchors.view(np.uint32).reshape(-1, 2)  # little-endian: (passage, hash) without a copy
    keys, units = halves[:, 1], halves[:, 0]
    count = len(lengths)
    same = keys[1:] == keys[:-1]
    shared = np.zeros(len(keys), bool)
    shared[1:] |= same
    shared[:-1] |= same
    del same
    keys, units = keys[shared], units[shared].astype(np.int32)
    del shared
    if len(keys) == 0:
        return np.empty(0, np.uint64)
    starts = np.concatenate([[0], np.flatnonzero(keys[1:] != keys[:-1]) + 1]).astype(np.int32)
    sizes = np.diff(np.concatenate([starts, [len(keys)]])).astype(np.int32)
    size = np.repeat(sizes, sizes)
    probing = np.bincount(units, minlength=count) >= np.maximum(PROBE_SHARE * held, 1)
    useful = np.flatnonzero(probing[units] & (size <= MAX_ANCHOR_BUCKET)).astype(np.int32)
    if len(useful) == 0:
        return np.empty(0, np.uint64)
    # each probing passage's PROBES rarest shared anchors (ties by key)
    order = useful[np.lexsort((keys[useful], size[useful], units[useful]))]
    del useful
    owner = units[order]
    rank = np.arange(len(order)) - np.searchsorted(owner, owner)
    probes = order[rank < PROBES]
    del order, owner, rank
    # of the probes of one anchor, the PROBERS_PER_ANCHOR shortest: where many probe one anchor they
    # are copies of each other (band keys pair those), and the shortest stand inside the others
    bucket = np.searchsorted(starts, probes, side="right") - 1
    order = np.lexsort((units[probes], lengths[units[probes]], bucket))
    probes, bucket = probes[order], bucket[order]
    probes = probes[np.arange(len(probes)) - np.searchsorted(bucket, bucket) < PROBERS_PER_ANCHOR]
    found = []
    for batch in _batches(size[probes], EXPANSION_BATCH):  # each probe with every longer holder
        chosen = probes[batch]
        holders = np.repeat(starts[np.searchsorted(starts, chosen, side="right") - 1], size[chosen]) + _ranges(size[chosen])
        short, other = np.repeat(units[chosen], size[chosen]), units[holders]
        keep = lengths[other] > lengths[short]
        short, other = short[keep].astype(np.uint64), other[keep].astype(np.uint64)
        found.append(distinct((np.minimum(short, other) << np.uint64(32)) | np.maximum(short, other)))
    return distinct(np.concatenate(found)) if found else np.empty(0, np.uint64)


def _batches(sizes: np.ndarray, limit: int):
    """Consecutive slices of `sizes` whose sum stays under `limit` (a slice holds one at least)."""
    ends = np.cumsum(sizes)
    start = 0
    while start < len(sizes):
        stop = max(int(np.searchsorted(ends, (ends[start - 1] if start else 0) + limit, side="right")), start + 1)
        yield slice(start, stop)
        start = stop


def _ranges(counts: np.ndarray) -> np.ndarray:
    """0..c-1 for each c in counts, concatenated."""
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, np.int64)
    ends = np.cumsum(counts)
    return np.arange(total) - np.repeat(ends - counts, counts)
