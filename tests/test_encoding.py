"""Decoding the bytes of a text file: which encoding, and what is not text."""
import pytest

from cleaner.encoding import decode
from cleaner.errors import InputFileError

TEXT = "同志们：今天召开全区基层党建工作会议，主要任务是总结去年的工作，部署今年的任务。"
TRAD = "同志們：今天召開全區基層黨建工作會議，主要任務是總結去年的工作，部署今年的任務。"


@pytest.mark.parametrize("data,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TRAD.encode("gb18030"), "gb18030"),
    (TRAD.encode("big5"), "big5"),
    (TEXT.encode("utf-16"), "utf-16"),
])
def test_decode_detects_the_encoding(data, encoding):
    text, found = decode(data, "x.txt")
    assert found == encoding and text.lstrip("\ufeff") in (TEXT, TRAD)


@pytest.mark.parametrize("data,problem", [
    (b"", "empty file"),
    (b" \n", "empty file"),
    (b"\x00\x01\x02", "binary file"),
    (TEXT.encode("utf-8")[:-1], "truncated UTF-8"),
])
def test_decode_refuses_what_is_not_text(data, problem):
    with pytest.raises(InputFileError, match=problem):
        decode(data, "x.txt")




@pytest.mark.parametrize("data,problem", [
    ("甲" * 5000 + "\x00" + "乙", "binary file (NUL bytes)"),  # past the first 8 KB
    (("甲乙" * 10 + "\x00").encode("utf-16"), "binary file (NUL characters)"),
    ("\u3000 \u3000\n".encode("utf-8"), "empty file"),
    (b"\xef\xbb\xbf", "empty file"),
    (b"\xef\xbb\xbf\xef\xbb\xbf\n", "empty file"),
    ("\ufeff \u3000".encode("utf-16"), "empty file"),
])
def test_nul_anywhere_is_binary_and_blank_text_is_empty(data, problem):
    data = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(InputFileError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        decode(data, "x.txt")


# Vocabulary of official writing (not of any page): short texts are what tells encodings apart worst.
TRADITIONAL_WORDS = ("會議 報告 經濟 發展 黨員 幹部 組織 學習 貫徹 精神 領導 群眾 鄉鎮 縣委 團結 奮鬥 創新 建設 "
                     "監督 檢查 責任 落實 農業 環境 保護 醫療 衛生 教育 改革 開放 穩定 安全 質量 效益 服務").split()


def test_short_big5_texts_are_not_taken_for_gb18030_garbage():
    import random

    rng = random.Random(5)
    wrong = []
    for words in range(2, 9):  # 4 to 16 characters
        for _ in range(60):
            text = "".join(rng.choice(TRADITIONAL_WORDS) for _ in range(words))
            found = decode(text.encode("big5"), "x.txt")[1]
            if found != "big5":
                wrong.append(text)
    assert len(wrong) <= 2, wrong  # 12 to 21 of these 420 with the share of a list of common characters


def test_private_use_and_stray_characters_count_against_a_decoding():
    from cleaner.encoding import chinese_cost

    assert chinese_cost("机关党建工作") < chinese_cost("机关\ue61b\ue1e0工作") < chinese_cost("\ue61b\ue1e0")
    assert chinese_cost("马过承量") < chinese_cost("马ヴ承量")
