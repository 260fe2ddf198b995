"""The indicator table (主要指标 / 专栏1 / 表1), whatever its shape: cells, header, rows, 其中 parts, stacked cells."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planchk.plan.source_text import NUMBER as _NUM
from planchk.plan.source_text import SUFFIX_COMPARATORS, Line

# A line that starts the table: 专栏1 …主要指标, 表1 …主要指标, 主要指标表.
TABLE_TITLE = re.compile(r"主要指标|指标表")
HEADER_WORDS = re.compile(
    r"^(分类|类别|领域|指标|指标名称|序号|单位|计量单位|属性|指标属性|备注|"
    r"[^|]*?(19|20)\d\d年?[^|]*)$"
)
ATTRIBUTES = {"约束性": "binding", "预期性": "indicative"}
EMPTY_CELL = {"—", "-", "－", "/", "／", "——", "…"}
# One value cell: 力争 ≥93 / 99%以上 / 12.3年以上 / 不低于95 / 95左右 / ≤0.5
VALUE = re.compile(
    r"(?P<hedge>力争|争取)?\s*"
    r"(?P<pre>≥|>=|＞|>|≤|<=|＜|<|不低于|不少于|不高于|不超过|超过|低于|达到|约)?\s*"
    rf"(?P<n>{_NUM})\s*(?P<unit>%|％|万人|年|人/班|人|所|个|亿元|万元)?\s*(?P<post>以上|以下|以内|左右)?"
)
_VALUE_PLAIN = re.sub(r"\?P<\w+>", "?:", VALUE.pattern)  # the same without group names, to repeat it
VALUE_CELL = re.compile(rf"(?:{_VALUE_PLAIN})(?:\s+(?:{_VALUE_PLAIN}))*")
CELL_COMPARATORS = {
    "≥": ">=",
    ">=": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "达到": ">=",
    "＞": ">",
    ">": ">",
    "超过": ">",
    "≤": "<=",
    "<=": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "＜": "<=",
    "<": "<=",
    "低于": "<=",
    "约": "approx",
}  # a milestone has no strict "<": <0.5 is read as <=
# Units in a row name: 在园幼儿数(万人), 巩固率（%）
NAME_UNIT = re.compile(r"[(（]\s*(%|％|[^()（）]{1,6})\s*[)）]\s*$")
CATEGORY = re.compile(r"^[一二三四五六七八九十]+[、.．]")  # 一、学生规模
RATE_NAME = re.compile(r"(率|占比|比例|比重)$")


@dataclass(frozen=True)
class Cell:
    text: str
    line: int


@dataclass(frozen=True)
class CellValue:
    value: float
    comparator: str
    unit: str | None
    hedge: str | None
    as_written: str


def parse_value(text: str) -> CellValue | None:
    """One value cell: "99%以上" → 99, >=, %; "≥93" → 93, >=; "95左右" → approx; "力争99.5" → hedge 力争.

    An empty cell ("—") is None.
    """
    m = VALUE.fullmatch(text.strip())
    if m is None:
        return None
    comparator = CELL_COMPARATORS.get(m["pre"] or "", ">=")  # a bare number: reach at least this
    if m["post"]:
        comparator = SUFFIX_COMPARATORS[m["post"]]
    unit = {"％": "%"}.get(m["unit"] or "", m["unit"])
    return CellValue(float(m["n"]), comparator, unit or None, m["hedge"], text.strip())


def is_value_cell(text: str) -> bool:
    """A cell of numbers (one, or several stacked: "7.6 4.4"), or an empty mark ("—")."""
    return bool(VALUE_CELL.fullmatch(text.strip())) or text.strip() in EMPTY_CELL


def is_attribute_cell(text: str) -> bool:
    """预期性 / 约束性, once or stacked ("预期性 预期性")."""
    return all(w in ATTRIBUTES for w in text.split())


def table_cells(lines: list[Line], start: int) -> list[Cell]:
    """The cells of the table whose title is line `start`, in reading order.

    Cells are split at `|`, tabs and runs of 2+ spaces (text copied from a web page, a PDF or Word).
    The table ends at a blank line or a line of prose (a sentence with `。` or a long line without cells).
    """
    cells: list[Cell] = []
    seen_value = False
    for line in lines[start:]:
        text = line.text
        if not text.strip():
            if seen_value:
                break
            continue
        parts = [p.strip() for p in re.split(r"\||\t|\s{2,}|　", text) if p.strip()]
        if "。" in text or (len(parts) == 1 and len(parts[0]) > 40):
            break
        for p in parts:
            if re.fullmatch(r":?-{3,}:?", p):
                continue  # a Markdown table's rule line
            seen_value = seen_value or is_value_cell(p)
            cells.append(Cell(p, line.number))
    return cells


@dataclass
class Row:
    """One indicator row as read from the table."""

    name: str
    category: str
    cells: list[Cell]
    values: list[CellValue | None]
    attribute: str | None
    unit: str | None
    unit_from: str
    part_of: int | None  # index of the total row
    line: int
    quote: str


@dataclass
class Table:
    box: str
    title_line: int
    years: list[int]
    rows: list[Row]
    notes: list[str]


def find_table(lines: list[Line]) -> int | None:
    """The line index (0-based) of the indicator table's title: "专栏1大渡口区…主要指标", "表1 …主要指标"."""
    for i, line in enumerate(lines):
        if TABLE_TITLE.search(line.text) and len(line.text) < 80:
            return i
    return None


def header_years(cells: list[Cell]) -> tuple[list[int], int, bool]:
    """The year columns of the header ("2020年 | 2022年 | 2025年", "基期值(2015年)"), how many cells the header
    takes, and whether it has a unit column (单位)."""
    years: list[int] = []
    has_unit = False
    count = 0
    for cell in cells:
        is_year = re.match(r"^(19|20)\d\d年", cell.text) is not None
        if not HEADER_WORDS.match(cell.text) or (parse_value(cell.text) is not None and not is_year):
            break
        m = re.search(r"((?:19|20)\d\d)", cell.text)
        if m:
            years.append(int(m[1]))
        has_unit = has_unit or cell.text in ("单位", "计量单位")
        count += 1
    return years, count, has_unit


def split_stacked(name: str, k: int) -> list[str] | None:
    """A name cell that stacks k rows: "在校学生数(万人) 其中:小学 初中" with 3 values → the three names."""
    parts = [p for p in re.split(r"\s+|、|(?=其中)", name) if p]
    merged: list[str] = []
    for p in parts:  # "其中:" alone, or a unit in parentheses split off, joins its neighbour
        if merged and (merged[-1] in ("其中:", "其中：", "其中") or re.fullmatch(r"[(（].*[)）]", p)):
            merged[-1] += p
        else:
            merged.append(p)
    return merged if len(merged) == k else None


def read_table(lines: list[Line], start: int) -> Table:
    """Read the indicator table whose title is lines[start]: header, categories, rows, 其中 parts, stacked cells.

    Dadukou (one cell per line): "学前 教育 |", "在园幼儿数(万人) |", "1.47 |", "1.67 |", "1.97 |", "预期性 |".
    Riverside (a row per line): "其中:小学    7.6    8.5    预期性".
    """
    title = lines[start].text
    box_m = re.search(r"(专栏\s*\d+|表\s*\d+)", title)
    box = re.sub(r"\s", "", box_m[1]) if box_m else "主要指标"
    cells = table_cells(lines, start + 1)
    years, used, has_unit = header_years(cells)
    reader = _RowReader(cells[used:], len(years), has_unit)
    reader.read()
    return Table(box, lines[start].number, years, reader.rows, reader.notes)


class _RowReader:
    """Reads the cells after the header into rows, keeping the category and the 其中 block they are in."""

    def __init__(self, cells: list[Cell], width: int, has_unit: bool) -> None:
        self.cells, self.width, self.has_unit = cells, width, has_unit
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.category = ""
        self.total: int | None = None  # the row a 其中 part belongs to
        self.in_parts = False

    def read(self) -> None:
        cells, i = self.cells, 0
        while i < len(cells):
            cell = cells[i]
            text = cell.text
            if _row_number(cells, i):
                i += 1  # a row number (序号 column) before the row's name
                continue
            if is_value_cell(text) or is_attribute_cell(text):
                self.notes.append(f"line {cell.line}: cell '{text}' outside a row, skipped")
                i += 1
                continue
            unit_cell, values, attribute, j = self._row_span(i)
            if not values or CATEGORY.match(text):
                # a text cell followed by text: a category (学前 教育 / 一、学生规模)
                self.category = re.sub(r"^[一二三四五六七八九十]+[、.．]\s*|\s+", "", text)
                self.total, self.in_parts = None, False
                i += 1
                continue
            self._add(cell, cells[i:j], unit_cell, values, attribute)
            i = j

    def _row_span(self, i: int) -> tuple[str | None, list[Cell], str | None, int]:
        """The cells of the row named by cell i: its unit cell, value cells and attribute, and where it ends."""
        cells, j = self.cells, i + 1
        unit_cell: str | None = None
        if self.has_unit and j < len(cells) and not is_value_cell(cells[j].text):
            unit_cell = cells[j].text
            j += 1
        values: list[Cell] = []
        while (
            j < len(cells)
            and is_value_cell(cells[j].text)
            and len(values) < max(self.width, 1)
            and not _row_number(cells, j)
        ):
            values.append(cells[j])
            j += 1
        attribute = None
        if values and j < len(cells) and is_attribute_cell(cells[j].text):
            attribute = cells[j].text
            j += 1
        return unit_cell, values, attribute, j

    def _add(
        self, cell: Cell, row_cells: list[Cell], unit_cell: str | None, values: list[Cell], attribute: str | None
    ) -> None:
        """The row (or the rows stacked in its cells) named by `cell`."""
        text = cell.text
        stacked = len(values[0].text.split())
        names = split_stacked(text, stacked) if stacked > 1 else [text]
        if names is None:
            self.notes.append(f"line {cell.line}: stacked cell '{text}' does not match {stacked} values, read as one")
            names, stacked = [text], 1
        quote = " | ".join(c.text for c in row_cells)
        for k, name in enumerate(names):
            vals = [parse_value(v.text.split()[k]) if stacked > 1 else parse_value(v.text) for v in values]
            attr = attribute.split()[min(k, len(attribute.split()) - 1)] if attribute else None
            name = re.sub(r"^\s*(\d+|[(（]\d+[)）])[.．、]?\s*", "", name)  # a row number: "1.在园幼儿数"
            is_part = bool(re.match(r"其中\s*[:：]?", name))
            name = re.sub(r"^其中\s*[:：]?\s*", "", name)
            unit, unit_from = _row_unit(name, unit_cell, vals)
            part_of = self._part_of(name, is_part, unit, unit_from)
            if part_of is not None and unit is None:
                unit, unit_from = self.rows[part_of].unit, "total"
            if part_of is None:
                self.total = len(self.rows)
            self.rows.append(
                Row(
                    name=NAME_UNIT.sub("", name).strip(),
                    category=self.category,
                    cells=row_cells,
                    values=vals,
                    attribute=attr,
                    unit=unit,
                    unit_from=unit_from,
                    part_of=part_of,
                    line=cell.line,
                    quote=quote,
                )
            )

    def _part_of(self, name: str, is_part: bool, unit: str | None, unit_from: str) -> int | None:
        """The total a row is part of: a 其中 row, or a row after one in the same block."""
        rows, total = self.rows, self.total
        if is_part and rows:
            self.in_parts = True
        elif self.in_parts and unit_from in ("name", "cell") and total is not None and unit != rows[total].unit:
            self.in_parts = False  # a row with a unit of its own ends the 其中 block
        elif self.in_parts and RATE_NAME.search(name):
            self.in_parts = False
        return total if (is_part or self.in_parts) else None


def _row_number(cells: list[Cell], j: int) -> bool:
    """Cell j is a row number (序号 column): a small whole number right before a row's name."""
    return (
        bool(re.fullmatch(r"\d{1,2}", cells[j].text))
        and j + 1 < len(cells)
        and not is_value_cell(cells[j + 1].text)
        and not is_attribute_cell(cells[j + 1].text)
    )


def _row_unit(name: str, unit_cell: str | None, values: list[CellValue | None]) -> tuple[str | None, str]:
    """Where a row's unit comes from: its name "(万人)", a unit column, a cell "99%以上", or a rate name (率 → %)."""
    m = NAME_UNIT.search(name)
    if m:
        return ("%" if m[1] == "％" else m[1]), "name"
    if unit_cell:
        return unit_cell, "column"
    for v in values:
        if v is not None and v.unit:
            return v.unit, "cell"
    if RATE_NAME.search(name):
        return "%", "rate name"
    return None, "none"


def kind_of(unit: str) -> str:
    """count / rate / years, from the unit: % → rate, 年 → years."""
    return {"%": "rate", "年": "years"}.get(unit, "count")
