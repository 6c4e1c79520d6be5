"""`cleaner dedup` and `cleaner run` (clean, then dedup the cleaned text)."""
from __future__ import annotations

import inspect
import shutil
import sys
import tempfile
from dataclasses import replace
from types import SimpleNamespace
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import CleanConfig, DedupConfig
from ..errors import UsageError
from ..records import MAX_RECORD_MB, Fields
from ..records import STDIN as STDOUT  # "-": standard output where an output is named
from ..run_folder import CLEANED, CLUSTERS
from ..progress import plural
from .common import (DEFAULT_GLOB, ConfigOption, DropQuotesOption, EngineOption, ForceOption, FormatOption, GlobOption,
                     IdFieldOption, JobsOption, LimitOption, MaxRecordOption, QuietOption, RayAddressOption,
                     ReportOption, TextFieldOption, VerboseOption, app, boundary, build_report, claim, config_of,
                     engine_of, exit_if, fields_from, finished, job_of, note, option, output_path, progress_bars, ruleset_of,
                     setting_of, stdin_of, warn)


def _find_repeats(inputs, config: DedupConfig, jobs: int, glob: str, form: Fields, engine, stdin=None):
    from ..dedup import find_repeats

    bars = progress_bars()
    try:
        return find_repeats(inputs, config, jobs, glob, warn=warn, progress=bars.stage, form=form, engine=engine, stdin=stdin)
    finally:
        bars.close()


def _write_repeats(result, clusters: Path, drop: Path | None, form: Fields, drop_quotes: bool = False) -> None:
    """clusters.jsonl (or on stdout for `--out -`, the summary then on stderr), the
    de-duplicated copies if asked for, and the summary."""
    from ..clusters import write_clusters, write_deduplicated
    from ..guard import writing_to
    from ..render import dedup_summary

    to_stdout = str(clusters) == STDOUT
    if to_stdout:
        with tempfile.TemporaryDirectory(prefix="cleaner-") as folder:  # written whole, then sent
            write_clusters(result, Path(folder) / CLUSTERS)
            with open(Path(folder) / CLUSTERS, "rb") as written:
                shutil.copyfileobj(written, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    else:
        with writing_to(clusters, folder=False):
            write_clusters(result, clusters)
    if drop is not None:
        with writing_to(drop):
            removed = write_deduplicated(result, drop, form, quotes=drop_quotes)
    note(dedup_summary(result), err=to_stdout)
    if drop is not None:
        what = "repeated and quoted" if drop_quotes else "repeated"
        note(f"{plural(removed, what + ' ' + result.config.unit)} removed in {drop}", err=to_stdout)



@app.command()
@boundary
def dedup(
    ctx: typer.Context,
    inputs: Annotated[Optional[list[Path]], typer.Argument(metavar="INPUT", help="Files and folders, raw or cleaned (folders: recursively, see --glob); - for stdin.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", parser=output_path, help="Where to write clusters.jsonl; - for stdout.")] = None,
    unit: Annotated[str, option(DedupConfig, "unit")] = DedupConfig.unit,
    drop: Annotated[Optional[Path], typer.Option(metavar="DIR", parser=output_path, help="Also write the documents without their repeats here, with edit-log.jsonl.")] = None,
    drop_quotes: DropQuotesOption = False,
    jobs: JobsOption = 1,
    glob: GlobOption = DEFAULT_GLOB,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    max_record_mb: MaxRecordOption = MAX_RECORD_MB,
    limit: LimitOption = None,
    shingle_size: Annotated[int, option(DedupConfig, "shingle_size")] = DedupConfig.shingle_size,
    num_perm: Annotated[int, option(DedupConfig, "num_perm")] = DedupConfig.num_perm,
    seed: Annotated[int, option(DedupConfig, "seed")] = DedupConfig.seed,
    threshold: Annotated[float, option(DedupConfig, "threshold")] = DedupConfig.threshold,
    containment: Annotated[float, option(DedupConfig, "containment")] = DedupConfig.containment,
    length_ratio: Annotated[float, option(DedupConfig, "length_ratio")] = DedupConfig.length_ratio,
    short_chars: Annotated[int, option(DedupConfig, "short_chars")] = DedupConfig.short_chars,
    short_threshold: Annotated[float, option(DedupConfig, "short_threshold")] = DedupConfig.short_threshold,
    min_chars: Annotated[int, option(DedupConfig, "min_chars")] = DedupConfig.min_chars,
    bands: Annotated[Optional[int], option(DedupConfig, "bands")] = None,
    rows: Annotated[Optional[int], option(DedupConfig, "rows")] = None,
    report_dir: ReportOption = None,
    engine: EngineOption = "local",
    ray_address: RayAddressOption = None,
    stdin_format: FormatOption = None,
    force: ForceOption = False,
    recipe: ConfigOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Find repeated passages across documents: `cleaner dedup corpus/ --unit sentence --out clusters.jsonl`.

    Prints a summary and writes clusters.jsonl: a header with every setting, one line per cluster
    of duplicates (each occurrence's document, offsets, text and similarity to the first), then
    one line per quote (a passage that stands inside a longer one). Exit 1 if some input files
    were skipped.
    """
    from ..guard import refuse_overlap

    inputs, out, project = job_of(inputs, out, recipe)
    if out is None:
        raise UsageError("give --out FILE for clusters.jsonl (- for stdout)")
    refuse_overlap(inputs, [("--out", out), ("--drop", drop), ("--report", report_dir)])
    if drop_quotes and drop is None:
        raise UsageError("--drop-quotes removes passages from the --drop copies: give --drop DIR too")
    if str(out) == STDOUT and report_dir is not None:
        raise UsageError("--report reads clusters.jsonl from disk: give --out FILE, not -")
    config = config_of(DedupConfig, ctx, project.dedup, unit=unit, shingle_size=shingle_size, num_perm=num_perm, seed=seed,
                       threshold=threshold, containment=containment, length_ratio=length_ratio, short_chars=short_chars,
                       short_threshold=short_threshold, min_chars=min_chars, bands=bands, rows=rows)
    table = project.dedup
    jobs, drop_quotes, glob, engine = (setting_of(ctx, name, value, project, table) for name, value in
                                       (("jobs", jobs), ("drop_quotes", drop_quotes), ("glob", glob), ("engine", engine)))
    form = fields_from(ctx, project, table, text_field, id_field, max_record_mb, limit)
    if drop is not None:
        claim(drop, force)
    with tempfile.TemporaryDirectory(prefix="cleaner-stdin-") as spool:  # stdin is read twice: spooled
        stdin = stdin_of(inputs, stdin_format, Path(spool))
        with engine_of(engine, jobs, ray_address) as runner:
            result = _find_repeats(inputs, config, jobs, glob, form, runner, stdin)
        _write_repeats(result, out, drop, form, drop_quotes)
    if report_dir is not None:
        build_report(out, report_dir, None)
    finished("searched", len(result.docs), result.unit_chars)
    exit_if(result.skipped)


def run_command(ctx: typer.Context, inputs: list[Path] | None, out: Path | None, **options) -> None:
    """Clean, then find repeats in the cleaned text: `cleaner run corpus/ --out out/ --report out/report`.

    Takes every option of `cleaner clean` and `cleaner dedup`, with the same meaning. Writes
    out/cleaned/ (as `cleaner clean`), out/clusters.jsonl (as `cleaner dedup`) and, with --drop
    DIR, the cleaned documents without their repeats in DIR. The project file's [clean] and
    [dedup] settings apply. Exit 1 if some input files were skipped.
    """
    from ..batch import clean_files
    from ..guard import refuse_overlap
    from ..render import summary_table
    from ..settings import settings_of

    given = SimpleNamespace(**options)
    inputs, out, project = job_of(inputs, out, given.recipe)
    if out is None:
        raise UsageError("give --out DIR for cleaned/ and clusters.jsonl")
    if str(out) == STDOUT:
        raise UsageError("run writes a folder (cleaned/, clusters.jsonl): give --out DIR, not -")
    refuse_overlap(inputs, [("--out", out), ("--drop", given.drop), ("--report", given.report_dir)])
    if given.drop_quotes and given.drop is None:
        raise UsageError("--drop-quotes removes passages from the --drop copies: give --drop DIR too")
    glob = setting_of(ctx, "glob", given.glob, project, project.clean)
    clean_config = config_of(CleanConfig, ctx, project.clean, **{f.name: options[f.name] for f in settings_of(CleanConfig)})
    config = config_of(DedupConfig, ctx, project.dedup, **{f.name: options[f.name] for f in settings_of(DedupConfig)})
    ruleset = ruleset_of(given.rules, given.no_default_rules, clean_config.regex_timeout, project)
    clean_jobs, dedup_jobs = (setting_of(ctx, "jobs", given.jobs, project, table) for table in (project.clean, project.dedup))
    drop_quotes = setting_of(ctx, "drop_quotes", given.drop_quotes, project, project.dedup)
    engine = setting_of(ctx, "engine", given.engine, project, project.clean)
    form = fields_from(ctx, project, project.clean, given.text_field, given.id_field, given.max_record_mb, given.limit)
    stdin = stdin_of(inputs, given.stdin_format)
    claim(out / CLEANED, given.force)
    if given.drop is not None:
        claim(given.drop, given.force)
    bars = progress_bars()
    with engine_of(engine, max(clean_jobs, dedup_jobs), given.ray_address) as runner:
        summary = clean_files(inputs, out / CLEANED, ruleset, clean_config, glob, warn=warn, form=form, jobs=clean_jobs,
                              engine=runner, stdin=stdin, progress=bars.stage)
        bars.close()
        result = _find_repeats([out / CLEANED], config, dedup_jobs, DEFAULT_GLOB, replace(form, limit=None), runner)
    note(summary_table(summary))
    _write_repeats(result, out / CLUSTERS, given.drop, form, drop_quotes)
    if given.report_dir is not None:
        build_report(out, given.report_dir, ruleset)
    finished("cleaned and searched", summary.documents, summary.chars_in)
    exit_if(summary.skipped or result.skipped)


def _run_signature() -> inspect.Signature:
    """run's parameters: its own inputs and --out, then every option of clean and of dedup
    (one declaration each, so the flags, help and defaults cannot drift apart)."""
    from .clean import clean

    own = inspect.signature(_run_own, eval_str=True).parameters
    params = dict(own)
    for command, left_out in ((clean, {"log", "check"}), (dedup, set())):
        for name, param in inspect.signature(command, eval_str=True).parameters.items():
            if name not in params and name not in left_out:
                params[name] = param
    return inspect.Signature([p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params.values()])


def _run_own(
    ctx: typer.Context,
    inputs: Annotated[Optional[list[Path]], typer.Argument(metavar="INPUT", help="Files and folders to clean, then search for repeats; - for stdin.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="DIR", parser=output_path, help="cleaned/ and clusters.jsonl go here.")] = None,
) -> None:
    """The parameters only run has (the others are clean's and dedup's)."""


run_command.__signature__ = _run_signature()
app.command("run")(boundary(run_command))
