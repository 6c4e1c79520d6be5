"""A sentence set over lines in pieces (its quote marks, brackets, numbers and the words inside
them each on a line): joined before the rules, and nothing else joined."""
import pytest

from cleaner import apply_edits, clean_text
from cleaner.sentence_pieces import RULE_ID, join_inline_pieces

OPENING = "今年以来，全区上下紧紧围绕中心工作，认真落实各项决策部署，特别是在"
GOES_ON = "工作中发挥了示范带头作用，群众满意度持续提升。"


def _joined(text: str) -> str:
    edits = join_inline_pieces(text)
    assert {edit.rule for edit in edits} <= {RULE_ID}
    return apply_edits(text, edits)


@pytest.mark.parametrize("pieces,joined", [
    (["“", "三农服务", "”"], "“三农服务”"),  # quote marks and the words inside them
    (["（", "社区", "）"], "（社区）"),
    (["《", "村规民约", "》", "修订"], "《村规民约》修订\n"),  # the line after the closing mark goes on; the joins do the rest
    (["“", "两个", "”", "和", "“", "三个", "”"], None),  # 和 is a line of its own text, not a piece: the run stops there
])
def test_quote_marks_brackets_and_the_words_inside_them_join_the_sentence(pieces, joined):
    text = "\n".join([OPENING, *pieces, GOES_ON]) + "\n"
    if joined is None:
        assert _joined(text).startswith(OPENING + "“两个”和")
    else:
        assert _joined(text) == OPENING + joined + GOES_ON + "\n"


@pytest.mark.parametrize("text,joined", [
    ("参加今天会议的有各乡镇和县直各单位的主要负责同志，共计\n600\n余人。\n", "参加今天会议的有各乡镇和县直各单位的主要负责同志，共计600余人。\n"),
    ("截至\n2024\n年底，全县累计建成高标准农田十万亩。\n", "截至2024年底，全县累计建成高标准农田十万亩。\n"),
    ("今年以来，全市加快新型基础设施建设，新建\n5G\n基站和数据中心一批，成效明显。\n", "今年以来，全市加快新型基础设施建设，新建5G基站和数据中心一批，成效明显。\n"),
    ("全年粮食播种面积稳定在\n35.6\n万亩以上，总产量再创新高。\n", "全年粮食播种面积稳定在35.6万亩以上，总产量再创新高。\n"),
])
def test_a_number_or_latin_word_alone_joins_where_it_reads_as_part_of_the_sentence(text, joined):
    assert _joined(text) == joined


def test_a_page_number_between_the_halves_of_a_sentence_is_not_a_quantity_and_goes():
    text = "各项工作扎实推进，发展态势持续向好，全县经济社会发展的\n12\n质量和效益明显提升。\n"
    assert join_inline_pieces(text) == []
    assert clean_text(text).text == "各项工作扎实推进，发展态势持续向好，全县经济社会发展的质量和效益明显提升。\n"


@pytest.mark.parametrize("text", [
    "在全县春季农业生产工作会议上的讲话\n（\n2024年3月6日\n）\n今天我们召开全县春季农业生产工作会议。\n",  # a title, no sentence
    OPENING + "\n“\n三农服务\n”\n\n" + GOES_ON + "\n",  # a blank line: a new paragraph
    OPENING + "\n“\n三农服务\n”\n二、强化组织领导\n",  # a heading starts a line of its own
    "全县共完成造林面积。\n2024\n年底前完成验收。\n",  # the line above ends a sentence
    OPENING + "\n“\n三农服务\n",  # the page ends inside the run
])
def test_what_is_not_a_sentence_in_pieces_is_not_joined(text):
    assert join_inline_pieces(text) == []


def test_a_page_in_pieces_cleans_whole_replays_and_cleans_to_itself():
    text = (f"同志们：\n{OPENING}\n“\n三农服务\n”\n{GOES_ON}\n在分会场参加会议的有县四大班子领导、各乡镇\n（\n街道\n）\n党政负责同志、县\n（\n区\n）\n"
            "直属单位主要负责同志，共计\n600\n余人。\n")
    result = clean_text(text)
    assert result.text == (f"同志们：\n{OPENING}“三农服务”{GOES_ON}\n"
                           "在分会场参加会议的有县四大班子领导、各乡镇（街道）党政负责同志、县（区）直属单位主要负责同志，共计600余人。\n")
    assert apply_edits(text, result.edits) == result.text
    assert clean_text(result.text).text == result.text
