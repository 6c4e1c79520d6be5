"""Fingerprints ignore script, width, punctuation and pinyin damage."""
from cleaner.fingerprint import normalise, normalise_with_clauses


def test_damage_does_not_change_the_normalised_copy():
    clean = "抓好党建是本职，不抓党建是失职。"
    damaged = ["抓好黨建是本職,不抓黨建是失職.", "抓好党(dǎng)建是本职 ，不抓党建是失职。", "ＡＢ抓好党建是本职，不抓党建是失职"]
    assert normalise([clean])[0] == "抓好党建是本职不抓党建是失职"
    assert normalise(damaged) == ["抓好党建是本职不抓党建是失职"] * 2 + ["ab抓好党建是本职不抓党建是失职"]


def test_clauses_of_six_or_more_characters_are_anchors():
    normalised, clauses = normalise_with_clauses(["抓好黨建是本職,不抓黨建是失職,好的。"])
    assert normalised == ["抓好党建是本职不抓党建是失职好的"]
    assert clauses == [["抓好党建是本职", "不抓党建是失职"]]
