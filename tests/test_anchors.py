"""Anchors: a passage standing inside another shares its winnowed anchors and probes its host;
a passage of its own text probes nothing."""
import random

import numpy as np

from cleaner.anchors import ANCHOR_CHARS, MAX_ANCHOR_BUCKET, WINDOW, anchor_pairs as pairs_of, anchor_table, packed
from cleaner.candidates import unpack
from cleaner.fingerprint import WILDCARD

rng = random.Random(3)
CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def _text(size: int) -> str:
    return "".join(rng.choices(CHARS, k=size))


def anchor_pairs(keys, owners, lengths):
    return pairs_of(packed(keys, owners), np.bincount(owners, minlength=len(lengths)), lengths)


def _anchors(texts):
    keys, owners = anchor_table(texts)
    return [set(keys[owners == n].tolist()) for n in range(len(texts))]


def test_a_passage_inside_another_shares_every_anchor_wherever_it_stands():
    inner = _text(ANCHOR_CHARS + WINDOW - 1 + 10)
    hosts = [_text(80) + inner + _text(50), inner + _text(120), _text(3) + inner, "x" + inner]
    found = _anchors([inner, *hosts])
    assert found[0] and all(found[0] <= host for host in found[1:])


def test_anchors_never_cross_passages_or_hold_the_wildcard():
    a, b = _text(40), _text(40)
    keys, owners = anchor_table([a, b])
    joined_keys, _ = anchor_table([a + b])
    assert set(keys.tolist()) <= set(joined_keys.tolist()) | set(anchor_table([a])[0].tolist()) | set(anchor_table([b])[0].tolist())
    assert _anchors([a, b]) == [_anchors([a])[0], _anchors([b])[0]]  # the same in any batch
    templated = a[:15] + WILDCARD + a[16:]
    assert not (_anchors([templated])[0] - _anchors([a])[0])  # what a template holds, the filled-in text holds too


def test_short_passages_keep_one_anchor_and_tiny_ones_none():
    assert [len(a) for a in _anchors([_text(ANCHOR_CHARS + 3), _text(ANCHOR_CHARS - 1)])] == [1, 0]


def test_a_quoted_passage_probes_its_longer_hosts_only():
    inner, other = _text(30), _text(200)
    texts = [inner, _text(60) + inner + _text(40), _text(20) + inner + _text(90), other, other[:150] + _text(20)]
    keys, owners = anchor_table(texts)
    lengths = np.array([len(t) for t in texts])
    left, right = unpack(anchor_pairs(keys, owners, lengths))
    pairs = set(zip(left.tolist(), right.tolist()))
    assert {(0, 1), (0, 2)} <= pairs  # the passage and each host
    assert (1, 2) not in pairs  # two hosts that quote it are no candidates of each other
    assert (3, 4) in pairs  # most of 4 stands inside 3


def test_a_passage_of_its_own_text_with_a_stock_phrase_probes_nothing():
    stock = _text(25)
    texts = [_text(120) + stock + _text(120) for _ in range(30)]
    keys, owners = anchor_table(texts)
    assert len(anchor_pairs(keys, owners, np.array([len(t) for t in texts]))) == 0


def test_an_anchor_held_by_too_many_passages_finds_nothing():
    stock = _text(30)
    texts = [stock] + [_text(10) + stock + _text(10) for _ in range(MAX_ANCHOR_BUCKET + 1)]
    keys, owners = anchor_table(texts)
    left, _ = unpack(anchor_pairs(keys, owners, np.array([len(t) for t in texts])))
    assert 0 not in left.tolist()
