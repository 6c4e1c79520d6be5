"""Discovery of inputs and atomic writes."""
import os
import stat
from pathlib import Path

import pytest

from cleaner.errors import InputFileError
from cleaner.io import AtomicLines, discover, join_atomic, read_text, write_atomic



def test_discover_mirrors_a_single_folder_and_sorts(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "1.txt", "skip.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, missing = discover([tmp_path])
    assert [str(f.relative) for f in files] == ["1.txt", "b/2.txt"] and not missing


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


def test_only_regular_files_are_read_and_the_rest_is_named(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("x", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dir.txt").mkdir()  # a folder whose name fits the glob is searched, not read
    files, problems = discover([folder])
    assert [f.relative.name for f in files] == ["good.txt"]
    assert [p.message() for p in problems] == [
        f"{folder / 'dangling.txt'}: broken symbolic link; skipped",
        f"{folder / 'loop.txt'}: symbolic link loop; skipped",
        f"{folder / 'pipe.txt'}: not a regular file (a FIFO); skipped",
    ]
    files, problems = discover([folder / "pipe.txt", Path("/dev/zero"), folder / "loop.txt"])
    assert not files and [p.message() for p in problems] == [
        f"{folder / 'pipe.txt'}: not a regular file (a FIFO); skipped",
        "/dev/zero: not a regular file (a character device); skipped",
        f"{folder / 'loop.txt'}: symbolic link loop; skipped",
    ]


def test_a_file_named_twice_or_reached_through_a_link_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    files, problems = discover([tmp_path / "a.txt", tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "." / "a.txt"])
    assert [f.doc for f in files] == [str(tmp_path / "a.txt")] and not problems


def test_a_text_file_over_the_record_limit_is_skipped(tmp_path):
    (tmp_path / "big.txt").write_text("甲" * 400_000, encoding="utf-8")  # 1.2 MB
    (item,), _ = discover([tmp_path / "big.txt"])
    with pytest.raises(InputFileError, match=r"larger than the record limit of 1 MB \(--max-record-mb\); skipped"):
        read_text(item, 1 << 20)
    assert read_text(item, 2 << 20)[0] == "甲" * 400_000
