"""Duplicates and quotes: the two relations, the clusters duplicates make, quotes that never join them."""
import numpy as np
import pytest

from cleaner.config import DedupConfig
from cleaner.relations import DUPLICATE, QUOTE, Fingerprints, UnionFind, link, quotes_between_clusters, relation, similarity

CONFIG = DedupConfig()


def test_similarity_is_jaccard_and_containment():
    a, b = np.array([1, 2, 3, 4]), np.array([3, 4, 5, 6, 7, 8, 9, 10])
    assert similarity(a, b) == (2 / 10, 2 / 4)
    assert similarity(np.array([1, 2]), np.array([1, 2, 3, 4])) == (0.5, 1.0)


@pytest.mark.parametrize("jaccard, containment, shorter, longer, expected", [
    (0.9, 0.95, 100, 100, DUPLICATE),  # near-equal
    (0.45, 1.0, 90, 100, DUPLICATE),   # a filled-in template, a clause added: inside, and alike in length
    (0.62, 1.0, 62, 100, QUOTE),       # a short paragraph quoted whole in a longer one
    (0.26, 0.9, 26, 100, QUOTE),
    (0.61, 0.7, 70, 100, None),        # similar enough, but too different in length
    (0.3, 0.5, 100, 120, None),        # a sentence in common
    (0.75, 1.0, 8, 10, None),          # two titles, one inside the other, alike in length: neither
    (0.6, 1.0, 10, 13, QUOTE),         # ... one clearly longer: a quote
    (0.71, 0.83, 14, 14, None),        # two titles, one word apart: neither
    (0.6, 0.75, 10, 10, None),         # two titles, two characters apart
    (0.89, 1.0, 10, 11, DUPLICATE),    # one title with a character more
])
def test_relation(jaccard, containment, shorter, longer, expected):
    assert relation(jaccard, containment, shorter, longer, CONFIG) == expected


def test_a_short_template_inside_its_filled_in_title_is_a_duplicate():
    # `XX同志在全县大会上的讲话` and `张三同志在全县大会上的讲话`: placeholders where the other has names
    assert relation(0.56, 1.0, 17, 19, CONFIG, template=True) == DUPLICATE
    assert relation(0.56, 1.0, 17, 19, CONFIG) is None


def test_a_quote_never_joins_clusters_and_a_duplicate_is_no_quote():
    # 0, 1: one stock sentence; 2, 3: two different hosts that quote it; 4 a copy of host 2
    sets = {0: np.arange(10), 1: np.arange(10), 2: np.arange(60), 3: np.concatenate([np.arange(10), np.arange(100, 150)]),
            4: np.arange(58)}
    lengths = np.array([12, 12, 62, 62, 60])
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (2, 4), (0, 4)]
    union, quotes = link(pairs, Fingerprints(sets, lengths), CONFIG)
    assert union.groups() == {0: [0, 1], 2: [2, 4]}
    kept = quotes_between_clusters(union, quotes)
    # one record per passage and cluster of hosts: 2 and its copy 4 are one
    assert [(p, h) for p, h, _, _ in kept] == [(0, 2), (0, 3), (1, 2), (1, 3)]
    assert all(c == 1.0 for _, _, _, c in kept)


def test_union_find_roots_at_the_first_occurrence():
    union = UnionFind()
    union.union(5, 3)
    union.union(9, 5)
    union.union(1, 7)
    assert not union.connected(1, 2) and union.connected(3, 9)
    assert union.groups() == {1: [1, 7], 3: [3, 5, 9]}
