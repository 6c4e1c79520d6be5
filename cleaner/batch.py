"""Clean a tree of files: read, clean, write outputs, the edit log and the per-rule summary.

A file that cannot be read, decoded or cleaned is reported through `warn` and skipped; the others
are still written. Every output is written atomically.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tqdm import tqdm

from .clean import CleanConfig, clean_text
from .errors import CleanerError, InputFileError
from .io import AtomicLines, InputFile, discover, iter_texts, write_atomic
from .model import CleanResult
from .rules import RuleSet

EDIT_LOG = "edit-log.jsonl"
SUMMARY = "summary.json"


@dataclass
class RuleStats:
    edits: int = 0
    chars_removed: int = 0
    documents: int = 0


@dataclass
class RunSummary:
    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    chars_in: int = 0
    chars_out: int = 0
    encodings: dict[str, int] = field(default_factory=dict)
    rules: dict[str, RuleStats] = field(default_factory=dict)

    def add(self, result: CleanResult) -> None:
        self.documents += 1
        self.chars_in += len(result.original)
        self.chars_out += len(result.text)
        self.encodings[result.encoding] = self.encodings.get(result.encoding, 0) + 1
        seen = set()
        for edit in result.edits:
            stats = self.rules.setdefault(edit.rule, RuleStats())
            stats.edits += 1
            stats.chars_removed += edit.removed_chars
            if edit.rule not in seen:
                stats.documents += 1
                seen.add(edit.rule)

    def to_json(self) -> dict:
        data = asdict(self)
        data["rules"] = {k: asdict(v) for k, v in sorted(self.rules.items())}
        return data


def cleaned_in_memory(
    inputs: list[Path], ruleset: RuleSet, config: CleanConfig, pattern: str = "*.txt",
    warn: Callable[[str], None] = lambda message: None,
) -> Iterator[tuple[InputFile, CleanResult]]:
    """Clean every input without writing anything (for --check and diff); problems go to `warn`."""
    files, missing = discover(inputs, pattern)
    for problem in missing:
        warn(problem.message())
    for item, encoding, text in iter_texts(files):
        try:
            if isinstance(text, InputFileError):
                raise text
            result = clean_text(text, ruleset, config, item.doc)
            result.encoding = encoding
            yield item, result
        except CleanerError as exc:
            warn(exc.message())


def output_paths(out_dir: Path, item: InputFile, parts: int) -> list[Path]:
    target = out_dir / item.relative
    if parts <= 1:
        return [target]
    return [target.with_name(f"{target.stem}-{n}{target.suffix}") for n in range(1, parts + 1)]


def clean_files(
    inputs: list[Path],
    out_dir: Path,
    ruleset: RuleSet,
    config: CleanConfig,
    pattern: str = "*.txt",
    warn: Callable[[str], None] = lambda message: None,
) -> RunSummary:
    files, missing = discover(inputs, pattern)
    summary = RunSummary()
    for problem in missing:
        summary.skipped.append(problem.message())
        warn(problem.message())
    log = AtomicLines(out_dir / EDIT_LOG)
    try:
        for item, encoding, text in tqdm(iter_texts(files), total=len(files), unit="file", disable=None, leave=False):
            try:
                if isinstance(text, InputFileError):
                    raise text
                result = clean_text(text, ruleset, config, item.doc)
                result.encoding = encoding
                _write_document(out_dir, item, result, log)
                summary.add(result)
            except CleanerError as exc:
                summary.skipped.append(exc.message())
                warn(exc.message())
        log.commit()
    except BaseException:
        log.abort()
        raise
    write_atomic(out_dir / SUMMARY, json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n")
    return summary


def _write_document(out_dir: Path, item: InputFile, result: CleanResult, log: AtomicLines) -> None:
    texts = result.part_texts()
    paths = output_paths(out_dir, item, len(texts))
    for path, text in zip(paths, texts):
        write_atomic(path, text)
    header = {
        "type": "document", "doc": item.doc, "encoding": result.encoding,
        "outputs": [str(p.relative_to(out_dir)) for p in paths], "parts": result.parts,
        "chars_in": len(result.original), "chars_out": len(result.text),
    }
    log.write(json.dumps(header, ensure_ascii=False))
    for edit in result.edits:
        log.write(json.dumps(edit.to_record(item.doc), ensure_ascii=False))
