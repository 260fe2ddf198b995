"""`planchk plan diff`: what changed between two plan versions or directories, per target."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path

from planchk.diagnostics import UsageError, problem
from planchk.messages import say
from planchk.plan.load import load_plan
from planchk.plan.model import Plan
from planchk.plan.revisions import plan_in_force
from planchk.sanitize import one_line


@dataclass(frozen=True)
class Difference:
    target: str
    field: str
    old: str
    new: str


def parse_plan_ref(ref: str) -> tuple[Path, str | None]:
    """`DIR` or `DIR@VERSION` (e.g. plan@1.1.2)."""
    if "@" in ref and not Path(ref).exists():
        directory, version = ref.rsplit("@", 1)
        return Path(directory), version
    return Path(ref), None


def resolve(ref: str) -> Plan:
    directory, version = parse_plan_ref(ref)
    plan = load_plan(directory)
    if version is None:
        return plan
    return plan_in_force(plan, plan.meta.period_end, version, where=ref)  # the error names what was typed


def _number(value: float) -> str:
    """A plan's number as written (`1.97`); an infinite one as ∞, not Python's `inf`."""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:g}"


def _value(value: object) -> str:
    return _number(value) if isinstance(value, float) else str(value)


def diff_plans(old: Plan, new: Plan) -> list[Difference]:
    """Per target: what differs between two plans (ids added or removed, numbers, comparators, due years)."""
    out = []
    if (old.meta.id, old.meta.version) != (new.meta.id, new.meta.version):
        out.append(
            Difference("plan", "version", f"{old.meta.id} {old.meta.version}", f"{new.meta.id} {new.meta.version}")
        )
    for ind_id in [*old.indicator_by_id, *(i for i in new.indicator_by_id if i not in old.indicator_by_id)]:
        a, b = old.indicator_by_id.get(ind_id), new.indicator_by_id.get(ind_id)
        if a is None or b is None:
            out.append(
                Difference(ind_id, "indicator", "—" if a is None else "present", "—" if b is None else "present")
            )
            continue
        for key in ("unit", "attribute", "part_of"):
            if getattr(a, key) != getattr(b, key):
                out.append(Difference(ind_id, key, str(getattr(a, key)), str(getattr(b, key))))
        if a.baseline != b.baseline:
            out.append(
                Difference(
                    ind_id,
                    "baseline",
                    f"{a.baseline.year}: {_number(a.baseline.value)}",
                    f"{b.baseline.year}: {_number(b.baseline.value)}",
                )
            )
        old_t = {t.year: t for t in a.targets}
        new_t = {t.year: t for t in b.targets}
        for year in sorted(set(old_t) | set(new_t)):
            x, y = old_t.get(year), new_t.get(year)
            sx = "—" if x is None else f"{x.comparator} {_number(x.value)}"
            sy = "—" if y is None else f"{y.comparator} {_number(y.value)}"
            if sx != sy:
                out.append(Difference(ind_id, f"target {year}", sx, sy))
    for item_id in [*old.item_by_id, *(i for i in new.item_by_id if i not in old.item_by_id)]:
        old_item, new_item = old.item_by_id.get(item_id), new.item_by_id.get(item_id)
        if old_item is None or new_item is None:
            out.append(
                Difference(
                    item_id, "item", "—" if old_item is None else "present", "—" if new_item is None else "present"
                )
            )
            continue
        for key in ("measure", "comparator", "unit", "target", "min", "max", "due", "hedge"):
            if getattr(old_item, key) != getattr(new_item, key):
                out.append(Difference(item_id, key, _value(getattr(old_item, key)), _value(getattr(new_item, key))))
        old_entries, new_entries = [e.id for e in old_item.entries], [e.id for e in new_item.entries]
        if old_entries != new_entries:
            out.append(Difference(item_id, "entries", ", ".join(old_entries), ", ".join(new_entries)))
    return out


def check_ref(ref: str) -> None:
    directory, _ = parse_plan_ref(ref)
    if not directory.is_dir():
        raise UsageError([problem(ref, "usage.not_a_plan_dir")])


# The words of a difference's `field` (and `present`) in the text output; JSON keeps the field names.
FIELD_TERMS = {
    "version": "term.field.version",
    "indicator": "term.field.indicator",
    "item": "term.field.item",
    "unit": "term.field.unit",
    "attribute": "term.field.attribute",
    "part_of": "term.field.part_of",
    "baseline": "term.field.baseline",
    "measure": "term.field.measure",
    "comparator": "term.field.comparator",
    "target": "term.field.target",
    "min": "term.field.min",
    "max": "term.field.max",
    "due": "term.field.due",
    "hedge": "term.field.hedge",
    "entries": "term.field.entries",
}


def _field(field: str, lang: str) -> str:
    if field.startswith("target "):
        return say("term.field.target_year", year=field.removeprefix("target ")).get(lang)
    return say(FIELD_TERMS[field]).get(lang) if field in FIELD_TERMS else field


def _side(text: str, lang: str) -> str:
    return say("term.present").get(lang) if text == "present" else text


def diff_report(old: str, new: str, as_json: bool = False, lang: str = "en") -> str:
    """`plan diff`'s output: a tab-separated line per difference and a count (in `lang`), or a JSON list."""
    check_ref(old)
    check_ref(new)
    differences = diff_plans(resolve(old), resolve(new))
    if as_json:
        import json

        return json.dumps([asdict(d) for d in differences], ensure_ascii=False, indent=2) + "\n"
    # Each field made one line, then joined by real tabs (the whole line once went through one_line, which
    # wrote the tabs as "\t").
    lines = [
        say(
            "cli.diff_line",
            target=one_line(d.target),
            field=one_line(_field(d.field, lang)),
            old=one_line(_side(d.old, lang)),
            new=one_line(_side(d.new, lang)),
        ).get(lang)
        for d in differences
    ]
    return "\n".join([*lines, say("cli.diff_summary", n=len(differences)).get(lang)]) + "\n"
