"""Several plans side by side (`--plans DIR`, docs/several-plans.md): a folder whose folders are plans
(plans/<district>/targets.yaml), and each file taken to its own plan: the plan the file names (the id
`planchk template` writes above its header), else the plan whose folder has the name of the file's folder
(data/<district>/2023.csv). The files of each plan go through that plan's run (runs.py) as a run of one plan
would; the runs are put together, each file under its own plan, one plan's files after another's (in the order
each plan's first file was given), still a stream: every file is read before the first is judged, then each is
judged and written in turn. A file whose plan is not there is an input problem of that file (exit 2), naming the
plans that are."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from planchk.diagnostics import Diagnostic, InputError, PlanError, UsageError, problem
from planchk.judge.year import plan_ref
from planchk.messages import listing
from planchk.plan import load
from planchk.plan.model import Plan
from planchk.reading.actuals import plan_stamp
from planchk.reading.rows import PlanStamp
from planchk.results import Evaluation, PlanFrom, RunStream, SourceRef, Trend, Validation
from planchk.runs import ReportBasis, run_evaluate, run_report, run_trend, run_validate
from planchk.sanitize import shown_path


@dataclass(frozen=True, slots=True)
class PlanFolder:
    """The plans of a folder: each plan's directory and the plan, by plan id, in the order of their folders' names."""

    folder: Path
    plans: dict[str, tuple[Path, Plan]]

    def by_directory_name(self, name: str) -> Plan | None:
        return next((plan for directory, plan in self.plans.values() if directory.name == name), None)


def load_folder(folder: Path) -> PlanFolder:
    """Every plan directory in `folder` (a folder holding targets.yaml), loaded; a plan id twice is an error."""
    if not folder.is_dir():
        raise PlanError([problem(str(folder), "plan.dir_not_found")])
    plans: dict[str, tuple[Path, Plan]] = {}
    for directory in sorted(d for d in folder.iterdir() if (d / "targets.yaml").is_file()):
        plan = load.load_plan(directory)
        if plan.meta.id in plans:
            first = shown_path(plans[plan.meta.id][0])
            raise UsageError(
                [
                    problem(
                        "--plans",
                        "usage.same_plan_twice",
                        value=plan.meta.id,
                        id=plan.meta.id,
                        folder=shown_path(folder),
                        first=first,
                        second=shown_path(directory),
                    )
                ]
            )
        plans[plan.meta.id] = (directory, plan)
    if not plans:
        raise UsageError([problem("--plans", "usage.no_plans_in_folder", folder=shown_path(folder))])
    return PlanFolder(folder, plans)


@dataclass(frozen=True, slots=True)
class Group:
    """The files of one plan in a run, and how each one's plan was chosen (by its shown name)."""

    plan: Plan
    paths: list[Path]
    chosen: dict[str, PlanFrom]


def choose(folder: PlanFolder, paths: list[Path], encoding: str | None) -> tuple[list[Group], list[Diagnostic]]:
    """The files by plan, in the order they were given; a file whose plan is not in the folder, or that cannot be
    read for the plan it names, is left out and its problems returned."""
    groups: dict[str, Group] = {}
    problems: list[Diagnostic] = []
    for path in dict.fromkeys(paths):
        try:
            chosen = _plan_of(folder, path, plan_stamp(path, encoding))
        except InputError as exc:
            problems += exc.problems
            continue
        plan, how = chosen
        group = groups.setdefault(plan.meta.id, Group(plan, [], {}))
        group.paths.append(path)
        group.chosen[shown_path(path)] = how
    return list(groups.values()), problems


def _plan_of(folder: PlanFolder, path: Path, stamp: PlanStamp | None) -> tuple[Plan, PlanFrom]:
    """The plan the file names, else the plan named like its folder; InputError when neither is in the folder."""
    if stamp is None:
        plan = folder.by_directory_name(path.resolve().parent.name)
        if plan is None:
            raise InputError([_no_plan_named(folder, path)])
        return plan, "folder"
    found = folder.plans.get(stamp.id)
    if found is None:
        missing = problem(
            stamp.file,
            "input.unknown_plan",
            value=stamp.id,
            id=stamp.id,
            folder=shown_path(folder.folder),
            plans=listing(folder.plans),
        )
        raise InputError([stamp.locate(missing)])
    return found[1], "form"


def _no_plan_named(folder: PlanFolder, path: Path) -> Diagnostic:
    return problem(
        shown_path(path),
        "input.no_plan_named",
        folder=path.resolve().parent.name,  # the name matched against the plans' folders
        plans_dir=shown_path(folder.folder),
        plans=listing(directory.name for directory, _ in folder.plans.values()),
    )


def _marked(source: SourceRef, chosen: dict[str, PlanFrom]) -> SourceRef:
    """A file's source with how its plan was chosen (a file joined under --combine: its first file's way)."""
    how = chosen.get(source.files[0] if source.files else source.file)
    return dataclasses.replace(source, plan_from=how)


def _together(runs: list[tuple[Group, RunStream]], problems: list[Diagnostic], first: Plan) -> RunStream:
    """The runs of every plan as one stream: each file under its plan, one plan's after another's; the problems of
    all (every file is read before any is judged)."""

    def files() -> Iterator[Evaluation]:
        for group, run in runs:
            for ev in run.files():
                yield dataclasses.replace(ev, source=_marked(ev.source, group.chosen))

    def validated() -> Iterator[Validation]:
        for group, run in runs:
            for v in run.validated():
                yield dataclasses.replace(v, source=_marked(v.source, group.chosen))

    plan = runs[0][1].plan if runs else plan_ref(first)
    return RunStream(plan, problems + [e for _, run in runs for e in run.errors], files(), validated())


def evaluate_each(
    folder: PlanFolder,
    paths: list[Path],
    *,
    year: int | None = None,
    encoding: str | None = None,
    previous: Path | None = None,
    plan_version: str | None = None,
    combine: bool = False,
) -> tuple[RunStream, list[Plan]]:
    """`evaluate --plans`: each file judged against its own plan, and the plans used. The files of every plan but
    the last read wait on disk for their turn (runs._Store.park), so memory holds the few files of two plans."""

    def run(plan: Plan, files: list[Path], waits: bool) -> RunStream:
        return run_evaluate(
            plan,
            files,
            year=year,
            encoding=encoding,
            previous=previous,
            plan_version=plan_version,
            combine=combine,
            waits=waits,
        )

    return _each(folder, paths, encoding, run)


def validate_each(
    folder: PlanFolder,
    paths: list[Path],
    *,
    year: int | None = None,
    encoding: str | None = None,
    combine: bool = False,
) -> tuple[RunStream, list[Plan]]:
    """`validate --plans`: each file checked against its own plan's contract, and the plans used."""

    def run(plan: Plan, files: list[Path], waits: bool) -> RunStream:
        return run_validate(plan, files, year=year, encoding=encoding, combine=combine)

    return _each(folder, paths, encoding, run)


def _each(
    folder: PlanFolder, paths: list[Path], encoding: str | None, run: Callable[[Plan, list[Path], bool], RunStream]
) -> tuple[RunStream, list[Plan]]:
    """Each plan's files through its run (all read before any is judged), put together; a plan's run waits when
    another is read after it."""
    groups, problems = choose(folder, paths, encoding)
    runs = [(group, run(group.plan, group.paths, n < len(groups) - 1)) for n, group in enumerate(groups)]
    first = next(iter(folder.plans.values()))[1]
    return _together(runs, problems, first), [group.plan for group in groups] or [first]


def one_plan(folder: PlanFolder, paths: list[Path], encoding: str | None, command: str) -> tuple[Plan, list[Path]]:
    """`trend --plans`, `report --plans`: the one plan of the files (a series, a report, is one plan's), and the
    files; files of several plans, or a file whose plan is not there, are refused."""
    groups, problems = choose(folder, paths, encoding)
    if problems:
        raise InputError(problems)
    if len(groups) > 1:
        each = listing(f"{g.plan.meta.id} ({', '.join(shown_path(p) for p in g.paths)})" for g in groups)
        raise UsageError([problem("FILE", "usage.several_plans", command=command, n=len(groups), groups=each)])
    return groups[0].plan, groups[0].paths


def trend_each(
    folder: PlanFolder,
    paths: list[Path],
    *,
    encoding: str | None = None,
    plan_version: str | None = None,
    combine: bool = False,
) -> Trend:
    """`trend --plans`: the series of the files' one plan."""
    plan, files = one_plan(folder, paths, encoding, "trend")
    return run_trend(plan, files, encoding=encoding, plan_version=plan_version, combine=combine)


def report_each(
    folder: PlanFolder,
    paths: list[Path],
    *,
    year: int | None = None,
    encoding: str | None = None,
    plan_version: str | None = None,
    combine: bool = False,
) -> tuple[Plan, ReportBasis]:
    """`report --plans`: the files' one plan and its report."""
    plan, files = one_plan(folder, paths, encoding, "report")
    return plan, run_report(plan, files, year=year, encoding=encoding, plan_version=plan_version, combine=combine)
