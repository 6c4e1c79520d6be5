"""Find repeated passages across documents: fingerprint, gather candidates, verify, cluster.

Pass 1 streams the documents (in `jobs` processes) and keeps, per passage, only its place and its
LSH band keys and anchor hashes: compact numpy arrays, never the text. Candidates come from equal
band keys (similar passages) and winnowed anchors (one passage inside another, anchors.py).
Pass 2 re-reads only the documents that hold candidates and builds the exact shingle sets of those
passages, on which every candidate pair is verified (relations.py) as duplicates, a quote or
neither. Clusters are the connected components of the duplicates; the representative is the first
occurrence in input order. Quotes are listed apart. Results do not depend on the number of
processes or the engine.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .anchors import anchor_pairs, packed, point_anchor_table
from .candidates import distinct, lsh_pairs, pair_stream, unpack
from .engines import Engine, LocalEngine
from .errors import InputFileError
from .fingerprint import normalised_points, prepare
from .io import InputFile, discover
from .minhash import WILDCARD_POINT, band_keys, permutations, point_shingle_hashes, signatures
from .config import DedupConfig
from .passages import UNITS, split_passages
from .formats import document_count, read_records
from .progress import silent
from .records import Budget, Fields, Record
from .relations import DUPLICATE, Fingerprints, link, quotes_between_clusters, relation

DOCS_PER_TASK = 32


@dataclass
class Member:
    unit_id: int
    doc: str
    start: int
    end: int
    index: int
    text: str
    jaccard: float | None = None  # similarity to the cluster's representative (cluster members only)
    containment: float | None = None


@dataclass
class Quote:
    """A passage that stands inside a longer one without being its duplicate."""

    passage: Member
    host: Member
    jaccard: float
    containment: float


@dataclass
class Cluster:
    id: str
    members: list[Member]  # the first is the representative

    @property
    def representative(self) -> Member:
        return self.members[0]


@dataclass
class DedupResult:
    config: DedupConfig
    files: list[InputFile]
    units: int
    unit_chars: int
    clusters: list[Cluster] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    candidate_pairs: int = 0
    verified_pairs: int = 0
    lengths: np.ndarray | None = None  # normalised length of each passage, by unit id
    templated: frozenset[int] = frozenset()  # passages holding a template placeholder
    docs: list[str] = field(default_factory=list)  # document names by id, in input order

    @property
    def repeated_units(self) -> int:
        return sum(len(c.members) - 1 for c in self.clusters)

    @property
    def repeated_chars(self) -> int:
        return sum(m.end - m.start for c in self.clusters for m in c.members[1:])


# --- pass 1: fingerprints ------------------------------------------------------------------

class DedupState:
    """What every worker needs to fingerprint passages: the settings, the banding, and the
    permutations the bands use (the first bands x rows of datasketch's signature)."""

    def __init__(self, config: DedupConfig):
        self.config = config
        self.bands, self.rows = config.banding()
        self.perms = tuple(p[:self.bands * self.rows] for p in permutations(config.num_perm, config.seed))

    def prepare(self) -> None:
        prepare()  # the fold table, built before workers fork so that they share it


def _passages(text: str, config: DedupConfig):
    passages = split_passages(text, config.unit)
    return passages, [text[p.start:p.end] for p in passages]


def _kept(points: np.ndarray, lengths: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """The code points of the kept texts of a batch."""
    return points[np.repeat(keep, lengths)]


def _fingerprint_task(state: DedupState, task: list[tuple[int, str]]) -> dict:
    config, perms, bands, rows = state.config, state.perms, state.bands, state.rows
    out = {"doc": [], "start": [], "end": [], "index": []}
    texts: list[str] = []
    for doc_id, text in task:
        passages, pieces = _passages(text, config)
        out["doc"].extend([doc_id] * len(passages))
        out["start"].extend(p.start for p in passages)
        out["end"].extend(p.end for p in passages)
        out["index"].extend(p.index for p in passages)
        texts.extend(pieces)
    points, lengths = normalised_points(texts)
    keep = lengths >= config.min_chars
    points, lengths = _kept(points, lengths, keep), lengths[keep]
    hashes, counts = point_shingle_hashes(points, lengths, config.shingle_size)
    out["keys"] = band_keys(signatures(hashes, counts, perms), bands, rows)
    if UNITS[config.unit].quotes:
        out["anchor_key"], out["anchor_unit"] = point_anchor_table(points, lengths)
    else:
        out["anchor_key"], out["anchor_unit"] = np.empty(0, np.uint32), np.empty(0, np.int32)
    for name in ("doc", "start", "end", "index"):
        out[name] = np.asarray(out[name], dtype=np.int64)[keep]
    out["length"] = lengths.astype(np.int32)
    out["anchors"] = np.bincount(out["anchor_unit"], minlength=len(lengths)).astype(np.int32)
    return out


def documents(files: list[InputFile], form: Fields, warn: Callable[[str], None] | None = None) -> Iterator[tuple[Record, int]]:
    """Every readable record of the inputs with the index of its file (the first `form.limit`
    documents, if it is set); problems to `warn`."""
    budget = Budget(form.limit)
    for position, item in enumerate(files):
        for record in budget.take(read_records(item, form)):
            if isinstance(record, InputFileError):
                if warn:
                    warn(record.message())
                continue
            yield record, position


def _tasks(stream: Iterator[tuple[Record, int]], names: list[str]) -> Iterator[list[tuple[int, str]]]:
    """Batches of (document id, text); the names of the documents are collected on the way."""
    task: list[tuple[int, str]] = []
    for record, _ in stream:
        task.append((len(names), record.text))
        names.append(record.doc)
        if len(task) == DOCS_PER_TASK:
            yield task
            task = []
    if task:
        yield task


# --- pass 2: exact shingle sets of the candidates --------------------------------------------

def _shingle_task(state: DedupState, task: list[tuple[str, list[tuple[int, int, int]]]]) -> tuple:
    """For the wanted passages of a few documents: (unit ids, their sorted unique shingle hashes
    one after the other, how many each, their original texts, which hold a placeholder)."""
    config = state.config
    units, pieces = [], []
    for text, wanted in task:
        for unit_id, start, end in wanted:
            units.append(unit_id)
            pieces.append(text[start:end])
    points, lengths = normalised_points(pieces)
    hashes, counts = point_shingle_hashes(points, lengths, config.shingle_size)
    owner = np.repeat(np.arange(len(units), dtype=np.uint64), counts)
    packed = distinct((owner << np.uint64(32)) | hashes.astype(np.uint64))
    sizes = np.bincount((packed >> np.uint64(32)).astype(np.int64), minlength=len(units))
    wild = np.bincount(np.repeat(np.arange(len(units)), lengths)[points == WILDCARD_POINT], minlength=len(units)) > 0
    return (np.asarray(units, np.int64), (packed & np.uint64(0xFFFFFFFF)).astype(np.uint32), sizes, pieces, wild)


# --- the whole run ---------------------------------------------------------------------------

def find_repeats(inputs: list[Path], config: DedupConfig, jobs: int = 1, pattern: str = "*.txt",
                 warn: Callable[[str], None] = lambda message: None, progress: Callable = silent,
                 form: Fields = Fields(), engine: Engine | None = None, stdin: InputFile | None = None) -> DedupResult:
    """Clusters of repeated passages and quotes; `engine` runs the passes (default: a local one
    with `jobs` processes, closed at the end; an engine given is left open for its owner). An
    engine's own `band_pairs` and `components`, where it has them, do those steps.
    `progress(stage, total)` is told of the documents each pass has finished (progress.py)."""
    files, missing = discover(inputs, pattern, stdin)
    result = DedupResult(config=config, files=files, units=0, unit_chars=0)
    for problem in missing:
        result.skipped.append(problem.message())
        warn(problem.message())
    runner = engine or LocalEngine(jobs)
    state = DedupState(config)
    try:
        table, key_chunks, anchors = _fingerprint_all(files, form, runner, state, result, warn, progress)
        result.units = len(table["doc"])
        result.unit_chars = int((table["end"] - table["start"]).sum())
        result.lengths = table["length"]
        similar = getattr(runner, "band_pairs", lsh_pairs)(key_chunks)
        del key_chunks
        inside = anchor_pairs(anchors, table["anchors"], table["length"])
        del anchors
        pairs = distinct(np.concatenate([similar, inside]))
        del similar, inside
        result.candidate_pairs = len(pairs)
        left, right = unpack(pairs)
        del pairs
        prints, texts = _candidate_sets(files, form, table, distinct(np.concatenate([left, right])), runner, state, progress)
        components = getattr(runner, "components", None)
        union, quotes = (components(left, right, prints, config) if components is not None
                         else link(pair_stream(left, right), prints, config))
    finally:
        if engine is None:
            runner.close()

    def place(unit_id: int, **scores) -> Member:
        return Member(unit_id, result.docs[table["doc"][unit_id]], int(table["start"][unit_id]), int(table["end"][unit_id]),
                      int(table["index"][unit_id]), texts[unit_id], **scores)

    result.templated = prints.templated
    groups = union.groups()
    result.verified_pairs = sum(len(ids) - 1 for ids in groups.values())
    for number, (root, ids) in enumerate(sorted(groups.items()), 1):
        members = []
        for unit_id in ids:
            jaccard, contained = prints.score(root, unit_id)
            members.append(place(unit_id, jaccard=round(jaccard, 4), containment=round(contained, 4)))
        result.clusters.append(Cluster(f"c{number}", members))
    result.quotes = [Quote(place(passage), place(host), jaccard, containment)
                     for passage, host, jaccard, containment in quotes_between_clusters(union, quotes)]
    return result


TABLE_TYPES = {"doc": np.int32, "start": np.int64, "end": np.int64, "index": np.int32, "length": np.int32, "anchors": np.int32}


def _fingerprint_all(files, form, engine, state, result, warn, progress):
    """Pass 1: the passage table, the band keys (in the chunks they came in, so that no copy of
    them all is ever made) and the anchors, packed as (hash << 32 | passage)."""
    parts: dict[str, list] = {k: [] for k in TABLE_TYPES}
    key_chunks, anchor_chunks = [], []
    offset = 0

    def skip(message: str) -> None:
        result.skipped.append(message)
        warn(message)

    tasks, sizes = _counted(_tasks(documents(files, form, skip), result.docs))
    advance = progress("fingerprints", document_count(files, form))
    for chunk in engine.ordered_map(_fingerprint_task, tasks, state):
        advance(sizes.popleft())
        for name, dtype in TABLE_TYPES.items():
            parts[name].append(chunk[name].astype(dtype))
        key_chunks.append(chunk["keys"])
        anchor_chunks.append(packed(chunk["anchor_key"], chunk["anchor_unit"], offset))
        offset += len(chunk["doc"])
    table = {name: np.concatenate(parts.pop(name)) if parts[name] else np.empty(0, dtype) for name, dtype in TABLE_TYPES.items()}
    return table, key_chunks, _gathered(anchor_chunks)


def _counted(tasks: Iterator[list]) -> tuple[Iterator[list], deque]:
    """The tasks, and the number of documents in each one sent and not yet answered (results
    come back in order: each one answers the oldest)."""
    sizes: deque = deque()

    def sending():
        for task in tasks:
            sizes.append(len(task))
            yield task
    return sending(), sizes


def _gathered(chunks: list[np.ndarray]) -> np.ndarray:
    """The chunks as one array, each chunk freed once copied (no second copy of them all)."""
    out = np.empty(sum(len(c) for c in chunks), np.uint64)
    at = 0
    while chunks:
        chunk = chunks.pop(0)
        out[at:at + len(chunk)] = chunk
        at += len(chunk)
    return out


def _candidate_sets(files, form, table, unit_ids: np.ndarray, engine, state, progress=silent):
    """Pass 2: read the documents that hold candidates again and build the fingerprints of the
    candidates for verification, and keep their texts for the output."""
    by_doc: dict[int, list[tuple[int, int, int]]] = {}
    for unit_id in unit_ids.tolist():
        by_doc.setdefault(int(table["doc"][unit_id]), []).append(
            (unit_id, int(table["start"][unit_id]), int(table["end"][unit_id])))

    def tasks():
        task = []
        for doc_id, (record, _) in enumerate(documents(files, form)):
            if doc_id in by_doc:
                task.append((record.text, by_doc[doc_id]))
            if len(task) == DOCS_PER_TASK:
                yield task
                task = []
        if task:
            yield task

    sets: dict[int, np.ndarray] = {}
    texts: dict[int, str] = {}
    templated = set()
    sent, counts = _counted(tasks())
    advance = progress("verify", len(by_doc))
    for units, hashes, sizes, pieces, wild in engine.ordered_map(_shingle_task, sent, state):
        advance(counts.popleft())
        for unit_id, shingle_set, text in zip(units.tolist(), np.split(hashes, np.cumsum(sizes)[:-1]), pieces):
            sets[unit_id] = shingle_set
            texts[unit_id] = text
        templated.update(units[wild].tolist())
    return Fingerprints(sets, table["length"], frozenset(templated)), texts


def dropped_spans(result: DedupResult, quotes: bool = False) -> dict[str, list[tuple[Member, Member, Quote | None]]]:
    """Per document, the (passage, kept twin, the quote if it is one) of every passage safe to remove: a cluster member
    that is itself a duplicate of the representative (one reached only through others keeps its
    text) and, with `quotes`, a quoted passage whose host is kept (longest first, so a host is
    decided before what it quotes)."""
    lengths, config = result.lengths, result.config
    spans: dict[str, list[tuple[Member, Member, Quote | None]]] = {}
    gone: set[int] = set()
    for cluster in result.clusters:
        rep = cluster.representative
        for member in cluster.members[1:]:
            shorter, longer = sorted((int(lengths[member.unit_id]), int(lengths[rep.unit_id])))
            template = member.unit_id in result.templated or rep.unit_id in result.templated
            if relation(member.jaccard, member.containment, shorter, longer, config, template) == DUPLICATE:
                spans.setdefault(member.doc, []).append((member, rep, None))
                gone.add(member.unit_id)
    if quotes:
        by_length = sorted(result.quotes, key=lambda q: (-int(lengths[q.passage.unit_id]), q.passage.unit_id, q.host.unit_id))
        for quote in by_length:
            if quote.passage.unit_id not in gone and quote.host.unit_id not in gone:
                spans.setdefault(quote.passage.doc, []).append((quote.passage, quote.host, quote))
                gone.add(quote.passage.unit_id)
    return spans
