"""Candidate pairs from LSH: passages that share a band key in any band (here, or as a shuffle
between workers). Pairs are packed as uint64 (i << 32 | j, i < j); every candidate is verified
exactly afterwards (relations.py), so a candidate too many costs time, never a wrong result.
Anchors (anchors.py) add the pairs of one passage inside another.
"""
from __future__ import annotations

import numpy as np

MAX_ALL_PAIRS = 32  # buckets up to this size pair every member; larger ones pair with the first


def _bucket_runs(keys: np.ndarray):
    """(order, starts, ends) of runs of equal keys of length >= 2, in key order."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    change = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change, [len(keys)]])
    big = ends - starts >= 2
    return order, starts[big], ends[big]


def lsh_pairs(keys: np.ndarray) -> np.ndarray:
    """Candidate pairs (i < j) of passages sharing a band key in any band, as packed uint64."""
    units = np.arange(len(keys), dtype=np.int64)
    found = [bucket_pairs(units, keys[:, band]) for band in range(keys.shape[1])]
    return np.unique(np.concatenate(found)) if found else np.empty(0, np.uint64)


def bucket_pairs(units: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Candidate pairs (i < j) of the `units` that share a key, as packed uint64; each once per
    key, so a pair sharing keys of several bands comes several times (callers take np.unique)."""
    order, starts, ends = _bucket_runs(keys)
    ordered = units[order]
    two = ends - starts == 2  # most buckets: one pair, done for all of them at once
    first, second = ordered[starts[two]], ordered[starts[two] + 1]
    found = [_pack(np.minimum(first, second), np.maximum(first, second))]
    for start, end in zip(starts[~two], ends[~two]):
        members = np.sort(ordered[start:end])
        if len(members) <= MAX_ALL_PAIRS:
            i, j = np.triu_indices(len(members), 1)
            found.append(_pack(members[i], members[j]))
        else:
            found.append(_pack(np.full(len(members) - 1, members[0]), members[1:]))
    return np.concatenate(found)


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


