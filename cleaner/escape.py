"""Text made safe to write or show: JSON with lone surrogates, names and scraped text on a terminal.

A file name that is not UTF-8 reaches Python as a string with lone surrogates (surrogateescape),
and so may the text of a JSON record (`"\\udcff"`). Such strings are kept exact everywhere: in the
logs they are written as JSON escapes (`\\udcff`), which json.loads turns back into the same string,
so the log still names the file on disk. On a terminal they are shown as `\\xff`. Control
characters and bidirectional overrides in scraped text are shown escaped, so a page cannot move
the cursor, retitle the terminal or reorder what a reviewer reads.
"""
from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls but tab and line break, DEL, C1 controls, and the bidirectional overrides/isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def utf8(line: str) -> bytes:
    """`line` (JSON text) as UTF-8, with any lone surrogate written as a JSON escape; a raw
    surrogate can only stand inside a string literal of JSON we made, where the escape means the
    same character."""
    try:
        return line.encode()
    except UnicodeEncodeError:
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line).encode()


def shown(text: str) -> str:
    """`text` for a terminal or a report: bytes of a non-UTF-8 file name as `\\xff`, control
    characters as `\\x1b`, `\\u202e`; tab and line break stay."""
    if _SURROGATE.search(text):
        try:
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate that no byte stands for (from a JSON escape)
            text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def script_json(text: str) -> str:
    """JSON text safe inside an HTML <script> element: `<`, `>`, `&` and the JavaScript line
    separators written as escapes, so no content can close the element or open a comment."""
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
