"""Rows read from an actual-year file: validated values, what each cell said, and where."""

from __future__ import annotations

from dataclasses import replace
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
    # Where the row was read: its file (one of several under --combine), in a workbook its sheet, and its value
    # cell's column: the header as written (value, 数值) and its number (parts may differ under --combine).
    file: str | None = None
    sheet: str | None = None
    value_header: str | None = None
    value_column: int | None = None

    @property
    def reported(self) -> bool:
        return self.value is not None or self.status is not None

    def locate(self, found: Diagnostic) -> Diagnostic:
        """`found`, said about this row's value after it was read (plausibility, parts that do not add up), at
        its value cell, as the reader locates a problem of the cell: `2023.csv:7 [value]`, `form.xlsx
        专栏1!G7 [数值]`; its file is the one the row came from, not the files joined under --combine."""
        if not self.line:  # computed by planchk (Item.derived): no cell
            return found
        return replace(
            found,
            file=self.file or found.file,
            line=self.line,
            sheet=self.sheet,
            column=self.value_header,
            column_number=self.value_column,
        )


class PlanStamp(Model):
    """The plan a form says it was made for (`planchk template` writes it: reading/stamp.py), and where it says so:
    the line (a sheet's row), sheet and column of the id's cell."""

    id: str
    version: str | None = None
    file: str
    line: int
    sheet: str | None = None
    column: int | None = None
    named: str | None = None  # the id's label or column header in the form (规划编号, plan)

    def locate(self, found: Diagnostic) -> Diagnostic:
        """`found`, said at the cell that names the plan: `2019.csv:2 [plan]`, `form.xlsx 填写说明!B2 [规划编号]`."""
        return replace(
            found, file=self.file, line=self.line, sheet=self.sheet, column=self.named, column_number=self.column
        )


class Actuals(Model):
    file: str
    files: list[str] = []  # the files read (several under --combine); `file` names them all
    year: int
    year_source: YearSource
    encoding: str
    tab_separated: bool = False  # a UTF-16 CSV read tab-separated, as Excel's "Unicode text" saves it
    value_column: int
    rows: dict[str, ActualRow]
    notices: list[Diagnostic] = []
    blank_lines: list[int] = []
    plan_stamp: PlanStamp | None = None  # the plan the file says it was filled for, if it says
