"""Edits a person can read in a rule file: a string appended to a list key of one [[rule]] table,
the rest of the file (comments, layout, literal strings) left as it was.

TOML has no round-trip writer in the standard library, so the list is found by scanning its
text: strings, comments and brackets, as the TOML grammar has them.
"""
from __future__ import annotations

import json
import re

RULE_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*rule[ \t]*\]\]", re.MULTILINE)
ANY_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def toml_string(value: str) -> str:
    """A TOML basic string of `value` (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _table_span(text: str, index: int) -> tuple[int, int]:
    """Start and end of the `index`-th [[rule]] table of `text`."""
    starts = [m.start() for m in RULE_TABLE.finditer(text)]
    start = starts[index]
    header_end = text.index("\n", start) + 1 if "\n" in text[start:] else len(text)
    following = [m.start() for m in ANY_TABLE.finditer(text, header_end) if not _inside_value(text, header_end, m.start())]
    return start, following[0] if following else len(text)


def _skip(text: str, i: int) -> int | None:
    """The position after the string or comment that starts at `i`, or None if none does."""
    if text[i] == "#":
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    quote = next((q for q in ("\'\'\'", '"""', "'", '"') if text.startswith(q, i)), None)
    if quote is None:
        return None
    j = i + len(quote)
    while j < len(text):
        if quote[0] == '"' and text[j] == "\\":
            j += 2  # an escape: the next character never closes the string
            continue
        if text.startswith(quote, j):
            return j + len(quote)
        j += 1
    raise ValueError("unclosed string")


def _inside_value(text: str, start: int, pos: int) -> bool:
    """Whether `pos` lies inside a string or array that began after `start`."""
    depth, i = 0, start
    while i < pos:
        after = _skip(text, i)
        if after is not None:
            if after > pos:
                return True
            i = after
            continue
        depth += text[i] == "["
        depth -= text[i] == "]"
        i += 1
    return depth > 0


def _array_end(text: str, open_at: int) -> tuple[int, int]:
    """(position of the closing bracket, position of the last significant character before it)
    of the array that opens at `open_at`."""
    depth, i, last = 0, open_at, open_at
    while i < len(text):
        after = _skip(text, i)
        if after is not None:
            if text[i] != "#":
                last = after - 1
            i = after
            continue
        ch = text[i]
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i, last
        if not ch.isspace():
            last = i
        i += 1
    raise ValueError("unclosed array")


def append_to_list(text: str, index: int, key: str, value: str) -> tuple[str, int]:
    """`text` with `value` appended to the list `key` of the `index`-th [[rule]] table (the key
    added after the table's last line when it has none), and the line number of the value."""
    start, end = _table_span(text, index)
    found = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=[ \t]*\[", re.MULTILINE).search(text, start, end)
    item = toml_string(value)
    if found is None:  # a new key after the table's last value line, before comments that close it
        at, pos = start, start
        for line in text[start:end].splitlines(keepends=True):
            if line.strip() and not line.strip().startswith("#"):
                at = pos + len(line.rstrip("\r\n"))
            pos += len(line)
        new = text[:at] + f"\n{key} = [{item}]" + text[at:]
        return new, new.count("\n", 0, at) + 2
    open_at = found.end() - 1
    close, last = _array_end(text, open_at)
    multiline = "\n" in text[open_at:close]
    if text[last] == "[":
        insert, at = item, open_at + 1
    elif multiline:
        line_start = text.rfind("\n", 0, last) + 1
        indent = re.match(r"[ \t]*", text[line_start:]).group()
        insert = ("" if text[last] == "," else ",") + f"\n{indent}{item}" + ("," if text[last] == "," else "")
        at = last + 1
    else:
        insert, at = ("" if text[last] == "," else ",") + f" {item}", last + 1
    new = text[:at] + insert + text[at:]
    return new, new.count("\n", 0, at + insert.index(item)) + 1
