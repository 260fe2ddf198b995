"""The rows a department fills in for one year: every indicator and every item due to be reported."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from planchk.diagnostics import UsageError, problem
from planchk.encodings import file_encoding
from planchk.i18n import label
from planchk.judge.indicators import expected_value
from planchk.judge.items import item_expected, judged_in, unknown_start
from planchk.numbers import format_number as fmt
from planchk.plan.measures import WHOLE_UNITS, ExampleValue
from planchk.plan.model import Plan
from planchk.plan.schema import Item
from planchk.plan.stamp import STAMP_COLUMNS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def due_rows(plan: Plan, year: int) -> list[tuple[str, str, str]]:
    """(id, name, unit) for everything that can be judged in `year`, in plan order."""
    rows = [(ind.id, ind.name.zh, ind.unit) for ind in plan.indicators]
    for programme in plan.programmes:
        for item in programme.items():
            if item.spec.reads == "entries":
                rows += [(e.id, e.name.zh, "") for e in item.entries]
            elif reportable(item, year, plan) and item.derived is None:
                rows.append((item.id, item.name.zh, item.unit or ""))
    return rows


def reportable(item: Item, year: int, plan: Plan) -> bool:
    """Every item is on every year's form that can judge it (judge/items.py judged_in): not a recurring duty
    before the plan's first full year, nor an event before its year. A rate without its 2020 value is on every
    form: its first report is its baseline."""
    return judged_in(item, year, plan)


def safe_cell(text: str) -> str:
    """Neutralise cells a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def template_csv(plan: Plan, year: int, fill: dict[str, str] | None = None) -> str:
    """The template as CSV text; `fill` supplies values by id (used by tests and examples). Its last two columns name
    the plan and its version on every row (plan/stamp.py): planchk reads them back; the header stays the first
    line, so a spreadsheet or a script reads the file as before."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", "id", "name", "unit", "value", "note", *STAMP_COLUMNS])
    stamp = [safe_cell(plan.meta.id), safe_cell(plan.meta.version)]
    for id_, name, unit in due_rows(plan, year):
        writer.writerow([year, id_, safe_cell(name), safe_cell(unit), (fill or {}).get(id_, ""), "", *stamp])
    return out.getvalue()


def plan_values(plan: Plan, year: int, lang: str = "en") -> dict[str, str]:
    """The plan's own value for every due row in `year`: what a year exactly on plan would report. Status words
    in `lang` (完成 / 在建, as on the .xlsx form; files are read in either language: reading/values.py)."""
    values = {ind.id: fmt(expected_value(ind, year)[0]) for ind in plan.indicators}
    for programme in plan.programmes:
        for item in programme.items():
            values.update(EXAMPLE_VALUES[item.spec.example_value](item, year, plan))
    if lang == "zh":
        values = {id_: label("zh", v) if v in STATUSES_WRITTEN else v for id_, v in values.items()}
    return values


STATUSES_WRITTEN = ("done", "in_progress", "not_started")  # the status words `_status` writes


def _on_path(item: Item, year: int, plan: Plan) -> dict[str, str]:
    """The number due this year; a thing formed once, at its full size (formed early is on plan)."""
    if item.clock == "once" and item.due_value is not None:
        return {item.id: fmt(item.due_value)}
    expected = item_expected(item, year, plan.meta.baseline_year)
    if expected is None and unknown_start(item):
        # No 2020 value and no report to start from: the plan's own figure, the only one it gives.
        expected = item.due_value
    if expected is None:
        return {}
    if item.comparator == ">" and year >= item.due:
        # 超过 / 余: the plan's own number does not pass; the smallest step above it does.
        expected += 0.1 if item.unit == "%" else 1
    return {item.id: fmt(expected)}


def _status(item: Item, year: int, plan: Plan) -> dict[str, str]:
    """done from the due year, in progress before: the item's own row, or each named entry's."""
    word = "done" if year >= item.due else "in_progress"
    return {e.id: word for e in item.entries} if item.spec.reads == "entries" else {item.id: word}


def _raised(item: Item, year: int, plan: Plan) -> dict[str, str]:
    """Above the 2020 value by a step a year; without that value, the plan's illustrative example."""
    if item.baseline is None:
        return _illustrative(item, year, plan)
    step = 0.1 if item.unit == "%" else 1.0
    return {item.id: fmt(item.baseline + step * (year - plan.meta.baseline_year))}


def _illustrative(item: Item, year: int, plan: Plan) -> dict[str, str]:
    """The plan gives no number: an illustrative one from the plan file; a year-over-year rule's rises 2 % a
    year so that consecutive example years keep the rule."""
    if item.derived is not None or item.example is None:
        return {}
    growth = 1.02 ** (year - plan.meta.period_start) if item.clock == "trend" else 1.0
    # people and things counted one by one are whole: 1100 teachers grown 2 % is 1144, not 1144.4
    digits = 0 if item.unit in WHOLE_UNITS else 1
    return {item.id: fmt(round(item.example * growth, digits))}


# How each measure's example value is made (plan/measures.py, ExampleValue).
EXAMPLE_VALUES: dict[ExampleValue, Callable[[Item, int, Plan], dict[str, str]]] = {
    "path": _on_path,
    "status": _status,
    "raise": _raised,
    "example": _illustrative,
}


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


def template_bytes(plan: Plan, year: int, encoding: str, example: bool, lang: str = "en") -> bytes:
    """The template for `year` in `encoding`, filled with the plan's own values when `example` is set (status
    words in `lang`)."""
    check_year(plan, year)
    if file_encoding(encoding) is None:
        raise UsageError([problem("--encoding", "usage.unknown_encoding", encoding=encoding)])
    text = template_csv(plan, year, plan_values(plan, year, lang) if example else None)
    try:
        return text.encode(encoding)
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
