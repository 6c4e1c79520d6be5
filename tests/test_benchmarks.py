"""The dedup quality benchmark can fail: it passes at the defaults on the samples' paragraphs and
reports the damage when the relations are loosened. (Its figures on the labelled pages are in the
README; tests never read ../shared.)"""
from benchmarks import dedup_quality, planted


def _scores(settings):
    total, _ = dedup_quality.run(planted.pool([]), 2, settings)
    precision, recall = dedup_quality.overall(total)
    wrong = sum(total[k]["wrong"] for k in planted.NEGATIVES[1:]) + total["quote"]["clustered"]
    return precision, recall, wrong, total


def test_the_defaults_find_the_planted_duplicates_and_no_negative():
    precision, recall, wrong, total = _scores({})
    assert precision >= 0.99 and recall >= 0.95 and wrong == 0
    assert sum(total[k]["true"] for k in planted.KINDS) >= 40 and sum(total[k]["true"] for k in planted.NEGATIVES) >= 8


def test_loosened_relations_cluster_the_hard_negatives():
    precision, _, wrong, _ = _scores({"threshold": 0.25, "short_threshold": 0.25, "length_ratio": 0.3})
    assert wrong > 0 and precision < 0.99


def test_a_strict_threshold_misses_damaged_copies():
    _, recall, _, total = _scores({"threshold": 0.95, "containment": 0.99})
    assert recall < 0.9 and total["combined"]["found"] < total["combined"]["true"]
