"""Random text never crashes the cleaner, its edit log always replays, and cleaning twice changes nothing."""
from hypothesis import HealthCheck, given, settings, strategies as st

from cleaner import apply_edits, clean_text

# Pieces that exercise every step: pinyin, indentation, chrome, headings, breaks, both scripts.
PIECES = [
    "機關(guān)", "設(shè)", "第(一)", "件(a)", "单位(元)", "同志们：", "一、", "1.", "二:", "  ", "\u3000\u3000", "\n", "\n\n",
    "\n\n\n", "\r\n", "。", "，", "相关内容", "相關知識", "  • ", " ...", "11", "07/14", " - 范文中心", "小编给大家整理的",
    "时间:2022-04-02 07:35:00", "会员群：", "QQ群", "上一篇：", "加强和改进基层党建工作的重要意义", "要",
    "求,区委近年来在加强基层党的建设上作了一些探索", "X", "20*年", "的", "\ufeff", "\t", "a", "！", "……",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=40))
def test_random_text_cleans_replays_and_is_idempotent(default_rules, pieces):
    original = "".join(pieces)
    result = clean_text(original, default_rules)
    assert apply_edits(original, result.edits) == result.text
    assert all(e.old != e.new for e in result.edits)
    again = clean_text(result.text, default_rules)
    assert again.text == result.text
