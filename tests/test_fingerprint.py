"""Fingerprints ignore script, width, punctuation and pinyin damage; placeholders become a wildcard."""
from cleaner.fingerprint import WILDCARD, normalise


def test_damage_does_not_change_the_normalised_copy():
    clean = "抓好党建是本职，不抓党建是失职。"
    damaged = ["抓好黨建是本職,不抓黨建是失職.", "抓好党(dǎng)建是本职 ，不抓党建是失职。", "ＡＢ抓好党建是本职，不抓党建是失职"]
    assert normalise([clean])[0] == "抓好党建是本职不抓党建是失职"
    assert normalise(damaged) == ["抓好党建是本职不抓党建是失职"] * 2 + ["ab抓好党建是本职不抓党建是失职"]


def test_bracketed_latin_after_han_goes_whatever_its_width_level_or_reading():
    # the pair: full-width brackets used to keep their syllable in the fingerprint
    assert normalise(["鎮（zhèn）黨委", "鎮(zhèn)黨委", "镇党委"]) == ["镇党委"] * 3
    assert normalise(["全面(quánmiàn)从严(cóng yán)治党", "會(hui)(hui)議", "会（ｈｕｉ）议", "会(wrong)议"]) == \
        ["全面从严治党", "会议", "会议", "会议"]
    # not after a Han character, or not letters: the text's own
    assert normalise(["第(3)条", "(注)说明", "see (note) here"]) == ["第3条", "注说明", "seenotehere"]


def test_template_placeholders_become_one_wildcard():
    assert normalise(["XX同志在某某县××局", "ｘｘ市", "某些同志", "XXXXX年", "box和max"]) == \
        [f"{WILDCARD}同志在{WILDCARD}县{WILDCARD}局", f"{WILDCARD}市", "某些同志", f"{WILDCARD}年", "box和max"]
