"""The `cleaner` command: one module per noun (clean and diff, dedup and run, report, rules), each
command parsing its options, resolving its settings (common.py), making one library call and
rendering the result.

Errors the library raises on purpose (CleanerError) become a one-line message on stderr and the
exit code of their type; see `errors.ExitCode` and the README's table.
"""
from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from . import clean, dedup, report, rules  # noqa: F401  (each registers its commands on the app)
from .common import app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """cleaner: turn raw scrapes of Chinese speeches into clean, de-duplicated text."""


def run() -> None:  # console-script entry point
    app(prog_name="cleaner")

