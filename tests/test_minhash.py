"""Signatures equal datasketch's, LSH and verification behave, clusters are deterministic."""
import random

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

import pytest

from cleaner.minhash import (MAX_ALL_PAIRS, DedupConfig, UnionFind, anchor_pairs, band_keys, lsh_pairs, optimal_banding,
                             partition_band_keys, partition_pairs, permutations, shingle_hash, shingle_hashes, shingles,
                             signatures, similarity, unpack)

rng = random.Random(7)
CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]
TEXTS = ["".join(rng.choices(CHARS, k=rng.randint(0, 220))) for _ in range(60)] + ["ab", "a", "机关党建"]


def test_signatures_equal_datasketch_minhash_for_the_same_shingles():
    perms = permutations(128, 1)
    hashes, counts = shingle_hashes(TEXTS, 3)
    rows = signatures(hashes, counts, perms)
    for text, row in zip(TEXTS, rows):
        reference = MinHash(num_perm=128, seed=1, hashfunc=shingle_hash)
        for shingle in shingles(text, 3):
            reference.update(shingle.encode("utf-8"))
        assert np.array_equal(reference.hashvalues, row), text


def test_signatures_load_into_datasketch_lsh():
    perms = permutations(64, 5)
    hashes, counts = shingle_hashes(TEXTS[:10] + TEXTS[:1], 4)
    rows = signatures(hashes, counts, perms)
    lsh = MinHashLSH(threshold=0.8, num_perm=64)
    for n, row in enumerate(rows[:10]):
        lsh.insert(f"t{n}", LeanMinHash(seed=5, hashvalues=row, scheme="affine32"))
    assert "t0" in lsh.query(LeanMinHash(seed=5, hashvalues=rows[10], scheme="affine32"))


def test_datasketch_permutations_are_used():
    a, b = permutations(16, 3)
    reference = MinHash(num_perm=16, seed=3)
    assert np.array_equal(a, reference.permutations[0]) and np.array_equal(b, reference.permutations[1])


def test_shingles_of_short_texts_are_the_text_itself():
    assert shingles("ab", 3) == ["ab"] and shingles("", 3) == [] and shingles("abcd", 3) == ["abc", "bcd"]
    hashes, counts = shingle_hashes(["ab", "", "abcd"], 3)
    assert counts.tolist() == [1, 0, 2] and hashes[0] == shingle_hash(b"ab")


def test_equal_texts_share_every_band_and_become_candidates():
    hashes, counts = shingle_hashes([TEXTS[5], TEXTS[6], TEXTS[5]], 3)
    keys = band_keys(signatures(hashes, counts, permutations(128, 1)), 16, 8)
    left, right = unpack(lsh_pairs(keys))
    assert list(zip(left, right)) == [(0, 2)]


@pytest.mark.parametrize("parts, rows_per_map", [(2, 1000), (3, 170), (7, 64)])
def test_lsh_as_a_shuffle_finds_the_same_pairs(parts, rows_per_map):
    # few distinct keys, so buckets of two, of a few and of more than MAX_ALL_PAIRS all occur
    keys = np.random.default_rng(parts).integers(0, 40, size=(1000, 5)).astype(np.uint32)
    keys[:MAX_ALL_PAIRS + 10, 0] = 7
    pieces = [partition_band_keys(keys[start:start + rows_per_map], start, parts)
              for start in range(0, len(keys), rows_per_map)]
    found = np.unique(np.concatenate([partition_pairs(*(piece[p] for piece in pieces)) for p in range(parts)]))
    assert np.array_equal(found, lsh_pairs(keys)) and len(found) > 1000


def test_anchor_pairs_pair_the_short_passage_with_the_long_ones():
    keys = np.array([11, 11, 11, 22], dtype=np.uint64)
    units = np.array([0, 1, 2, 1])
    lengths = np.array([50, 12, 80])
    left, right = unpack(anchor_pairs(keys, units, lengths))
    assert sorted(zip(left.tolist(), right.tolist()))[:2] == [(0, 1), (0, 2)] and (1, 2) in zip(left.tolist(), right.tolist())


def test_similarity_is_jaccard_and_containment():
    a, b = np.array([1, 2, 3, 4]), np.array([3, 4, 5, 6, 7, 8, 9, 10])
    assert similarity(a, b) == (2 / 10, 2 / 4)
    assert similarity(np.array([1, 2]), np.array([1, 2, 3, 4])) == (0.5, 1.0)


def test_banding_follows_the_threshold():
    bands, rows = optimal_banding(0.6, 128)
    assert bands * rows <= 128 and rows > 1
    assert DedupConfig(bands=8, rows=4).banding() == (8, 4)


def test_union_find_roots_at_the_first_occurrence():
    union = UnionFind()
    union.union(5, 3)
    union.union(9, 5)
    union.union(1, 7)
    assert not union.connected(1, 2) and union.connected(3, 9)
    assert union.groups() == {1: [1, 7], 3: [3, 5, 9]}
