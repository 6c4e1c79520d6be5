"""`cleaner rules list | test | explain | learn`."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import DEFAULT_TIMEOUT, LearnConfig
from ..errors import ExitCode, UsageError
from ..records import MAX_RECORD_MB
from ..progress import plural
from .common import (DEFAULT_GLOB, ConfigOption, FormatOption, GlobOption, IdFieldOption, LimitOption, MaxRecordOption, QuietOption,
                     TextFieldOption, VerboseOption, boundary, config_of, fields_from, finished, job_of, note, option, output_path,
                     progress_bars, project_of, rules_app, ruleset_of, say, setting_of, stdin_of, warn)

RuleFilesArgument = Annotated[Optional[list[Path]], typer.Argument(metavar="RULE_FILE", help="Rule files or folders (default: the built-in rules and the project file's).")]


@rules_app.command("learn")
@boundary
def rules_learn(
    ctx: typer.Context,
    inputs: Annotated[Optional[list[Path]], typer.Argument(metavar="INPUT", help="Files and folders of one or more sites' pages; - for stdin.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", parser=output_path, help="Rule file to write, e.g. rules/sites/learned-mysite.toml.")] = None,
    min_support: Annotated[int, option(LearnConfig, "min_support")] = LearnConfig.min_support,
    near_threshold: Annotated[float, option(LearnConfig, "near_threshold")] = LearnConfig.near_threshold,
    examples: Annotated[int, option(LearnConfig, "examples")] = LearnConfig.examples,
    glob: GlobOption = DEFAULT_GLOB,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    max_record_mb: MaxRecordOption = MAX_RECORD_MB,
    limit: LimitOption = None,
    stdin_format: FormatOption = None,
    recipe: ConfigOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Propose rules for the chrome a batch of pages repeats: `cleaner rules learn scrape/ --out rules/sites/learned-mysite.toml`.

    Nothing is applied: read the file, delete what is wrong, then clean with --rules FILE. The
    project file's [learn] settings apply.
    """
    from ..dedup import documents
    from ..formats import document_count
    from ..guard import refuse_overlap, writing_to
    from ..io import discover, write_atomic
    from ..learn import family_of, learn, to_toml
    from ..rules import check_rule_file

    inputs, out, project = job_of(inputs, out, recipe)
    if out is None:
        raise UsageError("give --out FILE for the proposed rules, e.g. rules/sites/learned-mysite.toml")
    refuse_overlap(inputs, [("--out", out)])
    config = config_of(LearnConfig, ctx, project.learn, min_support=min_support, near_threshold=near_threshold, examples=examples)
    glob = setting_of(ctx, "glob", glob, project, project.learn)
    family = family_of(out.stem)
    files, missing = discover(inputs, glob, stdin_of(inputs, stdin_format))
    for problem in missing:
        warn(problem.message())
    form = fields_from(ctx, project, project.learn, text_field, id_field, max_record_mb, limit)
    bars = progress_bars()
    advance = bars.stage("read", document_count(files, form))
    pages = []
    for record, _ in documents(files, form, warn):
        pages.append(record.text)
        advance(1)
    bars.close()
    proposals = learn(pages, config)
    with writing_to(out, folder=False):
        write_atomic(out, to_toml(proposals, family, f"{len(pages)} pages"))
    rules, errors = check_rule_file(out)
    note(f"{plural(len(rules), 'rule')} proposed from {plural(len(pages), 'page')} in {out}; review them, then clean with --rules {out}")
    finished("learned from", len(pages), sum(map(len, pages)))
    if errors:
        for error in errors:
            warn(error.message())
        raise typer.Exit(int(ExitCode.RULES))


def _rules_in_use(files: list[Path] | None):
    """The rule files given, else the rules a clean in this folder uses: the defaults and the
    project file's (cleaner.toml or [tool.cleaner] found from the current folder)."""
    from ..rules import load_rules

    if files:
        return load_rules(list(files))
    return ruleset_of(None, False, DEFAULT_TIMEOUT, project_of([Path.cwd()]))


@rules_app.command("list")
@boundary
def rules_list(
    files: RuleFilesArgument = None,
    run_dir: Annotated[Optional[Path], typer.Option("--run", metavar="DIR", help="Add each rule's hits in this clean or run output.")] = None,
) -> None:
    """List rules with their family, scope and action, then the built-in steps: `cleaner rules list --run out/`."""
    from ..render import rule_hits, rules_table
    from ..repairs import builtin_steps

    ruleset = _rules_in_use(files)
    hits = rule_hits(run_dir) if run_dir else None
    typer.echo(rules_table(ruleset, hits, builtin_steps()))


@rules_app.command("explain")
@boundary
def rules_explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", help="A rule id, e.g. related-links.header.")],
    files: RuleFilesArgument = None,
) -> None:
    """Show a rule: what it does, where it looks, its pattern and examples: `cleaner rules explain title.site-suffix`."""
    from .. import scorer
    from ..repairs import builtin_descriptions
    from ..render import explain_rule

    ruleset = _rules_in_use(files)
    rule = ruleset.get(rule_id)
    if rule is None and rule_id == scorer.RULE_ID:
        typer.echo(scorer.explain())
        return
    if rule is None:
        builtin = builtin_descriptions().get(rule_id)
        if builtin is None:
            raise UsageError(f"no rule {rule_id} (see 'cleaner rules list')")
        typer.echo(f"{rule_id} (built-in step)\n  {builtin}")
        return
    typer.echo(explain_rule(rule))


@rules_app.command("test")
@boundary
def rules_test(files: RuleFilesArgument = None) -> None:
    """Check every rule's inline examples: `cleaner rules test rules/`. Exit 3 on any failure."""
    from ..render import rule_check_report
    from ..rules import check_rule_files, default_rules_dir, rule_files

    paths = rule_files(list(files) if files else [default_rules_dir()])
    checked = [(str(path), len(sound), errors) for path, sound, errors in check_rule_files(paths)]
    typer.echo(rule_check_report(checked))
    if any(errors for _, _, errors in checked):
        raise typer.Exit(int(ExitCode.RULES))


@rules_app.command("review")
@boundary
def rules_review(
    review_file: Annotated[Path, typer.Argument(metavar="REVIEW_JSON", help="The decisions exported from the report's review panel.")],
    rules_dir: Annotated[Optional[list[Path]], typer.Option("--rules-dir", metavar="PATH",
                                                            help="Rule files or folders that define the reviewed rules (default: the built-in rules); repeatable.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="DIR", parser=output_path,
                                                help="Write the changed rule files here (default: change the --rules-dir files in place).")] = None,
    keep_list: Annotated[Optional[Path], typer.Option("--keep-list", metavar="FILE", parser=output_path,
                                                      help="Keep-list for rejected built-in removals (default: the project's keep_list, else keep-list.txt).")] = None,
) -> None:
    """Turn a review's decisions into rule changes: `cleaner rules review review.json --rules-dir rules/`.

    A rejected removal by a rule becomes a must_not_match example of the rule and a line of its
    unless list; a rejected removal by a built-in step becomes a line of the keep-list (clean with
    --keep-list FILE); a confirmed removal becomes a must_match example. Prints each change as
    file:line: rule: change. Rule files are written atomically, and only if all their examples
    still hold.
    """
    from ..review import apply_review, read_decisions
    from ..rules import default_rules_dir
    from ..repairs import builtin_descriptions

    if not rules_dir and out is None:  # the built-in rules belong to the installed package
        raise UsageError("the built-in rules are not changed in place: give --out DIR for changed copies "
                         "(then clean with --rules DIR), or --rules-dir for your own rule files")
    project = project_of([review_file])
    keep = keep_list or Path(project.clean.get("keep_list") or "keep-list.txt")
    decisions = read_decisions(review_file)
    changes, left_alone = apply_review(decisions, list(rules_dir) if rules_dir else [default_rules_dir()], keep,
                                  set(builtin_descriptions()), out)
    for change in changes:
        say(str(change))
    for reason in left_alone:
        warn(reason)
    files = len({change.where.rsplit(":", 1)[0] for change in changes})
    say(f"{len(decisions)} decisions: {len(changes)} changes in {files} files" + (f", {len(left_alone)} left alone" if left_alone else ""))
