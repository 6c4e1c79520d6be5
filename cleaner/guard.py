"""Where a run may write, and who writes there at once.

Inputs are never written: an output path that is an input, lies inside an input folder, or contains
an input (compared after resolving links, `.` and `..`) is refused before anything is read. One
run at a time writes to an output: it holds a lock there (`.cleaner.lock`), and removes the
temporary files a killed run left behind (they all end in io.TEMP_SUFFIX).
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError, UsageError
from .escape import shown
from .io import TEMP_SUFFIX
from .remote import uri_of

LOCK_NAME = ".cleaner.lock"
STDOUT = "-"


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _inside(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def refuse_overlap(inputs: list[Path], outputs: list[tuple[str, Path | None]], inside_allowed: bool = False) -> None:
    """UsageError unless every output (option name, path) stays clear of every input: not the
    same file, not inside an input folder (unless `inside_allowed`: a report in its run folder),
    not a folder holding an input. URIs and `-` are not local paths and are not compared."""
    given = [(p, _real(p)) for p in inputs if str(p) != STDOUT and uri_of(p) is None and os.path.lexists(p)]
    for option, out in outputs:
        if out is None or str(out) == STDOUT or uri_of(out) is not None:
            continue
        target = _real(out)
        for path, real in given:
            if target == real:
                problem = "is the input"
            elif os.path.isdir(real) and _inside(target, real) and not inside_allowed:
                problem = "lies inside the input folder"
            elif _inside(real, target):
                problem = "holds the input"
            else:
                continue
            raise UsageError(f"{option} {shown(str(out))} {problem} {shown(str(path))}: inputs are never written; "
                             "choose an output outside the inputs")


def _lock_path(target: Path, folder: bool) -> Path:
    return target / LOCK_NAME if folder else target.with_name(f".{target.name}{LOCK_NAME}")


@contextmanager
def writing_to(target: Path, folder: bool = True):
    """Hold the output `target` (a folder, or one file) for this run: refuse if another run holds
    it, then remove what earlier, killed runs left there; the lock goes when the block ends."""
    lock = _lock_path(target, folder)
    lock.parent.mkdir(parents=True, exist_ok=True)
    handle = _acquire(lock, target)
    try:
        remove_stale_temporaries(target, folder)
        yield target
    finally:
        Path(lock).unlink(missing_ok=True)
        os.close(handle)


def _acquire(lock: Path, target: Path) -> int:
    while True:
        handle = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise OutputError(f"another run is writing to {shown(str(target))}; wait for it to end, or choose another output") from None
        # the holder before us may have removed the file after we opened it: lock the one on disk
        try:
            if os.stat(lock).st_ino == os.fstat(handle).st_ino:
                return handle
        except FileNotFoundError:
            pass
        os.close(handle)


def remove_stale_temporaries(target: Path, folder: bool = True) -> int:
    """Remove the temporary files of this tool under `target` (or beside the file `target`);
    while the lock is held, no running writer owns one. Returns how many were removed."""
    if folder:
        stale = [p for p in target.rglob(f".*{TEMP_SUFFIX}") if p.is_file()] if target.is_dir() else []
    else:
        stale = [p for p in target.parent.glob(f".{target.name}.*{TEMP_SUFFIX}") if p.is_file()]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def claim_output(out_dir: Path, force: bool, keep: tuple[Path | None, ...] = ()) -> int:
    """Make sure a run's output folder holds no other run's files: a new or empty folder, or the
    unfinished run that this one resumes (OUT/.cleaner/), is taken as it is; a folder holding a
    finished run is refused (UsageError) unless `force`, which removes that run's own files (its
    edit log, its summary and the outputs its log lists) and returns how many. A file no run of
    this tool wrote is never removed: such a folder is refused even with `force`. `keep`: outputs
    of this run that may sit inside (a --report folder)."""
    from .run_folder import EDIT_LOG, STATE, SUMMARY

    if not out_dir.is_dir() or (out_dir / STATE).is_dir():
        return 0
    kept = [_real(k) for k in keep if k is not None]
    present = sorted(p for p in out_dir.rglob("*") if p.is_file() and not _transient(p) and not any(_inside(_real(p), k) for k in kept))
    if not present:
        return 0
    where = shown(str(out_dir))
    if not force:
        what = "an earlier run's outputs" if (out_dir / EDIT_LOG).is_file() else "files"
        raise UsageError(f"--out {where} holds {what}: give --force to replace that run, or choose an empty or new folder")
    own = {out_dir / EDIT_LOG, out_dir / SUMMARY} | set(_listed_outputs(out_dir / EDIT_LOG))
    foreign = [p for p in present if p not in own]
    if foreign:
        raise UsageError(f"--out {where} holds {shown(str(foreign[0]))}, which no run of cleaner wrote there; "
                         "--force removes only a run's own files: choose an empty or new folder")
    for path in present:
        path.unlink()
    for folder in sorted((p for p in out_dir.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return len(present)


def _transient(path: Path) -> bool:
    return path.name == LOCK_NAME or path.name.endswith(TEMP_SUFFIX)


def _listed_outputs(log: Path):
    """The outputs an edit log's document records name (relative to the log's folder)."""
    import json

    if not log.is_file():
        return
    with log.open(encoding="utf-8", errors="surrogateescape") as lines:
        for line in lines:
            if line.startswith('{"type": "document"'):
                for name in json.loads(line).get("outputs", []):
                    yield log.parent / name
