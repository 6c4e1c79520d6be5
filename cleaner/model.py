"""The records every step shares: an Edit (one removal or replacement) and a document's result."""
from __future__ import annotations

from dataclasses import dataclass, field
from json.encoder import encode_basestring as _json_string  # json.dumps(s, ensure_ascii=False), in C


# Treated as immutable, but not frozen: a frozen dataclass costs 1.2 µs more to construct, and a
# page full of pinyin makes hundreds of edits (a tenth of clean time). Hashable like a frozen one.
@dataclass(slots=True, unsafe_hash=True)
class Edit:
    """Text `old` at [start, end) became `new`, by `rule`, for `reason`.

    A step reports spans in the text it received; the pipeline maps them onto the original text,
    so in a finished log every span points into the document as read.
    """

    start: int
    end: int
    old: str
    new: str
    rule: str
    reason: str

    @property
    def removed_chars(self) -> int:
        return len(self.old) - len(self.new)

    def to_json_line(self, doc_json: str) -> str:
        """`json.dumps(self.to_record(doc), ensure_ascii=False)`, byte for byte, where `doc_json`
        is the document name already as JSON. Written out because the edit log has millions of
        lines and json.dumps was a sixth of clean time."""
        return (f'{{"type": "edit", "doc": {doc_json}, "start": {self.start}, "end": {self.end}, '
                f'"old": {_json_string(self.old)}, "new": {_json_string(self.new)}, '
                f'"rule": {_json_string(self.rule)}, "reason": {_json_string(self.reason)}}}')

    def to_record(self, doc: str) -> dict:
        # Written out by hand: dataclasses.asdict deep-copies every field and was a third of clean time.
        return {"type": "edit", "doc": doc, "start": self.start, "end": self.end, "old": self.old,
                "new": self.new, "rule": self.rule, "reason": self.reason}

    @classmethod
    def from_record(cls, record: dict) -> "Edit":
        return cls(record["start"], record["end"], record["old"], record["new"], record["rule"], record["reason"])


@dataclass
class CleanResult:
    """A cleaned document: the original as read, the output text and the edits between them."""

    original: str
    text: str
    edits: list[Edit] = field(default_factory=list)
    encoding: str = "utf-8"
    parts: list[int] = field(default_factory=list)  # offsets into `text` where --split starts a new file

    def part_texts(self) -> list[str]:
        bounds = [0, *self.parts, len(self.text)]
        return [self.text[a:b] for a, b in zip(bounds, bounds[1:])]
