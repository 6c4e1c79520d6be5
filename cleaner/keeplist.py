"""A project's keep-list: lines that no step may change or remove, written by `cleaner rules review`
when a reviewer rejects a removal by a built-in step (layout, joins, pinyin, the scorer), which has
no rule file to narrow.

The file is UTF-8, one line of text a line; blank lines and lines starting with '#' are comments.
A line is protected when its stripped text, folded as the rules see it (normalize.fold_for_matching),
equals an entry.
"""
from __future__ import annotations

import functools
from pathlib import Path

from .errors import UsageError
from .model import Edit
from .normalize import line_key
from .zones import touched_lines


def key(line: str) -> str:
    """How a line is compared with the entries: stripped and folded (normalize.line_key)."""
    return line_key(line)


def parse(text: str) -> frozenset[str]:
    return frozenset(key(line) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def load(path: str) -> frozenset[str]:
    """The protected lines of a keep-list file, read again only when the file changed."""
    try:
        stat = Path(path).stat()
    except OSError as error:
        raise UsageError(f"cannot read the keep list {path}: {error.strerror}") from None
    return _read(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _read(path: str, _mtime: int, _size: int) -> frozenset[str]:
    try:
        return parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the keep list {path}: {error}") from None


def filter_edits(text: str, edits: list[Edit], keep: frozenset[str]) -> list[Edit]:
    """`edits` of `text` without those that would change or remove a protected line."""
    if not keep:
        return edits
    return [e for e in edits if not any(key(line) in keep for line in touched_lines(text, e.start, e.end) if line.strip())]
