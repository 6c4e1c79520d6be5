"""LSH candidates: equal band keys pair up, here and as a shuffle between workers."""
import numpy as np
import pytest

from cleaner.candidates import MAX_ALL_PAIRS, bucket_pairs, lsh_pairs, partition_band_keys, partition_pairs, unpack


@pytest.mark.parametrize("parts, rows_per_map", [(2, 1000), (3, 170), (7, 64)])
def test_lsh_as_a_shuffle_finds_the_same_pairs(parts, rows_per_map):
    # few distinct keys, so buckets of two, of a few and of more than MAX_ALL_PAIRS all occur
    keys = np.random.default_rng(parts).integers(0, 40, size=(1000, 5)).astype(np.uint32)
    keys[:MAX_ALL_PAIRS + 10, 0] = 7
    pieces = [partition_band_keys(keys[start:start + rows_per_map], start, parts)
              for start in range(0, len(keys), rows_per_map)]
    found = np.unique(np.concatenate([partition_pairs(*(piece[p] for piece in pieces)) for p in range(parts)]))
    assert np.array_equal(found, lsh_pairs(keys)) and len(found) > 1000


def test_a_large_bucket_pairs_its_first_member_with_the_others():
    units = np.arange(MAX_ALL_PAIRS + 5)
    left, right = unpack(np.unique(bucket_pairs(units, np.zeros(len(units), np.uint32))))
    assert left.tolist() == [0] * (len(units) - 1) and right.tolist() == list(range(1, len(units)))
    left, right = unpack(np.unique(bucket_pairs(units[:4], np.zeros(4, np.uint32))))
    assert list(zip(left.tolist(), right.tolist())) == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
