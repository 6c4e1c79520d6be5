"""Trees of input files and atomic outputs: which files a run reads, and writing so that no final
name ever holds half a file.

Only regular files are read: a FIFO, a device, a broken or looping symbolic link, named directly or
found in a folder, is reported and skipped (reading a FIFO would wait for ever, /dev/zero would fill
the memory). A file reached twice (named twice, or through a link) is read once.
"""
from __future__ import annotations

import errno
import os
import stat
from contextlib import contextmanager
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .encoding import decode
from .errors import InputFileError, UsageError
from .escape import has_surrogates, shown, utf8
from .remote import RemoteFile, list_files, uri_of
from .records import MB, STDIN
from .run_folder import OWN_FILES



@dataclass(frozen=True)
class InputFile:
    path: Path | RemoteFile  # where to read it
    doc: str  # the path as the user gave it, used in logs and reports
    relative: Path  # where its output goes, under the output folder


def discover(inputs: list[Path], pattern: str = "*.txt", stdin: InputFile | None = None) -> tuple[list[InputFile], list[InputFileError]]:
    """Files named directly and files matching `pattern` (comma-separated globs) under named
    folders, in a stable order, each once; and a problem for each input that cannot be read.
    `-` is standard input (`stdin`, or read as stdin_source decides)."""
    require_inputs(inputs)
    found: list[InputFile] = []
    problems: list[InputFileError] = []
    base = _common_base([p for p in inputs if uri_of(p) is None and (p.is_dir() or p.is_file())])
    patterns = [p.strip() for p in pattern.split(",") if p.strip()]
    seen: set[tuple[int, int]] = set()

    def take(path: Path, relative) -> None:
        problem, identity = _regular_file(path)
        if problem is not None:
            problems.append(InputFileError(str(path), f"{problem}; skipped"))
        elif identity not in seen:
            seen.add(identity)
            found.append(InputFile(path, str(path), relative()))

    for given in inputs:
        if str(given) == STDIN:
            if not any(str(item.path) == STDIN or item.doc == "<stdin>" for item in found):  # read once
                found.append(stdin or stdin_source())
        elif (uri := uri_of(given)) is not None:
            files, problem = list_files(uri, patterns, _own_output)
            problems += [problem] if problem else []
            # one input: outputs as laid out under it; several: under the URI's bucket and path
            prefix = Path() if len(inputs) == 1 else Path(uri.split("?", 1)[0].split("://", 1)[1].strip("/"))
            found += [InputFile(remote, str(remote), prefix / relative) for remote, relative in files]
        elif given.is_dir():
            matched = {p for glob in patterns for p in given.rglob(glob) if not _own_output(p.relative_to(given))}
            for path in sorted(matched):
                if not path.is_dir():  # a folder whose name fits the glob is searched, not read
                    take(path, lambda: path.relative_to(given) if len(inputs) == 1 else _absolute(path).relative_to(base))
        else:
            take(given, lambda: Path(given.name) if len(inputs) == 1 else _absolute(given).relative_to(base))
    return found, problems


def require_inputs(inputs: list[Path]) -> None:
    """UsageError naming the first input that does not exist (a mistyped path is a usage
    error: the run stops before it writes anything). `-` and URIs are not local paths."""
    for given in inputs:
        if str(given) != STDIN and uri_of(given) is None and not os.path.lexists(given):
            raise UsageError(f"{shown(str(given))}: no such file or folder (check the path; nothing was written)")


def _regular_file(path: Path) -> tuple[str | None, tuple[int, int]]:
    """(None, (device, inode)) for a regular file, through links; else (what is wrong, ...)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return ("broken symbolic link" if os.path.islink(path) else "no such file or folder"), (0, 0)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop", (0, 0)
        return f"cannot read: {exc.strerror or exc}", (0, 0)
    if stat.S_ISREG(info.st_mode):
        return None, (info.st_dev, info.st_ino)
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"))
    what = next((name for test, name in kinds if test(info.st_mode)), "not a file")
    return f"not a regular file ({what})", (0, 0)




def _own_output(relative: Path) -> bool:
    return relative.name in OWN_FILES or any(part.startswith(".") for part in relative.parts)


def _absolute(path: Path) -> Path:
    """`path` made absolute with `.` and `..` folded, links left as they are (an output mirrors the
    tree the user named, wherever a link in it points)."""
    return Path(os.path.abspath(path))


def _common_base(roots: list[Path]) -> Path:
    if not roots:
        return Path.cwd()
    parents = [str(_absolute(p) if p.is_dir() else _absolute(p).parent) for p in roots]
    return Path(os.path.commonpath(parents))


def name_warnings(files: list[InputFile]) -> list[str]:
    """A note for each input whose name is not valid UTF-8: it is read and cleaned, and shown with
    byte escapes (the logs keep the exact name, as JSON escapes)."""
    return [f"{shown(item.doc)}: file name is not valid UTF-8; cleaned, shown here with \\x escapes"
            for item in files if has_surrogates(item.doc)]


def read_text(item: InputFile, max_bytes: int) -> tuple[str, str]:
    """The decoded text of a text file and its encoding; InputFileError if it cannot be read, is
    larger than `max_bytes`, or is not text."""
    try:
        with item.path.open("rb") as source:
            data = source.read(max_bytes + 1)
    except OSError as exc:
        raise InputFileError(item.doc, f"cannot read: {exc.strerror or exc}; skipped") from None
    if len(data) > max_bytes:
        raise InputFileError(item.doc, f"larger than the record limit of {max_bytes / MB:g} MB (--max-record-mb); skipped")
    return decode(data, item.doc)


class StdinStream:
    """Standard input, read once as it streams; its first lines are read ahead to tell whether it
    is JSON Lines or one text document (`format_name`, which formats.format_of reads)."""

    def __init__(self, source, format_name: str | None = None):
        self.source, self.head = source, b""
        if format_name is None:
            while (line := source.readline(LOOK_AHEAD)) and not line.strip():  # blank lines before the first record
                self.head += line
            self.head += line
            format_name = "jsonl" if _json_object_line(line) else "text"
        self.format_name = format_name

    def open(self, mode: str = "rb") -> "StdinStream":
        return self

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.source.read(size)
        taken = self.head if size < 0 else self.head[:size]
        self.head = self.head[len(taken):]
        if size < 0:
            return taken + self.source.read()
        return taken if len(taken) == size else taken + self.source.read(size - len(taken))

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def __str__(self) -> str:
        return STDIN


LOOK_AHEAD = 1 << 16  # bytes of standard input read to tell JSON Lines from text


def _json_object_line(line: bytes) -> bool:
    """Whether a first line starts a JSON Lines stream: a JSON object, or the start of one longer
    than the look-ahead (the line fills it without a line break). A text whose first line only
    opens with `{` is text."""
    import json

    cut_off = len(line) >= LOOK_AHEAD and not line.endswith(b"\n")
    line = line.removeprefix(b"\xef\xbb\xbf").strip()
    if not line.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return cut_off and line.startswith((b'{"', b"{ "))


def stdin_source(format_name: str | None = None, stream=None) -> InputFile:
    """Standard input as an input file (`-`): JSON Lines if its first line is a JSON object, else
    one text document, unless `format_name` says which."""
    import sys

    source = StdinStream(stream if stream is not None else sys.stdin.buffer, format_name)
    suffix = ".jsonl" if source.format_name == "jsonl" else ".txt"
    return InputFile(source, "<stdin>", Path("stdin" + suffix))


def spooled(item: InputFile, folder: Path) -> InputFile:
    """`item` (standard input) copied into a file in `folder`, for a command that reads its
    inputs twice (dedup); it keeps its name in the logs."""
    target = folder / item.relative.name
    with item.path.open("rb") as source, open(target, "wb") as out:
        shutil.copyfileobj(source, out, 1 << 20)
    return InputFile(target, item.doc, item.relative)


def read_document(path: Path | str) -> str:
    """The text of a text file exactly as cleaner reads it (decoded as encoding.py decides, line
    ends as they are): the text an edit log's offsets and `apply_edits` refer to. Raises
    InputFileError for a file cleaner would skip."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return decode(data, str(path))[0]


# Read once: temporary files get the mode a plain open() would give (mkstemp makes them 0600).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


# Every temporary file ends so: a run that was killed leaves some, and the next run on the same
# output removes them (guard.remove_stale_temporaries).
TEMP_SUFFIX = ".cleaner.tmp"


def temp_beside(path: Path) -> tuple[int, str]:
    """An open descriptor and the name of a new temporary file next to `path`, to be moved onto
    it when complete, with the permissions `path` would get from open()."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    os.fchmod(handle, 0o666 & ~_UMASK)
    return handle, tmp


def write_atomic(path: Path, text: str) -> None:
    """Write `text` as UTF-8 so that `path` holds either the old content or all of the new. Only
    JSON text can hold lone surrogates (escape.utf8 writes them as escapes)."""
    handle, tmp = temp_beside(path)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(utf8(text))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class AtomicLines:
    """A JSON Lines file written under a temporary name and moved into place on close."""

    def __init__(self, path: Path):
        self.path = path
        handle, self.tmp = temp_beside(path)
        self.out = os.fdopen(handle, "wb", buffering=1 << 20)

    def write(self, line: str) -> None:
        self.out.write(utf8(line) + b"\n")

    def write_lines(self, lines: list[str]) -> None:
        if lines:
            self.write_encoded(encode_lines(lines))

    def write_encoded(self, lines: bytes) -> None:
        """Lines already encoded (by a worker process), each ending in a line break."""
        self.out.write(lines)

    def commit(self) -> None:
        self.out.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.out.close()
        Path(self.tmp).unlink(missing_ok=True)


def encode_lines(lines: list[str]) -> bytes:
    """`lines` as UTF-8, each ending in a line break (what AtomicLines.write_encoded takes)."""
    return utf8("\n".join(lines) + "\n") if lines else b""


def join_atomic(parts: list[Path], path: Path) -> None:
    """Make `path` the concatenation of `parts`, all at once. The first part is moved, not copied,
    and the others appended as bytes: an edit log may be gigabytes. The parts are used up."""
    handle, tmp = temp_beside(path)
    os.close(handle)
    try:
        if parts:
            os.replace(parts[0], tmp)
        with open(tmp, "ab") as out:
            for part in parts[1:]:
                with part.open("rb") as source:
                    shutil.copyfileobj(source, out, 1 << 20)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def all_or_nothing(*outputs):
    """Commit every output (anything with commit and abort) if the block ends normally; abort
    them all, so no final name holds half a file, if it raises or is interrupted."""
    try:
        yield outputs
        for output in outputs:
            output.commit()
    except BaseException:
        for output in outputs:
            output.abort()
        raise
