"""`cleaner clean` (and --check) and `cleaner diff`."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import CleanConfig
from ..errors import ExitCode, UsageError
from ..records import MAX_RECORD_MB, Fields
from .common import (DEFAULT_GLOB, EngineOption, GlobOption, IdFieldOption, JobsOption, MaxRecordOption, NoDefaultsOption,
                     RayAddressOption, ReportOption, RulesOption, TextFieldOption, app, boundary, build_report, chosen,
                     config_of, engine_of, exit_if, fields_of, option, output_path, project_of, ruleset_of, say, warn)

OutOption = typer.Option("--out", "-o", metavar="DIR", parser=output_path,
                         help="Folder (or URI such as s3://bucket/out/) for cleaned files, edit-log.jsonl and summary.json; - for JSON Lines on stdout.")


@app.command()
@boundary
def clean(
    ctx: typer.Context,
    inputs: Annotated[list[Path], typer.Argument(metavar="INPUT", help="Files and folders to clean (folders: recursively, see --glob).")],
    out: Annotated[Optional[Path], OutOption] = None,
    rules: RulesOption = None,
    no_default_rules: NoDefaultsOption = False,
    glob: GlobOption = DEFAULT_GLOB,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    max_record_mb: MaxRecordOption = MAX_RECORD_MB,
    jobs: JobsOption = 1,
    log: Annotated[Optional[Path], typer.Option(metavar="FILE", parser=output_path, help="With --out -: where to write the edit log.")] = None,
    engine: EngineOption = "local",
    ray_address: RayAddressOption = None,
    split: Annotated[bool, option(CleanConfig, "split")] = CleanConfig.split,
    pinyin: Annotated[bool, option(CleanConfig, "pinyin")] = CleanConfig.pinyin,
    join: Annotated[bool, option(CleanConfig, "join")] = CleanConfig.join,
    dedupe_titles: Annotated[bool, option(CleanConfig, "dedupe_titles")] = CleanConfig.dedupe_titles,
    score: Annotated[bool, option(CleanConfig, "score")] = CleanConfig.score,
    score_threshold: Annotated[float, option(CleanConfig, "score_threshold")] = CleanConfig.score_threshold,
    regex_timeout: Annotated[float, option(CleanConfig, "regex_timeout")] = CleanConfig.regex_timeout,
    flag_share: Annotated[float, option(CleanConfig, "flag_share")] = CleanConfig.flag_share,
    keep_list: Annotated[Optional[str], option(CleanConfig, "keep_list")] = CleanConfig.keep_list,
    report_dir: ReportOption = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; list what would change and exit 5 if anything would.")] = False,
) -> None:
    """Clean scraped speeches: `cleaner clean corpus/ --out cleaned/`.

    Writes one UTF-8 file per input under --out (mirroring the input tree), the edit log
    (edit-log.jsonl: every removal and repair with its rule) and summary.json, and prints the
    per-rule summary. Exit 1 if some input files were skipped. With --check nothing is written:
    `cleaner clean scrape/ --check` exits 5 if cleaning would change any file.
    """
    from ..batch import clean_files
    from ..guard import refuse_overlap
    from ..remote import staging_dir, upload_tree, uri_of
    from ..render import summary_table

    refuse_overlap(inputs, [("--out", out), ("--log", log), ("--report", report_dir)])
    project = project_of(inputs)
    glob = chosen(ctx, "glob", glob, {"glob": project.glob} if project.glob else {})
    jobs = chosen(ctx, "jobs", jobs, project.clean)
    config = config_of(CleanConfig, ctx, project.clean, split=split, pinyin=pinyin, join=join, dedupe_titles=dedupe_titles,
                       score=score, score_threshold=score_threshold, regex_timeout=regex_timeout, flag_share=flag_share,
                       keep_list=keep_list)
    ruleset = ruleset_of(rules, no_default_rules, config.regex_timeout, project)
    form = fields_of(text_field, id_field, max_record_mb)
    if check:
        _check(inputs, ruleset, config, glob, form)
        return
    if out is None:
        raise UsageError("give --out DIR for the cleaned files, or --check to write nothing")
    if str(out) == "-":
        summary = clean_files(inputs, None, ruleset, config, glob, warn=warn, form=form, jobs=jobs, log_path=log)
        say(summary_table(summary), err=True)
        exit_if(summary.skipped)
        return
    target = uri_of(out)
    out = staging_dir(target) if target else out
    with engine_of(engine, jobs, ray_address) as runner:
        summary = clean_files(inputs, out, ruleset, config, glob, warn=warn, form=form, jobs=jobs, engine=runner)
    say(summary_table(summary))
    if report_dir is not None:
        build_report(out, report_dir, ruleset)
    if target:
        uploaded = upload_tree(out, target)
        shutil.rmtree(out)
        say(f"uploaded {uploaded} files to {target.split('?', 1)[0]}")
    exit_if(summary.skipped)


def _check(inputs: list[Path], ruleset, config: CleanConfig, glob: str, form: Fields) -> None:
    from ..batch import cleaned_in_memory

    problems: list[str] = []

    def note(message: str) -> None:
        problems.append(message)
        warn(message)

    total = changed = 0
    for item, result in cleaned_in_memory(inputs, ruleset, config, glob, note, form):
        total += 1
        if result.edits:
            changed += 1
            counts: dict[str, int] = {}
            for edit in result.edits:
                counts[edit.rule] = counts.get(edit.rule, 0) + 1
            detail = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
            say(f"would change {item.doc}: {len(result.edits)} edits ({detail})")
    say(f"{changed} of {total} files would change" + (f"; {len(problems)} skipped" if problems else ""))
    if changed:
        raise typer.Exit(int(ExitCode.WOULD_CHANGE))
    exit_if(problems)


@app.command()
@boundary
def diff(
    ctx: typer.Context,
    inputs: Annotated[list[Path], typer.Argument(metavar="INPUT", help="Files or folders to show the cleaning of.")],
    rules: RulesOption = None,
    no_default_rules: NoDefaultsOption = False,
    glob: Annotated[str, typer.Option(metavar="PATTERN", help="Which files to take from folders.")] = "*.txt",
    context: Annotated[int, typer.Option(min=0, help="Unchanged lines around each change.")] = 3,
    colour: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour the diff (default: when stdout is a terminal).")] = None,
) -> None:
    """Show what cleaning would change: `cleaner diff corpus/001_a0ac67672984e438.txt`.

    Lines are paired by the edit log: -LINE is a line removed whole; ~LINE a line changed inside,
    the removed characters as [-...-], the inserted as {+...+}, a removed line break as ⏎. Each
    changed line ends with its rules (← rule), each hunk header names the hunk's. Exit 1 when
    something would change, 0 when nothing would (as diff does). Nothing is written. Control
    characters of the scraped text are shown escaped (\\x1b). The project file's rules and
    [clean] settings apply, as they do to `clean --check`.
    """
    from ..batch import cleaned_in_memory
    from ..diff import rule_diff

    project = project_of(inputs)
    glob = chosen(ctx, "glob", glob, {"glob": project.glob} if project.glob else {})
    config = config_of(CleanConfig, None, project.clean)
    ruleset = ruleset_of(rules, no_default_rules, config.regex_timeout, project)
    skipped: list[str] = []

    def note(message: str) -> None:
        skipped.append(message)
        warn(message)

    paint = sys.stdout.isatty() and "NO_COLOR" not in os.environ if colour is None else colour
    different = False
    for item, result in cleaned_in_memory(inputs, ruleset, config, glob, note):
        if result.edits:
            different = True
            typer.echo(rule_diff(item.doc, result, context, paint), nl=False, color=paint)
    if different:
        raise typer.Exit(int(ExitCode.DIFFERENT))
    exit_if(skipped)
