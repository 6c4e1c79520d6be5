"""Shingles, MinHash signatures and LSH band keys, computed for a whole batch at once.

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

from dataclasses import asdict
from functools import lru_cache
from importlib.metadata import version

import numpy as np

from .fingerprint import NORMALISATION, WILDCARD

WILDCARD_POINT = np.uint32(ord(WILDCARD))

FNV32_OFFSET, FNV32_PRIME = np.uint32(0x811C9DC5), np.uint32(0x01000193)
FNV64_OFFSET, FNV64_PRIME = np.uint64(0xCBF29CE484222325), np.uint64(0x100000001B3)
SCHEME = "affine32"
CHUNK_SHINGLES = 4096  # shingles per permutation block: keeps the product inside the CPU cache
CANDIDATE_RECALL = 0.99  # the banding makes a pair at exactly the threshold a candidate this often


def settings_header(config) -> dict:
    """Everything that decides a dedup result, for the header of every output."""
    bands, rows = config.banding()
    return {**asdict(config), "bands": bands, "rows": rows, "scheme": SCHEME,
            "candidate_probability_at_threshold": round(candidate_probability(config.threshold, bands, rows), 4),
            "hashfunc": "FNV-1a 32 over code points (cleaner.minhash.shingle_hash)", "normalisation": NORMALISATION,
            "datasketch": version("datasketch")}


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """The chance that two passages of this Jaccard similarity share at least one band."""
    return 1 - (1 - similarity ** rows) ** bands


@lru_cache(maxsize=32)
def banding_for(threshold: float, num_perm: int, recall: float = CANDIDATE_RECALL) -> tuple[int, int]:
    """Bands x rows (at most num_perm) that make a pair at `threshold` a candidate with probability
    `recall` or more and, among those, bring the fewest dissimilar pairs (the smallest area under
    the S-curve below the threshold). Every candidate is verified exactly, so banding for recall
    costs only verification time; where no banding reaches `recall`, the one that comes closest."""
    grid = np.linspace(0, threshold, 601)
    best, best_key = (1, 1), None
    for rows in range(1, num_perm + 1):
        for bands in range(1, num_perm // rows + 1):
            reach = candidate_probability(threshold, bands, rows)
            if reach >= recall:
                key = (0, float(np.trapezoid(1 - (1 - grid ** rows) ** bands, grid)), bands * rows)
                if best_key is None or key < best_key:
                    best, best_key = (bands, rows), key
                break  # more bands only add dissimilar candidates
            key = (1, -reach, bands * rows)
            if best_key is None or key < best_key:
                best, best_key = (bands, rows), key
    return best


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's (a, b) for the affine32 scheme, drawn the way it draws them (MinHash.
    _init_permutations: odd a, any b, from RandomState(seed)), without importing datasketch, whose
    import pulls in scipy (0.4 s)."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def fmix32(h: np.ndarray) -> np.ndarray:
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
    """The character n-grams of a normalised text (the whole text if it is shorter), but none that
    holds the template wildcard."""
    grams = [text] if 0 < len(text) <= size else [text[i:i + size] for i in range(len(text) - size + 1)]
    return [gram for gram in grams if WILDCARD not in gram]


def shingle_hashes(texts: list[str], size: int) -> tuple[np.ndarray, np.ndarray]:
    """FNV-1a hashes of every shingle of every text, concatenated, and the count per text."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return point_shingle_hashes(np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32), lengths, size)


def point_shingle_hashes(points: np.ndarray, lengths: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """shingle_hashes of texts given as one code-point array and the length of each."""
    counts = np.where(lengths >= size, lengths - size + 1, (lengths > 0).astype(np.int64))
    if len(lengths) == 0 or counts.sum() == 0:
        return np.empty(0, np.uint32), counts
    windows = max(len(points) - size + 1, 0)
    hashes = np.full(windows, FNV32_OFFSET, dtype=np.uint32)
    for offset in range(size):
        hashes ^= points[offset:offset + windows]
        hashes *= FNV32_PRIME
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    long_enough = lengths >= size
    # each shingle's first character and its length
    first = np.repeat(starts, counts) + _ranges(counts)
    span = np.repeat(np.where(long_enough, size, lengths), counts)
    out = hashes[np.minimum(first, max(windows - 1, 0))] if windows else np.zeros(len(first), np.uint32)
    if not long_enough.all():  # texts shorter than one shingle are one shingle each, hashed whole
        short_first = starts[~long_enough & (lengths > 0)]
        at = np.searchsorted(first, short_first)  # each short text's one shingle
        out[at] = [_points_hash(points[f:f + n]) for f, n in zip(short_first.tolist(), span[at].tolist())]
    wild = points == WILDCARD_POINT
    if wild.any():
        seen = np.concatenate([[0], np.cumsum(wild)])
        keep = seen[first + span] == seen[first]
        counts = np.bincount(np.repeat(np.arange(len(lengths)), counts)[keep], minlength=len(lengths))
        out = out[keep]
    return out, counts


def _points_hash(points: np.ndarray) -> int:
    h = int(FNV32_OFFSET)
    for point in points.tolist():
        h = ((h ^ point) * int(FNV32_PRIME)) & 0xFFFFFFFF
    return h


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
    mixed = fmix32(hashes)
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
