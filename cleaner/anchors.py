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
shared anchors. A passage of its own text, with a stock phrase or two, probes nothing.
"""
from __future__ import annotations

import numpy as np

from .fingerprint import WILDCARD
from .minhash import FNV32_OFFSET, FNV32_PRIME, fmix32

ANCHOR_CHARS = 6  # characters per anchor k-gram
WINDOW = 12  # k-grams per winnowing window: about one anchor in 6.5 characters
PROBE_SHARE = 0.5  # a passage probes when at least this share of its anchors occur elsewhere
PROBES = 2  # ... with its this many rarest shared anchors
MAX_ANCHOR_BUCKET = 5000  # an anchor held by more passages is a stock phrase: it finds nothing
NONE = np.uint32(0xFFFFFFFF)


def anchor_table(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(anchor hashes, index of the passage each belongs to) of a batch of normalised texts,
    each anchor once per passage."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    if not texts or lengths.max(initial=0) < ANCHOR_CHARS:
        return np.empty(0, np.uint32), np.empty(0, np.int32)
    joined = "".join(texts)
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    grams = len(points) - ANCHOR_CHARS + 1
    hashes = np.full(grams, FNV32_OFFSET, dtype=np.uint32)
    for offset in range(ANCHOR_CHARS):
        hashes ^= points[offset:offset + grams]
        hashes *= FNV32_PRIME
    hashes = fmix32(hashes)
    hashes[hashes == NONE] -= np.uint32(1)  # NONE marks k-grams that are not anchors
    ends = np.cumsum(lengths)
    owner = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)[:grams]
    # a k-gram across two passages, or holding the wildcard, is no anchor
    last_start = (ends - ANCHOR_CHARS)[owner]
    hashes[np.arange(grams) > last_start] = NONE
    if WILDCARD in joined:
        wild = np.concatenate([[0], np.cumsum(points == ord(WILDCARD))])
        hashes[wild[ANCHOR_CHARS:ANCHOR_CHARS + grams] != wild[:grams]] = NONE
    chosen = []
    if grams >= WINDOW:
        # a window counts when every k-gram in it is an anchor k-gram: one that holds a placeholder's
        # place would pick differently in the filled-in text
        windows = np.lib.stride_tricks.sliding_window_view(hashes, WINDOW)
        bad = np.concatenate([[0], np.cumsum(hashes == NONE)])
        clean = bad[WINDOW:] == bad[:-WINDOW]
        picked = (np.arange(len(windows)) + windows.argmin(axis=1))[clean]
        chosen.append(picked)
    # a passage without a clean window keeps its smallest k-gram (found in its host more often than not)
    has = np.zeros(len(texts), bool)
    if chosen and len(chosen[0]):
        has[owner[chosen[0]]] = True
    for text in np.flatnonzero(~has & (lengths >= ANCHOR_CHARS)).tolist():
        start = int(ends[text] - lengths[text])
        span = hashes[start:start + int(lengths[text]) - ANCHOR_CHARS + 1]
        if len(span) and span.min() != NONE:
            chosen.append(np.array([start + int(span.argmin())]))
    if not chosen:
        return np.empty(0, np.uint32), np.empty(0, np.int32)
    where = np.unique(np.concatenate(chosen))
    packed = np.unique((owner[where].astype(np.uint64) << np.uint64(32)) | hashes[where].astype(np.uint64))
    return (packed & np.uint64(0xFFFFFFFF)).astype(np.uint32), (packed >> np.uint64(32)).astype(np.int32)


def anchor_pairs(keys: np.ndarray, units: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Candidate pairs (packed as in candidates.py) from the anchors of every passage: each
    passage most of whose anchors occur elsewhere, with the longer holders of its PROBES rarest
    shared anchors."""
    if len(keys) == 0:
        return np.empty(0, np.uint64)
    packed = np.sort((keys.astype(np.uint64) << np.uint64(32)) | units.astype(np.uint64))
    keys = (packed >> np.uint64(32)).astype(np.uint32)
    units = (packed & np.uint64(0xFFFFFFFF)).astype(np.int64)
    del packed
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate([[0], change])
    sizes = np.diff(np.concatenate([starts, [len(keys)]]))
    size = np.repeat(sizes, sizes)
    first = np.repeat(starts, sizes)
    count = len(lengths)
    held = np.bincount(units, minlength=count)
    shared = np.bincount(units[size >= 2], minlength=count)
    probing = shared >= np.maximum(PROBE_SHARE * held, 1)
    useful = np.flatnonzero(probing[units] & (size >= 2) & (size <= MAX_ANCHOR_BUCKET))
    if len(useful) == 0:
        return np.empty(0, np.uint64)
    # each probing passage's PROBES rarest shared anchors (ties by key)
    order = useful[np.lexsort((keys[useful], size[useful], units[useful]))]
    owner = units[order]
    rank = np.arange(len(order)) - np.searchsorted(owner, owner)
    probes = order[rank < PROBES]
    # the probe's passage with every other holder of its anchor that is longer
    holders = np.repeat(first[probes], size[probes]) + _ranges(size[probes])
    short = np.repeat(units[probes], size[probes])
    other = units[holders]
    keep = lengths[other] > lengths[short]
    short, other = short[keep], other[keep]
    return np.unique((np.minimum(short, other).astype(np.uint64) << np.uint64(32)) | np.maximum(short, other).astype(np.uint64))


def _ranges(counts: np.ndarray) -> np.ndarray:
    """0..c-1 for each c in counts, concatenated."""
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, np.int64)
    ends = np.cumsum(counts)
    return np.arange(total) - np.repeat(ends - counts, counts)
