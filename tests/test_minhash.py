"""Signatures equal datasketch's bit for bit; shingles leave out the template wildcard; banding
reaches its candidate probability at the threshold."""
import random

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

import pytest

from cleaner.candidates import lsh_pairs, unpack
from cleaner.fingerprint import WILDCARD
from cleaner.config import DedupConfig
from cleaner.minhash import (CANDIDATE_RECALL, band_keys, banding_for, candidate_probability, permutations, shingle_hash,
                             shingle_hashes, shingles, signatures)

rng = random.Random(7)
CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]
TEXTS = ["".join(rng.choices(CHARS, k=rng.randint(0, 220))) for _ in range(60)] + ["ab", "a", "机关党建"]
TEXTS += [f"{WILDCARD}同志在{WILDCARD}县", "a" + WILDCARD, WILDCARD, "ab", "某某书记" + WILDCARD + "的讲话稿"]


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


@pytest.mark.parametrize("num_perm, seed", [(16, 3), (144, 1), (128, 42)])
def test_permutations_are_drawn_as_datasketch_draws_them(num_perm, seed):
    a, b = permutations(num_perm, seed)
    reference = MinHash(num_perm=num_perm, seed=seed)
    assert np.array_equal(a, reference.permutations[0]) and np.array_equal(b, reference.permutations[1])
    assert a.dtype == np.uint32 and b.dtype == np.uint32


def test_shingles_of_short_texts_are_the_text_itself():
    assert shingles("ab", 3) == ["ab"] and shingles("", 3) == [] and shingles("abcd", 3) == ["abc", "bcd"]
    hashes, counts = shingle_hashes(["ab", "", "abcd"], 3)
    assert counts.tolist() == [1, 0, 2] and hashes[0] == shingle_hash(b"ab")


def test_shingles_holding_the_wildcard_are_left_out():
    text = f"{WILDCARD}同志在{WILDCARD}县委"
    assert shingles(text, 3) == ["同志在"]
    hashes, counts = shingle_hashes([text, "ab" + WILDCARD, "甲乙丙丁"], 3)
    assert counts.tolist() == [1, 0, 2]
    assert hashes.tolist() == [shingle_hash(s.encode()) for s in ["同志在", "甲乙丙", "乙丙丁"]]


def test_equal_texts_share_every_band_and_become_candidates():
    hashes, counts = shingle_hashes([TEXTS[5], TEXTS[6], TEXTS[5]], 3)
    keys = band_keys(signatures(hashes, counts, permutations(128, 1)), 16, 8)
    left, right = unpack(lsh_pairs(keys))
    assert list(zip(left, right)) == [(0, 2)]


def test_banding_reaches_the_candidate_probability_at_the_threshold():
    for threshold in (0.5, 0.6, 0.7, 0.8):
        bands, rows = banding_for(threshold, 136)
        assert bands * rows <= 136 and rows > 1
        assert candidate_probability(threshold, bands, rows) >= CANDIDATE_RECALL
        # and it is the most selective such banding: one band fewer no longer reaches it
        assert candidate_probability(threshold, bands - 1, rows) < CANDIDATE_RECALL
    assert DedupConfig().banding() == (34, 4)
    assert DedupConfig(bands=8, rows=4).banding() == (8, 4)
    # too few permutations for the probability: the banding that comes closest
    assert banding_for(0.3, 4) == (4, 1)


def test_header_names_the_datasketch_version_without_importing_it():
    import subprocess
    import sys

    code = "import sys; from cleaner.config import DedupConfig; h = DedupConfig().header(); print(h['datasketch'], 'datasketch' in sys.modules, 'scipy' in sys.modules)"
    version, imported, scipy = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert version and imported == "False" and scipy == "False"
