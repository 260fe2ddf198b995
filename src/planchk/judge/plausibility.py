"""Plausibility before judging (docs/rules.md#plausibility): a measured value far off its row's scale, or
off the previous year's value, is far more likely a slip (人 for 万人, 元 for 万元, 0.998 for 99.8 %) than a
result, and a wrong pass is the worst thing planchk can give. Such a value is refused as an input problem
(exit 2) with the slip it looks like, unless the row's note says it was verified (`confirmation`). A value
planchk computes from reported figures (a ratio: team members per 30 teachers) is held against its own scale
the same way, so that a slip in a figure with no scale of its own (the number of teachers) cannot turn a
fail into a pass."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Literal, NamedTuple

from planchk.diagnostics import Diagnostic, notice, place, problem
from planchk.i18n import Bilingual
from planchk.judge.items import item_expected
from planchk.messages import listing, say
from planchk.numbers import EPSILON
from planchk.numbers import format_number as fmt
from planchk.plan.model import Plan
from planchk.plan.schema import Item
from planchk.reading.rows import ActualRow, Actuals

# The one way to say "this figure is right although it looks wrong": a note that starts with 已核实
# ("checked and found right") standing alone or followed by its reason after a colon, comma, semicolon or
# full stop, or with `verified:`. Nothing else confirms, so that a note written for another reason (确认中 "being
# confirmed", 确认后补报 "to be sent once confirmed", "to be confirmed") never switches the check off, nor one
# that goes on to say the opposite (已核实有误 "checked: wrong", 已核实？, 已核实（错误）).
_CONFIRMED = re.compile(r"(已核实)(?=$|[:,;。.\s])|(verified)\s*:", re.IGNORECASE)
# How much of the note a notice quotes.
_NOTE_SHOWN = 40

ScaleKind = Literal["baseline", "plan", "example"]


class Scale(NamedTuple):
    """A row's order of magnitude in the plan: its baseline-year value (baseline), the value the plan expects this year
    (plan), or the plan's illustrative figure (example: used only when no previous year is in the run)."""

    value: float
    unit: str
    kind: ScaleKind


def confirmation(row: ActualRow) -> str | None:
    """The word that confirms the row's value (已核实, or verified as written), when its note starts with it."""
    note = unicodedata.normalize("NFKC", row.note or "").strip()
    found = _CONFIRMED.match(note)
    if found is None:
        return None
    return found.group(1) or found.group(2)


def scale_of(plan: Plan, id_: str, year: int) -> Scale | None:
    """The row's scale in the plan: its baseline-year value, else the value the plan expects, else the plan's
    illustrative figure (`example`), and its unit. None for a value planchk computes (see `_derived`)."""
    ind = plan.indicator_by_id.get(id_)
    if ind is not None:
        return Scale(ind.baseline.value, ind.unit, "baseline")
    item = plan.item_by_id.get(id_)
    if item is None or item.unit is None or item.derived is not None:
        return None
    return _item_scale(plan, item, year)


def _item_scale(plan: Plan, item: Item, year: int) -> Scale | None:
    unit = item.unit or ""
    if item.baseline:
        return Scale(item.baseline, unit, "baseline")
    if item.spec.path or item.derived is not None:
        expected = (item_expected(item, year, plan.meta.baseline_year) if item.spec.path else None) or item.due_value
        if expected:
            return Scale(expected, unit, "plan")
    if item.example:
        return Scale(item.example, unit, "example")
    return None


def _scale_words(plan: Plan, scale: Scale) -> Bilingual:
    if scale.kind == "baseline":
        return say("term.scale_baseline", year=plan.meta.baseline_year, value=fmt(scale.value))
    if scale.kind == "example":
        return say("term.scale_example", value=fmt(scale.value))
    return say("term.scale_plan", value=fmt(scale.value))


def _inline(words: Bilingual) -> Bilingual:
    """The scale's words set between two Chinese words (是…的): a space on a side that ends in a digit or a Latin
    letter (是 2020 年数值 2.52 的), none beside Chinese or a full-width bracket (是上一年数值 3.2（2021.csv）的)."""
    zh = words.zh.strip()
    return Bilingual(zh=(" " if zh[:1].isascii() else "") + zh + (" " if zh[-1:].isascii() else ""), en=words.en)


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


def _far(value: float, scale: float, factor: float) -> bool:
    return scale > 0 and max(value / scale, scale / value) >= factor


def _near_a_milestone(plan: Plan, id_: str, value: float, factor: float) -> bool:
    """An indicator's value within `factor` of a milestone of its own is on the plan's way, however far from its
    base: 大班额比例 3.5 → ≤0.5 by 2030 expects figures a seventh of the base, and 0.4 is no slip."""
    ind = plan.indicator_by_id.get(id_)
    return ind is not None and any(t.value > 0 and not _far(value, t.value, factor) for t in ind.targets)


def _brought_to_zero(plan: Plan, id_: str) -> bool:
    """A figure the plan brings down to 0 (消除大班额: ≤ 0 %): any fall towards it is the plan's way, not a slip (2.1 %
    then 0.4 % is a fifth, and progress)."""
    item, ind = plan.item_by_id.get(id_), plan.indicator_by_id.get(id_)
    if item is not None:
        return item.comparator == "<=" and item.target == 0
    return ind is not None and ind.final.comparator == "<=" and ind.final.value == 0


def _fraction_for_percent(value: float, unit: str, scale: float) -> bool:
    """A rate written as a fraction (0.998 for 99.8 %): 1 or less where the plan's values are 10 or more."""
    return unit == "%" and value <= 1 < 10 <= scale


class _Reference(NamedTuple):
    value: float
    words: Bilingual
    previous: bool  # the previous year's value: either year may be the slip


def check(plan: Plan, actuals: Actuals, previous: Actuals | None = None) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(problems, notices): a problem per implausible value; a notice per extreme value a note confirms."""
    factor = plan.rules.plausibility_factor
    units = set(plan.rules.measured_units)
    before = previous if previous is not None and previous.year == actuals.year - 1 else None
    problems: list[Diagnostic] = []
    notices: list[Diagnostic] = []
    said: set[str] = set()  # rows found implausible (confirmed or not): a value computed from them is not
    for id_, row in actuals.rows.items():
        value = row.value
        if value is None or value <= 0 or not row.line:  # nothing reported, zero, or computed by planchk
            continue
        scale = scale_of(plan, id_, actuals.year)
        item = plan.item_by_id.get(id_)
        unit = scale.unit if scale else (item.unit if item is not None else None)
        if unit is None or unit not in units:
            continue
        limit = _limit_passed(plan, id_, unit, value)
        if limit is not None:  # a % that may exceed 100, by far more than such figures do
            said.add(id_)
            found = _above_limit(actuals, row, limit)
            (problems if found.level == "error" else notices).append(row.locate(found))
            continue
        if _near_a_milestone(plan, id_, value, factor):
            scale = None  # on the plan's own way: only the year before can still show a slip
        reference = _reference(plan, value, unit, scale, _previous(before, id_), factor)
        if reference is None or (value < reference.value and _brought_to_zero(plan, id_)):
            continue
        said.add(id_)
        found = _finding(plan, actuals, row, unit, reference)
        (problems if found.level == "error" else notices).append(row.locate(found))
    for item in plan.item_by_id.values():
        found_derived = _derived(plan, actuals, before, item, said, factor)
        if found_derived is not None:
            (problems if found_derived.level == "error" else notices).append(found_derived)
    return problems, notices


def _limit_passed(plan: Plan, id_: str, unit: str, value: float) -> float | None:
    """The plan's limit (rules.exceeding_100_up_to) when `value` passes it on a % row that may exceed 100: the reader
    has no ceiling for such a row, and 5× its scale would let 450 % through."""
    target = plan.indicator_by_id.get(id_) or plan.item_by_id.get(id_)
    limit = plan.rules.exceeding_100_up_to
    may = target is not None and target.may_exceed_100
    return limit if unit == "%" and may and value > limit else None


def _above_limit(actuals: Actuals, row: ActualRow, limit: float) -> Diagnostic:
    """An input problem, or with a confirming note a notice, for a % past the plan's limit."""
    number, shown = fmt(row.value or 0.0), fmt(limit)
    confirmed_by = confirmation(row)
    if confirmed_by is not None:
        note = _shown_note(row.note or "")
        return notice(
            actuals.file,
            "notice.above_limit_confirmed",
            value=row.raw,
            number=number,
            limit=shown,
            word=confirmed_by,
            note=note,
        )
    return problem(actuals.file, "input.above_limit", value=row.raw, number=number, limit=shown)


def _previous(before: Actuals | None, id_: str) -> tuple[ActualRow, str] | None:
    """The previous year's row of `id_` with a value above 0, and where it is."""
    prev = before.rows.get(id_) if before is not None else None
    if before is None or prev is None or not prev.value or prev.value <= 0:
        return None
    # where the previous value is: its file, and in a workbook its sheet and cell
    return prev, place(prev.file or before.file, prev.line or None, prev.sheet, prev.value_column)


def _reference(
    plan: Plan,
    value: float,
    unit: str,
    scale: Scale | None,
    prev: tuple[ActualRow, str] | None,
    factor: float,
) -> _Reference | None:
    """What `value` is too far from: its scale in the plan, else the previous year's value; the plan's
    illustrative figure only when the previous year is not in the run. None: plausible."""
    planned = scale if scale is not None and scale.kind != "example" else None
    example = scale if scale is not None and scale.kind == "example" and prev is None else None
    for candidate in (planned, example):
        if candidate is not None and (
            _far(value, candidate.value, factor) or _fraction_for_percent(value, unit, candidate.value)
        ):
            return _Reference(candidate.value, _scale_words(plan, candidate), False)
    if prev is not None and prev[0].value is not None and _far(value, prev[0].value, factor):
        words = say("term.scale_previous", value=fmt(prev[0].value), file=prev[1])
        return _Reference(prev[0].value, words, True)
    return None


def _finding(plan: Plan, actuals: Actuals, row: ActualRow, unit: str, reference: _Reference) -> Diagnostic:
    """The problem for an implausible value, or the notice for one its note confirms."""
    value = row.value or 0.0
    number, times = fmt(value), _times(value, reference.value)
    confirmed_by = confirmation(row)
    if confirmed_by is not None:
        return notice(
            actuals.file,
            "notice.implausible_confirmed",
            value=row.raw,
            number=number,
            unit=unit,
            times=times,
            scale=_inline(reference.words),
            word=confirmed_by,
            note=_shown_note(row.note or ""),
        )
    if _fraction_for_percent(value, unit, reference.value) and not reference.previous:
        return problem(
            actuals.file,
            "input.rate_as_fraction",
            value=row.raw,
            number=number,
            scale=reference.words,
            percent=fmt(value * 100),
        )
    slip = _slip(value, reference.value, unit)
    return problem(
        actuals.file,
        "input.implausible",
        value=row.raw,
        number=number,
        unit=unit,
        times=times,
        scale=_inline(reference.words),
        # against last year's figure either of the two may be the slip: say so, not which
        slip=say("term.slip_either", unit=unit, slip=slip) if reference.previous else slip,
    )


def _derived(
    plan: Plan, actuals: Actuals, before: Actuals | None, item: Item, said: set[str], factor: float
) -> Diagnostic | None:
    """A ratio planchk computes (Item.derived, with a denominator), held against the plan's value for it or the
    previous year's, as any measured value: a slip in one of the figures it is computed from (全区教师总数
    written as 360 where 3 600 is meant) shows there even when that figure has no scale of its own. The finding
    is at the cell of the first figure it is divided by, and names every figure it is computed from; it is
    confirmed by that row's note. Not said again when one of those figures was already found implausible."""
    rule = item.derived
    row = actuals.rows.get(item.id)
    if rule is None or not rule.denominator or row is None or row.value is None or row.value <= 0:
        return None
    inputs = [actuals.rows[i] for i in (*rule.numerator, *rule.denominator) if i in actuals.rows]
    anchor = actuals.rows.get(rule.denominator[0])
    if anchor is None:
        return None
    part = sum(actuals.rows[i].value or 0.0 for i in rule.numerator if i in actuals.rows)
    whole = sum(actuals.rows[i].value or 0.0 for i in rule.denominator if i in actuals.rows)
    if part > whole + EPSILON:
        # The figures divided are part and whole (a team drawn from the teachers): a part larger than its whole
        # is impossible, so no note confirms it.
        name = Bilingual(zh=item.name.zh, en=item.name.en)
        return anchor.locate(
            problem(
                actuals.file,
                "input.part_exceeds_whole",
                value=anchor.raw,
                name=name,
                inputs=_inputs(plan, actuals, inputs),
                part=fmt(part),
                whole=fmt(whole),
            )
        )
    if said.intersection(r.id for r in inputs):
        return None
    scale = _item_scale(plan, item, actuals.year)
    prev = _previous(before, item.id)
    unit = item.unit or ""
    reference = _reference(plan, row.value, unit, scale, prev, factor)
    if reference is None:
        return None
    name = Bilingual(zh=item.name.zh, en=item.name.en)
    number, times, figures = fmt(row.value), _times(row.value, reference.value), _inputs(plan, actuals, inputs)
    confirmed_by = confirmation(anchor)
    if confirmed_by is not None:
        found = notice(
            actuals.file,
            "notice.derived_confirmed",
            value=anchor.raw,
            name=name,
            number=number,
            unit=unit,
            inputs=figures,
            times=times,
            scale=_inline(reference.words),
            word=confirmed_by,
            note=_shown_note(anchor.note or ""),
        )
    else:
        found = problem(
            actuals.file,
            "input.implausible_derived",
            value=anchor.raw,
            name=name,
            number=number,
            unit=unit,
            inputs=figures,
            times=times,
            scale=_inline(reference.words),
        )
    return anchor.locate(found)


def _inputs(plan: Plan, actuals: Actuals, rows: list[ActualRow]) -> Bilingual:
    """The figures a value is computed from, each with its name, value, unit and cell."""
    shown: list[Bilingual] = []
    for row in rows:
        names = _names(plan, row.id)
        at = place(row.file or actuals.file, row.line or None, row.sheet, row.value_column)
        unit = _unit(plan, row.id)
        value = fmt(row.value or 0.0)
        shown.append(Bilingual(zh=f"{names.zh} {value} {unit}（{at}）", en=f"{names.en} {value} {unit} ({at})"))
    return listing(shown)


def _names(plan: Plan, id_: str) -> Bilingual:
    ind = plan.indicator_by_id.get(id_)
    if ind is not None:
        return Bilingual(zh=ind.name.zh, en=ind.name.en)
    item = plan.item_by_id.get(id_)
    return Bilingual(zh=item.name.zh, en=item.name.en) if item is not None else Bilingual(zh=id_, en=id_)


def _unit(plan: Plan, id_: str) -> str:
    ind = plan.indicator_by_id.get(id_)
    if ind is not None:
        return ind.unit
    item = plan.item_by_id.get(id_)
    return (item.unit or "") if item is not None else ""


def _shown_note(note: str) -> str:
    """The note as a notice quotes it: its first line, at most _NOTE_SHOWN characters."""
    first = note.strip().splitlines()[0] if note.strip() else ""
    return first if len(first) <= _NOTE_SHOWN else first[:_NOTE_SHOWN] + "…"
