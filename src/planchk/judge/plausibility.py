"""Plausibility before judging (docs/rules.md#plausibility): a measured value far off its row's scale, or
off the previous year's value, is far more likely a slip (人 for 万人, 元 for 万元, 0.998 for 99.8 %) than a
result, and a wrong pass is the worst thing planchk can give. Such a value is refused as an input problem
(exit 2) with the slip it looks like, unless the row's note confirms it."""

from __future__ import annotations

import math

from planchk.diagnostics import Diagnostic, notice, place, problem
from planchk.i18n import Bilingual
from planchk.judge.items import item_expected
from planchk.messages import say
from planchk.numbers import format_number as fmt
from planchk.plan.model import Plan
from planchk.reading.rows import ActualRow, Actuals

# A note that starts with one of these confirms an extreme value: it is judged as reported, with a notice.
CONFIRM_WORDS = ("确认", "已核实", "confirmed")


def confirmed(row: ActualRow) -> bool:
    return (row.note or "").strip().lower().startswith(CONFIRM_WORDS)


def scale_of(plan: Plan, id_: str, year: int) -> tuple[float, str, bool] | None:
    """The row's scale in the plan (its 2020 value, else the value the plan expects), its unit, and whether
    it is the 2020 value (for the message, made only when a value is implausible)."""
    ind = plan.indicator_by_id.get(id_)
    if ind is not None:
        return ind.baseline.value, ind.unit, True
    item = plan.item_by_id.get(id_)
    if item is None or item.unit is None or item.derived is not None:
        return None
    if item.baseline:
        return item.baseline, item.unit, True
    if item.spec.path:
        expected = item_expected(item, year, plan.meta.baseline_year) or item.due_value
        if expected:
            return expected, item.unit, False
    return None


def _scale_words(plan: Plan, scale: tuple[float, str, bool]) -> Bilingual:
    if scale[2]:
        return say("term.scale_baseline", year=plan.meta.baseline_year, value=fmt(scale[0]))
    return say("term.scale_plan", value=fmt(scale[0]))


def _slip(value: float, scale: float, unit: str) -> Bilingual:
    """The slip a value `value / scale` times its scale looks like."""
    ratio = value / scale
    power = round(math.log10(ratio)) if ratio > 0 else 0
    if unit == "万人" and power == 4:
        return say("term.slip_people")
    if unit == "万人" and power in (1, 3):
        # 29 722 人 written as 29.722 (÷1 000) where 2.9722 万人 (÷10 000) is meant: ten times too big
        return say("term.slip_per_1000")
    if unit in ("万元", "亿元") and power >= 4:
        return say("term.slip_yuan", unit=unit)
    if abs(power) <= 1:
        return say("term.slip_decimal")
    return say("term.slip_unit", factor=f"{10**power:g}×" if power > 0 else f"1/{10**-power:g}")


def _times(value: float, scale: float) -> Bilingual:
    ratio = value / scale
    if ratio >= 1:
        return say("term.times_more", ratio=f"{ratio:,.0f}")
    return say("term.times_less", ratio=f"{1 / ratio:,.0f}")


def check(plan: Plan, actuals: Actuals, previous: Actuals | None = None) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(problems, notices): a problem per implausible value; a notice per extreme value a note confirms."""
    factor = plan.rules.plausibility_factor
    units = set(plan.rules.measured_units)
    before = previous if previous is not None and previous.year == actuals.year - 1 else None
    problems: list[Diagnostic] = []
    notices: list[Diagnostic] = []
    for id_, row in actuals.rows.items():
        value = row.value
        if value is None or value <= 0 or not row.line:  # nothing reported, zero, or computed by planchk
            continue
        scale = scale_of(plan, id_, actuals.year)
        item = plan.item_by_id.get(id_)
        unit = scale[1] if scale else (item.unit if item is not None else None)
        if unit is None or unit not in units:
            continue
        reference: tuple[float, Bilingual] | None = None
        against_last_year = False
        if scale is not None and scale[0] > 0 and max(value / scale[0], scale[0] / value) >= factor:
            reference = scale[0], _scale_words(plan, scale)
        elif scale is not None and unit == "%" and value <= 1 < 10 <= scale[0]:
            reference = scale[0], _scale_words(plan, scale)
        else:
            prev = before.rows.get(id_) if before is not None else None
            if before is not None and prev is not None and prev.value and prev.value > 0:
                if max(value / prev.value, prev.value / value) >= factor:
                    # where the previous value is: its file, and in a workbook its sheet and cell
                    at = place(prev.file or before.file, prev.line or None, prev.sheet, prev.value_column)
                    reference = prev.value, say("term.scale_previous", value=fmt(prev.value), file=at)
                    against_last_year = True
        if reference is None:
            continue
        number, times = fmt(value), _times(value, reference[0])
        # Each finding is at the row's value cell, in the file and sheet the row came from (row.locate).
        if confirmed(row):
            found = notice(
                actuals.file,
                "notice.implausible_confirmed",
                value=row.raw,
                number=number,
                unit=unit,
                times=times,
                scale=reference[1],
            )
            notices.append(row.locate(found))
        elif unit == "%" and value <= 1 < 10 <= reference[0]:
            found = problem(
                actuals.file,
                "input.rate_as_fraction",
                value=row.raw,
                number=number,
                scale=reference[1],
                percent=fmt(value * 100),
            )
            problems.append(row.locate(found))
        else:
            found = problem(
                actuals.file,
                "input.implausible",
                value=row.raw,
                number=number,
                unit=unit,
                times=times,
                scale=reference[1],
                # against last year's figure either of the two may be the slip: say so, not which
                slip=say("term.slip_either", unit=unit, slip=_slip(value, reference[0], unit))
                if against_last_year
                else _slip(value, reference[0], unit),
            )
            problems.append(row.locate(found))
    return problems, notices
