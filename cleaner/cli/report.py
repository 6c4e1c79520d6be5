"""`cleaner report`: the HTML review report of a run folder."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..config import DEFAULT_TIMEOUT
from .common import (NoDefaultsOption, QuietOption, RulesOption, VerboseOption, app, boundary, build_report, finished,
                     output_path, project_of, ruleset_of)


@app.command()
@boundary
def report(
    run_dir: Annotated[Path, typer.Argument(metavar="RUN_DIR", help="The --out folder of clean, dedup or run.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", parser=output_path, help="Folder for the report (open DIR/index.html).")],
    rules: RulesOption = None,
    no_default_rules: NoDefaultsOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Build the HTML review report of a run: `cleaner report out/ --out out/report`.

    Static pages that open from disk: an overview that sorts and searches every document, each
    document with every removal and repair marked by its rule, each rule's hits in context, the
    repeated passages side by side and the quotes. Edits marked rejected or confirmed there export
    as review.json for 'cleaner rules review'. --rules names rule files whose descriptions the
    report should show.
    """
    from ..guard import refuse_overlap

    refuse_overlap([run_dir], [("--out", out)], inside_allowed=True)
    ruleset = ruleset_of(rules, no_default_rules, DEFAULT_TIMEOUT, project_of([run_dir])) if rules or not no_default_rules else None
    data = build_report(run_dir, out, ruleset)
    finished("reported", len(data.documents), sum(len(document.original) for document in data.documents))
