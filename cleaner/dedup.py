"""Find repeated passages across documents: fingerprint, gather candidates, verify, cluster.

Pass 1 streams the documents (in `jobs` processes) and keeps, per passage, only its place and its
LSH band keys and anchor hashes: compact numpy arrays, never the text. Candidates come from equal
band keys (similar passages) and shared anchor clauses (a short passage inside a longer one).
Pass 2 re-reads only the documents that hold candidates and builds the exact shingle sets of those
passages, on which every candidate pair is verified before it counts. Clusters are connected
components; the representative is the first occurrence in input order. Results do not depend on
the number of processes.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import InputFileError
from .fingerprint import normalise, normalise_with_clauses
from .io import InputFile, discover
from .records import Format, Record, read_records
from .minhash import (DedupConfig, UnionFind, anchor_pairs, anchor_table, band_keys, lsh_pairs, permutations,
                      shingle_hashes, signatures, similarity, unpack)
from .passages import split_passages

DOCS_PER_TASK = 32


@dataclass
class Member:
    unit_id: int
    doc: str
    start: int
    end: int
    index: int
    text: str
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
    skipped: list[str] = field(default_factory=list)
    candidate_pairs: int = 0
    verified_pairs: int = 0
    lengths: np.ndarray | None = None  # normalised length of each passage, by unit id
    docs: list[str] = field(default_factory=list)  # document names by id, in input order

    @property
    def repeated_units(self) -> int:
        return sum(len(c.members) - 1 for c in self.clusters)

    @property
    def repeated_chars(self) -> int:
        return sum(m.end - m.start for c in self.clusters for m in c.members[1:])


# --- pass 1: fingerprints ------------------------------------------------------------------

_WORKER: dict = {}


def _init_worker(config: DedupConfig) -> None:
    _WORKER["config"] = config
    _WORKER["perms"] = permutations(config.num_perm, config.seed)
    _WORKER["banding"] = config.banding()


def _passages(text: str, config: DedupConfig):
    passages = split_passages(text, config.unit)
    return passages, [text[p.start:p.end] for p in passages]


def _fingerprint_task(task: list[tuple[int, str]]) -> dict:
    config, perms = _WORKER["config"], _WORKER["perms"]
    bands, rows = _WORKER["banding"]
    out = {"doc": [], "start": [], "end": [], "index": []}
    texts: list[str] = []
    for doc_id, text in task:
        passages, pieces = _passages(text, config)
        out["doc"].extend([doc_id] * len(passages))
        out["start"].extend(p.start for p in passages)
        out["end"].extend(p.end for p in passages)
        out["index"].extend(p.index for p in passages)
        texts.extend(pieces)
    normalised, clauses = normalise_with_clauses(texts)
    lengths = np.fromiter(map(len, normalised), dtype=np.int32, count=len(normalised))
    keep = lengths >= config.min_chars
    kept_texts = [t for t, k in zip(normalised, keep) if k]
    hashes, counts = shingle_hashes(kept_texts, config.shingle_size)
    sigs = signatures(hashes, counts, perms)
    out["keys"] = band_keys(sigs, bands, rows)
    if config.unit != "document":
        out["anchor_key"], out["anchor_unit"] = anchor_table([c for c, k in zip(clauses, keep) if k])
    else:
        out["anchor_key"], out["anchor_unit"] = np.empty(0, np.uint64), np.empty(0, np.int64)
    for name in ("doc", "start", "end", "index"):
        out[name] = np.asarray(out[name], dtype=np.int64)[keep]
    out["length"] = lengths[keep]
    return out


def documents(files: list[InputFile], form: Format, warn: Callable[[str], None] | None = None) -> Iterator[tuple[Record, int]]:
    """Every readable record of the inputs with the index of its file; problems to `warn`."""
    for position, item in enumerate(files):
        for record in read_records(item, form):
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


class LocalEngine:
    """Runs the passes here or in `jobs` worker processes (forked once, while this process is small)."""

    def __init__(self, config: DedupConfig, jobs: int = 1):
        _init_worker(config)
        self.config = config
        self.pool = None if jobs <= 1 else multiprocessing.get_context("fork").Pool(jobs, _init_worker, (config,))

    def map(self, function, tasks):
        """Results of `function` over `tasks`, in task order."""
        return map(function, tasks) if self.pool is None else self.pool.imap(function, tasks)

    def lsh_pairs(self, keys: np.ndarray) -> np.ndarray:
        return lsh_pairs(keys)

    def cluster(self, left: list[int], right: list[int], sets: dict, result: DedupResult) -> UnionFind:
        """Components of the verified pairs; a pair is verified when reached, so pairs already
        joined are never checked."""
        return cluster_pairs(left, right, lambda k: similarity(sets[left[k]], sets[right[k]]), self.config, result)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


# --- pass 2: exact shingle sets of the candidates --------------------------------------------

def _shingle_task(task: tuple[str, list[tuple[int, int, int]]]) -> list[tuple[int, np.ndarray, str]]:
    """(unit id, sorted unique shingle hashes, original text) for the wanted passages of one document."""
    config = _WORKER["config"]
    text, wanted = task
    pieces = [text[start:end] for _, start, end in wanted]
    normalised = normalise(pieces)
    out = []
    for (unit_id, _, _), piece, norm in zip(wanted, pieces, normalised):
        hashes, _ = shingle_hashes([norm], config.shingle_size)
        out.append((unit_id, np.unique(hashes), piece))
    return out


# --- the whole run ---------------------------------------------------------------------------

def find_repeats(inputs: list[Path], config: DedupConfig, jobs: int = 1, pattern: str = "*.txt",
                 warn: Callable[[str], None] = lambda message: None, progress: Callable = lambda it, **kw: it,
                 form: Format = Format(), engine=None) -> DedupResult:
    """Clusters of repeated passages; `engine` runs the passes (default: LocalEngine with `jobs`)."""
    files, missing = discover(inputs, pattern)
    result = DedupResult(config=config, files=files, units=0, unit_chars=0)
    for problem in missing:
        result.skipped.append(problem.message())
        warn(problem.message())
    engine = engine or LocalEngine(config, jobs)
    try:
        table, keys, anchors = _fingerprint_all(files, form, config, engine, result, warn, progress)
        result.units = len(table["doc"])
        result.unit_chars = int((table["end"] - table["start"]).sum())
        result.lengths = table["length"]
        pairs = np.union1d(engine.lsh_pairs(keys), anchor_pairs(*anchors, table["length"]))
        del keys, anchors
        result.candidate_pairs = len(pairs)
        left, right = unpack(pairs)
        sets, texts = _candidate_sets(files, form, table, np.union1d(left, right), engine)
        union = engine.cluster(left.tolist(), right.tolist(), sets, result)
    finally:
        engine.close()
    for number, (root, ids) in enumerate(sorted(union.groups().items()), 1):
        members = []
        for unit_id in ids:
            jaccard, contained = similarity(sets[root], sets[unit_id])
            members.append(Member(unit_id, result.docs[table["doc"][unit_id]], int(table["start"][unit_id]),
                                  int(table["end"][unit_id]), int(table["index"][unit_id]), texts[unit_id],
                                  round(jaccard, 4), round(contained, 4)))
        result.clusters.append(Cluster(f"c{number}", members))
    return result


def cluster_pairs(left: list[int], right: list[int], scores: Callable[[int], tuple[float, float]], config: DedupConfig,
                  result: DedupResult) -> UnionFind:
    """Components of verified pairs (in pair order). Near-equal pairs (Jaccard) join components
    freely. A pair that is only a containment (a short passage inside a longer one) may only bring a
    passage that is in no component yet into one, so a long passage quoting two stock phrases
    cannot chain their clusters into one."""
    union = UnionFind()
    contained_only = []
    for k, (i, j) in enumerate(zip(left, right)):
        if union.connected(i, j):
            continue  # already joined through verified pairs: this one changes nothing
        jaccard, contained = scores(k)
        if jaccard >= config.threshold:
            union.union(i, j)
            result.verified_pairs += 1
        elif contained >= config.containment:
            contained_only.append((i, j))
    add_containments(union, contained_only, result)
    return union


def add_containments(union: UnionFind, contained_only: list[tuple[int, int]], result: DedupResult) -> None:
    """The containment-only pairs, in pair order, after every near-equal pair has joined."""
    grown: set[int] = set(union.parent)
    for i, j in contained_only:
        if union.connected(i, j) or (i in grown and j in grown):
            continue
        union.union(i, j)
        grown.update((i, j))
        result.verified_pairs += 1


TABLE_TYPES = {"doc": np.int32, "start": np.int64, "end": np.int64, "index": np.int32, "length": np.int32}


def _fingerprint_all(files, form, config, engine, result, warn, progress):
    """Pass 1: the passage table, the band keys and the anchors of every document."""
    parts: dict[str, list] = {k: [] for k in (*TABLE_TYPES, "keys", "anchor_key", "anchor_unit")}
    offset = 0

    def skip(message: str) -> None:
        result.skipped.append(message)
        warn(message)

    tasks = _tasks(documents(files, form, skip), result.docs)
    for chunk in progress(engine.map(_fingerprint_task, tasks), total=None, unit="batch"):
        for name, dtype in TABLE_TYPES.items():
            parts[name].append(chunk[name].astype(dtype))
        parts["keys"].append(chunk["keys"])
        parts["anchor_key"].append(chunk["anchor_key"])
        parts["anchor_unit"].append(chunk["anchor_unit"] + np.int32(offset))
        offset += len(chunk["doc"])
    bands = config.banding()[0]
    empty = {"keys": np.empty((0, bands), np.uint32), "anchor_key": np.empty(0, np.uint64), "anchor_unit": np.empty(0, np.int32)}
    joined = {}
    for name in parts:  # one field at a time, freeing its pieces as it goes
        pieces = parts[name]
        joined[name] = np.concatenate(pieces) if pieces else empty.get(name, np.empty(0, TABLE_TYPES.get(name, np.int64)))
        parts[name] = []
    table = {name: joined[name] for name in TABLE_TYPES}
    return table, joined["keys"], (joined["anchor_key"], joined["anchor_unit"])


def _candidate_sets(files, form, table, unit_ids: np.ndarray, engine):
    """Pass 2: read the documents again and build the exact shingle sets of the candidates."""
    by_doc: dict[int, list[tuple[int, int, int]]] = {}
    for unit_id in unit_ids.tolist():
        by_doc.setdefault(int(table["doc"][unit_id]), []).append(
            (unit_id, int(table["start"][unit_id]), int(table["end"][unit_id])))

    def tasks():
        for doc_id, (record, _) in enumerate(documents(files, form)):
            if doc_id in by_doc:
                yield record.text, by_doc[doc_id]

    sets: dict[int, np.ndarray] = {}
    texts: dict[int, str] = {}
    for found in engine.map(_shingle_task, tasks()):
        for unit_id, shingle_set, text in found:
            sets[unit_id] = shingle_set
            texts[unit_id] = text
    return sets, texts


def dropped_spans(result: DedupResult) -> dict[str, list[tuple[Member, Member]]]:
    """Per document, the (member, representative) pairs whose member is safe to remove: nearly
    equal to the representative, or no longer than it and contained in it. A longer passage that
    merely quotes the representative keeps its own text."""
    lengths = result.lengths
    spans: dict[str, list[tuple[Member, Member]]] = {}
    for cluster in result.clusters:
        rep = cluster.representative
        for member in cluster.members[1:]:
            inside = lengths[member.unit_id] <= lengths[rep.unit_id] and member.containment >= result.config.containment
            if member.jaccard >= result.config.threshold or inside:
                spans.setdefault(member.doc, []).append((member, rep))
    return spans

