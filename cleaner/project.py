"""Project settings for a scrape folder: `cleaner.toml`, or `[tool.cleaner]` in `pyproject.toml`.

The file is looked up from the first input upwards. It names rule files (relative to itself) and
default options, so a team cleans every batch of a scrape with the same settings:

    rules = ["rules/sites/learned-mysite.toml"]
    default_rules = true
    glob = "*.txt"
    [clean]
    split = true
    [dedup]
    unit = "sentence"
    jobs = 2

Options given on the command line win over the file.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError

TOP_KEYS = {"rules": list, "default_rules": bool, "glob": str, "clean": dict, "dedup": dict, "learn": dict}
RECIPE_KEYS = {"inputs": list, "out": str}  # what a --config recipe adds: what to read and where to write
TABLES = ("clean", "dedup", "learn")
# settings of a run rather than of its result, per table: how the inputs are read, and how the work runs
READING = {"glob": str, "text_field": str, "id_field": str, "max_record_mb": (int, float)}
RUN_KEYS = {"clean": {**READING, "jobs": int, "engine": str}, "dedup": {**READING, "jobs": int, "engine": str, "drop_quotes": bool},
            "learn": dict(READING)}


def table_keys(table: str) -> dict:
    """What a table may set: the fields of its config (one name per setting) and its run settings."""
    from .config import CleanConfig, DedupConfig, LearnConfig  # imported here: the configs sit above this module
    from .settings import key_types

    config = {"clean": CleanConfig, "dedup": DedupConfig, "learn": LearnConfig}[table]
    return {**key_types(config), **RUN_KEYS[table]}


@dataclass
class Project:
    path: Path | None = None
    inputs: list[Path] = field(default_factory=list)  # a --config recipe's; paths relative to it
    out: Path | None = None
    rules: list[Path] = field(default_factory=list)
    default_rules: bool = True
    glob: str | None = None
    clean: dict = field(default_factory=dict)
    dedup: dict = field(default_factory=dict)
    learn: dict = field(default_factory=dict)


def find_project_file(inputs: list[Path]) -> Path | None:
    """cleaner.toml, or a pyproject.toml with [tool.cleaner], in the first input's folder or above."""
    if not inputs:
        return None
    start = inputs[0].resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "cleaner.toml").is_file():
            return candidate / "cleaner.toml"
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "cleaner" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read project settings: {exc}") from None


def load_project(path: Path | None, recipe: bool = False) -> Project:
    """The settings of a project file; a `recipe` (--config) may also name inputs and out."""
    if path is None:
        return Project()
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleaner", {})
    _check(path, data, {**TOP_KEYS, **RECIPE_KEYS} if recipe else TOP_KEYS, "")
    if not all(isinstance(i, str) for i in data.get("inputs", [])):
        raise UsageError(f"{path}: 'inputs' must be a list of paths")
    for table in TABLES:
        _check(path, data.get(table, {}), table_keys(table), table + ".")
    if not all(isinstance(r, str) for r in data.get("rules", [])):
        raise UsageError(f"{path}: 'rules' must be a list of paths")
    clean = data.get("clean", {})
    if isinstance(clean.get("keep_list"), str):  # a path in the project file is relative to it, as rules are
        clean = {**clean, "keep_list": str(path.parent / clean["keep_list"])}
    out = data.get("out")
    return Project(path=path, inputs=[_relative(path, i) for i in data.get("inputs", [])],
                   out=_relative(path, out) if out is not None else None,
                   rules=[path.parent / r for r in data.get("rules", [])],
                   default_rules=data.get("default_rules", True), glob=data.get("glob"),
                   clean=clean, dedup=data.get("dedup", {}), learn=data.get("learn", {}))


def _relative(path: Path, given: str) -> Path:
    """A path of a project file, relative to it (`-` and URIs as they are)."""
    return Path(given) if given == "-" or "://" in given else path.parent / given


def describe(project: Project) -> str | None:
    """One line saying which project file is in use and what it sets (None without one); a file
    owned by another user is named as such, as it changes what this run does."""
    if project.path is None:
        return None
    settings = [f"inputs ({len(project.inputs)})"] if project.inputs else []
    settings += [f"out = {str(project.out)!r}"] if project.out is not None else []
    settings += [f"rules ({len(project.rules)} file{'s' if len(project.rules) != 1 else ''})"] if project.rules else []
    settings += [] if project.default_rules else ["default_rules = false"]
    settings += [f"glob = {project.glob!r}"] if project.glob else []
    settings += [f"{table}.{key} = {value!r}" for table in TABLES for key, value in getattr(project, table).items()]
    owner = os.stat(project.path).st_uid
    foreign = f" (owned by uid {owner}, not by you)" if owner != os.getuid() else ""
    where = f"[tool.cleaner] of {project.path}" if project.path.name == "pyproject.toml" else str(project.path)
    return f"using project settings from {where}{foreign}: {', '.join(settings) or 'nothing set'}"


def _check(path: Path, data: dict, allowed: dict, prefix: str) -> None:
    for key, value in data.items():
        if key not in allowed:
            raise UsageError(f"{path}: unknown setting '{prefix}{key}' (allowed: {', '.join(prefix + k for k in allowed)})")
        if not isinstance(value, allowed[key]) or (allowed[key] is int and isinstance(value, bool)):
            raise UsageError(f"{path}: setting '{prefix}{key}' has the wrong type ({type(value).__name__})")
