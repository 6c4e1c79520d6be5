"""Shingles, MinHash signatures, LSH candidates, exact verification and clusters.

Signatures follow datasketch's MinHash with its default `affine32` scheme bit for bit: each shingle
hash goes through the MurmurHash3 finalizer, then permutation k maps it to a_k*h + b_k (uint32,
wrapping), with (a, b) drawn exactly as datasketch draws them from `seed`. A shingle's hash is
FNV-1a over its code points; `shingle_hash` is that function for datasketch's `hashfunc`, so
`MinHash(num_perm, seed, hashfunc=shingle_hash)` updated with the same shingles holds the same
hash values, and `LeanMinHash(seed=seed, hashvalues=row, scheme="affine32")` loads a row.

The work is vectorised: the shingles of a whole batch of passages are hashed in one numpy pass and
the permutations applied as one (permutations x shingles) product reduced per passage.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

import numpy as np

from .passages import UNITS

FNV32_OFFSET, FNV32_PRIME = np.uint32(0x811C9DC5), np.uint32(0x01000193)
FNV64_OFFSET, FNV64_PRIME = np.uint64(0xCBF29CE484222325), np.uint64(0x100000001B3)
SCHEME = "affine32"
CHUNK_SHINGLES = 4096  # shingles per permutation block: keeps the product inside the CPU cache
MAX_ALL_PAIRS = 32  # buckets up to this size pair every member; larger ones pair with the first
ANCHOR_SHORTEST = 8  # in an anchor bucket, the shortest passages are paired with all the others
ANCHOR_LENGTH_RATIO = 0.8  # ... that are clearly longer; passages of similar length are LSH's job
MAX_ANCHOR_BUCKET = 5000  # an anchor shared by more passages is a stock phrase, not a copy


@dataclass(frozen=True)
class DedupConfig:
    """Everything that decides a dedup result; written into every output header."""

    unit: str = "paragraph"
    shingle_size: int = 3
    num_perm: int = 128
    seed: int = 1
    threshold: float = 0.6  # verified Jaccard similarity that makes two passages repeats
    containment: float = 0.8  # ... or this share of the shorter passage inside the longer one
    min_chars: int = 8  # passages with fewer normalised characters are not fingerprinted
    bands: int | None = None  # LSH bands x rows; by default chosen for `threshold`
    rows: int | None = None

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}")
        if (self.bands is None) != (self.rows is None):
            raise ValueError("give both bands and rows, or neither")
        if self.bands is not None and self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands x rows ({self.bands}x{self.rows}) exceeds num_perm ({self.num_perm})")

    def banding(self) -> tuple[int, int]:
        if self.bands is not None:
            return self.bands, self.rows
        return optimal_banding(self.threshold, self.num_perm)

    def header(self) -> dict:
        bands, rows = self.banding()
        return {**asdict(self), "bands": bands, "rows": rows, "scheme": SCHEME,
                "hashfunc": "FNV-1a 32 over code points (cleaner.minhash.shingle_hash)",
                "datasketch": _datasketch().__version__}


def optimal_banding(threshold: float, num_perm: int, fp_weight: float = 0.3, fn_weight: float = 0.7) -> tuple[int, int]:
    """Bands x rows minimising the weighted false positive and false negative areas of the
    S-curve around `threshold` (datasketch's method; weighted towards recall, since every
    candidate is verified exactly)."""
    grid = np.linspace(0, 1, 1001)
    best, best_cost = (1, 1), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            curve = 1 - (1 - grid ** rows) ** bands
            below, above = grid <= threshold, grid >= threshold
            fp = np.trapezoid(curve[below], grid[below])
            fn = np.trapezoid(1 - curve[above], grid[above])
            cost = fp_weight * fp + fn_weight * fn
            if cost < best_cost:
                best, best_cost = (bands, rows), cost
    return best


def _datasketch():
    # Imported when first needed: datasketch pulls in scipy (half a second), which `clean` never uses.
    import datasketch
    return datasketch


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's (a, b) for the affine32 scheme, drawn the way it draws them."""
    a, b = _datasketch().MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def shingle_hash(data: bytes) -> int:
    """The hash of one shingle given as UTF-8 bytes: datasketch `hashfunc` for our signatures."""
    h = int(FNV32_OFFSET)
    for char in data.decode("utf-8"):
        h = ((h ^ ord(char)) * int(FNV32_PRIME)) & 0xFFFFFFFF
    return h


def shingles(text: str, size: int) -> list[str]:
    """The character n-grams of a normalised text (the whole text if it is shorter)."""
    if len(text) <= size:
        return [text] if text else []
    return [text[i:i + size] for i in range(len(text) - size + 1)]


def shingle_hashes(texts: list[str], size: int) -> tuple[np.ndarray, np.ndarray]:
    """FNV-1a hashes of every shingle of every text, concatenated, and the count per text."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    counts = np.where(lengths >= size, lengths - size + 1, (lengths > 0).astype(np.int64))
    if not texts or counts.sum() == 0:
        return np.empty(0, np.uint32), counts
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    windows = max(len(points) - size + 1, 0)
    hashes = np.full(windows, FNV32_OFFSET, dtype=np.uint32)
    for offset in range(size):
        hashes ^= points[offset:offset + windows]
        hashes *= FNV32_PRIME
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    long_enough = lengths >= size
    # windows starting at start .. start+count-1 of each text that has full windows
    take = np.repeat(starts[long_enough], counts[long_enough]) + _ranges(counts[long_enough])
    picked = hashes[take]
    if long_enough.all():
        return picked, counts
    # texts shorter than one shingle are one shingle each, hashed whole
    out = np.empty(int(counts.sum()), np.uint32)
    cursor, taken = 0, 0
    for text, count, full in zip(texts, counts, long_enough):
        if full:
            out[cursor:cursor + count] = picked[taken:taken + count]
            taken += count
        elif count:
            out[cursor] = shingle_hash(text.encode("utf-8"))
        cursor += count
    return out, counts


def _ranges(counts: np.ndarray) -> np.ndarray:
    """0..c-1 for each c in counts, concatenated."""
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, np.int64)
    ends = np.cumsum(counts)
    return np.arange(total) - np.repeat(ends - counts, counts)


def signatures(hashes: np.ndarray, counts: np.ndarray, perms: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """(passages x num_perm) uint32 MinHash values; rows of passages without shingles hold max."""
    a, b = perms
    out = np.full((len(counts), len(a)), np.uint32(0xFFFFFFFF), dtype=np.uint32)
    mixed = _fmix32(hashes)
    ends = np.cumsum(counts)
    first = 0
    while first < len(counts):
        last = int(np.searchsorted(ends, ends[first] - counts[first] + CHUNK_SHINGLES, side="right"))
        last = max(last, first + 1)
        lo, hi = int(ends[first] - counts[first]), int(ends[last - 1])
        rows = np.arange(first, last)[counts[first:last] > 0]
        if len(rows):
            block = np.multiply(a[:, None], mixed[None, lo:hi])
            block += b[:, None]
            offsets = (ends[rows] - counts[rows]) - lo
            out[rows] = np.minimum.reduceat(block, offsets, axis=1).T
        first = last
    return out


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(passages x bands) uint32: one hash of each band's `rows` values. 32 bits keep the index at
    4 bytes a band; a rare collision only adds a candidate, and every candidate is verified."""
    keys = np.full((len(sigs), bands), FNV64_OFFSET, dtype=np.uint64)
    for band in range(bands):
        for row in range(band * rows, (band + 1) * rows):
            keys[:, band] ^= sigs[:, row].astype(np.uint64)
            keys[:, band] *= FNV64_PRIME
    return (keys ^ (keys >> np.uint64(32))).astype(np.uint32)


def anchor_table(clauses: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(64-bit clause hashes, index of the passage each belongs to) for a batch of passages."""
    keys, owners = [], []
    for owner, passage_clauses in enumerate(clauses):
        for clause in set(passage_clauses):
            keys.append(hash64(clause))
            owners.append(owner)
    return np.array(keys, dtype=np.uint64), np.array(owners, dtype=np.int32)


def hash64(text: str) -> int:
    """A stable 64-bit hash of a string (the same in every process and run)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


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


def anchor_pairs(anchor_keys: np.ndarray, anchor_units: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Candidate pairs of passages sharing an anchor clause: each bucket's shortest passages
    (the ones that can sit inside the others) paired with every other member."""
    if len(anchor_keys) == 0:
        return np.empty(0, np.uint64)
    order, starts, ends = _bucket_runs(anchor_keys)
    found = []
    for start, end in zip(starts, ends):
        if end - start > MAX_ANCHOR_BUCKET:
            continue
        members = np.unique(anchor_units[order[start:end]])
        if len(members) < 2:
            continue
        members = members[np.lexsort((members, lengths[members]))]
        for short in members[:ANCHOR_SHORTEST]:
            others = members[lengths[members] * ANCHOR_LENGTH_RATIO >= lengths[short]]
            if len(others):
                found.append(_pack(np.minimum(short, others), np.maximum(short, others)))
    return np.unique(np.concatenate(found)) if found else np.empty(0, np.uint64)


def _pack(i: np.ndarray, j: np.ndarray) -> np.ndarray:
    return (np.asarray(i, np.uint64) << np.uint64(32)) | np.asarray(j, np.uint64)


def unpack(pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return (pairs >> np.uint64(32)).astype(np.int64), (pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)


def similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) of two sorted unique hash arrays."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common), common / min(len(a), len(b))


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
