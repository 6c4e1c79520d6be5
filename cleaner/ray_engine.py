"""The Ray engine (`--engine ray`, `pip install 'cleaner[ray]'`): the same clean and dedup, with Ray
Data doing the work across the cores of a local Ray or the nodes of a cluster (see engines.py for
the interface).

The driver streams the inputs and writes the outputs with the local code, so formats, order and
bytes are the same as the local engine's. The work runs on Ray Data:
- cleaning: batches of records through `map_batches` (order preserved);
- dedup: fingerprint and shingle-set batches through `map_batches`; LSH band grouping as a
  shuffle between Ray tasks (band keys hash-partitioned, each partition paired on a worker);
  candidate verification in parallel (`map_batches` over pairs, with the shingle sets in the
  object store), each batch reduced on its worker to a forest of its components, forests merged
  in a tree of tasks.
"""
from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import numpy as np

from .candidates import distinct, partition_band_keys, partition_pairs
from .errors import UsageError
from .config import DedupConfig
from .relations import Fingerprints, UnionFind, link

TASKS_PER_ROUND = 256  # tasks handed to Ray Data at once: bounds what the driver holds
ROWS_PER_MAP = 65536  # passages whose band keys one map task of the LSH shuffle partitions
PAIRS_PER_TASK = 4096  # candidate pairs verified (and joined into a forest) per task
FOREST_FAN_IN = 8  # forests merged per task in the reduction tree


def start(address: str | None = None, cpus: int | None = None) -> None:
    """Connect to the cluster at `address`, or start a local Ray with `cpus` CPUs."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise UsageError("--engine ray needs Ray: pip install 'cleaner[ray]'") from None
    if not ray.is_initialized():
        options = {"address": address} if address else {"num_cpus": cpus}
        ray.init(**options, include_dashboard=False, log_to_driver=False, configure_logging=False)
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # the command's own summary is the output
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # results in input order: outputs identical to local
    context.enable_progress_bars = False


def _payload_rows(items: Iterable) -> list[dict]:
    return [{"payload": pickle.dumps(item)} for item in items]


_STATES: dict = {}  # a Ray worker's states, fetched from the object store once each


def _state_of(ref):
    import ray

    key = ref.hex()
    if key not in _STATES:
        _STATES.clear()  # one command's state at a time
        state = ray.get(ref)
        prepare = getattr(state, "prepare", None)
        if prepare is not None:
            prepare()
        _STATES[key] = state
    return _STATES[key]


class RayEngine:
    """The engine on Ray Data (engines.py): a local Ray with `jobs` CPUs, or the cluster at
    `address`."""

    def __init__(self, jobs: int = 1, address: str | None = None):
        start(address, None if address else max(jobs, 2))
        # id(state) -> (state, its object-store reference): the state is held with its reference,
        # so its id cannot pass to a later state while the reference is kept
        self.state_refs: dict[int, tuple[object, object]] = {}

    def ordered_map(self, task: Callable, items: Iterable, state) -> Iterator:
        """`task(state, item)` over `items` on Ray Data, results in item order; the state goes
        to the object store once and to each worker once."""
        import ray
        import ray.data

        held = self.state_refs.get(id(state))
        if held is None or held[0] is not state:
            held = self.state_refs[id(state)] = (state, ray.put(state))
        wrapped = [held[1]]  # a list, so the closure carries the reference, not the state

        def run(batch: dict) -> dict:
            state = _state_of(wrapped[0])
            return {"payload": np.array([pickle.dumps(task(state, pickle.loads(p))) for p in batch["payload"]], dtype=object)}

        items = iter(items)
        while chunk := list(islice(items, TASKS_PER_ROUND)):
            dataset = ray.data.from_items(_payload_rows(chunk)).map_batches(run, batch_size=1, batch_format="numpy")
            for row in dataset.iter_rows():
                yield pickle.loads(row["payload"])

    def band_pairs(self, key_chunks: list[np.ndarray]) -> np.ndarray:
        """Candidate pairs from equal band keys, by a shuffle between workers: map tasks split
        blocks of rows into one piece per partition by key hash, and each partition's reduce task
        gathers its pieces from every map task (through the object store, not the driver) and
        pairs the passages that share a key. The driver receives only the pairs."""
        import ray

        blocks, first = [], 0
        for chunk in key_chunks:  # the chunks of pass 1 in blocks of about ROWS_PER_MAP rows
            if blocks and len(blocks[-1][1]) < ROWS_PER_MAP:
                blocks[-1] = (blocks[-1][0], np.concatenate([blocks[-1][1], chunk]))
            else:
                blocks.append((first, chunk))
            first += len(chunk)
        if first == 0:
            return np.empty(0, np.uint64)
        parts = max(2, int(ray.cluster_resources().get("CPU", 2)))
        split = ray.remote(num_returns=parts)(partition_band_keys)
        pair_up = ray.remote(partition_pairs)
        pieces = [split.remote(block, start, parts) for start, block in blocks]
        found = ray.get([pair_up.remote(*(piece[part] for piece in pieces)) for part in range(parts)])
        return distinct(np.concatenate(found))

    def components(self, left: np.ndarray, right: np.ndarray, prints: Fingerprints, config: DedupConfig):
        """Duplicate components and quote pairs without gathering the edges in one place: each
        batch of pairs is verified on a worker (relations.link) and reduced there to a forest
        (member -> root) and its quote pairs; forests merge pairwise in a tree of Ray tasks; the
        driver receives only the final forest (one entry per clustered passage, which
        clusters.jsonl lists anyway) and the quote pairs."""
        import ray
        import ray.data

        if len(left) == 0:
            return UnionFind(), []
        shared = ray.put(prints)

        def verify_and_join(batch: dict) -> dict:
            union, quotes = link(zip(batch["left"].tolist(), batch["right"].tolist()), ray.get(shared), config)
            return {"payload": np.array([pickle.dumps((*union.forest(), quotes))], dtype=object)}

        import pyarrow as pa

        pairs = pa.table({"left": np.asarray(left, np.int64), "right": np.asarray(right, np.int64)})
        verified = ray.data.from_arrow(pairs).map_batches(verify_and_join, batch_size=PAIRS_PER_TASK, batch_format="numpy")
        merge = ray.remote(_merge_forests)
        level = [merge.remote(ref) for ref in verified.to_arrow_refs()]
        while len(level) > 1:
            level = [merge.remote(*level[n:n + FOREST_FAN_IN]) for n in range(0, len(level), FOREST_FAN_IN)]
        nodes, roots, quotes = ray.get(level[0])
        union = UnionFind()
        union.parent = dict(zip(nodes, roots))
        return union, quotes

    def close(self) -> None:
        self.state_refs.clear()


def _merge_forests(*parts) -> tuple[list[int], list[int], list]:
    """One forest (members, roots) and the quote pairs from several: each part is a forest or a
    block of verify_and_join rows."""
    union, quotes = UnionFind(), []
    for part in parts:
        pieces = [pickle.loads(p) for p in part.column("payload").to_pylist()] if hasattr(part, "column") else [part]
        for nodes, roots, found in pieces:
            for node, root in zip(nodes, roots):
                union.union(node, root)
            quotes += found
    return (*union.forest(), quotes)
