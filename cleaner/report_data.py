"""What a review report shows, read from a run folder: documents with their edits, rule totals,
repeated passages. Nothing is re-derived: every figure comes from the edit log and clusters.jsonl.

The original text of a document is rebuilt from its cleaned output and its edits (the log holds
every changed span), so a report needs only the run folder, not the inputs.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .run_folder import EDIT_LOG, SUMMARY, find_run_parts
from .repairs import builtin_descriptions
from .editlog import read_log
from .errors import UsageError
from .model import Edit
from .progress import silent
from .zones import is_body_line

# A hit "looks like speech" when it removes a line of prose far from the head and tail: long,
# several clauses, and a sentence that ends, all together (a link title is long but has no clause).
# Measured by benchmarks/speech_flag.py (README: the report).
SPEECH_MIN_CHARS = 40
SPEECH_MIN_CLAUSES = 3
SPEECH_MARGIN = 0.2
# In a removal of several lines, the prose must make up this share of its text: a teaser inside a
# list of link titles and dates is a news site's, not the speaker's.
SPEECH_BLOCK_SHARE = 0.5
CLAUSE_MARKS = frozenset("，、；：,;")
# A document "lost an unusual share" of its text when its removed share lies this many spreads
# (scaled median absolute deviations) above the run's median, and at least UNUSUAL_MIN_GAP above it.
UNUSUAL_SPREADS = 3.0
UNUSUAL_MIN_GAP = 0.25


@dataclass
class DocumentView:
    number: int
    doc: str
    encoding: str
    outputs: list[str]
    original: str
    cleaned: str
    edits: list[Edit]
    parts: list[int] = field(default_factory=list)  # where each output after the first starts in `cleaned`
    unusual: bool = False  # lost an unusual share of its text for this run

    @property
    def removed_share(self) -> float:
        return 1 - len(self.cleaned) / len(self.original) if self.original else 0.0


@dataclass
class RuleView:
    id: str
    description: str
    edits: int = 0
    chars_removed: int = 0
    documents: int = 0
    speech_like: int = 0  # hits that remove a line that reads like speech


@dataclass
class ReportData:
    documents: list[DocumentView] = field(default_factory=list)
    rules: dict[str, RuleView] = field(default_factory=dict)
    clusters: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    cluster_settings: dict = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what the report could not show, and why
    flagged: dict[str, dict] = field(default_factory=dict)  # doc -> its large-removal flag (summary.json)

    @property
    def chars_in(self) -> int:
        return sum(len(d.original) for d in self.documents)

    @property
    def chars_out(self) -> int:
        return sum(len(d.cleaned) for d in self.documents)


def rebuild_original(cleaned: str, edits: list[Edit]) -> str:
    """The text the edits were made on, from the text they produced."""
    pieces, orig_pos, out_pos = [], 0, 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        keep = edit.start - orig_pos
        pieces.append(cleaned[out_pos:out_pos + keep])
        pieces.append(edit.old)
        out_pos += keep + len(edit.new)
        orig_pos = edit.end
    pieces.append(cleaned[out_pos:])
    return "".join(pieces)


def reads_like_prose(line: str) -> bool:
    """Strong evidence of a sentence of speech: long, several clauses, and it ends a sentence.
    Length alone is not enough: link titles and teasers are long too."""
    stripped = line.strip()
    if len(stripped) < SPEECH_MIN_CHARS or not is_body_line(stripped):
        return False
    return sum(ch in CLAUSE_MARKS for ch in stripped) >= SPEECH_MIN_CLAUSES


def speech_lines(document: DocumentView, edit: Edit) -> list[str]:
    """The lines of prose (reads_like_prose) that a removal in the middle of the document takes."""
    size = max(len(document.original), 1)
    if edit.new or not SPEECH_MARGIN <= edit.start / size <= 1 - SPEECH_MARGIN:
        return []
    lines = [line.strip() for line in edit.old.split("\n") if line.strip()]
    prose = [line for line in lines if reads_like_prose(line)]
    if sum(map(len, prose)) < SPEECH_BLOCK_SHARE * sum(map(len, lines)):
        return []
    return prose


def looks_like_speech(document: DocumentView, edit: Edit) -> bool:
    return bool(speech_lines(document, edit))


def mark_unusual_removals(documents: list[DocumentView]) -> None:
    """Set `unusual` on the documents that lost far more of their text than the run's others."""
    shares = sorted(d.removed_share for d in documents)
    if len(shares) < 3:
        return
    median = _median(shares)
    spread = 1.4826 * _median(sorted(abs(s - median) for s in shares))
    limit = median + max(UNUSUAL_SPREADS * spread, UNUSUAL_MIN_GAP)
    for document in documents:
        document.unusual = document.removed_share > limit


def _median(ordered: list[float]) -> float:
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def load_report(run_dir: Path, descriptions: dict[str, str] | None = None, progress: Callable = silent) -> ReportData:
    """The run's documents, edits, rules and repeats; `progress(stage, total)` is told of each
    document read (progress.py)."""
    clean_dir, clusters_path = find_run_parts(run_dir)
    data = ReportData()
    descriptions = {**builtin_descriptions(), **(descriptions or {})}
    if clean_dir is not None:
        _load_documents(clean_dir, data, descriptions, progress("reading the run", _documents_of(clean_dir)))
    if clusters_path is not None:
        lines = [json.loads(line) for line in clusters_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        data.cluster_settings = lines[0].get("settings", {}) if lines and lines[0].get("type") == "header" else {}
        data.clusters = [line for line in lines if line.get("type") == "cluster"]
        data.quotes = [line for line in lines if line.get("type") == "quote"]
    return data


def _documents_of(clean_dir: Path) -> int | None:
    """How many documents the run's summary counts (the total of the progress bar), if it says."""
    try:
        return int(json.loads((clean_dir / SUMMARY).read_text(encoding="utf-8"))["documents"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _load_documents(clean_dir: Path, data: ReportData, descriptions: dict[str, str], advance: Callable[[int], None]) -> None:
    header: dict | None = None
    edits: list[Edit] = []

    def finish():
        if header is None:
            return
        advance(1)
        try:
            cleaned = "".join(_output_inside(clean_dir, out).read_text(encoding="utf-8") for out in header["outputs"])
        except (OSError, UnicodeDecodeError, UsageError) as exc:
            data.problems.append(f"{header['doc']}: not shown: {exc}")
            return
        view = DocumentView(len(data.documents), header["doc"], header["encoding"], header["outputs"],
                            rebuild_original(cleaned, edits), cleaned, edits, header.get("parts", []))
        data.documents.append(view)
        seen = set()
        for edit in edits:
            rule = data.rules.setdefault(edit.rule, RuleView(edit.rule, descriptions.get(edit.rule, edit.reason)))
            rule.edits += 1
            rule.chars_removed += edit.removed_chars
            rule.speech_like += looks_like_speech(view, edit)
            if edit.rule not in seen:
                rule.documents += 1
                seen.add(edit.rule)

    for record in read_log(clean_dir / EDIT_LOG):
        if record["type"] == "document":
            finish()
            header, edits = record, []
        else:
            edits.append(Edit.from_record(record))
    finish()
    mark_unusual_removals(data.documents)
    summary = clean_dir / SUMMARY
    if summary.is_file():
        figures = json.loads(summary.read_text(encoding="utf-8"))
        data.skipped = figures.get("skipped", [])
        data.flagged = {flag["doc"]: flag for flag in figures.get("flagged", [])}


def _output_inside(run_dir: Path, output: str) -> Path:
    """The file an edit log names as an output, which must lie inside the run folder (after
    resolving links): a log from elsewhere cannot make the report read and show other files."""
    path = run_dir / output
    root = os.path.realpath(run_dir)
    if not os.path.realpath(path).startswith(root.rstrip(os.sep) + os.sep):
        raise UsageError(f"its output {output} lies outside the run folder {run_dir}")
    return path
