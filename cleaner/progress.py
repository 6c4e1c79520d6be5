"""Progress by document: a bar on stderr while a stage runs, when stderr is a terminal (nothing
otherwise, so logs and pipes stay clean), with the total when it is known; and the closing line
with the time and throughput of a run."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable

Advance = Callable[[int], None]  # called with the documents finished since the last call


class Progress:
    """The bars of one command: `stage(name, total)` opens a bar (closing the previous one) and
    returns the function that advances it. `shown=False` (-q) shows none."""

    def __init__(self, shown: bool = True):
        self.shown, self.bar = shown, None

    def stage(self, name: str, total: int | None = None) -> Advance:
        self.close()
        if not self.shown or not sys.stderr.isatty():
            return lambda done: None
        from tqdm import tqdm

        self.bar = tqdm(desc=name, total=total, unit=" documents", unit_scale=False, file=sys.stderr, leave=True,
                        dynamic_ncols=True)
        return self.bar.update

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def silent(name: str, total: int | None = None) -> Advance:
    """A stage without a bar (the library's default)."""
    return lambda done: None


def plural(number: int, noun: str) -> str:
    """`1 document`, `2 documents`, with thousands separators."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def throughput(verb: str, documents: int, characters: int, seconds: float) -> str:
    """The closing line of a run: `cleaned 5 documents in 0.41 s (12.2 documents/s, 70,437 characters/s)`."""
    seconds = max(seconds, 1e-6)
    rate = documents / seconds
    return (f"{verb} {plural(documents, 'document')} in {seconds:,.2f} s ({rate:,.1f} documents/s, "
            f"{characters / seconds:,.0f} characters/s)")


class Clock:
    def __init__(self):
        self.start = time.perf_counter()

    def seconds(self) -> float:
        return time.perf_counter() - self.start
