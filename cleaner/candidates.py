"""Candidate pairs from LSH: passages that share a band key in any band (here, or as a shuffle
between workers). Pairs are packed as uint64 (i << 32 | j, i < j); every candidate is verified
exactly afterwards (relations.py), so a candidate too many costs time, never a wrong result.
Anchors (anchors.py) add the pairs of one passage inside another.
"""
from __future__ import annotations

import numpy as np

MAX_ALL_PAIRS = 32  # buckets up to this size pair every member; larger ones pair with the first


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an array: np.unique, by sorting (numpy 2's np.unique hashes,
    which is many times slower on large arrays of 64-bit keys)."""
    ordered = np.sort(values)
    return ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])] if len(ordered) else ordered


def _bucket_runs(keys: np.ndarray):
    """(order, starts, ends) of runs of equal keys of length >= 2, in key order."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    change = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change, [len(keys)]])
    big = ends - starts >= 2
    return order, starts[big], ends[big]


def lsh_pairs(key_chunks: list[np.ndarray] | np.ndarray) -> np.ndarray:
    """Candidate pairs (i < j) of passages sharing a band key in any band, as packed uint64; the
    keys (passages x bands) whole or in row chunks, one band gathered at a time."""
    chunks = [key_chunks] if isinstance(key_chunks, np.ndarray) else key_chunks
    chunks = [c for c in chunks if len(c)]
    if not chunks:
        return np.empty(0, np.uint64)
    units = np.arange(sum(len(c) for c in chunks), dtype=np.int64)
    found = [bucket_pairs(units, np.concatenate([c[:, band] for c in chunks])) for band in range(chunks[0].shape[1])]
    return distinct(np.concatenate(found))


def pair_stream(left: np.ndarray, right: np.ndarray, step: int = 65536):
    """(i, j) of the pairs as Python ints, a slice at a time (two lists of millions would not fit)."""
    for start in range(0, len(left), step):
        yield from zip(left[start:start + step].tolist(), right[start:start + step].tolist())


def bucket_pairs(units: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Candidate pairs (i < j) of the `units` that share a key, as packed uint64; each once per
    key, so a pair sharing keys of several bands comes several times (callers take the distinct ones).
    A bucket of up to MAX_ALL_PAIRS pairs every two members, a larger one its smallest member with
    each other (verification joins the rest through it). Buckets of one size are paired at once."""
    order, starts, ends = _bucket_runs(keys)
    ordered = units[order]
    sizes = ends - starts
    found = []
    for size in np.unique(sizes[sizes <= MAX_ALL_PAIRS]).tolist():
        rows = np.sort(ordered[starts[sizes == size][:, None] + np.arange(size)], axis=1)
        i, j = np.triu_indices(size, 1)
        found.append(_pack(rows[:, i].reshape(-1), rows[:, j].reshape(-1)))
    large = sizes > MAX_ALL_PAIRS
    if large.any():
        big_starts, big_sizes = starts[large], sizes[large]
        members = ordered[np.repeat(big_starts, big_sizes) + _ranges(big_sizes)]
        smallest = np.repeat(np.minimum.reduceat(members, np.concatenate([[0], np.cumsum(big_sizes)[:-1]])), big_sizes)
        others = members != smallest
        found.append(_pack(smallest[others], members[others]))
    return np.concatenate(found) if found else np.empty(0, np.uint64)


def _ranges(counts: np.ndarray) -> np.ndarray:
    """0..c-1 for each c in counts, concatenated."""
    ends = np.cumsum(counts)
    return np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - counts, counts)


# --- LSH as a shuffle (the Ray engine): equal keys of a band meet in one partition -------------

def partition_band_keys(keys: np.ndarray, first_unit: int, parts: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The map side: rows `first_unit`, `first_unit + 1`, ... of the band keys as (units, keys
    qualified by their band) in `parts` pieces by a hash of the qualified key."""
    rows, bands = keys.shape
    units = np.repeat(np.arange(first_unit, first_unit + rows, dtype=np.int64), bands)
    qualified = (np.tile(np.arange(bands, dtype=np.uint64), rows) << np.uint64(32)) | keys.reshape(-1).astype(np.uint64)
    part = ((qualified * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)) % np.uint64(parts)
    order = np.argsort(part, kind="stable")
    bounds = np.searchsorted(part[order], np.arange(parts + 1, dtype=np.uint64))
    return [(units[order[a:b]], qualified[order[a:b]]) for a, b in zip(bounds[:-1], bounds[1:])]


def partition_pairs(*pieces: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The reduce side: the candidate pairs of one partition, from its piece of every map task."""
    units = np.concatenate([units for units, _ in pieces])
    keys = np.concatenate([keys for _, keys in pieces])
    return bucket_pairs(units, keys)


def _pack(i: np.ndarray, j: np.ndarray) -> np.ndarray:
    return (np.asarray(i, np.uint64) << np.uint64(32)) | np.asarray(j, np.uint64)


def unpack(pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return (pairs >> np.uint64(32)).astype(np.int64), (pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)


