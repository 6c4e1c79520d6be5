"""Reading and writing trees of text files: discovery, encoding detection, atomic writes.

Input is UTF-8, GB18030 or Big5. UTF-8 is tried first (strictly); otherwise GB18030 and Big5 are
both tried and the one whose characters read as Chinese wins: the share of its Han characters
among the most common ones. A wrong decoding gives rare characters, so it scores far lower.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputFileError, UsageError
from .normalize import to_simplified
from .remote import RemoteFile, list_files, uri_of

# The most frequent characters of modern written Chinese (Simplified), for scoring a decoding.
COMMON_CHARS = frozenset(
    "的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可"
    "她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三"
    "已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女"
    "问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由"
    "却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路"
    "期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八"
    "特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花"
    "快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程"
    "告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委"
    "早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑"
    "且随格尽讲布母调局根曾准团段终乐切级克精官示冷域存仍境层议署责积策群众推坚持党组织干部群众工作"
)
MIN_COMMON_SHARE = 0.3
BINARY_PROBE = 8192


@dataclass(frozen=True)
class InputFile:
    path: Path | RemoteFile  # where to read it
    doc: str  # the path as the user gave it, used in logs and reports
    relative: Path  # where its output goes, under the output folder


def discover(inputs: list[Path], pattern: str = "*.txt") -> tuple[list[InputFile], list[InputFileError]]:
    """Files named directly and files matching `pattern` (comma-separated globs) under named
    folders, in a stable order."""
    found: list[InputFile] = []
    missing: list[InputFileError] = []
    roots = [p for p in inputs if uri_of(p) is None and p.exists()]
    base = _common_base(roots)
    patterns = [p.strip() for p in pattern.split(",") if p.strip()]
    for given in inputs:
        if (uri := uri_of(given)) is not None:
            files, problem = list_files(uri, patterns, _own_output)
            missing += [problem] if problem else []
            # one input: outputs as laid out under it; several: under the URI's bucket and path
            prefix = Path() if len(inputs) == 1 else Path(uri.split("?", 1)[0].split("://", 1)[1].strip("/"))
            found += [InputFile(remote, str(remote), prefix / relative) for remote, relative in files]
        elif given.is_dir():
            matched = {p for glob in patterns for p in given.rglob(glob) if p.is_file() and not _own_output(p.relative_to(given))}
            for path in sorted(matched):
                rel = path.relative_to(given) if len(inputs) == 1 else path.resolve().relative_to(base)
                found.append(InputFile(path, str(path), rel))
        elif given.exists():
            rel = Path(given.name) if len(inputs) == 1 else given.resolve().relative_to(base)
            found.append(InputFile(given, str(given), rel))
        else:
            missing.append(InputFileError(str(given), "no such file or folder; skipped"))
    return found, missing


# The logs cleaner writes next to its outputs; a folder of outputs can be an input again.
OWN_FILES = frozenset({"edit-log.jsonl", "clusters.jsonl", "summary.json"})


def _own_output(relative: Path) -> bool:
    return relative.name in OWN_FILES or any(part.startswith(".") for part in relative.parts)


def _common_base(roots: list[Path]) -> Path:
    if not roots:
        return Path.cwd()
    parents = [str(p.resolve() if p.is_dir() else p.resolve().parent) for p in roots]
    return Path(os.path.commonpath(parents))


def check_output_outside_inputs(out_dir: Path, inputs: list[Path]) -> None:
    out = out_dir.resolve()
    for given in inputs:
        if given.is_dir() and (out == given.resolve() or given.resolve() in out.parents):
            raise UsageError(f"--out {out_dir} lies inside input folder {given}: choose a folder outside the inputs")


def decode(data: bytes, doc: str) -> tuple[str, str]:
    """(text, encoding name) or InputFileError saying why the bytes are not a text we read."""
    if not data.strip():
        raise InputFileError(doc, "empty file; skipped")
    if b"\x00" in data[:BINARY_PROBE] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError(doc, "binary file (NUL bytes), not text; skipped")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", doc), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", doc), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            raise InputFileError(doc, f"truncated UTF-8: incomplete character at byte {exc.start}; skipped") from None
        utf8_error = exc
    scored = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((_common_share(text), encoding, text))
    if scored:
        share, encoding, text = max(scored)
        if share >= MIN_COMMON_SHARE:
            return text, encoding
    raise InputFileError(doc, f"not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at {utf8_error.start}), "
                              "GB18030 or Big5 text; skipped")


def _strict(data: bytes, encoding: str, doc: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputFileError(doc, f"invalid {encoding} at byte {exc.start}; skipped") from None


def _common_share(text: str) -> float:
    han = [c for c in to_simplified(text[:20000]) if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    return sum(c in COMMON_CHARS for c in han) / len(han)


def read_text(item: InputFile) -> tuple[str, str]:
    try:
        data = item.path.read_bytes()
    except OSError as exc:
        raise InputFileError(item.doc, f"cannot read: {exc.strerror or exc}; skipped") from None
    return decode(data, item.doc)


# Read once: temporary files get the mode a plain open() would give (mkstemp makes them 0600).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def temp_beside(path: Path) -> tuple[int, str]:
    """An open descriptor and the name of a new temporary file next to `path`, to be moved onto
    it when complete, with the permissions `path` would get from open()."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(handle, 0o666 & ~_UMASK)
    return handle, tmp


def write_atomic(path: Path, text: str) -> None:
    """Write `text` as UTF-8 so that `path` holds either the old content or all of the new."""
    handle, tmp = temp_beside(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
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
        self.out.write(line.encode() + b"\n")

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
    return ("\n".join(lines) + "\n").encode() if lines else b""


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
