"""Plausibility before judging (docs/rules.md#plausibility): a measured value far off its row's scale, or
off the previous year's value, is far more likely a slip (人 for 万人, 元 for 万元, 0.998 for 99.8 %) than a
result, and a wrong pass is the worst thing planchk can give. Such a value is refused as an input problem
(exit 2) with the slip it looks like, unless the row's note confirms it."""

from __future__ import annotations

import math

from planchk.diagnostics import Diagnostic
from planchk.judge.items import item_expected
from planchk.numbers import format_number as fmt
from planchk.plan.model import Plan
from planchk.reading.rows import ActualRow, Actuals

# A note that starts with one of these confirms an extreme value: it is judged as reported, with a notice.
CONFIRM_WORDS = ("确认", "已核实", "confirmed")


def confirmed(row: ActualRow) -> bool:
    note = (row.note or "").strip().lower()
    return note.startswith(CONFIRM_WORDS)


def scale_of(plan: Plan, id_: str, year: int) -> tuple[float, str, str] | None:
    """The row's scale in the plan (its 2020 baseline, else its expected value), with its unit and a description."""
    base_year = plan.meta.baseline_year
    ind = plan.indicator_by_id.get(id_)
    if ind is not None:
        return ind.baseline.value, ind.unit, f"its {base_year} value {fmt(ind.baseline.value)}"
    item = plan.item_by_id.get(id_)
    if item is None or item.unit is None or item.derived is not None:
        return None
    if item.baseline:
        return item.baseline, item.unit, f"its {base_year} value {fmt(item.baseline)}"
    if item.measure in ("count", "range", "vague_batch", "rate"):
        expected = item_expected(item, year, base_year) or item.due_value
        if expected:
            return expected, item.unit, f"the plan's {fmt(expected)}"
    return None


def _slip(value: float, scale: float, unit: str) -> tuple[str, str]:
    """(en, zh) of the slip a ratio value/scale looks like."""
    ratio = value / scale
    power = round(math.log10(ratio)) if ratio > 0 else 0
    if unit == "万人" and power == 4:
        return "the figure looks given in 人, not 万人", "疑似按“人”填报,应为“万人”"
    if unit == "万人" and power in (1, 3):
        # 29 722 人 written as 29.722 (÷1 000) where 2.9722 万人 (÷10 000) is meant: ten times too big
        return (
            "the 人 figure looks divided by 1 000, not 10 000, or its decimal point is misplaced (万人)",
            "疑似人数除以1000而非10000(万人),或小数点位置有误",
        )
    if unit in ("万元", "亿元") and power >= 4:
        return f"the figure looks given in 元, not {unit}", f"疑似按“元”填报,应为“{unit}”"
    if power in (1, -1) or abs(power) == 0:
        return "a decimal point in the wrong place?", "小数点位置可能有误"
    return (
        f"a unit slip? (about {10**power:g}×)" if power > 0 else f"a unit slip? (about 1/{10**-power:g})",
        "疑似单位填错",
    )


def check(plan: Plan, actuals: Actuals, previous: Actuals | None = None) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(problems, notices): a problem per implausible value; a notice per extreme value a note confirms."""
    factor = plan.rules.plausibility_factor
    units = set(plan.rules.measured_units)
    problems: list[Diagnostic] = []
    notices: list[Diagnostic] = []
    for id_, row in actuals.rows.items():
        value = row.value
        if value is None or value <= 0 or not row.line:  # nothing reported, zero, or computed by planchk
            continue
        scale = scale_of(plan, id_, actuals.year)
        unit = scale[1] if scale else None
        if unit is not None and unit not in units:
            continue
        found: tuple[str, str] | None = None
        if scale is not None and unit == "%" and value <= 1 < 10 <= scale[0]:
            found = (
                f"{fmt(value)} % is far below {scale[2]} %: write the rate as a percentage ({fmt(value * 100)}, "
                f"not {fmt(value)})",
                f"{fmt(value)}% 远低于{_zh(scale[2])}%:比率请按百分数填写(填 {fmt(value * 100)},不要填 {fmt(value)})",
            )
        elif scale is not None and scale[0] > 0 and max(value / scale[0], scale[0] / value) >= factor:
            en, zh = _slip(value, scale[0], scale[1])
            found = (
                f"{fmt(value)} {scale[1]} is {_times(value, scale[0])} {scale[2]}: {en}",
                f"{fmt(value)}{scale[1]} 是{_zh(scale[2])}的{_times_zh(value, scale[0])}:{zh}",
            )
        prev = previous.rows.get(id_) if previous is not None and previous.year == actuals.year - 1 else None
        if found is None and prev is not None and prev.value and prev.value > 0:
            if max(value / prev.value, prev.value / value) >= factor and (unit is None or unit in units):
                item_unit = unit or (plan.item_by_id[id_].unit if id_ in plan.item_by_id else "") or ""
                en, zh = _slip(value, prev.value, item_unit)
                found = (
                    f"{fmt(value)} {item_unit} is {_times(value, prev.value)} the previous year's "
                    f"{fmt(prev.value)} ({previous.file if previous else ''}): {en}",
                    f"{fmt(value)}{item_unit} 是上一年 {fmt(prev.value)} 的{_times_zh(value, prev.value)}:{zh}",
                )
        if found is None:
            continue
        if confirmed(row):
            notices.append(
                Diagnostic(
                    file=actuals.file,
                    line=row.line,
                    column="value",
                    value=row.raw,
                    level="warning",
                    code="plausibility-confirmed",
                    message=f"{found[0]}; judged as reported because its note confirms it",
                    message_zh=f"{found[1]};备注已确认,按所填数值评估",
                )
            )
            continue
        problems.append(
            Diagnostic(
                file=actuals.file,
                line=row.line,
                column="value",
                column_number=actuals.value_column,
                value=row.raw,
                code="plausibility",
                message=f"{found[0]}. If the figure is right, start its note with 确认 (confirmed)",
                message_zh=f"{found[1]}。若数值无误,请在备注开头写“确认”",
            )
        )
    return problems, notices


def _times(value: float, scale: float) -> str:
    ratio = value / scale
    return f"{ratio:,.0f}× the size of" if ratio >= 1 else f"1/{1 / ratio:,.0f} of"


def _times_zh(value: float, scale: float) -> str:
    ratio = value / scale
    return f"{ratio:,.0f}倍" if ratio >= 1 else f"1/{1 / ratio:,.0f}"


def _zh(description: str) -> str:
    """The scale's description in Chinese ("its 2020 value 2.52" → "2020年的 2.52")."""
    if description.startswith("its "):
        year, _, value = description[4:].partition(" value ")
        return f"{year}年的 {value}"
    return "规划值 " + description.removeprefix("the plan's ")
