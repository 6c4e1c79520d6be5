"""Encoding detection, discovery and atomic writes."""
import os
import stat

import pytest

from cleaner.errors import InputFileError, UsageError
from cleaner.io import AtomicLines, check_output_outside_inputs, decode, discover, join_atomic, write_atomic

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


def test_outputs_get_the_mode_open_would_give(tmp_path):
    write_atomic(tmp_path / "a.txt", "甲")
    lines = AtomicLines(tmp_path / "b.jsonl")
    lines.write("{}")
    lines.commit()
    umask = os.umask(0)
    os.umask(umask)
    expected = 0o666 & ~umask  # not mkstemp's 0600: others may read what the run made
    assert {stat.S_IMODE((tmp_path / name).stat().st_mode) for name in ("a.txt", "b.jsonl")} == {expected}


def test_join_atomic_concatenates_and_uses_up_the_parts(tmp_path):
    parts = []
    for number, lines in enumerate(["a\nb\n", "", "c\n"]):
        parts.append(tmp_path / f"part{number}")
        parts[-1].write_text(lines, encoding="utf-8")
    join_atomic(parts, tmp_path / "out" / "log.jsonl")
    assert (tmp_path / "out" / "log.jsonl").read_text(encoding="utf-8") == "a\nb\nc\n"
    assert not parts[0].exists()  # moved, not copied
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["log.jsonl"]
    join_atomic([], tmp_path / "empty.jsonl")
    assert (tmp_path / "empty.jsonl").read_bytes() == b""
