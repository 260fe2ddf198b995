"""One diagnostic type for everything planchk tells about its input: problems in a CSV or plan file,
notices about a file, parts that do not add up, plan-lint findings. The CLI maps errors to exit codes in
one place (cli/entry.py); see docs/rules.md#5-exit-codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import PlainSerializer

from planchk.sanitize import one_line

Severity = Literal["error", "warning", "notice"]
# Text from an input file, in JSON: its control characters made visible (it is shown, never obeyed).
Shown = Annotated[str, PlainSerializer(one_line, return_type=str)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """Where something is wrong or worth saying, located as precisely as planchk knows.

    `message` is English; `message_zh` its Chinese where the message has one (the reader's language is
    chosen by `text`). `column` is the column's header as written in the file, `column_number` its
    1-based position (for editor and CI annotations). `code` names the kind of finding, for scripts.
    """

    file: Shown
    message: Shown
    line: int | None = None
    column: Shown | None = None
    column_number: int | None = None
    value: Shown | None = None
    level: Severity = "error"
    code: str = "input"
    message_zh: Shown | None = None

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f" [{self.column}]"
        return where

    def text(self, lang: str) -> str:
        return self.message_zh if lang == "zh" and self.message_zh else self.message


def problem(
    file: str, message: str, line: int | None = None, column: str | None = None, value: str | None = None
) -> Diagnostic:
    """An error-level diagnostic: the input cannot be judged."""
    return Diagnostic(file=file, message=message, line=line, column=column, value=value)


def notice(
    file: str, message: str, line: int | None = None, column: str | None = None, value: str | None = None
) -> Diagnostic:
    """Something about a file worth saying (an unknown column, blank rows): judged, counted as a warning."""
    return Diagnostic(file=file, message=message, line=line, column=column, value=value, level="warning", code="notice")


class PlanchkError(Exception):
    """Base for every problem the user can fix: bad input, bad plan, bad options (exit 2)."""

    def __init__(self, problems: list[Diagnostic]):
        self.problems = problems
        super().__init__("; ".join(f"{p.location()}: {p.message}" for p in problems))


class InputError(PlanchkError):
    """An actual-year file that cannot be judged."""


class PlanError(PlanchkError):
    """A plan YAML that cannot be loaded."""


class UsageError(PlanchkError):
    """Bad options or arguments."""
