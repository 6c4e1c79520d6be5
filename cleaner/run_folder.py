"""The run folder: the names of what clean, dedup and run write, and the schema of the records
in them (summary.json, the document header of the edit log). The runners write through these,
the report and the terminal read through them.

    OUT/                      clean --out, or run --out: cleaned/ inside
      edit-log.jsonl          per document: a header record, then its edits
      summary.json            RunSummary
      .cleaner/               parts and done-markers of an unfinished run (resume)
    OUT/clusters.jsonl        dedup and run: header, clusters, quotes
    OUT/deduped/              dedup --drop and run --drop: documents without their repeats
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import UsageError
from .model import CleanResult

EDIT_LOG = "edit-log.jsonl"
SUMMARY = "summary.json"
CLUSTERS = "clusters.jsonl"
CLEANED = "cleaned"
DEDUPED = "deduped"
STATE = ".cleaner"
OWN_FILES = frozenset({EDIT_LOG, CLUSTERS, SUMMARY})  # a folder of outputs can be an input again


def document_header(doc: str, encoding: str, outputs: list[str], parts: list[int], chars_in: int, chars_out: int,
                    row: int | None = None) -> dict:
    """The edit-log record that opens a document's edits: where its outputs went (`parts`: where
    each part after the first starts in the cleaned text; `row`: its row in a record file)."""
    header = {"type": "document", "doc": doc, "encoding": encoding, "outputs": outputs, "parts": parts,
              "chars_in": chars_in, "chars_out": chars_out}
    if row is not None:
        header["row"] = row
    return header


def find_run_parts(run_dir: Path) -> tuple[Path | None, Path | None]:
    """(folder holding edit-log.jsonl, clusters.jsonl) of a clean, dedup or run output folder."""
    clean_dir = next((d for d in (run_dir, run_dir / CLEANED) if (d / EDIT_LOG).is_file()), None)
    clusters = next((p for p in (run_dir / CLUSTERS, run_dir) if p.is_file() and p.suffix == ".jsonl"), None)
    if clean_dir is None and clusters is None:
        raise UsageError(f"{run_dir}: no {EDIT_LOG} or {CLUSTERS} here (give the --out folder of clean, dedup or run)")
    return clean_dir, clusters


@dataclass
class RuleStats:
    edits: int = 0
    chars_removed: int = 0
    documents: int = 0


FLAGS_LISTED = 1000  # flagged documents named in summary.json (the counts cover them all)


@dataclass
class RunSummary:
    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    chars_in: int = 0
    chars_out: int = 0
    encodings: dict[str, int] = field(default_factory=dict)
    rules: dict[str, RuleStats] = field(default_factory=dict)
    # documents one rule took more than the flag share of, and documents cleaned to nothing
    large_removals: int = 0
    emptied: int = 0
    flagged: list[dict] = field(default_factory=list)

    def add(self, result: CleanResult, doc: str = "", flag_share: float = 1.0) -> None:
        self.documents += 1
        self.chars_in += len(result.original)
        self.chars_out += len(result.text)
        self.encodings[result.encoding] = self.encodings.get(result.encoding, 0) + 1
        edits: dict[str, int] = {}
        removed: dict[str, int] = {}
        for edit in result.edits:  # a page full of pinyin has hundreds: kept to plain dict updates
            edits[edit.rule] = edits.get(edit.rule, 0) + 1
            removed[edit.rule] = removed.get(edit.rule, 0) + len(edit.old) - len(edit.new)
        for rule, count in edits.items():
            stats = self.rules.setdefault(rule, RuleStats())
            stats.edits += count
            stats.chars_removed += removed[rule]
            stats.documents += 1
        self._flag(result, doc, removed, flag_share)

    def _flag(self, result: CleanResult, doc: str, removed: dict[str, int], flag_share: float) -> None:
        if not removed or not result.original:
            return
        rule = max(sorted(removed), key=removed.get)
        share = removed[rule] / len(result.original)
        emptied = not result.text.strip()
        if share <= flag_share and not emptied:
            return
        self.large_removals += share > flag_share
        self.emptied += emptied
        if len(self.flagged) < FLAGS_LISTED:
            self.flagged.append({"doc": doc, "rule": rule, "share": round(share, 4), "emptied": emptied})

    def merge(self, other: "RunSummary") -> None:
        self.documents += other.documents
        self.skipped += other.skipped
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        self.large_removals += other.large_removals
        self.emptied += other.emptied
        self.flagged += other.flagged[:max(0, FLAGS_LISTED - len(self.flagged))]
        for name, count in other.encodings.items():
            self.encodings[name] = self.encodings.get(name, 0) + count
        for rule, stats in other.rules.items():
            mine = self.rules.setdefault(rule, RuleStats())
            mine.edits += stats.edits
            mine.chars_removed += stats.chars_removed
            mine.documents += stats.documents

    def to_json(self) -> dict:
        data = asdict(self)
        data["rules"] = {k: asdict(v) for k, v in sorted(self.rules.items())}
        return data

    @classmethod
    def from_json(cls, data: dict) -> "RunSummary":
        rules = {k: RuleStats(**v) for k, v in data.pop("rules", {}).items()}
        return cls(**data, rules=rules)
