"""Inputs and outputs on any filesystem pyarrow reaches (`s3://bucket/crawl/`, `gs://...`, `hdfs://...`).

A URI given where a path is expected is listed and read through `pyarrow.fs`; a RemoteFile offers
the few path operations the readers use (its name as a string, bytes, a binary stream), so every
format and both engines read it like a local file. Options go in the URI's query, as pyarrow
reads them (`s3://bucket/crawl/?endpoint_override=host:9000&scheme=http`).
"""
from __future__ import annotations

import fnmatch
import hashlib
import os
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import InputFileError, UsageError

# `s3://b/k` turns into `s3:/b/k` once it has been a Path; two letters or more, so `C:/` is a drive.
_URI = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):/+(.*)$")


# A URI's query may carry credentials (`?access_key=...&secret_key=...`): messages show its keys only.
_QUERY = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]+:/+[^\s?]*)\?([^\s'\"]*)")


def redact(text: str) -> str:
    """`text` with the values in every URI query replaced by `***`."""
    def masked(match: re.Match) -> str:
        query = match.group(2)
        trailing = query[len(query.rstrip(":;,.)")):]  # punctuation of the message, not the query
        keys = [part.split("=", 1)[0] for part in query[:len(query) - len(trailing)].split("&") if part]
        return match.group(1) + "?" + "&".join(f"{key}=***" for key in keys) + trailing
    return _QUERY.sub(masked, text)


def uri_of(given: Path | str) -> str | None:
    """The URI `given` stands for, or None for a local path."""
    match = _URI.match(str(given))
    if match is None:
        return None
    scheme, rest = match.groups()
    return f"{scheme}:///{rest}" if scheme == "file" else f"{scheme}://{rest}"


def _filesystem(uri: str):
    try:
        from pyarrow import fs
    except ImportError:
        raise UsageError(f"{uri}: reading URIs needs pyarrow: pip install 'cleaner[parquet]'") from None
    try:
        return fs.FileSystem.from_uri(uri)
    except (ValueError, OSError) as exc:
        raise UsageError(f"{uri}: {exc}") from None


@dataclass(frozen=True)
class RemoteFile:
    filesystem: object  # a pyarrow.fs.FileSystem
    path: str  # the path inside that filesystem
    uri: str
    size: int
    mtime_ns: int

    def __str__(self) -> str:
        return self.uri

    def open(self, mode: str = "rb"):
        if mode != "rb":
            raise ValueError("remote inputs are read only")
        return self.filesystem.open_input_file(self.path)

    def read_bytes(self) -> bytes:
        with self.open() as stream:
            return stream.read()


def list_files(uri: str, patterns: list[str], is_own_output) -> tuple[list[tuple[RemoteFile, PurePosixPath]], InputFileError | None]:
    """(file, path relative to `uri`) for a file URI, or for the files under a folder URI whose
    names match one of `patterns`, sorted; or the error saying nothing is there."""
    from pyarrow import fs

    filesystem, root = _filesystem(uri)
    info = filesystem.get_file_info(root)
    if info.type == fs.FileType.File:
        return [(_remote(filesystem, info, uri.split("?", 1)[0]), PurePosixPath(info.base_name))], None
    if info.type != fs.FileType.Directory:
        return [], InputFileError(uri, "no such file or folder; skipped")
    found = []
    named = uri.split("?", 1)[0].rstrip("/")  # options such as ?endpoint_override= are not part of names
    for entry in filesystem.get_file_info(fs.FileSelector(root, recursive=True)):
        if entry.type != fs.FileType.File:
            continue
        relative = PurePosixPath(posixpath.relpath(entry.path, root))
        if is_own_output(relative) or not any(fnmatch.fnmatchcase(relative.name, glob) for glob in patterns):
            continue
        found.append((_remote(filesystem, entry, f"{named}/{relative}"), relative))
    return sorted(found, key=lambda pair: str(pair[1])), None


def _remote(filesystem, info, uri: str) -> RemoteFile:
    return RemoteFile(filesystem, info.path, uri, info.size or 0, info.mtime_ns or 0)


# --- outputs ---------------------------------------------------------------------------------
# A run whose --out is a URI writes into a local staging folder (so resuming and the atomic local
# writes work as for any run) and uploads it when the run ends. Each file goes up under a
# temporary name and is then moved to its own, so no reader sees half a file under a final name.

def staging_dir(uri: str) -> Path:
    """The local folder a run to `uri` writes into; the same for the same URI, so a restarted run
    finds the shards it already finished."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "cleaner" / "staging" / hashlib.sha256(uri.split("?", 1)[0].encode()).hexdigest()[:16]


def upload_tree(local: Path, uri: str) -> int:
    """Upload the files under `local` (not its hidden resume state) to the folder `uri`; the count."""
    filesystem, root = _filesystem(uri)
    root = root.rstrip("/")
    files = sorted(p for p in local.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(local).parts))
    for path in files:
        target = f"{root}/{path.relative_to(local).as_posix()}"
        staged = posixpath.join(posixpath.dirname(target), f".{posixpath.basename(target)}.{os.getpid()}.tmp")
        filesystem.create_dir(posixpath.dirname(target), recursive=True)
        with path.open("rb") as source, filesystem.open_output_stream(staged) as out:
            shutil.copyfileobj(source, out, 1 << 20)
        filesystem.move(staged, target)
    return len(files)
