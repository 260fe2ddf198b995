"""Running checks over several files: collect every file's problems, judge the good ones, one exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planchk.actuals import Actuals, read_actuals
from planchk.contract import Contract
from planchk.errors import InputError, Problem, UsageError
from planchk.evaluate import check_parts, evaluate
from planchk.plan import Plan, plan_in_force
from planchk.results import LEVEL_ORDER, ConsistencyResult, Evaluation

FAIL_ON = ("error", "warning", "never")


def exit_code_for(worst_level: str, fail_on: str = "error") -> int:
    """BRIEF §4 with --fail-on: 1 when a result reaches the chosen level, else 0."""
    if fail_on == "never":
        return 0
    return 1 if LEVEL_ORDER[worst_level] >= LEVEL_ORDER[fail_on] else 0


@dataclass
class FileCheck:
    """What `validate` finds in one file that could be read."""

    actuals: Actuals
    consistency: list[ConsistencyResult]

    def worst_level(self) -> str:
        return "warning" if self.consistency or self.actuals.notices else "ok"


@dataclass
class Run:
    evaluations: list[Evaluation] = field(default_factory=list)
    checks: list[FileCheck] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 2 if self.problems else max(self.codes, default=0)


def _read_all(contract: Contract, paths: list[Path], year: int | None, encoding: str | None,
              problems: list[Problem]) -> list[Actuals]:
    loaded = []
    for path in paths:
        try:
            loaded.append(read_actuals(path, contract, year=year, encoding=encoding))
        except InputError as exc:
            problems.extend(exc.problems)
    return loaded


def read_many(plan: Plan, paths: list[Path], encoding: str | None = None) -> list[Actuals]:
    """Read several yearly files for a multi-year view: any bad file stops the run; one file per year."""
    problems: list[Problem] = []
    loaded = _read_all(plan.contract, paths, None, encoding, problems)
    if problems:
        raise InputError(problems)
    seen: dict[int, str] = {}
    for a in loaded:
        if a.year in seen:
            raise UsageError([Problem(a.file, f"holds {a.year}, like {seen[a.year]}: give one file per year",
                                      value=str(a.year))])
        seen[a.year] = a.file
    return loaded


def run_evaluate(plan: Plan, paths: list[Path], *, year: int | None = None, encoding: str | None = None,
                 previous: Path | None = None, fail_on: str = "error", plan_version: str | None = None) -> Run:
    run = Run()
    loaded = _read_all(plan.contract, paths, year, encoding, run.problems)
    prev = None
    if previous is not None:
        [prev] = _read_all(plan.contract, [previous], None, encoding, run.problems) or [None]
    if prev is not None:
        for actuals in loaded:
            if prev.year != actuals.year - 1:
                raise UsageError([Problem(str(previous), f"--previous holds {prev.year}, but {actuals.file} is "
                                                         f"{actuals.year}: the previous year is {actuals.year - 1}")])
    by_year = {a.year: a for a in loaded}
    for actuals in loaded:
        # The year before, for the year-over-year rules: --previous, or another file given in this run.
        # Each year is judged against the plan version in force for it (or the one asked for).
        ev = evaluate(plan_in_force(plan, actuals.year, plan_version), actuals, prev or by_year.get(actuals.year - 1))
        run.evaluations.append(ev)
        run.codes.append(exit_code_for(ev.worst_level(), fail_on))
    return run


def run_validate(contract: Contract, paths: list[Path], *, year: int | None = None, encoding: str | None = None,
                 fail_on: str = "error") -> Run:
    """`validate` needs only the plan's data contract, not the plan (see contract.py)."""
    run = Run()
    for actuals in _read_all(contract, paths, year, encoding, run.problems):
        check = FileCheck(actuals=actuals, consistency=check_parts(contract.parts_of, actuals.rows))
        run.checks.append(check)
        run.codes.append(exit_code_for(check.worst_level(), fail_on))
    return run
