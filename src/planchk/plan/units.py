"""Who answers for what: a plan's responsibility map (units.yaml beside targets.yaml, versioned with the plan).

The bureau decides which unit (科室, 直属单位, school) reports and answers for each indicator, programme item or
whole programme (the plan asks that its binding indicators and tasks be 分解到各行政机关部门、区级有关单位和学校).
A unit names ids at any level: an indicator or a category of indicators; an item, a named entry, a sub-plan or a
whole programme. The most specific wins (an item named by one unit goes to it even when another names its
programme), so that a bureau can give a box to one office and one of its items to another. One id named by two
units, or twice, is an error: a commitment with two owners has none (docs/plan-format.md#who-answers-for-what).
Ids that no unit names go to `default` when the map gives one, else they have no unit, and `plan check`,
`plan show` and a run grouped by unit say how many.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field

from planchk.diagnostics import Diagnostic, problem
from planchk.i18n import Bilingual
from planchk.messages import say
from planchk.plan.schema import Category, Id, Indicator, Model, PlanId, Programme

UnitId = Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
# The name of the rows no unit answers for, where results are grouped by unit.
NO_UNIT = Bilingual(zh="无责任单位", en="No unit")


class Unit(Model):
    id: UnitId
    name: Bilingual = Field(description="The unit's name as the bureau writes it (人事科 / Personnel Office)")
    answers_for: list[Id] = Field(
        min_length=1,
        description="Ids it reports and answers for: indicators, categories, items, entries, sub-plans, programmes",
    )
    quote: str | None = Field(None, description="Where the plan's text names this unit, if it does")
    note: str | None = None


class UnitsFile(Model):
    schema_version: int
    plan_id: PlanId
    version: str = Field(description="The plan version this map belongs to (targets.yaml's plan.version)")
    illustrative: bool = Field(
        False, description="True when the map is an example, not the bureau's own (the bundled plan's)"
    )
    default: UnitId | None = Field(None, description="The unit of every id no unit names; none when absent")
    units: list[Unit] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class UnitName:
    """A unit as results show it."""

    id: str
    name: Bilingual
    answers_for: tuple[str, ...] = ()  # the ids the map names for it


@dataclass(frozen=True)
class UnitMap:
    """The map resolved against the plan: each indicator, item and entry id → its unit's id."""

    units: list[UnitName]
    owner: dict[str, str]
    unassigned: list[str]  # ids of indicators and items no unit answers for (nor the default)
    by_default: int = 0  # ids that fell to the default unit
    illustrative: bool = False
    file: str = ""
    by_id: dict[str, UnitName] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {u.id: u for u in self.units})

    def find(self, text: str) -> UnitName | None:
        """A unit by its id, Chinese or English name (case and surrounding space ignored)."""
        wanted = text.strip().casefold()
        return next(
            (u for u in self.units if wanted in (u.id.casefold(), u.name.zh.casefold(), u.name.en.casefold())), None
        )

    def in_file_name(self, stem: str) -> UnitName | None:
        """The unit a file's name is named for (2023-人事科.xlsx, 2023-personnel.csv): the longest of the units'
        names and ids found in it, a Latin one only as a word of its own (personnel, not personnel2)."""
        folded = stem.casefold()
        found = [
            (len(key), u)
            for u in self.units
            for key in (u.id.casefold(), u.name.zh.casefold(), u.name.en.casefold())
            if key and re.search(rf"(?<![^\W_]){re.escape(key)}(?![^\W_])" if key.isascii() else re.escape(key), folded)
        ]
        return max(found, key=lambda f: f[0])[1] if found else None


def resolve(
    file: UnitsFile, indicators: list[Indicator], categories: list[Category], programmes: list[Programme], name: str
) -> UnitMap:
    """Each indicator, item and entry id → the unit of the most specific id that names it. The file is assumed
    checked (`unit_problems`)."""
    named = {i: u.id for u in file.units for i in u.answers_for}
    owner: dict[str, str] = {}
    by_default = 0
    unassigned: list[str] = []

    def settle(id_: str, *containers: str) -> None:
        nonlocal by_default
        unit = next((named[c] for c in (id_, *containers) if c in named), file.default)
        if unit is None:
            unassigned.append(id_)
            return
        by_default += all(c not in named for c in (id_, *containers))
        owner[id_] = unit

    known_categories = {c.id for c in categories}
    for ind in indicators:
        settle(ind.id, *([ind.category] if ind.category in known_categories else []))
    for prog in programmes:
        for sub in prog.subplans:
            for item in sub.items:
                settle(item.id, sub.id, prog.id)
                for entry in item.entries:
                    unit = next((named[c] for c in (entry.id, item.id, sub.id, prog.id) if c in named), None)
                    if unit is not None or item.id in owner:
                        owner[entry.id] = unit or owner[item.id]
    units = [UnitName(u.id, u.name, tuple(u.answers_for)) for u in file.units]
    return UnitMap(units, owner, unassigned, by_default, file.illustrative, name)


def known_ids(indicators: list[Indicator], categories: list[Category], programmes: list[Programme]) -> set[str]:
    """Every id a unit may name."""
    ids = {i.id for i in indicators} | {c.id for c in categories}
    for prog in programmes:
        ids.add(prog.id)
        for sub in prog.subplans:
            ids.add(sub.id)
            for item in sub.items:
                ids.add(item.id)
                ids.update(e.id for e in item.entries)
    return ids


LineOf = Callable[[tuple[str | int, ...]], "int | None"]


def unit_problems(
    file: UnitsFile, known: set[str], plan_id: str, version: str, name: str, line_of: LineOf
) -> list[Diagnostic]:
    """What the map gets wrong against its plan, each at its line of `name`: another plan or version, an id the
    plan does not have, an id named twice, two units of one id or name, a default that is no unit."""
    found: list[Diagnostic] = []
    if file.plan_id != plan_id:
        found.append(
            problem(name, "plan.units_plan_id", line=line_of(("plan_id",)), plan_id=file.plan_id, targets_id=plan_id)
        )
    if file.version != version:
        found.append(
            problem(name, "plan.units_version", line=line_of(("version",)), version=file.version, plan_version=version)
        )
    seen: dict[str, int] = {}
    claimed: dict[str, str] = {}
    for n, unit in enumerate(file.units):
        for key in dict.fromkeys((unit.id, unit.name.zh, unit.name.en.casefold())):
            if seen.setdefault(key, n) != n:
                found.append(problem(name, "plan.units_duplicate_unit", line=line_of(("units", n)), unit=key))
        for k, id_ in enumerate(unit.answers_for):
            line = line_of(("units", n, "answers_for", k))
            if id_ not in known:
                found.append(problem(name, "plan.units_unknown_id", line=line, value=id_, id=id_, unit=unit.name.zh))
            elif id_ in claimed:
                found.append(
                    problem(
                        name, "plan.units_id_twice", line=line, value=id_, id=id_, unit=unit.name.zh, other=claimed[id_]
                    )
                )
            else:
                claimed[id_] = unit.name.zh
    if file.default is not None and file.default not in {u.id for u in file.units}:
        found.append(problem(name, "plan.units_unknown_default", line=line_of(("default",)), unit=file.default))
    return found


def units_file_schema() -> dict[str, object]:
    """JSON Schema of units.yaml, generated from the model that reads it (`planchk schema units`)."""
    schema = UnitsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "planchk plan: units.yaml (schema_version 1)"
    return schema


def units_line(units: UnitMap | None, rows: int) -> Bilingual:
    """What the responsibility map covers, for `plan check` and `plan show`: how many of the plan's `rows`
    indicators and items no unit answers for, said even when it is none."""
    if units is None:
        return say("cli.lint_no_units")
    return say(
        "cli.lint_units",
        kind=say("term.illustrative") if units.illustrative else "",
        units=len(units.units),
        unassigned=len(units.unassigned),
        rows=rows,
    )
