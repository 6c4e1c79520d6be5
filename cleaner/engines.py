"""Where the work of a command runs: one interface, chosen by name (`--engine local|ray`).

An engine maps a task over items, results in item order: `ordered_map(task, items, state)` calls
`task(state, item)` for each item, here, in worker processes or on a Ray cluster; `state` (a rule
set and its settings, a dedup config) reaches each worker once. Two optional hooks let an engine do
dedup's global steps its own way, `band_pairs(key_chunks)` and `components(left, right, prints,
config)`; an engine without them has them done here. `close()` ends its workers.

To add an engine: a class with these methods in its own module, and one line in `ENGINES`.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Protocol

from .errors import UsageError


class Engine(Protocol):
    def ordered_map(self, task: Callable, items: Iterable, state) -> Iterator: ...

    def close(self) -> None: ...


class LocalEngine:
    """`jobs` processes on this machine (forked, so they share what the parent had built), or the
    work done right here for one job."""

    def __init__(self, jobs: int = 1, address: str | None = None):
        self.jobs = jobs
        self.pool = None
        self.pool_state = None

    def ordered_map(self, task: Callable, items: Iterable, state) -> Iterator:
        prepare = getattr(state, "prepare", None)
        if prepare is not None:
            prepare()  # before forking: the workers inherit the tables
        if self.jobs <= 1:
            return (task(state, item) for item in items)
        if self.pool is None or self.pool_state is not state:
            import multiprocessing

            self.close()
            self.pool = multiprocessing.get_context("fork").Pool(self.jobs, _install, (state,))
            self.pool_state = state
        return self.pool.imap(partial(_call, task), items)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = self.pool_state = None


_STATE: list = [None]  # a worker process's state, installed once when the pool starts it


def _install(state) -> None:
    _STATE[0] = state


def _call(task: Callable, item):
    return task(_STATE[0], item)


# name -> "module:Class"; imported when chosen, so that no command pays for an engine it does not use
ENGINES = {"local": "cleaner.engines:LocalEngine", "ray": "cleaner.ray_engine:RayEngine"}


def make_engine(name: str, jobs: int = 1, address: str | None = None) -> Engine:
    """The engine called `name`, with `jobs` workers (local) or at `address` (a cluster)."""
    if name not in ENGINES:
        raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, not {name}")
    if address and name == "local":
        raise UsageError("--ray-address needs --engine ray")
    module, _, cls = ENGINES[name].partition(":")
    return getattr(importlib.import_module(module), cls)(jobs=jobs, address=address)
