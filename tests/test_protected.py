"""The classes of lines a learned rule must never remove: examples each class must and must not take."""
import pytest

from cleaner.protected import CLASSES, line_class

KEPT = [
    ("云溪县农业农村局", "signature"),
    ("中共云溪县委员会   云溪县人民政府", "signature"),
    ("中共云溪县委", "signature"),
    ("云溪縣人民政府辦公室", "signature"),
    ("云溪县防汛抗旱指挥部 2023年5月8日", "signature"),
    ("2023年5月8日", "date"),
    ("二〇二三年五月八日", "date"),
    ("二○二三年十二月三十一日", "date"),
    ("（2023年5月8日）", "date"),
    ("2023-05-08", "date"),
    ("（此件公开发布）", "publication-note"),
    ("(此件主动公开)", "publication-note"),
    ("（此件不公开）", "publication-note"),
    ("附件：春耕统计表", "attachment"),
    ("附件2", "attachment"),
    ("各乡镇人民政府，县直有关单位：", "addressee"),
    ("县委办公室、县政府办公室：", "addressee"),
    ("同志们：", "salutation"),
    ("谢谢大家！", "closing"),
    ("一、统一思想", "heading"),
]
NOT_KEPT = ["主办：云溪县农业农村局", "云溪县农业农村局门户网站", "发布日期：2023-05-08", "2024年1月5日 星期五",
            "附件下载", "相关阅读：", "05/08", "大局", "* 省政府", "扫一扫在手机打开当前页"]


@pytest.mark.parametrize("text,name", KEPT)
def test_a_line_of_a_protected_class_is_recognised(text, name):
    assert line_class(text, "tail").name == name


@pytest.mark.parametrize("text", NOT_KEPT)
def test_chrome_that_looks_like_a_document_line_is_not_protected(text):
    assert line_class(text, "tail") is None


def test_every_class_has_an_example():
    assert {kind.name for kind in CLASSES} == {name for _, name in KEPT} | {"prose"}
