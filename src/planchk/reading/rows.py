"""Rows read from an actual-year file: validated values, what each cell said, and where."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from planchk.diagnostics import Diagnostic

# A completion item's reported state (a status word in the file), not a verdict.
CompletionStatus = Literal["done", "in_progress", "not_started"]
YearSource = Literal["column", "option", "sheet", "filename", "title_line"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ActualRow(Model):
    line: int
    id: str
    raw: str
    value: float | None = None
    status: CompletionStatus | None = None
    decimals: int | None = None
    name: str | None = None
    unit: str | None = None
    note: str | None = None
    source: str | None = None
    # Where the row was read: its file (one of several under --combine) and, in a workbook, its sheet.
    file: str | None = None
    sheet: str | None = None

    @property
    def reported(self) -> bool:
        return self.value is not None or self.status is not None


class Actuals(Model):
    file: str
    files: list[str] = []  # the files read (several under --combine); `file` names them all
    year: int
    year_source: YearSource
    encoding: str
    value_column: int
    rows: dict[str, ActualRow]
    notices: list[Diagnostic] = []
    blank_lines: list[int] = []
