"""User-facing problems. Each carries where it happened; the CLI maps them to exit code 2."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one input file, located as precisely as we know."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    col: int | None = None  # 1-based position of `column` in the file, for editor and CI annotations

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f" [{self.column}]"
        return where

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "col": self.col,
        }


class PlanchkError(Exception):
    """Base for every problem the user can fix: bad input, bad plan, bad options."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.location()}: {p.message}" for p in problems))


class InputError(PlanchkError):
    """An actual-year CSV that cannot be judged."""


class PlanError(PlanchkError):
    """A plan YAML that cannot be loaded."""


class UsageError(PlanchkError):
    """Bad options or arguments."""
