"""The `cleaner` command: parse options into a config, call the library, render the result.

Errors the library raises on purpose (CleanerError) become a one-line message on stderr and the
exit code of their type; see `errors.ExitCode` and the README's table.
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from tqdm import tqdm

from . import __version__, scorer
from .batch import clean_files, cleaned_in_memory
from .formats import default_glob
from .records import MAX_RECORD_MB, Fields
from .run_folder import CLEANED, CLUSTERS, DEDUPED
from .clean import CleanConfig
from .engines import make_engine
from .errors import CleanerError, ExitCode, UsageError
from .clusters import write_clusters, write_deduplicated
from .dedup import documents, find_repeats
from .diff import rule_diff
from .minhash import DedupConfig
from .clean import BUILTIN_DESCRIPTIONS
from .io import discover, write_atomic
from .learn import LearnConfig, family_of, learn, to_toml
from .remote import redact, staging_dir, upload_tree, uri_of
from .escape import shown
from .guard import refuse_overlap, writing_to
from .project import Project, describe, find_project_file, load_project
from .render import dedup_summary, explain_rule, rule_check_report, rule_hits, rules_table, summary_table
from .report_data import load_report
from .report_html import write_report
from .rules import DEFAULT_TIMEOUT, RuleSet, check_rule_file, check_rule_files, default_rules_dir, load_rules, rule_files

DEFAULT_GLOB = default_glob()  # text files and every registered format's suffixes

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Clean scraped Chinese speeches and documents with reviewable rule files.")
rules_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Inspect and test rule files.")
app.add_typer(rules_app, name="rules")

RulesOption = Annotated[
    Optional[list[Path]],
    typer.Option("--rules", metavar="PATH", help="Rule file or folder of *.toml files, added to the defaults; repeatable."),
]
NoDefaultsOption = Annotated[
    bool, typer.Option("--no-default-rules", help="Use only the rules given with --rules.")
]


EngineOption = Annotated[str, typer.Option("--engine", metavar="local|ray", help="Where the work runs: local processes, or Ray (pip install 'cleaner[ray]').")]
RayAddressOption = Annotated[Optional[str], typer.Option("--ray-address", metavar="ADDRESS", help="With --engine ray: an existing cluster (ray://host:10001 or auto); default: start a local Ray.")]


@contextmanager
def _engine(name: str, jobs: int, address: str | None):
    """The engine a command runs on (engines.py), closed when the command ends."""
    engine = make_engine(name, jobs, address)
    try:
        yield engine
    finally:
        engine.close()


def _say(text: str, err: bool = False) -> None:
    """Echo text that may hold scraped text or file names: control characters and bytes of names
    that are not UTF-8 are shown escaped, URI queries redacted."""
    typer.echo(shown(redact(text)), err=err)


def _warn(message: str) -> None:
    _say(f"warning: {message}", err=True)


def _fail(error: CleanerError) -> None:
    _say(f"error: {error.message()}", err=True)
    raise typer.Exit(int(error.exit_code))


def _boundary(command):
    """Every command's errors end here: the library's own errors as their one-line message and
    exit code, and an error of the operating system (a full disk, a folder that cannot be
    written) as exit 4, instead of a traceback."""
    @functools.wraps(command)
    def guarded(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except CleanerError as error:
            _fail(error)
        except OSError as error:
            where = f" {error.filename}" if error.filename else ""
            _say(f"error: cannot write{where}: {error.strerror or error} (check that the output location "
                 "is writable and has free space)", err=True)
            raise typer.Exit(int(ExitCode.OUTPUT))
    return guarded


def _output_path(value: str) -> Path:
    if not value.strip():
        raise typer.BadParameter("must not be empty (give a path, or - where stdout is allowed)")
    return Path(value)


def _project(inputs: list[Path]) -> Project:
    """The project settings found from the first input (cleaner.toml or [tool.cleaner]), said on stderr."""
    project = load_project(find_project_file(inputs))
    if (line := describe(project)) is not None:
        _say(line, err=True)
    return project


def _pick(ctx: typer.Context, name: str, value, settings: dict, key: str | None = None):
    """The command line's value if given there, else the project file's, else the default."""
    source = ctx.get_parameter_source(name)
    given = source is not None and source.name == "COMMANDLINE"
    return value if given or (key or name) not in settings else settings[key or name]


def _ruleset(rules: list[Path] | None, no_defaults: bool, timeout: float, project: Project | None = None) -> RuleSet:
    project = project or Project()
    use_defaults = not no_defaults and project.default_rules
    paths = ([default_rules_dir()] if use_defaults else []) + project.rules + list(rules or [])
    if not paths:
        raise UsageError("no rules: give --rules or drop --no-default-rules")
    return load_rules(paths, timeout)


OutOption = typer.Option("--out", "-o", metavar="DIR", parser=_output_path,
                         help="Folder (or URI such as s3://bucket/out/) for cleaned files, edit-log.jsonl and summary.json; - for JSON Lines on stdout.")
MaxRecordOption = Annotated[float, typer.Option("--max-record-mb", metavar="MB", min=0.001,
                                                help="Largest record or text file read; larger ones are skipped with a warning.")]


@app.command()
@_boundary
def clean(
    ctx: typer.Context,
    inputs: Annotated[list[Path], typer.Argument(help="Files and folders to clean (folders: recursively, see --glob).")],
    out: Annotated[Optional[Path], OutOption] = None,
    rules: RulesOption = None,
    no_default_rules: NoDefaultsOption = False,
    glob: Annotated[str, typer.Option(metavar="PATTERN", help="Which files to take from folders (comma-separated globs).")] = DEFAULT_GLOB,
    text_field: Annotated[str, typer.Option(metavar="NAME", help="JSON Lines / Parquet field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(metavar="NAME", help="JSON Lines / Parquet field naming a record in logs.")] = "id",
    max_record_mb: MaxRecordOption = MAX_RECORD_MB,
    jobs: Annotated[int, typer.Option(min=1, help="Processes for cleaning; the output is the same for any number.")] = 1,
    log: Annotated[Optional[Path], typer.Option(metavar="FILE", parser=_output_path, help="With --out -: where to write the edit log.")] = None,
    engine: EngineOption = "local",
    ray_address: RayAddressOption = None,
    split: Annotated[bool, typer.Option("--split", help="Write one file per speech of a multi-speech page.")] = False,
    pinyin: Annotated[bool, typer.Option("--pinyin/--no-pinyin", help="Remove pinyin annotations such as 關(guān).")] = True,
    join: Annotated[bool, typer.Option("--join/--no-join", help="Join lines the scrape broke mid-sentence.")] = True,
    titles: Annotated[bool, typer.Option("--dedupe-titles/--keep-titles", help="Drop repeated title lines in the head.")] = True,
    regex_timeout: Annotated[float, typer.Option(metavar="SECONDS", help="Seconds one rule may spend on one document, all its searches together.")] = DEFAULT_TIMEOUT,
    flag_share: Annotated[float, typer.Option(metavar="SHARE", min=0.0, max=1.0, help="Flag a document in the summary and the report when one rule removed more than this share of it.")] = CleanConfig.flag_share,
    score: Annotated[bool, typer.Option("--score/--no-score", help="Drop lines the chrome-line scorer calls the site's (see 'cleaner rules explain score.chrome-line').")] = True,
    score_threshold: Annotated[float, typer.Option(metavar="POINTS", min=0.0, help="Chrome points a line needs on its own evidence to be dropped by the scorer.")] = CleanConfig.score_threshold,
    report_dir: ReportOption = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; list what would change and exit 5 if anything would.")] = False,
) -> None:
    """Clean scraped speeches: `cleaner clean corpus/ --out cleaned/`.

    Writes one UTF-8 file per input under --out (mirroring the input tree), the edit log
    (edit-log.jsonl: every removal and repair with its rule) and summary.json, and prints the
    per-rule summary. Exit 1 if some input files were skipped. With --check nothing is written:
    `cleaner clean scrape/ --check` exits 5 if cleaning would change any file.
    """
    refuse_overlap(inputs, [("--out", out), ("--log", log), ("--report", report_dir)])
    project = _project(inputs)
    glob = _pick(ctx, "glob", glob, {"glob": project.glob} if project.glob else {})
    settings = project.clean
    regex_timeout = _pick(ctx, "regex_timeout", regex_timeout, settings)
    ruleset = _ruleset(rules, no_default_rules, regex_timeout, project)
    config = CleanConfig(repair_pinyin=_pick(ctx, "pinyin", pinyin, settings), join_broken_lines=_pick(ctx, "join", join, settings),
                         drop_duplicate_titles=_pick(ctx, "titles", titles, settings, "dedupe_titles"),
                         split=_pick(ctx, "split", split, settings), regex_timeout=regex_timeout,
                         flag_share=_pick(ctx, "flag_share", flag_share, settings), score_lines=_pick(ctx, "score", score, settings),
                         score_threshold=_pick(ctx, "score_threshold", score_threshold, settings))
    form = Fields(text_field=text_field, id_field=id_field, max_record_mb=max_record_mb)
    if check:
        _check(inputs, ruleset, config, glob, form)
        return
    if out is None:
        raise UsageError("give --out DIR for the cleaned files, or --check to write nothing")
    if str(out) == "-":
        summary = clean_files(inputs, None, ruleset, config, glob, warn=_warn, form=form, jobs=jobs, log_path=log)
        _say(summary_table(summary), err=True)
        if summary.skipped:
            raise typer.Exit(int(ExitCode.INPUT_SKIPPED))
        return
    target = uri_of(out)
    out = staging_dir(target) if target else out
    with _engine(engine, jobs, ray_address) as runner:
        summary = clean_files(inputs, out, ruleset, config, glob, warn=_warn, form=form, jobs=jobs, engine=runner)
    _say(summary_table(summary))
    if report_dir is not None:
        _build_report(out, report_dir, ruleset)
    if target:
        uploaded = upload_tree(out, target)
        shutil.rmtree(out)
        _say(f"uploaded {uploaded} files to {target.split('?', 1)[0]}")
    if summary.skipped:
        raise typer.Exit(int(ExitCode.INPUT_SKIPPED))


def _check(inputs: list[Path], ruleset: RuleSet, config: CleanConfig, glob: str, form: Fields) -> None:
    problems: list[str] = []

    def warn(message: str) -> None:
        problems.append(message)
        _warn(message)

    total = changed = 0
    for item, result in cleaned_in_memory(inputs, ruleset, config, glob, warn, form):
        total += 1
        if result.edits:
            changed += 1
            counts: dict[str, int] = {}
            for edit in result.edits:
                counts[edit.rule] = counts.get(edit.rule, 0) + 1
            detail = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
            _say(f"would change {item.doc}: {len(result.edits)} edits ({detail})")
    _say(f"{changed} of {total} files would change" + (f"; {len(problems)} skipped" if problems else ""))
    if changed:
        raise typer.Exit(int(ExitCode.WOULD_CHANGE))
    if problems:
        raise typer.Exit(int(ExitCode.INPUT_SKIPPED))


@app.command()
@_boundary
def diff(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders to show the cleaning of.")],
    rules: RulesOption = None,
    no_default_rules: NoDefaultsOption = False,
    glob: Annotated[str, typer.Option(metavar="PATTERN", help="Which files to take from folders.")] = "*.txt",
    context: Annotated[int, typer.Option(min=0, help="Unchanged lines around each change.")] = 3,
    colour: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Colour the diff (default: when stdout is a terminal).")] = None,
) -> None:
    """Show what cleaning would change, as a unified diff: `cleaner diff corpus/001_a0ac67672984e438.txt`.

    Each hunk header names the rules behind its changes. Nothing is written. Control characters
    of the scraped text are shown escaped (\\x1b), so a page cannot drive the terminal.
    """
    ruleset = _ruleset(rules, no_default_rules, DEFAULT_TIMEOUT)
    skipped: list[str] = []

    def warn(message: str) -> None:
        skipped.append(message)
        _warn(message)

    paint = sys.stdout.isatty() and "NO_COLOR" not in os.environ if colour is None else colour
    for item, result in cleaned_in_memory(inputs, ruleset, CleanConfig(), glob, warn):
        if result.edits:
            typer.echo(rule_diff(item.doc, result, context, paint), nl=False, color=paint)
    if skipped:
        raise typer.Exit(int(ExitCode.INPUT_SKIPPED))


UnitOption = Annotated[str, typer.Option("--unit", help="Passage size: document, paragraph or sentence.")]
DropQuotesOption = Annotated[bool, typer.Option("--drop-quotes", help="With --drop: also remove a passage that stands inside a longer one that is kept.")]


def _dedup_config(**settings) -> DedupConfig:
    try:
        return DedupConfig(**settings)
    except ValueError as error:
        raise UsageError(str(error)) from None


def _find_repeats(inputs, config: DedupConfig, jobs: int, glob: str, form: Fields = Fields(), engine=None):
    with tqdm(disable=None, leave=False, unit="batch", file=sys.stderr) as bar:
        def progress(iterable, total, unit):
            bar.reset(total=total)  # None for a stream of unknown length
            for item in iterable:
                bar.update()
                yield item
        return find_repeats(inputs, config, jobs, glob, warn=_warn, progress=progress, form=form, engine=engine)


def _write_repeats(result, clusters: Path, drop: Path | None, form: Fields, drop_quotes: bool = False) -> None:
    """clusters.jsonl, the de-duplicated copies if asked for, and the summary."""
    with writing_to(clusters, folder=False):
        write_clusters(result, clusters)
    if drop is not None:
        with writing_to(drop):
            removed = write_deduplicated(result, drop, form, quotes=drop_quotes)
    _say(dedup_summary(result))
    if drop is not None:
        what = "repeated and quoted" if drop_quotes else "repeated"
        _say(f"{removed:,} {what} {result.config.unit}s removed in {drop}")


@app.command()
@_boundary
def dedup(
    ctx: typer.Context,
    inputs: Annotated[list[Path], typer.Argument(help="Files and folders, raw or cleaned (folders: recursively, see --glob).")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", parser=_output_path, help="Where to write clusters.jsonl.")],
    unit: UnitOption = DedupConfig.unit,
    drop: Annotated[Optional[Path], typer.Option(metavar="DIR", parser=_output_path, help="Also write the documents without their repeats here, with edit-log.jsonl.")] = None,
    drop_quotes: DropQuotesOption = False,
    jobs: Annotated[int, typer.Option(min=1, help="Processes for fingerprinting.")] = 1,
    glob: Annotated[str, typer.Option(metavar="PATTERN", help="Which files to take from folders (comma-separated globs).")] = DEFAULT_GLOB,
    text_field: Annotated[str, typer.Option(metavar="NAME", help="JSON Lines / Parquet field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(metavar="NAME", help="JSON Lines / Parquet field naming a record.")] = "id",
    max_record_mb: MaxRecordOption = MAX_RECORD_MB,
    shingle_size: Annotated[int, typer.Option(min=1, help="Characters per shingle.")] = DedupConfig.shingle_size,
    num_perm: Annotated[int, typer.Option(min=2, help="MinHash permutations.")] = DedupConfig.num_perm,
    seed: Annotated[int, typer.Option(help="MinHash seed (datasketch's).")] = DedupConfig.seed,
    threshold: Annotated[float, typer.Option(min=0.0, max=1.0, help="Verified Jaccard similarity that makes two passages duplicates.")] = DedupConfig.threshold,
    containment: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share of the shorter passage inside the longer that makes a duplicate (lengths alike) or a quote.")] = DedupConfig.containment,
    length_ratio: Annotated[float, typer.Option(min=0.0, max=1.0, help="Duplicates: shorter / longer normalised length at least this.")] = DedupConfig.length_ratio,
    short_chars: Annotated[int, typer.Option(min=1, help="Passages shorter than this (normalised characters) need --short-threshold.")] = DedupConfig.short_chars,
    short_threshold: Annotated[float, typer.Option(min=0.0, max=1.0, help="Jaccard similarity that makes two short passages duplicates.")] = DedupConfig.short_threshold,
    min_chars: Annotated[int, typer.Option(min=1, help="Shortest passage (normalised characters) to fingerprint.")] = DedupConfig.min_chars,
    bands: Annotated[Optional[int], typer.Option(min=1, help="LSH bands (with --rows); default: chosen for --threshold.")] = None,
    rows: Annotated[Optional[int], typer.Option(min=1, help="LSH rows per band (with --bands).")] = None,
    report_dir: ReportOption = None,
    engine: EngineOption = "local",
    ray_address: RayAddressOption = None,
) -> None:
    """Find repeated passages across documents: `cleaner dedup corpus/ --unit sentence --out clusters.jsonl`.

    Prints a summary and writes clusters.jsonl: a header with every setting, one line per cluster
    of duplicates (each occurrence's document, offsets, text and similarity to the first), then
    one line per quote (a passage that stands inside a longer one). Exit 1 if some input files
    were skipped.
    """
    refuse_overlap(inputs, [("--out", out), ("--drop", drop), ("--report", report_dir)])
    if drop_quotes and drop is None:
        raise UsageError("--drop-quotes removes passages from the --drop copies: give --drop DIR too")
    project = _project(inputs)
    given = dict(unit=unit, shingle_size=shingle_size, num_perm=num_perm, seed=seed, threshold=threshold,
                 containment=containment, length_ratio=length_ratio, short_chars=short_chars, short_threshold=short_threshold,
                 min_chars=min_chars, bands=bands, rows=rows, jobs=jobs, drop_quotes=drop_quotes)
    chosen = {name: _pick(ctx, name, value, project.dedup) for name, value in given.items()}
    jobs, drop_quotes = chosen.pop("jobs"), chosen.pop("drop_quotes")
    glob = _pick(ctx, "glob", glob, {"glob": project.glob} if project.glob else {})
    config = _dedup_config(**chosen)
    form = Fields(text_field=text_field, id_field=id_field, max_record_mb=max_record_mb)
    with _engine(engine, jobs, ray_address) as runner:
        result = _find_repeats(inputs, config, jobs, glob, form, runner)
    _write_repeats(result, out, drop, form, drop_quotes)
    if report_dir is not None:
        _build_report(out, report_dir, None)
    if result.skipped:
        raise typer.Exit(int(ExitCode.INPUT_SKIPPED))


@app.command("run")
@_boundary
def run_command(
    ctx: typer.Context,
    inputs: Annotated[list[Path], typer.Argument(help="Files and folders to clean, then search for repeats.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", parser=_output_path, help="cleaned/, clusters.jsonl (and deduped/ with --drop) go here.")],
    rules: RulesOption = None,
    no_default_rules: NoDefaultsOption = False,
    unit: UnitOption = DedupConfig.unit,
    drop: Annotated[bool, typer.Option("--drop", help="Write DIR/deduped/: the cleaned documents without their repeats.")] = False,
    drop_quotes: DropQuotesOption = False,
    jobs: Annotated[int, typer.Option(min=1, help="Processes for cleaning and fingerprinting.")] = 1,
    glob: Annotated[str, typer.Option(metavar="PATTERN", help="Which files to take from folders (comma-separated globs).")] = DEFAULT_GLOB,
    text_field: Annotated[str, typer.Option(metavar="NAME", help="JSON Lines / Parquet field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(metavar="NAME", help="JSON Lines / Parquet field naming a record.")] = "id",
    max_record_mb: MaxRecordOption = MAX_RECORD_MB,
    report_dir: ReportOption = None,
    engine: EngineOption = "local",
    ray_address: RayAddressOption = None,
) -> None:
    """Clean, then find repeats in the cleaned text: `cleaner run corpus/ --out out/ --report out/report`.

    Writes out/cleaned/ (as `cleaner clean`), out/clusters.jsonl (as `cleaner dedup`) and, with
    --drop, out/deduped/. Exit 1 if some input files were skipped.
    """
    refuse_overlap(inputs, [("--out", out), ("--report", report_dir)])
    if drop_quotes and not drop:
        raise UsageError("--drop-quotes removes passages from out/deduped/: give --drop too")
    project = _project(inputs)
    glob = _pick(ctx, "glob", glob, {"glob": project.glob} if project.glob else {})
    settings = project.clean
    ruleset = _ruleset(rules, no_default_rules, settings.get("regex_timeout", DEFAULT_TIMEOUT), project)
    clean_config = CleanConfig(repair_pinyin=settings.get("pinyin", True), join_broken_lines=settings.get("join", True),
                               drop_duplicate_titles=settings.get("dedupe_titles", True), split=settings.get("split", False),
                               regex_timeout=settings.get("regex_timeout", DEFAULT_TIMEOUT),
                               flag_share=settings.get("flag_share", CleanConfig.flag_share), score_lines=settings.get("score", True),
                               score_threshold=settings.get("score_threshold", CleanConfig.score_threshold))
    form = Fields(text_field=text_field, id_field=id_field, max_record_mb=max_record_mb)
    dedup_settings = {k: v for k, v in project.dedup.items() if k not in ("jobs", "drop_quotes")}
    unit = _pick(ctx, "unit", unit, dedup_settings)
    jobs = _pick(ctx, "jobs", jobs, project.dedup)
    drop_quotes = _pick(ctx, "drop_quotes", drop_quotes, project.dedup)
    config = _dedup_config(**{**dedup_settings, "unit": unit})
    with _engine(engine, jobs, ray_address) as runner:
        summary = clean_files(inputs, out / CLEANED, ruleset, clean_config, glob, warn=_warn, form=form, jobs=jobs, engine=runner)
        result = _find_repeats([out / CLEANED], config, jobs, DEFAULT_GLOB, form, runner)
    _say(summary_table(summary))
    _write_repeats(result, out / CLUSTERS, out / DEDUPED if drop else None, form, drop_quotes)
    if report_dir is not None:
        _build_report(out, report_dir, ruleset)
    if summary.skipped or result.skipped:
        raise typer.Exit(int(ExitCode.INPUT_SKIPPED))


ReportOption = Annotated[Optional[Path], typer.Option("--report", metavar="DIR", parser=_output_path, help="Also build the HTML review report here.")]


def _build_report(run_dir: Path, out: Path, rules: RuleSet | None) -> None:
    descriptions = {rule.id: rule.description for rule in rules} if rules else {}
    with writing_to(out):
        data = load_report(run_dir, descriptions)
        pages = write_report(data, run_dir, out)
    for problem in data.problems:
        _warn(problem)
    _say(f"report: {out / 'index.html'} ({pages:,} pages)")


@app.command()
@_boundary
def report(
    run_dir: Annotated[Path, typer.Argument(help="The --out folder of clean, dedup or run.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", parser=_output_path, help="Folder for the report (open DIR/index.html).")],
    rules: RulesOption = None,
    no_default_rules: NoDefaultsOption = False,
) -> None:
    """Build the HTML review report of a run: `cleaner report out/ --out out/report`.

    Static pages that open from disk: an overview, every document with each removal and repair
    marked by its rule, every rule's hits in context, and the repeated passages side by side.
    --rules names rule files whose descriptions the report should show.
    """
    refuse_overlap([run_dir], [("--out", out)], inside_allowed=True)
    ruleset = _ruleset(rules, no_default_rules, DEFAULT_TIMEOUT) if rules or not no_default_rules else None
    _build_report(run_dir, out, ruleset)


@rules_app.command("learn")
@_boundary
def rules_learn(
    inputs: Annotated[list[Path], typer.Argument(help="Files and folders of one or more sites' pages.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", parser=_output_path, help="Rule file to write, e.g. rules/sites/learned-mysite.toml.")],
    min_support: Annotated[int, typer.Option(min=2, help="Pages a line must repeat on to become a rule.")] = LearnConfig.min_support,
    glob: Annotated[str, typer.Option(metavar="PATTERN", help="Which files to take from folders.")] = "*.txt",
    max_record_mb: MaxRecordOption = MAX_RECORD_MB,
) -> None:
    """Propose rules for the chrome a batch of pages repeats: `cleaner rules learn scrape/ --out rules/sites/learned-mysite.toml`.

    Nothing is applied: read the file, delete what is wrong, then clean with --rules FILE.
    """
    refuse_overlap(inputs, [("--out", out)])
    family = family_of(out.stem)
    files, missing = discover(inputs, glob)
    for problem in missing:
        _warn(problem.message())
    pages = [record.text for record, _ in documents(files, Fields(max_record_mb=max_record_mb), _warn)]
    proposals = learn(pages, LearnConfig(min_support=min_support))
    with writing_to(out, folder=False):
        write_atomic(out, to_toml(proposals, family, f"{len(pages)} pages"))
    rules, errors = check_rule_file(out)
    _say(f"{len(rules)} rules proposed from {len(pages)} pages in {out}; review them, then clean with --rules {out}")
    if errors:
        for error in errors:
            _warn(error.message())
        raise typer.Exit(int(ExitCode.RULES))


@rules_app.command("list")
@_boundary
def rules_list(
    files: Annotated[Optional[list[Path]], typer.Argument(help="Rule files or folders (default: the built-in rules).")] = None,
    run_dir: Annotated[Optional[Path], typer.Option("--run", metavar="DIR", help="Add each rule's hits in this clean or run output.")] = None,
) -> None:
    """List rules with their family, scope and action: `cleaner rules list --run out/`."""
    ruleset = load_rules(list(files) if files else [default_rules_dir()])
    hits = rule_hits(run_dir) if run_dir else None
    typer.echo(rules_table(ruleset, hits))


@rules_app.command("explain")
@_boundary
def rules_explain(
    rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. related-links.header.")],
    files: Annotated[Optional[list[Path]], typer.Argument(help="Rule files or folders (default: the built-in rules).")] = None,
) -> None:
    """Show a rule: what it does, where it looks, its pattern and examples: `cleaner rules explain title.site-suffix`."""
    ruleset = load_rules(list(files) if files else [default_rules_dir()])
    rule = ruleset.get(rule_id)
    if rule is None and rule_id == scorer.RULE_ID:
        typer.echo(scorer.explain())
        return
    if rule is None:
        builtin = BUILTIN_DESCRIPTIONS.get(rule_id)
        if builtin is None:
            raise UsageError(f"no rule {rule_id} (see 'cleaner rules list')")
        typer.echo(f"{rule_id} (built-in step)\n  {builtin}")
        return
    typer.echo(explain_rule(rule))


@rules_app.command("test")
@_boundary
def rules_test(
    files: Annotated[Optional[list[Path]], typer.Argument(help="Rule files or folders (default: the built-in rules).")] = None,
) -> None:
    """Check every rule's inline examples: `cleaner rules test rules/`. Exit 3 on any failure."""
    paths = rule_files(list(files) if files else [default_rules_dir()])
    checked = [(str(path), len(sound), errors) for path, sound, errors in check_rule_files(paths)]
    typer.echo(rule_check_report(checked))
    if any(errors for _, _, errors in checked):
        raise typer.Exit(int(ExitCode.RULES))


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


if __name__ == "__main__":
    sys.exit(run())
