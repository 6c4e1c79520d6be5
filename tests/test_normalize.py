"""The folded view: same length as the text, Simplified, half-width; converting only the lines
that need it gives what converting the whole text gives."""
import opencc
import pytest
from hypothesis import given, settings, strategies as st

from cleaner.normalize import _WIDTH, fold_for_matching, fold_width, to_simplified

T2S = opencc.OpenCC("t2s")


def _whole_text_fold(text: str) -> str:
    text = "".join(_WIDTH.get(c, c) for c in text)
    folded = T2S.convert(text)
    assert len(folded) == len(text)
    return folded


@pytest.mark.parametrize("text", [
    "",
    "全是简体的一段话，没有繁体字。\n第二行也是。",
    "機關(guān)幹部學習會議\n简体的一行\n",
    "简体开头\n中间一行有繁體字\n简体结尾\n" * 3,
    "他說什麼\n乾燥的天氣\n什么\n瞭望台\n",
    "ＡＢＣ１２３（全角）　空格\n",
    "\n".join(f"第{i}行說話" for i in range(40)),  # many lines to convert: the whole text at once
    "简体\n" * 5 + "機關說話\n简体\n" * 3 + "\n".join(f"第{i}行說話" for i in range(40)),  # lines, then the rest at once
    "𠌥字在擴展區\n简体\n",
])
def test_fold_equals_converting_the_whole_text(text):
    assert fold_for_matching(text) == _whole_text_fold(text)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from("機關說話乾燥简体汉字（）ＡＢ　 \n𠌥么瞭a1"), max_size=60))
def test_fold_keeps_every_position_and_agrees_with_whole_text_conversion(text):
    folded = fold_for_matching(text)
    assert len(folded) == len(text)
    assert to_simplified(text) == T2S.convert(text) or len(T2S.convert(text)) != len(text)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from("，。：ａＡ１\u3000 a,.同志们\n"), max_size=40))
def test_width_folding_replaces_every_full_width_character(text):
    assert fold_width(text) == "".join(_WIDTH.get(char, char) for char in text)
