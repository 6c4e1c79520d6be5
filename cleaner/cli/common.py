"""What every command shares: the app, the option declarations, the one error boundary, the
settings resolution (defaults, then the project file, then the command line), and output."""
from __future__ import annotations

import functools
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.core

from ..engines import ENGINES, make_engine
from ..errors import CleanerError, ExitCode, UsageError
from ..escape import shown
from ..formats import default_glob
from ..progress import plural
from ..project import Project, describe, find_project_file, load_project
from ..records import MAX_RECORD_MB, STDIN_FORMATS, Fields
from ..remote import redact
from ..settings import flag_of, resolve, settings_of

# The modules that do the work are imported by the commands that use them, when they run:
# `cleaner --help` and a wrong option stay quick.

DEFAULT_GLOB = default_glob()  # text files and every registered format's suffixes

HELP = {"help_option_names": ["-h", "--help"]}
# Typer writes an argument's Python type beside its name in the help (`INPUT <list[Path]>`); the
# metavar and the help say it better for a reader
typer.core.TyperArgument.display_type_rich = lambda self, ctx: None
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, context_settings=HELP,
                  help="Clean scraped Chinese speeches and documents with reviewable rule files.")
rules_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, context_settings=HELP, help="Inspect and test rule files.")
app.add_typer(rules_app, name="rules")


# --- output and the error boundary ------------------------------------------------------------

def say(text: str, err: bool = False) -> None:
    """Echo text that may hold scraped text or file names: control characters and bytes of names
    that are not UTF-8 are shown escaped, URI queries redacted."""
    typer.echo(shown(redact(text)), err=err)


def warn(message: str) -> None:
    say(f"warning: {message}", err=True)


class Voice:
    """How much a command says (-q, -v), set by `boundary` from the command's options, and
    when it started (for the closing line)."""

    quiet = False
    verbose = False
    started = 0.0


VOICE = Voice()


def note(text: str, err: bool = False) -> None:
    """What a command reports on success (summaries, where things went): not under -q."""
    if not VOICE.quiet:
        say(text, err=err)


def detail(text: str) -> None:
    """What -v adds on stderr: the rules, settings and inputs a run uses."""
    if VOICE.verbose:
        say(text, err=True)


def progress_bars():
    """The progress bars of a command (none under -q, none when stderr is not a terminal)."""
    from ..progress import Progress

    return Progress(shown=not VOICE.quiet)


def finished(verb: str, documents: int, characters: int) -> None:
    """The closing line on stderr: time and throughput (not under -q)."""
    import time

    from ..progress import throughput

    note(throughput(verb, documents, characters, time.perf_counter() - VOICE.started), err=True)


def boundary(command):
    """Every command's errors end here: the library's own errors as their one-line message and
    exit code, and an error of the operating system (a full disk, a folder that cannot be
    written) as exit 4, instead of a traceback."""
    @functools.wraps(command)
    def guarded(*args, **kwargs):
        import time

        VOICE.quiet, VOICE.verbose = bool(kwargs.get("quiet")), bool(kwargs.get("verbose"))
        VOICE.started = time.perf_counter()
        try:
            return command(*args, **kwargs)
        except CleanerError as error:
            say(f"error: {error.message()}", err=True)
            raise typer.Exit(int(error.exit_code))
        except OSError as error:
            where = f" {error.filename}" if error.filename else ""
            say(f"error: cannot write{where}: {error.strerror or error} (check that the output location "
                "is writable and has free space)", err=True)
            raise typer.Exit(int(ExitCode.OUTPUT))
    return guarded


def exit_if(skipped) -> None:
    """Exit 1 when some inputs were skipped (the outputs of the others are written)."""
    if skipped:
        raise typer.Exit(int(ExitCode.INPUT_SKIPPED))


# --- options ----------------------------------------------------------------------------------

def output_path(value: str) -> Path:
    if not value.strip():
        raise typer.BadParameter("must not be empty (give a path, or - where stdout is allowed)")
    return Path(value)


def stdin_format(value: str) -> str:
    if value not in STDIN_FORMATS:
        raise typer.BadParameter(f"must be {' or '.join(STDIN_FORMATS)}")
    return value


def option(config_class, name: str):
    """The typer option of a config setting: its flag, help and bounds come from the field."""
    field = next(f for f in settings_of(config_class) if f.name == name)
    meta = field.metadata
    kind = str(field.type).split("|")[0].strip()
    extra = {"metavar": meta.get("metavar") or {"int": "N", "float": "NUMBER", "str": "NAME"}.get(kind)}
    extra = {key: value for key, value in extra.items() if value}
    if meta.get("min") is not None:
        extra["min"] = meta["min"]
    if meta.get("max") is not None:
        extra["max"] = meta["max"]
    return typer.Option(flag_of(field), help=meta["help"], **extra)


RulesOption = Annotated[
    Optional[list[Path]],
    typer.Option("--rules", metavar="PATH", help="Rule file or folder of *.toml files, added to the defaults; repeatable."),
]
NoDefaultsOption = Annotated[bool, typer.Option("--no-default-rules", help="Use only the rules given with --rules.")]
GlobOption = Annotated[str, typer.Option(metavar="PATTERN", help="Which files to take from folders (comma-separated globs).")]
TextFieldOption = Annotated[str, typer.Option(metavar="NAME", help="JSON Lines / Parquet field holding the text.")]
IdFieldOption = Annotated[str, typer.Option(metavar="NAME", help="JSON Lines / Parquet field naming a record in logs.")]
MaxRecordOption = Annotated[float, typer.Option("--max-record-mb", metavar="MB", min=0.001,
                                                help="Largest record or text file read; larger ones are skipped with a warning.")]
JobsOption = Annotated[int, typer.Option(metavar="N", min=1, help="Worker processes; the output is the same for any number.")]
EngineOption = Annotated[str, typer.Option("--engine", metavar="|".join(ENGINES),
                                           help="Where the work runs: local processes, or Ray (pip install 'cleaner[ray]').")]
RayAddressOption = Annotated[Optional[str], typer.Option("--ray-address", metavar="ADDRESS",
                                                         help="With --engine ray: an existing cluster (ray://host:10001 or auto); default: start a local Ray.")]
ReportOption = Annotated[Optional[Path], typer.Option("--report", metavar="DIR", parser=output_path,
                                                      help="Also build the HTML review report here.")]
FormatOption = Annotated[Optional[str], typer.Option("--format", metavar="|".join(STDIN_FORMATS), parser=stdin_format,
                                                     help="What standard input (-) holds; default: JSON Lines if its first line is a JSON object, else one text document.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an earlier run's outputs in the output folder (only files a run of cleaner wrote are removed).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Say only warnings and errors: no summary, progress or timing.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Also say the rules, settings and inputs in use (on stderr).")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="A recipe (TOML) naming inputs, out, rules and settings, as a project file does; the command line wins.")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", metavar="N", min=1, help="Read only the first N documents (to try rules on a sample).")]
DropQuotesOption = Annotated[bool, typer.Option("--drop-quotes", help="With --drop: also remove a passage that stands inside a longer one that is kept.")]


# --- settings: defaults, then the project file, then the command line --------------------------

def project_of(inputs: list[Path]) -> Project:
    """The project settings found from the first input (cleaner.toml or [tool.cleaner]), said on stderr."""
    return job_of(inputs, None, None)[2]


def job_of(inputs: list[Path] | None, out: Path | None, recipe: Path | None) -> tuple[list[Path], Path | None, Project]:
    """The inputs, the output and the project settings of a command: from the command line, then
    a --config recipe (its inputs and out used where the command line gives none), else the
    project file found from the first input; the settings in use said on stderr."""
    from ..io import require_inputs

    project = None
    if recipe is not None:
        if not recipe.is_file():
            raise UsageError(f"--config {recipe}: no such file")
        project = load_project(recipe, recipe=True)
        inputs = inputs or project.inputs
        out = out if out is not None else project.out
    if not inputs:
        raise UsageError("give the inputs (files, folders, or - for stdin), or a --config recipe naming them")
    require_inputs(inputs)
    project = project or load_project(find_project_file(inputs))
    if (line := describe(project)) is not None:
        say(line, err=True)
    return inputs, out, project


def setting_of(ctx: typer.Context, name: str, value, project: Project, table: dict):
    """A setting of how a command reads and runs (jobs, glob, fields, engine): the command line's,
    else its table's ([clean], [dedup], [learn]), else the project's top level (glob), else the default."""
    if name in explicit(ctx):
        return value
    if name in table:
        return table[name]
    return project.glob if name == "glob" and project.glob else value


def explicit(ctx: typer.Context) -> set[str]:
    """The parameters the command line gave (the others hold their defaults)."""
    return {name for name in ctx.params if (source := ctx.get_parameter_source(name)) is not None and source.name == "COMMANDLINE"}


def config_of(config_class, ctx: typer.Context | None, table: dict, **given):
    """A config resolved for a command (settings.resolve); a setting the config refuses is a usage error."""
    try:
        config = resolve(config_class, table, given, explicit(ctx) if ctx is not None else set())
    except (ValueError, TypeError) as error:
        raise UsageError(str(error)) from None
    detail(f"settings: {config}")
    return config


def ruleset_of(rules: list[Path] | None, no_defaults: bool, timeout: float, project: Project | None = None):
    from ..rules import default_rules_dir, load_rules, rule_files

    project = project or Project()
    use_defaults = not no_defaults and project.default_rules
    paths = ([default_rules_dir()] if use_defaults else []) + project.rules + list(rules or [])
    if not paths:
        raise UsageError("no rules: give --rules or drop --no-default-rules")
    # a file named by the project and by --rules (or inside a folder named too) is loaded once
    files: dict[str, Path] = {}
    for path in rule_files(paths):
        files.setdefault(os.path.realpath(path), path)
    ruleset = load_rules(list(files.values()), timeout)
    detail(f"rules: {plural(len(ruleset.rules), 'rule')} from {plural(len(ruleset.sources), 'file')}: {', '.join(ruleset.sources)}")
    return ruleset


def fields_of(text_field: str, id_field: str, max_record_mb: float = MAX_RECORD_MB, limit: int | None = None) -> Fields:
    return Fields(text_field=text_field, id_field=id_field, max_record_mb=max_record_mb, limit=limit)


def fields_from(ctx: typer.Context, project: Project, table: dict, text_field: str, id_field: str, max_record_mb: float,
                limit: int | None = None) -> Fields:
    """How records are read, each field from the command line, the project table or the default."""
    pick = functools.partial(setting_of, ctx, project=project, table=table)
    return fields_of(pick("text_field", text_field), pick("id_field", id_field), pick("max_record_mb", max_record_mb), limit)


@contextmanager
def engine_of(name: str, jobs: int, address: str | None):
    """The engine a command runs on (engines.py), closed when the command ends."""
    engine = make_engine(name, jobs, address)
    try:
        yield engine
    finally:
        engine.close()


def build_report(run_dir: Path, out: Path, rules):
    """Write the report of `run_dir` into `out`; returns what it read (ReportData)."""
    from ..guard import writing_to
    from ..report_data import load_report
    from ..report_html import write_report

    descriptions = {rule.id: rule.description for rule in rules} if rules else {}
    bars = progress_bars()
    with writing_to(out):
        data = load_report(run_dir, descriptions, bars.stage)
        pages = write_report(data, run_dir, out, bars.stage)
    bars.close()
    for problem in data.problems:
        warn(problem)
    note(f"report: {out / 'index.html'} ({plural(pages, 'page')})")
    return data


def stdin_of(inputs: list[Path], format_name: str | None, spool_to: Path | None = None):
    """Standard input as an input file when `-` is among the inputs (else None): read as it
    streams, or copied into `spool_to` for a command that reads its inputs twice."""
    from ..io import spooled, stdin_source
    from ..records import STDIN

    if not any(str(path) == STDIN for path in inputs):
        if format_name is not None:
            raise UsageError("--format says what standard input holds: give - as an input too")
        return None
    source = stdin_source(format_name)
    return spooled(source, spool_to) if spool_to is not None else source


def log_for_stdout(log: Path | None) -> Path:
    """Where the edit log of a run onto stdout goes: --log, else a new file in the temporary
    folder, named on stderr (an edit log is never dropped without a word)."""
    import tempfile

    if log is not None:
        return log
    handle, name = tempfile.mkstemp(prefix="cleaner-edit-log-", suffix=".jsonl")
    os.close(handle)
    say(f"edit log: {name} (give --log FILE to choose where)", err=True)
    return Path(name)


def claim(out: Path, force: bool, keep: tuple = ()) -> None:
    """An output folder that holds no other run's files (guard.claim_output), said on stderr when
    --force cleared one."""
    from ..guard import claim_output

    removed = claim_output(out, force, keep)
    if removed:
        say(f"--force: removed {plural(removed, 'file')} of the earlier run in {out}", err=True)

