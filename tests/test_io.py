"""Encoding detection, discovery and atomic writes."""
import pytest

from cleaner.errors import InputFileError, UsageError
from cleaner.io import check_output_outside_inputs, decode, discover, write_atomic

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


def test_discover_mirrors_a_single_folder_and_sorts(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "1.txt", "skip.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, missing = discover([tmp_path])
    assert [str(f.relative) for f in files] == ["1.txt", "b/2.txt"] and not missing


def test_output_may_not_sit_inside_an_input(tmp_path):
    with pytest.raises(UsageError):
        check_output_outside_inputs(tmp_path / "out", [tmp_path])
    check_output_outside_inputs(tmp_path / "out", [tmp_path / "in"])


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    write_atomic(tmp_path / "a" / "b.txt", "甲")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.txt"]
