"""Runs over many files: read each one (its problems stay with it), judge the good ones. The CLI calls these,
sets the exit codes (cli/exits.py) and hands the result to a renderer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from planchk.diagnostics import Diagnostic, InputError, UsageError, problem
from planchk.judge import plausibility
from planchk.judge.consistency import check_parts
from planchk.judge.year import judge_year, plan_ref
from planchk.messages import listing
from planchk.plan.contract import Contract, contract_of
from planchk.plan.model import Plan
from planchk.plan.revisions import plan_in_force
from planchk.reading.actuals import read_actuals, read_combined
from planchk.reading.rows import Actuals
from planchk.results import (
    REPORT_SCHEMA_VERSION,
    Evaluation,
    ReportContent,
    Run,
    SourceRef,
    Summary,
    Trend,
    Validation,
)
from planchk.sanitize import shown_path

_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def _read_all(
    contract: Contract,
    paths: list[Path],
    year: int | None,
    encoding: str | None,
    problems: list[Diagnostic],
    combine: bool = False,
) -> list[Actuals]:
    """Every file that can be read; the others' problems are added to `problems`. With `combine`, the files
    are the parts of one year's data, read as one (docs/rules.md#one-year-from-several-files)."""
    if combine:
        try:
            return [read_combined(paths, contract, year, encoding)]
        except InputError as exc:
            problems.extend(exc.problems)
            return []
    loaded = []
    for path in dict.fromkeys(paths):  # a file named twice is read (and judged) once
        try:
            loaded.append(read_actuals(path, contract, year=year, encoding=encoding))
        except InputError as exc:
            problems.extend(exc.problems)
    return loaded


def _plausible(
    plan: Plan, loaded: list[Actuals], errors: list[Diagnostic], previous: Actuals | None = None
) -> list[Actuals]:
    """The files whose values are plausible (docs/rules.md#plausibility); the others' problems go to `errors`.
    Each year is compared with the plan and with the year before (another file of the run, or `previous`)."""
    kept = []
    for actuals in loaded:
        before = (
            previous if previous is not None and previous.year == actuals.year - 1 else year_before(actuals, loaded)
        )
        problems, notices = plausibility.check(plan, actuals, before)
        if problems:
            errors.extend(problems)
        else:
            kept.append(actuals.model_copy(update={"notices": [*actuals.notices, *notices]}) if notices else actuals)
    return kept


def year_before(actuals: Actuals, loaded: list[Actuals]) -> Actuals | None:
    """The file of the year before in this run, for year-over-year rules and plausibility: the only one of
    that year, or, when a batch holds several (a city's districts), the one whose name differs from this
    file's only by the year (district07-2021.csv for district07-2022.csv). Never a guess: none otherwise."""
    candidates = [a for a in loaded if a.year == actuals.year - 1]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    stem = _YEAR.sub("", actuals.file)
    same = [a for a in candidates if _YEAR.sub("", a.file) == stem]
    return same[0] if len(same) == 1 else None


def _run(plan: Plan, files: list[Evaluation], validated: list[Validation], errors: list[Diagnostic]) -> Run:
    """The run's document, every exit code still 0: the command line sets them (cli/exits.settle)."""
    return Run(
        schema_version=REPORT_SCHEMA_VERSION,
        plan=plan_ref(plan),
        files=files,
        validated=validated,
        errors=errors,
        summary=Summary.total([f.summary for f in files]),
        exit_code=0,
    )


def run_evaluate(
    plan: Plan,
    paths: list[Path],
    *,
    year: int | None = None,
    encoding: str | None = None,
    previous: Path | None = None,
    plan_version: str | None = None,
    combine: bool = False,
) -> Run:
    """Judge every file that can be read; each year against the plan version in force for it."""
    errors: list[Diagnostic] = []
    contract = contract_of(plan)
    loaded = _read_all(contract, paths, year, encoding, errors, combine)
    prev = None
    if previous is not None:
        prev = next(iter(_read_all(contract, [previous], None, encoding, errors)), None)
    if prev is not None and previous is not None:
        for actuals in loaded:
            if prev.year != actuals.year - 1:
                raise UsageError(
                    [
                        problem(
                            shown_path(previous),
                            "usage.previous_year",
                            previous=prev.year,
                            file=actuals.file,
                            year=actuals.year,
                            expected=actuals.year - 1,
                        )
                    ]
                )
    loaded = _plausible(plan, loaded, errors, prev)
    # The year before, for the year-over-year rules: --previous, or another file given in this run.
    # Every earlier file of the run (and --previous) is the history of a year: first reports, projects done.
    earlier = [prev, *loaded] if prev is not None else loaded
    files = [
        judge_year(plan_in_force(plan, a.year, plan_version), a, prev or year_before(a, loaded), earlier)
        for a in loaded
    ]
    return _run(plan, files, [], errors)


def run_validate(
    plan: Plan,
    paths: list[Path],
    *,
    year: int | None = None,
    encoding: str | None = None,
    combine: bool = False,
) -> Run:
    """Check the data only: every row readable against the plan's contract, parts adding up."""
    errors: list[Diagnostic] = []
    contract = contract_of(plan)
    validated = [
        Validation(
            source=SourceRef(file=a.file, encoding=a.encoding, year_from=a.year_source, files=a.files),
            year=a.year,
            rows=len(a.rows),
            blank_lines=a.blank_lines,
            consistency=check_parts(a.file, contract.parts_of, a.rows),
            notices=a.notices,
        )
        for a in _plausible(plan, _read_all(contract, paths, year, encoding, errors, combine), errors)
    ]
    return _run(plan, [], validated, errors)


def read_years(plan: Plan, paths: list[Path], encoding: str | None = None) -> list[Actuals]:
    """Several yearly files for a multi-year view: any bad file stops the run; one file per year."""
    problems: list[Diagnostic] = []
    loaded = _plausible(plan, _read_all(contract_of(plan), paths, None, encoding, problems), problems)
    if problems:
        raise InputError(problems)
    seen: dict[int, str] = {}
    for a in loaded:
        if a.year in seen:
            raise UsageError(
                [problem(a.file, "usage.duplicate_year", value=str(a.year), year=a.year, other=seen[a.year])]
            )
        seen[a.year] = a.file
    return loaded


def run_trend(plan: Plan, paths: list[Path], *, encoding: str | None = None, plan_version: str | None = None) -> Trend:
    """Series by year: one plan path for all years, the version in force for the latest year (or the one asked)."""
    from planchk.judge.trend import build_trend  # only the multi-year commands need it

    actuals = read_years(plan, paths, encoding)
    return build_trend(plan_in_force(plan, max(a.year for a in actuals), plan_version), actuals)


@dataclass(frozen=True, slots=True)
class ReportBasis:
    """What an evaluation report (年度/中期/总结评估) is drawn from: the year judged, the trend up to it, and what
    the report says about them."""

    content: ReportContent
    evaluation: Evaluation
    trend: Trend


def run_report(
    plan: Plan,
    paths: list[Path],
    *,
    year: int | None = None,
    encoding: str | None = None,
    plan_version: str | None = None,
) -> ReportBasis:
    """The chosen year (default: the latest file's) judged, with the trend of the files up to it."""
    from planchk.judge.assessment import report_content
    from planchk.judge.trend import build_trend

    actuals = read_years(plan, paths, encoding)
    by_year = {a.year: a for a in actuals}
    chosen = year if year is not None else max(by_year)
    if chosen not in by_year:
        raise UsageError(
            [
                problem(
                    "--year", "usage.no_file_for_year", value=str(chosen), year=chosen, years=listing(sorted(by_year))
                )
            ]
        )
    in_force = plan_in_force(plan, chosen, plan_version)
    evaluation = judge_year(in_force, by_year[chosen], by_year.get(chosen - 1), actuals)
    trend = build_trend(in_force, [a for a in actuals if a.year <= chosen])
    return ReportBasis(report_content(in_force, evaluation, trend), evaluation, trend)
