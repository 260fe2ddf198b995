"""The plan: Pydantic models for targets.yaml and projects.yaml, and loading them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from planchk.errors import PlanError, Problem, UsageError
from planchk.yamlfile import load_yaml, read_plan_bytes

if TYPE_CHECKING:
    from planchk.contract import Contract

SUPPORTED_SCHEMA_VERSIONS = (1,)

Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
PlanId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Comparator = Literal[">=", ">", "<=", "==", "range", "approx", "non_decreasing", "done"]
Attribute = Literal["binding", "indicative"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # The plan cache pickles these models. Pydantic's own state is a four-key dict per model; with
    # extra="forbid" and no private attributes two of those are always None, so a pair is enough and
    # unpickling a 100 000-indicator plan (600 000 models) takes 0.9 s instead of 1.4 s.
    def __getstate__(self) -> Any:
        if self.__pydantic_extra__ is None and self.__pydantic_private__ is None:
            return (self.__dict__, self.__pydantic_fields_set__)
        return super().__getstate__()

    def __setstate__(self, state: Any) -> None:
        if not isinstance(state, tuple):
            return super().__setstate__(state)
        values, fields_set = state
        object.__setattr__(self, "__dict__", values)
        object.__setattr__(self, "__pydantic_fields_set__", fields_set)
        object.__setattr__(self, "__pydantic_extra__", None)
        object.__setattr__(self, "__pydantic_private__", None)


M = TypeVar("M", bound=Model)


class Text(Model):
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Source(Model):
    box: str = Field(description="专栏N, or the section of the running text")
    quote: str = Field(description="The Chinese text the target comes from")


class Milestone(Model):
    year: int
    value: float
    comparator: Literal[">=", ">", "<=", "==", "approx"]
    as_written: str = Field(description="The cell exactly as the source prints it, e.g. '≥93'")


class Baseline(Model):
    year: int
    value: float


class Indicator(Model):
    id: Id
    name: Text
    category: Id
    unit: str
    kind: Literal["count", "rate", "years"]
    attribute: Attribute
    baseline: Baseline
    targets: list[Milestone] = Field(min_length=1)
    part_of: Id | None = None
    hedge: str | None = None
    source: Source
    note: str | None = None

    @model_validator(mode="after")
    def _years_ascend(self) -> Indicator:
        years = [t.year for t in self.targets]
        if years != sorted(set(years)) or years[0] <= self.baseline.year:
            raise ValueError("targets must be in ascending years, after the baseline year")
        return self

    @property
    def final(self) -> Milestone:
        return self.targets[-1]


class Category(Model):
    id: Id
    name: Text


class PlanMeta(Model):
    id: PlanId
    version: str
    version_date: dt.date
    title: Text
    issuer: Text
    written: dt.date
    published: dt.date
    period_start: int
    period_end: int
    baseline_year: int
    source_text: str | None = Field(None, description="Path of the plan's text, relative to the plan directory; "
                                                       "`planchk plan check` finds every quote in it")


class ConflictSource(Model):
    where: str
    quote: str
    value: float | str | None = None


class Conflict(Model):
    id: Id
    topic: Text
    concerns: list[str]
    sources: list[ConflictSource] = Field(min_length=2)
    used: str
    reason: str


class Change(Model):
    """One target changed by a revision: an indicator's milestone (`year`) or an item's number / due year."""

    target: str
    year: int | None = Field(None, description="For an indicator: the milestone year whose value changes")
    value: float | None = None
    comparator: Literal[">=", ">", "<=", "==", "approx"] | None = None
    as_written: str | None = None
    due: int | None = Field(None, description="For an item: a new due year")


class RevisionSource(Model):
    document: str
    quote: str


class Revision(Model):
    """A later version of the plan that changes some targets from an effective year on."""

    version: str
    date: dt.date
    effective_from: int
    reason: str
    source: RevisionSource
    changes: list[Change] = Field(min_length=1)


class TargetsFile(Model):
    schema_version: int
    plan: PlanMeta
    categories: list[Category]
    indicators: list[Indicator]
    conflicts: list[Conflict] = []
    revisions: list[Revision] = []


class Entry(Model):
    id: Id
    name: Text
    quote: str | None = None


class AlsoIn(Model):
    where: str
    quote: str


class VagueRule(Model):
    word: str
    rule: str


Measure = Literal["count", "range", "rate", "completion", "named_list", "vague_batch", "non_decreasing"]


class Derived(Model):
    """A value planchk computes from other rows: sum(numerator) / sum(denominator) * factor."""

    numerator: list[Id] = Field(min_length=1)
    denominator: list[Id] = []
    factor: float = 1.0


class Item(Model):
    id: Id
    name: Text
    quote: str
    gloss: str
    measure: Measure
    comparator: Comparator
    unit: str | None = None
    target: float | None = None
    min: float | None = None
    max: float | None = None
    baseline: float | None = None
    baseline_quote: str | None = None
    due: int = Field(0, description="Due year; omitted or 0 means the plan's last year (period_end)")
    hedge: str | None = None
    vague: VagueRule | None = None
    entries: list[Entry] = []
    also_in: list[AlsoIn] = []
    section: str | None = None
    derived: Derived | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _fields_fit_measure(self) -> Item:
        need: dict[str, tuple[str, ...]] = {
            "count": ("target",), "rate": ("target",), "vague_batch": ("target", "vague"),
            "range": ("min", "max"), "named_list": ("entries",),
        }
        missing = [k for k in need.get(self.measure, ()) if getattr(self, k) in (None, [])]
        if missing:
            raise ValueError(f"measure '{self.measure}' needs {', '.join(missing)}")
        return self

    @property
    def due_value(self) -> float | None:
        """The number due at the due year: the target, or the lower bound of a range."""
        return self.min if self.measure == "range" else self.target


class SubPlan(Model):
    id: Id
    number: int | None
    title: Text
    items: list[Item]


class Programme(Model):
    id: Id
    box: str
    title: Text
    title_inferred: bool
    subplans: list[SubPlan]

    def items(self) -> list[Item]:
        return [item for sub in self.subplans for item in sub.items]


class Rules(Model):
    approx_tolerance: float = Field(ge=0, lt=1)
    not_started_lagging_after: float = Field(ge=0, le=1)


class ProjectsFile(Model):
    schema_version: int
    plan_id: PlanId
    version: str
    rules: Rules
    programmes: list[Programme]
    conflicts: list[Conflict] = []


@dataclass(frozen=True)
class Plan:
    """Both files of one plan, with the look-ups every command needs built once."""

    meta: PlanMeta
    categories: list[Category]
    indicators: list[Indicator]
    programmes: list[Programme]
    rules: Rules
    conflicts: list[Conflict]
    directory: Path
    indicator_by_id: dict[str, Indicator] = field(default_factory=dict)
    item_by_id: dict[str, Item] = field(default_factory=dict)
    entry_by_id: dict[str, tuple[Item, Entry]] = field(default_factory=dict)
    parts_of: dict[str, list[str]] = field(default_factory=dict)
    revisions: list[Revision] = field(default_factory=list)
    original_version: str = ""
    changes: list[AppliedChange] = field(default_factory=list)

    def all_ids(self) -> list[str]:
        return [*self.indicator_by_id, *self.item_by_id, *self.entry_by_id]

    @cached_property
    def contract(self) -> Contract:
        """What an actual-year CSV must satisfy (ids, units, how values are read)."""
        from planchk.contract import contract_of

        return contract_of(self)

    @classmethod
    def build(cls, meta: PlanMeta, categories: list[Category], indicators: list[Indicator],
              programmes: list[Programme], rules: Rules, conflicts: list[Conflict], directory: Path,
              revisions: list[Revision], original_version: str = "",
              changes: list[AppliedChange] | None = None) -> Plan:
        """A plan with its look-up tables (ids are known to be unique here)."""
        parts: dict[str, list[str]] = {}
        for ind in indicators:
            if ind.part_of:
                parts.setdefault(ind.part_of, []).append(ind.id)
        items = {item.id: item for prog in programmes for item in prog.items()}
        entries = {e.id: (item, e) for item in items.values() for e in item.entries}
        return cls(meta=meta, categories=categories, indicators=indicators, programmes=programmes, rules=rules,
                   conflicts=conflicts, directory=directory, indicator_by_id={i.id: i for i in indicators},
                   item_by_id=items, entry_by_id=entries, parts_of=parts, revisions=revisions,
                   original_version=original_version or meta.version, changes=changes or [])


@dataclass(frozen=True)
class AppliedChange:
    """What a revision changed, for reports: `target` (and milestone year) from `old` to `new`."""

    revision: str
    target: str
    year: int | None
    field: str
    old: float | int | None
    new: float | int | None


def plan_file_schema(which: str) -> dict[str, object]:
    """JSON Schema of targets.yaml or projects.yaml, generated from the models that read them."""
    model = TargetsFile if which == "targets" else ProjectsFile
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"planchk plan: {which}.yaml (schema_version {SUPPORTED_SCHEMA_VERSIONS[-1]})"
    # editors validate the YAML as people type; the yaml-language-server comment line is allowed
    return schema


def bundled_plan_dir() -> Path:
    """The plan that ships with planchk: inside the wheel, or the repository's plan/ when run from source."""
    here = Path(__file__).resolve().parent
    packaged = here / "_plan"
    if (packaged / "targets.yaml").is_file():
        return packaged
    return here.parent.parent / "plan"


def load_plan(directory: Path | None = None) -> Plan:
    """Load and cross-check targets.yaml and projects.yaml from a plan directory."""
    from planchk import plan_cache

    directory, raws, key = _read_plan_dir(directory)
    cached = plan_cache.load(key)
    if isinstance(cached, Plan):
        return cached
    return _load_fresh(directory, raws, key)


def load_contract(directory: Path | None = None) -> Contract:
    """Only the plan's data contract: what `validate` needs, loaded without the plan's models when cached."""
    from planchk import plan_cache
    from planchk.contract import Contract

    directory, raws, key = _read_plan_dir(directory)
    cached = Contract.from_data(plan_cache.load(key, "contract"))
    if cached is not None:
        return cached
    return _load_fresh(directory, raws, key).contract


def _read_plan_dir(directory: Path | None) -> tuple[Path, tuple[bytes, bytes | None], str]:
    from planchk import plan_cache

    directory = directory or bundled_plan_dir()
    if not directory.is_dir():
        raise PlanError([Problem(str(directory), "plan directory not found (it should hold targets.yaml and "
                                                 "projects.yaml)")])
    projects_path = directory / "projects.yaml"
    raw_targets = read_plan_bytes(directory / "targets.yaml")
    raw_projects = read_plan_bytes(projects_path) if projects_path.exists() else None
    return directory, (raw_targets, raw_projects), plan_cache.cache_key(directory, [raw_targets, raw_projects or b""])


def _load_fresh(directory: Path, raws: tuple[bytes, bytes | None], key: str) -> Plan:
    """Parse and validate the YAML, then cache the plan and, separately, its contract."""
    from planchk import plan_cache

    raw_targets, raw_projects = raws
    targets = _load_model(directory / "targets.yaml", TargetsFile, raw_targets)
    projects = _load_model(directory / "projects.yaml", ProjectsFile, raw_projects) if raw_projects is not None \
        else None
    plan = _assemble(directory, targets, projects)
    if plan_cache.cache_dir() is not None:
        plan_cache.store(key, plan)  # before .contract is computed, so the pickle does not carry it twice
        plan_cache.store(key, plan.contract.to_data(), "contract")
    return plan


def _load_model(path: Path, model: type[M], raw: bytes | None = None) -> M:
    doc = load_yaml(path, raw)
    data, name = doc.data, str(path)
    if not isinstance(data, dict):
        raise PlanError([Problem(name, "a plan file must be a mapping at the top level", line=1)])
    version = data.get("schema_version")
    if version not in SUPPORTED_SCHEMA_VERSIONS:
        raise PlanError([Problem(
            name, f"schema_version {version!r} is not supported; this planchk reads "
                  f"{', '.join(map(str, SUPPORTED_SCHEMA_VERSIONS))}",
            line=doc.line_of(("schema_version",)) or 1, column="schema_version", value=str(version))])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            problems.append(Problem(
                name, f"{'.'.join(map(str, loc)) or '(top)'}: {err['msg']}",
                line=doc.line_of(loc), column=str(loc[-1]) if loc else None,
                value=_short(err.get("input"))))
        raise PlanError(problems) from None


def _short(value: object) -> str | None:
    if isinstance(value, (dict, list)) or value is None:
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _assemble(directory: Path, targets: TargetsFile, projects: ProjectsFile | None) -> Plan:
    problems: list[Problem] = []
    tname, pname = str(directory / "targets.yaml"), str(directory / "projects.yaml")
    seen: dict[str, str] = {}

    def claim(id_: str, file: str) -> None:
        if id_ in seen:
            problems.append(Problem(file, f"id '{id_}' is used twice (also in {seen[id_]})", value=id_))
        seen[id_] = file

    categories = {c.id for c in targets.categories}
    parts: dict[str, list[str]] = {}
    indicator_by_id: dict[str, Indicator] = {}
    for ind in targets.indicators:
        claim(ind.id, tname)
        indicator_by_id[ind.id] = ind
        if ind.category not in categories:
            problems.append(Problem(tname, f"{ind.id}: unknown category '{ind.category}'", value=ind.category))
        if ind.part_of:
            parts.setdefault(ind.part_of, []).append(ind.id)
    for total in parts:
        if total not in indicator_by_id:
            problems.append(Problem(tname, f"part_of names unknown indicator '{total}'", value=total))
    item_by_id: dict[str, Item] = {}
    entry_by_id: dict[str, tuple[Item, Entry]] = {}
    programmes: list[Programme] = []
    rules = Rules(approx_tolerance=0.1, not_started_lagging_after=0.4)
    conflicts = list(targets.conflicts)
    if projects is not None:
        if projects.plan_id != targets.plan.id:
            problems.append(Problem(pname, f"plan_id '{projects.plan_id}' differs from targets.yaml "
                                           f"plan id '{targets.plan.id}'", value=projects.plan_id))
        end = targets.plan.period_end
        # An item without a due year is due in the plan's last year.
        programmes = [prog.model_copy(update={"subplans": [
            sub.model_copy(update={"items": [item if item.due else item.model_copy(update={"due": end})
                                             for item in sub.items]}) for sub in prog.subplans]})
            for prog in projects.programmes]
        rules = projects.rules
        conflicts += projects.conflicts
        for prog in programmes:
            for item in prog.items():
                claim(item.id, pname)
                item_by_id[item.id] = item
                for entry in item.entries:
                    claim(entry.id, pname)
                    entry_by_id[entry.id] = (item, entry)
    known = set(indicator_by_id) | set(item_by_id)
    for item in item_by_id.values():
        if item.derived:
            for ref in item.derived.numerator + item.derived.denominator:
                if ref not in known or ref == item.id:
                    problems.append(Problem(pname, f"{item.id}: derived from unknown id '{ref}'", value=ref))
    if problems:
        raise PlanError(problems)
    problems += revision_problems(tname, targets.revisions, indicator_by_id, item_by_id)
    if problems:
        raise PlanError(problems)
    return Plan.build(targets.plan, targets.categories, targets.indicators, programmes, rules, conflicts, directory,
                      targets.revisions)


def revision_problems(file: str, revisions: list[Revision], indicators: dict[str, Indicator],
                      items: dict[str, Item]) -> list[Problem]:
    """Revisions must name real targets, existing milestone years, and versions in order."""
    problems = []
    versions: set[str] = set()
    for rev in revisions:
        if rev.version in versions:
            problems.append(Problem(file, f"revision version '{rev.version}' appears twice", value=rev.version))
        versions.add(rev.version)
        for change in rev.changes:
            ind, item = indicators.get(change.target), items.get(change.target)
            if ind is None and item is None:
                problems.append(Problem(file, f"revision {rev.version} changes unknown target '{change.target}'",
                                        value=change.target))
            elif ind is not None and change.year not in [t.year for t in ind.targets]:
                problems.append(Problem(file, f"revision {rev.version}: {change.target} has no milestone in "
                                              f"{change.year} (it has {[t.year for t in ind.targets]})",
                                        value=str(change.year)))
            elif item is not None and change.value is None and change.due is None:
                problems.append(Problem(file, f"revision {rev.version}: a change to item {change.target} needs "
                                              "`value` or `due`", value=change.target))
    return problems


def with_revisions(plan: Plan, upto: list[Revision]) -> Plan:
    """The plan with the given revisions applied in order (the versions named in `upto`)."""
    if not upto:
        return plan
    indicators = {i.id: i for i in plan.indicators}
    items = dict(plan.item_by_id)
    applied: list[AppliedChange] = []
    for rev in upto:
        for ch in rev.changes:
            if ch.target in indicators:
                ind = indicators[ch.target]
                targets = []
                for t in ind.targets:
                    if t.year == ch.year and ch.value is not None:
                        applied.append(AppliedChange(rev.version, ch.target, t.year, "value", t.value, ch.value))
                        t = t.model_copy(update={"value": ch.value, "comparator": ch.comparator or t.comparator,
                                                 "as_written": ch.as_written or f"{ch.value:g}"})
                    targets.append(t)
                indicators[ch.target] = ind.model_copy(update={"targets": targets})
            else:
                item = items[ch.target]
                update: dict[str, object] = {}
                if ch.value is not None:
                    key = "min" if item.measure == "range" else "target"
                    applied.append(AppliedChange(rev.version, ch.target, None, key, getattr(item, key), ch.value))
                    update[key] = ch.value
                if ch.due is not None:
                    applied.append(AppliedChange(rev.version, ch.target, None, "due", item.due, ch.due))
                    update["due"] = ch.due
                items[ch.target] = item.model_copy(update=update)
    programmes = [prog.model_copy(update={"subplans": [sub.model_copy(update={"items": [items[i.id] for i in sub.items]})
                                                       for sub in prog.subplans]}) for prog in plan.programmes]
    meta = plan.meta.model_copy(update={"version": upto[-1].version, "version_date": upto[-1].date})
    return Plan.build(meta, plan.categories, [indicators[i.id] for i in plan.indicators], programmes, plan.rules,
                      plan.conflicts, plan.directory, plan.revisions, plan.original_version, applied)


def plan_in_force(plan: Plan, year: int, version: str | None = None) -> Plan:
    """The version that applies to `year` (every revision effective by then), or the one named by `version`."""
    if version is not None:
        if version == plan.original_version:
            return plan
        names = [r.version for r in plan.revisions]
        if version not in names:
            raise UsageError([Problem("--plan-version", f"plan {plan.meta.id} has no version '{version}' "
                                                        f"(it has {', '.join([plan.original_version, *names])})",
                                      value=version)])
        return with_revisions(plan, plan.revisions[:names.index(version) + 1])
    return with_revisions(plan, [r for r in plan.revisions if r.effective_from <= year])
