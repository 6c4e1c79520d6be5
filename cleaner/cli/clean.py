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
from ..progress import plural
from .common import (DEFAULT_GLOB, ConfigOption, EngineOption, ForceOption, FormatOption, GlobOption, IdFieldOption, JobsOption,
                     LimitOption, MaxRecordOption, NoDefaultsOption, QuietOption, RayAddressOption, ReportOption, RulesOption,
                     TextFieldOption, VerboseOption, app, boundary, build_report, claim, config_of, engine_of, exit_if, fields_from,
                     finished, job_of, log_for_stdout, note, option, output_path, progress_bars, ruleset_of, setting_of,
                     stdin_of, warn)

OutOption = typer.Option("--out", "-o", metavar="DIR", parser=output_path,
                         help="Folder (or URI such as s3://bucket/out/) for cleaned files, edit-log.jsonl and summary.json; "
                              "- for stdout (JSON Lines; a text read from stdin as text). Default with the input -: stdout.")


@app.command()
@boundary
def clean(
    ctx: typer.Context,
    inputs: Annotated[Optional[list[Path]], typer.Argument(metavar="INPUT", help="Files and folders to clean (folders: recursively, see --glob); - for stdin.")] = None,
    out: Annotated[Optional[Path], OutOption] = None,
    rules: RulesOption = None,
    no_default_rules: NoDefaultsOption = False,
    glob: GlobOption = DEFAULT_GLOB,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    max_record_mb: MaxRecordOption = MAX_RECORD_MB,
    limit: LimitOption = None,
    jobs: JobsOption = 1,
    log: Annotated[Optional[Path], typer.Option(metavar="FILE", parser=output_path,
                                                help="With --out -: where to write the edit log (default: a new file in the temporary folder, named on stderr).")] = None,
    stdin_format: FormatOption = None,
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
    force: ForceOption = False,
    recipe: ConfigOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; list what would change and exit 5 if anything would.")] = False,
) -> None:
    """Clean scraped speeches: `cleaner clean corpus/ --out cleaned/`, or `cat page.txt | cleaner clean -`.

    Writes one UTF-8 file per input under --out (mirroring the input tree), the edit log
    (edit-log.jsonl: every removal and repair with its rule) and summary.json, and prints the
    per-rule summary. Exit 1 if some input files were skipped. With --check nothing is written:
    `cleaner clean scrape/ --check` exits 5 if cleaning would change any file.
    """
    from ..batch import clean_files
    from ..guard import refuse_overlap
    from ..remote import staging_dir, upload_tree, uri_of
    from ..render import summary_table

    inputs, out, project = job_of(inputs, out, recipe)
    refuse_overlap(inputs, [("--out", out), ("--log", log), ("--report", report_dir)])
    table = project.clean
    glob, jobs, engine = (setting_of(ctx, name, value, project, table) for name, value in
                          (("glob", glob), ("jobs", jobs), ("engine", engine)))
    config = config_of(CleanConfig, ctx, table, split=split, pinyin=pinyin, join=join, dedupe_titles=dedupe_titles,
                       score=score, score_threshold=score_threshold, regex_timeout=regex_timeout, flag_share=flag_share,
                       keep_list=keep_list)
    ruleset = ruleset_of(rules, no_default_rules, config.regex_timeout, project)
    form = fields_from(ctx, project, table, text_field, id_field, max_record_mb, limit)
    stdin = stdin_of(inputs, stdin_format)
    if check:
        _check(inputs, ruleset, config, glob, form, stdin)
        return
    if out is None and stdin is None:
        raise UsageError("give --out DIR for the cleaned files, or --check to write nothing")
    bars = progress_bars()
    if out is None or str(out) == "-":
        summary = clean_files(inputs, None, ruleset, config, glob, warn=warn, form=form, jobs=jobs,
                              log_path=log_for_stdout(log), stdin=stdin, progress=bars.stage)
        bars.close()
        note(summary_table(summary), err=True)
        finished("cleaned", summary.documents, summary.chars_in)
        exit_if(summary.skipped)
        return
    target = uri_of(out)
    if not target:
        claim(out, force, (report_dir,))
    out = staging_dir(target) if target else out
    with engine_of(engine, jobs, ray_address) as runner:
        summary = clean_files(inputs, out, ruleset, config, glob, warn=warn, form=form, jobs=jobs, engine=runner, stdin=stdin,
                              progress=bars.stage)
    bars.close()
    note(summary_table(summary))
    if report_dir is not None:
        build_report(out, report_dir, ruleset)
    if target:
        uploaded = upload_tree(out, target)
        shutil.rmtree(out)
        note(f"uploaded {plural(uploaded, 'file')} to {target.split('?', 1)[0]}")
    finished("cleaned", summary.documents, summary.chars_in)
    exit_if(summary.skipped)


def _check(inputs: list[Path], ruleset, config: CleanConfig, glob: str, form: Fields, stdin=None) -> None:
    from ..batch import cleaned_in_memory

    problems: list[str] = []

    def skip(message: str) -> None:
        problems.append(message)
        warn(message)

    total = changed = 0
    for item, result in cleaned_in_memory(inputs, ruleset, config, glob, skip, form, stdin):
        total += 1
        if result.edits:
            changed += 1
            counts: dict[str, int] = {}
            for edit in result.edits:
                counts[edit.rule] = counts.get(edit.rule, 0) + 1
            detail = ", ".join(f"{rule} {n:,}" for rule, n in sorted(counts.items()))
            note(f"would change {item.doc}: {plural(len(result.edits), 'edit')} ({detail})")
    note(f"{changed:,} of {plural(total, 'file')} would change" + (f"; {len(problems):,} skipped" if problems else ""))
    if changed:
        raise typer.Exit(int(ExitCode.WOULD_CHANGE))
    exit_if(problems)


@app.command()
@boundary
def diff(
    ctx: typer.Context,
    inputs: Annotated[Optional[list[Path]], typer.Argument(metavar="INPUT", help="Files or folders to show the cleaning of; - for stdin.")] = None,
    rules: RulesOption = None,
    no_default_rules: NoDefaultsOption = False,
    glob: GlobOption = DEFAULT_GLOB,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    max_record_mb: MaxRecordOption = MAX_RECORD_MB,
    limit: LimitOption = None,
    stdin_format: FormatOption = None,
    recipe: ConfigOption = None,
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

    inputs, _, project = job_of(inputs, None, recipe)
    glob = setting_of(ctx, "glob", glob, project, project.clean)
    config = config_of(CleanConfig, None, project.clean)
    ruleset = ruleset_of(rules, no_default_rules, config.regex_timeout, project)
    skipped: list[str] = []

    def skip(message: str) -> None:
        skipped.append(message)
        warn(message)

    paint = sys.stdout.isatty() and "NO_COLOR" not in os.environ if colour is None else colour
    form, stdin = fields_from(ctx, project, project.clean, text_field, id_field, max_record_mb, limit), stdin_of(inputs, stdin_format)
    different = False
    for item, result in cleaned_in_memory(inputs, ruleset, config, glob, skip, form, stdin):
        if result.edits:
            different = True
            typer.echo(rule_diff(item.doc, result, context, paint), nl=False, color=paint)
    if different:
        raise typer.Exit(int(ExitCode.DIFFERENT))
    exit_if(skipped)
