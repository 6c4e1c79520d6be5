"""The library's exception types and the exit codes the CLI maps them to."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit statuses of the `cleaner` command (README: Exit codes)."""

    OK = 0
    INPUT_SKIPPED = 1  # some input files could not be read, decoded or cleaned; the rest were written
    DIFFERENT = 1  # diff: cleaning would change some input (as diff(1) says it)
    USAGE = 2  # bad command line (typer/click's own code)
    RULES = 3  # a rule file is invalid; nothing was cleaned
    OUTPUT = 4  # the output folder cannot be written
    WOULD_CHANGE = 5  # clean --check: cleaning would change some input


class CleanerError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = ExitCode.USAGE
    hint = ""

    def __reduce__(self):
        # errors travel back from worker processes: rebuild them from their own arguments
        return (self.__class__, getattr(self, "_args", self.args))

    def message(self) -> str:
        text = str(self)
        return f"{text} ({self.hint})" if self.hint else text


class RuleFileError(CleanerError):
    """A rule file that does not load: names the file, line, rule and problem."""

    exit_code = ExitCode.RULES
    hint = "fix the rule file, then run 'cleaner rules test FILE'"

    def __init__(self, path: str, line: int | None, rule_id: str | None, problem: str):
        self.path, self.line, self.rule_id, self.problem = path, line, rule_id, problem
        self._args = (path, line, rule_id, problem)
        where = f"{path}:{line}" if line else path
        rule = f" rule {rule_id}:" if rule_id else ""
        super().__init__(f"{where}:{rule} {problem}")


class InputFileError(CleanerError):
    """An input file that cannot be read or decoded; the run skips it and goes on."""

    exit_code = ExitCode.INPUT_SKIPPED

    def __init__(self, path: str, problem: str):
        self.path, self.problem = path, problem
        self._args = (path, problem)
        super().__init__(f"{path}: {problem}")


class RuleTimeout(CleanerError):
    """A rule's pattern ran past the regex timeout on one document."""

    exit_code = ExitCode.INPUT_SKIPPED

    def __init__(self, rule_id: str, seconds: float, doc: str = ""):
        self.rule_id, self.seconds, self.doc = rule_id, seconds, doc
        self._args = (rule_id, seconds, doc)
        super().__init__(f"{doc or 'document'}: rule {rule_id} timed out after {seconds:g}s; document skipped")


class OutputError(CleanerError):
    exit_code = ExitCode.OUTPUT


class UsageError(CleanerError):
    exit_code = ExitCode.USAGE


class EditLogError(CleanerError):
    """An edit log that does not fit the text it is replayed on."""
