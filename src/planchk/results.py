"""What evaluation produces: plain values that every renderer reads.

Frozen dataclasses, not Pydantic models: every field is computed by evaluate.py from inputs that were
validated already (the plan when loaded, the rows when read), so validating again would check nothing,
and a 100 000-target plan builds 100 000 of these per year (Pydantic's model_construct was the largest
single cost of judging one, by cProfile).
The JSON report (report.py) is the validated, schema-bearing form of these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from planchk.plan import Text

Status = Literal["pass", "fail", "missing", "not_due", "cannot_judge"]
Level = Literal["ok", "warning", "error"]
LEVEL_ORDER: dict[str, int] = {"ok": 0, "warning": 1, "error": 2}


_value = dataclass(frozen=True, slots=True, kw_only=True)


@_value
class IndicatorResult:
    id: str
    name: Text
    category: str
    unit: str
    attribute: str
    part_of: str | None
    baseline: float
    expected: float
    expected_kind: Literal["milestone", "interpolated"]
    comparator: str
    as_written: str
    final: float
    actual: float | None
    status: Status
    level: Level
    progress: float | None
    elapsed: float
    line: int | None
    message: Text | None = None
    note: str | None = None


@_value
class ItemResult:
    id: str
    name: Text
    measure: str
    unit: str | None
    comparator: str
    due: int
    expected: float | str | None
    actual: float | str | None
    status: Status
    level: Level
    progress: float | None
    hedge: str | None
    line: int | None
    message: Text | None = None
    note: str | None = None
    entries: list[ItemResult] = field(default_factory=list)


@_value
class ProgrammeResult:
    id: str
    box: str
    title: Text
    title_inferred: bool
    met: int
    total: int
    progress: float | None
    status: Status
    level: Level
    items: list[ItemResult]


@_value
class ConsistencyResult:
    total_id: str
    part_ids: list[str]
    total: float
    parts: list[float]
    difference: float
    tolerance: float
    level: Level
    message: Text


@_value
class Summary:
    pass_: int
    fail: int
    missing: int
    not_due: int
    cannot_judge: int
    errors: int
    warnings: int

    def counts(self) -> dict[str, int]:
        """The fields by name, for labels (`pass_` keeps its underscore)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@_value
class PlanChange:
    revision: str
    target: str
    year: int | None
    field: str
    old: float | None
    new: float | None


@_value
class Evaluation:
    plan_id: str
    plan_version: str
    plan_original_version: str
    plan_changes: list[PlanChange] = field(default_factory=list)
    year: int
    file: str
    encoding: str
    year_source: str
    value_column: int
    baseline_year: int
    period_end: int
    milestone_years: list[int]
    rows: int
    blank_lines: list[int]
    indicators: list[IndicatorResult]
    programmes: list[ProgrammeResult]
    consistency: list[ConsistencyResult]
    notices: list[dict[str, object]]
    summary: Summary

    def notes(self) -> list[tuple[int, str, str]]:
        """(line, id, note) for every row of the file that carries a note."""
        rows: list[IndicatorResult | ItemResult] = [*self.indicators, *(i for p in self.programmes for i in p.items)]
        return [(r.line, r.id, r.note) for r in rows if r.note and r.line]

    def worst_level(self) -> str:
        levels = [r.level for r in self.indicators] + [p.level for p in self.programmes]
        levels += [c.level for c in self.consistency]
        levels += ["warning"] * bool(self.notices)
        return max(levels, key=LEVEL_ORDER.__getitem__, default="ok")
