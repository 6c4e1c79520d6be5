"""Settings: one name per setting, used as the config field, the project-file key and the CLI flag.

A config class (CleanConfig, DedupConfig, LearnConfig) declares each field with `setting()`: its
default, one sentence of help, and how the command line writes it. `resolve` makes the config of
a command: the defaults, then the project file's table, then what the command line gave
explicitly. The README's settings tables and the commands' options are made from the same fields.
"""
from __future__ import annotations

import dataclasses
from typing import Any


def setting(default, help: str, flag: str | None = None, metavar: str | None = None, low=None, high=None):
    """A config field: `flag` is the CLI spelling when it is not --the-name (booleans: --name/--no-name)."""
    return dataclasses.field(default=default, metadata={"help": help, "flag": flag, "metavar": metavar,
                                                        "min": low, "max": high})


def settings_of(config_class) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(config_class) if "help" in f.metadata]


def flag_of(field: dataclasses.Field) -> str:
    if field.metadata.get("flag"):
        return field.metadata["flag"]
    name = "--" + field.name.replace("_", "-")
    return f"{name}/--no-{name[2:]}" if field.type in (bool, "bool") else name


def key_types(config_class) -> dict[str, Any]:
    """What a project-file table may set for this config: each setting's name and type."""
    names = {"bool": bool, "int": int, "float": (int, float), "str": str}
    out = {}
    for field in settings_of(config_class):
        kind = field.type if isinstance(field.type, str) else getattr(field.type, "__name__", str(field.type))
        out[field.name] = names.get(kind.split(" ")[0].split("|")[0].strip(), object)
    return out


def resolve(config_class, table: dict, given: dict, explicit: set[str]):
    """The config: each setting from the command line if it was given there, else from the
    project table, else from `given` (the command's own default), else the field's default."""
    values = {}
    for field in dataclasses.fields(config_class):
        name = field.name
        if name in explicit and name in given:
            values[name] = given[name]
        elif name in table:
            values[name] = table[name]
        elif name in given:
            values[name] = given[name]
    return config_class(**values)


def settings_table(config_class) -> str:
    """The README table of a config's settings (generated: tests check it is current)."""
    rows = ["| setting (project key) | flag | default | what it does |", "|---|---|---|---|"]
    for field in settings_of(config_class):
        default = field.default
        shown = "on" if default is True else "off" if default is False else ("none" if default is None else f"`{default}`")
        rows.append(f"| `{field.name}` | `{flag_of(field)}` | {shown} | {field.metadata['help']} |")
    return "\n".join(rows) + "\n"
