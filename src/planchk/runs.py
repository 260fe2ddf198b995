"""Runs over many files: read each one (its problems stay with it), judge the good ones. The CLI calls these,
sets the exit codes (cli/exits.py) and hands the result to a renderer."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from planchk.diagnostics import Diagnostic, InputError, UsageError, problem
from planchk.judge import plausibility
from planchk.judge.consistency import check_parts
from planchk.judge.items import History
from planchk.judge.year import judge_year, plan_ref
from planchk.messages import listing
from planchk.plan.contract import Contract, contract_of
from planchk.plan.model import Plan
from planchk.plan.revisions import plan_in_force
from planchk.reading.actuals import read_actuals, read_by_year, read_combined
from planchk.reading.rows import ActualRow, Actuals
from planchk.results import (
    REPORT_SCHEMA_VERSION,
    Evaluation,
    ReportContent,
    Run,
    SourceRef,
    Summary,
    Trend,
    Validation,
    Verdict,
    YearBefore,
    verdict,
)
from planchk.sanitize import shown_path


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


# What a file is compared with by its year-over-year rules, running totals and plausibility: the file of the
# year before (or None) and how it was chosen, or why there is none (docs/rules.md#the-year-before).
Before = tuple[Actuals | None, YearBefore]


def _plausible(plan: Plan, loaded: list[Actuals], befores: list[Before], errors: list[Diagnostic]) -> list[Actuals]:
    """The files whose values are plausible (docs/rules.md#plausibility); the others' problems go to `errors`.
    Each year is compared with the plan and with its year before (`befores`, in the order of `loaded`)."""
    kept = []
    for actuals, (before, _) in zip(loaded, befores, strict=True):
        problems, notices = plausibility.check(plan, actuals, before)
        if problems:
            errors.extend(problems)
        else:
            kept.append(actuals.model_copy(update={"notices": [*actuals.notices, *notices]}) if notices else actuals)
    return kept


def _named_for(file: str, year: int, wanted: int) -> str | None:
    """The file's name with its own year made `wanted` (江北区-2023.csv → 江北区-2022.csv, data/2023.csv →
    data/2022.csv); None when the name does not hold its year."""
    own = re.compile(rf"(?<!\d){year}(?!\d)")
    return own.sub(str(wanted), file) if own.search(file) else None


def _same_file_name(a: str, b: str) -> bool:
    """The same name once written alike (./data/x and data/x); the extension may differ (2022.csv, 2023.xlsx)."""
    return os.path.splitext(os.path.normpath(a))[0] == os.path.splitext(os.path.normpath(b))[0]


def year_before(actuals: Actuals, loaded: list[Actuals], refused: Iterable[str] = ()) -> Before:
    """The file of the year before in this run: the one whose name differs from this file's by the year alone
    (district07-2021.csv for district07-2022.csv; 2021.csv for 2022.csv), never another; or why there is none.
    `refused` names the files of the run that could not be judged (bad input, implausible values)."""
    wanted = actuals.year - 1
    expected = _named_for(actuals.file, actuals.year, wanted)
    if expected is None:
        return None, YearBefore(year=wanted, reason=verdict("verdict.no_year_in_name", file=actuals.file, year=wanted))
    named = [a for a in loaded if a.year == wanted and _same_file_name(a.file, expected)]
    same = [a for a in named if _same_plan(a, actuals)]
    if same:
        return same[0], YearBefore(year=wanted, file=same[0].file, paired_by="name")
    if named:
        return None, YearBefore(year=wanted, reason=_other_plan(actuals, named[0]))
    bad = next((f for f in refused if _same_file_name(f, expected)), None)
    if bad is not None:
        return None, YearBefore(year=wanted, reason=verdict("verdict.previous_refused", file=bad, year=wanted))
    others = [a.file for a in loaded if a.year == wanted]
    file = actuals.file
    if len(others) == 1:
        reason = verdict("verdict.previous_unpaired", file=file, year=wanted, expected=expected, other=others[0])
    elif others:
        reason = verdict("verdict.previous_unpaired_many", file=file, year=wanted, expected=expected, n=len(others))
    else:
        reason = verdict("verdict.no_previous_file", file=file, year=wanted, expected=expected)
    return None, YearBefore(year=wanted, reason=reason)


def _same_plan(a: Actuals, b: Actuals) -> bool:
    """Whether two files may be years of one series: neither names a plan, or both name the same (a file made for
    one plan is never compared with one made for another, docs/several-plans.md)."""
    return a.plan_stamp is None or b.plan_stamp is None or a.plan_stamp.id == b.plan_stamp.id


def _other_plan(actuals: Actuals, other: Actuals) -> Verdict:
    """Why the file named as this one's year before is not: it was made for another plan."""
    assert actuals.plan_stamp is not None and other.plan_stamp is not None  # _same_plan said they differ
    return verdict(
        "verdict.previous_other_plan",
        file=actuals.file,
        year=other.year,
        other=other.file,
        other_plan=other.plan_stamp.id,
        plan=actuals.plan_stamp.id,
    )


def _years_before(
    loaded: list[Actuals], refused: Iterable[str] = (), *, given: Actuals | None = None, given_file: str | None = None
) -> list[Before]:
    """Each file's year before: with --previous (`given_file`), that file for every one, or none when it could
    not be read (no other file stands in for it); otherwise each one's own in the run."""
    if given_file is not None:
        if given is None:
            return [
                (
                    None,
                    YearBefore(
                        year=a.year - 1, reason=verdict("verdict.previous_refused", file=given_file, year=a.year - 1)
                    ),
                )
                for a in loaded
            ]
        return [(given, YearBefore(year=a.year - 1, file=given.file, paired_by="option")) for a in loaded]
    names = list(refused)
    return [year_before(a, loaded, names) for a in loaded]


def _series(file: str, year: int) -> str | None:
    """The file's name with its year taken out, written alike (no extension): the files of one district's years
    share it, as _named_for and _same_file_name pair them; None when the name does not hold its year."""
    own = re.compile(rf"(?<!\d){year}(?!\d)")
    if not own.search(file):
        return None
    return os.path.splitext(os.path.normpath(own.sub("\x00", file)))[0]


def _histories(files: list[Actuals], befores: list[Before]) -> list[History]:
    """Each file's earlier years: the files of the run whose names differ from its own by the year alone, and the
    file given with --previous; never another district's (a baseline first reported there, a project reported
    done there). One pass over the files: each is filed under its series (_series)."""
    by_series: dict[str, list[Actuals]] = {}
    for e in files:
        key = _series(e.file, e.year)
        if key is not None:
            by_series.setdefault(key, []).append(e)
    out: list[History] = []
    for a, (before, ref) in zip(files, befores, strict=True):
        history: dict[int, dict[str, ActualRow]] = {}
        if before is not None and ref.paired_by == "option":
            history[before.year] = before.rows
        key = _series(a.file, a.year)
        for e in by_series.get(key, []) if key is not None else []:
            if e.year < a.year and _same_plan(e, a):
                history.setdefault(e.year, e.rows)
        out.append(history)
    return out


def _refused(loaded: list[Actuals], kept: list[Actuals], errors: list[Diagnostic]) -> list[str]:
    """The files of the run that are not judged: unreadable, or with implausible values."""
    judged = {a.file for a in kept}
    return [*dict.fromkeys(d.file for d in errors), *(a.file for a in loaded if a.file not in judged)]


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
    given = shown_path(previous) if previous is not None else None
    kept = _plausible(plan, loaded, _years_before(loaded, given=prev, given_file=given), errors)
    befores = _years_before(kept, _refused(loaded, kept, errors), given=prev, given_file=given)
    files = [
        judge_year(plan_in_force(plan, a.year, plan_version), a, before, ref, history)
        for a, (before, ref), history in zip(kept, befores, _histories(kept, befores), strict=True)
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
            source=SourceRef.of(a),
            year=a.year,
            rows=len(a.rows),
            blank_lines=a.blank_lines,
            consistency=check_parts(a.file, contract.parts_of, a.rows),
            notices=a.notices,
            plan=plan_ref(plan),
        )
        for a in _checked(plan, _read_all(contract, paths, year, encoding, errors, combine), errors)
    ]
    return _run(plan, [], validated, errors)


def _checked(plan: Plan, loaded: list[Actuals], errors: list[Diagnostic]) -> list[Actuals]:
    """The plausible files, each compared with its own year before in the run."""
    return _plausible(plan, loaded, _years_before(loaded), errors)


def read_years(plan: Plan, paths: list[Path], encoding: str | None = None, combine: bool = False) -> list[Actuals]:
    """Several yearly files for a multi-year view: any bad file stops the run; one file per year, or with
    `combine` the files of one year joined (docs/rules.md#one-year-from-several-files)."""
    problems: list[Diagnostic] = []
    contract = contract_of(plan)
    read = read_by_year(paths, contract, encoding) if combine else _read_all(contract, paths, None, encoding, problems)
    loaded = _checked(plan, read, problems)
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


def run_trend(
    plan: Plan,
    paths: list[Path],
    *,
    encoding: str | None = None,
    plan_version: str | None = None,
    combine: bool = False,
) -> Trend:
    """Series by year: one plan path for all years, the version in force for the latest year (or the one asked)."""
    from planchk.judge.trend import build_trend  # only the multi-year commands need it

    actuals = read_years(plan, paths, encoding, combine)
    befores = _years_before(actuals)
    in_force = plan_in_force(plan, max(a.year for a in actuals), plan_version)
    return build_trend(in_force, actuals, [ref for _, ref in befores], _histories(actuals, befores))


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
    combine: bool = False,
) -> ReportBasis:
    """The chosen year (default: the latest file's) judged, with the trend of the files up to it."""
    from planchk.judge.assessment import report_content
    from planchk.judge.trend import build_trend

    actuals = read_years(plan, paths, encoding, combine)
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
    upto = [a for a in actuals if a.year <= chosen]
    befores = _years_before(upto)
    at = [a.year for a in upto].index(chosen)
    before, ref = befores[at]
    evaluation = judge_year(in_force, by_year[chosen], before, ref, _histories(upto, befores)[at])
    trend = build_trend(in_force, upto, [r for _, r in befores], _histories(upto, befores))
    return ReportBasis(report_content(in_force, evaluation, trend), evaluation, trend)
