"""Load and validate rule files (TOML) into a RuleSet of compiled rules with their examples.

A rule file is one family: `rules/related-links.toml` holds rules `related-links.*`. Every problem
(unknown key, missing field, bad value, a pattern that does not compile, an example that does not
hold) is a RuleFileError naming the file, the line, the rule id and the problem.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import regex

from . import actions, rule_cache
from .config import DEFAULT_TIMEOUT
from .editlog import apply_edits
from .errors import RuleFileError
from .linefinder import line_finder, line_length_limit, literal_finder, match_on_line, search_region
from .literals import LiteralSearch
from .normalize import fold_for_matching, line_key
from .steps import RULES, DocView
from .zones import Zones

REQUIRED = ("id", "description", "scope", "action", "pattern", "must_match", "must_not_match")
OPTIONAL = ("replacement", "fixes", "include_titles_above", "support", "unless")
RULE_NAME = regex.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TEMPLATE_ESCAPE = regex.compile(r"\\(?:g<([^>]+)>|(\d{1,2})|(.))", regex.DOTALL)
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\"}


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    scope: str
    action: str
    pattern: str
    must_match: tuple[str, ...]
    must_not_match: tuple[str, ...]
    replacement: str | None = None
    fixes: tuple[tuple[str, str], ...] = ()
    include_titles_above: bool = False
    support: int | None = None  # documents a learned rule matched when it was proposed
    path: str = ""
    line: int = 0
    line_start: str | None = None  # the pattern's line-start form, a faster way to the same matches (linefinder.py)
    literal_finder: LiteralSearch | None = None  # finds the literals every match holds (literals.py)
    max_chars: int | None = None  # the longest line the pattern can match (its `^(?=.{m,N}$)` guard)
    unless: tuple[str, ...] = ()  # lines the rule never edits (reviewers' rejections), as written
    protected: frozenset[str] = frozenset()  # the same lines stripped and folded, as the view has them

    phase = RULES  # a rule is a Step (steps.py) through its action

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    # Compiled when first used (a rule loaded from the cache has not been): a page only runs the
    # patterns whose literals it holds.
    @cached_property
    def compiled(self) -> regex.Pattern:
        return regex.compile(self.pattern, regex.MULTILINE)

    @cached_property
    def line_finder(self) -> regex.Pattern | None:
        return None if self.line_start is None else regex.compile(self.line_start, regex.MULTILINE)

    def edits(self, doc: DocView) -> list:
        """The edits the rule's action makes on `doc`, sparing the lines `unless` protects."""
        edits = actions.ACTIONS[self.action].edits(self, doc)
        return actions.spares_protected(self, doc.view, edits) if self.protected and edits else edits

    def search_region(self, view: str, start: int, end: int, timeout: float):
        """The first match in [start, end) of the folded view; `start` is a line start."""
        return search_region(self.compiled, self.line_finder, view, start, end, timeout)

    def match_on_line(self, view: str, pos: int, end: int, timeout: float):
        """`search_region(view, pos, end)` when that match starts on pos's line, else None; only
        for a rule with a line finder (every match starts at a line start)."""
        return match_on_line(self.compiled, view, pos, end, timeout)

    def search_line(self, view: str, start: int, end: int, timeout: float):
        """The first match inside the line [start, end) of the folded view, or None."""
        return self.compiled.search(view, start, end, None, False, timeout)

    def expand(self, match, text: str) -> str:
        """The replacement for `match`, with group references filled from the real (unfolded) text."""
        def group_text(ref: str) -> str:
            key = int(ref) if ref.isdigit() else ref
            start, end = match.span(key)
            return text[start:end] if start >= 0 else ""

        def substitute(esc) -> str:
            name, number, other = esc.groups()
            if name is not None or number is not None:
                return group_text(name if name is not None else number)
            return SIMPLE_ESCAPES.get(other, other)

        return TEMPLATE_ESCAPE.sub(substitute, self.replacement or "")

    def fix_line(self, line: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """What the rule makes of `line` on its own (as it cleans a page: the same edits)."""
        return apply_edits(line, self.edits(example_view(line, timeout)))

    def matches_line(self, line: str, timeout: float = DEFAULT_TIMEOUT) -> bool:
        """Whether the rule changes `line` on its own."""
        return bool(self.edits(example_view(line, timeout)))


def example_view(text: str, timeout: float = DEFAULT_TIMEOUT) -> DocView:
    """`text` as a whole page whose head and tail are all of it, so a rule of any scope is tried
    on all of an example."""
    return DocView(text, fold_for_matching(text), Zones(len(text), 0, text), None, actions.Deadline(timeout))


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def default_rules_dir() -> Path:
    """The rule set shipped with the package (copied in at build time), or the checkout's rules/."""
    packaged = Path(__file__).parent / "default_rules"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "rules"


def rule_files(paths: list[Path]) -> list[Path]:
    """Files named directly, and the *.toml files directly inside named folders (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        elif path.is_file():
            files.append(path)
        else:
            raise RuleFileError(str(path), None, None, "no such rule file or folder")
    return files


def load_rules(paths: list[Path], timeout: float = DEFAULT_TIMEOUT) -> RuleSet:
    """Load every rule file; raise the first RuleFileError found."""
    ruleset = RuleSet()
    for path, rules, errors in check_rule_files(rule_files(paths), timeout, cached=True):
        if errors:
            raise errors[0]
        ruleset.rules.extend(rules)
        ruleset.sources.append(str(path))
    return ruleset


def check_rule_files(paths: list[Path], timeout: float = DEFAULT_TIMEOUT, cached: bool = False) -> list[tuple[Path, list[Rule], list[RuleFileError]]]:
    """Each file with its sound rules and its problems, a rule whose id an earlier file (or an
    earlier rule of the same file) already has among them; what `load_rules` and `rules test`
    share. `cached`: a file whose checks passed before, unchanged, is not checked again
    (rule_cache.py)."""
    seen: dict[str, Rule] = {}
    checked = []
    for path in paths:
        rules, errors = check_rule_file(path, timeout, cached)
        unique = []
        for rule in rules:
            other = seen.setdefault(rule.id, rule)
            if other is rule:
                unique.append(rule)
            else:
                errors.append(RuleFileError(rule.path, rule.line, rule.id, f"duplicate id, also in {other.path}:{other.line}"))
        checked.append((path, unique, errors))
    return checked


def check_rule_file(path: Path, timeout: float = DEFAULT_TIMEOUT, cached: bool = False) -> tuple[list[Rule], list[RuleFileError]]:
    """Parse and validate one file: the rules that are sound, and every problem found."""
    name = str(path)
    try:
        raw = path.read_bytes()
        source = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [RuleFileError(name, None, None, f"cannot read: {exc}")]
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line = regex.search(r"line (\d+)", str(exc))
        return [], [RuleFileError(name, int(line.group(1)) if line else None, None, f"invalid TOML: {exc}")]
    locator = _Locator(source)
    errors: list[RuleFileError] = []
    for key in data:
        if key != "rule":
            errors.append(RuleFileError(name, locator.top_key(key), None, f"unknown key '{key}' (expected [[rule]] tables)"))
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        return [], errors + [RuleFileError(name, locator.top_key("rule"), None, "'rule' must be an array of tables: [[rule]]")]
    key = rule_cache.key_of(raw) if cached else ""
    known = rule_cache.read(key) if cached else None
    if known is not None and len(known) != len(entries):
        known = None
    rules = []
    for index, entry in enumerate(entries):
        rule, problems = _build_rule(path, index, entry, locator, timeout, known[index] if known else None)
        errors.extend(problems)
        if rule is not None and not problems:
            rules.append(rule)
    if cached and known is None and not errors and len(rules) == len(entries):
        rule_cache.write(key, [_derived(rule) for rule in rules])
    return rules, errors


def _derived(rule: Rule) -> dict:
    """What the cache keeps of a rule whose checks passed: its finders."""
    needles = rule.literal_finder.needles if rule.literal_finder is not None else None
    return {"line_start": rule.line_start, "needles": None if needles is None else list(needles), "max_chars": rule.max_chars}


def _build_rule(path: Path, index: int, entry: dict, locator: "_Locator", timeout: float, known: dict | None = None):
    """The rule of one [[rule]] table and its problems. `known`: what the cache holds for it (its
    checks passed before on the same bytes), else None and every check runs."""
    name = str(path)
    family = path.stem
    rule_id = entry.get("id") if isinstance(entry.get("id"), str) else None

    def error(key: str | None, problem: str, example: str | None = None) -> RuleFileError:
        return RuleFileError(name, locator.line(index, key, example), rule_id, problem)

    problems = [error(k, f"unknown key '{k}' (allowed: {', '.join(REQUIRED + OPTIONAL)})") for k in entry if k not in REQUIRED + OPTIONAL]
    problems += [error(None, f"missing field '{k}'") for k in REQUIRED if k not in entry]
    if problems:
        return None, problems
    for key in ("id", "description", "scope", "action", "pattern"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            return None, [error(key, f"'{key}' must be a non-empty string")]
    for key in ("must_match", "must_not_match"):
        value = entry[key]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            return None, [error(key, f"'{key}' must be a non-empty list of strings")]
    prefix, _, rule_name = rule_id.partition(".")
    if prefix != family or not RULE_NAME.fullmatch(rule_name):
        return None, [error("id", f"id must be '{family}.<name>' (lowercase words joined by '-'), as the file is {path.name}")]
    scope, action = entry["scope"], entry["action"]
    by_scope = actions.actions_by_scope()
    if scope not in by_scope:
        return None, [error("scope", f"unknown scope '{scope}' (one of: {', '.join(by_scope)})")]
    if action not in by_scope[scope]:
        return None, [error("action", f"action '{action}' does not apply to scope '{scope}' (use: {', '.join(by_scope[scope])})")]
    kind = actions.ACTIONS[action]
    replacement = entry.get("replacement")
    if kind.takes_replacement != (replacement is not None):
        takers = " or ".join(f"'{a.name}'" for a in actions.ACTIONS.values() if a.takes_replacement)
        return None, [error("replacement" if replacement is not None else "action", f"'replacement' is required by action {takers} and only by it")]
    if replacement is not None and not isinstance(replacement, str):
        return None, [error("replacement", "'replacement' must be a string")]
    fixes = entry.get("fixes", [])
    if not isinstance(fixes, list) or not all(isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in fixes):
        return None, [error("fixes", "'fixes' must be a list of [input, output] string pairs")]
    if fixes and not kind.takes_fixes:
        takers = " and ".join(a.name for a in actions.ACTIONS.values() if a.takes_fixes)
        return None, [error("fixes", f"'fixes' only apply to {takers}, not '{action}'")]
    if kind.needs_fixes and not fixes:
        return None, [error("action", f"a {action} rule needs at least one [input, output] pair in 'fixes'")]
    unless = entry.get("unless", [])
    if not isinstance(unless, list) or not all(isinstance(line, str) and line.strip() for line in unless):
        return None, [error("unless", "'unless' must be a list of non-empty strings (lines the rule never edits)")]
    titles_above = entry.get("include_titles_above", False)
    if not isinstance(titles_above, bool) or (titles_above and scope != "to-end"):
        return None, [error("include_titles_above", "'include_titles_above' is a boolean for scope 'to-end'")]
    support = entry.get("support")
    if support is not None and (not isinstance(support, int) or support < 0):
        return None, [error("support", "'support' must be a non-negative integer")]
    fields = dict(
        id=rule_id, description=entry["description"].strip(), scope=scope, action=action,
        pattern=entry["pattern"], must_match=tuple(entry["must_match"]),
        must_not_match=tuple(entry["must_not_match"]), replacement=replacement,
        fixes=tuple((a, b) for a, b in fixes), include_titles_above=titles_above, support=support,
        path=str(path), line=locator.line(index, None), max_chars=line_length_limit(entry["pattern"]),
        unless=tuple(unless), protected=frozenset(map(line_key, unless)),
    )
    if known is not None:
        needles = known.get("needles")
        return Rule(**fields, line_start=known.get("line_start"),
                    literal_finder=None if needles is None else LiteralSearch(tuple(needles))), []
    try:
        compiled = regex.compile(entry["pattern"], regex.MULTILINE)
    except regex.error as exc:
        return None, [error("pattern", f"pattern does not compile: {exc}")]
    if replacement is not None and (problem := missing_group(compiled, replacement)):
        return None, [error("replacement", problem)]
    examples = [fold_for_matching(text) for text in [*entry["must_match"], *entry["must_not_match"]]]
    line_start = line_finder(compiled, examples)
    rule = Rule(**fields, line_start=line_start and line_start.pattern,
                literal_finder=literal_finder(compiled, line_start, examples))
    rule.__dict__.update(compiled=compiled, line_finder=line_start)  # already compiled: kept
    return rule, check_examples(rule, locator, index, timeout)


def missing_group(compiled: regex.Pattern, replacement: str) -> str | None:
    """Why `replacement` cannot be filled from a match of `compiled` (a group it names is not in
    the pattern), or None."""
    for esc in TEMPLATE_ESCAPE.finditer(replacement):
        name, number, _ = esc.groups()
        ref = name if name is not None else number
        if ref is None:
            continue
        if ref.isdigit():
            if int(ref) > compiled.groups:
                return f"replacement refers to group {esc.group()}, but the pattern has {compiled.groups} group(s)"
        elif ref not in compiled.groupindex:
            return f"replacement refers to group {esc.group()}, which the pattern does not name"
    return None


def check_examples(rule: Rule, locator: "_Locator | None" = None, index: int = 0, timeout: float = DEFAULT_TIMEOUT) -> list[RuleFileError]:
    """Every inline example of `rule` that does not hold, as located errors."""
    def error(key: str, example: str, problem: str) -> RuleFileError:
        line = locator.line(index, key, example) if locator else rule.line
        return RuleFileError(rule.path, line, rule.id, problem)

    problems = []
    try:
        for example in rule.must_match:
            if not rule.matches_line(example, timeout):
                problems.append(error("must_match", example, f"must_match example does not match: {example!r}"))
        for example in rule.must_not_match:
            if rule.matches_line(example, timeout):
                problems.append(error("must_not_match", example, f"must_not_match example matches: {example!r}"))
        for given, expected in rule.fixes:
            got = rule.fix_line(given, timeout)
            if got != expected:
                problems.append(error("fixes", given, f"fix of {given!r} gives {got!r}, expected {expected!r}"))
    except TimeoutError:
        problems.append(error("pattern", "", f"pattern timed out after {timeout:g}s on its own examples"))
    return problems


class _Locator:
    """Line numbers of [[rule]] tables, their keys and example strings in a TOML source."""

    def __init__(self, source: str):
        self.lines = source.splitlines()
        self.tables: list[int] = []  # line index where each [[rule]] starts
        self.top: dict[str, int] = {}
        for number, text in enumerate(self.lines):
            stripped = text.strip()
            if regex.match(r"\[\[\s*rule\s*\]\]", stripped):
                self.tables.append(number)
            elif not self.tables:
                key = regex.match(r"([A-Za-z0-9_\-\"']+)\s*=|\[\s*([^\]]+)\]", stripped)
                if key:
                    self.top.setdefault((key.group(1) or key.group(2)).strip("\"'"), number + 1)

    def top_key(self, key: str) -> int | None:
        return self.top.get(key)

    def line(self, index: int, key: str | None, example: str | None = None) -> int | None:
        if index >= len(self.tables):
            return None
        start = self.tables[index]
        end = self.tables[index + 1] if index + 1 < len(self.tables) else len(self.lines)
        key_line = None
        if key:
            for number in range(start, end):
                if regex.match(rf"\s*{regex.escape(key)}\s*=", self.lines[number]):
                    key_line = number
                    break
        if example and key_line is not None:
            for number in range(key_line, end):
                if example in self.lines[number]:
                    return number + 1
        return (key_line if key_line is not None else start) + 1
