"""Reviewers' decisions come back as rules: `cleaner rules review review.json`.

The report exports review.json, a list of decisions {doc, start, end, rule, text, lines, verdict}
(`lines`: the whole lines the edit touched, stripped). Each becomes a change a person can read:

- a rejected removal by a rule of a rule file: the line becomes a `must_not_match` example of the
  rule and joins its `unless` list (lines the rule never edits), as the report showed it and as
  the rules saw it after the repairs that run first (pinyin, whitespace), so the examples hold
  again and the rule spares the line on the page;
- a rejected removal by a built-in step (layout, joins, pinyin, the scorer), which has no file:
  its lines join the project's keep-list (keeplist.py), which no step may change;
- a confirmed removal by a rule: its line becomes a `must_match` example.

Rule files are rewritten only when every changed file still loads with all its examples holding,
each atomically; nothing is written otherwise.
"""
from __future__ import annotations

import dataclasses
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import keeplist
from .errors import RuleFileError, UsageError
from .escape import has_surrogates
from .io import write_atomic
from .rule_edit import append_to_list
from .rules import Rule, check_rule_file, rule_files

VERDICTS = ("rejected", "confirmed")
KEEP_HEADER = "# Lines no cleaning step may change or remove, one a line (written by 'cleaner rules review').\n"


@dataclass(frozen=True)
class Decision:
    doc: str
    start: int
    end: int
    rule: str
    text: str
    lines: tuple[str, ...]
    verdict: str


@dataclass(frozen=True)
class Change:
    where: str  # path:line
    rule: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.rule}: {self.what}"


def read_decisions(path: Path) -> list[Decision]:
    """The decisions of a review.json; a file that is not one is a usage error naming the entry."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"{path}: not a review file: {error}") from None
    if not isinstance(entries, list):
        raise UsageError(f"{path}: a review file is a list of decisions (export it from the report's review panel)")
    decisions = []
    for number, entry in enumerate(entries, 1):
        problem = _problem(entry)
        if problem:
            raise UsageError(f"{path}: decision {number}: {problem}")
        lines = entry.get("lines") or [line.strip() for line in entry["text"].split("\n") if line.strip()]
        decisions.append(Decision(entry["doc"], entry["start"], entry["end"], entry["rule"], entry["text"],
                                  tuple(line.strip() for line in lines if line.strip()), entry["verdict"]))
    return decisions


def _problem(entry) -> str | None:
    if not isinstance(entry, dict):
        return "must be an object"
    for key, kind in (("doc", str), ("start", int), ("end", int), ("rule", str), ("text", str), ("verdict", str)):
        if not isinstance(entry.get(key), kind):
            return f"'{key}' is missing or not a {kind.__name__}"
    if entry["verdict"] not in VERDICTS:
        return f"verdict must be one of {', '.join(VERDICTS)}, not {entry['verdict']!r}"
    lines = entry.get("lines", [])
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        return "'lines' must be a list of strings"
    return None


@dataclass
class _RuleFile:
    path: Path
    text: str  # with \n line ends while it is edited
    rules: dict[str, tuple[int, Rule]]  # id -> (index of its [[rule]] table, rule)
    changed: bool = False
    crlf: bool = False  # the file's own line ends are \r\n, and are written back so

    def as_written(self) -> str:
        return self.text.replace("\n", "\r\n") if self.crlf else self.text


def as_rules_see_it(line: str) -> str:
    """`line` after the built-in steps that run before the rules (line ends, pinyin, whitespace):
    the page's line as a rule met it, which `unless` and the keep-list compare with. A line an
    earlier rule changed (a suffix it dropped) is not rebuilt."""
    from .config import CleanConfig
    from .editlog import apply_edits
    from .normalize import fold_for_matching
    from .repairs import pipeline
    from .steps import PREPARE, DocView
    from .zones import find_zones

    config = CleanConfig()
    for step in pipeline(config, PREPARE):
        line = apply_edits(line, step.edits(DocView(line, fold_for_matching(line), lambda: find_zones(line), config)))
    return line.strip()


def _forms(lines) -> list[str]:
    """Each line as the report showed it and as the rules saw it, when the two differ."""
    forms: list[str] = []
    for line in lines:
        for form in (line, as_rules_see_it(line)):
            if form and form not in forms:
                forms.append(form)
    return forms


def _rule_files(paths: list[Path]) -> dict[str, _RuleFile]:
    """Rule id -> the file that defines it, loaded (a file with problems is refused)."""
    owners: dict[str, _RuleFile] = {}
    for path in rule_files(paths):
        rules, errors = check_rule_file(path)
        if errors:
            raise errors[0]
        raw = path.read_bytes().decode("utf-8")  # as it is: a file with \r\n line ends keeps them
        loaded = _RuleFile(path, raw.replace("\r\n", "\n"), {}, crlf="\r\n" in raw)
        for index, rule in enumerate(rules):
            loaded.rules[rule.id] = (index, rule)
            owners.setdefault(rule.id, loaded)
    return owners


def apply_review(decisions: list[Decision], rule_paths: list[Path], keep_list: Path, builtin: set[str],
                 out_dir: Path | None = None) -> tuple[list[Change], list[str]]:
    """Turn `decisions` into rule and keep-list changes and write them (rule files in place, or
    into `out_dir` under their own names); returns the changes and notes on what was left alone."""
    owners = _rule_files(rule_paths)
    changes: list[Change] = []
    notes: list[str] = []
    keep_text = keep_list.read_text(encoding="utf-8") if keep_list.is_file() else KEEP_HEADER
    for decision in decisions:
        if not decision.lines:
            notes.append(f"{decision.doc}: {decision.rule}: nothing to learn from an edit of blank lines")
        elif any(has_surrogates(line) for line in decision.lines):
            notes.append(f"{decision.doc}: {decision.rule}: left alone: its line holds bytes that are not text")
        elif decision.rule in owners:
            _rule_change(owners[decision.rule], decision, changes, notes)
        elif decision.rule in builtin:
            if decision.verdict == "rejected":
                keep_text = _keep(keep_text, keep_list, decision, changes)
            else:
                notes.append(f"{decision.doc}: {decision.rule}: confirmed; a built-in step has no examples to add")
        else:
            notes.append(f"{decision.doc}: {decision.rule}: no rule file given defines this rule (see --rules-dir)")
    _write_rule_files({id(f): f for f in owners.values() if f.changed}.values(), out_dir)
    if any(c.where.startswith(f"{keep_list}:") for c in changes):
        write_atomic(keep_list, keep_text)
    return changes, notes


def _rule_change(owner: _RuleFile, decision: Decision, changes: list[Change], notes: list[str]) -> None:
    index, rule = owner.rules[decision.rule]
    if decision.verdict == "rejected":
        additions = [("must_not_match", as_rules_see_it(decision.lines[0]) or decision.lines[0], rule.must_not_match)]
        additions += [("unless", line, rule.unless) for line in _forms(decision.lines)]
    else:
        matching = next((line for line in decision.lines if rule.matches_line(line)), None)
        if matching is None:
            notes.append(f"{decision.doc}: {decision.rule}: confirmed; no line of it matches the rule on its own, "
                         f"so no must_match example was added")
            return
        additions = [("must_match", matching, rule.must_match)]
    for key, value, present in additions:
        if value in present:
            continue
        owner.text, line = append_to_list(owner.text, index, key, value)
        owner.changed = True
        changes.append(Change(f"{owner.path}:{line}", decision.rule, f"{key} + {_quoted(value)}"))
    # later decisions on the same rule see the lists as they now are
    owner.rules[decision.rule] = (index, _with(rule, additions))


def _with(rule: Rule, additions) -> Rule:
    lists = {key: getattr(rule, key) for key in ("must_match", "must_not_match", "unless")}
    for key, value, _ in additions:
        if value not in lists[key]:
            lists[key] = (*lists[key], value)
    return dataclasses.replace(rule, **lists)


def _keep(keep_text: str, keep_list: Path, decision: Decision, changes: list[Change]) -> str:
    present = keeplist.parse(keep_text)
    for line in _forms(decision.lines):
        if keeplist.key(line) in present:
            continue
        keep_text = keep_text + ("" if keep_text.endswith("\n") else "\n") + line + "\n"
        present |= {keeplist.key(line)}
        changes.append(Change(f"{keep_list}:{keep_text.count(chr(10))}", decision.rule, f"keep {_quoted(line)}"))
    return keep_text


def _quoted(text: str, limit: int = 60) -> str:
    return json.dumps(text if len(text) <= limit else text[:limit] + "…", ensure_ascii=False)


def _write_rule_files(files, out_dir: Path | None) -> None:
    """Check every changed file as it will be, then write them all; nothing is written if one fails."""
    checked = []
    with tempfile.TemporaryDirectory() as scratch:
        for owner in files:
            trial = Path(scratch) / owner.path.name  # the same name: a rule's family is its file's stem
            trial.write_bytes(owner.as_written().encode("utf-8"))
            _, errors = check_rule_file(trial)
            if errors:
                error = errors[0]
                raise RuleFileError(str(owner.path), error.line, error.rule_id, f"the reviewed file would not hold: {error.problem}")
            checked.append(owner)
    for owner in checked:
        target = out_dir / owner.path.name if out_dir is not None else owner.path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, owner.as_written())
