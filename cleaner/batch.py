"""Clean a set of inputs, shard by shard: read, clean, write outputs, the edit log and the summary.

A shard is one JSON Lines or Parquet file, or a group of text files. Records stream through (memory
does not grow with the number of documents), `jobs` processes clean them in order, and a finished
shard leaves its edit-log part and a done-marker under OUT/.cleaner/. A run that is interrupted and
started again with the same settings skips the finished shards; the edit log and summary are then
assembled from the parts. A record that cannot be read, decoded or cleaned is reported through
`warn` and skipped; every output is written atomically.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import partial
from itertools import islice
from pathlib import Path

from . import keeplist, normalize
from .clean import clean_text
from .config import CleanConfig
from .editlog import edit_lines
from .engines import Engine, LocalEngine
from .errors import CleanerError, InputFileError
from .guard import writing_to
from .io import AtomicLines, InputFile, all_or_nothing, discover, encode_lines, join_atomic, name_warnings, write_atomic
from .model import CleanResult
from .progress import silent
from .run_folder import EDIT_LOG, STATE, SUMMARY, RunSummary, document_header
from .remote import RemoteFile
from .formats import ShardOutputs, document_count, format_of, read_records, stdout_writer
from .records import STDIN, Budget, Fields, Record
from .rules import RuleSet

TEXT_FILES_PER_SHARD = 256
RECORDS_PER_TASK = 64


def shards(files: list[InputFile]) -> list[list[InputFile]]:
    """Each record file alone; consecutive files of a grouping format (text) together."""
    out: list[list[InputFile]] = []
    for item in files:
        grouped = format_of(item.path).groups
        if grouped and out and format_of(out[-1][0].path).groups and len(out[-1]) < TEXT_FILES_PER_SHARD:
            out[-1].append(item)
        else:
            out.append([item])
    return out


# --- cleaning records, here or in worker processes --------------------------------------------

@dataclass
class CleanState:
    """What every worker needs to clean records: the rules and the settings."""

    ruleset: RuleSet
    config: CleanConfig

    def prepare(self) -> None:
        normalize.prepare()  # built before workers fork, so that they share the tables


@dataclass
class Cleaned:
    """What the writer needs of a cleaned record, made in the worker: the texts, the edit-log lines
    already encoded (the log is larger than the text; one bytes object crosses between processes
    at memory speed, a list of strings does not), and the record's summary."""

    texts: list[str]
    log: bytes
    summary: RunSummary
    result: CleanResult | None = None  # kept only when a caller asks for the whole result


def clean_chunk(state: CleanState, chunk: list[Record | InputFileError], keep: bool = False) -> list[Cleaned | CleanerError | None]:
    """One outcome per item of `chunk`, in order (None for an item that was already an error);
    the records themselves are not sent back, the caller holds them."""
    out: list[Cleaned | CleanerError | None] = []
    for record in chunk:
        if isinstance(record, InputFileError):
            out.append(None)
            continue
        try:
            result = clean_text(record.text, state.ruleset, state.config, record.doc)
            result.encoding = record.encoding
            summary = RunSummary()
            summary.add(result, record.doc, state.config.flag_share)
            log = encode_lines(edit_lines(record.doc, result.edits))
            out.append(Cleaned(result.part_texts(), log, summary, result if keep else None))
        except CleanerError as exc:
            out.append(exc)
    return out


def chunks(records: Iterator, size: int) -> Iterator[list]:
    records = iter(records)
    while chunk := list(islice(records, size)):
        yield chunk


def paired(chunks: Iterator[list], results: Callable[[Iterator[list]], Iterator[list]]) -> Iterator[tuple]:
    """(item, outcome) for every item of `chunks`, where `results` maps the chunks to their
    outcomes in order (perhaps in other processes, reading `chunks` from another thread)."""
    sent: deque[list] = deque()

    def sending() -> Iterator[list]:
        for chunk in chunks:
            sent.append(chunk)  # before the chunk goes out, so it is here when its result comes
            yield chunk

    for outcomes in results(sending()):
        yield from zip(sent.popleft(), outcomes)


def cleaned(engine: Engine, state: CleanState, records: Iterator[Record | InputFileError]) -> Iterator[tuple]:
    """(record, outcome) for every record, in order, cleaned on `engine` a chunk at a time."""
    return paired(chunks(records, RECORDS_PER_TASK), lambda sending: engine.ordered_map(clean_chunk, sending, state))


def cleaned_in_memory(
    inputs: list[Path], ruleset: RuleSet, config: CleanConfig, pattern: str = "*.txt",
    warn: Callable[[str], None] = lambda message: None, form: Fields = Fields(), stdin: InputFile | None = None,
) -> Iterator[tuple[InputFile, CleanResult]]:
    """Clean every input without writing anything (for --check and diff); problems go to `warn`."""
    files, missing = discover(inputs, pattern, stdin)
    for problem in missing:
        warn(problem.message())
    state = CleanState(ruleset, config)
    budget = Budget(form.limit)
    for item in files:
        records = list(budget.take(read_records(item, form)))
        for record, outcome in zip(records, clean_chunk(state, records, keep=True)):
            if isinstance(outcome, Cleaned):
                yield InputFile(item.path, record.doc, item.relative), outcome.result
            else:
                warn((outcome or record).message())


# --- a whole run ---------------------------------------------------------------------------

def fingerprint(ruleset: RuleSet, config: CleanConfig, form: Fields) -> str:
    """Everything that decides the outputs: rule files' contents, settings, format."""
    digest = hashlib.sha256()
    for source in ruleset.sources:
        digest.update(Path(source).read_bytes())
    if config.keep_list:  # what the keep-list protects, not only its name
        digest.update("\n".join(sorted(keeplist.load(config.keep_list))).encode("utf-8", "surrogatepass"))
    digest.update(json.dumps([asdict(config), asdict(form)], sort_keys=True).encode())
    return digest.hexdigest()[:16]


def _identity(item: InputFile) -> tuple[int, ...]:
    """What tells that an input changed since a shard was cleaned: size and modification time,
    and for a local file also its inode and change time, which no edit can set back (a same-size
    edit with the old mtime restored still moves the ctime)."""
    if isinstance(item.path, RemoteFile):
        return item.path.size, item.path.mtime_ns
    if str(item.path) == STDIN:  # a stream: never the same input as an earlier run's
        return os.getpid(), time.time_ns()
    try:
        info = os.stat(item.path)
    except OSError:
        return (-1,)
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


def _shard_key(shard: list[InputFile], settings: str) -> str:
    digest = hashlib.sha256(settings.encode())
    for item in shard:
        # names that are not UTF-8 hash by their bytes (surrogateescape)
        digest.update(f"{item.doc}|{'|'.join(map(str, _identity(item)))}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


def clean_files(
    inputs: list[Path],
    out_dir: Path | None,
    ruleset: RuleSet,
    config: CleanConfig,
    pattern: str = "*.txt",
    warn: Callable[[str], None] = lambda message: None,
    form: Fields = Fields(),
    jobs: int = 1,
    log_path: Path | None = None,
    engine: Engine | None = None,
    stdin: InputFile | None = None,
    progress: Callable = silent,
) -> RunSummary:
    """Clean every input into `out_dir` (None: JSON Lines on stdout, log to `log_path` if given).
    `engine` runs the work (default: a local one with `jobs` processes, closed at the end; an
    engine given is left open for its owner). `progress(stage, total)` is told of every
    document cleaned (progress.py)."""
    files, missing = discover(inputs, pattern, stdin)
    summary = RunSummary()
    for problem in missing:
        summary.skipped.append(problem.message())
        warn(problem.message())
    for note in name_warnings(files):
        warn(note)
    runner = engine or LocalEngine(jobs)
    work = partial(cleaned, runner, CleanState(ruleset, config))
    advance = progress("clean", document_count(files, form))
    try:
        if out_dir is None:
            _to_stdout(files, work, form, summary, warn, log_path, advance)
            return summary
        with writing_to(out_dir):
            _to_folder(files, out_dir, work, ruleset, config, form, summary, warn, advance)
            write_atomic(out_dir / SUMMARY, json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n")
    finally:
        if engine is None:
            runner.close()
    return summary


def _to_folder(files, out_dir, work, ruleset, config, form, summary, warn, advance) -> None:
    state = out_dir / STATE
    settings = fingerprint(ruleset, config, form)
    parts: list[Path] = []
    all_shards = shards(files)
    budget = Budget(form.limit)
    for number, shard in enumerate(all_shards):
        key = _shard_key(shard, settings)
        part, done = state / "parts" / f"{number:06d}-{key}.jsonl", state / "done" / f"{number:06d}-{key}.json"
        parts.append(part)
        if done.is_file() and part.is_file() and form.limit is None:  # finished by an earlier, interrupted run
            shard_summary = RunSummary.from_json(json.loads(done.read_text(encoding="utf-8")))
            for message in shard_summary.skipped:
                warn(message)
            _warn_emptied(shard_summary, warn)
            summary.merge(shard_summary)
            advance(shard_summary.documents + len(shard_summary.skipped))
            continue
        shard_summary = _clean_shard(shard, out_dir, part, work, form, warn, budget, advance)
        write_atomic(done, json.dumps(shard_summary.to_json(), ensure_ascii=False))
        summary.merge(shard_summary)
    join_atomic(parts, out_dir / EDIT_LOG)
    shutil.rmtree(state, ignore_errors=True)  # the run is complete: nothing to resume


def _clean_shard(shard: list[InputFile], out_dir: Path, part: Path, work: Callable, form: Fields, warn,
                 budget: Budget = Budget(None), advance=lambda done: None) -> RunSummary:
    summary = RunSummary()
    with all_or_nothing(ShardOutputs(out_dir, form), AtomicLines(part)) as (writers, log):
        tagged = ((n, r) for n, item in enumerate(shard) for r in budget.take(read_records(item, form)))
        order = []

        def records():
            for n, record in tagged:
                order.append(n)
                yield record

        for (record, outcome), position in zip(work(records()), _consume(order)):
            item = shard[position]
            advance(1)
            if _skipped(record, outcome, summary, warn):
                continue
            outputs, row = writers.write(position, item, record, outcome.texts)
            _log_document(log, record, outcome, outputs, row)
            summary.merge(outcome.summary)
            _warn_emptied(outcome.summary, warn)
    return summary


def _warn_emptied(summary: RunSummary, warn) -> None:
    for flag in summary.flagged:
        if flag["emptied"]:
            warn(f"{flag['doc']}: cleaned to nothing ({flag['rule']} removed {flag['share']:.0%} of it); "
                 "its empty output is written, see the edit log")


def _skipped(record, outcome, summary: RunSummary, warn) -> bool:
    """Report a record that could not be read or cleaned; true if it is to be skipped."""
    if isinstance(outcome, Cleaned):
        return False
    message = (outcome or record).message()
    summary.skipped.append(message)
    warn(message)
    return True


def _consume(order: list[int]) -> Iterator[int]:
    """Positions in the order records were read (read ahead of their results, never behind)."""
    index = 0
    while True:
        yield order[index]
        index += 1


def _log_document(log: AtomicLines, record: Record, outcome: Cleaned, outputs: list[str], row: int | None = None) -> None:
    starts, total = [], 0
    for text in outcome.texts[:-1]:
        total += len(text)
        starts.append(total)
    header = document_header(record.doc, record.encoding, outputs, starts, len(record.text), sum(map(len, outcome.texts)), row)
    log.write(json.dumps(header, ensure_ascii=False))
    log.write_encoded(outcome.log)


def _to_stdout(files, work, form, summary, warn, log_path, advance) -> None:
    log = AtomicLines(log_path) if log_path else None
    budget = Budget(form.limit)
    for item in files:
        writer = stdout_writer(item, form)
        for record, outcome in work(budget.take(read_records(item, form))):
            advance(1)
            if _skipped(record, outcome, summary, warn):
                continue
            writer.write(record, outcome.texts)
            if log:
                _log_document(log, record, outcome, ["-"])
            summary.merge(outcome.summary)
            _warn_emptied(outcome.summary, warn)
        writer.commit()
    if log:
        log.commit()
