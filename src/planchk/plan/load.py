"""Loading a plan directory: YAML → validated models → a cross-checked Plan. Read on every run: parsing the
bundled plan is a few tens of milliseconds, less than any cache would be worth its risks."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from planchk.diagnostics import Diagnostic, PlanError, problem
from planchk.i18n import Bilingual
from planchk.messages import listing, say, say_known
from planchk.plan.model import Plan
from planchk.plan.revisions import revision_problems
from planchk.plan.schema import (
    SUPPORTED_SCHEMA_VERSIONS,
    Programme,
    ProjectsFile,
    Rules,
    TargetsFile,
)
from planchk.plan.units import UnitMap, UnitsFile, known_ids, resolve, unit_problems
from planchk.plan.yaml_safe import YamlDoc, load_yaml

M = TypeVar("M", bound=BaseModel)


def bundled_plan_dir() -> Path:
    """The plan that ships with planchk: inside the wheel, or the repository's plan/ when run from source."""
    here = Path(__file__).resolve().parent.parent  # the planchk package
    packaged = here / "_plan"
    if (packaged / "targets.yaml").is_file():
        return packaged
    return here.parent.parent / "plan"


def load_plan(directory: Path | None = None) -> Plan:
    """Load and cross-check targets.yaml and projects.yaml (optional) from a plan directory."""
    directory = directory or bundled_plan_dir()
    if not directory.is_dir():
        raise PlanError([problem(str(directory), "plan.dir_not_found")])
    targets = _load_model(directory / "targets.yaml", TargetsFile)
    projects_path = directory / "projects.yaml"
    projects = _load_model(projects_path, ProjectsFile) if projects_path.exists() else None
    plan = _assemble(directory, targets, projects)
    units_path = directory / "units.yaml"
    if units_path.exists():
        plan = replace(plan, units=_load_units(units_path, plan))
    return plan


def _load_units(path: Path, plan: Plan) -> UnitMap:
    """The responsibility map, checked against the plan: each problem at its line of units.yaml."""
    doc = load_yaml(path)
    units = _validated(doc, UnitsFile)
    known = known_ids(plan.indicators, plan.categories, plan.programmes)
    problems = unit_problems(units, known, plan.meta.id, plan.original_version, doc.name, doc.line_of)
    if problems:
        raise PlanError(problems)
    return resolve(units, plan.indicators, plan.categories, plan.programmes, doc.name)


def _load_model(path: Path, model: type[M]) -> M:
    return _validated(load_yaml(path), model)


def _validated(doc: YamlDoc, model: type[M]) -> M:
    data, name = doc.data, doc.name
    if not isinstance(data, dict):
        raise PlanError([problem(name, "plan.not_a_mapping", line=1)])
    version = data.get("schema_version")
    if version not in SUPPORTED_SCHEMA_VERSIONS:
        raise PlanError(
            [
                problem(
                    name,
                    "plan.schema_version",
                    line=doc.line_of(("schema_version",)) or 1,
                    column="schema_version",
                    value=str(version),
                    version=repr(version),
                    supported=listing(SUPPORTED_SCHEMA_VERSIONS),
                )
            ]
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            problems.append(
                problem(
                    name,
                    "plan.invalid",
                    line=doc.line_of(loc),
                    column=str(loc[-1]) if loc else None,
                    value=_short(err.get("input")),
                    path=".".join(map(str, loc)) or "(top)",
                    detail=_model_error(err),
                )
            )
        raise PlanError(problems) from None


def _model_error(err: ErrorDetails) -> Bilingual:
    """What a plan model says about a value, in both languages: the catalogue's `pydantic.<type>` (or the
    plan's own rule, `plan.<rule>`) filled from the error's context, else Pydantic's own words."""
    context: dict[str, object] = dict(err.get("ctx") or {})
    expected = context.get("expected")
    if isinstance(expected, str):  # "'a', 'b' or 'c'" → 'a'、'b'、'c' in Chinese
        context["expected"] = Bilingual(zh=re.sub(r", | or ", "、", expected), en=expected)
    kind = err["type"]
    return say_known(kind if kind.startswith("plan.") else f"pydantic.{kind}", context) or say(
        "pydantic.other", detail=err["msg"]
    )


def _short(value: object) -> str | None:
    if isinstance(value, (dict, list)) or value is None:
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _assemble(directory: Path, targets: TargetsFile, projects: ProjectsFile | None) -> Plan:
    """Both files as one plan (its look-ups built once, by `Plan`), cross-checked before it is returned."""
    programmes: list[Programme] = []
    rules = Rules(approx_tolerance=0.1, not_started_lagging_after=0.4)
    conflicts = list(targets.conflicts)
    if projects is not None:
        programmes = [_due_filled(prog, targets.plan.period_end) for prog in projects.programmes]
        rules = projects.rules
        conflicts += projects.conflicts
    plan = Plan(
        targets.plan,
        targets.categories,
        targets.indicators,
        programmes,
        rules,
        conflicts,
        directory,
        targets.revisions,
        excluded=targets.excluded,
    )
    tname, pname = str(directory / "targets.yaml"), str(directory / "projects.yaml")
    problems = _cross_problems(plan, projects.plan_id if projects is not None else None, tname, pname)
    if problems:
        raise PlanError(problems)
    problems = revision_problems(tname, targets.revisions, plan.indicator_by_id, plan.item_by_id)
    if problems:
        raise PlanError(problems)
    return plan


def _due_filled(prog: Programme, end: int) -> Programme:
    """The programme with every item that has no due year due in the plan's last year."""
    subplans = [
        sub.model_copy(
            update={"items": [item if item.due else item.model_copy(update={"due": end}) for item in sub.items]}
        )
        for sub in prog.subplans
    ]
    return prog.model_copy(update={"subplans": subplans})


def _cross_problems(plan: Plan, projects_plan_id: str | None, tname: str, pname: str) -> list[Diagnostic]:
    """What the files get wrong together: an id used twice, an unknown category or total, projects.yaml for
    another plan, a derived value from unknown inputs."""
    problems: list[Diagnostic] = []
    seen: dict[str, str] = {}

    def claim(id_: str, file: str) -> None:
        if id_ in seen:
            problems.append(problem(file, "plan.duplicate_id", value=id_, id=id_, other=seen[id_]))
        seen[id_] = file

    categories = {c.id for c in plan.categories}
    for ind in plan.indicators:
        claim(ind.id, tname)
        if ind.category not in categories:
            problems.append(
                problem(tname, "plan.unknown_category", value=ind.category, id=ind.id, category=ind.category)
            )
    for total in plan.parts_of:
        if total not in plan.indicator_by_id:
            problems.append(problem(tname, "plan.unknown_part_of", value=total, total=total))
    if projects_plan_id is not None and projects_plan_id != plan.meta.id:
        problems.append(
            problem(
                pname,
                "plan.plan_id_mismatch",
                value=projects_plan_id,
                plan_id=projects_plan_id,
                targets_id=plan.meta.id,
            )
        )
    for prog in plan.programmes:
        for item in prog.items():
            claim(item.id, pname)
            for entry in item.entries:
                claim(entry.id, pname)
    known = set(plan.indicator_by_id) | set(plan.item_by_id)
    for item in plan.item_by_id.values():
        if item.derived:
            for ref in item.derived.numerator + item.derived.denominator:
                if ref not in known or ref == item.id:
                    problems.append(problem(pname, "plan.unknown_derived_input", value=ref, id=item.id, ref=ref))
    return problems
