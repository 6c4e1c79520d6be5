"""What loading a rule file works out beyond reading it, kept between runs.

Checking a file's examples and deriving each rule's finders (line-start form, literal needles,
length guard) compiles every pattern and searches a sample: most of the time of loading the rules,
paid by every command and every worker. The outcome depends only on the file's bytes and on the
code that derives it, so it is kept under a hash of both; a file loaded again with the same hash
gets the same rule objects without the work, its patterns compiled when first used. `rules test`
never reads the cache.

The cache lives in $CLEANER_CACHE_DIR, else $XDG_CACHE_HOME/cleaner, else ~/.cache/cleaner. It
is an optimisation only: an unreadable, unwritable or damaged cache is the same as none.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

FORMAT = 1


def cache_dir() -> Path:
    if os.environ.get("CLEANER_CACHE_DIR"):
        return Path(os.environ["CLEANER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cleaner"


@lru_cache(maxsize=1)
def _code_key() -> bytes:
    from importlib.util import find_spec

    import regex

    # the script fold the examples are checked through: OpenCC's installed version, read from its
    # metadata folder's name (importlib.metadata takes 50 ms, longer than the load it spares)
    spec = find_spec("opencc")
    folding = sorted(p.name for p in Path(spec.origin).parent.parent.glob("opencc-*-info")) if spec and spec.origin else []
    digest = hashlib.sha256(f"{FORMAT} regex {regex.__version__} opencc {folding}".encode())
    # every module of the package, not a list kept by hand of those that decide what a rule file
    # loads as (about 2 ms): a new version of cleaner checks its rule files again
    for module in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(module.read_bytes())
    return digest.digest()


def key_of(source: bytes) -> str:
    return hashlib.sha256(_code_key() + source).hexdigest()


def read(key: str) -> list[dict] | None:
    """The derived facts stored under `key`, one dict per rule of the file, or None."""
    try:
        data = json.loads((cache_dir() / f"rules-{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, list) and all(isinstance(entry, dict) for entry in data) else None


def write(key: str, derived: list[dict]) -> None:
    """Store `derived` under `key`, atomically; nothing happens where the cache cannot be written."""
    folder, tmp = cache_dir(), None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".rules-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(derived, out, ensure_ascii=False)
        os.replace(tmp, folder / f"rules-{key}.json")
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
