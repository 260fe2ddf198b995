"""The form of `planchk template YEAR -o form.xlsx`: the CSV template's rows as a workbook to fill in Excel or
WPS (docs/rules.md#the-xlsx-form). XlsxWriter is imported only here, only when a workbook is written.

- 填写说明 (first): the plan's id and version under its title (规划编号, 规划版本: plan/stamp.py, read back by
  planchk), then what each column means, which rows take a status word, how counts are counted on each
  clock, what range a rate takes, how to confirm an extreme value. It holds no indicator's id, so its rows
  are not read as data.
- the indicators' table (专栏1 for the bundled plan), then one sheet per box (专栏2 … 专栏8, 正文): the columns
  of the CSV contract in Chinese (年份, 编号, 名称, 单位, 数值, 备注) and two shown for reference (计数方式,
  本年规划值), which planchk reads past. A filled form is read like a CSV: the sheets together are one year.
- Every cell is locked but 数值 and 备注 (sheet protection without a password: it guards against slips, not
  people). 数值 has data validation: a drop-down 完成/在建/未开工 for completions, whole numbers for counts,
  0-100 for a %, and the plausible range for measured values (the plan's scale ÷/× the plausibility factor;
  a warning that can be passed, since a value verified with 已核实 in 备注 may lie outside). A count takes whole
  numbers up to WHOLE_MAX, so that a date Excel makes of 3/5 is refused as it is typed; the value cells keep
  the General format, so that Excel marks a date it makes with a date format, which planchk refuses; the
  sheet lets cells be formatted, so that such a cell can be set back to General.
- Frozen header, widths for the Chinese names, A4 landscape fitted to the page width, the header row
  repeated on every printed page.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from typing import Any

from planchk.i18n import label
from planchk.judge.plausibility import scale_of
from planchk.numbers import format_number as fmt
from planchk.plan.contract import contract_of
from planchk.plan.measures import WHOLE_UNITS, value_bounds
from planchk.plan.model import Plan
from planchk.plan.schema import Item
from planchk.plan.stamp import WRITTEN
from planchk.template import check_year, due_rows, plan_values

HEADER = ["年份", "编号", "名称", "单位", "计数方式", "本年规划值", "数值", "备注"]
VALUE_COLUMN = HEADER.index("数值")
WIDTHS = [7, 34, 44, 8, 16, 12, 12, 36]
# The form is in Chinese: a completion's status words as every Chinese view shows them (i18n.LABELS).
STATUS_SHOWN = {word: label("zh", word) for word in ("done", "in_progress", "not_started")}
STATUS_WORDS = list(STATUS_SHOWN.values())
CLOCK_SHOWN = {
    "standing": "每年达标（底线）",
    "recurring": "当年数（每年）",
    "cumulative": "累计数",
    "once": "建成/组建",
    "trend": "与上年比较",
}
# A count's largest value the form accepts: Excel stores a date typed into a cell (3/5, 3-5, 3月5日) as its
# serial number, a whole number (3月5日 of 2023 is 44 990), and a whole-number validation alone accepts it. Every
# date from 1982-02-18 on is a serial of 30 000 or more, so a count cell refuses it as it is typed. A row whose
# plan figure is near that bound has no upper bound; a date there is still read as the date it shows
# (reading/workbook.py) and refused.
WHOLE_MAX = 29_999
INSTRUCTIONS = [
    ("填写说明", ""),
    (
        "本表用途",
        "《{title}》{year} 年度监测数据填报。填好后保存为 .xlsx，交给 planchk 检查："
        "planchk evaluate 本文件。",
    ),
    ("哪些格子可以填", "只有“数值”和“备注”两列可以填写；其余各列已锁定（工作表保护，无密码），请勿改动。"),
    ("年份列", "本表所属年份，每行相同。"),
    ("编号列", "规划中每个指标、项目的固定编号，planchk 按编号读取，不可修改。"),
    ("名称列、单位列", "指标或项目的名称和计量单位，数值须按此单位填写（例如单位为“万人”时，16700 人应填 1.67）。"),
    (
        "计数方式列",
        "当年数（每年）：只填本年度自己的数量，不要累加往年；累计数：填截至本年底的累计总数（含 {base} 年已有的）；"
        "每年达标（底线）：填本年度的实际水平；建成/组建：填完成状态或已组建的规模；与上年比较：填本年度的数值，"
        "planchk 与上一年比较。",
    ),
    ("本年规划值列", "按规划本年度应达到的数值或状态，仅供参考，不必填写。"),
    (
        "数值列",
        "填本年度的实际数值。完成类项目在下拉框中选择：完成、在建、未开工。"
        "百分比填 0 到 100 之间的数（毛入学率等少数几项可以超过 100），"
        "例如 99.8（不要填 0.998）。没有数据时留空，或填“-”。",
    ),
    (
        "数值的合理范围",
        "填写超出合理范围（与规划数值相差 5 倍以上）的数值时，表格会提示核对单位。如数值确实如此，"
        "请在“备注”中以“已核实”开头说明原因，例如“已核实：含外区借读生”。只有以“已核实”开头的备注算作核实，"
        "“确认中”“待确认”等不算。",
    ),
    ("备注列", "说明情况，例如数据来源、未完成原因；以“已核实”开头表示已核实一个超出常规的数值。"),
    (
        "日期和是/否",
        "数值列只填数字或完成状态。在 Excel 中输入 3/5、3-5、10:30 会被自动转成日期或时间，TRUE/FALSE 是逻辑值，"
        "planchk 都会报错；如单元格已显示为日期，请把它的格式设为“常规”后重新输入数字。",
    ),
    ("注意", "请不要插入空行、合计行，不要改动表头、增删列或改动工作表名称以外的结构；可以打印（A4 横向）。"),
]


@dataclass(frozen=True)
class FormRow:
    id: str
    name: str
    unit: str
    clock: str
    expected: str
    kind: str  # status, percent, percent_over (a % that may exceed 100), range, whole, number
    low: float | None = None
    high: float | None = None


def indicator_sheet(plan: Plan) -> str:
    """The indicators' sheet, named as the plan prints their table (专栏1 for Dadukou, 表1 for a plan whose table is
    表1: a programme of that box, a row of the table encoded as an item, joins it); 主要指标 when the rows come
    from several places."""
    boxes = {ind.source.box for ind in plan.indicators}
    return _sheet_name(boxes.pop()) if len(boxes) == 1 else "主要指标"


def form_rows(plan: Plan, year: int) -> list[tuple[str, list[FormRow]]]:
    """The form's rows by sheet: the indicators' (`indicator_sheet`), then one sheet per box, in plan order."""
    specs = contract_of(plan).specs
    expected = plan_values(plan, year)
    factor = plan.rules.plausibility_factor
    measured = set(plan.rules.measured_units)
    due = {id_: (name, unit) for id_, name, unit in due_rows(plan, year)}
    sheets: list[tuple[str, list[FormRow]]] = []

    def row(id_: str, clock: str, item: Item | None) -> FormRow:
        name, unit = due[id_]
        spec = specs[id_]
        shown = expected.get(id_, "")
        if spec.reads == "status":
            return FormRow(id_, name, unit, clock, STATUS_SHOWN.get(shown, shown), "status")
        words = item.spec.form_words if item is not None else None
        if words is not None:  # a rule or a figure: what the plan asks in words, not an illustrative number
            shown = words
        scale = scale_of(plan, id_, year)
        if unit == "%":
            # the reader's bounds (plan.measures.value_bounds); a % that may exceed 100 is held to the plan's limit
            # with a warning Excel lets the office pass, as the reader lets a confirming note pass it
            low, high = value_bounds(unit, spec.may_exceed_100)
            if high is None:
                return FormRow(id_, name, unit, clock, shown, "percent_over", low, plan.rules.exceeding_100_up_to)
            return FormRow(id_, name, unit, clock, shown, "percent", low, high)
        if scale is not None and unit in measured and scale.value > 0:
            return FormRow(id_, name, unit, clock, shown, "range", scale.value / factor, scale.value * factor)
        if unit in WHOLE_UNITS:
            near = scale is not None and scale.value * factor > WHOLE_MAX
            return FormRow(id_, name, unit, clock, shown, "whole", 0, None if near else WHOLE_MAX)
        return FormRow(id_, name, unit, clock, shown, "number", 0)

    indicators = [row(ind.id, "当年值", None) for ind in plan.indicators if ind.id in due]
    if indicators:  # a unit's form (template --unit) may hold no indicator
        sheets.append((indicator_sheet(plan), indicators))
    for programme in plan.programmes:
        rows: list[FormRow] = []
        for item in programme.items():
            clock = CLOCK_SHOWN.get(item.clock, item.clock)
            if item.spec.reads == "entries":
                rows += [row(e.id, clock, None) for e in item.entries if e.id in due]
            elif item.id in due:
                rows.append(row(item.id, clock, item))
        if not rows:
            continue
        title = _sheet_name(programme.box or programme.id)
        found = next((r for s, r in sheets if s == title), None)
        if found is not None:
            found += rows
        else:
            sheets.append((title, rows))
    return sheets


def _sheet_name(box: str) -> str:
    return "".join(c for c in box if c not in "[]:*?/\\")[:31] or "sheet"


def template_xlsx(plan: Plan, year: int, example: bool = False) -> bytes:
    """The .xlsx form for `year`; with `example`, filled with the plan's own values (as the CSV's --example)."""
    import xlsxwriter  # type: ignore[import-untyped]

    check_year(plan, year)
    fill = plan_values(plan, year) if example else {}
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    book.set_properties({"title": f"{plan.meta.title.zh} {year} 年度监测填报表", "creator": "planchk"})
    base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
    fmt_head = book.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
    fmt_locked = book.add_format({**base, "border": 1, "bg_color": "#F2F2F2", "text_wrap": True})
    fmt_open = book.add_format({**base, "border": 1, "locked": False, "bg_color": "#FFF2CC"})
    fmt_note = book.add_format({**base, "border": 1, "locked": False, "text_wrap": True})
    fmt_title = book.add_format({**base, "bold": True, "font_size": 14})
    fmt_text = book.add_format({**base, "text_wrap": True, "valign": "top"})
    fmt_key = book.add_format({**base, "bold": True, "valign": "top"})

    plan_title = re.sub(r'"([^"]*)"', r"“\1”", plan.meta.title.zh)  # 大渡口区…“十四五”规划 as the plan prints it
    guide = book.add_worksheet("填写说明")
    guide.set_column(0, 0, 18)
    guide.set_column(1, 1, 100)
    # Under the title, the plan the form is for (plan/stamp.py): planchk reads it back and says so when a form of
    # another plan or version is judged.
    stamped = list(zip(WRITTEN, (plan.meta.id, plan.meta.version), strict=True))
    for r, (key, text) in enumerate([INSTRUCTIONS[0], *stamped, *INSTRUCTIONS[1:]]):
        if r == 0:
            guide.write(0, 0, f"{key}（{year} 年）", fmt_title)
            continue
        guide.write(r, 0, key, fmt_key)
        if r <= len(stamped):
            guide.write_string(r, 1, text, fmt_text)  # an id or version, written as it is
        else:
            guide.write(r, 1, text.format(year=year, title=plan_title, base=plan.meta.baseline_year), fmt_text)
    guide.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})

    for title, rows in form_rows(plan, year):
        sheet = book.add_worksheet(title)
        for c, width in enumerate(WIDTHS):
            sheet.set_column(c, c, width)
        sheet.write_row(0, 0, HEADER, fmt_head)
        sheet.freeze_panes(1, 0)
        for r, form in enumerate(rows, start=1):
            cells: list[Any] = [year, form.id, form.name, form.unit, form.clock, form.expected]
            for c, value in enumerate(cells):
                sheet.write(r, c, value, fmt_locked) if c == 0 else sheet.write_string(r, c, str(value), fmt_locked)
            given = fill.get(form.id, "")
            if form.kind == "status" or not given:
                sheet.write_string(r, VALUE_COLUMN, STATUS_SHOWN.get(given, given), fmt_open)
            else:
                sheet.write_number(r, VALUE_COLUMN, float(given), fmt_open)
            sheet.write_blank(r, VALUE_COLUMN + 1, None, fmt_note)
            _validate(sheet, r, form)
        sheet.protect(
            "",
            {
                "select_locked_cells": True,
                "select_unlocked_cells": True,
                "format_cells": True,  # a cell Excel turned into a date can be set back to General
                "format_columns": True,
                "format_rows": True,
            },
        )
        sheet.set_paper(9)  # A4
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        sheet.set_header(f"&C{plan.meta.title.zh} {year} 年度监测填报表 · &A")
        sheet.set_footer("&C第 &P 页，共 &N 页")
    book.close()
    return out.getvalue()


def _validate(sheet: Any, r: int, form: FormRow) -> None:
    unit = form.unit or ""
    if form.kind == "status":
        sheet.data_validation(
            r,
            VALUE_COLUMN,
            r,
            VALUE_COLUMN,
            {
                "validate": "list",
                "source": STATUS_WORDS,
                "input_title": "完成状态",
                "input_message": "请选择：完成、在建、未开工",
                "error_title": "请选择完成状态",
                "error_message": "只能填 完成、在建 或 未开工。",
            },
        )
        return
    if form.kind == "percent":
        rule = {"validate": "decimal", "criteria": "between", "minimum": form.low, "maximum": form.high}
        message = "百分比填 0 到 100 之间的数，例如 99.8（不要填 0.998）。"
    elif form.kind == "percent_over" and form.high is not None:
        rule = {"validate": "decimal", "criteria": "between", "minimum": form.low, "maximum": form.high,
                "error_type": "warning"}
        message = (
            f"百分比，可以超过 100（如毛入学率），例如 100.6（不要填 1.006）；超过 {fmt(form.high)} 时请核对，"
            "如确实如此，请在“备注”中以“已核实”开头说明。"
        )
    elif form.kind == "range" and form.low is not None and form.high is not None:
        low, high = _round(form.low), _round(form.high)
        whole = unit in WHOLE_UNITS  # a count of people: whole numbers, in the plausible range
        if whole:
            low, high = float(math.floor(low)), float(math.ceil(high))
        kind = "integer" if whole else "decimal"
        rule = {"validate": kind, "criteria": "between", "minimum": low, "maximum": high, "error_type": "warning"}
        message = (
            f"请填{'整数' if whole else '数值'}，合理范围约 {fmt(low)}–{fmt(high)} {unit}。超出这一范围时请核对单位；"
            "如确实如此，请在“备注”中以“已核实”开头说明。"
        )
    elif form.kind == "whole" and form.high is not None:
        rule = {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": form.high}
        message = f"请填整数（{unit}）。输入 3/5、3-5 之类会被 Excel 转成日期，请直接填数字。"
    elif form.kind == "whole":
        rule = {"validate": "integer", "criteria": ">=", "value": 0}
        message = f"请填整数（{unit}）。"
    else:
        rule = {"validate": "decimal", "criteria": ">=", "value": 0}
        message = "请填不小于 0 的数。"
    sheet.data_validation(
        r,
        VALUE_COLUMN,
        r,
        VALUE_COLUMN,
        {**rule, "error_title": "请核对数值", "error_message": message[:255], "ignore_blank": True},
    )


def _round(value: float) -> float:
    """A bound people can read: three significant digits."""
    return float(f"{value:.3g}")
