"""Tools for people who write plans: `plan check` (lint) and `plan diff` (what changed, per target)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from planchk.errors import PlanError, Problem, UsageError
from planchk.plan import Plan, load_plan, plan_in_force

EPSILON = 1e-6


@dataclass(frozen=True)
class Finding:
    level: str  # "error" | "warning"
    file: str
    target: str
    message: str


def _squash(text: str) -> str:
    return re.sub(r"[\s|]", "", text)


def check_plan(directory: Path | None = None) -> tuple[Plan | None, list[Finding], list[Problem]]:
    """Lint a plan. Returns the plan (None if it cannot be loaded), lint findings, and load problems."""
    try:
        plan = load_plan(directory)
    except PlanError as exc:
        return None, [], exc.problems
    tfile, pfile = str(plan.directory / "targets.yaml"), str(plan.directory / "projects.yaml")
    found: list[Finding] = []
    found += _parts(plan, tfile)
    found += _directions(plan, tfile)
    found += _sources(plan, tfile, pfile)
    for rev in plan.revisions:
        if not plan.meta.period_start <= rev.effective_from <= plan.meta.period_end:
            found.append(Finding("error", tfile, rev.version, f"revision {rev.version} takes effect in "
                                 f"{rev.effective_from}, outside the plan period"))
        revised = plan_in_force(plan, plan.meta.period_end, rev.version)
        found += [Finding(f.level, f.file, f.target, f"after revision {rev.version}: {f.message}")
                  for f in _directions(revised, tfile) + _parts(revised, tfile)]
    ids = set(plan.all_ids())
    for conflict in plan.conflicts:
        for ref in conflict.concerns:
            if ref not in ids:
                found.append(Finding("warning", tfile, conflict.id, f"conflict '{conflict.id}' concerns unknown id "
                                     f"'{ref}'"))
    return plan, found, []


def _parts(plan: Plan, file: str) -> list[Finding]:
    out = []
    for total_id, part_ids in plan.parts_of.items():
        total = plan.indicator_by_id[total_id]
        parts = [plan.indicator_by_id[p] for p in part_ids]
        pairs = [(total.baseline.year, total.baseline.value, [p.baseline.value for p in parts])]
        for t in total.targets:
            values = [next((m.value for m in p.targets if m.year == t.year), None) for p in parts]
            if all(v is not None for v in values):
                pairs.append((t.year, t.value, values))  # type: ignore[arg-type]
        for year, value, part_values in pairs:
            if abs(sum(part_values) - value) > EPSILON + 0.005 * len(part_values):
                out.append(Finding("error", file, total_id, f"{year}: parts {' + '.join(f'{v:g}' for v in part_values)}"
                                   f" = {sum(part_values):g}, but {total_id} is {value:g}"))
    return out


def _directions(plan: Plan, file: str) -> list[Finding]:
    """Milestones must move the way their comparators point: up for ≥ / >, down for ≤."""
    out = []
    for ind in plan.indicators:
        values = [ind.baseline.value] + [t.value for t in ind.targets]
        for t, before, after in zip(ind.targets, values, values[1:]):
            if t.comparator in (">=", ">") and after < before - EPSILON:
                out.append(Finding("error", file, ind.id, f"{t.year} target {after:g} is below the earlier {before:g} "
                                   f"although the comparator is {t.comparator}"))
            if t.comparator == "<=" and after > before + EPSILON:
                out.append(Finding("error", file, ind.id, f"{t.year} target {after:g} is above the earlier {before:g} "
                                   "although the comparator is <="))
    return out


def _sources(plan: Plan, tfile: str, pfile: str) -> list[Finding]:
    out = []
    text = None
    if plan.meta.source_text:
        path = plan.directory / plan.meta.source_text
        try:
            text = _squash(path.read_text(encoding="utf-8"))
        except OSError as exc:
            out.append(Finding("error", tfile, "plan.source_text", f"cannot read {path}: {exc.strerror or exc}"))
    quotes = [(tfile, ind.id, ind.source.quote) for ind in plan.indicators]
    for prog in plan.programmes:
        for item in prog.items():
            quotes.append((pfile, item.id, item.quote))
            quotes += [(pfile, e.id, e.quote) for e in item.entries if e.quote]
    quotes += [(tfile, c.id, s.quote) for c in plan.conflicts for s in c.sources]
    for file, target, quote in quotes:
        if not quote.strip():
            out.append(Finding("error", file, target, "no source quote"))
        elif text is not None and _squash(quote) not in text:
            out.append(Finding("error", file, target, f"quote not found in {plan.meta.source_text}: {quote[:40]}"))
    if text is None and not plan.meta.source_text:
        out.append(Finding("warning", tfile, "plan.source_text", "no source_text: quotes cannot be checked against "
                                                                 "the plan's text"))
    return out


@dataclass(frozen=True)
class Difference:
    target: str
    field: str
    old: str
    new: str


def parse_plan_ref(ref: str) -> tuple[Path, str | None]:
    """`DIR` or `DIR@VERSION` (e.g. plan@1.1.0)."""
    if "@" in ref and not Path(ref).exists():
        directory, version = ref.rsplit("@", 1)
        return Path(directory), version
    return Path(ref), None


def resolve(ref: str) -> Plan:
    directory, version = parse_plan_ref(ref)
    plan = load_plan(directory)
    if version is None:
        return plan
    return plan_in_force(plan, plan.meta.period_end, version)


def diff_plans(old: Plan, new: Plan) -> list[Difference]:
    """Per target: what differs between two plans (ids added or removed, numbers, comparators, due years)."""
    out = []
    if (old.meta.id, old.meta.version) != (new.meta.id, new.meta.version):
        out.append(Difference("plan", "version", f"{old.meta.id} {old.meta.version}", f"{new.meta.id} {new.meta.version}"))
    for ind_id in [*old.indicator_by_id, *(i for i in new.indicator_by_id if i not in old.indicator_by_id)]:
        a, b = old.indicator_by_id.get(ind_id), new.indicator_by_id.get(ind_id)
        if a is None or b is None:
            out.append(Difference(ind_id, "indicator", "—" if a is None else "present", "—" if b is None else "present"))
            continue
        for key in ("unit", "attribute", "part_of"):
            if getattr(a, key) != getattr(b, key):
                out.append(Difference(ind_id, key, str(getattr(a, key)), str(getattr(b, key))))
        if a.baseline != b.baseline:
            out.append(Difference(ind_id, "baseline", f"{a.baseline.year}: {a.baseline.value:g}",
                                  f"{b.baseline.year}: {b.baseline.value:g}"))
        old_t = {t.year: t for t in a.targets}
        new_t = {t.year: t for t in b.targets}
        for year in sorted(set(old_t) | set(new_t)):
            x, y = old_t.get(year), new_t.get(year)
            sx = "—" if x is None else f"{x.comparator} {x.value:g}"
            sy = "—" if y is None else f"{y.comparator} {y.value:g}"
            if sx != sy:
                out.append(Difference(ind_id, f"target {year}", sx, sy))
    for item_id in [*old.item_by_id, *(i for i in new.item_by_id if i not in old.item_by_id)]:
        a, b = old.item_by_id.get(item_id), new.item_by_id.get(item_id)  # type: ignore[assignment]
        if a is None or b is None:
            out.append(Difference(item_id, "item", "—" if a is None else "present", "—" if b is None else "present"))
            continue
        for key in ("measure", "comparator", "unit", "target", "min", "max", "due", "hedge"):
            if getattr(a, key) != getattr(b, key):
                out.append(Difference(item_id, key, str(getattr(a, key)), str(getattr(b, key))))
        if [e.id for e in a.entries] != [e.id for e in b.entries]:
            out.append(Difference(item_id, "entries", ", ".join(e.id for e in a.entries),
                                  ", ".join(e.id for e in b.entries)))
    return out


def check_ref(ref: str) -> None:
    directory, _ = parse_plan_ref(ref)
    if not directory.is_dir():
        raise UsageError([Problem(ref, "not a plan directory (expected DIR or DIR@VERSION)")])
