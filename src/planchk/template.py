"""The rows a department fills in for one year: every indicator and every item due to be reported."""

from __future__ import annotations

import csv
import io

from planchk.diagnostics import UsageError, problem
from planchk.judge.indicators import expected_value
from planchk.judge.items import item_expected
from planchk.numbers import format_number as fmt
from planchk.plan.model import Plan
from planchk.plan.schema import Item

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def due_rows(plan: Plan, year: int) -> list[tuple[str, str, str]]:
    """(id, name, unit) for everything that can be judged in `year`, in plan order."""
    rows = [(ind.id, ind.name.zh, ind.unit) for ind in plan.indicators]
    for programme in plan.programmes:
        for item in programme.items():
            if item.measure == "named_list":
                rows += [(e.id, e.name.zh, "") for e in item.entries]
            elif reportable(item, year) and item.derived is None:
                rows.append((item.id, item.name.zh, item.unit or ""))
    return rows


def reportable(item: Item, year: int) -> bool:
    """Every item is on every year's form, but a cumulative rate with no known 2020 value: it has no time
    path and is only judged from its due year on."""
    return not (item.clock == "cumulative" and item.measure == "rate" and item.baseline is None and year < item.due)


def safe_cell(text: str) -> str:
    """Neutralise cells a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def template_csv(plan: Plan, year: int, fill: dict[str, str] | None = None) -> str:
    """The template as CSV text; `fill` supplies values by id (used by tests and examples)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", "id", "name", "unit", "value", "note"])
    for id_, name, unit in due_rows(plan, year):
        writer.writerow([year, id_, safe_cell(name), safe_cell(unit), (fill or {}).get(id_, ""), ""])
    return out.getvalue()


def plan_values(plan: Plan, year: int) -> dict[str, str]:
    """The plan's own value for every due row in `year`: what a year exactly on plan would report."""
    values = {ind.id: fmt(expected_value(ind, year)[0]) for ind in plan.indicators}
    base = plan.meta.baseline_year
    for programme in plan.programmes:
        for item in programme.items():
            if item.measure == "named_list":
                values.update({e.id: "done" if year >= item.due else "in_progress" for e in item.entries})
            elif item.measure == "completion":
                values[item.id] = "done" if year >= item.due else "in_progress"
            elif item.measure == "raise" and item.baseline is not None:
                step = 0.1 if item.unit == "%" else 1.0
                values[item.id] = fmt(item.baseline + step * (year - plan.meta.baseline_year))
            elif item.measure in ("non_decreasing", "rising", "figure", "raise"):
                # The plan gives no number: an illustrative one from the plan file; a year-over-year rule's
                # rises 2 % a year so that consecutive example years keep the rule.
                if item.derived is None and item.example is not None:
                    growth = 1.02 ** (year - plan.meta.period_start) if item.clock == "trend" else 1.0
                    values[item.id] = fmt(round(item.example * growth, 1))
            elif item.clock == "once" and item.due_value is not None:
                values[item.id] = fmt(item.due_value)  # formed early, at its full size, is on plan
            else:
                expected = item_expected(item, year, base)
                if expected is None:
                    continue
                if item.comparator == ">" and year >= item.due:
                    # 超过 / 余: the plan's own number does not pass; the smallest step above it does.
                    expected += 0.1 if item.unit == "%" else 1
                values[item.id] = fmt(expected)
    return values


def check_year(plan: Plan, year: int) -> None:
    """A template is for a year of the plan period."""
    if not plan.meta.period_start <= year <= plan.meta.period_end:
        raise UsageError(
            [
                problem(
                    "YEAR",
                    "usage.year_outside_period",
                    year=year,
                    start=plan.meta.period_start,
                    end=plan.meta.period_end,
                )
            ]
        )


def template_bytes(plan: Plan, year: int, encoding: str, example: bool) -> bytes:
    """The template for `year` in `encoding`, filled with the plan's own values when `example` is set."""
    check_year(plan, year)
    text = template_csv(plan, year, plan_values(plan, year) if example else None)
    try:
        return text.encode(encoding)
    except LookupError:
        raise UsageError([problem("--encoding", "usage.unknown_encoding", encoding=encoding)]) from None
    except UnicodeEncodeError as exc:
        raise UsageError(
            [
                problem(
                    "--encoding",
                    "usage.encoding_cannot_write",
                    value=encoding,
                    encoding=encoding,
                    char=repr(exc.object[exc.start]),
                )
            ]
        ) from None
