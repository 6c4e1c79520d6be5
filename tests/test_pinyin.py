"""Pinyin annotations go only when their letters spell readings of the characters before them."""
import re
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from cleaner.editlog import apply_edits
from cleaner.pinyin import ANNOTATION, annotations, is_reading, repair_pinyin, spelled_word


@pytest.mark.parametrize("given,expected", [
    ("機關(guān)", "機關"),
    ("建設(shè)幾點", "建設幾點"),
    ("監(jiān)督", "監督"),
    ("发(fa)展", "发展"),  # tone marks are optional
    ("女(nǚ)士", "女士"),
    ("關(guān)(guān)", "關"),
])
def test_syllable_after_its_character_goes(given, expected):
    assert apply_edits(given, repair_pinyin(given)) == expected


@pytest.mark.parametrize("given,expected", [
    ("召开全国(quánguó)会议", "召开全国会议"),
    ("盘活固定资产(gùdìngzīchǎn)存量", "盘活固定资产存量"),
    ("创建文明城市(wénmíngchéngshì)", "创建文明城市"),
    ("通讯员李红梅(lǐhóngméi)报道", "通讯员李红梅报道"),  # a name
    ("加快建设(jianshe)步伐", "加快建设步伐"),  # toneless
    ("鄉村振興(xiāngcūnzhènxīng)戰略", "鄉村振興戰略"),  # Traditional
    ("全国(QUANGUO)", "全国"),  # shouted in capitals: still one case throughout
    ("绿色(lvse)", "绿色"),  # ü written v
    ("绿色(lu:se)", "绿色"),  # or u:
    ("妇女(fùnü)", "妇女"),
    ("西安(xian)", "西安"),  # xi + an, not the single syllable xian
    ("一等奖(yīděngjiǎng)(yīděngjiǎng)", "一等奖"),
    ("加强机关(jī guān)建设", "加强机关建设"),  # syllables written apart
    ("张军(zhāng jūn)同志", "张军同志"),
    ("乡村( xiāngcūn )振兴", "乡村振兴"),  # a padded bracket
    ("机关(ji1 guan1)党建", "机关党建"),  # tone numbers
    ("党建（dǎng jiàn）", "党建"),
])
def test_word_spelled_by_its_readings_goes(given, expected):
    assert apply_edits(given, repair_pinyin(given)) == expected


@pytest.mark.parametrize("given,expected", [
    ("會(hui)(hui)議", "會議"),
    ("我们的(de)(de)(de)家", "我们的家"),
    ("初心(xin)(xin)", "初心"),
    ("中(zhong)(zhōng)央", "中央"),  # toned and toneless copies of one reading
    ("件(jiàn)(a)", "件(a)"),  # only the repeat that is a reading goes
])
def test_every_repeated_reading_goes(given, expected):
    assert apply_edits(given, repair_pinyin(given)) == expected


@pytest.mark.parametrize("given,expected", [
    ("鎮（zhèn）黨委", "鎮黨委"),
    ("鎮（zhèn)黨委", "鎮黨委"),
    ("鎮(zhèn）黨委", "鎮黨委"),
    ("會（huì）（huì）議", "會議"),
    ("全国（quánguó）", "全国"),
])
def test_full_width_brackets_go_too(given, expected):
    assert apply_edits(given, repair_pinyin(given)) == expected


@pytest.mark.parametrize("text", [
    "加入世界贸易组织(WTO)以后",
    "发展人工智能(AI)产业",
    "移动互联网(Internet)时代",
    "欧洲航天局（ESA）",
    "中国(China)",
    "關(Guān)",  # mixed case is a word, not converter output
    "見附件(a)",
    "比较方案(A)和方案(B)",
    "附件(b)",
    "第(一)",
    "单位(元)",
    "預算(2024)",
    "部(特別是行政負責人)",
    "張軍(Zhāng Jūn)",  # capitalised as a name for readers of English: a gloss someone wrote
    "见第(1 2)条",  # digits are tones only after a letter
    "全国(quán,guó)",
    "a(a)",  # no Han character before the bracket
    "，(de)",
    "2(èr)",
    "全国(quánguóa)",  # letters left over
    "固定资产(gùdìng)",  # spells 固定, not the characters just before
])
def test_what_is_not_an_annotation_stays(text):
    assert repair_pinyin(text) == []


def test_heteronyms_accept_every_reading():
    assert is_reading("行", "háng") and is_reading("行", "xíng")
    assert not is_reading("行", "guān")


@pytest.mark.parametrize("han,letters,word", [
    ("行长", "hangzhang", "行长"),
    ("行长", "xingchang", "行长"),  # any reading of each heteronym
    ("召开全国", "quanguo", "全国"),  # the shortest run that fits
    ("召开全国", "kaiquanguo", "开全国"),
    ("召开全国", "quanguó", "全国"),  # tone marks on some syllables only
    ("召开全国", "QuanGuo", ""),
    ("召开全国", "kai", ""),
])
def test_spelled_word_is_the_shortest_run_that_fits(han, letters, word):
    assert spelled_word(han, letters) == word


def test_edits_name_the_reading():
    (edit,) = repair_pinyin("機關(guān)")
    assert (edit.start, edit.end, edit.rule, edit.reason) == (2, 8, "pinyin.annotation", "'guān' is a reading of 關")


def test_edits_name_the_word():
    (edit,) = repair_pinyin("召开全国（quánguó）会议")
    assert (edit.start, edit.end, edit.old, edit.new) == (4, 13, "（quánguó）", "")
    assert edit.reason == "'quánguó' spells the readings of 全国"


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["關", "a", "x", "(", ")", "（", "）", "guān", "(fa)", "（QUAN）", "ǚ", "𠌥", " ", "\n", "1"]),
                max_size=40).map("".join))
def test_annotations_are_exactly_the_pattern_matches(text):
    expected = [(m.group(1), m.group(2), m.start(2), m.end()) for m in ANNOTATION.finditer(text)]
    assert list(annotations(text)) == expected


# Characters with their readings, written out here rather than asked of pypinyin.
READINGS = {"全": ["quán"], "国": ["guó"], "機": ["jī"], "關": ["guān"], "建": ["jiàn"], "設": ["shè"],
            "會": ["huì", "kuài"], "的": ["de", "dí"], "心": ["xīn"], "女": ["nǚ"], "行": ["xíng", "háng"],
            "长": ["cháng", "zhǎng"], "绿": ["lǜ"], "一": ["yī"], "鎮": ["zhèn"], "黨": ["dǎng"], "委": ["wěi"]}
OTHERS = ["，", "。", "1", "a", "Z", " ", "\n", "、", "《", "》"]


def _toneless(reading: str) -> str:
    """`reading` as a converter without tone marks writes it, ü as v."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@st.composite
def annotation(draw, chars: list[str]) -> str:
    """Brackets spelling a reading of each of `chars`, some toneless, maybe in capitals, maybe repeated."""
    syllables = [draw(st.sampled_from(READINGS[c])) for c in chars]
    letters = "".join(draw(st.sampled_from([s, _toneless(s)])) for s in syllables)
    letters = letters.upper() if draw(st.booleans()) else letters
    repeats = draw(st.integers(1, 3))
    return "".join(draw(st.sampled_from("(（")) + letters + draw(st.sampled_from(")）")) for _ in range(repeats))


@st.composite
def damaged_texts(draw):
    """(clean text, the same text with annotations after some of its characters and words)."""
    pieces = draw(st.lists(st.sampled_from(list(READINGS) + OTHERS), max_size=30))
    clean, damaged, word = "", "", []  # word: the Han characters since the last annotation
    for piece in pieces:
        clean += piece
        damaged += piece
        word = word + [piece] if piece in READINGS else []
        if word and draw(st.booleans()):
            damaged += draw(annotation(word[-draw(st.integers(1, min(len(word), 8))):]))
            word = []
    return clean, damaged


@settings(max_examples=300, derandomize=True, deadline=None)
@given(damaged_texts())
def test_annotations_added_to_a_text_are_repaired_back_to_it(texts):
    clean, damaged = texts
    assert apply_edits(damaged, repair_pinyin(damaged)) == clean


ONE_BRACKET = re.compile(r"[(（][^()（）\s]+[)）]")


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["全", "国", "關", "的", "a", "de", "quán", "guó", "GUAN", "(", ")", "（", "）",
                                 "(de)", "（guān）", " ", "1", "WTO"]), max_size=40).map("".join))
def test_edits_remove_whole_brackets_only_and_never_overlap(text):
    edits = repair_pinyin(text)
    for edit in edits:
        assert text[edit.start:edit.end] == edit.old and edit.new == ""
        assert ONE_BRACKET.fullmatch(edit.old)
    assert all(a.end <= b.start for a, b in zip(edits, edits[1:]))
